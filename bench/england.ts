// A synthetic England-scale workbook for benchmarks (and, smaller, for tests of many systems):
// 42 systems, 1,250 PCNs, 6,300 practices, 10 years, with the sample's roles, needs,
// interventions and scenarios. Deterministic (seeded), so every run measures the same work.
import type { Workbook } from '../src/model/schema';
import { loadSample } from '../src/sample';

export interface EnglandSize {
  systems: number;
  pcns: number;
  practices: number;
  seed: number;
}

/** England: 42 integrated care systems, about 1,250 PCNs and 6,300 practices. */
export const ENGLAND: EnglandSize = { systems: 42, pcns: 1250, practices: 6300, seed: 2026 };

/** mulberry32: a small seeded generator, enough for synthetic lists. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function englandWorkbook(size: EnglandSize = ENGLAND): Workbook {
  const { systems: SYSTEMS, pcns: PCNS, practices: PRACTICES } = size;
  const sample = loadSample();
  const r = rng(size.seed);
  const pad = (n: number, w: number) => String(n).padStart(w, '0');
  const systems = Array.from({ length: SYSTEMS }, (_, s) => ({ code: `S${pad(s, 2)}`, name: `System ${s + 1}` }));
  const places: Workbook['places'] = [];
  systems.forEach((sys, s) => {
    const n = 3 + (s % 4); // 3 to 6 places a system
    for (let k = 0; k < n; k++) places.push({ code: `${sys.code}P${k}`, name: `Place ${k + 1} of ${sys.name}`, system: sys.code, populationGrowth: 0.002 + r() * 0.012, source: 'synthetic' });
  });
  const pcns: Workbook['pcns'] = Array.from({ length: PCNS }, (_, n) => ({ code: `N${pad(n, 4)}`, name: `PCN ${n + 1}`, place: places[n % places.length].code }));
  const practices: Workbook['practices'] = [];
  const workforce: Workbook['workforce'] = [];
  for (let p = 0; p < PRACTICES; p++) {
    const code = `P${pad(p, 5)}`;
    const registered = Math.round(2500 + r() * 17500);
    practices.push({ code, name: `Practice ${p + 1}`, pcn: pcns[p % PCNS].code, registered, weighted: Math.round(registered * (0.85 + r() * 0.3)), source: 'synthetic' });
    const per = registered / 100_000;
    workforce.push({ level: 'practice', code, role: 'gp', wte: Math.round(per * (30 + r() * 20) * 10) / 10, source: 'synthetic' });
    workforce.push({ level: 'practice', code, role: 'nurse', wte: Math.round(per * (20 + r() * 12) * 10) / 10, source: 'synthetic' });
    workforce.push({ level: 'practice', code, role: 'hca', wte: Math.round(per * (6 + r() * 8) * 10) / 10, source: 'synthetic' });
  }
  for (const pcn of pcns) workforce.push({ level: 'pcn', code: pcn.code, role: 'pharmacist', wte: Math.round(r() * 20) / 10, source: 'synthetic' });
  // the sample's interventions apply to its one system: here each applies to every system
  const interventions = systems.flatMap((sys) => sample.interventions.map((i) => ({ ...i, id: `${i.id}-${sys.code}`, scope: `system:${sys.code}` })));
  const scenarios = sample.scenarios.map((s) => ({ ...s, interventions: systems.flatMap((sys) => s.interventions.map((id) => `${id}-${sys.code}`)) }));
  return {
    ...sample,
    name: 'England (synthetic, for benchmarks)',
    settings: { ...sample.settings, horizonYears: 10 },
    systems,
    places,
    pcns,
    practices,
    workforce,
    externalCapacity: [],
    interventions,
    scenarios,
  };
}
