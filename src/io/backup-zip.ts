// Backups: every workbook in the browser as one zip of .headroom.json files, and back. A zip may
// come from anyone, like any file: sizes are checked from its directory before anything is
// inflated, and each entry comes out as text for the same checks as a single workbook file.
import { unzipSync, zipSync, strToU8, type Unzipped } from 'fflate';
export { isZip } from './zip-signature';
import { FILE_SUFFIX, MAX_FILE_BYTES, checkFileSize } from './workbook-file';

/** A backup of hundreds of workbooks compresses well under this. */
export const MAX_BACKUP_BYTES = 200 * 1024 * 1024;
/** What a backup may inflate to in all. */
export const MAX_BACKUP_UNPACKED_BYTES = 1024 * 1024 * 1024;
export const MAX_BACKUP_ENTRIES = 1000;

export interface BackupEntry {
  name: string;
  text: string;
}

export interface BackupRefusal {
  name: string;
  message: string;
}

/** The backup's file name for a day, e.g. headroom-backup-2026-12-01.zip. */
export function backupFileName(date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `headroom-backup-${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}.zip`;
}

/** Zips workbook files; names that clash get -2, -3… before the suffix. */
export function writeBackup(files: readonly BackupEntry[]): Uint8Array {
  const taken = new Set<string>();
  const entries: Record<string, Uint8Array> = {};
  for (const f of files) {
    const stem = f.name.endsWith(FILE_SUFFIX) ? f.name.slice(0, -FILE_SUFFIX.length) : f.name;
    let name = `${stem}${FILE_SUFFIX}`;
    for (let n = 2; taken.has(name); n++) name = `${stem}-${n}${FILE_SUFFIX}`;
    taken.add(name);
    entries[name] = strToU8(f.text);
  }
  return zipSync(entries, { level: 6, mtime: new Date() });
}

/**
 * The workbook files in a backup, as text, and the entries refused with why. Folders and the
 * clutter that archive tools add (__MACOSX/, dot files) are passed over without a word.
 */
export function readBackup(bytes: Uint8Array): { entries: BackupEntry[]; refused: BackupRefusal[] } | { error: string } {
  if (bytes.length > MAX_BACKUP_BYTES) {
    return { error: `the backup is ${(bytes.length / 1048576).toFixed(1)} MB; a Headroom backup is at most ${MAX_BACKUP_BYTES / 1048576} MB` };
  }
  const refused: BackupRefusal[] = [];
  let count = 0;
  let total = 0;
  let unzipped: Unzipped;
  try {
    unzipped = unzipSync(bytes, {
      // sizes from the zip's directory: a refused entry is never inflated
      filter: (file) => {
        if (ignored(file.name)) return false;
        if (!file.name.toLowerCase().endsWith('.json')) {
          refused.push({ name: file.name, message: `not a workbook file (a backup holds ${FILE_SUFFIX} files)` });
          return false;
        }
        const tooBig = checkFileSize(file.originalSize);
        if (tooBig) {
          refused.push({ name: file.name, message: tooBig });
          return false;
        }
        count++;
        total += file.originalSize;
        if (count > MAX_BACKUP_ENTRIES || total > MAX_BACKUP_UNPACKED_BYTES) {
          refused.push({ name: file.name, message: `the backup holds more than Headroom opens at once (${MAX_BACKUP_ENTRIES} workbooks, ${MAX_BACKUP_UNPACKED_BYTES / 1048576} MB)` });
          return false;
        }
        return true;
      },
    });
  } catch (err) {
    return { error: `the file is not a readable zip (${(err as Error).message})` };
  }
  const entries: BackupEntry[] = [];
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  for (const [name, data] of Object.entries(unzipped)) {
    // a directory may understate an entry's size: check what actually came out
    if (data.length > MAX_FILE_BYTES) {
      refused.push({ name, message: checkFileSize(data.length) ?? 'too large' });
      continue;
    }
    try {
      entries.push({ name, text: utf8.decode(data) });
    } catch {
      refused.push({ name, message: 'the file is not text (UTF-8)' });
    }
  }
  entries.sort((a, b) => a.name.localeCompare(b.name));
  return { entries, refused };
}

function ignored(name: string): boolean {
  const base = name.split('/').pop() ?? '';
  return name.endsWith('/') || name.startsWith('__MACOSX/') || base.startsWith('.');
}
