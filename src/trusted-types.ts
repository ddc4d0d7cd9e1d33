// Trusted Types: the hosted app is served with `require-trusted-types-for 'script'` (see
// docs/hosting.md), so the browser refuses any string put where a script could come from
// (innerHTML, a worker's or the service worker's script address) unless a policy allows it.
//
// Two policies are allowed, and no others (`trusted-types svelte-trusted-html default`):
//   svelte-trusted-html  Svelte's own, for the templates its compiler wrote (never a planner's
//                        text: the app has no {@html}).
//   default              this one, for script addresses only: the engine's workers and the
//                        service worker, which Vite and Workbox start from a plain URL. It allows
//                        a script from this site's own origin and nothing else; it allows no HTML
//                        and no script text. It must be the default policy because Vite finds a
//                        worker only in the form `new Worker(new URL(…))`, which cannot be wrapped.
// This module is imported first, before anything can start a worker.
interface TrustedTypePolicyFactory {
  createPolicy(name: string, rules: { createScriptURL?: (url: string) => string }): unknown;
}

export function sameOriginScript(url: string, base = document.baseURI, origin = location.origin): string {
  const u = new URL(url, base);
  if (u.origin !== origin || !/\.m?js$/.test(u.pathname)) throw new TypeError(`Headroom starts scripts from its own site only, not ${u.origin}${u.pathname}`);
  return u.href;
}

const tt = (globalThis as { trustedTypes?: TrustedTypePolicyFactory }).trustedTypes;
// a single-file edition opened from disk has no such header, and no origin to compare: not needed there
if (tt && location.protocol !== 'file:') {
  try {
    tt.createPolicy('default', { createScriptURL: (url) => sameOriginScript(url) });
  } catch {
    // a stricter host that does not allow this policy: workers then fail loudly, not silently
  }
}
