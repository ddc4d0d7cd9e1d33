// Care navigation (MODEL.md section 6) written out plainly, week by week, against the engine's
// optimised passes: both must place every appointment in the same place.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Projection } from '../../src/engine';
import type { Workbook } from '../../src/model/schema';
import { workbookArb } from './fixtures';

/** Needs in allocation order: fewest roles able to meet them first, ties in table order. */
function allocationOrder(wb: Workbook): number[] {
  const flex = wb.needs.map((n) => new Set([...n.pathway, n.defaultRoute]).size);
  return wb.needs.map((_, k) => k).sort((a, b) => flex[a] - flex[b] || a - b);
}

/**
 * The engine's weekly figures for one PCN, then the same week's allocation done by hand from its
 * demand, navigated share and role capacities: what each need leaves unmet, what each role delivers.
 */
function compare(wb: Workbook, pcn: string): number {
  const p = new Projection(wb);
  const meta = p.meta();
  const { T, base: B, roleCapacity, roleDelivered, needUnmet } = meta.layout;
  const block = p.series('base', { level: 'pcn', code: pcn });
  const at = (series: number, t: number) => block[series * T + t];
  const roles = wb.roles.map((r) => r.id);
  const order = allocationOrder(wb);
  let worst = 0;
  const check = (got: number, want: number) => (worst = Math.max(worst, Math.abs(got - want) / Math.max(1, Math.abs(want))));
  for (let t = 0; t < T; t++) {
    const demand = at(B.demand, t);
    const registered = at(B.registered, t);
    const nu = registered > 0 ? at(B.navigatedWeight, t) / registered : wb.settings.navigationShare;
    const left = new Map(roles.map((id, j) => [id, at(roleCapacity + j, t)]));
    const unmet = new Array<number>(wb.needs.length).fill(0);
    for (const k of order) {
      const need = wb.needs[k];
      const dk = demand * need.share;
      let navigated = dk * nu;
      for (const id of need.pathway) {
        const take = Math.min(navigated, left.get(id) ?? 0);
        left.set(id, (left.get(id) ?? 0) - take);
        navigated -= take;
      }
      const atDefault = dk - dk * nu + navigated;
      const take = Math.min(atDefault, left.get(need.defaultRoute) ?? 0);
      left.set(need.defaultRoute, (left.get(need.defaultRoute) ?? 0) - take);
      unmet[k] = atDefault - take;
    }
    unmet.forEach((u, k) => check(at(needUnmet + k, t), u));
    roles.forEach((id, j) => check(at(roleDelivered + j, t), at(roleCapacity + j, t) - (left.get(id) ?? 0)));
    check(at(B.unmet, t), unmet.reduce((a, b) => a + b, 0));
  }
  return worst;
}

describe('care navigation against a plain week-by-week allocation', () => {
  it('leaves the same demand unmet and has each role deliver the same, in every PCN and week', () => {
    fc.assert(
      fc.property(workbookArb, (wb) => {
        for (const pcn of wb.pcns) expect(compare(wb, pcn.code)).toBeLessThan(1e-9);
      }),
      { numRuns: 60 },
    );
  });
});
