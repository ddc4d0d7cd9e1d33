// Engine benchmarks: full recompute of the sample and of an England-scale workbook, and the
// recompute after one edit. Medians over repeated runs after a warm-up.
//   npm run bench            a table
//   npm run bench -- --json  {"results": [{"name", "medianMs", ...}]}
import { parseArgs } from 'node:util';
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
  p95Ms: number;
  runs: number;
}

function measure(name: string, runs: number, warmup: number, fn: (i: number) => void): Result {
  for (let i = 0; i < warmup; i++) fn(i);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn(warmup + i);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { name, medianMs: times[Math.floor(times.length / 2)], p95Ms: times[Math.min(times.length - 1, Math.ceil(times.length * 0.95) - 1)], runs };
}

function fullRecompute(wb: Workbook) {
  const compiled = compile(applyScenario(wb, findScenario(wb, SCENARIO)), findScenario(wb, SCENARIO));
  const results = emptyResults(compiled);
  const scratch = scratchFor(compiled);
  return () => recompute(compiled, results, null, scratch);
}

const sample = loadSample();
const parsed = parseWorkbook(englandWorkbook());
if (!parsed.ok) throw new Error(`the England workbook is invalid: ${parsed.problems[0].path} ${parsed.problems[0].message}`);
const england = parsed.workbook;

const results: Result[] = [];
results.push(measure('engine.compile.sample', 30, 5, () => compile(applyScenario(sample, findScenario(sample, SCENARIO)), findScenario(sample, SCENARIO))));
results.push(measure('engine.full.sample', 50, 10, fullRecompute(sample)));
results.push(measure('engine.full.england', 7, 2, fullRecompute(england)));

// one practice's list edited, then the yearly figures read: what a planner's keystroke costs
const projection = new Projection(england);
projection.yearly(SCENARIO);
const practice = england.practices[1234];
results.push(
  measure('engine.edit.england', 20, 3, (i) => {
    projection.applyEdits([{ path: ['practices', practice.code, 'registered'], value: practice.registered + (i % 2 ? 100 : 200) }]);
    if (projection.refresh(SCENARIO) !== 'places') throw new Error('the edit should recompute only its places');
    projection.yearly(SCENARIO);
  }),
);

if (values.json) console.log(JSON.stringify({ results }));
else {
  console.log(`Engine benchmarks (${SCENARIO} scenario; Node ${process.version}); median and p95 of repeated runs after warm-up`);
  console.log(`England workbook: ${england.systems.length} systems, ${england.places.length} places, ${england.pcns.length} PCNs, ${england.practices.length} practices, ${england.settings.horizonYears} years`);
  for (const r of results) console.log(`  ${r.name.padEnd(24)} median ${r.medianMs.toFixed(2).padStart(8)} ms   p95 ${r.p95Ms.toFixed(2).padStart(8)} ms   (${r.runs} runs)`);
}
