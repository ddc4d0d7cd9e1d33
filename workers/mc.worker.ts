// One Monte Carlo worker: runs chunks of draws for the pool in src/engine-client/montecarlo.ts.
// Nothing but the Comlink wiring lives here: the surface is LocalRunner (src/engine/montecarlo.ts).
import * as Comlink from 'comlink';
import { LocalRunner } from '../src/engine/montecarlo';

Comlink.expose(new LocalRunner());
