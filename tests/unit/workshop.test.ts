// Workshop mode's library (src/model/workshop.ts): the session log, bringing back a snapshot or
// the start of a session, snapshots as scenarios, the format-version-2 record in files, and a
// lever's moves joined into one undo step.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Projection } from '../../src/engine';
import { loadSample } from '../../src/sample';
import { getAt, type Path } from '../../src/model/paths';
import type { Workbook, Workshop } from '../../src/model/schema';
import { applyChanges, History } from '../../src/state/history';
import { toReport } from '../../src/io/report';
import { parseWorkbookText, serializeWorkbook } from '../../src/io/workbook-file';
import { migrate } from '../../src/model/migrate';
import {
  appendLog,
  backToStart,
  emptyWorkshop,
  leverCandidates,
  logEntry,
  pinValues,
  restoreSnapshot,
  snapToLever,
  snapshotScenario,
  workbookAtSnapshot,
} from '../../src/model/workshop';

const GPS: Path = ['interventions', 'recruit-gps', 'effect', 'wtePerYear'];
const NAV: Path = ['settings', 'navigationShare'];
const LEAVING: Path = ['roles', 'gp', 'leavingRate'];

/** A facilitator's tab in miniature: each edit is applied and logged as the workspace does. */
class Session {
  wb: Workbook;
  constructor(wb: Workbook) {
    this.wb = { ...wb, workshop: { ...emptyWorkshop(), levers: [{ id: 'gps', label: 'GPs recruited a year', path: 'interventions[recruit-gps].effect.wtePerYear', min: 0, max: 200, step: 5 }] } };
  }
  get w(): Workshop {
    return this.wb.workshop!;
  }
  startSession() {
    this.wb = { ...this.wb, workshop: { ...this.w, session: { startedAt: new Date().toISOString(), from: this.w.log.length } } };
  }
  edit(label: string, edits: { path: Path; value: unknown }[]) {
    const { workbook, applied } = applyChanges(this.wb, edits);
    this.wb = { ...workbook, workshop: appendLog(this.w, logEntry(label, applied)) };
  }
  pin(name: string, scenario = 'strategy') {
    const figures = toReport(this.wb.name, scenario, new Projection(this.wb).yearly(scenario)).years;
    const snap = { id: name.toLowerCase().replace(/\W+/g, '-'), name, pinnedAt: new Date().toISOString(), scenario, logLength: this.w.log.length, values: pinValues(this.wb, this.w), figures };
    this.wb = { ...this.wb, workshop: { ...this.w, snapshots: [...this.w.snapshots, snap] } };
    return snap;
  }
}

describe('workshop snapshots and session log', { timeout: 60_000 }, () => {
  it('brings a snapshot back after later changes, to the very figures it was pinned with', () => {
    const s = new Session(loadSample());
    s.startSession();
    s.edit('GPs', [{ path: GPS, value: 80 }]);
    const a = s.pin("Room's plan A");
    s.edit('GPs again', [{ path: GPS, value: 10 }]);
    s.edit('Navigation', [{ path: NAV, value: 0.4 }]);
    s.edit('Leaving', [{ path: LEAVING, value: 0.02 }]);
    const r = restoreSnapshot(s.wb, s.w, a);
    expect(r.skipped).toBe(0);
    const back = applyChanges(s.wb, r.edits).workbook;
    expect(getAt(back, GPS)).toBe(80);
    expect(getAt(back, NAV)).toBe(0.25); // changed only after the pin: set back to what it was then
    expect(getAt(back, LEAVING)).toBe(loadSample().roles.find((x) => x.id === 'gp')!.leavingRate);
    const figures = toReport(back.name, 'strategy', new Projection(back).yearly('strategy')).years;
    expect(figures).toEqual(a.figures);
    // the command line's version of the same thing
    expect(toReport(back.name, 'strategy', new Projection(workbookAtSnapshot(s.wb, a)).yearly('strategy')).years).toEqual(a.figures);
  });

  it('takes every change of the session back, and only those', () => {
    const start = loadSample();
    const s = new Session(start);
    s.edit('Before the session', [{ path: LEAVING, value: 0.05 }]);
    s.startSession();
    s.edit('GPs', [{ path: GPS, value: 60 }]);
    s.edit('Paste', [
      { path: NAV, value: 0.3 },
      { path: GPS, value: 70 },
    ]);
    s.edit('Navigation', [{ path: NAV, value: 0.45 }]);
    const r = backToStart(s.wb, s.w);
    expect(r.skipped).toBe(0);
    expect(r.edits).toHaveLength(2);
    const back = applyChanges(s.wb, r.edits).workbook;
    expect(getAt(back, GPS)).toBe(getAt(start, GPS));
    expect(getAt(back, NAV)).toBe(getAt(start, NAV));
    expect(getAt(back, LEAVING)).toBe(0.05);
  });

  it('logs added or deleted rows by name and says they cannot be taken back from the log', () => {
    const wb = loadSample();
    const e = logEntry('Delete a row', [{ path: ['funding'], old: wb.funding, value: [] }, { path: NAV, old: 0.25, value: 0.3 }]);
    expect(e.rows).toBe(true);
    expect(e.changes).toEqual([{ path: 'settings.navigationShare', old: 0.25, value: 0.3 }]);
    const w: Workshop = { ...emptyWorkshop(), log: [e], session: { startedAt: new Date().toISOString(), from: 0 } };
    expect(backToStart(wb, w).skipped).toBe(1);
  });

  it('makes a snapshot a scenario whose figures on the unchanged base are the snapshot figures', () => {
    const s = new Session(loadSample());
    s.startSession();
    s.edit('GPs', [{ path: GPS, value: 90 }]);
    s.edit('Navigation', [{ path: NAV, value: 0.35 }]);
    const a = s.pin('Plan B');
    s.edit('Back', [
      { path: GPS, value: 40 },
      { path: NAV, value: 0.25 },
    ]);
    const { scenario, left } = snapshotScenario(s.wb, a);
    expect(left).toBe(0);
    expect(scenario.interventions).toEqual(s.wb.scenarios.find((x) => x.id === 'strategy')!.interventions);
    expect(scenario.overrides).toEqual([
      { path: 'interventions[recruit-gps].effect.wtePerYear', value: 90 },
      { path: 'settings.navigationShare', value: 0.35 },
    ]);
    const wb = { ...s.wb, scenarios: [...s.wb.scenarios, scenario] };
    // a file with the new scenario passes every check
    const parsed = parseWorkbookText(serializeWorkbook(wb));
    expect(parsed.ok).toBe(true);
    expect(toReport(wb.name, scenario.id, new Projection(wb).yearly(scenario.id)).years).toEqual(a.figures);
  });

  it('keeps levers, snapshots and the log in a saved file, and opens a version-1 file unchanged', () => {
    const s = new Session(loadSample());
    s.startSession();
    s.edit('GPs', [{ path: GPS, value: 55 }]);
    s.pin('Start');
    const parsed = parseWorkbookText(serializeWorkbook(s.wb));
    if (!parsed.ok) throw new Error(parsed.problems[0].message);
    expect(parsed.workbook.workshop).toEqual(s.w);
    expect(parsed.workbook.version).toBe(2);

    const v1 = { ...JSON.parse(serializeWorkbook(loadSample())), version: 1 };
    const m = migrate(v1);
    expect(m.ok && m.value).toEqual({ ...v1, version: 2 });
    const opened = parseWorkbookText(JSON.stringify(v1));
    expect(opened.ok && opened.workbook.workshop).toBeUndefined();
  });

  it('refuses a lever whose range is upside down, naming where', () => {
    const wb = { ...loadSample(), workshop: { ...emptyWorkshop(), levers: [{ id: 'x', label: 'X', path: 'settings.navigationShare', min: 1, max: 0, step: 0.1 }] } };
    const parsed = parseWorkbookText(serializeWorkbook(wb));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problems[0]).toEqual({ path: 'workshop.levers[0]', message: "a lever's minimum must be below its maximum" });
  });

  it('offers every intervention size as a lever, with a range around its value', () => {
    const wb = loadSample();
    const c = leverCandidates(wb);
    const gps = c.find((x) => x.path === 'interventions[recruit-gps].effect.wtePerYear')!;
    expect(gps).toMatchObject({ value: 40, min: 0, max: 120, step: 1 });
    expect(c.find((x) => x.path === 'settings.navigationShare')).toMatchObject({ min: 0, max: 1, step: 0.01 });
    for (const i of wb.interventions) expect(c.some((x) => x.path.startsWith(`interventions[${i.id}].effect.`))).toBe(true);
    expect(snapToLever({ id: 'n', label: 'n', path: 'settings.navigationShare', min: 0, max: 1, step: 0.1 }, 0.33)).toBe(0.3);
  });
});

describe('a lever being moved', { timeout: 60_000 }, () => {
  it('is one undo step however many frames it took, back to the value before the move', () => {
    let wb = loadSample();
    const h = new History();
    for (const v of [41, 45, 52, 60]) {
      const r = applyChanges(wb, [{ path: GPS, value: v }]);
      wb = r.workbook;
      h.push({ label: `GPs ${v}`, changes: r.applied }, 'lever:gps:0');
    }
    const r = applyChanges(wb, [{ path: GPS, value: 70 }]);
    wb = r.workbook;
    h.push({ label: 'GPs 70', changes: r.applied }, 'lever:gps:1');
    wb = applyChanges(wb, h.takeUndo()!.changes).workbook;
    expect(getAt(wb, GPS)).toBe(60);
    wb = applyChanges(wb, h.takeUndo()!.changes).workbook;
    expect(getAt(wb, GPS)).toBe(40);
    expect(h.canUndo).toBe(false);
  });
});

describe('npm run calc -- --snapshot', () => {
  it("prints a pinned snapshot's figures, and names the snapshots when one is unknown", () => {
    const s = new Session(loadSample());
    s.startSession();
    s.edit('GPs', [{ path: GPS, value: 100 }]);
    const a = s.pin("Room's plan A");
    s.edit('GPs', [{ path: GPS, value: 0 }]);
    const file = join(mkdtempSync(join(tmpdir(), 'headroom-workshop-')), 'w.headroom.json');
    writeFileSync(file, serializeWorkbook(s.wb));
    const run = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'scripts/calc.ts', file, ...args], { encoding: 'utf8' });
    const ok = run('--snapshot', "room's plan a");
    expect(ok.status).toBe(0);
    const report = JSON.parse(ok.stdout);
    expect(report.scenario).toBe('strategy');
    expect(report.years).toEqual(a.figures);
    const bad = run('--snapshot', 'Plan Z');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe(`calc: unknown snapshot 'Plan Z'; this workbook has: "Room's plan A"\n`);
  }, 60_000);
});
