// The response headers a host should send with the hosted app (docs/hosting.md). The page's meta
// CSP cannot say everything: `frame-ancestors` (no other site may frame the app and trick a click)
// and Trusted Types' reporting are honoured only in a header. `vite preview` and the test server
// send exactly these, so every browser test runs under them.
import { START_SCRIPT_HASHES } from './page.ts';

/** The CSP for the hosted app: the meta CSP of index.html, plus what only a header can say. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  // this site's files, and the two start scripts the page carries inline (page.ts), by their hashes
  `script-src 'self' ${START_SCRIPT_HASHES.join(' ')}`,
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  // scripts only from addresses a policy allowed (src/trusted-types.ts); only these two policies
  "require-trusted-types-for 'script'",
  'trusted-types svelte-trusted-html default',
].join('; ');

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  // for browsers that predate frame-ancestors
  'X-Frame-Options': 'DENY',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  // the app uses none of these; a page that cannot ask cannot be tricked into asking
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()',
  // a window opened from the app (Present's audience view is same-origin) keeps its opener; others do not
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};
