// Brings a workbook of any earlier format version up to the current one, one step per version, in
// the style of schema migrations: step N turns a version-N document into a version-(N+1) document.
// Steps take and return plain JSON and never read anything else, so they can be tested one by one.
import { FORMAT, FORMAT_VERSION } from './schema';

type Json = Record<string, unknown>;
export type MigrationStep = (doc: Json) => Json;

/**
 * MIGRATIONS[n] upgrades version n to n + 1. Version 2 only adds optional fields (ranges on
 * uncertain assumptions; `workshop`: levers, snapshots and the session log), so a version-1
 * workbook is already a valid version-2 one.
 */
export const MIGRATIONS: Readonly<Record<number, MigrationStep>> = {
  1: (doc) => doc,
};

export type MigrateResult = { ok: true; value: Json; from: number } | { ok: false; path: string; message: string };

export function migrate(input: unknown, steps: Readonly<Record<number, MigrationStep>> = MIGRATIONS, current = FORMAT_VERSION): MigrateResult {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    return { ok: false, path: '', message: 'this is not a Headroom workbook: expected a JSON object' };
  }
  const doc = input as Json;
  if (doc.format !== FORMAT) {
    const got = typeof doc.format === 'string' ? `'${doc.format.slice(0, 40)}'` : 'missing';
    return { ok: false, path: 'format', message: `this is not a Headroom workbook (format is ${got}, expected '${FORMAT}')` };
  }
  const version = doc.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return { ok: false, path: 'version', message: 'version must be a whole number from 1' };
  }
  if (version > current) {
    return { ok: false, path: 'version', message: `the file was made by a newer Headroom (format version ${version}); this one reads versions up to ${current}` };
  }
  let out = doc;
  for (let n = version; n < current; n++) {
    const step = steps[n];
    if (!step) return { ok: false, path: 'version', message: `no upgrade is known from format version ${n}` };
    out = { ...step(out), version: n + 1 };
  }
  return { ok: true, value: out, from: version };
}
