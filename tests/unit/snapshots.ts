// Everything a projection gives, to compare two ways of computing the same workbook bit for bit.
import type { Projection } from '../../src/engine';

/** Systems, total and ranking figures as kept, and each place's block as read. */
export function snapshot(p: Projection, scenario: string) {
  const r = p.results(scenario);
  const c = p.compiled(scenario);
  const places = new Float64Array(c.places.codes.length * c.layout.size);
  c.places.codes.forEach((code, i) => places.set(p.series(scenario, { level: 'place', code }), i * c.layout.size));
  return { places, systems: r.systems.slice(), total: r.total.slice(), pcnFy: r.pcnFy.slice() };
}

export type Snapshot = ReturnType<typeof snapshot>;

/** Where two snapshots first differ (exactly, bit for bit), or null: cheaper than a deep diff. */
export function firstDifference(a: Snapshot, b: Snapshot): string | null {
  for (const key of ['places', 'systems', 'total', 'pcnFy'] as const) {
    const x = a[key];
    const y = b[key];
    if (x.length !== y.length) return `${key}: length ${x.length} vs ${y.length}`;
    for (let i = 0; i < x.length; i++) if (!Object.is(x[i], y[i])) return `${key}[${i}]: ${x[i]} vs ${y[i]}`;
  }
  return null;
}
