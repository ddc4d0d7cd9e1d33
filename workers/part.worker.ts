// The engine's helper: projects its share of the systems in a full recompute of a large workbook
// (src/engine/parallel.ts). It talks only to the engine worker, over the port the page hands it.
// Parts are copied to the engine worker, not transferred (see Helper in parallel.ts).
import * as Comlink from 'comlink';
import { PartEngine } from '../src/engine/parallel';

self.addEventListener(
  'message',
  (e: MessageEvent<{ port?: MessagePort }>) => {
    if (e.data.port) Comlink.expose(new PartEngine(), e.data.port);
  },
  { once: true },
);
