// A Vite plugin that prints, after `npm run build`, how much JavaScript the page loads before
// anything shows: the entry chunk and everything it imports statically, gzipped. Chunks loaded
// on demand (the grid, the charts) and the workers are not counted.
import { gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

export const INITIAL_JS_TARGET_KB = 250;

export function initialJsReport(): Plugin {
  return {
    name: 'headroom-initial-js',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chunks = new Map(Object.values(bundle).flatMap((c) => (c.type === 'chunk' ? [[c.fileName, c] as const] : [])));
      const seen = new Set<string>();
      const visit = (name: string) => {
        const c = chunks.get(name);
        if (!c || seen.has(name)) return;
        seen.add(name);
        c.imports.forEach(visit);
      };
      for (const c of chunks.values()) if (c.isEntry) visit(c.fileName);
      if (seen.size === 0) return;
      let bytes = 0;
      for (const name of seen) bytes += gzipSync(chunks.get(name)!.code, { level: 9 }).length;
      const kb = bytes / 1000;
      const verdict = kb <= INITIAL_JS_TARGET_KB ? 'within' : 'OVER';
      this.info(`initial JavaScript: ${kb.toFixed(1)} kB gzip in ${seen.size} file${seen.size === 1 ? '' : 's'} (${verdict} the ${INITIAL_JS_TARGET_KB} kB target)`);
    },
  };
}
