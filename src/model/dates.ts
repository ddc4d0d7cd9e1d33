// Calendar helpers. Dates are ISO `YYYY-MM-DD` strings read as UTC days, so no time zone or
// daylight-saving change can move a week boundary.

const DAY_MS = 86_400_000;

export function parseIsoDate(s: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return NaN;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  // reject dates that roll over, such as 2023-02-30
  const d = new Date(t);
  if (d.getUTCFullYear() !== Number(m[1]) || d.getUTCMonth() !== Number(m[2]) - 1 || d.getUTCDate() !== Number(m[3])) return NaN;
  return t;
}

export function isMonday(s: string): boolean {
  const t = parseIsoDate(s);
  return Number.isFinite(t) && new Date(t).getUTCDay() === 1;
}

export function addDays(s: string, days: number): string {
  return new Date(parseIsoDate(s) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole weeks from `start` to `date`, rounded down: the index of the week containing `date`. */
export function weekIndex(start: string, date: string): number {
  return Math.floor((parseIsoDate(date) - parseIsoDate(start)) / (7 * DAY_MS));
}

/** Financial years run April to March and are named `2018/19`. */
export function financialYearOf(date: string): string {
  const t = new Date(parseIsoDate(date));
  const y = t.getUTCFullYear();
  const first = t.getUTCMonth() >= 3 ? y : y - 1;
  return fyLabel(first);
}

export function fyLabel(firstYear: number): string {
  return `${firstYear}/${String((firstYear + 1) % 100).padStart(2, '0')}`;
}

/** The first calendar year of a label such as `2018/19`, or NaN. */
export function fyFirstYear(label: string): number {
  const m = /^(\d{4})\/(\d{2})$/.exec(label);
  if (!m) return NaN;
  const first = Number(m[1]);
  return (first + 1) % 100 === Number(m[2]) ? first : NaN;
}
