// The single-file edition (`npm run build:single`): one headroom.html that runs from a disk or a
// share drive (file://), where a browser loads no module scripts or workers from other files.
// Everything is inlined: the app, its styles, every worker (started from blob: URLs), the
// start-up check and the icon. Inline scripts are allowed by their SHA-256 hashes in the page's
// Content-Security-Policy, so the policy still has neither 'unsafe-inline' scripts nor 'unsafe-eval'.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Plugin, PluginOption } from 'vite';
import { viteSingleFile } from 'vite-plugin-singlefile';
import { inlineStartScripts } from './page.ts';

export const SINGLE_FILE_NAME = 'headroom.html';
export const SINGLE_OUT_DIR = 'dist-single';

const root = fileURLToPath(new URL('../../', import.meta.url));

export function singleFile(): PluginOption[] {
  return [inlineWorkers(), viteSingleFile({ removeViteModuleLoader: true, outputFileName: SINGLE_FILE_NAME }), finishPage()];
}

/** The engine client's workers come from inlined code instead of separate files. */
function inlineWorkers(): Plugin {
  return {
    name: 'headroom:inline-workers',
    enforce: 'pre',
    async resolveId(source, importer) {
      // the engine client and the Monte Carlo pool both take their workers from ./workers
      if (source === './workers' && /\/src\/engine-client\/(index|montecarlo)\.ts$/.test(importer?.replaceAll('\\', '/') ?? '')) {
        return this.resolve('./workers-inline', importer);
      }
      return null;
    },
  };
}

/** Inlines the start-up check, the first view's script and the icon, marks the page as the single-file edition, and hashes its scripts into the CSP. */
function finishPage(): Plugin {
  return {
    name: 'headroom:single-page',
    enforce: 'post',
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        const page = bundle[SINGLE_FILE_NAME];
        if (!page || page.type !== 'asset') throw new Error(`the single-file build did not produce ${SINGLE_FILE_NAME}`);
        let html = String(page.source);
        const icon = readFileSync(`${root}public/favicon.svg`);
        html = inlineStartScripts(html)
          .replace('data-edition="web"', 'data-edition="single"')
          .replace(/href="\.\/favicon\.svg"/, () => `href="data:image/svg+xml;base64,${icon.toString('base64')}"`)
          .replace(/<link rel="apple-touch-icon"[^>]*>\s*/, '');
        // every worker is inlined too: a file beside the page would not load from a disk
        const others = Object.keys(bundle).filter((name) => name !== SINGLE_FILE_NAME);
        if (others.length) throw new Error(`${SINGLE_FILE_NAME} would need other files beside it: ${others.join(', ')}`);
        const external = html.match(/<script[^>]*\ssrc=[^>]*>|<link[^>]*\shref="(?!data:)[^>]*>/);
        if (external) throw new Error(`${SINGLE_FILE_NAME} still refers to another file: ${external[0]}`);
        const hashes = [...html.matchAll(/<script[^>]*>([\s\S]*?)<\/script>/g)].map((m) => `'sha256-${createHash('sha256').update(m[1]).digest('base64')}'`);
        html = html.replace(/(<meta\s+http-equiv="Content-Security-Policy"\s+content=")([^"]*)"/, (_m, start: string, policy: string) => {
          const next = policy
            .replace("script-src 'self'", `script-src ${hashes.join(' ')}`)
            // a page opened from a file has no server to talk to; workers come from blob: URLs
            .replace(/connect-src [^;]*/, "connect-src 'none'")
            .replace(/worker-src [^;]*/, 'worker-src blob:');
          return `${start}${next}"`;
        });
        if (!html.includes("'sha256-") || /unsafe-eval/.test(html.match(/Content-Security-Policy"\s+content="([^"]*)"/)?.[1] ?? 'unsafe-eval')) {
          throw new Error(`${SINGLE_FILE_NAME}: could not set its Content-Security-Policy`);
        }
        page.source = html;
      },
    },
  };
}
