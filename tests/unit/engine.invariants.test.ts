// MODEL.md section 12 as properties over generated workbooks (fast-check).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Projection, type EntityRef } from '../../src/engine';
import type { Workbook } from '../../src/model/schema';
import { workbookArb } from './fixtures';
import { loadSample } from '../../src/sample';

const EPS = 1e-7;
const RUNS = { numRuns: 40 };
const TOTAL: EntityRef = { level: 'total', code: '' };

function view(wb: Workbook, ref: EntityRef = TOTAL) {
  const p = new Projection(wb);
  const meta = p.meta();
  const block = p.series('base', ref);
  const T = meta.layout.T;
  return { p, meta, block, T, s: (i: number) => block.subarray(i * T, (i + 1) * T) };
}

describe('MODEL.md section 12 invariants', () => {
  it('demand, capacity and delivered appointments are never negative', () => {
    fc.assert(
      fc.property(workbookArb, (wb) => {
        const { s, meta } = view(wb);
        const B = meta.layout.base;
        for (const k of [B.demand, B.capacity, B.capacitySafe, B.delivered, B.deliveredSafe, B.unmet]) for (const x of s(k)) expect(x).toBeGreaterThanOrEqual(-EPS);
      }),
      RUNS,
    );
  });

  it('delivered never exceeds capacity for a role, nor demand for a need', () => {
    fc.assert(
      fc.property(workbookArb, (wb) => {
        const { s, meta, T } = view(wb);
        const L = meta.layout;
        for (let j = 0; j < L.nRoles; j++) {
          const cap = s(L.roleCapacity + j);
          const del = s(L.roleDelivered + j);
          for (let t = 0; t < T; t++) expect(del[t]).toBeLessThanOrEqual(cap[t] + EPS);
        }
        const demand = s(L.base.demand);
        wb.needs.forEach((need, k) => {
          const unmet = s(L.needUnmet + k);
          // delivered for the need = its demand - its unmet, which must lie in [0, demand]
          for (let t = 0; t < T; t++) {
            expect(unmet[t]).toBeGreaterThanOrEqual(-EPS);
            expect(unmet[t]).toBeLessThanOrEqual(demand[t] * need.share + EPS);
          }
        });
      }),
      RUNS,
    );
  });

  it('unmet demand is at least the net gap, and at least zero', () => {
    fc.assert(
      fc.property(workbookArb, (wb) => {
        const { s, meta, T } = view(wb);
        const B = meta.layout.base;
        const [demand, capacity, unmet] = [s(B.demand), s(B.capacity), s(B.unmet)];
        for (let t = 0; t < T; t++) expect(unmet[t]).toBeGreaterThanOrEqual(Math.max(0, demand[t] - capacity[t]) - 1e-6 * Math.max(1, demand[t]));
      }),
      RUNS,
    );
  });

  it('sums over children equal the parent: practices, PCNs, places, system, total', () => {
    fc.assert(
      fc.property(workbookArb, (wb) => {
        const p = new Projection(wb);
        const T = p.meta().layout.T;
        const close = (a: Float64Array, b: Float64Array) => a.forEach((x, i) => expect(x).toBeCloseTo(b[i], 6));
        const sum = (blocks: Float64Array[]) => blocks.reduce((acc, b) => acc.map((x, i) => x + b[i]), new Float64Array(blocks[0].length));
        for (const pcn of wb.pcns) {
          const members = wb.practices.filter((x) => x.pcn === pcn.code).map((x) => p.yearly('base', { level: 'practice', code: x.code })[0]);
          const whole = p.yearly('base', { level: 'pcn', code: pcn.code })[0];
          for (const k of ['demandPerWeek', 'unmetPerWeek', 'registeredPatients', 'gpWte'] as const) expect(members.reduce((a, m) => a + m[k], 0)).toBeCloseTo(whole[k], 6);
        }
        for (const place of wb.places) {
          const pcnBlocks = wb.pcns.filter((n) => n.place === place.code).map((n) => p.series('base', { level: 'pcn', code: n.code }));
          if (pcnBlocks.length) close(sum(pcnBlocks), p.series('base', { level: 'place', code: place.code }));
        }
        const placeBlocks = wb.places.filter((pl) => wb.pcns.some((n) => n.place === pl.code)).map((pl) => p.series('base', { level: 'place', code: pl.code }));
        close(sum(placeBlocks), p.series('base', { level: 'system', code: 'S' }));
        close(p.series('base', { level: 'system', code: 'S' }), p.series('base', TOTAL));
        expect(T).toBe(52);
      }),
      { numRuns: 15 },
    );
  });

  it('the practices of a PCN add up to it in every series, with interventions active', () => {
    // the sample's Strategy scenario adds GP appointments, external capacity and recruits
    const sample = loadSample();
    const p = new Projection(sample);
    const { layout } = p.meta();
    const { size, T, base: B } = layout;
    // GP figures count the GPs each practice holds; GPs held by the PCN (its recruits among them)
    // and the appointments they deliver count at PCN level only (MODEL.md section 7)
    const gpSeries = new Set<number>([B.gpWte, B.gpWteDays, B.gpDelivered, B.gpDeliveredSafe, B.gpRoutedDemand, B.gpWteNeededSafe]);
    for (const pcn of sample.pcns.slice(0, 6)) {
      const whole = p.series('strategy', { level: 'pcn', code: pcn.code });
      const sum = new Float64Array(size);
      for (const practice of sample.practices.filter((x) => x.pcn === pcn.code)) {
        p.series('strategy', { level: 'practice', code: practice.code }).forEach((x, i) => (sum[i] += x));
      }
      let worst = 0;
      for (let i = 0; i < size; i++) {
        const s = Math.floor(i / T);
        const scale = Math.max(1, Math.abs(whole[i]));
        // the PCN's own GPs hold what the practices do not: never a negative amount
        if (gpSeries.has(s)) expect(whole[i] - sum[i], `PCN ${pcn.code} series ${s}`).toBeGreaterThanOrEqual(-1e-9 * scale);
        else worst = Math.max(worst, Math.abs(whole[i] - sum[i]) / scale);
      }
      expect(worst, `PCN ${pcn.code}`).toBeLessThan(1e-9);
    }
  });

  it('zero growth and flat seasonality give a constant series', () => {
    fc.assert(
      fc.property(workbookArb, (g) => {
        const wb: Workbook = {
          ...g,
          demand: { ...g.demand, rateGrowth: 0, seasonality: Array(12).fill(1) },
          places: g.places.map((pl) => ({ ...pl, populationGrowth: 0 })),
          roles: g.roles.map((r) => ({ ...r, leavingRate: 0 })),
        };
        const { s, meta } = view(wb);
        const B = meta.layout.base;
        for (const k of [B.demand, B.capacity, B.unmet, B.gpWte]) {
          const x = s(k);
          for (const v of x) expect(v).toBeCloseTo(x[0], 9);
        }
      }),
      RUNS,
    );
  });

  it('doubling every WTE doubles capacity', () => {
    fc.assert(
      fc.property(workbookArb, (wb) => {
        const doubled = { ...wb, workforce: wb.workforce.map((w) => ({ ...w, wte: w.wte * 2 })) };
        const a = view(wb);
        const b = view(doubled);
        const B = a.meta.layout.base;
        a.s(B.capacity).forEach((x, t) => expect(b.s(B.capacity)[t]).toBeCloseTo(2 * x, 6));
        a.s(B.capacitySafe).forEach((x, t) => expect(b.s(B.capacitySafe)[t]).toBeCloseTo(2 * x, 6));
      }),
      RUNS,
    );
  });

  it('the safe-workload figures are those of the same workbook with GPs at the safe level', () => {
    fc.assert(
      fc.property(workbookArb, (wb) => {
        const atSafe = { ...wb, roles: wb.roles.map((r) => (r.safeContactsPerDay === null ? r : { ...r, contactsPerDay: r.safeContactsPerDay })) };
        const a = view(wb);
        const b = view(atSafe);
        const B = a.meta.layout.base;
        const pairs = [
          [B.capacitySafe, B.capacity],
          [B.deliveredSafe, B.delivered],
          [B.unmetSafe, B.unmet],
          [B.gpDeliveredSafe, B.gpDelivered],
        ];
        for (const [safe, current] of pairs) a.s(safe).forEach((x, t) => expect(b.s(current)[t]).toBeCloseTo(x, 6));
      }),
      RUNS,
    );
  });

  it('the same workbook always gives identical outputs', () => {
    fc.assert(
      fc.property(workbookArb, (wb) => {
        const a = view(structuredClone(wb)).block;
        const b = view(structuredClone(wb)).block;
        expect(Buffer.from(a.buffer).equals(Buffer.from(b.buffer))).toBe(true);
      }),
      RUNS,
    );
  });
});
