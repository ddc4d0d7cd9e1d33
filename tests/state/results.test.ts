// Results answer the scenario on screen first and the other scenarios after: whatever the page
// reads in between, the comparison beside the view is of the view's own revision or absent, and
// once idle the figures are those of a fresh engine on the edited workbook.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { closeApps, freshDbName, startApp, until } from './helpers';
import { EngineService } from '../../src/engine/service';
import { loadSample } from '../../src/sample';
import type { View } from '../../src/engine-client';

vi.setConfig({ testTimeout: 30_000 });
afterEach(closeApps);

const sample = loadSample();

describe('scenario on screen first', () => {
  it('never pairs a view with another revision of the other scenarios, and ends equal to a fresh engine', async () => {
    const app = await startApp(freshDbName());
    await until(() => !!app.results.view?.scenarios, 'the first comparison');
    const seen: View[] = [];
    const watch = setInterval(() => {
      const v = app.results.view;
      if (v && seen.at(-1) !== v) seen.push(v);
    }, 0);
    const practices = sample.practices.slice(0, 4);
    for (const [i, p] of practices.entries()) {
      app.book.apply([{ path: ['practices', p.code, 'registered'], value: p.registered + 500 * (i + 1) }], 'Edit');
      await new Promise((r) => setTimeout(r, 5));
    }
    const last = app.book.workbook!;
    const fresh = new EngineService();
    fresh.open(structuredClone(last));
    const ref = { level: 'total' as const, code: '' };
    const want = sample.scenarios.map((s) => fresh.yearly(s.id, ref));
    await until(() => JSON.stringify(app.results.view?.scenarios?.map((s) => s.years)) === JSON.stringify(want), 'every scenario brought up to date');
    clearInterval(watch);
    expect(app.results.comparison?.current).toBe(true);
    expect(app.results.view!.years).toEqual(fresh.yearly(app.results.scenario, ref));
    // every view seen with a comparison had the on-screen scenario's own figures in it: one revision
    const paired = seen.filter((v) => v.scenarios);
    expect(paired.length).toBeGreaterThan(0);
    for (const v of paired) expect(v.scenarios!.find((s) => s.id === v.request.scenario)!.years).toEqual(v.years);
  });
});
