// A first visit's figures in the page itself. The build renders the app's first view of the
// embedded sample (scripts/vite/first-view-render.ts) into a <template> in index.html, with the
// financial year it was drawn in. On what is certainly a first visit public/first-view.js shows it
// as soon as the page is parsed, before any of the app's JavaScript has loaded; the app replaces it
// with its own view once that has the same figures (src/ui/first-paint.ts). The figures are the
// engine's, computed by the same code the app runs.
import { createServer, type Plugin } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import type { FirstView } from './first-view-render.ts';

const SLOT = '<template id="first-view-template"></template>';

/** Renders the first view in a Vite server of its own (Svelte components compiled for the server). */
async function renderWithVite(root: string): Promise<FirstView> {
  const server = await createServer({
    configFile: false,
    root,
    logLevel: 'error',
    // the same output whatever NODE_ENV the build runs under (tests set "test")
    plugins: [svelte({ compilerOptions: { dev: false } })],
    server: { middlewareMode: true, hmr: false, ws: false },
    appType: 'custom',
    // a CommonJS package the app imports by name (the update prompt's service worker helper)
    ssr: { noExternal: ['workbox-window'] },
    optimizeDeps: { noDiscovery: true, include: [] },
  });
  try {
    const mod = (await server.ssrLoadModule('/scripts/vite/first-view-render.ts')) as { renderFirstView: () => Promise<FirstView> };
    return await mod.renderFirstView();
  } finally {
    await server.close();
  }
}

export function firstView(): Plugin {
  let root = '';
  return {
    name: 'headroom:first-view',
    apply: 'build',
    configResolved(config) {
      root = config.root;
    },
    transformIndexHtml: {
      order: 'pre',
      async handler(html) {
        if (!html.includes(SLOT)) throw new Error(`index.html has no ${SLOT} for the first view`);
        const view = await renderWithVite(root);
        if (!/^\d{4}\/\d{2}$/.test(view.fy)) throw new Error(`the first view's year is not a financial year: ${view.fy}`);
        return html.replace(SLOT, () => `<template id="first-view-template" data-fy="${view.fy}">${view.html}</template>`);
      },
    },
  };
}
