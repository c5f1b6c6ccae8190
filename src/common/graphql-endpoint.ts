import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import accepts from 'accepts';
import express from 'express';
import type { SqlCounter } from '../db/sql-counter';
import { answerHttpError, sendErrors } from './http-errors';
import { bodyRefusal } from './request-guard';
import { runRequest } from './request-scope';

export interface GraphqlEndpointOptions<C extends BaseContext> {
  /** Every other path (health, keys, the console): an Express app. */
  otherRoutes: RequestListener;
  /** The largest JSON body accepted (body-parser's notation, e.g. "1mb"); larger ones get 413. */
  maxBodyBytes: string;
  /** The request's context; `sql` counts the statements the request causes. */
  context: (req: IncomingMessage, sql: SqlCounter) => Promise<C>;
  /** An HTML page for a browser that opens the endpoint without a query (the gateway's playground). */
  page?: { html: string; csp: string };
}

/** The endpoint's path, /graphql (with or without a query string or a trailing slash). */
const GRAPHQL_PATH = /^\/graphql\/?(\?|$)/;

/**
 * The GraphQL endpoint on Node's own HTTP server, as Apollo Server's standalone server
 * does it: parse the JSON body, refuse what no query can use, run the request in its own
 * scope, write Apollo's answer. Express serves every other route; it stays out of this
 * one because its per-request work (router, request and response decoration, an ETag
 * hash of every answer) cost more than Apollo Server and the gateway together on a
 * small query (issue 11, `npm run bench`: the fixed cost per request).
 */
export function graphqlEndpoint<C extends BaseContext>(apollo: ApolloServer<C>, options: GraphqlEndpointOptions<C>): RequestListener {
  const parseJson = express.json({ limit: options.maxBodyBytes }) as unknown as (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) => void;
  const fail = (req: IncomingMessage, res: ServerResponse) => (err: unknown) => {
    if (res.headersSent) res.destroy();
    else answerHttpError(err as Error, req, res, options.maxBodyBytes);
  };

  const answer = async (req: IncomingMessage, res: ServerResponse, search: string, sql: SqlCounter) => {
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method!.toUpperCase(), headers, search, body: (req as { body?: unknown }).body },
      context: () => options.context(req, sql),
    });
    for (const [key, value] of response.headers) res.setHeader(key, value);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  };

  return (req, res) => {
    if (!GRAPHQL_PATH.test(req.url ?? '')) return options.otherRoutes(req, res);
    const q = req.url!.indexOf('?');
    const search = q < 0 ? '' : req.url!.slice(q);
    if (options.page && req.method === 'GET' && !new URLSearchParams(search).get('query') && accepts(req).type('html')) {
      res.setHeader('content-security-policy', options.page.csp);
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.end(options.page.html);
      return;
    }
    parseJson(req, res, (err) => {
      if (err) return fail(req, res)(err);
      // PostgreSQL text cannot hold NUL; refuse it (and absurdly deep JSON) here with a clear code rather than deep in SQL.
      const refusal = bodyRefusal((req as { body?: unknown }).body);
      if (refusal) return sendErrors(req, res, 400, [refusal]);
      const sql: SqlCounter = { statements: 0 };
      runRequest(sql, () => answer(req, res, search, sql)).catch(fail(req, res));
    });
  };
}
