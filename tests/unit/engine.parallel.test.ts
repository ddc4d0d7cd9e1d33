// A full recompute shared with a helper thread (parallel.ts) must give exactly the figures of one
// thread, stay in step through edits, and never lose figures when the helper fails. The helper
// here is the real PartEngine in this thread, behind a queue that answers in order as a worker's
// port does, and can be held to let an edit arrive while it works.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { PartEngine, Projection, helperSystems, type Edit, type Helper, type Part } from '../../src/engine';
import type { Workbook } from '../../src/model/schema';
import { parseWorkbook } from '../../src/model/validate';
import { loadSample } from '../../src/sample';
import { englandWorkbook } from '../../bench/england';
import { firstDifference, snapshot } from './snapshots';

function generated(systems: number, pcns: number, seed: number): Workbook {
  const wb = englandWorkbook({ systems, pcns, practices: pcns * 4, seed });
  const parsed = parseWorkbook({ ...wb, settings: { ...wb.settings, horizonYears: 3 } });
  if (!parsed.ok) throw new Error(parsed.problems[0].message);
  return parsed.workbook;
}

/** The helper as a worker behaves: calls answered one at a time, in the order sent. */
class QueuedHelper implements Helper {
  readonly engine = new PartEngine();
  projected = 0;
  #queue: Promise<unknown> = Promise.resolve();
  #hold: Promise<void> = Promise.resolve();
  #release = () => {};

  /** Holds every call from now until `release`. */
  hold(): void {
    this.#hold = new Promise((resolve) => (this.#release = resolve));
  }

  release(): void {
    this.#release();
  }

  #call<T>(f: () => Promise<T>): Promise<T> {
    const hold = this.#hold;
    const p = this.#queue.then(() => hold).then(f);
    this.#queue = p.catch(() => undefined);
    return p;
  }

  open(workbook: Workbook, revision: number) {
    return this.#call(() => this.engine.open(workbook, revision));
  }
  edit(edits: Edit[], revision: number) {
    return this.#call(() => this.engine.edit(edits, revision));
  }
  project(scenarioId: string, revision: number) {
    return this.#call(() => {
      this.projected++;
      return this.engine.project(scenarioId, revision);
    });
  }
}

/** Differences from a fresh one-thread projection of the same workbook. */
function againstOneThread(p: Projection, scenario: string): string | null {
  return firstDifference(snapshot(p, scenario), snapshot(new Projection(p.workbook), scenario));
}

describe('a full recompute shared with a helper', () => {
  it('gives, bit for bit, the figures of one thread, for any split of systems and every scenario', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 2, max: 7 }), fc.integer({ min: 8, max: 40 }), fc.nat(1000), async (systems, pcns, seed) => {
        const wb = generated(systems, pcns, seed);
        const helper = new QueuedHelper();
        const p = new Projection(wb);
        p.attachHelper(helper, { minPcns: 1 });
        expect(p.threads).toBe(2);
        for (const s of wb.scenarios) {
          expect(await p.prepare(s.id)).toBe('full');
          expect(p.threadsUsed(s.id)).toBe(2);
          // the helper's places are left unprojected here until read
          const c = p.compiled(s.id);
          const theirs = new Set(helperSystems(c));
          expect(Array.from(p.results(s.id).placeReady, (ready, i) => ready === 1 || theirs.has(c.places.system[i]))).not.toContain(false);
          expect(Array.from(p.results(s.id).placeReady).some((ready, i) => !ready && theirs.has(c.places.system[i]))).toBe(theirs.size > 0);
          expect(againstOneThread(p, s.id)).toBeNull();
        }
        expect(helper.projected).toBe(wb.scenarios.length);
        expect(p.helperProblem).toBeNull();
      }),
      { numRuns: 12 },
    );
  });

  it("holds no block here for the helper's places until one is read, and then only that one", async () => {
    const wb = generated(4, 24, 5);
    const helper = new QueuedHelper();
    const p = new Projection(wb);
    p.attachHelper(helper, { minPcns: 1 });
    expect(await p.prepare('strategy')).toBe('full');
    const c = p.compiled('strategy');
    const theirs = new Set(helperSystems(c));
    const mine = c.places.codes.filter((_, i) => !theirs.has(c.places.system[i])).length;
    expect(theirs.size).toBeGreaterThan(0);
    expect(p.results('strategy').places.held).toBe(mine);
    const other = c.places.codes.findIndex((_, i) => theirs.has(c.places.system[i]));
    const read = p.series('strategy', { level: 'place', code: c.places.codes[other] });
    expect(p.results('strategy').places.held).toBe(mine + 1);
    expect(Array.from(read)).toEqual(Array.from(new Projection(wb).series('strategy', { level: 'place', code: c.places.codes[other] })));
  });

  it('splits whole systems, each thread about half of the PCNs', () => {
    const wb = englandWorkbook();
    const p = new Projection(wb);
    const c = p.compiled('strategy');
    const theirs = new Set(helperSystems(c));
    let their = 0;
    for (let n = 0; n < c.pcns.codes.length; n++) if (theirs.has(c.places.system[c.pcns.place[n]])) their++;
    expect(theirs.size).toBeGreaterThan(0);
    expect(theirs.size).toBeLessThan(c.systems.codes.length);
    expect(Math.abs(their / c.pcns.codes.length - 0.5)).toBeLessThan(0.02);
  });

  it('keeps the helper in step through edits, fast-path and full', async () => {
    const wb = generated(4, 24, 3);
    const helper = new QueuedHelper();
    const p = new Projection(wb);
    p.attachHelper(helper, { minPcns: 1 });
    await p.prepare('strategy');
    // edits to places the helper projected, which this thread has not: a system is re-added from all its places
    const c = p.compiled('strategy');
    const theirs = new Set(helperSystems(c));
    const systemOf = (practice: string) => c.places.system[c.pcns.place[c.practices.pcn[c.practices.codes.indexOf(practice)]]];
    const practice = wb.practices.find((x) => theirs.has(systemOf(x.code)))!;
    const wte = wb.workforce.find((w) => w.level === 'practice' && theirs.has(systemOf(w.code)) && w.code !== practice.code)!;
    const edits: Edit[][] = [
      [{ path: `workforce[${wte.level}:${wte.code}:${wte.role}].wte`, value: wte.wte + 1.5 }], // one place
      [{ path: ['practices', practice.code, 'registered'], value: practice.registered + 2500 }], // its system
      [{ path: 'roles[gp].contactsPerDay', value: 27 }], // no fast path: a full recompute, shared
    ];
    for (const batch of edits) {
      p.applyEdits(batch);
      const kind = await p.prepare('strategy');
      expect(kind).toBe(batch[0].path === 'roles[gp].contactsPerDay' ? 'full' : 'places');
      expect(againstOneThread(p, 'strategy')).toBeNull();
    }
    expect(p.threadsUsed('strategy')).toBe(2);
    expect(helper.projected).toBe(2);
    expect(p.helperProblem).toBeNull();
  });

  it('does not lose an edit that arrives while the helper is working', async () => {
    const wb = generated(3, 18, 11);
    const helper = new QueuedHelper();
    const p = new Projection(wb);
    p.attachHelper(helper, { minPcns: 1 });
    helper.hold();
    const prepared = p.prepare('do-nothing');
    const practice = wb.practices[2];
    p.applyEdits([{ path: ['practices', practice.code, 'registered'], value: practice.registered * 2 }]);
    helper.release();
    await prepared;
    expect(p.workbook.practices[2].registered).toBe(practice.registered * 2);
    expect(againstOneThread(p, 'do-nothing')).toBeNull();
    expect(p.helperProblem).toBeNull();
  });

  it('asked again while a shared recompute is under way, waits for it rather than start a second', async () => {
    const wb = generated(3, 18, 12);
    const helper = new QueuedHelper();
    const p = new Projection(wb);
    p.attachHelper(helper, { minPcns: 1 });
    helper.hold();
    // the worker gets a file's figures ready, and the page's first view asks for the same scenario
    const ready = p.prepare('strategy');
    const asked = p.prepare('strategy');
    const practice = wb.practices[4];
    p.applyEdits([{ path: ['practices', practice.code, 'registered'], value: practice.registered + 321 }]);
    helper.release();
    expect(await ready).toBe('full');
    await asked;
    expect(helper.projected).toBe(1);
    expect(againstOneThread(p, 'strategy')).toBeNull();
    expect(p.workbook.practices[4].registered).toBe(practice.registered + 321);
  });

  it('describes the workbook without projecting it, so the first read is still shared, and an edit before it counts', async () => {
    const wb = generated(3, 18, 12);
    const helper = new QueuedHelper();
    const p = new Projection(wb);
    p.attachHelper(helper, { minPcns: 1 });
    expect(p.meta().fyLabels.length).toBe(3); // what the page asks first, on opening
    expect(await p.prepare('do-nothing')).toBe('full');
    expect(p.threadsUsed('do-nothing')).toBe(2);
    const q = new Projection(wb);
    q.meta();
    const practice = wb.practices[4];
    q.applyEdits([{ path: ['practices', practice.code, 'registered'], value: practice.registered + 777 }]);
    expect(q.refresh('do-nothing')).toBe('full');
    expect(againstOneThread(q, 'do-nothing')).toBeNull();
    expect(q.yearly('do-nothing')[0].registeredPatients).toBeCloseTo(new Projection(q.workbook).yearly('do-nothing')[0].registeredPatients, 9);
  });

  it('keeps workbooks under the size where it pays on one thread', async () => {
    const helper = new QueuedHelper();
    const p = new Projection(loadSample());
    p.attachHelper(helper);
    expect(p.threads).toBe(1);
    expect(await p.prepare('strategy')).toBe('full');
    expect(p.threadsUsed('strategy')).toBe(1);
    expect(helper.projected).toBe(0);
    // one system cannot be split, however many PCNs it has
    const one = generated(1, 30, 4);
    const q = new Projection(one);
    q.attachHelper(helper, { minPcns: 1 });
    expect(q.threads).toBe(1);
    expect(await q.prepare('strategy')).toBe('full');
    expect(q.threadsUsed('strategy')).toBe(1);
    expect(helper.projected).toBe(0);
  });
});

describe('a helper that lets the engine down', () => {
  const wb = generated(3, 15, 5);
  const inStep = new PartEngine();

  const cases: { name: string; helper: () => Helper; problem: RegExp }[] = [
    {
      name: 'fails',
      helper: () => ({ ...bound(inStep), project: () => Promise.reject(new Error('out of memory')) }),
      problem: /out of memory/,
    },
    {
      name: 'answers for another revision',
      helper: () => ({ ...bound(inStep), project: async (id, revision) => ({ ...(await inStep.project(id, revision)), revision: revision + 1 }) }),
      problem: /revision 1.*expected 0/,
    },
    {
      name: 'never answers',
      helper: () => ({ ...bound(inStep), project: () => new Promise<Part>(() => {}) }),
      problem: /did not answer within/,
    },
  ];

  for (const { name, helper, problem } of cases) {
    it(`is let go when it ${name}, and the figures are still those of one thread`, async () => {
      const p = new Projection(wb);
      p.attachHelper(helper(), { minPcns: 1, timeoutMs: 50 });
      expect(await p.prepare('strategy')).toBe('full');
      expect(p.helperProblem).toMatch(problem);
      expect(p.threads).toBe(1);
      expect(p.threadsUsed('strategy')).toBe(1);
      expect(againstOneThread(p, 'strategy')).toBeNull();
      // and from then on the engine carries on alone
      p.applyEdits([{ path: 'roles[gp].contactsPerDay', value: 26 }]);
      expect(await p.prepare('strategy')).toBe('full');
      expect(againstOneThread(p, 'strategy')).toBeNull();
    });
  }
});

/** A PartEngine's methods as a plain Helper object, to override one of them. */
function bound(e: PartEngine): Helper {
  return { open: (w, r) => e.open(w, r), edit: (x, r) => e.edit(x, r), project: (s, r) => e.project(s, r) };
}
