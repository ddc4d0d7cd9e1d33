// The first figures on screen, as a moment other parts of the page can wait for: work that the
// first figure does not need (storing the app for offline use, fetching the grid and the charts)
// starts after it, so that it never competes with it for the two cores of a planner's laptop.
let resolve: (() => void) | null = null;
export const firstFigures = new Promise<void>((r) => (resolve = r));

/** Called once a frame with figures has been painted; only the first time counts. */
export function firstFiguresPainted(): void {
  if (!resolve) return;
  performance.mark('headroom:first-paint');
  resolve();
  resolve = null;
}

/** Runs `f` once the first figures are painted (or after `fallbackMs`, when none ever are), when idle. */
export function afterFirstFigures(f: () => void, fallbackMs = 10_000): void {
  // rendered at build time (scripts/vite/first-view.ts): no page, and nothing is ever painted
  if (typeof window === 'undefined') return;
  const idle = (g: () => void) => ('requestIdleCallback' in window ? requestIdleCallback(g, { timeout: 2000 }) : setTimeout(g, 300));
  void Promise.race([firstFigures, new Promise((r) => setTimeout(r, fallbackMs))]).then(() => idle(f));
}

/**
 * The app's own view replaces the one the page showed on a first visit (public/first-view.js):
 * called once the app has its figures, or something else to say. Both are in the same frame.
 */
export function takeOverFirstView(): void {
  const shown = document.getElementById('first-view');
  if (!shown) return;
  shown.remove();
  document.documentElement.removeAttribute('data-first-view');
  performance.mark('headroom:take-over');
}
