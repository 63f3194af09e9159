/**
 * scripts/direct-routes.mjs over real HTTP: a built route module of our own making (the shape Next
 * emits: `routeModule.ensureUserland()`, `routeModule.userland`) served by a `node:http` server
 * the way scripts/serve.mjs does. What the handler is given, and what the client gets back.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { type IncomingMessage, type Server, type ServerResponse, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error -- a plain ES module script without type declarations
import { createDirectRoutes } from "../../../scripts/direct-routes.mjs";

interface Dispatcher {
  match(req: IncomingMessage): ((request: Request) => Promise<Response>) | undefined;
  serve(req: IncomingMessage, res: ServerResponse, handler: (request: Request) => Promise<Response>): Promise<void>;
}

// The handler echoes what it was given, and sets what a route sets (its own headers, two cookies).
const ROUTE_MODULE = `
let loaded = false;
const userland = {
  async POST(request) {
    if (request.headers.get("x-test") === "ignore-body") return new Response("signed out", { status: 401 });
    if (request.headers.get("x-test") === "stop-reading") {
      const reader = request.body.getReader();
      await reader.read();
      await reader.cancel();
      return new Response("too large", { status: 413 });
    }
    const body = await request.text();
    const headers = new Headers({ "content-type": "application/json", "cache-control": "private, no-store", etag: '"v1"' });
    headers.append("set-cookie", "a=1; Path=/");
    headers.append("set-cookie", "b=2; Path=/");
    if (body === "throw") throw new Error("the handler failed");
    return new Response(JSON.stringify({ url: request.url, method: request.method, body, forwardedFor: request.headers.get("x-forwarded-for"), cookie: request.headers.get("cookie"), aborted: request.signal.aborted }), { status: 201, headers });
  },
  GET() {
    return new Response("not called directly");
  },
};
exports.routeModule = {
  async ensureUserland() { loaded = true; },
  get userland() { if (!loaded) throw new Error("still loading"); return userland; },
};
`;

let folder = "";
let server: Server;
let base = "";
let direct: Dispatcher;
const passedOn: string[] = [];

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), "direct-routes-"));
  mkdirSync(join(folder, "server", "app", "api", "annotations"), { recursive: true });
  writeFileSync(join(folder, "server", "app", "api", "annotations", "route.js"), ROUTE_MODULE);
  const headersFor = (req: IncomingMessage) => ({ "x-content-type-options": "nosniff", "content-security-policy": "default-src 'none'", ...(req.headers["x-forwarded-proto"] === "https" ? { "strict-transport-security": "max-age=1" } : {}) });
  direct = createDirectRoutes({ distDir: folder, headersFor }) as Dispatcher;
  server = createServer((req, res) => {
    // As scripts/serve.mjs leaves them: the client's own forwarding headers replaced.
    req.headers["x-forwarded-for"] = "192.0.2.7";
    req.headers["x-forwarded-proto"] = req.headers["x-test-proto"] === "https" ? "https" : "http";
    const handler = direct.match(req);
    if (!handler) {
      passedOn.push(`${req.method} ${req.url}`);
      res.end("through Next");
      return;
    }
    direct.serve(req, res, handler).catch(() => {
      res.statusCode = 500;
      res.end("failed");
    });
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // The route's first request goes through Next while its module loads; the next ones are direct.
  const first = await fetch(`${base}/api/annotations`, { method: "POST", body: "first" });
  expect(await first.text()).toBe("through Next");
  await new Promise((wait) => setTimeout(wait, 50));
  passedOn.length = 0;
});

afterAll(async () => {
  await new Promise((done) => server.close(done));
  rmSync(folder, { recursive: true, force: true });
});

describe("direct routes", () => {
  it("hands a listed method on the listed path to the route's own handler, with the request as Next would build it", async () => {
    const response = await fetch(`${base}/api/annotations?x=1`, { method: "POST", headers: { "content-type": "application/json", cookie: "session=s", "x-forwarded-for": "6.6.6.6" }, body: '{"note":"메모"}' });
    expect(response.status).toBe(201);
    const echoed = await response.json();
    expect(echoed).toEqual({ url: `${base}/api/annotations?x=1`, method: "POST", body: '{"note":"메모"}', forwardedFor: "192.0.2.7", cookie: "session=s", aborted: false });
  });

  it("answers with the API's headers first, then the handler's, every Set-Cookie kept apart", async () => {
    const response = await fetch(`${base}/api/annotations`, { method: "POST", headers: { "x-test-proto": "https" }, body: "x" });
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("content-security-policy")).toBe("default-src 'none'");
    expect(response.headers.get("strict-transport-security")).toBe("max-age=1");
    expect(response.headers.get("etag")).toBe('"v1"');
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    expect(response.headers.getSetCookie()).toEqual(["a=1; Path=/", "b=2; Path=/"]);
    const body = await response.arrayBuffer();
    expect(Number(response.headers.get("content-length"))).toBe(body.byteLength);
    // Over plain http, no HSTS.
    const plain = await fetch(`${base}/api/annotations`, { method: "POST", body: "x" });
    expect(plain.headers.has("strict-transport-security")).toBe(false);
    await plain.arrayBuffer();
  });

  it("streams a large body to the handler whole", async () => {
    const big = "가".repeat(300_000);
    const echoed = await (await fetch(`${base}/api/annotations`, { method: "POST", body: big })).json();
    expect(echoed.body).toBe(big);
  });

  it("leaves every other method, path, and Next's router requests to Next", async () => {
    for (const [method, path, headers] of [
      ["GET", "/api/annotations?brief=b", {}],
      ["PATCH", "/api/annotations", {}],
      ["POST", "/api/annotations/abc", {}],
      ["POST", "/api/annotationsx", {}],
      ["POST", "/api/annotations", { "next-action": "1" }],
      ["POST", "/api/annotations", { rsc: "1" }],
    ] as const) {
      const response = await fetch(`${base}${path}`, { method, headers, body: method === "GET" ? undefined : "x" });
      expect(await response.text(), `${method} ${path}`).toBe("through Next");
    }
    expect(passedOn).toHaveLength(6);
  });

  it("keeps the connection when the handler never read the body, and closes it when the handler stopped reading", async () => {
    const big = "x".repeat(2_000_000);
    const ignored = await fetch(`${base}/api/annotations`, { method: "POST", headers: { "x-test": "ignore-body" }, body: big });
    expect(ignored.status).toBe(401);
    expect(ignored.headers.get("connection")).not.toBe("close");
    expect(await ignored.text()).toBe("signed out");
    const stopped = await fetch(`${base}/api/annotations`, { method: "POST", headers: { "x-test": "stop-reading" }, body: big });
    expect(stopped.status).toBe(413);
    expect(stopped.headers.get("connection")).toBe("close");
    expect(await stopped.text()).toBe("too large");
    // Either way the client's next requests are answered.
    for (let i = 0; i < 3; i++) expect((await fetch(`${base}/api/annotations`, { method: "POST", body: `after ${i}` })).status).toBe(201);
  });

  it("rejects when the handler throws, for the server to answer 500", async () => {
    const response = await fetch(`${base}/api/annotations`, { method: "POST", body: "throw" });
    expect(response.status).toBe(500);
    expect(await response.text()).toBe("failed");
  });

  it("leaves a route whose built module does not load to Next", async () => {
    const empty = mkdtempSync(join(tmpdir(), "direct-routes-none-"));
    try {
      const none = createDirectRoutes({ distDir: empty, headersFor: () => ({}) }) as Dispatcher;
      const request = { method: "POST", url: "/api/annotations", headers: {} } as IncomingMessage;
      expect(none.match(request)).toBeUndefined();
      await new Promise((wait) => setTimeout(wait, 50));
      expect(none.match(request)).toBeUndefined();
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
