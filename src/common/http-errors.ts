import type { IncomingMessage, ServerResponse } from 'node:http';
import accepts from 'accepts';
import type { ErrorRequestHandler } from 'express';
import { log } from '../log';

interface ErrorEntry {
  message: string;
  extensions: { code: string };
}

/** A GraphQL-shaped error answered before Apollo Server sees the request, in the media type the client asked for. */
export function sendErrors(req: IncomingMessage, res: ServerResponse, status: number, errors: ErrorEntry[]): void {
  const type = accepts(req).type(['application/json', 'application/graphql-response+json']) || 'application/json';
  res.statusCode = status;
  res.setHeader('content-type', `${type}; charset=utf-8`);
  res.end(JSON.stringify({ errors }));
}

/** What each body-parser refusal means for the client, in words that name no library. */
const BODY_ERRORS: Record<string, { status: number; code: string; message: (maxBody: string) => string }> = {
  'entity.too.large': { status: 413, code: 'PAYLOAD_TOO_LARGE', message: (max) => `Request body exceeds ${max}` },
  'entity.parse.failed': { status: 400, code: 'BAD_REQUEST', message: () => 'Request body is not valid JSON' },
  'charset.unsupported': { status: 415, code: 'BAD_REQUEST', message: () => 'Request bodies must be JSON encoded as UTF-8 (charset=utf-8)' },
  'encoding.unsupported': { status: 415, code: 'BAD_REQUEST', message: () => 'Unsupported Content-Encoding: send the body uncompressed, gzip or deflate' },
  'request.size.invalid': { status: 400, code: 'BAD_REQUEST', message: () => 'Request body length does not match Content-Length' },
  'request.aborted': { status: 400, code: 'BAD_REQUEST', message: () => 'Request body was cut off' },
};

/**
 * Bodies over the limit, malformed JSON, a charset other than UTF-8 and the like
 * get a GraphQL-shaped error with a 4xx status and a code, never an HTML page, a
 * stack or the parser's own message; anything else is logged and answered 500.
 */
export function answerHttpError(err: Error & { type?: string; status?: number; expose?: boolean }, req: IncomingMessage, res: ServerResponse, maxBody: string): void {
  const known = err.type ? BODY_ERRORS[err.type] : undefined;
  if (known) {
    sendErrors(req, res, known.status, [{ message: known.message(maxBody), extensions: { code: known.code } }]);
  } else if (err.expose && err.status && err.status >= 400 && err.status < 500) {
    sendErrors(req, res, err.status, [{ message: 'Bad request', extensions: { code: 'BAD_REQUEST' } }]);
  } else {
    log.error({ err }, 'http error');
    sendErrors(req, res, 500, [{ message: 'Internal error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }]);
  }
}

/** `answerHttpError` as Express's last error handler, for the routes Express serves. */
export const jsonErrors =
  (maxBody: string): ErrorRequestHandler =>
  (err, req, res, next) => {
    if (res.headersSent) return next(err);
    answerHttpError(err, req, res, maxBody);
  };
