// Engine benchmarks: full recompute of the sample and of an England-scale workbook, and the
// recompute after one edit, measured with tinybench in Node (one thread, as in the engine worker).
//   npm run bench            a table
//   npm run bench -- --json  {"results": [{"name", "medianMs", ...}]}
// Each task warms up for two seconds first: V8 keeps re-optimising the weekly loop for about that
// long, and a planner's session is warm after its first few edits. The first, cold recompute of
// each workbook is reported on its own (`engine.cold.*`), since that is what opening a file costs.
import { parseArgs } from 'node:util';
import { Bench } from 'tinybench';
import { compile } from '../src/engine/compile';
import { emptyResults, recompute, scratchFor } from '../src/engine/project';
import { applyScenario, findScenario } from '../src/engine/scenario';
import { Projection } from '../src/engine';
import type { Workbook } from '../src/model/schema';
import { parseWorkbook } from '../src/model/validate';
import { loadSample } from '../src/sample';
import { englandWorkbook } from './england';

const { values } = parseArgs({ options: { json: { type: 'boolean', default: false } } });
const SCENARIO = 'strategy'; // the scenario with the most roles and interventions active

interface Result {
  name: string;
  medianMs: number;
  p99Ms: number;
  runs: number;
}

/** Compiles one scenario and returns a full recompute of it, ready to call again and again. */
function fullRecompute(wb: Workbook) {
  const scenario = findScenario(wb, SCENARIO);
  const compiled = compile(applyScenario(wb, scenario), scenario);
  const results = emptyResults(compiled);
  const scratch = scratchFor(compiled);
  return () => recompute(compiled, results, null, scratch);
}

function once(name: string, fn: () => void): Result {
  const t0 = performance.now();
  fn();
  const ms = performance.now() - t0;
  return { name, medianMs: ms, p99Ms: ms, runs: 1 };
}

const sample = loadSample();
const parsed = parseWorkbook(englandWorkbook());
if (!parsed.ok) throw new Error(`the England workbook is invalid: ${parsed.problems[0].path} ${parsed.problems[0].message}`);
const england = parsed.workbook;

const sampleFull = fullRecompute(sample);
const englandFull = fullRecompute(england);
const cold = [once('engine.cold.sample', sampleFull), once('engine.cold.england', englandFull)];

// one practice's list edited, then the yearly figures read: what a planner's keystroke costs
const projection = new Projection(england);
projection.yearly(SCENARIO);
const practice = england.practices[1234];
let edits = 0;
const editOne = () => {
  edits += 1;
  projection.applyEdits([{ path: ['practices', practice.code, 'registered'], value: practice.registered + (edits % 2 ? 100 : 200) }]);
  if (projection.refresh(SCENARIO) !== 'places') throw new Error('the edit should recompute only its places');
  projection.yearly(SCENARIO);
};

const bench = new Bench({ warmupTime: 2000, warmupIterations: 5, time: 3000, iterations: 10, throws: true });
bench
  .add('engine.compile.sample', () => void compile(applyScenario(sample, findScenario(sample, SCENARIO)), findScenario(sample, SCENARIO)))
  .add('engine.full.sample', sampleFull)
  .add('engine.full.england', englandFull)
  .add('engine.edit.england', editOne);
const tasks = bench.runSync();

const results: Result[] = tasks.map((task) => {
  const r = task.result;
  if (r.state !== 'completed') throw new Error(`${task.name}: ${r.state}`);
  return { name: task.name, medianMs: r.latency.p50, p99Ms: r.latency.p99, runs: r.latency.samplesCount };
});
results.push(...cold);

if (values.json) console.log(JSON.stringify({ results }));
else {
  console.log(`Engine benchmarks (${SCENARIO} scenario; Node ${process.version}); median and p99 after a 2 s warm-up`);
  console.log(`England workbook: ${england.systems.length} systems, ${england.places.length} places, ${england.pcns.length} PCNs, ${england.practices.length} practices, ${england.settings.horizonYears} years`);
  for (const r of results) console.log(`  ${r.name.padEnd(24)} median ${r.medianMs.toFixed(2).padStart(8)} ms   p99 ${r.p99Ms.toFixed(2).padStart(8)} ms   (${r.runs} runs)`);
}
