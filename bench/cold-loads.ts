// Cold loads of one or more builds, interleaved so that a busy machine weighs on each alike: for
// each load, a browser of its own on a fresh profile, and when the first view was put in the page,
// when the headline figure was painted (Element Timing) and when the app's own view took over.
// For comparing a change to the start-up against the build before it (docs/performance.md):
//   npx tsx bench/cold-loads.ts dist /tmp/dist-before [--runs 12]
import { parseArgs } from 'node:util';
import { launch } from '../tests/e2e/browser';
import { serveStatic } from '../tests/e2e/static-server';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { runs: { type: 'string', default: '12' } } });
const dirs = positionals.length ? positionals : ['dist'];
type Probe = { __inserted: number | null; __painted: number | null; __refused: string[] };
type Load = { inserted: number; painted: number; live: number };

const servers = await Promise.all(dirs.map((d) => serveStatic(d)));
const loads: Load[][] = dirs.map(() => []);
try {
  for (let i = 0; i < Number(values.runs); i++) {
    for (const [j, server] of servers.entries()) {
      const browser = await launch();
      try {
        const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
        await context.addInitScript(() => {
          const w = window as unknown as Probe;
          w.__inserted = null;
          w.__painted = null;
          w.__refused = [];
          // every build is served with this source's headers: a build whose inline scripts they do not allow is not measured
          document.addEventListener('securitypolicyviolation', (e) => w.__refused.push(`${e.violatedDirective} ${e.blockedURI}`));
          new MutationObserver(() => {
            if (w.__inserted === null && document.getElementById('first-view')) w.__inserted = performance.now();
          }).observe(document, { childList: true, subtree: true });
          new PerformanceObserver((list) => {
            for (const e of list.getEntries() as (PerformanceEntry & { identifier: string; renderTime: number; loadTime: number })[]) {
              if (w.__painted === null && e.identifier === 'headline-figure') w.__painted = e.renderTime || e.loadTime;
            }
          }).observe({ type: 'element', buffered: true });
        });
        const page = await context.newPage();
        await page.goto(server.url);
        await page.waitForFunction(() => (window as unknown as Probe).__painted !== null, undefined, { timeout: 60_000 });
        await page.waitForSelector('.app[data-ready="true"]', { timeout: 60_000 });
        const refused = await page.evaluate(() => (window as unknown as Probe).__refused);
        if (refused.length) throw new Error(`${dirs[j]}: the page broke the Content-Security-Policy this source sends (${refused.join('; ')}); build it with this source's start scripts`);
        loads[j].push(
          await page.evaluate(() => {
            const w = window as unknown as Probe;
            const live = performance.getEntriesByName('headroom:take-over')[0] ?? performance.getEntriesByName('headroom:first-paint')[0];
            // no first view shown: -1
            return { inserted: w.__inserted ?? -1, painted: w.__painted!, live: live.startTime };
          }),
        );
      } finally {
        await browser.close();
      }
    }
  }
} finally {
  await Promise.all(servers.map((s) => s.close()));
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
for (const [j, dir] of dirs.entries()) {
  const row = (k: keyof Load) => `${k} ${Math.round(median(loads[j].map((l) => l[k])))} ms (${loads[j].map((l) => Math.round(l[k])).join(' ')})`;
  console.log(`${dir}\n  ${row('inserted')}\n  ${row('painted')}\n  ${row('live')}`);
}
