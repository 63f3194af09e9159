/** scripts/response-cache.mjs: which requests are shared (and under which key), and the hashes of a page's inline scripts. */
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { inlineHashes, sharedKey } from "../../../scripts/response-cache.mjs";

const request = (url: string, headers: Record<string, string> = {}, method = "GET") => ({ method, url, headers: { host: "reader.example", "x-forwarded-proto": "https", "x-forwarded-host": "reader.example", ...headers } });

describe("sharedKey", () => {
  it("keys the shared pages and JSON by scheme, host, path and language", () => {
    expect(sharedKey(request("/briefs/japan-quasi-alliance"))).toBe("https://reader.example/briefs/japan-quasi-alliance\nko");
    expect(sharedKey(request("/", { cookie: "lang=en" }))).toBe("https://reader.example/\nen");
    expect(sharedKey(request("/api/entities/jp", { cookie: "lang=fr" }))).toBe("https://reader.example/api/entities/jp\nko");
    for (const path of ["/agreements", "/agreements/raa-jp-gb", "/entities/jp", "/api/briefs/x", "/api/agreements/raa-jp-gb"]) expect(sharedKey(request(path)), path).toBeDefined();
    expect(sharedKey(request("/briefs/x", {}, "HEAD"))).toBeDefined();
  });

  it("leaves everything else to Next: other paths, query strings, writes, any other cookie, tokens, router requests", () => {
    for (const path of ["/account", "/briefs/x/preview", "/briefs/x?entity=jp", "/search", "/api/briefs", "/api/annotations", "/knowledge", "/api/entities/jp/history"]) expect(sharedKey(request(path)), path).toBeUndefined();
    expect(sharedKey(request("/briefs/x", {}, "POST"))).toBeUndefined();
    expect(sharedKey(request("/briefs/x", { cookie: "lang=ko; better-auth.session_token=abc" }))).toBeUndefined();
    expect(sharedKey(request("/briefs/x", { cookie: "__Secure-better-auth.session_token=abc" }))).toBeUndefined();
    expect(sharedKey(request("/briefs/x", { authorization: "Bearer t" }))).toBeUndefined();
    expect(sharedKey(request("/briefs/x", { rsc: "1" }))).toBeUndefined();
    expect(sharedKey(request("/briefs/x", { "next-router-prefetch": "1" }))).toBeUndefined();
  });
});

describe("inlineHashes", () => {
  it("hashes inline scripts and style elements, not scripts with a src", () => {
    const html = '<head><script src="/_next/a.js" async=""></script><style>b{}</style></head><body><script>self.__next_f.push([1,"x"])</script><script id="y">1</script></body>';
    const hash = (text: string) => `'sha256-${createHash("sha256").update(text).digest("base64")}'`;
    expect(inlineHashes(html)).toEqual({ scripts: [hash('self.__next_f.push([1,"x"])'), hash("1")], styles: [hash("b{}")] });
  });
});
