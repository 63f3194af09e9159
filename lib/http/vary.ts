/**
 * `Vary` on the W3C protocol's answers names only what they vary on, once. Next's server adds
 * `rsc, next-router-state-tree, next-router-prefetch, next-router-segment-prefetch` to every
 * app route before the handler runs (`setVaryHeader` in next/dist/server/base-server.js, with no
 * setting to turn it off), and appends the handler's own `Vary` after it (send-response.js). Those
 * headers choose between a page's HTML and its RSC payload; the protocol's resources are route
 * handlers only, with no RSC variant, so for them the names are noise that defeats caches keyed
 * on Vary. Pure: instrumentation.ts applies it to the server's responses.
 */

/** Request headers that only Next's router sends, to pick an RSC payload over a page's HTML. */
const ROUTER_HEADERS = new Set(["rsc", "next-router-state-tree", "next-router-prefetch", "next-router-segment-prefetch", "next-url"]);

/** The paths whose answers are the protocol's and the namespace document's: route handlers only. */
export function isProtocolPath(path: string): boolean {
  return /^\/(?:annotations(?:\/|$|\?)|ns\/reader(?:$|\?|\/))/.test(path);
}

/**
 * One `Vary` value from the values set so far: Next's router headers left out, each name once
 * (the first spelling kept), in the order first given. Empty when nothing is left.
 */
export function protocolVary(values: string | number | readonly string[]): string {
  const names = (Array.isArray(values) ? values : [String(values)]).flatMap((value) => value.split(","));
  const seen = new Map<string, string>();
  for (const raw of names) {
    const name = raw.trim();
    const key = name.toLowerCase();
    if (name && !ROUTER_HEADERS.has(key) && !seen.has(key)) seen.set(key, name);
  }
  return [...seen.values()].join(", ");
}
