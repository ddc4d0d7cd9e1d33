// Turns storage failures into one plain sentence. Chromium reports a full disk as an AbortError
// wrapping a QuotaExceededError; Firefox as NS_ERROR_DOM_QUOTA_REACHED.
export function isQuotaError(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 5; depth++) {
    const o = e as { name?: string; message?: string; inner?: unknown; cause?: unknown };
    if (o.name === 'QuotaExceededError' || o.name === 'NS_ERROR_DOM_QUOTA_REACHED') return true;
    if (typeof o.message === 'string' && /quota/i.test(o.message)) return true;
    e = o.inner ?? o.cause;
  }
  return false;
}

export function storageMessage(err: unknown): string {
  if (isQuotaError(err)) {
    return 'The browser has no room left to store this workbook (disk or storage quota full). Your edits are kept in this tab: save to a file now, then free some space.';
  }
  const name = (err as { name?: string })?.name ?? 'Error';
  return `The browser could not store your edits (${name}). They are kept in this tab: save to a file to be safe.`;
}
