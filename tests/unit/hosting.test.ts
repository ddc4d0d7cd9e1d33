// The headers docs/hosting.md tells a host to send are the ones every browser test runs under, and
// the start scripts' hashes in them are those of the scripts the built page carries inline.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SECURITY_HEADERS } from '../../scripts/vite/headers';
import { START_SCRIPTS, START_SCRIPT_HASHES, inlineStartScripts, scriptHash, startScript } from '../../scripts/vite/page';

const doc = readFileSync('docs/hosting.md', 'utf8');

describe('hosting headers', () => {
  it('docs/hosting.md gives every header with exactly the value the test servers send', () => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
      const row = doc.split('\n').find((line) => line.startsWith(`| \`${name}\` |`));
      expect(row, name).toBeDefined();
      expect(row!.split(' | ')[1], name).toBe(`\`${value}\``);
    }
  });

  it("allows each start script by the hash of its text as inlined, and no other inline script", () => {
    const csp = SECURITY_HEADERS['Content-Security-Policy'];
    const scriptSrc = /script-src ([^;]*)/.exec(csp)![1].split(' ');
    expect(scriptSrc).toEqual(["'self'", ...START_SCRIPT_HASHES]);
    const page = inlineStartScripts(readFileSync('index.html', 'utf8'));
    const inline = [...page.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
    expect(inline).toEqual(START_SCRIPTS.map((name) => startScript(name)));
    expect(inline.map(scriptHash)).toEqual(START_SCRIPT_HASHES);
    // no classic script left to fetch, and no preload of one
    expect(page).not.toMatch(/<script src=|rel="preload"/);
  });
});
