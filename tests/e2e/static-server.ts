// A plain static file server for the browser tests that need more than Vite's preview: the app
// under a sub-path, and a folder that can be swapped for another build at the same address. It
// sends the headers a host should send (scripts/vite/headers.ts), as `vite preview` does.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { SECURITY_HEADERS } from '../../scripts/vite/headers';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.map': 'application/json',
};

export interface StaticServer {
  /** The app's address, ending in the sub-path and a slash. */
  url: string;
  /** Serves another folder from now on, at the same address. */
  serve(dir: string): void;
  close(): Promise<void>;
}

export async function serveStatic(dir: string, subPath = '/'): Promise<StaticServer> {
  let root = dir;
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (!path.startsWith(subPath)) {
      res.writeHead(404).end('not found');
      return;
    }
    const rel = normalize(path.slice(subPath.length) || 'index.html').replace(/^(\.\.[/\\])+/, '');
    const file = join(root, rel.endsWith('/') || rel === '.' ? join(rel, 'index.html') : rel);
    readFile(file).then(
      // no-cache, as most intranet servers: the browser asks again each time, so a new build shows up
      (body) => res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-cache' }).end(body),
      () => res.writeHead(404).end('not found'),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}${subPath}`,
    serve: (next) => (root = next),
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
