/**
 * The content security policy and headers every Loadout page is served with (browser via
 * `loadout serve`, Electron windows via electron/main/security.ts): scripts only from our own
 * bundle, no framing, no plugins, network only back to ourselves.
 */

/** The CSP of Loadout's pages. `connect-src 'self'` also covers the same-origin WebSocket. */
export const LOADOUT_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  // React and uPlot set element styles; no external styles.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Headers for every HTTP answer of `loadout serve`. */
export function securityHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': LOADOUT_CSP,
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
}
