// The engine in this thread, standing in for the engine client (its worker): for the build's first
// view (scripts/vite/first-view-render.ts) and for the state tests. Everything handed to it is
// structured-cloned first, as posting to the worker does, so that a Svelte proxy that would fail in
// the browser (DataCloneError) fails here too.
import { EngineService } from '../engine/service';
import type { ReadStage } from '../io/workbook-file';
import type { Engine } from '../state/results.svelte';
import type { Edit, EntityRef, SeekProgress, SeekRequest } from '../engine';
import type { Workbook } from '../model/schema';
import type { ViewRequest } from '../engine/service';

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
