// Chart redraws run one per task, most important first, so no single main-thread task grows past
// the 50 ms a user feels as lag, and typing stays responsive while seven charts catch up. A chart
// queued again before it ran keeps only its latest redraw. The most important chart of each panel
// (priority 0) draws at once, after the update that asked for it and before the browser paints,
// so the frame that shows an edit's new figures shows its main chart too.
const jobs = new Map<string, { run: () => void; priority: number }>();
let scheduled = false;
const channel = typeof MessageChannel === 'function' ? new MessageChannel() : null;

function next(): void {
  scheduled = false;
  let best: [string, { run: () => void; priority: number }] | null = null;
  for (const entry of jobs) if (!best || entry[1].priority < best[1].priority) best = entry;
  if (!best) return;
  jobs.delete(best[0]);
  try {
    best[1].run();
  } finally {
    if (jobs.size) schedule();
  }
}

function schedule(): void {
  if (scheduled) return;
  scheduled = true;
  // a message task yields to input and rendering like setTimeout(0), without its 4 ms clamp
  if (channel) channel.port2.postMessage(null);
  else setTimeout(next, 0);
}

if (channel) channel.port1.onmessage = next;

export function queueDraw(key: string, priority: number, run: () => void): void {
  jobs.set(key, { run, priority });
  if (priority === 0)
    queueMicrotask(() => {
      const job = jobs.get(key);
      if (job?.run !== run) return; // drawn already, cancelled, or queued again (that one runs)
      jobs.delete(key);
      run();
    });
  else schedule();
}

export function cancelDraw(key: string): void {
  jobs.delete(key);
}
