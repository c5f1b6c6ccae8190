import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ApolloServer } from '@apollo/server';
import express from 'express';
import type { DataSource } from 'typeorm';
import type { HubConfig } from '../config';
import { briefingPdfRoute } from './console-pdf';
import type { GatewayContext } from './context';
import { sessionRoutes } from './session-routes';

/** Where `npm run build` puts the console (vite, see console/); git-ignored. */
export const CONSOLE_DIR = path.resolve(__dirname, '../../../dist-console');

/**
 * The console's pages load only what the hub serves: scripts from its own origin (no
 * inline script), styles inline or its own (Ant Design writes its styles at run
 * time), API calls to itself, no frames of it on other sites.
 */
export const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "frame-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const securityHeaders = (res: express.Response) => {
  res.set('Content-Security-Policy', CONSOLE_CSP);
  res.set('X-Content-Type-Options', 'nosniff');
  res.set('Referrer-Policy', 'no-referrer');
};

/**
 * The web console (控制台) at `/`: its built files, the sign-in routes under `/auth`
 * and the briefing as PDF. The console calls `/graphql` like any client; it gets no
 * data any other way.
 */
export function mountConsole(app: express.Express, apollo: ApolloServer<GatewayContext>, accessDs: DataSource, config: HubConfig): void {
  app.use('/auth', sessionRoutes(accessDs, config));
  app.get('/dossier.pdf', briefingPdfRoute(apollo, accessDs, config));
  app.use(
    '/assets',
    express.static(path.join(CONSOLE_DIR, 'assets'), {
      immutable: true,
      maxAge: '365d',
      index: false,
      fallthrough: false,
      setHeaders: (res) => res.set('X-Content-Type-Options', 'nosniff'),
    }),
  );
  const indexFile = path.join(CONSOLE_DIR, 'index.html');
  app.get('/', (_req, res) => {
    // Read on each request (a small file): a rebuild while the hub runs names new asset files.
    const index = existsSync(indexFile) ? readFileSync(indexFile, 'utf8') : undefined;
    securityHeaders(res);
    res.set('Cache-Control', 'no-cache');
    if (!index) {
      res.status(503).type('text/plain; charset=utf-8').send('控制台尚未构建：请运行 npm run build（npm start 会自动构建）。GraphQL 接口在 /graphql。\n');
      return;
    }
    res.type('html').send(index);
  });
}
