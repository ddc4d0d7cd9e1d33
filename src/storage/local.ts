// localStorage, where the browser allows it: small notes read and written at once, unlike the
// browser's store of workbooks (IndexedDB).

export function localStore(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    // a browser that blocks storage throws on the very access
    return null;
  }
}

const STORED = 'headroom-has-workbooks';

/**
 * True unless this browser is known to have stored a workbook. A fresh profile takes a few hundred
 * milliseconds to create the store before it can say it is empty; on what looks like a first visit
 * the engine starts on the sample meanwhile.
 */
export function likelyFirstVisit(): boolean {
  try {
    const s = localStore();
    return s !== null && s.getItem(STORED) !== '1';
  } catch {
    return false;
  }
}

/** Notes whether any workbook is stored (each time the list is read). */
export function noteWorkbooksStored(any: boolean): void {
  try {
    if (any) localStore()?.setItem(STORED, '1');
    else localStore()?.removeItem(STORED);
  } catch {
    // without the note, the next start does not guess and simply waits for the store
  }
}
