// How large a workbook must be to share its recomputes with a helper thread, in a module of its
// own: the engine client reads it on the page without taking the engine's code with it.

/** Workbooks with fewer PCNs than this are quicker on one thread than the round trip costs. */
export const HELPER_MIN_PCNS = 150;
