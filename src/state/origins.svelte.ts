// Where each workbook opened from a file came from: the file's name and when it was opened, kept
// in the browser's settings beside the workbooks (not in the workbook, which may be shared on).
import type { WorkbookStore } from '../storage/store';

export interface Origin {
  file: string;
  openedAt: number;
}

const KEY = 'origins';

/** `name`, or `name (2)`, `name (3)`… so that a second copy can be told apart from the first. */
export function distinctName(name: string, taken: Iterable<string>): string {
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- local to one call
  const used = new Set(taken);
  if (!used.has(name)) return name;
  const base = name.replace(/ \(\d+\)$/, '');
  for (let i = 2; ; i++) {
    const next = `${base} (${i})`.slice(0, 200);
    if (!used.has(next)) return next;
  }
}

export class Origins {
  readonly #store: WorkbookStore;
  #byId = $state.raw<Record<string, Origin>>({});

  constructor(store: WorkbookStore) {
    this.#store = store;
  }

  of(id: string): Origin | undefined {
    return this.#byId[id];
  }

  async load(): Promise<void> {
    this.#byId = (await this.#store.getSetting<Record<string, Origin>>(KEY)) ?? {};
  }

  async note(id: string, file: string, openedAt = Date.now()): Promise<void> {
    this.#byId = { ...this.#byId, [id]: { file: file.slice(0, 300), openedAt } };
    await this.#store.setSetting(KEY, $state.snapshot(this.#byId));
  }
}
