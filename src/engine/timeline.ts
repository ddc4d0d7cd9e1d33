// Weekly time axis (MODEL.md section 1): week t starts on the Monday `start + 7t` days; it belongs
// to the financial year and calendar month of that Monday.
import { addDays, fyLabel, parseIsoDate, weekIndex } from '../model/dates';

export interface Timeline {
  readonly start: string;
  /** Number of weeks. */
  readonly T: number;
  /** Financial year index (into fyLabels) of each week. */
  readonly fyOfWeek: Int32Array;
  /** Calendar month 0-11 of each week's Monday. */
  readonly monthOfWeek: Uint8Array;
  readonly fyLabels: readonly string[];
  /** First week of each financial year within the horizon, and how many weeks it has there. */
  readonly fyFirstWeek: Int32Array;
  readonly fyWeekCount: Int32Array;
}

export function buildTimeline(start: string, horizonYears: number): Timeline {
  const T = Math.round(horizonYears * 52);
  const fyOfWeek = new Int32Array(T);
  const monthOfWeek = new Uint8Array(T);
  const labels: string[] = [];
  const first: number[] = [];
  const count: number[] = [];
  const t0 = parseIsoDate(start);
  for (let t = 0; t < T; t++) {
    const d = new Date(t0 + t * 7 * 86_400_000);
    const m = d.getUTCMonth();
    monthOfWeek[t] = m;
    const label = fyLabel(m >= 3 ? d.getUTCFullYear() : d.getUTCFullYear() - 1);
    if (labels[labels.length - 1] !== label) {
      labels.push(label);
      first.push(t);
      count.push(0);
    }
    fyOfWeek[t] = labels.length - 1;
    count[count.length - 1]++;
  }
  return { start, T, fyOfWeek, monthOfWeek, fyLabels: labels, fyFirstWeek: Int32Array.from(first), fyWeekCount: Int32Array.from(count) };
}

/** Week index of a date on this timeline (may be negative or beyond the horizon). */
export function weekOf(tl: Timeline, date: string): number {
  return weekIndex(tl.start, date);
}

export function mondayOf(tl: Timeline, t: number): string {
  return addDays(tl.start, 7 * t);
}

/** Annual growth compounded weekly: (1+g)^(t/52) for every week. */
export function growthSeries(T: number, g: number): Float64Array {
  const out = new Float64Array(T);
  for (let t = 0; t < T; t++) out[t] = Math.pow(1 + g, t / 52);
  return out;
}

/**
 * Share of full effect of something that starts at week `s`, reaches full effect `ramp` weeks
 * later and stops at week `e` (exclusive): 0 before s, (t - s) / ramp while ramping, 1 after.
 */
export function rampSeries(T: number, s: number, e: number, ramp: number): Float64Array {
  const out = new Float64Array(T);
  const from = Math.max(0, s);
  const to = Math.min(T, e);
  for (let t = from; t < to; t++) out[t] = ramp <= 0 ? 1 : Math.min(1, (t - s) / ramp);
  return out;
}
