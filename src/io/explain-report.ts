// Explanations and bridges as CSV for a spreadsheet: one row per term or step, full precision.
import type { Bridge, Explanation } from '../engine';

const cell = (text: string) => (/[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

export function explanationCsv(e: Explanation): string {
  const rows = [['term', 'value', 'inputs'].join(',')];
  for (const t of e.terms) rows.push([cell(t.label), String(t.value), cell(t.inputs.map((i) => i.path).join(' '))].join(','));
  rows.push([cell(`${e.key}, ${e.period}`), e.value === null ? '' : String(e.value), ''].join(','));
  return rows.join('\n') + '\n';
}

export function bridgeCsv(b: Bridge): string {
  const rows = [['step', 'value'].join(','), [cell('With none of the scenario’s changes'), String(b.from)].join(',')];
  for (const s of b.steps) rows.push([cell(s.label), String(s.value)].join(','));
  rows.push([cell(`Scenario ${b.scenario}`), String(b.to)].join(','));
  return rows.join('\n') + '\n';
}
