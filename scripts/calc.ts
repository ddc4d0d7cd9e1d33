// Command line: one row per financial year for the whole workbook, for one scenario; or how one
// figure was computed (--explain), or what each of a scenario's changes buys (--bridge).
//   npm run calc -- <file.headroom.json | file.xlsx | sample> [--scenario NAME] [--snapshot NAME] [--format json|csv] [--write FILE]
//                   [--export FILE.xlsx] [--import NHS.csv]... [--map 'STAFF ROLE=role']...
//   goal seek and Monte Carlo options: see calc-analysis.ts
// --snapshot computes the workbook as it was when a workshop snapshot was pinned (its scenario
// unless --scenario says otherwise), as the app's "Bring back" does.
// Every failure is one line on stderr naming the problem, and exit code 2.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { Projection } from '../src/engine';
import type { Workbook } from '../src/model/schema';
import { describeProblems } from '../src/model/validate';
import { checkFileSize, parseWorkbookBytes, serializeWorkbook } from '../src/io/workbook-file';
import { reportCsv, toReport } from '../src/io/report';
import { loadSample } from '../src/sample';
import { describeXlsxProblems, workbookToXlsx, xlsxToWorkbook } from '../src/io/xlsx';
import { collectResults } from '../src/io/results-export';
import { importFiles } from './calc-import';
import { explainCommand, EXPLAIN_OPTIONS, EXPLAIN_USAGE } from './calc-explain';
import { ANALYSIS_OPTIONS, ANALYSIS_USAGE, percentilesFromArgs, seekFromArgs } from './calc-analysis';
import { findSnapshot, workbookAtSnapshot } from '../src/model/workshop';

const USAGE = `usage: npm run calc -- <file.headroom.json | file.xlsx | sample> [--scenario NAME] [--snapshot NAME] [--format json|csv] [--write FILE] [--export FILE.xlsx] [--import NHS.csv]... [--map 'STAFF ROLE=role']... ${ANALYSIS_USAGE} ${EXPLAIN_USAGE}`;

class Fail extends Error {}

function fail(message: string): never {
  throw new Fail(message);
}

async function load(source: string): Promise<Workbook> {
  if (source === 'sample') return loadSample();
  let size: number;
  try {
    const st = statSync(source);
    if (!st.isFile()) fail(`${source}: is not a file`);
    size = st.size;
  } catch (err) {
    if (err instanceof Fail) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    fail(code === 'ENOENT' ? `${source}: no such file` : `${source}: cannot be read (${code ?? String(err)})`);
  }
  const sizeProblem = checkFileSize(size);
  if (sizeProblem) fail(`${source}: ${sizeProblem}`);
  if (/\.xlsx$/i.test(source)) {
    const read = await xlsxToWorkbook(readFileSync(source));
    if (!read.ok) fail(`${source}: ${describeXlsxProblems(read.problems)}`);
    return read.workbook;
  }
  const parsed = parseWorkbookBytes(new Uint8Array(readFileSync(source)));
  if (!parsed.ok) fail(`${source}: ${describeProblems(parsed.problems)}`);
  return parsed.workbook;
}

/** A scenario by id or by name, ignoring case. */
function pickScenario(wb: Workbook, wanted: string | undefined): string {
  if (wanted === undefined) return wb.scenarios[0].id;
  const w = wanted.trim().toLowerCase();
  const hit = wb.scenarios.find((s) => s.id.toLowerCase() === w || s.name.toLowerCase() === w);
  if (!hit) fail(`unknown scenario '${wanted}'; this workbook has: ${wb.scenarios.map((s) => `${s.id} ("${s.name}")`).join(', ')}`);
  return hit.id;
}

async function main(argv: string[]): Promise<void> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        scenario: { type: 'string' },
        snapshot: { type: 'string' },
        format: { type: 'string' },
        write: { type: 'string' },
        export: { type: 'string' },
        import: { type: 'string', multiple: true },
        map: { type: 'string', multiple: true },
        help: { type: 'boolean' },
        ...ANALYSIS_OPTIONS,
        ...EXPLAIN_OPTIONS,
      },
    });
  } catch (err) {
    fail(`${(err as Error).message}; ${USAGE}`);
  }
  if (args.values.help) {
    process.stdout.write(USAGE + '\n');
    return;
  }
  if (args.positionals.length !== 1) fail(args.positionals.length ? `one workbook at a time; ${USAGE}` : `no workbook given; ${USAGE}`);
  const format = args.values.format ?? 'json';
  if (format !== 'json' && format !== 'csv') fail(`--format must be json or csv, not '${format}'`);

  let wb = await load(args.positionals[0]);
  let wanted = args.values.scenario;
  if (args.values.snapshot !== undefined) {
    const snap = findSnapshot(wb, args.values.snapshot);
    const names = wb.workshop?.snapshots.map((s) => `"${s.name}"`).join(', ');
    if (!snap) fail(`unknown snapshot '${args.values.snapshot}'; ${names ? `this workbook has: ${names}` : 'this workbook has no snapshots'}`);
    wb = workbookAtSnapshot(wb, snap);
    wanted ??= wb.scenarios.some((s) => s.id === snap.scenario) ? snap.scenario : undefined;
  }
  const scenario = pickScenario(wb, wanted);
  const imports = args.values.import ?? [];
  let summary: string | null = null;
  if (imports.length) {
    const done = importFiles(wb, imports, args.values.map ?? [], args.values.format === 'json' ? 'json' : 'text');
    if (!done.ok) fail(done.message);
    wb = done.workbook;
    summary = done.summary;
  }
  if (args.values.export) {
    const target = args.values.export;
    if (!/\.xlsx$/i.test(target)) fail(`--export writes an Excel file: name it NAME.xlsx, not '${target}'`);
    const results = await collectResults(new Projection(wb), { scenario, ref: { level: 'total', code: '' } });
    try {
      writeFileSync(target, await workbookToXlsx(wb, results));
    } catch (err) {
      fail(`${target}: cannot be written (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
    }
    process.stderr.write(`wrote ${target}\n`);
  }
  if (args.values.write) {
    try {
      writeFileSync(args.values.write, serializeWorkbook(wb));
    } catch (err) {
      fail(`${args.values.write}: cannot be written (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
    }
    process.stderr.write(`wrote ${args.values.write}\n`);
  }
  // an import prints what it changed (the same summary the app previews), not the figures
  if (summary !== null) {
    process.stdout.write(summary);
    return;
  }
  const answer = explainCommand(wb, scenario, args.values, format, fail);
  if (answer !== null) {
    process.stdout.write(answer);
    return;
  }
  const sought = await wrap(() => seekFromArgs(wb, scenario, args.values));
  if (sought) {
    if (format !== 'json') fail('goal seek prints JSON only: use --format json');
    process.stdout.write(JSON.stringify(sought, null, 2) + '\n');
    return;
  }
  const report = toReport(wb.name, scenario, new Projection(wb).yearly(scenario));
  const withRanges = await wrap(() => percentilesFromArgs(wb, scenario, report, args.values));
  if (withRanges !== report && format !== 'json') fail('percentiles print as JSON only: use --format json');
  process.stdout.write(format === 'csv' ? reportCsv(report) : JSON.stringify(withRanges, null, 2) + '\n');
}

/** Turns a plain-words error of the analysis options into a one-line failure. */
async function wrap<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof Fail) throw err;
    const e = err as Error;
    if (e.message && !(e instanceof TypeError) && !(e instanceof RangeError)) fail(e.message);
    throw err;
  }
}

try {
  await main(process.argv.slice(2));
} catch (err) {
  process.stderr.write(`calc: ${err instanceof Fail ? err.message : `internal error: ${(err as Error).message}`}\n`);
  process.exit(2);
}
