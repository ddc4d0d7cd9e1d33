// What a first visit needs before it can paint comes in the page itself: the hosted build puts the
// app's stylesheet and the two classic start scripts (public/startup-check.js, public/first-view.js)
// inline in index.html, so the sample's first view is drawn as soon as the page is parsed instead
// of after three more requests (docs/performance.md, start-up). The scripts are allowed by their
// SHA-256 hashes, in the page's meta CSP and in the header CSP a host sends (headers.ts), so no
// policy allows inline script in general. The dev server keeps them as files, as index.html has them.
import { createHash } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin, Rollup } from 'vite';

const publicDir = fileURLToPath(new URL('../../public/', import.meta.url));

/** The classic scripts index.html loads before the app, in order. */
export const START_SCRIPTS = ['startup-check.js', 'first-view.js'] as const;

/**
 * A start script's text as it is put in the page. Line ends are LF, as the HTML parser makes them
 * before the browser hashes an inline script: a copy checked out with CRLF hashes the same.
 */
export function startScript(name: (typeof START_SCRIPTS)[number]): string {
  const text = readFileSync(`${publicDir}${name}`, 'utf8').replace(/\r\n?/g, '\n').trim();
  if (/<\/script/i.test(text)) throw new Error(`public/${name} cannot be put in the page: it contains </script`);
  return text;
}

/** A CSP source that allows exactly this inline script. */
export function scriptHash(text: string): string {
  return `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
}

/** The hashes of the inlined start scripts, for a CSP's script-src. */
export const START_SCRIPT_HASHES: readonly string[] = START_SCRIPTS.map((name) => scriptHash(startScript(name)));

/** index.html with its start scripts inline and the first view's script no longer preloaded. */
export function inlineStartScripts(html: string): string {
  let out = html.replace(/<link rel="preload" href="\.\/first-view\.js"[^>]*>\s*/, '');
  for (const name of START_SCRIPTS) {
    const tag = `<script src="./${name}"></script>`;
    if (!out.includes(tag)) throw new Error(`index.html has no ${tag} to inline`);
    out = out.replace(tag, () => `<script>${startScript(name)}</script>`);
  }
  return out;
}

/** The hosted build's page: start scripts and the app's stylesheet inline, the scripts' hashes in the meta CSP. */
export function inlinePage(): Plugin {
  return {
    name: 'headroom:inline-page',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        let out = inlineStartScripts(html);
        // the header CSP (headers.ts) was worked out when the config loaded: a start script changed
        // since (a build in watch mode) would be refused by it
        const inline = [...out.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => scriptHash(m[1]));
        if (inline.join(' ') !== START_SCRIPT_HASHES.join(' ')) throw new Error('a start script changed since the build began: start the build again so the CSP allows it');
        // the entry's stylesheet (Vite links it from the head); chunks loaded later keep their own files
        const links = [...out.matchAll(/<link rel="stylesheet"[^>]*href="\.\/(assets\/[^"]+\.css)"[^>]*>/g)];
        if (links.length !== 1) throw new Error(`index.html links ${links.length} stylesheets; expected the app's one`);
        const [tag, fileName] = links[0];
        const asset = ctx.bundle?.[fileName] as Rollup.OutputAsset | undefined;
        if (!asset || asset.type !== 'asset') throw new Error(`the build has no ${fileName} to put in the page`);
        const css = String(asset.source);
        // in the page, a relative url() would be read from the page's folder, not assets/
        const url = /url\(\s*['"]?(?!data:)[^)]*\)/.exec(css);
        if (url) throw new Error(`${fileName} refers to a file (${url[0]}): it cannot go in the page as it is`);
        if (/<\/style/i.test(css)) throw new Error(`${fileName} contains </style and cannot go in the page`);
        out = out.replace(tag, () => `<style>${css}</style>`);
        // nothing else loads it: the page has it, and the offline cache need not
        delete ctx.bundle![fileName];
        // (the entry lists it as its own, which is how the page came to link it)
        const base = fileName.split('/').pop()!;
        const user = Object.values(ctx.bundle!).find((c) => c.type === 'chunk' && (c.code.includes(base) || (!c.isEntry && c.viteMetadata?.importedCss.has(fileName))));
        if (user) throw new Error(`${user.fileName} loads ${fileName}, which the page now carries inline`);
        const csp = /(<meta\s+http-equiv="Content-Security-Policy"\s+content="[^"]*script-src 'self')/;
        if (!csp.test(out)) throw new Error("index.html's CSP has no script-src 'self' to add the start scripts' hashes to");
        return out.replace(csp, (m) => `${m} ${inline.join(' ')}`);
      },
    },
    // copied from public/ with the rest, and now loaded by nothing: not shipped, not precached
    writeBundle(options) {
      for (const name of START_SCRIPTS) rmSync(join(options.dir!, name), { force: true });
    },
  };
}
