// The managers under test run against the real engine in this thread and an in-memory IndexedDB.
import 'fake-indexeddb/auto';
import { InProcessEngine } from '../../src/engine-client/in-process';
import { WorkbookStore } from '../../src/storage/store';
import { HeadroomDb } from '../../src/storage/db';
import { AppState } from '../../src/state/app.svelte';

export { InProcessEngine };

let n = 0;
/** A browser profile of its own: the store every app made from it shares, as tabs do. */
export function freshDbName(): string {
  return `state-test-${Date.now()}-${++n}`;
}

const apps: AppState[] = [];

/** An app as a tab opens it, on the named browser store. */
export async function startApp(dbName: string, store = new WorkbookStore(new HeadroomDb(dbName))): Promise<AppState> {
  const app = new AppState(store, new InProcessEngine());
  apps.push(app);
  await app.start();
  // the page clears its "opening" note once the first figures are painted; here nothing paints
  await app.recovery.opened();
  return app;
}

export function closeApps(): void {
  for (const a of apps.splice(0)) a.dispose();
}

/** Waits until `check` holds, polling (the managers save and compute asynchronously). */
export async function until(check: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
