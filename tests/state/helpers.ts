// The managers under test run against the real engine in this thread and an in-memory IndexedDB.
// Everything handed to the engine is structured-cloned first, as posting to the worker does, so a
// Svelte proxy that would fail in the browser (DataCloneError) fails here too.
import 'fake-indexeddb/auto';
import { EngineService } from '../../src/engine/service';
import type { ReadStage } from '../../src/io/workbook-file';
import type { Engine } from '../../src/state/results.svelte';
import type { Edit, EntityRef, SeekProgress, SeekRequest } from '../../src/engine';
import type { Workbook } from '../../src/model/schema';
import type { ViewRequest } from '../../src/engine-client';
import { WorkbookStore } from '../../src/storage/store';
import { HeadroomDb } from '../../src/storage/db';
import { AppState } from '../../src/state/app.svelte';

export class InProcessEngine implements Engine {
  readonly #service = new EngineService();
  async open(workbook: Workbook, scenario?: string) {
    return this.#service.open(structuredClone(workbook), scenario);
  }
  async edit(edits: Edit[]) {
    return this.#service.edit(structuredClone(edits));
  }
  async editView(edits: Edit[], request: ViewRequest) {
    return this.#service.editView(structuredClone(edits), structuredClone(request));
  }
  async meta() {
    return this.#service.meta();
  }
  async view(request: ViewRequest) {
    return this.#service.view(structuredClone(request));
  }
  async compare(ref: EntityRef) {
    return this.#service.compare(structuredClone(ref));
  }
  async parseFile(bytes: Uint8Array, onStage?: (stage: ReadStage) => void, keep = false) {
    // the workbook read comes to the page as a copy, as from the worker
    return structuredClone(this.#service.parseFile(bytes, onStage, keep));
  }
  async openKept(kept: number, name: string, scenario?: string) {
    return this.#service.openKept(kept, name, scenario);
  }
  async yearly(scenario: string) {
    return this.#service.yearly(scenario);
  }
  async seek(request: SeekRequest, onProgress: (p: SeekProgress) => void) {
    return this.#service.seek(structuredClone(request), onProgress);
  }
  async cancelSeek() {
    this.#service.cancelSeek();
  }
}

let n = 0;
/** A browser profile of its own: the store every app made from it shares, as tabs do. */
export function freshDbName(): string {
  return `state-test-${Date.now()}-${++n}`;
}

const apps: AppState[] = [];

/** An app as a tab opens it, on the named browser store. */
export async function startApp(dbName: string, store = new WorkbookStore(new HeadroomDb(dbName))): Promise<AppState> {
  const app = new AppState(store, new InProcessEngine());
  apps.push(app);
  await app.start();
  // the page clears its "opening" note once the first figures are painted; here nothing paints
  await app.recovery.opened();
  return app;
}

export function closeApps(): void {
  for (const a of apps.splice(0)) a.dispose();
}

/** Waits until `check` holds, polling (the managers save and compute asynchronously). */
export async function until(check: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
