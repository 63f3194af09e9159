// The shared response cache of scripts/serve.mjs: what a signed-out reader gets from the pages and
// the JSON API that depend only on the library and the knowledge base is rendered once per data
// version, locale and host, and served from memory with a strong ETag (304 on revalidation).
//
// Rules:
// - Shared only: GET or HEAD of a cached path with no query string, no cookie but `lang`, no
//   Authorization header and none of Next's router headers (RSC requests). Everything else goes
//   to Next as before: a signed-in reader's pages are rendered per request, with a fresh nonce.
// - Cached paths: `/`, `/agreements`, `/agreements/<id>`, `/briefs/<slug>`, `/entities/<id>`, and
//   `/api/briefs/<slug>`, `/api/entities/<id>`, `/api/agreements/<id>`. For a signed-out reader none
//   of them shows anything but the library and the knowledge base (notes load after first paint).
// - The data version is the app's `{ library, knowledge }` (lib/services/versions.ts: the same
//   snapshots the pages render from), asked through a function the app puts on globalThis at
//   start (instrumentation-node.ts). It is asked at most every CHECK_MS while no write is under
//   way; while a request other than GET/HEAD is under way, and right after one, on every request
//   (so this process's own writes are seen at once; another process's within CHECK_MS plus the
//   app's own 250 ms). A render is stored only if the version was the same before and after it.
// - A miss renders through Next itself: a GET to this server on loopback, marked with a secret
//   header (random per process, so no client can ask for it), with only the `lang` cookie. The
//   proxy (proxy.ts) gives such a render no nonce; this module puts the sha256 hashes of the
//   page's inline scripts and styles into its Content-Security-Policy instead (no 'unsafe-inline',
//   no nonce that would be shared by every reader). Only 200 answers without Set-Cookie are kept.
// - Bounded: at most MAX_ENTRIES (least recently used first out); an entry of an older version is
//   dropped when it is next looked up.
import { createHash, randomBytes } from "node:crypto";
import { request as httpRequest } from "node:http";
import { gzipSync } from "node:zlib";

const CHECK_MS = 100;
const MAX_ENTRIES = 500;
const RENDER_TIMEOUT_MS = 60_000;
/** The header that marks this server's own renders for the cache. */
export const SHARED_RENDER_HEADER = "x-brief-reader-shared-render";
const VERSION_HOOK = Symbol.for("brief-reader.content-version");

const CACHED_PATH = /^\/(?:|agreements|agreements\/[^/?]+|briefs\/[^/?]+|entities\/[^/?]+|api\/briefs\/[^/?]+|api\/entities\/[^/?]+|api\/agreements\/[^/?]+)$/;
const ROUTER_HEADERS = ["rsc", "next-router-state-tree", "next-router-prefetch", "next-router-segment-prefetch", "next-action", "next-url", "authorization", "range"];
const DROPPED_HEADERS = new Set(["date", "connection", "keep-alive", "transfer-encoding", "content-length", "content-encoding", "cache-control", "etag", "last-modified", "vary"]);
const LOCALES = new Set(["ko", "en"]);
const DEFAULT_LOCALE = "ko";

/** The `lang` cookie, when it is the only cookie the request carries (undefined: a cookie that may be a session). */
function sharedLocale(cookieHeader) {
  if (!cookieHeader) return DEFAULT_LOCALE;
  let locale = DEFAULT_LOCALE;
  for (const part of cookieHeader.split(";")) {
    const trimmed = part.trim();
    if (trimmed === "") continue;
    const equals = trimmed.indexOf("=");
    const name = equals < 0 ? trimmed : trimmed.slice(0, equals);
    if (name !== "lang") return undefined;
    const value = trimmed.slice(equals + 1);
    locale = LOCALES.has(value) ? value : DEFAULT_LOCALE;
  }
  return locale;
}

/** The cache key of a request when it may be answered from the shared cache, else undefined. */
export function sharedKey(req) {
  if (req.method !== "GET" && req.method !== "HEAD") return undefined;
  const url = req.url ?? "";
  if (!CACHED_PATH.test(url)) return undefined;
  for (const name of ROUTER_HEADERS) if (req.headers[name] !== undefined) return undefined;
  const locale = sharedLocale(req.headers.cookie);
  if (!locale) return undefined;
  return `${req.headers["x-forwarded-proto"]}://${req.headers["x-forwarded-host"] ?? req.headers.host}${url}\n${locale}`;
}

const sha256 = (text) => `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;

/**
 * The hashes of a page's inline scripts and style elements, as CSP sources. Exported for tests.
 * The HTML is the app's own render (React escapes `</script` inside script text), so a script
 * element ends at the first `</script>`.
 */
export function inlineHashes(html) {
  const scripts = new Set();
  for (const match of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    if (/\bsrc\s*=/i.test(match[1])) continue;
    scripts.add(sha256(match[2]));
  }
  const styles = new Set();
  for (const match of html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/gi)) styles.add(sha256(match[1]));
  return { scripts: [...scripts], styles: [...styles] };
}

/** The policy the render came with, its hash placeholders (lib/http/content-security-policy.ts) filled in. */
function policyWithHashes(policy, html) {
  const { scripts, styles } = inlineHashes(html);
  return policy.replace("'inline-script-hashes'", scripts.join(" ")).replace("'inline-style-hashes'", styles.join(" ")).replace(/ {2,}/g, " ").replace(/ ;/g, ";");
}

function matches(ifNoneMatch, etags) {
  if (ifNoneMatch.trim() === "*") return true;
  for (const candidate of ifNoneMatch.split(",")) {
    const tag = candidate.trim().replace(/^W\//, "");
    if (etags.includes(tag)) return true;
  }
  return false;
}

const acceptsGzip = (header) => typeof header === "string" && /(?:^|,)\s*gzip\s*(?:,|$|;\s*q=(?:1|0?\.\d*[1-9]))/i.test(header);

/**
 * `address()`: where this server listens, as `server.address()` says (renders are requested
 * there, on loopback when it listens on every interface).
 */
export function createResponseCache({ address }) {
  const secret = randomBytes(18).toString("base64url");
  /** key → entry (Map order = least recently used first). */
  const entries = new Map();
  /** key → the render under way for it. */
  const renders = new Map();
  let version;
  let checkedAt = 0;
  let checking = null;
  let writes = 0;
  const stats = { hits: 0, misses: 0, notModified: 0, stored: 0 };

  const hook = () => globalThis[VERSION_HOOK];

  function askVersion() {
    checking ??= Promise.resolve()
      .then(() => hook()())
      .then((value) => {
        const text = `${value.library}.${value.knowledge}`;
        version = text;
        checkedAt = Date.now();
        return text;
      })
      .finally(() => {
        checking = null;
      });
    return checking;
  }

  /** The data version when it is known fresh without asking (the fast path), else undefined. */
  function freshVersion() {
    if (writes > 0 || version === undefined || Date.now() - checkedAt >= CHECK_MS) return undefined;
    return version;
  }

  function render(key, req) {
    let pending = renders.get(key);
    if (pending) return pending;
    pending = (async () => {
      const before = await askVersion();
      const locale = key.slice(key.lastIndexOf("\n") + 1);
      const response = await new Promise((done, fail) => {
        const headers = {
          host: req.headers.host ?? "localhost",
          "x-forwarded-host": req.headers["x-forwarded-host"] ?? req.headers.host ?? "localhost",
          "x-forwarded-proto": req.headers["x-forwarded-proto"] ?? "http",
          "x-forwarded-for": "127.0.0.1",
          cookie: `lang=${locale}`,
          accept: req.headers.accept ?? "*/*",
          "accept-encoding": "identity",
          [SHARED_RENDER_HEADER]: secret,
        };
        const listening = address();
        const host = !listening.address || listening.address === "::" || listening.address === "0.0.0.0" ? "127.0.0.1" : listening.address;
        const internal = httpRequest({ host, port: listening.port, method: "GET", path: req.url, headers, timeout: RENDER_TIMEOUT_MS }, (res) => {
          const chunks = [];
          res.on("data", (chunk) => chunks.push(chunk));
          res.on("end", () => done({ status: res.statusCode ?? 500, headers: res.headers, body: Buffer.concat(chunks) }));
          res.on("error", fail);
        });
        internal.on("error", fail);
        internal.on("timeout", () => internal.destroy(new Error(`the render of ${req.url} took over ${RENDER_TIMEOUT_MS} ms`)));
        internal.end();
      });
      const after = await askVersion();
      const entry = toEntry(response, before);
      if (entry && before === after) {
        entries.delete(key);
        entries.set(key, entry);
        stats.stored++;
        while (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value);
      }
      return entry ?? { uncacheable: response };
    })().finally(() => renders.delete(key));
    renders.set(key, pending);
    return pending;
  }

  function toEntry(response, dataVersion) {
    if (response.status !== 200 || response.headers["set-cookie"]) return undefined;
    const type = String(response.headers["content-type"] ?? "");
    const html = type.startsWith("text/html");
    const headers = {};
    for (const [name, value] of Object.entries(response.headers)) if (!DROPPED_HEADERS.has(name) && value !== undefined) headers[name] = value;
    if (html) {
      const policy = String(headers["content-security-policy"] ?? "");
      // A render without the placeholders is not the shared render (no policy to fill): not kept.
      if (!policy.includes("'inline-script-hashes'")) return undefined;
      headers["content-security-policy"] = policyWithHashes(policy, response.body.toString("utf8"));
    }
    const hash = createHash("sha256").update(response.body).digest("base64url").slice(0, 32);
    const plain = response.body;
    const gzip = gzipSync(plain);
    const lastModified = new Date(Math.floor(Date.now() / 1000) * 1000);
    const common = { ...headers, "cache-control": "private, no-cache", vary: "Accept-Encoding, Cookie", "last-modified": lastModified.toUTCString() };
    const variant = (body, headers) => ({ body, headers, hit: flat({ ...headers, "x-response-cache": "hit" }), miss: flat({ ...headers, "x-response-cache": "miss" }) });
    const { "content-type": _type, ...notModified } = common;
    return {
      version: dataVersion,
      lastModified: lastModified.getTime(),
      etags: [`"${hash}"`, `"${hash}-gz"`],
      plain: variant(plain, { ...common, etag: `"${hash}"`, "content-length": plain.length }),
      gzip: variant(gzip, { ...common, etag: `"${hash}-gz"`, "content-encoding": "gzip", "content-length": gzip.length }),
      notModified,
    };
  }

  /** Headers as the flat [name, value, …] list writeHead takes: built once per entry, not per answer. */
  function flat(headers) {
    return Object.entries(headers).flatMap(([name, value]) => (Array.isArray(value) ? value.flatMap((one) => [name, one]) : [name, String(value)]));
  }

  function send(req, res, entry, state) {
    const variant = acceptsGzip(req.headers["accept-encoding"]) ? entry.gzip : entry.plain;
    const ifNoneMatch = req.headers["if-none-match"];
    const ifModifiedSince = req.headers["if-modified-since"];
    if (ifNoneMatch !== undefined ? matches(ifNoneMatch, entry.etags) : ifModifiedSince !== undefined && Date.parse(ifModifiedSince) >= entry.lastModified) {
      stats.notModified++;
      res.writeHead(304, { ...entry.notModified, etag: variant.headers.etag, "x-response-cache": state });
      res.end();
      return;
    }
    res.writeHead(200, state === "hit" ? variant.hit : variant.miss);
    res.end(req.method === "HEAD" ? undefined : variant.body);
  }

  function sendUncacheable(req, res, response) {
    const headers = {};
    for (const [name, value] of Object.entries(response.headers)) if (!["connection", "keep-alive", "transfer-encoding", "date"].includes(name) && value !== undefined) headers[name] = value;
    // A render that is not kept (a 404, a redirect) is sent once as Next made it, its policy's
    // hash placeholders filled in for its own inline scripts.
    const policy = headers["content-security-policy"];
    if (typeof policy === "string" && policy.includes("'inline-script-hashes'")) headers["content-security-policy"] = policyWithHashes(policy, response.body.toString("utf8"));
    headers["cache-control"] = "private, no-cache, no-store, max-age=0, must-revalidate";
    res.writeHead(response.status, { ...headers, "content-length": response.body.length, "x-response-cache": "bypass" });
    res.end(req.method === "HEAD" ? undefined : response.body);
  }

  return {
    stats,
    entries,
    /** Whether a request is this server's own render for the cache (and so goes to Next untouched). */
    isOwnRender(req) {
      const mark = req.headers[SHARED_RENDER_HEADER];
      if (mark === undefined) return false;
      delete req.headers[SHARED_RENDER_HEADER];
      if (mark !== secret) return false;
      // Only the proxy may see the mark (to render without a nonce); put back under the same name.
      req.headers[SHARED_RENDER_HEADER] = "1";
      return true;
    },
    /** Counts a request that may write: until it ends, and right after, every read asks the version. */
    trackWrite(req, res) {
      if (req.method === "GET" || req.method === "HEAD") return;
      writes++;
      res.once("close", () => {
        writes--;
        checkedAt = 0;
      });
    },
    /**
     * Answers the request from the cache (rendering it first when missing) and returns true (or a
     * promise of true), or returns false (or a promise of false) when the request is not a shared
     * one or the cache cannot serve it: the caller then hands it to Next.
     */
    serve(req, res) {
      if (typeof hook() !== "function") return false;
      const key = sharedKey(req);
      if (key === undefined) return false;
      const current = freshVersion();
      const entry = entries.get(key);
      if (current !== undefined && entry && entry.version === current) {
        stats.hits++;
        send(req, res, entry, "hit");
        return true;
      }
      return (async () => {
        let rendered;
        try {
          const now = current ?? (await askVersion());
          const known = entries.get(key);
          if (known && known.version === now) {
            entries.delete(key);
            entries.set(key, known);
            stats.hits++;
            send(req, res, known, "hit");
            return true;
          }
          if (known) entries.delete(key);
          stats.misses++;
          rendered = await render(key, req);
        } catch (error) {
          // The version or the render could not be had: Next answers this request itself.
          console.error(`response cache: ${error?.message ?? error}; serving ${req.url} uncached`);
          return false;
        }
        if (rendered.uncacheable) sendUncacheable(req, res, rendered.uncacheable);
        else send(req, res, rendered, "miss");
        return true;
      })();
    },
  };
}
