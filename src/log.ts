import pino from 'pino';
import { loadConfig } from './config';

/** Structured JSON logs on stdout: what log shippers on government intranets ingest. */
export const log = pino({
  level: loadConfig().logLevel,
  base: { service: 'xuncha-hub' },
  redact: ['req.headers.authorization', '*.authorization', '*.apiKey', '*.password'],
});
