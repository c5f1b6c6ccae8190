import type { ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { stopPostgres } from './pg-process';

export default async function globalTeardown(): Promise<void> {
  const child = (globalThis as Record<string, unknown>).__PG_CHILD__ as ChildProcess | undefined;
  if (child) await stopPostgres(child);
  if (process.env.HUB_TEST_TMP) rmSync(process.env.HUB_TEST_TMP, { recursive: true, force: true });
}
