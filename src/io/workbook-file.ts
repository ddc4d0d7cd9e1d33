// Workbook files: the only way a workbook enters or leaves Headroom besides the browser's own store.
// A file may come from anyone by email, so it is size-checked before parsing, parsed as plain JSON
// (never evaluated), migrated and validated; the caller gets a workbook or problems with paths.
import { FORMAT_VERSION, WorkbookSchema, type Workbook } from '../model/schema';
import { parseWorkbook, type ParseResult } from '../model/validate';
import { MAX_DEPTH, MAX_VALUES } from '../model/limits';
import { fileStem } from './file-name';

/** Twice England (about 15 MB) with room for scenarios; a bigger file is refused before reading. */
export const MAX_FILE_BYTES = 30 * 1024 * 1024;
export const FILE_SUFFIX = '.headroom.json';

export function checkFileSize(bytes: number): string | null {
  if (bytes === 0) return 'the file is empty';
  if (bytes > MAX_FILE_BYTES) {
    return `the file is ${(bytes / 1048576).toFixed(1)} MB; a Headroom workbook is at most ${MAX_FILE_BYTES / 1048576} MB`;
  }
  return null;
}

export { MAX_DEPTH, MAX_VALUES } from '../model/limits';

/** What opening a file is doing, for a progress line. */
export type ReadStage = 'decoding' | 'scanning' | 'parsing' | 'checking';

/**
 * One cheap pass over the text before parsing it: refuses nesting deeper than MAX_DEPTH and more
 * than MAX_VALUES values, so a hostile file costs milliseconds, not a frozen or crashed tab.
 */
export function prescanJson(text: string | Uint8Array): string | null {
  // on bytes it runs before decoding: the characters it looks for are ASCII, and in UTF-8 an ASCII
  // byte is always that character
  const bytes = typeof text === 'string' ? null : text;
  const str = typeof text === 'string' ? text : '';
  const n = bytes ? bytes.length : str.length;
  let depth = 0;
  let values = 0;
  let inString = false;
  for (let i = 0; i < n; i++) {
    const c = bytes ? bytes[i] : str.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
      continue;
    }
    if (c === 0x22) {
      inString = true;
      values++;
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > MAX_DEPTH) return `the file nests lists or objects more than ${MAX_DEPTH} deep; a Headroom workbook nests at most 6`;
      values++;
    } else if (c === 0x5d || c === 0x7d) depth--;
    else if (c === 0x2c) values++;
    if (values > MAX_VALUES) return `the file holds more than ${MAX_VALUES.toLocaleString('en-GB')} values; a Headroom workbook holds at most that many`;
  }
  return null;
}

/** Reads a file's bytes: it must be UTF-8 (a spreadsheet's "CSV" in another encoding is refused, not garbled). */
export function parseWorkbookBytes(bytes: Uint8Array, onStage?: (stage: ReadStage) => void): ParseResult {
  const sizeProblem = checkFileSize(bytes.byteLength);
  if (sizeProblem) return refuse(sizeProblem);
  onStage?.('scanning');
  const scanProblem = prescanJson(bytes);
  if (scanProblem) return refuse(scanProblem);
  onStage?.('decoding');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return refuse('the file is not UTF-8 text (some bytes are not letters in UTF-8); save it again as UTF-8, as Headroom does');
  }
  return parseText(text, onStage);
}

/** Parses the text of a file into a checked, current-version workbook. */
export function parseWorkbookText(text: string, onStage?: (stage: ReadStage) => void): ParseResult {
  // a UTF-16 string is at most 3 bytes a unit in UTF-8: measure only when it might be too big
  const sizeProblem = checkFileSize(text.length * 3 > MAX_FILE_BYTES ? new TextEncoder().encode(text).length : text.length);
  if (sizeProblem) return refuse(sizeProblem);
  onStage?.('scanning');
  const scanProblem = prescanJson(text);
  if (scanProblem) return refuse(scanProblem);
  return parseText(text, onStage);
}

/** Text already within the limits: parse, migrate and check it. */
function parseText(text: string, onStage?: (stage: ReadStage) => void): ParseResult {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  onStage?.('parsing');
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (err) {
    return refuse(`the file is not valid JSON (${(err as Error).message.slice(0, 120)})`);
  }
  onStage?.('checking');
  return parseWorkbook(json);
}

function refuse(message: string): ParseResult {
  return { ok: false, problems: [{ path: '', message }] };
}

/**
 * Stable, readable JSON: one workbook, same text for the same content. Written as the current
 * format version (a workbook stored before an upgrade is already valid in it: migrations only add).
 */
export function serializeWorkbook(wb: Workbook): string {
  // fields in the schema's order, so a workbook given a record later (a workshop's) is written
  // exactly as the same workbook read back from its file
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(WorkbookSchema.entries)) if ((wb as Record<string, unknown>)[key] !== undefined) out[key] = (wb as Record<string, unknown>)[key];
  for (const [key, value] of Object.entries(wb)) if (!(key in out)) out[key] = value;
  out.version = FORMAT_VERSION;
  return JSON.stringify(out, null, 1) + '\n';
}

/** A safe file name from a workbook name: letters, digits and dashes, then `.headroom.json`. */
export function fileNameFor(name: string): string {
  return fileStem(name, 'workbook') + FILE_SUFFIX;
}
