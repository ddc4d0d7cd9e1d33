// How big and how deep a workbook may be, wherever it comes from: a file's text is scanned for
// these before parsing (io/workbook-file.ts), a stored record is walked for them before checking.

/**
 * Deepest nesting a workbook may have. A workbook nests six levels (a scenario's override value);
 * the limit leaves room and stops a file of nothing but `[` before JSON.parse and the checks, which
 * recurse, can exhaust the stack.
 */
export const MAX_DEPTH = 32;
/** Most values (numbers, strings, lists, objects) a workbook may hold: several times England. */
export const MAX_VALUES = 4_000_000;
