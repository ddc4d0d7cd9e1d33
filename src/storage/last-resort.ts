// The last resort for edits the browser's store would not take (disk or quota full, writes failing):
// they are kept in localStorage, which has a quota of its own and is written at once, so a reload,
// a closed tab or a crash does not lose them. The next start puts them back and stores them.
//
// Each tab keeps one entry a workbook, under its own key. A workbook that was never stored (storage failed from
// the first visit) is kept whole; a stored one as its unsaved edits. What comes back from here is
// untrusted, as anything stored is: the whole workbook is checked as a file is, and the edits are
// applied through the same path as another tab's.
import type { TimedEdit } from './db';

export interface Kept {
  /** The tab that kept it. */
  tab: string;
  /** Where it is kept: one key a tab and workbook. */
  key: string;
  /** The stored workbook the edits belong to; null when the workbook was never stored. */
  id: string | null;
  /** Edits not yet in the store, in the order made (for a stored workbook). */
  edits: TimedEdit[];
  /** The whole workbook, for one never stored (checked again when it comes back). */
  workbook?: unknown;
  at: number;
}

const PREFIX = 'headroom-unsaved:';

export function keyFor(tab: string, id: string | null): string {
  return `${PREFIX}${tab}|${id ?? 'new'}`;
}

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    // a browser that blocks storage throws on the very access
    return null;
  }
}

/** Keeps this tab's unsaved work; false when even this has no room (the message says save a file). */
export function keep(entry: Omit<Kept, 'key'>): boolean {
  try {
    storage()?.setItem(keyFor(entry.tab, entry.id), JSON.stringify(entry));
    return storage() !== null;
  } catch {
    return false;
  }
}

/** Forgets an entry: its work is in the store now (or was taken in by a later page). */
export function release(key: string): void {
  try {
    storage()?.removeItem(key);
  } catch {
    // nothing to forget
  }
}

/** Entries kept, but for the one under `except`, oldest first; anything unreadable is skipped. */
export function keptElsewhere(except: string): Kept[] {
  const s = storage();
  if (!s) return [];
  const out: Kept[] = [];
  for (let i = 0; i < s.length; i++) {
    const key = s.key(i);
    if (!key?.startsWith(PREFIX) || key === except) continue;
    try {
      const value = JSON.parse(s.getItem(key) ?? 'null') as Partial<Kept> | null;
      if (!value || typeof value !== 'object') continue;
      const id = typeof value.id === 'string' ? value.id : null;
      const edits = Array.isArray(value.edits) ? value.edits.filter(isTimedEdit) : [];
      out.push({ tab: typeof value.tab === 'string' ? value.tab : '', key, id, edits, workbook: value.workbook, at: typeof value.at === 'number' ? value.at : 0 });
    } catch {
      // not ours, or damaged: left alone
    }
  }
  return out.sort((a, b) => a.at - b.at);
}

function isTimedEdit(e: unknown): e is TimedEdit {
  const o = e as TimedEdit | null;
  return !!o && typeof o === 'object' && Array.isArray(o.path) && o.path.every((s) => typeof s === 'string' || typeof s === 'number') && typeof o.at === 'number';
}
