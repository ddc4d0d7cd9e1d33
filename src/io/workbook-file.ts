// Workbook files: the only way a workbook enters or leaves Headroom besides the browser's own store.
// A file may come from anyone by email, so it is size-checked before parsing, parsed as plain JSON
// (never evaluated), migrated and validated; the caller gets a workbook or problems with paths.
import { FORMAT_VERSION, type Workbook } from '../model/schema';
import { parseWorkbook, type ParseResult } from '../model/validate';

/** Larger than any real workbook (England is ~15 MB); a bigger file is refused before reading. */
export const MAX_FILE_BYTES = 50 * 1024 * 1024;
export const FILE_SUFFIX = '.headroom.json';

export function checkFileSize(bytes: number): string | null {
  if (bytes === 0) return 'the file is empty';
  if (bytes > MAX_FILE_BYTES) {
    return `the file is ${(bytes / 1048576).toFixed(1)} MB; a Headroom workbook is at most ${MAX_FILE_BYTES / 1048576} MB`;
  }
  return null;
}

/** Parses the text of a file into a checked, current-version workbook. */
export function parseWorkbookText(text: string): ParseResult {
  const sizeProblem = checkFileSize(new TextEncoder().encode(text).length);
  if (sizeProblem) return { ok: false, problems: [{ path: '', message: sizeProblem }] };
  let json: unknown;
  try {
    json = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (err) {
    return { ok: false, problems: [{ path: '', message: `the file is not valid JSON (${(err as Error).message})` }] };
  }
  return parseWorkbook(json);
}

/**
 * Stable, readable JSON: one workbook, same text for the same content. Written as the current
 * format version (a workbook stored before an upgrade is already valid in it: migrations only add).
 */
export function serializeWorkbook(wb: Workbook): string {
  return JSON.stringify({ ...wb, version: FORMAT_VERSION }, null, 1) + '\n';
}

/** A safe file name from a workbook name: letters, digits and dashes, then `.headroom.json`. */
export function fileNameFor(name: string): string {
  const stem = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  return (stem || 'workbook') + FILE_SUFFIX;
}
