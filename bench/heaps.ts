// Memory of the page and its workers, per target, for bench:ui.
import type { Page } from 'playwright-core';

export /**
 * Memory of the page and each of its workers (engine, helper, service worker), as CDP reports it
 * per target: `Runtime.getHeapUsage`'s usedSize (the JS heap in use) plus backingStorageSize (the
 * ArrayBuffers it holds, where the engine's typed arrays live). Garbage is collected first.
 */
async function heapsMb(page: Page): Promise<{ total: number; parts: Record<string, number> }> {
  const cdp = await page.context().newCDPSession(page);
  const sessions: { id: string; url: string }[] = [];
  const answers = new Map<number, (r: unknown) => void>();
  cdp.on('Target.attachedToTarget', (e) => sessions.push({ id: e.sessionId, url: e.targetInfo.url }));
  cdp.on('Target.receivedMessageFromTarget', (e) => {
    const m = JSON.parse(e.message) as { id?: number; result?: unknown };
    if (m.id !== undefined) answers.get(m.id)?.(m.result);
  });
  // workers are reached through the page's session (a message per worker, not a flat session)
  await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
  let n = 0;
  const ask = async (sessionId: string, method: string): Promise<unknown> => {
    const id = ++n;
    const answer = new Promise((resolve) => answers.set(id, resolve));
    await cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method }) });
    return answer;
  };
  await page.waitForTimeout(500);
  type Usage = { usedSize: number; backingStorageSize: number };
  const mb = (u: Usage) => (u.usedSize + u.backingStorageSize) / 2 ** 20;
  await cdp.send('HeapProfiler.collectGarbage');
  const parts: Record<string, number> = { page: mb((await cdp.send('Runtime.getHeapUsage')) as Usage) };
  for (const s of sessions) {
    await ask(s.id, 'HeapProfiler.collectGarbage');
    const name = /(engine|part|sw)[.-]/.exec(s.url.split('/').pop() ?? '')?.[1] ?? s.url;
    parts[name === 'part' ? 'helper' : name === 'sw' ? 'service worker' : name] = mb((await ask(s.id, 'Runtime.getHeapUsage')) as Usage);
  }
  await cdp.detach();
  return { total: Object.values(parts).reduce((a, b) => a + b, 0), parts };
}
