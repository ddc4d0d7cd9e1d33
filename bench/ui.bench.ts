// The app in real Chromium, as a planner meets it. Reports, with the names issue 15 gives them:
//   ui.firstFigure.sample   navigation to the first headline figure (the overview's) painted, cold, fresh
//                           profile (Element Timing); the median of --cold loads, each in a browser of its own
//   ui.firstLive.sample     (no target) the same loads until the app's own view has taken over from the one
//                           the page carried (scripts/vite/first-view.ts)
//   ui.edit.sample.p95      typing a GP WTE on the sample until the demand and capacity chart redraws
//   ui.open.england         England (bench/england.ts) chosen as a file until its figures show
//   ui.edit.england.p95     the same edit as on the sample, in England
//   ui.longtask.england.max the longest main-thread task while editing England
//   ui.save.england.p95     an England edit until the top bar says "Saved in this browser"
//   ui.memory.england.mb    the page and its workers with England open: each one's JS heap in use plus the
//                           ArrayBuffers it holds (typed arrays live there), read over CDP per target
//   ui.memory.england.rss.mb (no target) the renderer's resident memory, which counts shared pages too
//   npm run bench:ui [-- --runs 40] [-- --json]
import { parseArgs } from 'node:util';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { launch, serveBuilt, openApp } from '../tests/e2e/browser';
import { AppPage } from '../tests/e2e/app';
import { englandWorkbook } from './england';
import { serializeWorkbook } from '../src/io/workbook-file';
import { heapsMb } from './heaps';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '40' }, cold: { type: 'string', default: '9' }, json: { type: 'boolean', default: false } } });
const runs = Number(values.runs);
const coldRuns = Number(values.cold);

type Probe = { __longTasks: number[]; __status: { t: number; s: string }[]; __firstFigure: number | null; __titles: { t: number; title: string }[] };

/** Long tasks, save-state changes and the first headline figure, recorded from the first moment. */
async function instrument(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const w = window as unknown as Probe;
    w.__longTasks = [];
    w.__status = [];
    w.__firstFigure = null;
    w.__titles = [];
    new PerformanceObserver((list) => list.getEntries().forEach((e) => w.__longTasks.push(e.duration))).observe({ type: 'longtask', buffered: true });
    // when the headline figure is first painted, not merely put in the page
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as (PerformanceEntry & { identifier: string; renderTime: number; loadTime: number })[]) {
        if (w.__firstFigure === null && e.identifier === 'headline-figure') w.__firstFigure = e.renderTime || e.loadTime;
      }
    }).observe({ type: 'element', buffered: true });
    new MutationObserver(() => {
      const s = document.querySelector('[data-status]')?.getAttribute('data-status');
      if (s && w.__status[w.__status.length - 1]?.s !== s) w.__status.push({ t: performance.now(), s });
      // when a workbook's name is first shown: its charts are drawn after (the last one's are gone)
      const title = document.querySelector('[data-testid="workbook-name"] .title')?.textContent ?? '';
      if (w.__titles[w.__titles.length - 1]?.title !== title) w.__titles.push({ t: performance.now(), title });
    }).observe(document, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['data-status'] });
  });
}

const quantile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))];
};

/** Types GP WTEs into one practice; returns edit-to-chart and edit-to-saved times. */
async function editRuns(page: Page, practice: string, n: number): Promise<{ chart: number[]; saved: number[]; longTasks: number[] }> {
  const app = new AppPage(page);
  await app.sheet('workforce');
  await app.filter(practice);
  const row = `practice:${practice}:gp`;
  const chart: number[] = [];
  const saved: number[] = [];
  await page.evaluate(() => ((window as unknown as Probe).__longTasks.length = 0));
  for (let i = 0; i < n + 3; i++) {
    await page.evaluate(() => performance.clearMarks());
    await app.type(row, 'wte', String(8 + (i % 2 === 0 ? 2 : 0) + i * 0.01));
    const times = await page.waitForFunction(
      () => {
        const w = window as unknown as Probe;
        const edit = performance.getEntriesByName('headroom:edit').at(-1);
        if (!edit) return null;
        const drawn = performance.getEntriesByName('headroom:drawn:gap').find((m) => m.startTime > edit.startTime);
        const save = w.__status.find((x) => x.t > edit.startTime && x.s === 'saved');
        return drawn && save ? [drawn.startTime - edit.startTime, save.t - edit.startTime] : null;
      },
      undefined,
      { timeout: 60_000 },
    );
    const [c, s] = (await times.jsonValue()) as [number, number];
    if (i >= 3) {
      // the first edits warm the JIT
      chart.push(c);
      saved.push(s);
    }
  }
  const longTasks = await page.evaluate(() => (window as unknown as Probe).__longTasks);
  return { chart, saved, longTasks };
}

/** Resident memory of the renderers this process's Chromium started (the page and its workers). */
function rendererMb(): number {
  const children = (pid: number): number[] => {
    try {
      return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
    } catch {
      return [];
    }
  };
  let kb = 0;
  const walk = (pid: number) => {
    for (const c of children(pid)) {
      const cmd = readFileSync(`/proc/${c}/cmdline`, 'utf8');
      if (cmd.includes('--type=renderer')) kb += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${c}/status`, 'utf8'))?.[1] ?? 0);
      walk(c);
    }
  };
  walk(process.pid);
  return kb / 1024;
}

const server = await serveBuilt();
const results: { name: string; value: number; unit: string; target: number }[] = [];
try {
  // cold starts on a fresh profile, each in a browser of its own
  {
    const painted: number[] = [];
    const live: number[] = [];
    for (let i = 0; i < coldRuns; i++) {
      const browser = await launch();
      const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
      await instrument(context);
      const page = await context.newPage();
      await page.goto(server.url);
      await page.waitForFunction(() => (window as unknown as Probe).__firstFigure !== null, undefined, { timeout: 60_000 });
      await page.waitForSelector('.app[data-ready="true"]', { timeout: 60_000 });
      painted.push(await page.evaluate(() => (window as unknown as Probe).__firstFigure!));
      // the app's own figures: when it took over from the page's, or (no first view shown) first painted
      live.push(await page.evaluate(() => (performance.getEntriesByName('headroom:take-over')[0] ?? performance.getEntriesByName('headroom:first-paint')[0]).startTime));
      await browser.close();
    }
    results.push({ name: 'ui.firstFigure.sample', value: quantile(painted, 0.5), unit: 'ms', target: 500 });
    results.push({ name: 'ui.firstLive.sample', value: quantile(live, 0.5), unit: 'ms', target: NaN });
  }
  // the sample
  {
    const browser = await launch();
    const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
    await instrument(context);
    const page = await openApp(context, server.url);
    const { chart } = await editRuns(page, 'F81001', runs);
    results.push({ name: 'ui.edit.sample.p95', value: quantile(chart, 0.95), unit: 'ms', target: 25 });
    results.push({ name: 'ui.edit.sample.median', value: quantile(chart, 0.5), unit: 'ms', target: NaN });
    await browser.close();
  }
  // England, opened as a file
  {
    const dir = mkdtempSync(join(tmpdir(), 'headroom-bench-'));
    const file = join(dir, 'england.headroom.json');
    const england = englandWorkbook();
    writeFileSync(file, serializeWorkbook(england));
    const browser = await launch();
    const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
    await instrument(context);
    const page = await openApp(context, server.url);
    const started = await page.evaluate(() => performance.now());
    await page.setInputFiles('[data-testid="file-input"]', file);
    await page.waitForFunction(
      (name) => document.querySelector('[data-testid="workbook-name"] .title')?.textContent === name && !!document.querySelector('.results [data-headline] [data-metric]') && document.querySelector('[data-status]')?.getAttribute('data-status') === 'saved',
      england.name,
      { timeout: 120_000 },
    );
    // the first drawing of England's chart: after its name is shown (a redraw of the last
    // workbook's chart while the file is read must not count)
    const firstDrawn = ([t, name]: [number, string]) => {
      const named = (window as unknown as Probe).__titles.find((x) => x.t > t && x.title === name);
      return named ? (performance.getEntriesByName('headroom:drawn:gap').find((m) => m.startTime > named.t)?.startTime ?? null) : null;
    };
    await page.waitForFunction(firstDrawn, [started, england.name] as [number, string], { timeout: 120_000 });
    const opened = (await page.evaluate(firstDrawn, [started, england.name] as [number, string]))! - started;
    results.push({ name: 'ui.open.england', value: opened, unit: 'ms', target: 1000 });
    const practice = england.practices[0].code;
    const { chart, saved, longTasks } = await editRuns(page, practice, Math.max(5, Math.round(runs / 2)));
    results.push({ name: 'ui.edit.england.p95', value: quantile(chart, 0.95), unit: 'ms', target: 100 });
    results.push({ name: 'ui.edit.england.median', value: quantile(chart, 0.5), unit: 'ms', target: NaN });
    results.push({ name: 'ui.longtask.england.max', value: longTasks.length ? Math.max(...longTasks) : 0, unit: 'ms', target: 50 });
    results.push({ name: 'ui.save.england.p95', value: quantile(saved, 0.95), unit: 'ms', target: 300 });
    const heaps = await heapsMb(page);
    results.push({ name: 'ui.memory.england.mb', value: heaps.total, unit: 'MB', target: 150 });
    for (const [part, value] of Object.entries(heaps.parts)) results.push({ name: `ui.memory.england.${part.replace(' ', '-')}.mb`, value, unit: 'MB', target: NaN });
    results.push({ name: 'ui.memory.england.rss.mb', value: rendererMb(), unit: 'MB', target: NaN });
    await browser.close();
  }
} finally {
  await server.close();
}

if (values.json) console.log(JSON.stringify({ results }));
else for (const r of results) console.log(`${r.name.padEnd(26)} ${r.value.toFixed(1).padStart(8)} ${r.unit}${Number.isNaN(r.target) ? '' : `  (target ${r.target}${r.unit === 'MB' ? ' MB' : ' ms'}: ${r.value <= r.target ? 'met' : 'not met'})`}`);
