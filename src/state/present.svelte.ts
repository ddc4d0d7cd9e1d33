// The audience window for a projector. The facilitator's tab opens the same app with
// `?audience=ID` and sends it the figures on screen over a BroadcastChannel named after ID: no
// server, and the audience window never opens the workbook store or an engine of its own, so it
// cannot save over the facilitator's work or disagree with the figures the facilitator sees.
import type { ChartSpec } from '../ui/results/chart-spec';

/** What the room sees: the figures the facilitator's results show, at the moment they were computed. */
export interface AudienceFrame {
  workbook: string;
  scenario: string;
  scenarioName: string;
  where: string;
  fy: string;
  netGapPerWeek: number;
  /** Null where the workbook has no GPs to divide by. */
  gpContactsPerGpDay: number | null;
  /** Safe caseload of a GP, contacts a day (the contacts figure turns red above it). */
  safeContacts: number;
  charts: ChartSpec[];
  /** Date.now() when sent, so the audience can show how long it took to arrive. */
  sentAt: number;
}

export type PresentMessage = { kind: 'frame'; frame: AudienceFrame } | { kind: 'hello' } | { kind: 'bye' };

export const channelName = (id: string) => `headroom-present-${id}`;

interface ScreenDetailed {
  availLeft: number;
  availTop: number;
  availWidth: number;
  availHeight: number;
  isPrimary: boolean;
}

export class Presenter {
  /** True while an audience window opened from this tab is open. */
  open = $state(false);
  message = $state<string | null>(null);
  readonly #id = crypto.randomUUID();
  #channel: BroadcastChannel | null = null;
  #window: Window | null = null;
  #last: AudienceFrame | null = null;
  #poll: ReturnType<typeof setInterval> | null = null;

  /** Opens (or brings forward) the audience window, on a second screen where the browser allows. */
  async present(): Promise<void> {
    if (this.#window && !this.#window.closed) {
      this.#window.focus();
      return;
    }
    this.#listen();
    // the same page, wherever it is served from (a folder or a file share too)
    const url = `${location.href.split(/[?#]/)[0]}?audience=${this.#id}`;
    const features = (await secondScreen()) ?? 'popup,width=1280,height=720';
    const win = window.open(url, `headroom-audience-${this.#id}`, features);
    if (!win) {
      this.message = 'The browser blocked the audience window: allow pop-ups for Headroom and press Present again.';
      return;
    }
    this.message = null;
    this.#window = win;
    this.open = true;
    // a closed window sends nothing: look now and then
    this.#poll = setInterval(() => {
      if (this.#window?.closed) this.#closed();
    }, 1000);
  }

  /** Sends the figures on screen; kept to answer an audience window that opens or reloads later. */
  send(frame: AudienceFrame): void {
    this.#last = frame;
    if (this.open) this.#post({ kind: 'frame', frame: { ...frame, sentAt: Date.now() } });
  }

  close(): void {
    this.#post({ kind: 'bye' });
    this.#window?.close();
    this.#closed();
  }

  #closed(): void {
    if (this.#poll) clearInterval(this.#poll);
    this.#poll = null;
    this.#window = null;
    this.open = false;
  }

  #listen(): void {
    if (this.#channel || typeof BroadcastChannel !== 'function') return;
    this.#channel = new BroadcastChannel(channelName(this.#id));
    this.#channel.addEventListener('message', (e: MessageEvent<PresentMessage>) => {
      if (e.data?.kind === 'hello' && this.#last) this.#post({ kind: 'frame', frame: { ...this.#last, sentAt: Date.now() } });
    });
    window.addEventListener('pagehide', () => this.#post({ kind: 'bye' }));
  }

  #post(msg: PresentMessage): void {
    this.#channel?.postMessage(msg);
  }
}

/** Window features that put the audience window on another screen, or null (one screen, or not allowed). */
async function secondScreen(): Promise<string | null> {
  const w = window as Window & { getScreenDetails?: () => Promise<{ screens: ScreenDetailed[]; currentScreen: ScreenDetailed }> };
  // isExtended is known without asking: ask for the screens only when there is more than one
  if (!(screen as Screen & { isExtended?: boolean }).isExtended || !w.getScreenDetails) return null;
  try {
    const details = await w.getScreenDetails();
    const other = details.screens.find((s) => s !== details.currentScreen);
    if (!other) return null;
    return `popup,left=${other.availLeft},top=${other.availTop},width=${other.availWidth},height=${other.availHeight}`;
  } catch {
    return null; // permission refused: open where the browser puts it
  }
}
