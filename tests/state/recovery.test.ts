// Recovery tells a page that froze while a workbook opened (it never runs `pagehide`) from one the
// planner reloaded or closed (it does): only the first is kept from reopening.
import { afterEach, describe, expect, it } from 'vitest';
import { Recovery } from '../../src/state/recovery.svelte';
import type { WorkbookStore } from '../../src/storage/store';

/** The settings part of the store; while `hold` is set, writes wait (a page unloading loses them). */
function slowSettings() {
  const settings = new Map<string, unknown>();
  const control = { hold: false };
  const store = {
    getSetting: async (key: string) => settings.get(key),
    setSetting: (key: string, value: unknown) =>
      control.hold
        ? new Promise<void>(() => undefined)
        : Promise.resolve().then(() => {
            settings.set(key, value);
          }),
  } as unknown as WorkbookStore;
  return { store, settings, control };
}

afterEach(() => localStorage.clear());

describe('a workbook that did not finish opening', () => {
  it('is reported after a freeze: the note stays and no pagehide ran', async () => {
    const { store } = slowSettings();
    const first = new Recovery(store);
    await first.opening('wb-1');
    // the page froze here: no `leaving()`
    expect(await new Recovery(store).unfinished()).toBe('wb-1');
  });

  it('is not reported after a reload while it opened, and the note is cleared', async () => {
    const { store, settings } = slowSettings();
    const first = new Recovery(store);
    await first.opening('wb-1');
    first.leaving();
    expect(await new Recovery(store).unfinished()).toBeNull();
    expect(settings.get('opening')).toBeNull();
  });

  it('is not reported after a reload that came while the note was being cleared', async () => {
    const { store, settings, control } = slowSettings();
    const first = new Recovery(store);
    await first.opening('wb-1');
    // figures drawn: the note is being cleared, and the page is left before the write lands
    control.hold = true;
    void first.opened();
    first.leaving();
    control.hold = false;
    // the write was lost with the page: the store still holds the note
    expect(settings.get('opening')).toBe('wb-1');
    expect(await new Recovery(store).unfinished()).toBeNull();
  });

  it('a reload noted for one workbook does not excuse another that froze later', async () => {
    const { store } = slowSettings();
    const first = new Recovery(store);
    await first.opening('wb-1');
    first.leaving();
    await new Recovery(store).opening('wb-2');
    expect(await new Recovery(store).unfinished()).toBe('wb-2');
  });
});
