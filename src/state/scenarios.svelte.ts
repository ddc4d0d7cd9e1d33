// Scenarios as a planner edits them: names, descriptions, interventions ticked on and off,
// overrides chosen from the cells themselves, duplicates, and which scenarios to compare. Every
// change is one undoable edit of the open workbook; nothing here talks to storage or the engine.
import type { OpenWorkbook } from './open-workbook.svelte';
import type { Override, Scenario, Workbook } from '../model/schema';
import { checkEdit } from '../model/cells';
import { formatPath, getAt, parsePath, type Path } from '../model/paths';

export class ScenarioEditor {
  /** Scenarios chosen for the side-by-side comparison. */
  compare = $state<string[]>([]);
  readonly #book: OpenWorkbook;

  constructor(book: OpenWorkbook) {
    this.#book = book;
  }

  get scenarios(): Scenario[] {
    return this.#book.workbook?.scenarios ?? [];
  }

  find(id: string): Scenario | undefined {
    return this.scenarios.find((s) => s.id === id);
  }

  #set(id: string, field: 'name' | 'description' | 'interventions' | 'overrides', value: unknown, label: string): string | null {
    const r = this.#book.apply([{ path: ['scenarios', id, field], value }], label);
    return r.refused[0]?.message ?? null;
  }

  rename(id: string, name: string): string | null {
    return this.#set(id, 'name', name.trim(), `Rename scenario ${id}`);
  }

  describe(id: string, text: string): string | null {
    return this.#set(id, 'description', text, `Describe scenario ${id}`);
  }

  setIntervention(id: string, intervention: string, on: boolean): string | null {
    const s = this.find(id);
    if (!s) return 'that scenario no longer exists';
    const ids = on ? [...s.interventions, intervention] : s.interventions.filter((x) => x !== intervention);
    // keep the workbook's order, so the list reads the same as the Interventions sheet
    const next = (this.#book.workbook?.interventions ?? []).map((i) => i.id).filter((x) => ids.includes(x));
    const name = this.#book.workbook?.interventions.find((i) => i.id === intervention)?.name ?? intervention;
    return this.#set(id, 'interventions', next, `${on ? 'Switch on' : 'Switch off'} ${name} in ${s.name}`);
  }

  /** The value a scenario gives a cell, if it overrides it. */
  overrideOf(id: string, path: Path): Override | undefined {
    const text = formatPath(path);
    return this.find(id)?.overrides.find((o) => canonical(o.path) === text);
  }

  /** Every scenario that overrides a cell, with its value (for the grid's marks). */
  overridesAt(path: Path): { scenario: Scenario; value: Override['value'] }[] {
    const text = formatPath(path);
    const out: { scenario: Scenario; value: Override['value'] }[] = [];
    for (const s of this.scenarios) for (const o of s.overrides) if (canonical(o.path) === text) out.push({ scenario: s, value: o.value });
    return out;
  }

  /** Uses `value` for the cell at `path` in one scenario; refused in plain words when the cell cannot hold it. */
  setOverride(id: string, path: Path, value: Override['value']): string | null {
    const wb = this.#book.workbook;
    const s = this.find(id);
    if (!wb || !s) return 'that scenario no longer exists';
    const check = checkEdit(wb, path, value);
    if (!check.ok) return check.message;
    const text = formatPath(path);
    const rest = s.overrides.filter((o) => canonical(o.path) !== text);
    // a value equal to the base is no override at all
    const next = Object.is(getAt(wb, path), value) ? rest : [...rest, { path: text, value }];
    return this.#set(id, 'overrides', next, `${s.name}: use ${String(value)} for ${text}`);
  }

  removeOverride(id: string, path: string): string | null {
    const s = this.find(id);
    if (!s) return 'that scenario no longer exists';
    const text = canonical(path);
    return this.#set(id, 'overrides', s.overrides.filter((o) => canonical(o.path) !== text), `${s.name}: use the base value for ${text}`);
  }

  /** A copy of a scenario under a new name; returns the new id. */
  duplicate(id: string, name?: string, extra: Override[] = []): string | null {
    const wb = this.#book.workbook;
    const s = this.find(id);
    if (!wb || !s) return null;
    const copy: Scenario = {
      ...structuredClone($state.snapshot(s) as Scenario),
      id: freshId(wb, s.id),
      name: (name ?? `Copy of ${s.name}`).slice(0, 200),
    };
    for (const e of extra) {
      const text = canonical(e.path);
      copy.overrides = [...copy.overrides.filter((o) => canonical(o.path) !== text), { path: text, value: e.value }];
    }
    const r = this.#book.apply([{ path: ['scenarios'], value: [...wb.scenarios, copy] }], `Duplicate scenario ${s.name}`);
    return r.applied ? copy.id : null;
  }

  create(): string | null {
    const wb = this.#book.workbook;
    if (!wb) return null;
    const s: Scenario = { id: freshId(wb, 'scenario'), name: 'New scenario', description: '', overrides: [], interventions: [] };
    const r = this.#book.apply([{ path: ['scenarios'], value: [...wb.scenarios, s] }], 'Add a scenario');
    return r.applied ? s.id : null;
  }

  remove(id: string): string | null {
    const wb = this.#book.workbook;
    if (!wb) return null;
    if (wb.scenarios.length <= 1) return 'a workbook needs at least one scenario';
    const r = this.#book.apply([{ path: ['scenarios'], value: wb.scenarios.filter((s) => s.id !== id) }], 'Delete a scenario');
    this.compare = this.compare.filter((x) => x !== id);
    return r.refused[0]?.message ?? null;
  }
}

function canonical(path: string): string {
  const p = parsePath(path);
  return p ? formatPath(p) : path;
}

function freshId(wb: Workbook, stem: string): string {
  const base = stem.replace(/-\d+$/, '').slice(0, 56);
  const taken = new Set(wb.scenarios.map((s) => s.id));
  for (let i = 2; ; i++) if (!taken.has(`${base}-${i}`)) return `${base}-${i}`;
}
