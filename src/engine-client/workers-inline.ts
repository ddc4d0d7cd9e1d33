// The engine's workers built into the page itself and started from blob: URLs, for the single-file
// edition: a page opened from a file may not start workers from other files.
import EngineWorker from '../../workers/engine.worker.ts?worker&inline';
import PartWorker from '../../workers/part.worker.ts?worker&inline';
import McWorker from '../../workers/mc.worker.ts?worker&inline';

export function createEngineWorker(): Worker {
  return new EngineWorker({ name: 'headroom-engine' });
}

export function createHelperWorker(): Worker {
  return new PartWorker({ name: 'headroom-engine-helper' });
}

export function createMonteCarloWorker(n: number): Worker {
  return new McWorker({ name: `headroom-montecarlo-${n}` });
}
