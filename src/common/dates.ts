/**
 * Calendar dates as the agencies count them: in China (UTC+8). A deadline passes at
 * local midnight, a clue found at 07:00 on the 3rd is found on the 3rd.
 */
export const chinaDate = (at: Date | number = Date.now()): string => new Date(new Date(at).getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
