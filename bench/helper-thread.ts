// The engine's helper on a Node worker thread: the same PartEngine the browser's helper worker
// runs (workers/part.worker.ts), over worker_threads instead of a MessagePort.
import { parentPort, Worker } from 'node:worker_threads';
// Comlink's ES module build: a bare 'comlink' gives Node the UMD build (package.json "main").
import * as Comlink from 'comlink/dist/esm/comlink.mjs';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { PartEngine, type Helper } from '../src/engine/parallel';

if (parentPort) Comlink.expose(new PartEngine(), nodeEndpoint(parentPort));

/** Starts a helper thread; `stop` ends it. */
export function startHelperThread(): { helper: Helper; stop: () => Promise<number> } {
  // a worker's entry must be JavaScript, so the thread loads this TypeScript file through tsx
  const self = JSON.stringify(import.meta.url);
  const worker = new Worker(`import('tsx/esm/api').then(({ tsImport }) => tsImport(${self}, ${self}))`, { eval: true });
  return { helper: Comlink.wrap<PartEngine>(nodeEndpoint(worker)), stop: () => worker.terminate() };
}
