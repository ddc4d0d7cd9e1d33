// What the cell dialogs (range, value in a scenario) need to know of one cell of the sheets.
import type { Path } from '../../model/paths';

export interface CellInfo {
  path: Path;
  label: string;
  /** The base value as the grid shows it. */
  shown: string;
  numeric: boolean;
  /** Reads typed text as the cell's value, or says why not. */
  decode: (text: string) => { ok: true; value: unknown } | { ok: false; message: string };
  /** Shows a value as the grid would. */
  format: (value: unknown) => string;
}
