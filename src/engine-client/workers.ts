// Where the engine's workers come from. In the hosted app they are files beside the page; the
// single-file edition swaps this module for ./workers-inline (scripts/vite/single.ts).
export function createEngineWorker(): Worker {
  return new Worker(new URL('../../workers/engine.worker.ts', import.meta.url), { type: 'module', name: 'headroom-engine' });
}

export function createHelperWorker(): Worker {
  return new Worker(new URL('../../workers/part.worker.ts', import.meta.url), { type: 'module', name: 'headroom-engine-helper' });
}
