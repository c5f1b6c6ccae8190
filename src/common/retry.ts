import { hubError, sqlState } from './errors';

/** serialization_failure and deadlock_detected: the transaction was rolled back and may simply run again. */
const TRANSIENT = new Set(['40001', '40P01']);

export interface RetryOptions {
  attempts?: number;
  /** Upper bound of the first wait; doubles with every attempt. */
  baseDelayMs?: number;
  /** What the caller is told when every attempt collided. */
  message?: string;
}

/**
 * Runs a transaction again when PostgreSQL rolled it back for colliding with another
 * (deadlock, serialization failure), after a random wait so the colliders do not meet
 * again in step. When every attempt collides, the caller gets a CONFLICT it may retry,
 * never the database's message.
 */
export async function retryTransient<T>(work: () => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const attempts = options.attempts ?? 6;
  const base = options.baseDelayMs ?? 20;
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (err) {
      if (!TRANSIENT.has(sqlState(err) ?? '')) throw err;
      if (attempt >= attempts) {
        throw hubError('CONFLICT', options.message ?? 'Other requests were changing the same records at the same moment; nothing was written. Repeat the request.', {
          retryable: true,
        });
      }
      await new Promise((resolve) => setTimeout(resolve, Math.random() * base * 2 ** (attempt - 1)));
    }
  }
}
