// Runs the engine off the page's thread. Nothing but the Comlink wiring lives here: the surface is
// EngineService. The page may hand over a port to a helper worker (workers/part.worker.ts) that
// takes half of each full recompute of a large workbook.
//
// Views are copied to the page, not transferred: a transfer detaches the buffer here, and once any
// buffer has been detached V8 checks for detachment on every typed-array access in this worker,
// which made the engine about 30% slower (docs/performance.md). A view is a few hundred kilobytes.
import * as Comlink from 'comlink';
import { EngineService } from '../src/engine/service';
import type { PartEngine } from '../src/engine/parallel';

class WorkerEngine extends EngineService {
  attachHelperPort(port: MessagePort): void {
    this.useHelper(Comlink.wrap<PartEngine>(port));
  }
}

export type { WorkerEngine };

Comlink.expose(new WorkerEngine());
performance.mark('headroom:worker:ready');
