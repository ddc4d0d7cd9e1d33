// Whether the page was left on purpose (reloaded, closed, navigated away) while a workbook was
// still opening. A page that froze or crashed never runs its `pagehide` handler; one that was left
// does, and notes the workbook here. localStorage is written at once, which the browser's store
// (IndexedDB) is not while a page unloads.
import { localStore as storage } from './local';

const KEY = 'headroom-left-while-opening';

/** Notes that the page is being left while `id` opens. */
export function noteLeft(id: string): void {
  try {
    storage()?.setItem(KEY, id);
  } catch {
    // without the note, the next start takes the reload for a freeze and asks before reopening
  }
}

/** The workbook the page was left opening, if any; the note is forgotten as it is read. */
export function takeLeft(): string | null {
  const s = storage();
  try {
    const id = s?.getItem(KEY) ?? null;
    s?.removeItem(KEY);
    return id;
  } catch {
    return null;
  }
}
