// The explanation panel and the bridge: which figure the planner asked about, and the engine's
// answer (computed in the worker, like every figure). One question at a time: a newer question
// replaces an older one still being answered.
import type { EngineClient } from '../engine-client';
import type { Bridge, EntityRef, Explanation } from '../engine';

export type ExplainEngine = Partial<Pick<EngineClient, 'explain' | 'bridge'>>;

export interface ExplainAsk {
  scenario: string;
  ref: EntityRef;
  key: string;
  at: { fy: string } | { week: number };
  /** What the planner clicked, to say it back (e.g. "Demand against capacity, week of 7 Jan 2019"). */
  where: string;
}

export class Explainer {
  readonly #engine: ExplainEngine;
  #ask = $state.raw<ExplainAsk | null>(null);
  #answer = $state.raw<Explanation | null>(null);
  #error = $state<string | null>(null);
  #busy = $state(false);
  #bridge = $state.raw<Bridge | null>(null);
  #bridgeError = $state<string | null>(null);
  #bridgeBusy = $state(false);
  #asked = 0;
  #bridgeAsked = 0;

  constructor(engine: ExplainEngine) {
    this.#engine = engine;
  }

  get ask(): ExplainAsk | null {
    return this.#ask;
  }
  get answer(): Explanation | null {
    return this.#answer;
  }
  get error(): string | null {
    return this.#error;
  }
  get busy(): boolean {
    return this.#busy;
  }
  get bridge(): Bridge | null {
    return this.#bridge;
  }
  get bridgeError(): string | null {
    return this.#bridgeError;
  }
  get bridgeBusy(): boolean {
    return this.#bridgeBusy;
  }

  async open(ask: ExplainAsk): Promise<void> {
    const n = ++this.#asked;
    this.#ask = ask;
    this.#answer = null;
    this.#error = null;
    this.#busy = true;
    try {
      if (!this.#engine.explain) throw new Error('explanations are not available here');
      const answer = await this.#engine.explain(ask.scenario, ask.ref, ask.key, ask.at);
      if (n === this.#asked) this.#answer = answer;
    } catch (err) {
      if (n === this.#asked) this.#error = err instanceof Error ? err.message : String(err);
    } finally {
      if (n === this.#asked) this.#busy = false;
    }
  }

  close(): void {
    this.#asked++;
    this.#ask = null;
    this.#answer = null;
    this.#error = null;
    this.#busy = false;
  }

  /** Recomputes the bridge for a scenario, entity and year (after every change of view or workbook). */
  async loadBridge(scenario: string, ref: EntityRef, fy: string): Promise<void> {
    const n = ++this.#bridgeAsked;
    this.#bridgeBusy = true;
    this.#bridgeError = null;
    try {
      if (!this.#engine.bridge) throw new Error('the bridge is not available here');
      const b = await this.#engine.bridge(scenario, ref, fy);
      if (n === this.#bridgeAsked) this.#bridge = b;
    } catch (err) {
      if (n === this.#bridgeAsked) {
        this.#bridge = null;
        this.#bridgeError = err instanceof Error ? err.message : String(err);
      }
    } finally {
      if (n === this.#bridgeAsked) this.#bridgeBusy = false;
    }
  }
}
