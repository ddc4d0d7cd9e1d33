// The view on screen is answered first and every other scenario after (service.ts): once both have
// answered, the figures are exactly those the engine gave when it computed every scenario in one
// answer, that is those of a fresh engine on the edited workbook; and a comparison always carries
// the revision it belongs to, so the page can never pair it with a view of another revision.
import { describe, expect, it } from 'vitest';
import { EngineService } from '../../src/engine/service';
import { loadSample } from '../../src/sample';
import type { EntityRef } from '../../src/engine';

const sample = loadSample();
const total: EntityRef = { level: 'total', code: '' };
const fy = (s: EngineService) => s.meta().fyLabels[1];

describe('scenario on screen first, the others after', () => {
  it('answers the view with only its own scenario, then every scenario at that revision, equal to a fresh engine', async () => {
    const live = new EngineService();
    live.open(structuredClone(sample));
    const on = sample.scenarios[1].id;
    await live.view({ scenario: on, ref: total, fy: fy(live) });
    await live.compare(total);
    const practice = sample.practices[3];
    const row = sample.workforce.find((w) => w.level === 'practice' && w.code === practice.code && w.role === 'gp')!;
    const edits = [
      { path: ['practices', practice.code, 'registered'], value: practice.registered + 1234 },
      { path: ['workforce', `practice:${row.code}:gp`, 'wte'], value: row.wte + 1.5 },
    ];
    const revision = live.edit(edits);

    const view = await live.view({ scenario: on, ref: total, fy: fy(live) });
    expect(view.revision).toBe(revision);
    expect(view.scenarios).toBeNull(); // the others wait until this answer is on its way
    const compared = await live.compare(total);
    expect(compared.revision).toBe(revision);

    const fresh = new EngineService();
    let wb = structuredClone(sample);
    wb = { ...wb, practices: wb.practices.map((p) => (p.code === practice.code ? { ...p, registered: practice.registered + 1234 } : p)), workforce: wb.workforce.map((w) => (w === wb.workforce.find((x) => x.level === 'practice' && x.code === row.code && x.role === 'gp') ? { ...w, wte: row.wte + 1.5 } : w)) };
    fresh.open(wb);
    expect(compared.scenarios.map((s) => s.id)).toEqual(sample.scenarios.map((s) => s.id));
    for (const s of compared.scenarios) expect(s.years).toEqual(fresh.yearly(s.id, total));
    expect(view.years).toEqual(fresh.yearly(on, total));
  });

  it('a comparison asked after a newer edit carries the newer revision', async () => {
    const live = new EngineService();
    live.open(structuredClone(sample));
    const p = sample.practices[0];
    const first = live.edit([{ path: ['practices', p.code, 'registered'], value: p.registered + 10 }]);
    const view = await live.view({ scenario: sample.scenarios[0].id, ref: total, fy: fy(live) });
    expect(view.revision).toBe(first);
    const second = live.edit([{ path: ['practices', p.code, 'registered'], value: p.registered + 20 }]);
    const compared = await live.compare(total);
    expect(compared.revision).toBe(second);
    expect(compared.revision).not.toBe(view.revision);
  });

  it('a workbook of one scenario is answered whole in the view', async () => {
    const one = { ...structuredClone(sample), scenarios: [sample.scenarios[0]] };
    const live = new EngineService();
    live.open(one);
    const view = await live.view({ scenario: one.scenarios[0].id, ref: total, fy: fy(live) });
    expect(view.scenarios).toEqual([{ id: one.scenarios[0].id, name: one.scenarios[0].name, years: view.years }]);
  });
});
