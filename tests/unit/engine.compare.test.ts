// The view on screen is answered first and every other scenario after (service.ts): once both have
// answered, the figures are exactly those the engine gave when it computed every scenario in one
// answer, that is those of a fresh engine on the edited workbook; and a comparison always carries
// the revision it belongs to, so the page can never pair it with a view of another revision.
import { describe, expect, it } from 'vitest';
import { EngineService } from '../../src/engine/service';
import { loadSample } from '../../src/sample';
import type { EntityRef } from '../../src/engine';
import { serializeWorkbook } from '../../src/io/workbook-file';
import { parseWorkbook } from '../../src/model/validate';
import { englandWorkbook } from '../../bench/england';

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
    const compared = (await live.compare(total))!;
    expect(compared.revision).toBe(revision);

    const fresh = new EngineService();
    let wb = structuredClone(sample);
    wb = { ...wb, practices: wb.practices.map((p) => (p.code === practice.code ? { ...p, registered: practice.registered + 1234 } : p)), workforce: wb.workforce.map((w) => (w === wb.workforce.find((x) => x.level === 'practice' && x.code === row.code && x.role === 'gp') ? { ...w, wte: row.wte + 1.5 } : w)) };
    fresh.open(wb);
    expect(compared.scenarios.map((s) => s.id)).toEqual(sample.scenarios.map((s) => s.id));
    for (const s of compared.scenarios) expect(s.years).toEqual(fresh.yearly(s.id, total));
    expect(view.years).toEqual(fresh.yearly(on, total));
  });

  it('after a comparison of a large workbook, only the scenario on screen keeps its place blocks, and every figure stays exact', async () => {
    const parsed = parseWorkbook(englandWorkbook());
    if (!parsed.ok) throw new Error(parsed.problems[0].message);
    const wb = parsed.workbook;
    const ids = wb.scenarios.map((s) => s.id);
    const live = new EngineService();
    live.open(structuredClone(wb));
    const places = wb.places.length;
    await live.view({ scenario: 'strategy', ref: total, fy: fy(live) });
    await live.compare(total);
    expect(live.held()).toEqual(Object.fromEntries(ids.map((id) => [id, id === 'strategy' ? places : 0])));

    // an edit then re-projects, in the others, the places of the one system it touches
    const row = wb.workforce.find((w) => w.level === 'practice' && w.role === 'gp')!;
    const edits = [{ path: ['workforce', `practice:${row.code}:gp`, 'wte'], value: row.wte + 2.5 }];
    live.edit(edits);
    const place = wb.pcns.find((n) => n.code === wb.practices.find((p) => p.code === row.code)!.pcn)!.place;
    const system = wb.places.find((p) => p.code === place)!.system;
    const inSystem = wb.places.filter((p) => p.system === system).length;
    const view = await live.view({ scenario: 'do-nothing', ref: total, fy: fy(live) });
    const compared = (await live.compare(total))!;
    expect(live.held()).toEqual(Object.fromEntries(ids.map((id) => [id, id === 'do-nothing' ? inSystem : 0])));

    const fresh = new EngineService();
    fresh.open(structuredClone({ ...wb, workforce: wb.workforce.map((w) => (w === row ? { ...w, wte: row.wte + 2.5 } : w)) }));
    expect(view.years).toEqual(fresh.yearly('do-nothing', total));
    for (const s of compared.scenarios) expect(s.years).toEqual(fresh.yearly(s.id, total));
    const anyPlace = { level: 'place' as const, code: wb.places[7].code };
    expect(live.yearly('worst-case', anyPlace)).toEqual(fresh.yearly('worst-case', anyPlace));
  });

  it("a small workbook keeps every scenario's place blocks", async () => {
    const live = new EngineService();
    live.open(structuredClone(sample));
    await live.view({ scenario: sample.scenarios[1].id, ref: total, fy: fy(live) });
    await live.compare(total);
    expect(live.held()).toEqual(Object.fromEntries(sample.scenarios.map((s) => [s.id, sample.places.length])));
  });

  it('a comparison asked after a newer edit carries the newer revision', async () => {
    const live = new EngineService();
    live.open(structuredClone(sample));
    const p = sample.practices[0];
    const first = live.edit([{ path: ['practices', p.code, 'registered'], value: p.registered + 10 }]);
    const view = await live.view({ scenario: sample.scenarios[0].id, ref: total, fy: fy(live) });
    expect(view.revision).toBe(first);
    const second = live.edit([{ path: ['practices', p.code, 'registered'], value: p.registered + 20 }]);
    const compared = (await live.compare(total))!;
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

  it('answers an edit and the view after it in one call, with the figures of a view asked apart', async () => {
    const together = new EngineService();
    const apart = new EngineService();
    together.open(structuredClone(sample));
    apart.open(structuredClone(sample));
    const request = { scenario: sample.scenarios[2].id, ref: { level: 'place' as const, code: sample.places[0].code }, fy: fy(apart) };
    const before = await together.view(request);
    await apart.view(request);
    const p = sample.practices[5];
    const edits = [{ path: ['practices', p.code, 'registered'], value: p.registered + 999 }];
    const view = await together.editView(edits, request);
    const revision = apart.edit(edits);
    const asked = await apart.view(request);
    expect(view.revision).toBe(revision);
    expect(view.years).toEqual(asked.years);
    expect(Array.from(view.series)).toEqual(Array.from(asked.series));
    expect(view.pcnRanking).toEqual(asked.pcnRanking);
    expect(view.years).not.toEqual(before.years); // the edit reached the figures
  });

  it('a comparison gives way to a view asked meanwhile, and the next one is whole', async () => {
    const live = new EngineService();
    live.open(structuredClone(sample));
    const pending = live.compare(total);
    live.giveWay(); // as the page does when a view is asked while the comparison runs
    expect(await pending).toBeNull();
    const whole = (await live.compare(total))!;
    expect(whole.scenarios.map((s) => s.id)).toEqual(sample.scenarios.map((s) => s.id));
    const fresh = new EngineService();
    fresh.open(structuredClone(sample));
    for (const s of whole.scenarios) expect(s.years).toEqual(fresh.yearly(s.id, total));
  });
});

describe('a file read in the engine', () => {
  const bytes = () => new TextEncoder().encode(serializeWorkbook(sample));

  it('opens from the copy it kept, under the name the page gives it, with the figures of the workbook sent', async () => {
    const kept = new EngineService();
    const read = kept.parseFile(bytes(), undefined, true);
    expect(read.ok && typeof read.kept).toBe('number');
    const meta = kept.openKept(read.kept!, 'Mid and south Essex (2)');
    const sent = new EngineService();
    expect(meta).toEqual(sent.open(structuredClone(sample)));
    const request = { scenario: sample.scenarios[1].id, ref: total, fy: meta.fyLabels[3] };
    expect((await kept.view(request)).years).toEqual((await sent.view(request)).years);
    expect(() => kept.openKept(read.kept!, 'again')).toThrow('no longer held');
  });

  it('computes the scenario the page will show once the answer is on its way, and no other', async () => {
    const e = new EngineService();
    const read = e.parseFile(bytes(), undefined, true);
    const meta = e.openKept(read.kept!, sample.name, sample.scenarios[2].id);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect((await e.view({ scenario: sample.scenarios[2].id, ref: total, fy: meta.fyLabels[0] })).kind).toBe('none');
    expect((await e.view({ scenario: sample.scenarios[0].id, ref: total, fy: meta.fyLabels[0] })).kind).toBe('full');
  });

  it('keeps only the last file read, and nothing unless asked', () => {
    const e = new EngineService();
    const first = e.parseFile(bytes(), undefined, true);
    const second = e.parseFile(bytes(), undefined, true);
    expect(second.kept).not.toBe(first.kept);
    expect(() => e.openKept(first.kept!, sample.name)).toThrow('no longer held');
    expect(e.parseFile(bytes()).kept).toBeUndefined();
    expect(() => e.openKept(second.kept!, sample.name)).toThrow('no longer held');
    const bad = e.parseFile(new TextEncoder().encode('{"not": "a workbook"}'), undefined, true);
    expect(bad.ok).toBe(false);
    expect(bad.kept).toBeUndefined();
  });
});
