/**
 * The server start's work in Node.js only (instrumentation.ts loads this file there, and only
 * there, so the Edge build never sees `node:http`): warns when the built app is served without
 * scripts/serve.mjs; keeps the library in step with the seed folders while the server runs (a
 * changed content/briefs/<slug>/ is imported within a second; stale anchors are swept); keeps
 * Next's router headers out of the protocol's `Vary`; tells scripts/serve.mjs's response cache the
 * content versions (lib/services/versions.ts); and builds the search index in the
 * background, so the first search does not wait for it (a failure only means the first search
 * builds it instead).
 */
export async function registerNode(): Promise<void> {
  if (process.env.NODE_ENV === "production" && !process.env.BRIEF_READER_SERVE) {
    // `next start` alone passes a client's own X-Forwarded-* through unchecked (docs/security.md).
    console.warn("serve: not started by scripts/serve.mjs (npm start): forwarded headers are not checked, undecodable paths and TRACE answer 500, and a stop is not graceful");
  }
  await varyOnlyWhatTheProtocolVariesOn();
  // The shared response cache of scripts/serve.mjs keys what it stores by this: the versions of the
  // library and the knowledge base as the pages render them (the same snapshots).
  const { contentVersions } = await import("@/lib/services/versions");
  (globalThis as Record<symbol, unknown>)[Symbol.for("brief-reader.content-version")] = contentVersions;
  const { watchLibrary } = await import("@/lib/services/library-sync");
  watchLibrary();
  const { warmSearch } = await import("@/lib/services/search");
  void warmSearch().catch((error: unknown) => console.warn(`search: warming the index failed (the first search will build it): ${String(error)}`));
  if (process.env.SMTP_URL?.trim()) {
    const { startDigests } = await import("@/lib/services/notifications");
    startDigests();
  }
}

/**
 * Next sets `Vary: rsc, next-router-…` on every app route's response before the handler runs,
 * with no option to leave it out (lib/http/vary.ts says where). The only place that sees the
 * header after Next and before it is sent is Node's response itself: on the protocol's paths,
 * every `Vary` written is rewritten to the handler's own names, once.
 */
async function varyOnlyWhatTheProtocolVariesOn(): Promise<void> {
  const { ServerResponse } = await import("node:http");
  const { isProtocolPath, protocolVary } = await import("@/lib/http/vary");
  const marker = Symbol.for("brief-reader.protocol-vary");
  const prototype = ServerResponse.prototype as typeof ServerResponse.prototype & { [marker]?: true };
  if (prototype[marker]) return;
  prototype[marker] = true;
  const setHeader = prototype.setHeader;
  prototype.setHeader = function (this: InstanceType<typeof ServerResponse>, name: string, value: number | string | readonly string[]) {
    if (name.toLowerCase() !== "vary" || !isProtocolPath(this.req?.url ?? "")) return setHeader.call(this, name, value);
    const vary = protocolVary(value);
    if (!vary) {
      this.removeHeader("vary");
      return this;
    }
    return setHeader.call(this, name, vary);
  };
  const appendHeader = prototype.appendHeader;
  prototype.appendHeader = function (this: InstanceType<typeof ServerResponse>, name: string, value: string | readonly string[]) {
    if (name.toLowerCase() !== "vary" || !isProtocolPath(this.req?.url ?? "")) return appendHeader.call(this, name, value);
    const before = this.getHeader("vary");
    const all = [...(before === undefined ? [] : Array.isArray(before) ? before : [String(before)]), ...(Array.isArray(value) ? value : [value as string])];
    return this.setHeader("vary", all);
  };
}
