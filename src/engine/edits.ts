// Edits to a workbook as the engine receives them: a path and a value already checked by the
// state layer. Applied all or nothing, so a bad path in a batch leaves the workbook as it was.
import type { Workbook } from '../model/schema';
import { formatPath, parsePath, setAt, type Path } from '../model/paths';

export interface Edit {
  /** Where, as a path (`practices[F81001].registered`) or its segments. */
  path: string | Path;
  value: unknown;
}

export interface ParsedEdit {
  path: Path;
  /** The path's canonical text, to compare with a scenario's overrides. */
  text: string;
  value: unknown;
}

export function parseEdits(edits: readonly Edit[]): ParsedEdit[] {
  return edits.map((e) => {
    const path = typeof e.path === 'string' ? parsePath(e.path) : e.path;
    if (!path) throw new Error(`'${String(e.path)}' is not a workbook path`);
    return { path, text: formatPath(path), value: e.value };
  });
}

export function applyEditsTo(workbook: Workbook, edits: readonly Edit[]): Workbook {
  let next = workbook;
  for (const e of parseEdits(edits)) next = setAt(next, e.path, e.value);
  return next;
}
