import type { ErrorRequestHandler } from 'express';
import { log } from '../log';

/** Bodies over the limit and malformed JSON get a GraphQL-shaped error with a code, never an HTML page or a stack. */
export const jsonErrors =
  (maxBody: string): ErrorRequestHandler =>
  (err: Error & { type?: string; status?: number }, _req, res, next) => {
    if (res.headersSent) return next(err);
    if (err.type === 'entity.too.large') {
      res.status(413).json({ errors: [{ message: `Request body exceeds ${maxBody}`, extensions: { code: 'PAYLOAD_TOO_LARGE' } }] });
    } else if (err.type === 'entity.parse.failed') {
      res.status(400).json({ errors: [{ message: 'Request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }] });
    } else {
      log.error({ err }, 'http error');
      res.status(err.status ?? 500).json({ errors: [{ message: 'Internal error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
    }
  };
