/** scripts/serve.mjs's edge, without a server: which forwarded headers it trusts, which paths and methods it answers itself. */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
// @ts-expect-error -- a plain ES module script without type declarations
import { pageMethods, pathDecodes, settleForwarding, trustFrom } from "../../../scripts/serve.mjs";

type Trust = (address: string, hop: number) => boolean;

function fakeRequest(remoteAddress: string, headers: Record<string, string>, encrypted = false) {
  return { socket: { remoteAddress, encrypted }, headers: { ...headers }, connection: { remoteAddress } } as unknown as { headers: Record<string, string> };
}

describe("TRUST_PROXY", () => {
  it("trusts nothing when unset, empty, 0 or false", () => {
    for (const value of [undefined, "", "0", "false", " "]) expect((trustFrom(value) as Trust)("127.0.0.1", 0), String(value)).toBe(false);
  });

  it("reads a hop count, or a list of addresses, ranges and names", () => {
    const two = trustFrom("2") as Trust;
    expect([two("1.1.1.1", 0), two("1.1.1.1", 1), two("1.1.1.1", 2)]).toEqual([true, true, false]);
    const list = trustFrom("loopback, 10.0.0.0/8") as Trust;
    expect([list("127.0.0.1", 0), list("10.2.3.4", 0), list("192.0.2.1", 0)]).toEqual([true, true, false]);
    expect(() => trustFrom("not-an-address")).toThrow();
  });
});

describe("settleForwarding", () => {
  const forged = { "x-forwarded-for": "6.6.6.6", "x-forwarded-proto": "https", "x-forwarded-host": "evil.example", forwarded: "for=6.6.6.6", "x-real-ip": "6.6.6.6", host: "app.test:3000" };

  it("without trust, replaces every forwarded header with what the socket says", () => {
    const request = fakeRequest("192.0.2.5", forged);
    expect(settleForwarding(request, trustFrom(""))).toBe("192.0.2.5");
    expect(request.headers).toEqual({ host: "app.test:3000", "x-forwarded-for": "192.0.2.5", "x-forwarded-proto": "http", "x-forwarded-host": "app.test:3000" });
  });

  it("from a trusted proxy, takes the first untrusted address and the proxy's scheme and host", () => {
    const request = fakeRequest("127.0.0.1", { ...forged, "x-forwarded-for": "6.6.6.6, 198.51.100.2", "x-forwarded-host": "evil.example, reader.example.org", "x-forwarded-proto": "https" });
    expect(settleForwarding(request, trustFrom("loopback"))).toBe("198.51.100.2");
    expect(request.headers["x-forwarded-host"]).toBe("reader.example.org");
    expect(request.headers["x-forwarded-proto"]).toBe("https");
    expect(request.headers.forwarded).toBeUndefined();
  });

  it("from an untrusted socket, believes nothing even with TRUST_PROXY set", () => {
    const request = fakeRequest("192.0.2.9", forged);
    expect(settleForwarding(request, trustFrom("loopback"))).toBe("192.0.2.9");
    expect(request.headers["x-forwarded-host"]).toBe("app.test:3000");
    expect(request.headers["x-forwarded-proto"]).toBe("http");
  });

  it("refuses a host or scheme that is not one", () => {
    const request = fakeRequest("127.0.0.1", { host: "app.test", "x-forwarded-host": "evil.example/path", "x-forwarded-proto": "gopher" }, true);
    settleForwarding(request, trustFrom("1"));
    expect(request.headers["x-forwarded-host"]).toBe("app.test");
    expect(request.headers["x-forwarded-proto"]).toBe("https");
  });
});

describe("paths and methods the server answers itself", () => {
  it("knows which paths Next's router cannot decode", () => {
    for (const path of ["/api/briefs/%FF", "/briefs/%ED%A0%80", "/annotations/%c0%ae%c0%ae%2f", "/x/%E0%A4%A", "/%"]) expect(pathDecodes(path), path).toBe(false);
    for (const path of ["/", "/briefs/%EC%9D%BC%EB%B3%B8", "/api/search?q=%FF", "/a%2Fb"]) expect(pathDecodes(path), path).toBe(true);
  });

  it("takes GET and HEAD on pages and leaves the API and Next's files to their routes", () => {
    expect(pageMethods("/briefs/x")).toEqual(["GET", "HEAD"]);
    expect(pageMethods("/")).toEqual(["GET", "HEAD"]);
    for (const path of ["/api/briefs", "/annotations/", "/annotations", "/_next/static/x.js"]) expect(pageMethods(path), path).toBeNull();
  });
});

describe("apiHeaders (next.config.js's headers, for answers the edge writes itself)", () => {
  it("gives the API's security headers always, and HSTS only when the request came over https", async () => {
    // @ts-expect-error -- a plain ES module script without type declarations
    const { apiHeaders } = await import("../../../scripts/serve.mjs");
    const headersFor = (await apiHeaders(join(import.meta.dirname, "../../.."))) as (req: { headers: Record<string, string> }) => Record<string, string>;
    const plain = headersFor({ headers: { "x-forwarded-proto": "http" } });
    expect(plain["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
    expect(plain["x-content-type-options"]).toBe("nosniff");
    expect(plain["strict-transport-security"]).toBeUndefined();
    expect(headersFor({ headers: { "x-forwarded-proto": "https" } })["strict-transport-security"]).toBe("max-age=31536000; includeSubDomains");
  });
});
