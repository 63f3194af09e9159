// Route handlers that scripts/serve.mjs calls itself, past Next's router: the notes' write path.
//
// Why: measured with `npm run bench:notes`, a bare Next route handler that does nothing but check a
// cookie and insert a row serves about 0.22 of what a bare `node:http` server does with the same
// insert on this machine. Next's router, not the handler, spends the difference (about 2 ms a
// request on these cores): matching the route among every page, building its request metadata,
// the work stores a route may read `headers()`, `cookies()` and `after()` from, and piping the
// answer back through its response adapter. A note's POST needs none of that: its handler reads
// only the `Request` it is given (app/api/annotations/route.ts).
//
// Rules:
// - The handler is Next's own: the built route module Next itself loads (`.next/server/app/…/route.js`,
//   `routeModule.userland`; Node's module cache makes it the same instance), so the same code, the
//   same caches and the same database connection serve the route either way. Only the methods
//   listed here are called directly, on exactly the listed path (no query string matters: the
//   handler reads the URL itself); everything else, and any route whose module cannot be loaded,
//   goes through Next as before.
// - The request is what Next would hand the handler: the URL from the forwarding headers serve.mjs
//   settled (scheme) and the Host header, the headers as serve.mjs left them (a client's own
//   X-Forwarded-* already dropped), the body streamed, an AbortSignal that fires when the client
//   goes away.
// - The answer gets the API's headers from next.config.js first (security headers, the API's
//   Content-Security-Policy, HSTS over https), as Next sets them before a handler runs, then the
//   handler's own. Its body is read whole and sent with a Content-Length (these answers are small
//   JSON; Next would gzip them, which saves nothing worth the time at this size).
// - A handler may use nothing of Next's request context: `headers()`, `cookies()` or `after()`
//   would throw outside Next's work store, and the route's HTTP tests (which run against
//   serve.mjs) would answer 500. DIRECT_ROUTES=off sends every request through Next.
import { createRequire } from "node:module";
import { join } from "node:path";

/** Path → the built route module (relative to the build's `server/` folder) and the methods called directly. */
export const DIRECT_ROUTES = new Map([["/api/annotations", { module: "app/api/annotations/route.js", methods: ["POST"] }]]);

/** Router headers with which Next, not a route handler, decides the answer (server actions, RSC). */
const NEXT_ONLY_HEADERS = ["next-action", "rsc", "next-router-state-tree", "next-router-prefetch"];

/** The path of a request URL without its query string. */
function pathOf(url) {
  const query = (url ?? "/").indexOf("?");
  return query < 0 ? (url ?? "/") : url.slice(0, query);
}

/**
 * The request body as a web stream, read only as the handler asks for it. `settle()`, once the
 * answer is ready, deals with what the handler left unread: a body it never touched is left to
 * Node, which drains it and keeps the connection; one it stopped reading (a body over its limit,
 * answered 413) is drained unread and the connection closes after the answer. Destroying the
 * request instead, as `Readable.toWeb` does on cancel, cuts the connection under the client's
 * next request.
 */
function bodyOf(req) {
  // Whether the body was read to its end is req.complete's to say.
  let state = "untouched"; // → "reading" → "abandoned" (the handler stopped, or the answer came first)
  const stream = new ReadableStream(
    {
      pull(controller) {
        if (state === "untouched") {
          state = "reading";
          req.on("data", (chunk) => {
            if (state !== "reading") return;
            controller.enqueue(new Uint8Array(chunk));
            if ((controller.desiredSize ?? 1) <= 0) req.pause();
          });
          req.once("end", () => {
            if (state === "reading") controller.close();
          });
          req.once("error", (error) => {
            if (state === "reading") controller.error(error);
          });
        }
        req.resume();
      },
      cancel() {
        state = "abandoned";
      },
    },
    // No queue of its own: nothing is read before the handler asks (a Request pulls at once otherwise).
    { highWaterMark: 0 },
  );
  return {
    stream,
    settle(res) {
      if (state === "untouched" || req.complete) return;
      state = "abandoned";
      res.setHeader("connection", "close");
      req.resume();
    },
  };
}

/**
 * A dispatcher for the routes of DIRECT_ROUTES in the build in `distDir`: `match(req)` gives the
 * handler for a request it serves (else undefined), `serve(req, res, handler)` runs it.
 *
 * A route's module is loaded when its first request comes, which Next serves meanwhile: loading it
 * at start would hold the server's first answer up (the module brings the database client with
 * it). A module that does not load (an older build) leaves its route to Next, said once.
 */
export function createDirectRoutes({ distDir, headersFor }) {
  const load = createRequire(import.meta.url);
  /** `${method} ${path}` → the handler, once its module is loaded. */
  const handlers = new Map();
  /** Paths whose module is loading, loaded or failed to load. */
  const tried = new Set();

  function loadRoute(path, route) {
    tried.add(path);
    setImmediate(async () => {
      try {
        const { routeModule } = load(join(distDir, "server", route.module));
        await routeModule.ensureUserland();
        const userland = routeModule.userland;
        for (const method of route.methods) if (typeof userland[method] === "function") handlers.set(`${method} ${path}`, userland[method]);
      } catch (error) {
        console.error(`serve: ${path} goes through Next (its built route module did not load: ${error instanceof Error ? error.message : error})`);
      }
    });
  }

  return {
    match(req) {
      const path = pathOf(req.url);
      const route = DIRECT_ROUTES.get(path);
      if (!route || !route.methods.includes(req.method) || NEXT_ONLY_HEADERS.some((name) => req.headers[name] !== undefined)) return undefined;
      if (!tried.has(path)) loadRoute(path, route);
      return handlers.get(`${req.method} ${path}`);
    },

    async serve(req, res, handler) {
      const aborted = new AbortController();
      res.once("close", () => {
        if (!res.writableFinished) aborted.abort();
      });
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) {
        if (value === undefined) continue;
        if (Array.isArray(value)) for (const each of value) headers.append(name, each);
        else headers.set(name, value);
      }
      const scheme = req.headers["x-forwarded-proto"] === "https" ? "https" : "http";
      const host = typeof req.headers.host === "string" && req.headers.host !== "" ? req.headers.host : "localhost";
      const hasBody = req.method !== "GET" && req.method !== "HEAD";
      const body = hasBody ? bodyOf(req) : null;
      const request = new Request(`${scheme}://${host}${req.url}`, {
        method: req.method,
        headers,
        body: body?.stream,
        duplex: hasBody ? "half" : undefined,
        signal: aborted.signal,
      });
      let response;
      try {
        response = await handler(request, { params: Promise.resolve({}) });
      } finally {
        body?.settle(res);
      }
      for (const [name, value] of Object.entries(headersFor(req))) res.setHeader(name, value);
      for (const [name, value] of response.headers) if (name !== "set-cookie") res.setHeader(name, value);
      const cookies = response.headers.getSetCookie();
      if (cookies.length > 0) res.setHeader("set-cookie", cookies);
      res.statusCode = response.status;
      if (!response.body || req.method === "HEAD") {
        res.end();
        return;
      }
      const answer = Buffer.from(await response.arrayBuffer());
      res.setHeader("content-length", answer.byteLength);
      res.end(answer);
    },
  };
}
