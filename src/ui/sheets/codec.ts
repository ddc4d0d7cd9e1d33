// Between what a planner sees or types in a cell and the workbook's value. Text that does not fit
// the column is refused with a message; nothing is guessed or silently changed.
import { fmt, parseNumber } from '../format';
import { formatUkDate, parseUkDate, ukDateParts } from '../../model/dates';
import type { CellType } from './sheets';

export type Decoded = { ok: true; value: unknown } | { ok: false; message: string };

const MAX_TEXT = 2000;

/** The text shown in a cell (also what is copied out). */
export function display(type: CellType, value: unknown): string {
  if (value === null || value === undefined) return '';
  switch (type) {
    case 'int':
      return fmt(value as number, 'int');
    case 'number':
      return formatPlain(value as number);
    case 'percent':
      return `${formatPlain(roundPct(value as number))}%`;
    case 'gbp':
      return fmt(value as number, (value as number) % 1 === 0 ? 'gbp' : 'gbp2');
    case 'wte':
      return fmt(value as number, 'decimal2');
    case 'bool':
      return value ? 'yes' : 'no';
    case 'date':
      return formatUkDate(String(value));
    case 'list':
      return (value as unknown[]).join(', ');
    case 'overrides':
      return (value as { path: string; value: unknown }[]).map((o) => `${o.path} = ${JSON.stringify(o.value)}`).join('; ');
    default:
      return String(value);
  }
}

/** The text put in the editor when a cell is edited: exact, without separators. */
export function editText(type: CellType, value: unknown): string {
  if (value === null || value === undefined) return '';
  if (type === 'percent') return String(roundPct(value as number));
  if (type === 'int' || type === 'number' || type === 'gbp' || type === 'wte') return String(value);
  return display(type, value);
}

function roundPct(v: number): number {
  return Math.round(v * 100 * 1e9) / 1e9;
}

function formatPlain(v: number): string {
  return new Intl.NumberFormat('en-GB', { maximumFractionDigits: 6 }).format(v);
}

export function decode(type: CellType, raw: unknown, nullable = false, options: readonly string[] = [], labels: Readonly<Record<string, string>> = {}): Decoded {
  if (typeof raw === 'number' && type !== 'percent') return Number.isFinite(raw) ? { ok: true, value: raw } : { ok: false, message: 'must be a finite number' };
  if (typeof raw === 'boolean' && type === 'bool') return { ok: true, value: raw };
  const text = raw === null || raw === undefined ? '' : String(raw).trim();
  if (text.length > MAX_TEXT) return { ok: false, message: `is longer than ${MAX_TEXT} characters` };
  if (text === '' && nullable) return { ok: true, value: null };
  const shown = text.length > 40 ? `${text.slice(0, 40)}…` : text;
  switch (type) {
    case 'int':
    case 'number':
    case 'gbp':
    case 'wte':
    case 'percent': {
      if (text === '') return { ok: false, message: 'needs a number' };
      const n = parseNumber(text, type === 'percent');
      if (n === null) {
        if (/\d%$/.test(text) && type !== 'percent') return { ok: false, message: `'${shown}': this column is not a percentage; type the number itself` };
        if (/\d,\d/.test(text)) return { ok: false, message: `'${shown}': commas only between thousands (12,345.6); decimals take a point` };
        return { ok: false, message: `'${shown}' is not a number` };
      }
      if (type === 'int' && !Number.isInteger(n)) return { ok: false, message: `'${shown}' is not a whole number` };
      return { ok: true, value: type === 'percent' ? Math.round(n * 1e12) / 1e12 : n };
    }
    case 'bool': {
      const t = text.toLowerCase();
      if (['yes', 'y', 'true', '1'].includes(t)) return { ok: true, value: true };
      if (['no', 'n', 'false', '0'].includes(t)) return { ok: true, value: false };
      return { ok: false, message: `'${shown}' is not yes or no` };
    }
    case 'enum': {
      // what the cell shows (and so what is copied out) reads back as the value it stands for
      const byLabel = Object.entries(labels).find(([, label]) => label.toLowerCase() === text.toLowerCase());
      if (byLabel) return { ok: true, value: byLabel[0] };
      // a name typed or pasted without its code, when only one choice has that name
      const byName = Object.entries(labels).filter(([code, label]) => label.toLowerCase() === `${text.toLowerCase()} (${code.toLowerCase()})`);
      if (byName.length === 1 && !options.includes(text)) return { ok: true, value: byName[0][0] };
      if (options.length && !options.includes(text)) return { ok: false, message: `'${shown}' is not one of ${options.slice(0, 8).join(', ')}${options.length > 8 ? ', …' : ''}` };
      return { ok: true, value: text };
    }
    case 'date': {
      if (text === '') return { ok: false, message: 'needs a date' };
      const iso = parseUkDate(text);
      if (iso) return { ok: true, value: iso };
      // a date's shape but no such day (30/02/2019, 31 Apr 2023): say so, not how to type a date
      return ukDateParts(text) ? { ok: false, message: `'${shown}' is not a day of the calendar` } : { ok: false, message: `'${shown}' is not a date: type it as 03/04/2023 or 3 Apr 2023` };
    }
    case 'list': {
      const items = text.split(/[,;]/).map((s) => s.trim()).filter(Boolean);
      const unknown = options.length ? items.filter((i) => !options.includes(i)) : [];
      if (unknown.length) return { ok: false, message: `'${unknown[0]}' is not a known id` };
      return { ok: true, value: items };
    }
    case 'overrides': {
      const out: { path: string; value: unknown }[] = [];
      for (const part of text.split(';').map((s) => s.trim()).filter(Boolean)) {
        const eq = part.indexOf('=');
        if (eq < 1) return { ok: false, message: `'${part.slice(0, 40)}' should read path = value` };
        const path = part.slice(0, eq).trim();
        const valueText = part.slice(eq + 1).trim();
        let value: unknown;
        try {
          value = JSON.parse(valueText);
        } catch {
          value = valueText; // plain text value, e.g. a role id
        }
        if (value !== null && !['number', 'string', 'boolean'].includes(typeof value)) return { ok: false, message: `the value for ${path} must be a number, text, true/false or null` };
        out.push({ path, value });
      }
      return { ok: true, value: out };
    }
    default:
      return { ok: true, value: text };
  }
}
