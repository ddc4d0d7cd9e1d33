// Issue: one emailed file with a WTE of 1.7976931348623157e308 froze the page for good. Every
// number now has a range; whatever passes the ranges computes to finite figures, over generated
// workbooks with values at and past the edges of every range.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseWorkbookText, serializeWorkbook } from '../../src/io/workbook-file';
import { describeProblems } from '../../src/model/validate';
import { Projection, type EntityRef } from '../../src/engine';
import { loadSample } from '../../src/sample';
import { extremeWorkbookArb, richWorkbook } from '../gen/extreme';

function allFinite(p: Projection, scenario: string): boolean {
  const wb = p.workbook;
  const refs: EntityRef[] = [{ level: 'total', code: '' }, ...wb.pcns.map((n) => ({ level: 'pcn' as const, code: n.code })), ...wb.practices.map((x) => ({ level: 'practice' as const, code: x.code }))];
  for (const ref of refs) {
    for (const row of p.yearly(scenario, ref)) for (const v of Object.values(row)) if (typeof v === 'number' && !Number.isFinite(v)) return false;
    if (p.series(scenario, ref).some((v) => !Number.isFinite(v))) return false;
  }
  return true;
}

describe('numbers out of range', () => {
  it('refuses the WTE that locked a planner out, with the range in the message', () => {
    const wb = loadSample();
    const text = serializeWorkbook(wb).replace(/"wte": [0-9.]+/, '"wte": 1.7976931348623157e308');
    const r = parseWorkbookText(text);
    expect(r.ok).toBe(false);
    expect(!r.ok && describeProblems(r.problems)).toMatch(/WTE must be from 0 to 5,000/);
  });

  it('accepts the largest value of every range and still computes finite figures', () => {
    const wb = richWorkbook();
    wb.settings.horizonYears = 30;
    wb.demand.rateGrowth = 1;
    wb.demand.consultationRate = 100;
    wb.places[0].populationGrowth = 1;
    for (const p of wb.practices) p.registered = p.weighted = 2_000_000;
    for (const w of wb.workforce) w.wte = 5_000;
    for (const r of wb.roles) Object.assign(r, { costPerWte: 10_000_000, dnaRate: 0.9, leavingRate: 1, replacementRate: 2, contactsPerDay: 200 });
    const r = parseWorkbookText(serializeWorkbook(wb));
    expect(r.ok && r.workbook.workforce[0].wte).toBe(5_000);
    const p = new Projection(r.ok ? r.workbook : wb);
    for (const s of wb.scenarios) expect(allFinite(p, s.id)).toBe(true);
  }, 30_000);

  it('computes finite figures for every generated extreme workbook it accepts, and refuses the rest in one short line', () => {
    let accepted = 0;
    fc.assert(
      fc.property(extremeWorkbookArb, (wb) => {
        const r = parseWorkbookText(serializeWorkbook(wb));
        if (!r.ok) {
          const msg = describeProblems(r.problems);
          expect(msg).not.toMatch(/\n/);
          expect(msg.length).toBeLessThanOrEqual(300);
          return;
        }
        accepted++;
        const p = new Projection(r.workbook);
        for (const s of r.workbook.scenarios) expect(allFinite(p, s.id)).toBe(true);
      }),
      { numRuns: 100, seed: 16 },
    );
    // the run must exercise the engine, not only the refusals
    expect(accepted).toBeGreaterThan(30);
  }, 120_000);
});
