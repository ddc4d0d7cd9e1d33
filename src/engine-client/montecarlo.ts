// Monte Carlo over every core: one worker per logical processor (navigator.hardwareConcurrency),
// each taking the next chunk of draws as it finishes the last, so a busy core never holds the run
// back. Stopping terminates the workers at once (a chunk in progress is thrown away with them)
// and the run returns nothing; the next run starts fresh workers.
import * as Comlink from 'comlink';
import { McCancelled, runMonteCarlo, type McInput, type McRunner, type McSummary } from '../engine/montecarlo';
import type { LocalRunner } from '../engine/montecarlo';
import { createMonteCarloWorker } from './workers';

export type { McSummary } from '../engine/montecarlo';

export interface McRunOptions {
  runs: number;
  seed: number;
  onProgress?: (done: number, total: number) => void;
}

export class MonteCarloPool {
  readonly size: number;
  #workers: Worker[] = [];
  #runners: McRunner[] = [];
  #stop: (() => void) | null = null;
  #fail: ((err: Error) => void) | null = null;

  constructor(size = navigator.hardwareConcurrency || 2) {
    this.size = Math.max(1, Math.min(16, size));
  }

  #start(): McRunner[] {
    if (this.#runners.length) return this.#runners;
    for (let i = 0; i < this.size; i++) {
      const w = createMonteCarloWorker(i + 1);
      // a worker that cannot load or start (a blocked script, no memory) ends the run with a reason
      // instead of leaving its draws waiting for ever
      w.addEventListener('error', (e) => {
        e.preventDefault();
        const why = e.message ? ` (${e.message})` : '';
        this.#fail?.(new Error(`a Monte Carlo worker could not start${why}, so no draws were kept. Reload Headroom and run it again; the workbook is not affected.`));
      });
      this.#workers.push(w);
      this.#runners.push(Comlink.wrap<LocalRunner>(w) as unknown as McRunner);
    }
    return this.#runners;
  }

  /** Runs N draws; rejects with McCancelled when stopped. Workbooks are sent as plain data. */
  async run(input: McInput, opts: McRunOptions): Promise<McSummary> {
    this.cancel();
    let stopped = false;
    const stop = new Promise<never>((_, reject) => {
      this.#stop = () => {
        stopped = true;
        reject(new McCancelled());
      };
    });
    const failed = new Promise<never>((_, reject) => {
      this.#fail = (err) => {
        stopped = true;
        this.dispose();
        reject(err);
      };
    });
    const runners = this.#start();
    try {
      return await Promise.race([runMonteCarlo(input, runners, { runs: opts.runs, seed: opts.seed, chunk: 20, onProgress: opts.onProgress, cancelled: () => stopped }), stop, failed]);
    } finally {
      this.#stop = null;
      this.#fail = null;
    }
  }

  /** Stops a run in progress: its workers are ended, with whatever they were computing. */
  cancel(): void {
    if (!this.#stop) return;
    this.#stop();
    this.dispose();
  }

  dispose(): void {
    for (const w of this.#workers) w.terminate();
    this.#workers = [];
    this.#runners = [];
  }
}
