// A Monte Carlo runner on a Node worker thread: the same LocalRunner the browser's Monte Carlo
// workers run (workers/mc.worker.ts), over worker_threads instead of a Worker.
import { parentPort, Worker } from 'node:worker_threads';
import * as Comlink from 'comlink/dist/esm/comlink.mjs';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { LocalRunner, type McRunner } from '../src/engine';

if (parentPort) Comlink.expose(new LocalRunner(), nodeEndpoint(parentPort));

export function startMcThread(): { runner: McRunner; stop: () => Promise<number> } {
  const self = JSON.stringify(import.meta.url);
  const worker = new Worker(`import('tsx/esm/api').then(({ tsImport }) => tsImport(${self}, ${self}))`, { eval: true });
  return { runner: Comlink.wrap<LocalRunner>(nodeEndpoint(worker)) as unknown as McRunner, stop: () => worker.terminate() };
}
