/**
 * The Content-Security-Policy of the app's pages: scripts run only if they carry this response's
 * nonce (Next puts it on its own scripts, inline and external) or were loaded by such a script
 * ('strict-dynamic'), so a script that reaches a page any other way — injected markup, an inline
 * event handler, a `javascript:` URL — does not run. Everything else comes from the app's own
 * origin. Static files and the API get a stricter, fixed policy (next.config.js), with the other
 * security headers.
 *
 * Styles: 'self' plus the nonce, no 'unsafe-inline'. The app has no style attributes in server
 * HTML; the few positions React sets while the page runs (the selection toolbar, the mention card)
 * go through the CSSOM (`element.style`), which CSP does not govern. `next dev` injects style tags
 * without a nonce, so development alone allows inline styles (and `eval`, for React's dev tools).
 */

/** One directive per entry, in the order they are sent. */
function pageDirectives(nonce: string, dev: boolean): [string, string[]][] {
  return [
    ["default-src", ["'self'"]],
    ["script-src", ["'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(dev ? ["'unsafe-eval'"] : [])]],
    ["style-src", dev ? ["'self'", "'unsafe-inline'"] : ["'self'", `'nonce-${nonce}'`]],
    ["img-src", ["'self'", "data:"]],
    ["font-src", ["'self'"]],
    ["connect-src", ["'self'"]],
    ["object-src", ["'none'"]],
    ["base-uri", ["'none'"]],
    ["form-action", ["'self'"]],
    ["frame-ancestors", ["'none'"]],
  ];
}

/** The policy for a page rendered with this nonce. */
export function pagePolicy(nonce: string, options: { dev?: boolean } = {}): string {
  return pageDirectives(nonce, options.dev ?? false)
    .map(([name, sources]) => [name, ...sources].join(" "))
    .join("; ");
}

/** A fresh nonce: 128 random bits, base64 (CSP's nonce-source grammar). */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

/** The nonce in a policy, as Next finds it when it renders (undefined if there is none). */
export function nonceOf(policy: string): string | undefined {
  return /'nonce-([A-Za-z0-9+/_=-]+)'/.exec(policy)?.[1];
}
