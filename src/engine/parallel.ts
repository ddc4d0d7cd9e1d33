// A full recompute split between two threads. PCNs are independent and a system is the sum of its
// places, so whole systems can be projected on a second thread (the helper) while this one does
// the rest; then the helper's blocks are copied in and the total is added up. Both threads compile
// the same workbook revision and choose the same split, and every sum is taken in the same order
// as on one thread, so the figures are the same to the bit (tests/unit/engine.parallel.test.ts).
import { compile, type Compiled } from './compile';
import { NSTAT, ownBlocks, projectPlaces, scratchFor, sumSystems, sumTotal, type Results, type Scratch } from './project';
import { applyScenario, findScenario } from './scenario';
import { applyEditsTo, type Edit } from './edits';
import type { Workbook } from '../model/schema';

/** What the helper computed for its share of the systems. */
export interface Part {
  /** The workbook revision it was computed from. */
  revision: number;
  /** Its systems, in ascending order. */
  systems: number[];
  /** The blocks of those systems, in the order of `systems`. */
  systemBlocks: Float64Array;
  /** FY ranking figures, laid out as Results.pcnFy; only the rows of the part's PCNs are filled. */
  pcnFy: Float64Array;
}

/**
 * The other thread, as the engine sees it. It keeps its own copy of the workbook: `open` and
 * `edit` are sent in the same order as they are applied here, each with the revision it makes.
 *
 * Parts are copied between threads, never transferred: once any ArrayBuffer has been detached in
 * a JavaScript engine instance, V8 checks for detached buffers on every typed-array access from
 * then on, which made the projection about 30% slower (docs/performance.md). Copying is cheap
 * because a part holds only the helper's systems, not its places.
 */
export interface Helper {
  open(workbook: Workbook, revision: number): Promise<void>;
  edit(edits: Edit[], revision: number): Promise<void>;
  project(scenarioId: string, revision: number): Promise<Part>;
}

export { HELPER_MIN_PCNS } from './threads';

/**
 * The systems the helper projects: whole systems holding about half of the PCNs (largest first,
 * each to the side with fewer), the same on both threads since both see the same compiled
 * workbook.
 */
export function helperSystems(c: Compiled): number[] {
  const nSys = c.systems.codes.length;
  const pcns = new Float64Array(nSys);
  for (let n = 0; n < c.pcns.codes.length; n++) pcns[c.places.system[c.pcns.place[n]]]++;
  const bySize = Array.from({ length: nSys }, (_, i) => i).sort((a, b) => pcns[b] - pcns[a] || a - b);
  let mine = 0;
  let theirs = 0;
  const out: number[] = [];
  for (const sys of bySize) {
    if (theirs < mine) {
      theirs += pcns[sys];
      out.push(sys);
    } else mine += pcns[sys];
  }
  return out.sort((a, b) => a - b);
}

function inSet(n: number, systems: readonly number[]): Uint8Array {
  const out = new Uint8Array(n);
  for (const s of systems) out[s] = 1;
  return out;
}

/** Working memory the helper keeps between parts, so that it writes to memory it already has. */
export interface PartWork {
  places: Float64Array;
  systems: Float64Array;
  pcnFy: Float64Array;
}

/** An array of length n: `a` itself when it has that length. */
function sized(a: Float64Array | undefined, n: number): Float64Array {
  return a?.length === n ? a : new Float64Array(n);
}

/**
 * Projects the given systems (the helper's side of the work): their places into working memory,
 * summed into system blocks. The part's arrays are `work`'s, valid until the next call.
 */
export function projectPart(c: Compiled, systems: number[], s: Scratch, revision: number, work: PartWork | null = null): { part: Part; work: PartWork } {
  const size = c.layout.size;
  const nPlaces = c.places.codes.length;
  const mine = inSet(c.systems.codes.length, systems);
  const placeAt = new Int32Array(nPlaces).fill(-1);
  let k = 0;
  for (let p = 0; p < nPlaces; p++) if (mine[c.places.system[p]]) placeAt[p] = k++ * size;
  const systemAt = new Int32Array(c.systems.codes.length).fill(-1);
  systems.forEach((sys, i) => (systemAt[sys] = i * size));
  const next: PartWork = {
    places: sized(work?.places, k * size),
    systems: sized(work?.systems, systems.length * size),
    pcnFy: sized(work?.pcnFy, c.pcns.codes.length * c.tl.fyLabels.length * NSTAT),
  };
  const inWork = (p: number) => (placeAt[p] >= 0 ? { block: next.places, at: placeAt[p] } : null);
  projectPlaces(c, inWork, next.pcnFy, s);
  sumSystems(c, inWork, systemAt, next.systems);
  return { part: { revision, systems, systemBlocks: next.systems, pcnFy: next.pcnFy }, work: next };
}

/** Projects, on this thread, every place of the systems marked in `which`, and sums those systems. */
function projectSystems(c: Compiled, r: Results, which: Uint8Array, s: Scratch): void {
  const size = c.layout.size;
  const picked = (p: number) => which[c.places.system[p]] === 1;
  const systemAt = Int32Array.from({ length: c.systems.codes.length }, (_, sys) => (which[sys] ? sys * size : -1));
  projectPlaces(c, ownBlocks(r, picked), r.pcnFy, s);
  for (let p = 0; p < c.places.codes.length; p++) if (picked(p)) r.placeReady[p] = 1;
  sumSystems(c, ownBlocks(r, picked), systemAt, r.systems);
}

/**
 * Copies the helper's part into r (its systems and ranking figures; its places stay unprojected
 * here until something needs them) and adds up the whole workbook.
 */
export function mergePart(c: Compiled, r: Results, part: Part): void {
  const size = c.layout.size;
  const row = c.tl.fyLabels.length * NSTAT;
  const theirs = inSet(c.systems.codes.length, part.systems);
  // the helper's places are not held here (a read or an edit that needs one projects it again)
  for (let p = 0; p < c.places.codes.length; p++)
    if (theirs[c.places.system[p]]) {
      r.placeReady[p] = 0;
      r.places.drop(p);
    }
  part.systems.forEach((sys, i) => r.systems.set(part.systemBlocks.subarray(i * size, (i + 1) * size), sys * size));
  for (let n = 0; n < c.pcns.codes.length; n++) {
    if (theirs[c.places.system[c.pcns.place[n]]]) r.pcnFy.set(part.pcnFy.subarray(n * row, (n + 1) * row), n * row);
  }
  sumTotal(c, r);
}

/** The least time the helper is given to answer before this thread does its work too. */
export const HELPER_TIMEOUT_MS = 2000;

export interface HelperOptions {
  /** Share recomputes of workbooks with at least this many PCNs (default HELPER_MIN_PCNS). */
  minPcns?: number;
  /** The least time to wait for the helper's part (default HELPER_TIMEOUT_MS). */
  timeoutMs?: number;
}

/** The promise's value, or a rejection when it has not settled within `ms`. */
function within<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the helper did not answer within ${Math.round(ms)} ms`)), ms);
    p.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

/**
 * A full recompute of c into r, shared with the helper, which was already asked for its part
 * (`pending`) so that it could compile while this thread did. This thread projects the other
 * systems, then copies the helper's part in. When the helper fails, is out of step or does not
 * answer in time, this thread projects its part too; the problem is returned, to stop using it.
 */
export async function recomputeShared(
  c: Compiled,
  r: Results,
  s: Scratch,
  pending: Promise<Part>,
  revision: number,
  timeoutMs = HELPER_TIMEOUT_MS,
): Promise<Error | null> {
  const t0 = performance.now();
  const theirs = helperSystems(c);
  const mask = inSet(c.systems.codes.length, theirs);
  const mine = mask.map((x) => 1 - x);
  projectSystems(c, r, mine, s);
  let part: Part | null = null;
  let problem: Error | null = null;
  try {
    part = await within(pending, Math.max(timeoutMs, 5 * (performance.now() - t0)));
    if (part.revision !== revision || part.systems.join() !== theirs.join()) {
      problem = new Error(`the helper answered for revision ${part.revision}, systems ${part.systems.join()}; expected ${revision}, ${theirs.join()}`);
      part = null;
    }
  } catch (e) {
    problem = e instanceof Error ? e : new Error(String(e));
  }
  if (part) mergePart(c, r, part);
  else {
    projectSystems(c, r, mask, s);
    sumTotal(c, r);
  }
  return problem;
}

/** How long the helper keeps its working arrays after a recompute, for the next one. */
const WORK_KEPT_MS = 3000;

/**
 * The helper's side: a copy of the open workbook, kept in step by the same edits, and a compiled
 * scenario kept until the next edit.
 */
export class PartEngine implements Helper {
  #workbook: Workbook | null = null;
  #revision = -1;
  readonly #compiled = new Map<string, { revision: number; compiled: Compiled; scratch: Scratch }>();
  #work: PartWork | null = null;
  #idle: ReturnType<typeof setTimeout> | undefined;

  async open(workbook: Workbook, revision: number): Promise<void> {
    this.#workbook = workbook;
    this.#revision = revision;
    this.#compiled.clear();
    // a workbook opens on its first scenario: compile it now, while the engine worker compiles its
    // own copy, rather than when the first recompute is asked for (England: a tenth of a second
    // or more on the path to the first figures). A scenario that fails fails again when asked.
    const first = workbook.scenarios[0]?.id;
    if (first !== undefined) {
      try {
        this.#entry(first, revision);
      } catch {
        this.#compiled.clear();
      }
    }
  }

  async edit(edits: Edit[], revision: number): Promise<void> {
    this.#workbook = applyEditsTo(this.#need(), edits);
    this.#revision = revision;
    // compiled at an older revision, never used again (England: about 5 MB a scenario)
    this.#compiled.clear();
  }

  /**
   * The part for this revision. Its arrays are reused by the next call (posting copies them), which
   * makes back-to-back recomputes a third faster; once none has been asked for a few seconds they
   * are let go (England: about 30 MB the helper would otherwise hold while the planner edits).
   */
  async project(scenarioId: string, revision: number): Promise<Part> {
    const wb = this.#need();
    if (revision !== this.#revision) throw new Error(`the helper has revision ${this.#revision}, not ${revision}`);
    const entry = this.#entry(scenarioId, revision, wb);
    const { part, work } = projectPart(entry.compiled, helperSystems(entry.compiled), entry.scratch, revision, this.#work);
    this.#work = work;
    clearTimeout(this.#idle);
    this.#idle = setTimeout(() => (this.#work = null), WORK_KEPT_MS);
    (this.#idle as { unref?: () => void }).unref?.(); // in Node, never what keeps a process running
    return part;
  }

  /** The scenario compiled at this revision (compiled now if it is not yet). */
  #entry(scenarioId: string, revision: number, wb: Workbook = this.#need()): { revision: number; compiled: Compiled; scratch: Scratch } {
    let entry = this.#compiled.get(scenarioId);
    if (!entry || entry.revision !== revision) {
      // a scenario compiled at an older revision is never used again: let those go first
      for (const [id, e] of this.#compiled) if (e.revision !== revision) this.#compiled.delete(id);
      const scenario = findScenario(wb, scenarioId);
      const compiled = compile(applyScenario(wb, scenario), scenario);
      entry = { revision, compiled, scratch: scratchFor(compiled) };
      this.#compiled.set(scenarioId, entry);
    }
    return entry;
  }

  #need(): Workbook {
    if (!this.#workbook) throw new Error('no workbook is open in the helper');
    return this.#workbook;
  }
}
