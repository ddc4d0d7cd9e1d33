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

/** The financial year that contains `today` when the labels cover it, else the first one. */
export function yearContaining(labels: readonly string[], today: Date = new Date()): string {
  const own = financialYearOf(today.toISOString().slice(0, 10));
  return labels.includes(own) ? own : (labels[0] ?? '');
}

const MONTH_NAMES = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * The day, month and year of a date as a British planner types it: 03/04/2023 or 3/4/23 (day
 * first), 3 Apr 2023, 3 April 2023, or 2023-04-03; null when the text has no date's shape. The
 * day need not exist (30/02/2019 gives its parts), so a message can say which is wrong.
 */
export function ukDateParts(text: string): { y: number; m: number; d: number } | null {
  const t = text.trim().toLowerCase().replace(/(\d)(st|nd|rd|th)\b/, '$1');
  let d: number, m: number, y: number;
  let hit: RegExpExecArray | null;
  if ((hit = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t))) [y, m, d] = [Number(hit[1]), Number(hit[2]), Number(hit[3])];
  else if ((hit = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/.exec(t))) [d, m, y] = [Number(hit[1]), Number(hit[2]), Number(hit[3])];
  else if ((hit = /^(\d{1,2})[\s-]+([a-z]+)\.?,?[\s-]+(\d{2}|\d{4})$/.exec(t))) {
    const i = MONTH_NAMES.findIndex((n) => hit![2].startsWith(n) && 'january february march april may june july august september october november december sept'.includes(hit![2]));
    if (i < 0) return null;
    [d, m, y] = [Number(hit[1]), i + 1, Number(hit[3])];
  } else return null;
  if (y < 100) y += 2000;
  return { y, m, d };
}

/** A date as a British planner types it (see `ukDateParts`) as an ISO day, or null when it is not a real day. */
export function parseUkDate(text: string): string | null {
  const p = ukDateParts(text);
  if (!p) return null;
  const iso = `${String(p.y).padStart(4, '0')}-${String(p.m).padStart(2, '0')}-${String(p.d).padStart(2, '0')}`;
  return Number.isFinite(parseIsoDate(iso)) ? iso : null;
}

/** An ISO day as the grid shows it: 03/04/2023. */
export function formatUkDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}
