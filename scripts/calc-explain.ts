// The command line's --explain and --bridge: how one figure was computed, and what each of a
// scenario's changes buys. The figures come from the engine's own explain and bridge functions,
// the same ones the app calls in its worker.
import { bridge, FIGURE_KEYS, isFigureKey, Projection } from '../src/engine';
import { parseLevel } from './calc-analysis';
import { FIGURES } from '../src/model/definitions';
import type { Workbook } from '../src/model/schema';
import { explanationCsv, bridgeCsv } from '../src/io/explain-report';

export interface ExplainArgs {
  explain?: string;
  bridge?: boolean;
  fy?: string;
  week?: string;
  level?: string;
  figure?: string;
}

export const EXPLAIN_OPTIONS = {
  explain: { type: 'string' },
  bridge: { type: 'boolean' },
  week: { type: 'string' },
  figure: { type: 'string' },
  fy: { type: 'string' },
  level: { type: 'string' },
} as const;

export const EXPLAIN_USAGE = '[--explain FIGURE (--fy YYYY/YY | --week N) | --bridge --fy YYYY/YY [--figure FIGURE]] [--level pcn:CODE]';

/** Runs --explain or --bridge and returns what to print; null when neither was asked for. */
export function explainCommand(wb: Workbook, scenario: string, args: ExplainArgs, format: 'json' | 'csv', fail: (m: string) => never): string | null {
  if (args.explain === undefined && !args.bridge) return null;
  if (args.explain !== undefined && args.bridge) fail('--explain and --bridge are separate questions: ask one at a time');
  // the engine's own messages (unknown figure, year, code) are the user's answer
  const engine = <T>(fn: () => T): T => {
    try {
      return fn();
    } catch (err) {
      return fail((err as Error).message);
    }
  };
  const ref = engine(() => parseLevel(args.level));
  const fy = args.fy;
  if (args.bridge) {
    if (fy === undefined) fail('--bridge needs a financial year, e.g. --fy 2022/23');
    const figure = args.figure ?? 'netGapPerWeek';
    if (!isFigureKey(figure)) fail(`no figure called '${figure}'; figures are ${FIGURE_KEYS.join(', ')}`);
    const b = engine(() => bridge(wb, scenario, fy, ref, figure));
    return format === 'csv' ? bridgeCsv(b) : JSON.stringify(b, null, 2) + '\n';
  }
  let at: { fy: string } | { week: number };
  if (args.week !== undefined) {
    if (fy !== undefined) fail('give --fy or --week, not both');
    if (!/^\d+$/.test(args.week)) fail(`--week must be a week number from 0, not '${args.week}'`);
    at = { week: Number(args.week) };
  } else if (fy === undefined) fail('--explain needs a financial year (--fy 2018/19) or a week (--week 40)');
  else at = { fy };
  const key = args.explain ?? '';
  const e = engine(() => new Projection(wb).explain(scenario, ref, key, at));
  // the figure's name and meaning in words, as the app shows them
  const { name, unit, definition } = FIGURES[e.key];
  return format === 'csv' ? explanationCsv(e) : JSON.stringify({ ...e, name, unit, definition }, null, 2) + '\n';
}
