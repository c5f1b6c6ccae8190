import { GraphQLError } from 'graphql';

/** Error codes clients can rely on; the message is for people, the code for programs. */
export type ErrorCode = 'FORBIDDEN' | 'BAD_USER_INPUT' | 'UNAUTHENTICATED' | 'NOT_FOUND' | 'CONFLICT' | 'SERVICE_UNAVAILABLE';

const HTTP_STATUS: Partial<Record<ErrorCode, number>> = { UNAUTHENTICATED: 401 };

const KNOWN_CODES = new Set<string>(['FORBIDDEN', 'BAD_USER_INPUT', 'UNAUTHENTICATED', 'NOT_FOUND', 'CONFLICT', 'SERVICE_UNAVAILABLE']);
export const isErrorCode = (code: string): code is ErrorCode => KNOWN_CODES.has(code);

export function hubError(code: ErrorCode, message: string, extra: Record<string, unknown> = {}): GraphQLError {
  const status = HTTP_STATUS[code];
  return new GraphQLError(message, {
    extensions: { code, ...extra, ...(status ? { http: { status } } : {}) },
  });
}

export const forbidden = (message: string, extra?: Record<string, unknown>) => hubError('FORBIDDEN', message, extra);
export const badInput = (message: string, extra?: Record<string, unknown>) => hubError('BAD_USER_INPUT', message, extra);
export const unauthenticated = (message: string) => hubError('UNAUTHENTICATED', message);

/** SQLSTATE of a failed statement (TypeORM wraps the driver's error). */
export function sqlState(err: unknown): string | undefined {
  const e = err as { code?: unknown; driverError?: { code?: unknown } } | null;
  const code = e?.driverError?.code ?? e?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Runs a write that a unique index guards; a duplicate (PostgreSQL 23505) becomes CONFLICT with `message` instead of an internal error. */
export async function conflictOnDuplicate<T>(write: Promise<T>, message: string): Promise<T> {
  try {
    return await write;
  } catch (err) {
    if (sqlState(err) === '23505') throw hubError('CONFLICT', message);
    throw err;
  }
}
