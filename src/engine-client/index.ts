// The only code that creates workers. Everything else asks this client, which keeps one engine
// worker per page, sends edits in order and answers view requests newest-first: while the worker
// is busy, a newer request replaces an older one that has not started, so a fast typist never
// builds a queue of stale recomputes. A second, helper worker takes half of each full recompute of
// a large workbook; it talks to the engine worker directly, over a channel set up here.
import * as Comlink from 'comlink';
import type { Comparison, View, ViewRequest } from '../engine/service';
import type { WorkerEngine } from '../../workers/engine.worker';
import type { Bridge, Edit, EntityRef, Explanation, Meta, SeekProgress, SeekRequest, SeekResult, YearRow } from '../engine';
import type { ResultsData } from '../io/results-export';
import type { Workbook } from '../model/schema';
import type { ParseResult } from '../model/validate';
import type { ReadStage } from '../io/workbook-file';
import { createEngineWorker, createHelperWorker } from './workers';
import { HELPER_MIN_PCNS } from '../engine/threads';

export type { View, ViewRequest, ScenarioYears, Comparison } from '../engine/service';

export class EngineClient {
  readonly #worker: Worker;
  #helper: Worker | null = null;
  readonly #remote: Comlink.Remote<WorkerEngine>;
  #pendingView: { request: ViewRequest; resolve: (v: View | null) => void; reject: (e: unknown) => void } | null = null;
  #pendingCompare: { ref: EntityRef; resolve: (c: Comparison | null) => void; reject: (e: unknown) => void } | null = null;
  /** What the worker is answering: a view, or a comparison (which gives way to a view). */
  #running: 'view' | 'compare' | null = null;

  constructor() {
    this.#worker = createEngineWorker();
    this.#remote = Comlink.wrap<WorkerEngine>(this.#worker);
  }

  /**
   * Starts the helper worker, once. Not at start: loading it then took the engine worker's core
   * on the way to a first visit's figures (about a quarter of a second), and the sample never
   * needs it. It starts once the first figures are painted, or at once for a large workbook.
   */
  startHelper(): void {
    // a second core is worth using only where there is one
    if (this.#helper || (navigator.hardwareConcurrency ?? 1) < 2) return;
    this.#helper = createHelperWorker();
    const channel = new MessageChannel();
    this.#helper.postMessage({ port: channel.port2 }, [channel.port2]);
    void this.#remote.attachHelperPort(Comlink.transfer(channel.port1, [channel.port1]));
  }

  /** Opens a workbook in the worker; with `scenario`, the worker starts computing it at once. */
  open(workbook: Workbook, scenario?: string): Promise<Meta> {
    if (workbook.pcns.length >= HELPER_MIN_PCNS) this.startHelper();
    return this.#remote.open(workbook, scenario);
  }

  edit(edits: Edit[]): Promise<number> {
    return this.#remote.edit(edits);
  }

  /**
   * Applies edits (always at once, in order) and answers the view after them. When the worker is
   * free this is one round trip; when a view is running, the edits go now and the view waits its
   * turn like any other (superseding an older one that has not started).
   */
  editView(edits: Edit[], request: ViewRequest): Promise<View | null> {
    if (this.#running) return Promise.all([this.edit(edits), this.view(request)]).then(([, v]) => v);
    return new Promise((resolve, reject) => void this.#run('view', () => this.#remote.editView(edits, request), { resolve, reject }));
  }

  meta(): Promise<Meta> {
    return this.#remote.meta();
  }

  /** How one figure was computed (a financial year, or one week of a weekly chart). */
  explain(scenario: string, ref: EntityRef, key: string, at: { fy: string } | { week: number }): Promise<Explanation> {
    return this.#remote.explain(scenario, ref, key, at);
  }

  /** What each of a scenario's changes buys in one financial year. */
  bridge(scenario: string, ref: EntityRef, fy: string): Promise<Bridge> {
    return this.#remote.bridge(scenario, ref, fy);
  }

  /** The whole workbook's yearly figures for a scenario, as the command line prints them. */
  yearly(scenario: string): Promise<YearRow[]> {
    return this.#remote.yearly(scenario);
  }

  /** Goal seek in the engine worker, with progress after each engine run. */
  seek(request: SeekRequest, onProgress: (p: SeekProgress) => void): Promise<SeekResult> {
    return this.#remote.seek(request, Comlink.proxy(onProgress));
  }

  cancelSeek(): Promise<void> {
    return this.#remote.cancelSeek();
  }

  /** Every scenario's yearly figures at every level and the chosen view's weekly series, for Excel. */
  exportResults(view: { scenario: string; ref: EntityRef }): Promise<ResultsData> {
    return this.#remote.exportResults(view);
  }

  /**
   * Checks a file in the worker; the bytes are handed over, not copied. With `keep`, the worker
   * holds the workbook it read for `openKept`.
   */
  parseFile(bytes: Uint8Array, onStage?: (stage: ReadStage) => void, keep = false): Promise<ParseResult & { kept?: number }> {
    const read = this.#remote.parseFile(Comlink.transfer(bytes, [bytes.buffer]), onStage ? Comlink.proxy(onStage) : undefined, keep);
    // a large file will share its first recompute: the helper starts before it is opened
    return read.then((r) => {
      if (r.ok && r.workbook.pcns.length >= HELPER_MIN_PCNS) this.startHelper();
      return r;
    });
  }

  /** Opens the workbook the worker kept from `parseFile`, named as the page names it, and starts computing `scenario`. */
  openKept(kept: number, name: string, scenario?: string): Promise<Meta> {
    return this.#remote.openKept(kept, name, scenario);
  }

  /**
   * The latest view. Resolves null when a newer request superseded this one before it ran.
   */
  view(request: ViewRequest): Promise<View | null> {
    return new Promise((resolve, reject) => {
      this.#pendingView?.resolve(null);
      this.#pendingView = { request, resolve, reject };
      if (this.#running === 'compare') void this.#remote.giveWay();
      void this.#pump();
    });
  }

  /**
   * Every scenario's yearly figures for one entity. Runs only when no view is waiting, so the
   * scenario on screen is always answered first; resolves null when a newer request superseded it.
   */
  compare(ref: EntityRef): Promise<Comparison | null> {
    return new Promise((resolve, reject) => {
      this.#pendingCompare?.resolve(null);
      this.#pendingCompare = { ref, resolve, reject };
      void this.#pump();
    });
  }

  async #pump(): Promise<void> {
    if (this.#running) return;
    if (this.#pendingView) {
      const job = this.#pendingView;
      this.#pendingView = null;
      await this.#run('view', () => this.#remote.view(job.request), job);
    } else if (this.#pendingCompare) {
      const job = this.#pendingCompare;
      this.#pendingCompare = null;
      await this.#run('compare', () => this.#remote.compare(job.ref), job);
    }
  }

  async #run<T>(kind: 'view' | 'compare', call: () => Promise<T>, job: { resolve: (v: T) => void; reject: (e: unknown) => void }): Promise<void> {
    this.#running = kind;
    try {
      job.resolve(await call());
    } catch (err) {
      job.reject(err);
    } finally {
      this.#running = null;
      void this.#pump();
    }
  }

  dispose(): void {
    this.#remote[Comlink.releaseProxy]();
    this.#worker.terminate();
    this.#helper?.terminate();
  }
}
