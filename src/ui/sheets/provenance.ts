// A value typed over a sourced one says so in its Source cell, with the day, and keeps the
// original source for reference: "Edited 01/12/2026 (source was: NHS Workforce Statistics …)".
import { formatUkDate } from '../../model/dates';

const EDITED = /^Edited \d{2}\/\d{2}\/\d{4}(?: \(source was: ([\s\S]*)\))?$/;
const MAX = 2000;

/** The Source text after the row's value was edited on `when`. */
export function editedSource(previous: string, when: Date = new Date()): string {
  const day = formatUkDate(when.toISOString().slice(0, 10));
  const hit = EDITED.exec(previous.trim());
  const original = hit ? (hit[1] ?? '') : previous.trim();
  if (!original || original === 'entered by hand') return `Edited ${day}`;
  const head = `Edited ${day} (source was: `;
  const room = MAX - head.length - 1;
  return `${head}${original.length > room ? original.slice(0, room - 1) + '…' : original})`;
}
