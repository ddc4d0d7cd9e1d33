// The hosted app's service worker (built by vite-plugin-pwa, scripts/vite/pwa.ts): registers it,
// notices when a new version has been downloaded, and switches to it only when the planner says
// so, after their edits are saved. It never reloads the page by itself: a facilitator's screen
// must not change in the middle of a workshop.
import { Workbox } from 'workbox-window';

/** Set by vite.config.ts: true in a build of the hosted edition, which has a service worker. */
declare const __HEADROOM_SERVICE_WORKER__: boolean;

/** How often an open tab looks for a new version (a tab may stay open for days). */
const CHECK_EVERY_MS = 60 * 60 * 1000;

export class AppUpdates {
  /** A new version is downloaded and waits for the planner. */
  ready = $state(false);
  /** The first visit has stored everything: Headroom now opens without a network. */
  offlineReady = $state(false);
  applying = $state(false);

  #wb: Workbox | null = null;
  #asked = false;
  #reloading = false;

  /** True where there is a service worker to register: the hosted edition, served over http(s). */
  static get supported(): boolean {
    return __HEADROOM_SERVICE_WORKER__ && 'serviceWorker' in navigator && /^https?:$/.test(location.protocol);
  }

  start(): void {
    if (!AppUpdates.supported || this.#wb) return;
    // relative to the page, so the app works under any sub-path of a web server
    const wb = new Workbox('./sw.js', { scope: './' });
    this.#wb = wb;
    wb.addEventListener('waiting', () => (this.ready = true));
    wb.addEventListener('installed', (e) => {
      if (!e.isUpdate) this.offlineReady = true;
    });
    wb.addEventListener('controlling', (e) => {
      // switched because this tab asked: start the new version. Another tab asked: say so, wait.
      if (this.#asked) this.#reload();
      else if (e.isUpdate) this.ready = true;
    });
    // a page from the first visit is not controlled by the worker, so it hears of activation only
    wb.addEventListener('activated', (e) => {
      if (this.#asked && e.isUpdate) this.#reload();
    });
    // after the page has loaded, so that storing the app for offline use never slows its start
    const register = () =>
      void wb.register().catch(() => {
        // no service worker (blocked by policy, say): the app works, only not offline
      });
    if (document.readyState === 'complete') register();
    else window.addEventListener('load', register, { once: true });
    setInterval(() => void this.check(), CHECK_EVERY_MS);
  }

  #reload(): void {
    if (this.#reloading) return;
    this.#reloading = true;
    location.reload();
  }

  /** Looks for a new version now. */
  async check(): Promise<void> {
    try {
      await this.#wb?.update();
    } catch {
      // offline or the server is down: look again next time
    }
  }

  /**
   * Saves first, then switches to the new version (the page reloads once it has taken over).
   * Returns a message instead when the edits could not be saved.
   */
  async apply(save: () => Promise<boolean>): Promise<string | null> {
    if (!(await save())) return 'Your latest edits are not saved in this browser yet, so Headroom has not updated. Save to a file, then update.';
    this.applying = true;
    this.#asked = true;
    const waiting = (await navigator.serviceWorker?.getRegistration('./'))?.waiting;
    // the new version already took over from another tab: only this page is left to reload
    if (waiting) this.#wb?.messageSkipWaiting();
    else this.#reload();
    return null;
  }
}
