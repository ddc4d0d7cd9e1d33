// The hosted edition as an installable, offline app: a web app manifest and a Workbox service
// worker that precaches every file the app needs. Registered by src/state/app-updates.svelte.ts.
import { VitePWA } from 'vite-plugin-pwa';
import type { PluginOption } from 'vite';

/** Workbox skips larger files without failing; the app bundle alone is close to 2 MiB, so allow well beyond it. */
export const PRECACHE_MAX_BYTES = 16 * 1024 * 1024;

export function pwa(): PluginOption {
  return VitePWA({
    // an update waits for the planner: the page shows "new version ready" and applies it on request
    registerType: 'prompt',
    // the shipped Workbox build even when built from the tests (where NODE_ENV is "test")
    mode: 'production',
    injectRegister: false,
    strategies: 'generateSW',
    filename: 'sw.js',
    manifestFilename: 'manifest.webmanifest',
    // the precache list comes from globPatterns alone (public/ included), each file once
    includeManifestIcons: false,
    manifest: {
      id: './',
      name: 'Headroom: GP demand and capacity planning',
      short_name: 'Headroom',
      description: 'How many GP appointments will we be short, and what closes the gap? Computed in your browser; no server.',
      lang: 'en-GB',
      dir: 'ltr',
      start_url: './',
      scope: './',
      display: 'standalone',
      theme_color: '#003087',
      background_color: '#f4f6f8',
      categories: ['productivity', 'medical', 'business'],
      icons: [
        { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
        { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
        { src: 'icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        { src: 'icons/icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
      ],
      // installed, Headroom is offered for workbook files; they arrive through window.launchQueue
      file_handlers: [{ action: './', accept: { 'application/json': ['.headroom.json', '.json'] } }],
      launch_handler: { client_mode: ['focus-existing', 'auto'] },
    },
    workbox: {
      // everything the app loads, sourcemaps aside: page, bundle, both engine workers, styles, icons
      // (the plugin adds the manifest itself)
      globPatterns: ['**/*.{html,js,css,svg,png,json,woff,woff2}'],
      globIgnores: ['**/*.map'],
      maximumFileSizeToCacheInBytes: PRECACHE_MAX_BYTES,
      navigateFallback: 'index.html',
      cleanupOutdatedCaches: true,
      skipWaiting: false,
      clientsClaim: false,
      // one self-contained sw.js: a separate Workbox file would be loaded with importScripts(), which
      // the CSP's require-trusted-types-for refuses in a worker (the precache would silently never run)
      inlineWorkboxRuntime: true,
    },
  });
}
