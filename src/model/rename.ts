// Carrying a renamed code or id to every row that refers to it (a PCN's practices and staff, a
// role's pathways and plans, an intervention's scenarios). Pure: returns whole-table edits that
// the caller applies as one undoable step; nothing is changed here.
import type { Workbook } from './schema';
import type { Path } from './paths';

export interface Carry {
  /** How many values would change. */
  count: number;
  edits: { path: Path; value: unknown }[];
}

const REFERRED = ['systems', 'places', 'pcns', 'practices', 'roles', 'interventions'] as const;
export type ReferredTable = (typeof REFERRED)[number];

export function isReferred(table: string): table is ReferredTable {
  return (REFERRED as readonly string[]).includes(table);
}

/** The edits that point every reference to `from` in `table` at `to` instead. */
export function carryRename(wb: Workbook, table: ReferredTable, from: string, to: string): Carry {
  let count = 0;
  const edits: Carry['edits'] = [];
  const swap = <T extends object>(name: keyof Workbook, rows: readonly T[], change: (r: T) => T | null) => {
    let touched = false;
    const next = rows.map((r) => {
      const c = change(r);
      if (!c) return r;
      touched = true;
      count++;
      return c;
    });
    if (touched) edits.push({ path: [name], value: next });
  };
  const kind = table === 'systems' ? 'system' : table === 'places' ? 'place' : table === 'pcns' ? 'pcn' : null;
  const scoped = <T extends { scope: string }>(r: T): T | null => (kind && r.scope === `${kind}:${from}` ? { ...r, scope: `${kind}:${to}` } : null);
  switch (table) {
    case 'systems':
      swap('places', wb.places, (r) => (r.system === from ? { ...r, system: to } : null));
      break;
    case 'places':
      swap('pcns', wb.pcns, (r) => (r.place === from ? { ...r, place: to } : null));
      break;
    case 'pcns':
      swap('practices', wb.practices, (r) => (r.pcn === from ? { ...r, pcn: to } : null));
      swap('workforce', wb.workforce, (r) => (r.level === 'pcn' && r.code === from ? { ...r, code: to } : null));
      break;
    case 'practices':
      swap('workforce', wb.workforce, (r) => (r.level === 'practice' && r.code === from ? { ...r, code: to } : null));
      break;
    case 'roles':
      swap('needs', wb.needs, (r) => (r.pathway.includes(from) || r.defaultRoute === from ? { ...r, pathway: r.pathway.map((x) => (x === from ? to : x)), defaultRoute: r.defaultRoute === from ? to : r.defaultRoute } : null));
      swap('workforce', wb.workforce, (r) => (r.role === from ? { ...r, role: to } : null));
      swap('externalCapacity', wb.externalCapacity, (r) => (r.role === from ? { ...r, role: to } : null));
      swap('interventions', wb.interventions, (r) => ('role' in r.effect && r.effect.role === from ? { ...r, effect: { ...r.effect, role: to } } : null));
      break;
    case 'interventions':
      swap('scenarios', wb.scenarios, (r) => (r.interventions.includes(from) ? { ...r, interventions: r.interventions.map((x) => (x === from ? to : x)) } : null));
      break;
  }
  if (kind) {
    swap('externalCapacity', wb.externalCapacity, scoped);
    swap('interventions', wb.interventions, scoped);
  }
  return { count, edits };
}
