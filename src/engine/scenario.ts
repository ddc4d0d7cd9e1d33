// A scenario is the base workbook with some values overridden and some interventions switched on
// (MODEL.md section 9). Every scenario is computed from the same base, so an edit to the base
// reaches all of them, except where a scenario overrides the edited value.
import type { Scenario, Workbook } from '../model/schema';
import { formatPath, parsePath, PathWriter } from '../model/paths';

export function findScenario(wb: Workbook, id: string): Scenario {
  const s = wb.scenarios.find((x) => x.id === id);
  if (!s) throw new Error(`unknown scenario '${id}'; the workbook has ${wb.scenarios.map((x) => `'${x.id}'`).join(', ')}`);
  return s;
}

/** The workbook as the scenario sees it. Overrides were checked when the workbook was validated. */
export function applyScenario(wb: Workbook, scenario: Scenario): Workbook {
  const out = new PathWriter(wb);
  for (const o of scenario.overrides) {
    const path = parsePath(o.path);
    if (path) out.set(path, o.value);
  }
  return out.root;
}

/** Canonical text of each path the scenario overrides, to tell which base edits it ignores. */
export function overriddenPaths(scenario: Scenario): Set<string> {
  const out = new Set<string>();
  for (const o of scenario.overrides) {
    const p = parsePath(o.path);
    if (p) out.add(formatPath(p));
  }
  return out;
}
