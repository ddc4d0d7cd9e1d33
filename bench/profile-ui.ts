// Where the time goes in Chromium, for docs/performance.md: opens the app (and England as a file),
// types GP WTEs, and writes a CPU profile of the page's thread (or, with TRACE=1, a performance
// trace of the page and both workers) of opening and of editing, with each edit's time and the
// worker's share. Open the files in Chromium's DevTools (Performance panel).
//   npx tsx bench/profile-ui.ts [sample|england] [edits]     (NOBUILD=1: serve the last build;
//   OUT=dir: where the files go, by default a folder in the system's temporary directory)
import { writeFileSync, mkdtempSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, serveBuilt, openApp } from '../tests/e2e/browser';
import { AppPage } from '../tests/e2e/app';
import { englandWorkbook } from './england';
import { serializeWorkbook } from '../src/io/workbook-file';
import { heapsMb } from './heaps';

const which = process.argv[2] ?? 'sample';
const out = process.env.OUT ?? join(tmpdir(), 'headroom-profile');
mkdirSync(out, { recursive: true });
const n = Number(process.argv[3] ?? 10);
const server = await serveBuilt({ build: process.env.NOBUILD !== '1' });
const browser = await launch();
try {
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  const page = await openApp(context, server.url);
  let practice = 'F81001';
  if (which === 'england') {
    const dir = mkdtempSync(join(tmpdir(), 'hp-'));
    const file = join(dir, 'england.headroom.json');
    const wb = englandWorkbook();
    writeFileSync(file, serializeWorkbook(wb));
    practice = wb.practices[0].code;
    const t0 = await page.evaluate(() => performance.now());
    const cdp0 = await context.newCDPSession(page);
    await cdp0.send('Profiler.enable');
    await cdp0.send('Profiler.setSamplingInterval', { interval: 200 });
    if (process.env.TRACE) await browser.startTracing(page, { path: `${out}/open-${which}.trace.json`, categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'toplevel', 'v8.execute', 'blink.user_timing', 'v8'] });
    else await cdp0.send('Profiler.start');
    await page.setInputFiles('[data-testid="file-input"]', file);
    await page.waitForFunction((name) => document.querySelector('[data-testid="workbook-name"] .title')?.textContent === name, wb.name, { timeout: 180_000, polling: 5 });
    const t1 = await page.evaluate(() => performance.now());
    await page.waitForFunction((t) => performance.getEntriesByName('headroom:drawn:gap').some((m) => m.startTime > t), t1, { timeout: 180_000 });
    const opened = await page.evaluate((t) => performance.getEntriesByName('headroom:drawn:gap').find((m) => m.startTime > t)!.startTime, t1) - t0;
    if (process.env.TRACE) await browser.stopTracing();
    else {
      const { profile } = await cdp0.send('Profiler.stop');
      writeFileSync(`${out}/open-${which}.cpuprofile`, JSON.stringify(profile));
    }
    console.log('open ms', opened.toFixed(0));
    const heaps = await heapsMb(page);
    console.log('memory MB', heaps.total.toFixed(1), JSON.stringify(Object.fromEntries(Object.entries(heaps.parts).map(([k, v]) => [k, Math.round(v * 10) / 10]))));
    await page.waitForFunction(() => document.querySelector('[data-status]')?.getAttribute('data-status') === 'saved', undefined, { timeout: 180_000 });
  }
  const app = new AppPage(page);
  await app.sheet('workforce');
  await app.filter(practice);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  const times: string[] = [];
  for (let i = 0; i < n; i++) {
    if (n <= 3) break;
    if (i === 3) {
      if (process.env.TRACE) await browser.startTracing(page, { path: `${out}/edit-${which}.trace.json`, categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'toplevel', 'v8.execute', 'blink.user_timing', 'v8'] });
      else await cdp.send('Profiler.start');
    }
    await page.evaluate(() => performance.clearMarks());
    await app.type(`practice:${practice}:gp`, 'wte', String(8 + (i % 2 === 0 ? 2 : 0) + i * 0.01));
    const r = await page.waitForFunction(() => {
      const edit = performance.getEntriesByName('headroom:edit').at(-1);
      const drawn = edit && performance.getEntriesByName('headroom:drawn:gap').find((m) => m.startTime > edit.startTime);
      return drawn ? drawn.startTime - edit!.startTime : null;
    }, undefined, { timeout: 60_000 });
    const ms = (await r.jsonValue()) as number;
    const compute = await page.evaluate(() => document.querySelector('.busy')?.getAttribute('title') ?? '');
    times.push(`${ms.toFixed(0)} (${/in (\d+) ms/.exec(compute)?.[1]} worker)`);
    await page.waitForTimeout(300);
  }
  if (n > 3) {
  if (process.env.TRACE) await browser.stopTracing();
  else {
    const { profile } = await cdp.send('Profiler.stop');
    writeFileSync(`${out}/edit-${which}.cpuprofile`, JSON.stringify(profile));
  }
  console.log('edit ms', times.join(' '));
  }
  console.log('written to', out);
} finally {
  await browser.close();
  await server.close();
}
