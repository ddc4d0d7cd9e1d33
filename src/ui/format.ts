// Number formats used everywhere a figure is shown (grid, headline, chart tables), in en-GB. A value
// that rounds to zero shows as 0, never -0.
const int = new Intl.NumberFormat('en-GB', { signDisplay: 'negative', maximumFractionDigits: 0 });
const one = new Intl.NumberFormat('en-GB', { signDisplay: 'negative', minimumFractionDigits: 1, maximumFractionDigits: 1 });
const two = new Intl.NumberFormat('en-GB', { signDisplay: 'negative', minimumFractionDigits: 2, maximumFractionDigits: 2 });
const gbp = new Intl.NumberFormat('en-GB', { signDisplay: 'negative', style: 'currency', currency: 'GBP', maximumFractionDigits: 0 });
const gbp2 = new Intl.NumberFormat('en-GB', { signDisplay: 'negative', style: 'currency', currency: 'GBP', minimumFractionDigits: 2, maximumFractionDigits: 2 });
const pct = new Intl.NumberFormat('en-GB', { signDisplay: 'negative', style: 'percent', maximumFractionDigits: 2 });

export type NumberFormat = 'int' | 'number' | 'decimal2' | 'wte' | 'percent' | 'gbp' | 'gbp2' | 'gbpMillions';

/** Plain-text figure, never markup; '' for null/undefined, and NaN shown as a dash. */
export function fmt(value: number | null | undefined, format: NumberFormat): string {
  if (value === null || value === undefined) return '';
  if (!Number.isFinite(value)) return '–';
  switch (format) {
    case 'int':
      return int.format(value);
    case 'number':
      return Math.abs(value) >= 100 ? int.format(value) : one.format(value);
    case 'decimal2':
      return two.format(value);
    case 'wte':
      return one.format(value);
    case 'percent':
      return pct.format(value);
    case 'gbp':
      return gbp.format(value);
    case 'gbp2':
      return gbp2.format(value);
    case 'gbpMillions':
      return `£${one.format(value / 1e6)}m`;
  }
}

/**
 * Reads a number as a planner types or pastes it: "1,234", "12.5%", "£1,200", " 3 ". Returns null
 * when the text is not a number, so the caller can refuse it with a message rather than guess.
 */
export function parseNumber(text: string, percent = false): number | null {
  let s = text.trim().replace(/\s/g, '');
  if (s === '') return null;
  // a pound sign is fine at the start of an amount (after any sign)
  s = s.replace(/^([-+]?)£/, '$1');
  let scale = 1;
  if (s.endsWith('%')) {
    // a percent sign only where the column holds a percentage; elsewhere 50% is not a number
    if (!percent) return null;
    s = s.slice(0, -1);
  }
  if (percent) scale = 0.01;
  // thousands separators only in groups of three: 1,234.5 yes; 1,5 or 1,2,3 no (ambiguous)
  if (s.includes(',')) {
    if (!/^[-+]?\d{1,3}(,\d{3})+(\.\d*)?$/.test(s)) return null;
    s = s.replace(/,/g, '');
  }
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(s)) return null;
  const n = Number(s) * scale;
  if (!Number.isFinite(n)) return null;
  return n === 0 ? 0 : n; // never keep -0
}
