// Backups and the browser's storage: "Save all workbooks" (one zip of .headroom.json files), its
// restore through Open file, and how much the browser keeps for Headroom and whether it may clear
// it. The zip format lives in src/io/backup-zip.ts; the stored workbooks are reached through the
// library room, never the database itself.
import type { BackupRefusal } from '../io/backup-zip';
// the zip code (fflate) loads when a backup is saved or opened, not with the page
const zip = () => import('../io/backup-zip');
import { serializeWorkbook, fileNameFor } from '../io/workbook-file';
import { describeProblems } from '../model/validate';
import type { Workbook } from '../model/schema';
import type { AppState } from './app.svelte';

export interface RestoreResult {
  opened: string[];
  refused: BackupRefusal[];
  /** The whole file was refused (not a zip, too large). */
  error?: string;
}

export class Backups {
  readonly #app: AppState;
  /** Bytes the browser counts against this site, and what it would allow; null when it will not say. */
  usage = $state<number | null>(null);
  quota = $state<number | null>(null);
  /** True when the browser has promised not to clear Headroom's storage by itself. */
  persisted = $state<boolean | null>(null);
  busy = $state(false);

  constructor(app: AppState) {
    this.#app = app;
  }

  async refreshStorage(): Promise<void> {
    const storage = navigator.storage;
    try {
      const estimate = storage?.estimate ? await storage.estimate() : null;
      this.usage = estimate?.usage ?? null;
      this.quota = estimate?.quota ?? null;
      this.persisted = storage?.persisted ? await storage.persisted() : null;
    } catch {
      this.usage = this.quota = this.persisted = null;
    }
  }

  /** Asks the browser to keep Headroom's storage; browsers decide by their own rules. */
  async askToKeep(): Promise<boolean> {
    try {
      const granted = navigator.storage?.persist ? await navigator.storage.persist() : false;
      await this.refreshStorage();
      return granted;
    } catch {
      return false;
    }
  }

  /** Every stored workbook, the open one with its latest edits, as one zip. */
  async saveAll(): Promise<{ blob: Blob; name: string; count: number }> {
    this.busy = true;
    try {
      await this.#app.persistence.flush();
      const library = this.#app.library;
      await library.refresh();
      const files = [];
      for (const summary of library.workbooks) {
        const row = await library.get(summary.id);
        if (row) files.push({ name: fileNameFor(row.data.name), text: serializeWorkbook(row.data) });
      }
      const { writeBackup, backupFileName } = await zip();
      const bytes = writeBackup(files);
      return { blob: new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/zip' }), name: backupFileName(), count: files.length };
    } finally {
      this.busy = false;
    }
  }

  /** Opens each workbook of a backup as a new workbook, checked as any file; bad entries are named and left out. */
  async restore(bytes: Uint8Array): Promise<RestoreResult> {
    this.busy = true;
    try {
      const read = (await zip()).readBackup(bytes);
      if ('error' in read) return { opened: [], refused: [], error: read.error };
      const refused = [...read.refused];
      const good: Workbook[] = [];
      const opened: string[] = [];
      for (const entry of read.entries) {
        const parsed = await this.#app.results.engine.parseFile(new TextEncoder().encode(entry.text));
        if (parsed.ok) {
          good.push(parsed.workbook);
          opened.push(entry.name);
        } else refused.push({ name: entry.name, message: describeProblems(parsed.problems) });
      }
      if (good.length) await this.#app.adoptAll(good);
      await this.refreshStorage();
      return { opened, refused };
    } finally {
      this.busy = false;
    }
  }
}

/** "12.3 MB" for a byte count. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  return `${(bytes / 1024 ** 3).toFixed(1)} GB`;
}
