// What marks a cell of the sheets: the scenarios that give it another value, and its range. Pure.
import type { Range, Workbook } from '../../model/schema';
import { formatPath, parsePath, type Segment } from '../../model/paths';

export interface CellMarks {
  overrides: { scenario: string; value: unknown }[];
  range: Range | null;
  /** Tooltip lines, in words. */
  lines: string[];
}

// Built once per workbook: the grid asks for every visible cell on every redraw.
const cache = new WeakMap<Workbook, Map<string, CellMarks>>();

export function cellMarks(wb: Workbook, path: readonly Segment[] | null): CellMarks | null {
  if (!path) return null;
  let index = cache.get(wb);
  if (!index) {
    index = new Map();
    const at = (p: string) => {
      const text = formatPath(parsePath(p) ?? [p]);
      let m = index!.get(text);
      if (!m) index!.set(text, (m = { overrides: [], range: null, lines: [] }));
      return m;
    };
    for (const s of wb.scenarios) {
      for (const o of s.overrides) {
        const m = at(o.path);
        m.overrides.push({ scenario: s.name, value: o.value });
        m.lines.push(`${s.name} uses ${show(o.value)} instead`);
      }
    }
    for (const r of wb.ranges ?? []) {
      const m = at(r.path);
      m.range = r;
      m.lines.push(`Range ${show(r.min)} to ${show(r.max)}${r.mode === null ? '' : `, most likely ${show(r.mode)}`}`);
    }
    cache.set(wb, index);
  }
  return index.get(formatPath(path)) ?? null;
}

function show(v: unknown): string {
  if (typeof v === 'number') return Math.abs(v) < 1 && v !== 0 ? `${+(v * 100).toFixed(3)}%` : v.toLocaleString('en-GB', { maximumFractionDigits: 3 });
  return v === null ? '(blank)' : String(v);
}
