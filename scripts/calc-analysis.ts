// The command line's goal seek and Monte Carlo options, kept apart from calc.ts:
//   --seek PATH --target "netGapPerWeek<=0" --fy 2023/24 [--level pcn:CODE] [--min A --max B]
//   --runs N [--seed S]
// Both call the same engine functions as the app (src/engine/seek.ts, src/engine/montecarlo.ts).
import { LocalRunner, runMonteCarlo, seek, SeekError, type EntityRef, type Level, LEVELS } from '../src/engine';
import type { Workbook } from '../src/model/schema';
import { seekReport, withPercentiles } from '../src/io/analysis-report';
import type { Report } from '../src/io/report';

export const ANALYSIS_OPTIONS = {
  seek: { type: 'string' },
  target: { type: 'string' },
  fy: { type: 'string' },
  level: { type: 'string' },
  min: { type: 'string' },
  max: { type: 'string' },
  runs: { type: 'string' },
  seed: { type: 'string' },
} as const;

export const ANALYSIS_USAGE = '[--seek PATH --target "netGapPerWeek<=0" --fy 2023/24 [--level pcn:CODE] [--min A --max B]] [--runs N [--seed S]]';

type Values = Partial<Record<keyof typeof ANALYSIS_OPTIONS, string>>;

/** `total`, or `system:CODE`, `place:CODE`, `pcn:CODE`, `practice:CODE`. */
export function parseLevel(text: string | undefined): EntityRef {
  if (text === undefined || text === 'total') return { level: 'total', code: '' };
  const [level, ...rest] = text.split(':');
  const code = rest.join(':');
  if (!LEVELS.includes(level as Level) || level === 'total' || !code) throw new Error(`--level must be total, or system:CODE, place:CODE, pcn:CODE or practice:CODE, not '${text}'`);
  return { level: level as Level, code };
}

function number(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n)) throw new Error(`--${name} must be a number, not '${text}'`);
  return n;
}

/** The JSON to print for --seek, or null when it was not asked for. Throws with a one-line message. */
export async function seekFromArgs(wb: Workbook, scenario: string, v: Values): Promise<object | null> {
  if (v.seek === undefined) {
    if (v.target !== undefined || v.min !== undefined || v.max !== undefined) throw new Error('--target, --min and --max go with --seek PATH');
    return null;
  }
  if (!v.target) throw new Error('--seek needs --target, e.g. --target "netGapPerWeek<=0"');
  if (!v.fy) throw new Error('--seek needs --fy, the financial year, e.g. --fy 2023/24');
  try {
    const r = await seek(wb, { scenario, lever: v.seek, target: v.target, fy: v.fy, ref: parseLevel(v.level), min: number('min', v.min), max: number('max', v.max) });
    return seekReport(r);
  } catch (err) {
    if (err instanceof SeekError) throw new Error(err.message, { cause: err });
    throw err;
  }
}

/** The report with p10, p50 and p90 added for --runs, or the report as it was. */
export async function percentilesFromArgs(wb: Workbook, scenario: string, report: Report, v: Values): Promise<object> {
  if (v.runs === undefined) {
    if (v.seed !== undefined) throw new Error('--seed goes with --runs N');
    return report;
  }
  const runs = number('runs', v.runs)!;
  const seed = number('seed', v.seed);
  if (!Number.isInteger(runs) || runs < 1 || runs > 100_000) throw new Error(`--runs must be a whole number from 1 to 100000, not '${v.runs}'`);
  if (seed !== undefined && (!Number.isInteger(seed) || seed < 0 || seed > 4294967295)) throw new Error(`--seed must be a whole number from 0 to 4294967295, not '${v.seed}'`);
  const mc = await runMonteCarlo({ workbook: wb, scenario, ref: parseLevel(v.level) }, [new LocalRunner()], { runs, seed });
  return withPercentiles(report, mc);
}
