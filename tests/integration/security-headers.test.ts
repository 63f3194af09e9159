/**
 * Security headers over real HTTP, on every kind of response the app sends: pages (and the 404
 * page), the API (answers and errors, better-auth's too) and static files. Pages rendered per
 * request carry a Content-Security-Policy with a nonce that is new on every response and on every
 * script tag; pages a signed-out reader gets from the shared response cache carry the hashes of
 * their own inline scripts instead (tests/integration/response-cache.test.ts checks each hash).
 */
import { beforeAll, describe, expect, inject, it } from "vitest";
import { nonceOf } from "@/lib/http/content-security-policy";

const baseURL = inject("baseURL");
const reader = "/briefs/japan-quasi-alliance";

const COMMON: Record<string, string> = {
  "x-content-type-options": "nosniff",
  "referrer-policy": "same-origin",
  "x-frame-options": "DENY",
  "cross-origin-opener-policy": "same-origin",
  "cross-origin-resource-policy": "same-origin",
};

type Kind = "page" | "resource";

interface Case {
  what: string;
  kind: Kind;
  status: number;
  request: () => Promise<Response>;
}

/** Static files named by the reader page, found once. */
let script = "";
let stylesheet = "";

beforeAll(async () => {
  const html = await (await fetch(`${baseURL}${reader}`)).text();
  script = /<script[^>]+src="(\/_next\/static\/[^"]+\.js)"/.exec(html)?.[1] ?? "";
  stylesheet = /<link[^>]+href="(\/_next\/static\/[^"]+\.css)"/.exec(html)?.[1] ?? "";
  expect(script, "a script of the reader").not.toBe("");
  expect(stylesheet, "a stylesheet of the reader").not.toBe("");
});

const get = (path: string, headers: Record<string, string> = {}) => () => fetch(`${baseURL}${path}`, { headers, redirect: "manual" });

const CASES: Case[] = [
  { what: "the list of briefs", kind: "page", status: 200, request: get("/") },
  { what: "the reader", kind: "page", status: 200, request: get(reader) },
  { what: "the agreements overview", kind: "page", status: 200, request: get("/agreements") },
  { what: "the account page", kind: "page", status: 200, request: get("/account") },
  { what: "an entity page", kind: "page", status: 200, request: get("/entities/jp") },
  { what: "the 404 page", kind: "page", status: 404, request: get("/no-such-page") },
  { what: "/api itself (a 404 page)", kind: "page", status: 404, request: get("/api") },
  { what: "an API answer", kind: "resource", status: 200, request: get("/api/briefs") },
  { what: "an API 404", kind: "resource", status: 404, request: get("/api/no-such-route") },
  { what: "an API 401", kind: "resource", status: 401, request: get("/api/annotations?brief=japan-quasi-alliance") },
  // Answered by scripts/serve.mjs calling the route's handler itself (scripts/direct-routes.mjs), not through Next.
  { what: "a note's POST without a session", kind: "resource", status: 401, request: () => fetch(`${baseURL}/api/annotations`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" }) },
  {
    what: "better-auth refusing a cross-site sign-in",
    kind: "resource",
    status: 403,
    request: () => fetch(`${baseURL}/api/auth/sign-in/email`, { method: "POST", headers: { "content-type": "application/json", origin: "http://evil.example" }, body: JSON.stringify({ email: "someone@example.org", password: "a long enough password" }) }),
  },
  { what: "better-auth's session answer", kind: "resource", status: 200, request: get("/api/auth/get-session") },
  { what: "a script", kind: "resource", status: 200, request: () => get(script)() },
  { what: "a stylesheet", kind: "resource", status: 200, request: () => get(stylesheet)() },
  { what: "a missing static file", kind: "resource", status: 404, request: get("/_next/static/chunks/no-such-file.js") },
];

describe("security headers on every response", () => {
  for (const { what, kind, status, request } of CASES) {
    it(`sends them on ${what} (${status}), with ${kind === "page" ? "a nonce or hash policy" : "a policy that allows nothing"}`, async () => {
      const response = await request();
      expect(response.status).toBe(status);
      for (const [name, value] of Object.entries(COMMON)) expect(response.headers.get(name), name).toBe(value);
      expect(response.headers.get("permissions-policy")).toMatch(/(^|, )camera=\(\)/);
      expect(response.headers.get("permissions-policy")).toMatch(/(^|, )geolocation=\(\)/);
      // Over plain http, no HSTS: it would be ignored at best.
      expect(response.headers.has("strict-transport-security")).toBe(false);
      const policy = response.headers.get("content-security-policy") ?? "";
      // One policy only: two headers would arrive joined by a comma, and both would apply.
      expect(policy).not.toContain(",");
      if (kind === "page") {
        const scriptSrc = /script-src ([^;]*)/.exec(policy)?.[1] ?? "";
        // A nonce (rendered for this request) or the hashes of the page's inline scripts (shared).
        expect(nonceOf(policy) !== undefined || /'sha256-[A-Za-z0-9+/]+=*'/.test(scriptSrc), policy).toBe(true);
        expect(scriptSrc).not.toContain("unsafe-inline");
        expect(policy).not.toContain("inline-script-hashes");
        expect(policy).toContain("frame-ancestors 'none'");
      } else {
        expect(policy).toBe("default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
      }
      await response.arrayBuffer();
    });
  }

  it("adds HSTS when a proxy in front says the client came over https, on pages, the API and static files", async () => {
    for (const path of [reader, "/api/briefs", script]) {
      const response = await fetch(`${baseURL}${path}`, { headers: { "x-forwarded-proto": "https" } });
      expect(response.headers.get("strict-transport-security"), path).toBe("max-age=31536000; includeSubDomains");
      await response.arrayBuffer();
    }
    // A note's POST is answered past Next's router (scripts/direct-routes.mjs): the same rule holds.
    const post = await fetch(`${baseURL}/api/annotations`, { method: "POST", headers: { "x-forwarded-proto": "https", "content-type": "application/json" }, body: "{}" });
    expect(post.status).toBe(401);
    expect(post.headers.get("strict-transport-security")).toBe("max-age=31536000; includeSubDomains");
    await post.arrayBuffer();
  });
});

describe("the pages' script nonce (pages rendered per request)", () => {
  it("is on every script tag of the page, and is the one in the policy", async () => {
    // A query string, or a page that is never shared (the account page): rendered for this request.
    for (const path of ["/?sort=title", `${reader}?entity=jp`, "/agreements?x=1", "/account"]) {
      const response = await fetch(`${baseURL}${path}`);
      const nonce = nonceOf(response.headers.get("content-security-policy") ?? "");
      const tags = (await response.text()).match(/<script\b[^>]*>/g) ?? [];
      expect(tags.length, path).toBeGreaterThan(0);
      for (const tag of tags) expect(tag, path).toContain(`nonce="${nonce}"`);
    }
  });

  it("is new on every response", async () => {
    const nonces = await Promise.all(Array.from({ length: 5 }, async () => nonceOf((await fetch(`${baseURL}/account`)).headers.get("content-security-policy") ?? "")));
    expect(new Set(nonces).size).toBe(5);
  });

  it("cannot be chosen by the client", async () => {
    const response = await fetch(`${baseURL}${reader}`, { headers: { "content-security-policy": "script-src 'nonce-chosenByTheClient'" } });
    const html = await response.text();
    expect(response.headers.get("content-security-policy")).not.toContain("chosenByTheClient");
    expect(html).not.toContain("chosenByTheClient");
  });
});
