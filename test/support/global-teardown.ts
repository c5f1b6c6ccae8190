import type { ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';

export default async function globalTeardown(): Promise<void> {
  const child = (globalThis as Record<string, unknown>).__PG_CHILD__ as ChildProcess | undefined;
  if (child && child.exitCode === null) {
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => {
        child.kill('SIGKILL');
        resolve();
      }, 15000).unref();
    });
  }
  if (process.env.HUB_TEST_TMP) rmSync(process.env.HUB_TEST_TMP, { recursive: true, force: true });
}
