/**
 * Forwarded headers are believed only from a proxy TRUST_PROXY names (scripts/serve.mjs), over
 * real HTTP against three servers: one that trusts no proxy (the default), the suite's own, which
 * trusts loopback (TRUST_PROXY=loopback, a list), and one that trusts one hop (TRUST_PROXY=1).
 * The rate limits and sign-in protection key on the address the server decided, and the origin
 * check compares scheme, host and port of the request itself.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type SecondApp, startSecondApp } from "../support/second-app";
import { TestClient, uniqueEmail } from "../support/http-client";

const baseURL = inject("baseURL");

interface Activity {
  failures: number;
  lockedOut: { address: string; until: string }[];
}

let untrusting: SecondApp;
let oneHop: SecondApp;

beforeAll(async () => {
  [untrusting, oneHop] = await Promise.all([startSecondApp({}), startSecondApp({ TRUST_PROXY: "1", AUTH_ALLOWED_HOSTS: "reader.example.org" })]);
}, 180_000);

afterAll(async () => {
  await Promise.all([untrusting?.stop(), oneHop?.stop()]);
});

/** A client that claims a new address on every request. */
function rotating() {
  let counter = 0;
  return (extra: Record<string, string> = {}) => ({ "x-forwarded-for": `203.0.113.${(counter++ % 250) + 1}`, ...extra });
}

describe("without TRUST_PROXY: X-Forwarded-* from clients are ignored", () => {
  // One socket address (loopback) for every request of this block: the counts add up in order.

  it("keys the per-account lockout on the socket: rotating X-Forwarded-For does not spread the guesses", async () => {
    const url = untrusting.url;
    const email = uniqueEmail("socket-pair");
    expect((await new TestClient(url).post("/api/auth/sign-up/email", { name: "Pair", email, password: "a long enough password" })).status).toBe(200);
    const headers = rotating();
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 6; attempt++) statuses.push((await new TestClient(url).post("/api/auth/sign-in/email", { email, password: `guess ${attempt}` }, headers())).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
  });

  it("takes the scheme from the socket: a client's X-Forwarded-Proto: https gets no Secure cookie and no HSTS", async () => {
    const url = untrusting.url;
    const page = await fetch(`${url}/`, { headers: { "x-forwarded-proto": "https" } });
    expect(page.headers.get("strict-transport-security")).toBeNull();
    const api = await fetch(`${url}/api/briefs`, { headers: { "x-forwarded-proto": "https" } });
    expect(api.headers.get("strict-transport-security")).toBeNull();
    const email = uniqueEmail("plain");
    const client = new TestClient(url);
    await client.post("/api/auth/sign-up/email", { name: "Plain", email, password: "a long enough password" });
    const signedIn = await client.post("/api/auth/sign-in/email", { email, password: "a long enough password" }, { "x-forwarded-proto": "https" });
    expect(signedIn.status).toBe(200);
    const cookie = signedIn.headers.getSetCookie().find((line) => line.includes("session_token=")) ?? "";
    expect(cookie).toMatch(/^better-auth\.session_token=/);
    expect(cookie).not.toMatch(/;\s*Secure/i);
  });

  it("compares scheme, host and port: Origin https over http, another port, or a forged X-Forwarded-Host are cross-site", async () => {
    const url = untrusting.url;
    const host = new URL(url).host;
    const refused = async (headers: Record<string, string>) => {
      const response = await fetch(`${url}/api/auth/sign-up/email`, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: JSON.stringify({ name: "Origin", email: uniqueEmail("origin"), password: "a long enough password" }),
      });
      return response.status;
    };
    expect(await refused({ origin: `https://${host}` })).toBe(403);
    expect(await refused({ origin: `https://${host}`, "x-forwarded-proto": "https" })).toBe(403);
    expect(await refused({ origin: `http://127.0.0.1:${Number(new URL(url).port) + 1}` })).toBe(403);
    expect(await refused({ origin: "http://reader.example.org", "x-forwarded-host": "reader.example.org" })).toBe(403);
    expect(await refused({ origin: "http://evil.example", "x-forwarded-host": "evil.example", "x-forwarded-proto": "http" })).toBe(403);
  });

  it("names IRIs by the request's own Host, not a client's X-Forwarded-Host", async () => {
    const client = new TestClient(untrusting.url);
    const email = uniqueEmail("iri");
    await client.post("/api/auth/sign-up/email", { name: "Iri", email, password: "a long enough password" });
    const signedIn = await new TestClient(untrusting.url).post("/api/auth/sign-in/email", { email, password: "a long enough password" });
    const cookie = signedIn.headers.getSetCookie().map((line) => line.split(";")[0]).join("; ");
    const container = await fetch(`${untrusting.url}/annotations/`, { headers: { cookie, "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" } });
    expect(container.status).toBe(200);
    const body = (await container.json()) as { id: string };
    expect(body.id.startsWith(`${untrusting.url}/annotations/`)).toBe(true);
  });

  it("keys the sign-in limit (10 a minute) on the socket, whatever X-Forwarded-For says", async () => {
    const headers = rotating();
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 11; attempt++) {
      statuses.push((await new TestClient(untrusting.url).post("/api/auth/sign-in/email", { email: uniqueEmail(`socket-${attempt}`), password: "not the password" }, headers())).status);
    }
    // The tests above signed in from this socket too: the limit comes at the 11th of the minute, or sooner.
    const first = statuses.indexOf(429);
    expect(first, statuses.join(" ")).toBeGreaterThanOrEqual(0);
    expect(statuses.slice(0, first).every((status) => status === 401), statuses.join(" ")).toBe(true);
  });

  it("keys the sign-up limit (10 a minute) on the socket too", async () => {
    const headers = rotating();
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 11; attempt++) {
      statuses.push((await new TestClient(untrusting.url).post("/api/auth/sign-up/email", { name: "Many", email: uniqueEmail(`many-${attempt}`), password: "a long enough password" }, headers())).status);
    }
    const first = statuses.indexOf(429);
    expect(first, statuses.join(" ")).toBeGreaterThanOrEqual(0);
    expect(statuses.slice(0, first).every((status) => status === 200), statuses.join(" ")).toBe(true);
  });
});

describe("with TRUST_PROXY: what the proxy forwards is believed", () => {
  it("(a list: loopback) keys limits on the forwarded address, and shows the owner that address", async () => {
    const email = uniqueEmail("trusted");
    const owner = await new TestClient(baseURL).signUp("Trusted", email);
    const attacker = new TestClient(baseURL, "198.51.100.23");
    for (let attempt = 0; attempt < 5; attempt++) await attacker.signIn(email, `trusted guess ${attempt}`);
    expect(await attacker.signIn(email)).toBe(429);
    const activity = await owner.get<Activity>("/api/account/sign-in-activity");
    expect(activity.body.lockedOut.map((lock) => lock.address)).toEqual(["198.51.100.23"]);
  });

  it("(a list: loopback) believes the proxy's X-Forwarded-Proto: HSTS over https", async () => {
    const page = await fetch(`${baseURL}/`, { headers: { "x-forwarded-proto": "https" } });
    expect(page.headers.get("strict-transport-security")).toMatch(/max-age=/);
  });

  it("(a hop count: 1) believes the proxy's scheme and host for the session cookie, the origin check and the IRIs", async () => {
    const url = oneHop.url;
    // As a proxy at https://reader.example.org would forward it (AUTH_ALLOWED_HOSTS names the host).
    const proxied = { "x-forwarded-proto": "https", "x-forwarded-host": "reader.example.org", origin: "https://reader.example.org" };
    const email = uniqueEmail("proxied");
    const client = new TestClient(url, "192.0.2.90");
    expect((await client.request("POST", "/api/auth/sign-up/email", { json: { name: "Proxied", email, password: "a long enough password" }, headers: proxied })).status).toBe(200);
    const signedIn = await client.request("POST", "/api/auth/sign-in/email", { json: { email, password: "a long enough password" }, headers: proxied });
    expect(signedIn.status).toBe(200);
    expect(signedIn.headers.getSetCookie().join("\n")).toMatch(/__Secure-better-auth\.session_token=.*;\s*Secure/i);
    const created = await client.request<{ id: string }>("POST", "/annotations/", {
      json: { type: "Annotation", target: "/entities/jp", body: { type: "TextualBody", value: "프록시 뒤에서" } },
      headers: proxied,
    });
    expect(created.status).toBe(201);
    expect(created.body.id.startsWith("https://reader.example.org/annotations/")).toBe(true);
    // The proxy's scheme is the request's: an http Origin is now the cross-site one.
    const mixed = await client.request("POST", "/annotations/", { json: { type: "Annotation", target: "/entities/jp" }, headers: { ...proxied, origin: "http://reader.example.org" } });
    expect(mixed.status).toBe(403);
  });

  it("(a hop count: 1) takes the address the nearest proxy appended, not what the client put before it", async () => {
    const url = oneHop.url;
    const email = uniqueEmail("hops");
    const owner = new TestClient(url);
    expect((await owner.post("/api/auth/sign-up/email", { name: "Hops", email, password: "a long enough password" })).status).toBe(200);
    // The client writes a new address each time; the proxy (loopback here) appends the one it saw.
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 6; attempt++) {
      const response = await new TestClient(url, `10.9.8.${attempt}, 192.0.2.77`).post("/api/auth/sign-in/email", { email, password: `hop guess ${attempt}` });
      statuses.push(response.status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    // Another client behind the same proxy is another address.
    const signedIn = new TestClient(url, "10.9.8.1, 192.0.2.78");
    expect(await signedIn.signIn(email, "a long enough password")).toBe(200);
    const activity = await signedIn.get<Activity>("/api/account/sign-in-activity");
    expect(activity.body.lockedOut.map((lock) => lock.address)).toEqual(["192.0.2.77"]);
  });
});
