import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * The console is built to static files (dist-console/) that the hub serves at `/`.
 * Everything it needs is bundled: no CDN, no web font, nothing fetched at run time
 * but the hub's own /graphql and /auth.
 */
export default defineConfig({
  root: here,
  base: '/',
  logLevel: 'warn',
  resolve: { alias: { '@labels': path.resolve(here, '../src/common/labels.ts') } },
  build: {
    outDir: path.resolve(here, '../dist-console'),
    emptyOutDir: true,
    // The polyfill would be an inline script, which the console's CSP forbids (and Chromium needs none).
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 2500,
    reportCompressedSize: false,
    rolldownOptions: {
      output: {
        // Libraries in chunks of their own: they change less often than the console's
        // code, so browsers keep them cached across upgrades of the hub.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|react-router|scheduler)[\\/]/, priority: 30 },
            { name: 'echarts', test: /node_modules[\\/](echarts|zrender|echarts-for-react)[\\/]/, priority: 20 },
          ],
        },
      },
      // Ant Design marks its modules "use client" for React Server Components; meaningless in a plain bundle.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
});
