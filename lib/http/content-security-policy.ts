/**
 * The Content-Security-Policy of the app's pages: scripts run only if they carry this response's
 * nonce (Next puts it on its own scripts, inline and external) or were loaded by such a script
 * ('strict-dynamic'), so a script that reaches a page any other way — injected markup, an inline
 * event handler, a `javascript:` URL — does not run. Everything else comes from the app's own
 * origin. Static files and the API get a stricter, fixed policy (next.config.js), with the other
 * security headers.
 *
 * Pages that a signed-out reader gets from the shared response cache (scripts/response-cache.mjs)
 * are rendered once for everyone, so they carry no nonce: their policy lists the sha256 hashes of
 * the page's own inline scripts and styles instead (sharedPagePolicy: the cache fills in the two
 * placeholders once it has the HTML), and allows the app's own script files by 'self' (without
 * 'strict-dynamic', which would ignore 'self' and refuse Next's `<script src>` tags that carry
 * no nonce). An injected inline script, handler or foreign script is refused alike.
 *
 * Styles: 'self' plus the nonce, no 'unsafe-inline'. The app has no style attributes in server
 * HTML; the few positions React sets while the page runs (the selection toolbar, the mention card)
 * go through the CSSOM (`element.style`), which CSP does not govern. `next dev` injects style tags
 * without a nonce, so development alone allows inline styles (and `eval`, for React's dev tools).
 */

/** The placeholders of sharedPagePolicy, which scripts/response-cache.mjs replaces with hashes. */
export const INLINE_SCRIPT_HASHES = "'inline-script-hashes'";
export const INLINE_STYLE_HASHES = "'inline-style-hashes'";

/** One directive per entry, in the order they are sent. `nonce: null`: the shared render's placeholders. */
function pageDirectives(nonce: string | null, dev: boolean): [string, string[]][] {
  const scripts = nonce === null ? ["'self'", INLINE_SCRIPT_HASHES] : ["'self'", `'nonce-${nonce}'`, "'strict-dynamic'"];
  const styles = nonce === null ? ["'self'", INLINE_STYLE_HASHES] : ["'self'", `'nonce-${nonce}'`];
  return [
    ["default-src", ["'self'"]],
    ["script-src", [...scripts, ...(dev ? ["'unsafe-eval'"] : [])]],
    ["style-src", dev ? ["'self'", "'unsafe-inline'"] : styles],
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

/**
 * The policy of a page rendered once for every signed-out reader (no nonce): the response cache
 * puts the hashes of the page's inline scripts and styles in place of the placeholders. Left
 * unfilled, the placeholders are unknown keywords that allow nothing inline.
 */
export function sharedPagePolicy(): string {
  return pageDirectives(null, false)
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
