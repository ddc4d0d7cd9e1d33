// Where the engine's workers come from (the engine, its helper, and the Monte Carlo pool's). In the
// hosted app they are files beside the page; the single-file edition swaps this module for
// ./workers-inline (scripts/vite/single.ts).
export function createEngineWorker(): Worker {
  return new Worker(new URL('../../workers/engine.worker.ts', import.meta.url), { type: 'module', name: 'headroom-engine' });
}

export function createHelperWorker(): Worker {
  return new Worker(new URL('../../workers/part.worker.ts', import.meta.url), { type: 'module', name: 'headroom-engine-helper' });
}

export function createMonteCarloWorker(n: number): Worker {
  return new Worker(new URL('../../workers/mc.worker.ts', import.meta.url), { type: 'module', name: `headroom-montecarlo-${n}` });
}
