// Checks one edited value against the schema of the row it lands in, before it is accepted, so a
// bad value is refused with the schema's own plain message (e.g. "WTE must be from 0 to 5,000") and
// the workbook never holds it. Rules between tables (shares summing to 100%, references) are
// checked afterwards by checkWorkbook and shown as flags: they often need several edits to fix.
import * as v from 'valibot';
import { getAt, setAt, type Path } from './paths';
import * as S from './schema';
import type { Workbook } from './schema';

/** The schema of one row of each table; scenario overrides are checked against these too. */
export const ROW_SCHEMAS: Record<string, v.GenericSchema> = {
  systems: S.SystemSchema,
  places: S.PlaceSchema,
  pcns: S.PcnSchema,
  practices: S.PracticeSchema,
  roles: S.RoleSchema,
  needs: S.NeedSchema,
  workforce: S.WorkforceSchema,
  externalCapacity: S.ExternalCapacitySchema,
  interventions: S.InterventionSchema,
  scenarios: S.ScenarioSchema,
  funding: S.FundingSchema,
};

export const PART_SCHEMAS: Record<string, v.GenericSchema> = {
  settings: S.SettingsSchema,
  demand: S.DemandSchema,
  name: v.pipe(v.string('the name must be text'), v.trim(), v.minLength(1, 'the name cannot be empty'), v.maxLength(200, 'the name is longer than 200 characters')),
  description: v.pipe(v.string('the description must be text'), v.maxLength(20000, 'the description is too long')),
  ranges: S.WorkbookSchema.entries.ranges,
};

export type CellCheck = { ok: true; workbook: Workbook } | { ok: false; message: string };

/** Puts `value` at `path` if the row (or settings block) it lands in stays valid. */
export function checkEdit(wb: Workbook, path: Path, value: unknown): CellCheck {
  let next: Workbook;
  try {
    next = setAt(wb, path, value);
  } catch (err) {
    return { ok: false, message: (err as Error).message };
  }
  const [part] = path;
  const table = ROW_SCHEMAS[String(part)];
  let target: unknown;
  let schema: v.GenericSchema | undefined;
  if (table && path.length >= 2) {
    schema = table;
    // find the row by where it was: an edit of its key (a code, an id) moves it to a new key
    const rows = (wb as unknown as Record<string, unknown[]>)[String(part)];
    const index = rows.indexOf(getAt(wb, path.slice(0, 2)) as unknown);
    target = index >= 0 ? (next as unknown as Record<string, unknown[]>)[String(part)][index] : undefined;
  } else if (table) {
    // the whole table, with the workbook's own limits (at least one role, need and scenario)
    schema = S.WorkbookSchema.entries[String(part) as keyof typeof S.WorkbookSchema.entries] as v.GenericSchema;
    target = getAt(next, path.slice(0, 1));
  } else {
    schema = PART_SCHEMAS[String(part)];
    target = getAt(next, path.slice(0, 1));
  }
  if (!schema) return { ok: false, message: `${String(part)} cannot be edited` };
  const parsed = v.safeParse(schema, target);
  if (!parsed.success) return { ok: false, message: parsed.issues[0].message };
  return { ok: true, workbook: next };
}
