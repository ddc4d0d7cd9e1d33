import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { pwa } from './scripts/vite/pwa.ts';
import { singleFile, SINGLE_OUT_DIR } from './scripts/vite/single.ts';
import { initialJsReport } from './scripts/initial-js.js';
import { SECURITY_HEADERS } from './scripts/vite/headers.ts';
import { firstView } from './scripts/vite/first-view.ts';
import { inlinePage } from './scripts/vite/page.ts';

// One config for the app, its worker and the test projects. `--mode single` builds the one-file
// edition (scripts/vite/single.ts); every other build is the hosted, installable app.
export default defineConfig(({ command, mode }) => ({
  plugins: [svelte(), firstView(), ...(mode === 'single' ? singleFile() : [inlinePage(), pwa(), initialJsReport()])],
  define: { __HEADROOM_SERVICE_WORKER__: JSON.stringify(command === 'build' && mode !== 'single') },
  // relative asset paths, so the hosted app works under any sub-path of a web server
  base: './',
  // a page opened from a file may start only classic workers (a module worker from a blob: URL is
  // refused there), so the single-file edition builds its workers as one classic script each
  worker: { format: mode === 'single' ? 'iife' : 'es' },
  build:
    mode === 'single'
      ? { target: 'es2022', sourcemap: false, outDir: SINGLE_OUT_DIR, copyPublicDir: false }
      : { target: 'es2022', sourcemap: true, chunkSizeWarningLimit: 2000 },
  server: { port: 5173, strictPort: false },
  // the headers a host should send (docs/hosting.md): the browser tests run under them
  preview: { port: 4173, headers: { ...SECURITY_HEADERS } },
  test: {
    projects: [
      {
        extends: true,
        // the CLI tests start processes: allow for a busy machine (a guard, not a speed goal)
        test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node', testTimeout: 30_000 },
      },
      {
        extends: true,
        test: { name: 'dom', include: ['tests/storage/**/*.test.ts', 'tests/state/**/*.test.ts'], environment: 'happy-dom', testTimeout: 30_000 },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/e2e/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // one Chromium at a time: the machine has two cores
          fileParallelism: false,
        },
      },
    ],
  },
}));
