// Engine benchmarks: full recompute of the sample and of an England-scale workbook, and the
// recompute after one edit, measured with tinybench in Node. As in the browser, a full recompute of
// a large workbook is shared with a helper thread (src/engine/parallel.ts); the same recompute on
// one thread is reported too (`engine.full.england.1thread`).
//   npm run bench            a table
//   npm run bench -- --json  {"results": [{"name", "medianMs", ...}]}
// Each task warms up for two seconds first: V8 keeps re-optimising the weekly loop for about that
// long, and a planner's session is warm after its first few edits. Opening each workbook cold
// (compile and first projection) is reported on its own (`engine.cold.*`).
import { parseArgs } from 'node:util';
import { availableParallelism, loadavg } from 'node:os';
import { Bench } from 'tinybench';
import { compile } from '../src/engine/compile';
import { emptyResults, recompute, scratchFor } from '../src/engine/project';
import { applyScenario, findScenario } from '../src/engine/scenario';
import { Projection } from '../src/engine';
import type { Workbook } from '../src/model/schema';
import { parseWorkbook } from '../src/model/validate';
import { loadSample } from '../src/sample';
import { englandWorkbook } from './england';
import { startHelperThread } from './helper-thread';
import { HELPER_MIN_PCNS, recomputeShared, type Helper } from '../src/engine/parallel';
import { runMonteCarlo } from '../src/engine';
import { startMcThread } from './mc-thread';

const { values } = parseArgs({ options: { json: { type: 'boolean', default: false } } });
const SCENARIO = 'strategy'; // the scenario with the most roles and interventions active

interface Result {
  name: string;
  medianMs: number;
  p99Ms: number;
  runs: number;
  /** Monte Carlo: CPU time per draw over all threads, and the one-minute load average as it ended. */
  cpuMsPerDraw?: number;
  loadAverage?: number;
}

/** Compiles one scenario and returns a full recompute of it, ready to call again and again. */
function fullRecompute(wb: Workbook) {
  const scenario = findScenario(wb, SCENARIO);
  const compiled = compile(applyScenario(wb, scenario), scenario);
  const results = emptyResults(compiled);
  const scratch = scratchFor(compiled);
  return () => recompute(compiled, results, null, scratch);
}

/**
 * The same, shared with the helper thread, which has compiled the same workbook (it does so on its
 * first request and keeps the result, as in the app).
 */
async function sharedRecompute(wb: Workbook, helper: Helper) {
  if (wb.pcns.length < HELPER_MIN_PCNS) throw new Error('the app would not share this workbook with a helper');
  const scenario = findScenario(wb, SCENARIO);
  const compiled = compile(applyScenario(wb, scenario), scenario);
  const results = emptyResults(compiled);
  const scratch = scratchFor(compiled);
  await helper.open(wb, 0);
  return async () => {
    const problem = await recomputeShared(compiled, results, scratch, helper.project(SCENARIO, 0), 0);
    if (problem) throw problem;
  };
}

async function once(name: string, fn: () => void | Promise<void>): Promise<Result> {
  const t0 = performance.now();
  await fn();
  const ms = performance.now() - t0;
  return { name, medianMs: ms, p99Ms: ms, runs: 1 };
}

const sample = loadSample();
const parsed = parseWorkbook(englandWorkbook());
if (!parsed.ok) throw new Error(`the England workbook is invalid: ${parsed.problems[0].path} ${parsed.problems[0].message}`);
const england = parsed.workbook;

// Opening a workbook, cold, as the worker does it: compile and project (England shared with the
// helper, which is sent the workbook and compiles it too). Taken before anything else is set up,
// so that nothing competes with them.
const cold = [await once('engine.cold.sample', () => void new Projection(sample).refresh(SCENARIO))];
const thread = startHelperThread();
await thread.helper.open(sample, 0); // the thread has started and loaded the engine
cold.push(
  await once('engine.cold.england', async () => {
    const p = new Projection(england);
    p.attachHelper(thread.helper);
    if ((await p.prepare(SCENARIO)) !== 'full' || p.threadsUsed(SCENARIO) !== 2) throw new Error(`the helper did not take part: ${p.helperProblem}`);
  }),
);
const sampleFull = fullRecompute(sample);
const englandFull = await sharedRecompute(england, thread.helper);
const englandOneThread = fullRecompute(england);

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
  .add('engine.full.england.1thread', englandOneThread)
  .add('engine.edit.england', editOne);
const tasks = await bench.run();
await thread.stop();

const results: Result[] = tasks.map((task) => {
  const r = task.result;
  if (r.state !== 'completed') throw new Error(`${task.name}: ${r.state}`);
  return { name: task.name, medianMs: r.latency.p50, p99Ms: r.latency.p99, runs: r.latency.samplesCount };
});
results.push(...cold);

// Monte Carlo: 1,000 draws of the sample's ranges (the Do nothing scenario, as the app opens),
// spread over one worker thread per core as in the app, each thread warmed by a short run first
const cores = Math.max(1, availableParallelism());
const mcThreads = Array.from({ length: cores }, () => startMcThread());
const mcInput = { workbook: sample, scenario: 'do-nothing' };
await runMonteCarlo(mcInput, mcThreads.map((t) => t.runner), { runs: 200, seed: 2 });
const mcTimes: number[] = [];
// CPU time of the whole process (every thread) per task: on a shared machine the wall clock
// counts other people's work, CPU time much less so
const mcCpu: number[] = [];
for (let i = 0; i < 3; i++) {
  const cpu0 = process.cpuUsage();
  let tasks = 0;
  const run = () => runMonteCarlo(mcInput, mcThreads.map((t) => t.runner), { runs: 1000, seed: 1, onProgress: (_, total) => (tasks = total) }).then(() => undefined);
  mcTimes.push((await once('mc', run)).medianMs);
  const cpu = process.cpuUsage(cpu0);
  mcCpu.push((cpu.user + cpu.system) / 1000 / tasks);
}
await Promise.all(mcThreads.map((t) => t.stop()));
mcTimes.sort((a, b) => a - b);
mcCpu.sort((a, b) => a - b);
results.push({ name: 'mc.sample.1000', medianMs: mcTimes[1], p99Ms: mcTimes[2], runs: 3, cpuMsPerDraw: mcCpu[1], loadAverage: loadavg()[0] });

if (values.json) console.log(JSON.stringify({ results }));
else {
  console.log(`Engine benchmarks (${SCENARIO} scenario; Node ${process.version}); median and p99 after a 2 s warm-up`);
  console.log(`England workbook: ${england.systems.length} systems, ${england.places.length} places, ${england.pcns.length} PCNs, ${england.practices.length} practices, ${england.settings.horizonYears} years`);
  for (const r of results) {
    const cpu = r.cpuMsPerDraw === undefined ? '' : `   CPU ${r.cpuMsPerDraw.toFixed(2)} ms a draw, load average ${r.loadAverage?.toFixed(2)}`;
    console.log(`  ${r.name.padEnd(24)} median ${r.medianMs.toFixed(2).padStart(8)} ms   p99 ${r.p99Ms.toFixed(2).padStart(8)} ms   (${r.runs} runs)${cpu}`);
  }
}
