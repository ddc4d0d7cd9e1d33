// Runs the engine off the page's thread. Nothing but the Comlink wiring lives here: the surface is
// EngineService, and weekly series are transferred, not copied.
import * as Comlink from 'comlink';
import { EngineService, transferablesOf, type ViewRequest } from '../src/engine/service';

class WorkerEngine extends EngineService {
  override view(request: ViewRequest) {
    const v = super.view(request);
    return Comlink.transfer(v, transferablesOf(v));
  }
}

Comlink.expose(new WorkerEngine());
