#!/usr/bin/env node
// The app's HTTP server: Next's request handler behind a small edge that `next start` lacks.
// `npm start` runs it (scripts/start.mjs), and so do the tests. Usage: node scripts/serve.mjs [-p PORT] [-H HOST]
//
// 1. Forwarded headers, trusted only when configured. `next start` keeps a client's own
//    X-Forwarded-For/-Host/-Proto and fills them from the socket only when they are missing, so a
//    route cannot tell a proxy's header from a client's forgery. Here the socket decides: with
//    TRUST_PROXY unset, every client-sent X-Forwarded-*, Forwarded and X-Real-IP is dropped and
//    X-Forwarded-For becomes the socket's address, X-Forwarded-Proto the socket's scheme. With
//    TRUST_PROXY (a hop count, or a list of proxy addresses, CIDR ranges, or `loopback`,
//    `linklocal`, `uniquelocal`), the client address is the first untrusted one walking the
//    X-Forwarded-For chain from the socket (proxy-addr, as Express does), and the nearest trusted
//    proxy's X-Forwarded-Proto/-Host are believed. The app reads only what this leaves.
// 2. Paths that are not UTF-8 when percent-decoded (`/api/briefs/%FF`, `/briefs/%ED%A0%80`):
//    Next's router decodes each segment (decodePathParams in next/dist/server/lib/router-utils),
//    throws a DecodeError, tries to render a `/400` page that an App Router app does not have,
//    and answers a bare 500 with nothing logged. Here they are answered 400 before Next sees
//    them: JSON under /api and /annotations, a short page elsewhere.
// 3. Methods: Next builds a fetch Request for every route handler, and fetch refuses TRACE,
//    CONNECT and TRACK ("'TRACE' HTTP method is unsupported": a 500). Every method but GET, HEAD,
//    POST, PUT, PATCH, DELETE and OPTIONS is answered 405 here, with Allow; the routes answer
//    the ones of these they do not serve themselves (lib/http/method-not-allowed.ts). Pages
//    (every path outside /api, /annotations and /_next) take GET and HEAD only: Next would render
//    a page for a POST or a DELETE too (a server action, which this app has none of, is let through).
// 4. A graceful stop: on SIGTERM or SIGINT it serves what is already arriving for STOP_GRACE_MS
//    (default 1,000 ms, every answer with "Connection: close"), then stops accepting and closes
//    idle keep-alive connections, lets requests under way finish (their writes are durable
//    before they are answered), runs the app's stop tasks (mail still being handed over, the
//    database connection) and exits; open event streams are ended as soon as it stops accepting, all within STOP_TIMEOUT_MS (default 4,500 ms; connections
//    still busy then are cut).
// 5. A shared response cache (scripts/response-cache.mjs): a signed-out reader's pages and JSON
//    that depend only on the library and the knowledge base are rendered once per data version
//    and locale, and answered from memory with an ETag (304 on revalidation). RESPONSE_CACHE=off
//    turns it off.
// 6. The notes' write path (POST /api/annotations) is handed to its route handler, Next's own
//    built module, without Next's router (scripts/direct-routes.mjs says why and on what rules).
//    DIRECT_ROUTES=off turns it off.
import { createServer } from "node:http";
import { pathToFileURL } from "node:url";
import next from "next";
import proxyaddr from "proxy-addr";
import { createDirectRoutes } from "./direct-routes.mjs";
import { createResponseCache } from "./response-cache.mjs";

/** The methods Next routes to handlers and pages; anything else is answered here. */
export const ROUTED_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

/**
 * The trust function TRUST_PROXY describes, as proxy-addr takes it: `(address, hop) => boolean`,
 * hop 0 being the socket. Unset, empty, `0` or `false`: nothing is trusted.
 */
export function trustFrom(value) {
  const setting = (value ?? "").trim();
  if (setting === "" || setting === "0" || setting.toLowerCase() === "false") return () => false;
  if (/^\d+$/.test(setting)) {
    const hops = Number(setting);
    return (_address, hop) => hop < hops;
  }
  // proxy-addr throws on an entry it cannot read: a typo fails at start, not silently.
  return proxyaddr.compile(setting.split(",").map((entry) => entry.trim()).filter(Boolean));
}

const HOST = /^(?:[a-z0-9.-]+|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;
const lastOf = (header) => (typeof header === "string" ? header.split(",").pop()?.trim() : undefined);

/**
 * Rewrites a request's forwarding headers to what the server trusts (see 1. above). Returns the
 * client address it decided on.
 */
export function settleForwarding(req, trust) {
  const socketAddress = req.socket.remoteAddress ?? "";
  const viaTrustedProxy = socketAddress !== "" && trust(socketAddress, 0);
  const client = viaTrustedProxy ? proxyaddr(req, trust) : socketAddress;
  const claimedProto = viaTrustedProxy ? lastOf(req.headers["x-forwarded-proto"])?.toLowerCase() : undefined;
  const claimedHost = viaTrustedProxy ? lastOf(req.headers["x-forwarded-host"]) : undefined;
  const claimedPort = viaTrustedProxy ? lastOf(req.headers["x-forwarded-port"]) : undefined;
  for (const name of ["x-forwarded-for", "x-forwarded-proto", "x-forwarded-host", "x-forwarded-port", "forwarded", "x-real-ip"]) delete req.headers[name];
  req.headers["x-forwarded-for"] = client;
  req.headers["x-forwarded-proto"] = claimedProto === "https" || claimedProto === "http" ? claimedProto : req.socket.encrypted ? "https" : "http";
  if (claimedHost && HOST.test(claimedHost)) req.headers["x-forwarded-host"] = claimedHost;
  else if (typeof req.headers.host === "string") req.headers["x-forwarded-host"] = req.headers.host;
  if (claimedPort && /^\d{1,5}$/.test(claimedPort)) req.headers["x-forwarded-port"] = claimedPort;
  return client;
}

/** True when every percent-escape of the path decodes to UTF-8 (what Next's router requires). */
export function pathDecodes(url) {
  const path = (url ?? "/").split("?")[0];
  if (!path.includes("%")) return true;
  try {
    for (const segment of path.split("/")) decodeURIComponent(segment);
    return true;
  } catch {
    return false;
  }
}

/** True for the paths whose errors are JSON (the API and the W3C annotation container). */
export function isJsonPath(url) {
  return /^\/(api|annotations)(\/|$|\?)/.test(url ?? "");
}

/** The methods a path takes, when this server decides it (pages); null when its route does. */
export function pageMethods(url) {
  if (isJsonPath(url) || /^\/_next(\/|$)/.test(url ?? "")) return null;
  return ["GET", "HEAD"];
}

/**
 * The headers next.config.js gives the API (security headers, the API's Content-Security-Policy,
 * HSTS when the request came over https), for the answers this server writes itself: a function
 * of the request, since a rule may hold only when a header does (`has`, as Next matches it: the
 * whole value against the rule's pattern). Rules with conditions of other kinds are not used here.
 */
export async function apiHeaders(root) {
  const { default: config } = await import(pathToFileURL(`${root}/next.config.js`).href);
  const rules = [];
  for (const rule of (await config.headers?.()) ?? []) {
    if (!["/:path*", "/api/:path+"].includes(rule.source) || rule.missing) continue;
    const conditions = (rule.has ?? []).map((condition) => (condition.type === "header" ? { name: condition.key.toLowerCase(), pattern: condition.value === undefined ? null : new RegExp(`^(?:${condition.value})$`) } : null));
    if (conditions.includes(null)) continue;
    rules.push({ conditions, headers: Object.fromEntries(rule.headers.map(({ key, value }) => [key.toLowerCase(), value])) });
  }
  return (req) => {
    const headers = {};
    for (const rule of rules) {
      const holds = rule.conditions.every(({ name, pattern }) => typeof req.headers[name] === "string" && (pattern === null || pattern.test(req.headers[name])));
      if (holds) Object.assign(headers, rule.headers);
    }
    return headers;
  };
}

function answer(res, status, headers, body) {
  res.writeHead(status, { ...headers, "content-length": Buffer.byteLength(body), "cache-control": "no-store" });
  res.end(body);
}

function refuse(req, res, headersFor, { status, code, message, field, allow }) {
  const fixedHeaders = headersFor(req);
  const extra = allow ? { allow } : {};
  if (isJsonPath(req.url) || (req.headers.accept ?? "").includes("json")) {
    const body = JSON.stringify({ error: { code, message, ...(field ? { field } : {}) } });
    answer(res, status, { ...fixedHeaders, ...extra, "content-type": "application/json" }, req.method === "HEAD" ? "" : body);
    return;
  }
  const page = `<!doctype html><html lang="ko"><meta charset="utf-8"><title>${status}</title><h1>${status}</h1><p>요청을 처리할 수 없습니다. / ${message}</p><p><a href="/">브리프 목록 / Briefs</a></p></html>`;
  answer(res, status, { ...fixedHeaders, ...extra, "content-type": "text/html; charset=utf-8" }, req.method === "HEAD" ? "" : page);
}

/** Ends what would hold the stop up (the app's open event streams: lib/services/annotation-stream.ts). */
function runStoppingTasks() {
  for (const task of globalThis[Symbol.for("brief-reader.on-stopping")] ?? []) {
    try {
      task();
    } catch (error) {
      console.error(error);
    }
  }
}

/** Runs the app's stop tasks (scripts and modules add to this set; lib/mail, lib/database). */
async function runStopTasks() {
  const tasks = globalThis[Symbol.for("brief-reader.on-stop")];
  if (!tasks) return;
  await Promise.allSettled([...tasks].map((task) => task()));
}

export async function serve({ root, port, hostname, env = process.env }) {
  const trust = trustFrom(env.TRUST_PROXY);
  // Tells the app (instrumentation.ts) it runs behind this edge, not behind a bare `next start`.
  process.env.BRIEF_READER_SERVE = "1";
  const stopTimeout = Number(env.STOP_TIMEOUT_MS) > 0 ? Number(env.STOP_TIMEOUT_MS) : 4_500;
  const stopGrace = Number(env.STOP_GRACE_MS) >= 0 && env.STOP_GRACE_MS ? Number(env.STOP_GRACE_MS) : 1_000;
  const app = next({ dev: false, dir: root, hostname: hostname ?? "localhost", port });
  await app.prepare();
  const handle = app.getRequestHandler();
  const headersFor = await apiHeaders(root);
  // RESPONSE_CACHE=off serves every request through Next (to compare, or to rule the cache out).
  const cache = env.RESPONSE_CACHE === "off" ? null : createResponseCache({ address: () => server.address() });
  // DIRECT_ROUTES=off sends the notes' write path through Next's router too (to compare).
  const direct = env.DIRECT_ROUTES === "off" ? null : createDirectRoutes({ distDir: `${root}/.next`, headersFor });

  let inFlight = 0;
  let stopping = false;
  const server = createServer((req, res) => {
    inFlight++;
    res.on("close", () => inFlight--);
    // While stopping, every answer closes its connection, so no keep-alive holds the exit up.
    if (stopping) res.setHeader("connection", "close");
    // The cache's own renders keep the forwarding headers it decided for the client it renders for.
    const ownRender = cache?.isOwnRender(req) ?? false;
    if (!ownRender) settleForwarding(req, trust);
    cache?.trackWrite(req, res);
    if (!ROUTED_METHODS.includes(req.method ?? "")) {
      refuse(req, res, headersFor, { status: 405, code: "method_not_allowed", message: `${req.method} is not served here`, field: "method", allow: ROUTED_METHODS.join(", ") });
      return;
    }
    const served = pageMethods(req.url);
    if (served && !served.includes(req.method ?? "") && !req.headers["next-action"]) {
      refuse(req, res, headersFor, { status: 405, code: "method_not_allowed", message: `${req.method} is not served here; use ${served.join(", ")}`, field: "method", allow: served.join(", ") });
      return;
    }
    if (!pathDecodes(req.url)) {
      refuse(req, res, headersFor, { status: 400, code: "invalid_input", message: "The path is not valid UTF-8 once percent-decoded", field: "path" });
      return;
    }
    const failed = (error) => {
      console.error(error);
      if (!res.headersSent) refuse(req, res, headersFor, { status: 500, code: "internal", message: "Something went wrong on the server" });
      else res.destroy();
    };
    // 6. The notes' write path, handed to its route handler without Next's router (scripts/direct-routes.mjs).
    const directHandler = direct?.match(req);
    if (directHandler) {
      direct.serve(req, res, directHandler).catch(failed);
      return;
    }
    // 5. The shared response cache (scripts/response-cache.mjs): a signed-out reader's pages and
    //    JSON that depend only on the library and the knowledge base, rendered once per version.
    const cached = cache && !ownRender ? cache.serve(req, res) : false;
    if (cached === true) return;
    if (cached !== false) {
      cached.then((done) => (done ? undefined : handle(req, res))).catch(failed);
      return;
    }
    handle(req, res).catch(failed);
  });
  // CONNECT never reaches a request handler (Node hands it over as a tunnel): refuse it the same way.
  server.on("connect", (req, socket) => {
    socket.end(`HTTP/1.1 405 Method Not Allowed\r\nallow: ${ROUTED_METHODS.join(", ")}\r\ncontent-length: 0\r\nconnection: close\r\n\r\n`);
  });
  // Slow clients cannot hold connections open for ever (Node's defaults are minutes).
  server.headersTimeout = 20_000;
  server.requestTimeout = 120_000;
  // An idle connection is kept 65 s (Node's default is 5 s). Node (libuv 1.45 and later) accepts
  // one new connection per turn of its event loop, and under load a turn takes 15–45 ms here: when
  // 32 readers who paused for more than 5 s came back at once, they had to connect anew and the
  // last waited up to 0.9 s for its first answer, while requests on open connections took 40 ms
  // (bench/README.md, Notes API). 65 s is also longer than the idle timeout of the proxies and load
  // balancers that usually sit in front (60 s), so they never send a request on a connection this
  // server is closing. An idle connection costs a socket and a few kilobytes.
  server.keepAliveTimeout = 65_000;

  await new Promise((done, fail) => {
    server.once("error", fail);
    server.listen(port, hostname, done);
  });

  const stop = async (signal) => {
    if (stopping) return;
    stopping = true;
    const started = Date.now();
    const deadline = started + stopTimeout;
    console.log(`serve: ${signal}: finishing ${inFlight} request(s), then stopping`);
    // A short grace first: a request already on its way over an open keep-alive connection (or a
    // connection being opened) is served, with "Connection: close", rather than cut by a reset
    // the client cannot tell from a lost write. Only then does the server stop accepting, which
    // also closes the connections that stayed idle.
    await new Promise((wait) => setTimeout(wait, Math.min(stopGrace, stopTimeout / 2)));
    const closed = new Promise((done) => server.close(done));
    // Long-lived answers (live event streams) end now, not at the deadline: their readers
    // reconnect, to this server's successor or another instance, and resume where they were.
    runStoppingTasks();
    // Busy connections close once their answer is out.
    while (inFlight > 0 && Date.now() < deadline) {
      server.closeIdleConnections();
      await new Promise((wait) => setTimeout(wait, 25));
    }
    server.closeIdleConnections();
    if (inFlight > 0) {
      console.error(`serve: ${inFlight} request(s) still running after ${stopTimeout} ms: closing them`);
      server.closeAllConnections();
    }
    await Promise.race([closed, new Promise((wait) => setTimeout(wait, Math.max(0, deadline - Date.now())))]);
    await Promise.race([runStopTasks(), new Promise((wait) => setTimeout(wait, Math.max(100, deadline + 400 - Date.now())))]);
    await Promise.race([app.close?.(), new Promise((wait) => setTimeout(wait, 200))]).catch(() => undefined);
    console.log(`serve: stopped in ${Date.now() - started} ms`);
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
  return server;
}

function argument(flags) {
  const args = process.argv.slice(2);
  for (const flag of flags) {
    const at = args.indexOf(flag);
    if (at >= 0 && args[at + 1]) return args[at + 1];
  }
  return undefined;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const root = new URL("..", import.meta.url).pathname.replace(/\/$/, "");
  process.env.NODE_ENV ??= "production";
  const port = Number(argument(["-p", "--port"]) ?? process.env.PORT ?? 3000);
  const hostname = argument(["-H", "--hostname"]);
  // Started by scripts/start.mjs before its steps (migrations, seed, build check) are done: Next is
  // loaded (the imports above); nothing reads the build or the database before the word to go on.
  if (process.env.SERVE_HELD === "1" && process.send) {
    await new Promise((go) => process.once("message", go));
    process.disconnect();
  }
  await serve({ root, port, hostname });
  const trusted = process.env.TRUST_PROXY?.trim();
  console.log(`serve: listening on http://${hostname ?? "localhost"}:${port}; forwarded headers ${trusted ? `trusted from TRUST_PROXY=${trusted}` : "ignored (TRUST_PROXY unset)"}`);
}
