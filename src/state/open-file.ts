// One way in for every file a planner opens: the Open file button, a file dropped on the window,
// and a file the installed app was launched with. A workbook file opens as a new workbook; a
// backup zip opens each of its workbooks as a new one. Everything is checked the same way.
import { checkFileSize, type ReadStage } from '../io/workbook-file';
import { isZip } from '../io/zip-signature';
import { Backups } from './backups.svelte';
import type { AppState } from './app.svelte';

export interface OpenOutcome {
  ok: boolean;
  message: string;
}

export interface OpenOptions {
  /** Says where a path is on screen (sheet, row, column), for refusal messages. */
  where?: (path: string) => string;
  /** Told as each stage of reading a large file starts. */
  onStage?: (stage: ReadStage) => void;
}

export async function openFile(app: AppState, file: File, options: OpenOptions = {}): Promise<OpenOutcome> {
  const head = new Uint8Array(await file.slice(0, 4).arrayBuffer());
  if (isZip(head) || file.name.toLowerCase().endsWith('.zip')) return openBackup(app, file);
  const tooBig = checkFileSize(file.size);
  if (tooBig) return { ok: false, message: `${file.name} was not opened: ${tooBig}.` };
  const result = await app.openFile(new Uint8Array(await file.arrayBuffer()), file.name, options.where, options.onStage);
  // the name it was given says which of two copies of one file this is
  return result.ok ? { ok: true, message: `Opened ${file.name} as a new workbook, “${result.name}”.` } : { ok: false, message: result.message };
}

async function openBackup(app: AppState, file: File): Promise<OpenOutcome> {
  const result = await new Backups(app).restore(new Uint8Array(await file.arrayBuffer()));
  if (result.error) return { ok: false, message: `${file.name} was not opened: ${result.error}.` };
  const refused = result.refused.map((r) => `${r.name} (${r.message})`).join('; ');
  const n = result.opened.length;
  if (n === 0) return { ok: false, message: `${file.name} was not opened: ${refused || 'it holds no workbook files'}.` };
  const opened = `Opened ${n} workbook${n === 1 ? '' : 's'} from ${file.name}, each as a new workbook.`;
  return refused ? { ok: false, message: `${opened} Not opened: ${refused}.` } : { ok: true, message: opened };
}
