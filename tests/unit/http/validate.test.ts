/** Request parsing: bodies, If-Match, same-origin checks, and the errors they raise. */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError } from "@/lib/domain/errors";
import { assertSameOrigin } from "@/lib/http/same-origin";
import { assertJsonOrNoBody, etagOf, parseBody, parseIdempotencyKey, parseIfMatch } from "@/lib/http/validate";
import { createRateLimiter } from "@/lib/services/rate-limit";

const schema = z.object({ name: z.string(), nested: z.object({ count: z.number() }).strict() }).strict();

function post(body: string, headers: Record<string, string> = { "content-type": "application/json" }) {
  return new Request("http://app.test/api/x", { method: "POST", body, headers });
}

async function failure(run: () => Promise<unknown> | unknown): Promise<AppError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected an AppError");
}

describe("parseBody", () => {
  it("parses JSON with the schema", async () => {
    expect(await parseBody(post('{"name":"a","nested":{"count":1}}'), schema)).toEqual({ name: "a", nested: { count: 1 } });
  });

  it("names the field of the first problem, nested ones with dots", async () => {
    expect(await failure(() => parseBody(post('{"name":"a","nested":{"count":"1"}}'), schema))).toMatchObject({ code: "invalid_input", field: "nested.count" });
  });

  it("names an unknown key itself", async () => {
    expect(await failure(() => parseBody(post('{"name":"a","nested":{"count":1,"extra":2}}'), schema))).toMatchObject({ code: "invalid_input", field: "nested.extra" });
  });

  it("refuses broken JSON, other media types and oversized bodies", async () => {
    expect((await failure(() => parseBody(post("{"), schema))).code).toBe("invalid_input");
    expect((await failure(() => parseBody(post("{}", { "content-type": "text/plain" }), schema))).code).toBe("unsupported_media_type");
    expect((await failure(() => parseBody(post(JSON.stringify({ name: "x".repeat(200) })), schema, 100))).code).toBe("too_large");
  });
});

describe("parseIfMatch", () => {
  const withIfMatch = (value?: string) => new Request("http://app.test/", { headers: value === undefined ? {} : { "if-match": value } });

  it("reads strong ETags as versions, * as any, and nothing as no precondition", () => {
    expect(parseIfMatch(withIfMatch())).toBeUndefined();
    expect(parseIfMatch(withIfMatch("*"))).toBe("*");
    expect(parseIfMatch(withIfMatch('"3", "4"'))).toEqual([3, 4]);
    expect(etagOf(7)).toBe('"7"');
  });

  it("matches nothing for weak or foreign tags", () => {
    expect(parseIfMatch(withIfMatch('W/"3"'))).toEqual([]);
    expect(parseIfMatch(withIfMatch('"abc"'))).toEqual([]);
    expect(parseIfMatch(withIfMatch("3"))).toEqual([]);
  });
});

describe("parseIdempotencyKey", () => {
  const withKey = (value?: string) => new Request("http://app.test/api/x", { method: "POST", headers: value === undefined ? {} : { "idempotency-key": value } });

  it("reads a bare key and a structured-field string, and nothing without the header", () => {
    expect(parseIdempotencyKey(withKey())).toBeUndefined();
    expect(parseIdempotencyKey(withKey("8e03978e-40d5-43e8-bc93-6894a57f9324"))).toBe("8e03978e-40d5-43e8-bc93-6894a57f9324");
    expect(parseIdempotencyKey(withKey('"a key with \\"quotes\\""'))).toBe('a key with "quotes"');
  });

  it("refuses an empty, overlong or non-ASCII key, naming the header", async () => {
    for (const bad of ["", '""', "x".repeat(256), "\u00e9t\u00e9"]) {
      expect(await failure(() => parseIdempotencyKey(withKey(bad)))).toMatchObject({ code: "invalid_input", field: "idempotency-key" });
    }
    expect(parseIdempotencyKey(withKey("x".repeat(255)))).toHaveLength(255);
  });
});

describe("assertSameOrigin", () => {
  const request = (headers: Record<string, string>) => new Request("http://app.test/api/x", { method: "POST", headers: { host: "app.test", ...headers } });

  it("lets through a request from the same host, and one without a cookie that names no origin", () => {
    expect(() => assertSameOrigin(request({ cookie: "s=1", origin: "http://app.test" }))).not.toThrow();
    expect(() => assertSameOrigin(request({ cookie: "s=1", origin: "http://app.test", "sec-fetch-site": "same-origin" }))).not.toThrow();
    expect(() => assertSameOrigin(request({ cookie: "s=1", referer: "http://app.test/briefs/x" }))).not.toThrow();
    expect(() => assertSameOrigin(request({}))).not.toThrow();
  });

  // X-Forwarded-* reach the app only as scripts/serve.mjs settled them (from a TRUST_PROXY proxy, or the socket).
  it("accepts the scheme and host a trusted proxy in front forwarded", () => {
    expect(() =>
      assertSameOrigin(request({ cookie: "s=1", host: "127.0.0.1:3000", "x-forwarded-host": "reader.example.org", "x-forwarded-proto": "https", origin: "https://reader.example.org" })),
    ).not.toThrow();
  });

  it("compares scheme, host and port, not the host alone", async () => {
    // Over http, an Origin naming https is another origin (and the reverse).
    expect(await failure(() => assertSameOrigin(request({ cookie: "s=1", origin: "https://app.test" })))).toMatchObject({ code: "forbidden", field: "origin" });
    expect(await failure(() => assertSameOrigin(request({ cookie: "s=1", origin: "http://app.test", "x-forwarded-proto": "https" })))).toMatchObject({ code: "forbidden" });
    expect(await failure(() => assertSameOrigin(request({ cookie: "s=1", origin: "http://app.test:8080" })))).toMatchObject({ code: "forbidden" });
    expect(await failure(() => assertSameOrigin(request({ cookie: "s=1", referer: "https://app.test/briefs/x" })))).toMatchObject({ code: "forbidden" });
    // A default port written out is the same origin.
    expect(() => assertSameOrigin(request({ cookie: "s=1", origin: "http://app.test:80" }))).not.toThrow();
  });

  it("refuses another origin, signed in or not", async () => {
    expect(await failure(() => assertSameOrigin(request({ cookie: "s=1", origin: "http://evil.test" })))).toMatchObject({ code: "forbidden", field: "origin" });
    expect(await failure(() => assertSameOrigin(request({ origin: "http://evil.test" })))).toMatchObject({ code: "forbidden", field: "origin" });
    expect(await failure(() => assertSameOrigin(request({ origin: "http://sub.app.test" })))).toMatchObject({ code: "forbidden" });
  });

  it("refuses what the browser marks cross-site or same-site, whatever the Origin says", async () => {
    for (const site of ["cross-site", "same-site"]) {
      expect(await failure(() => assertSameOrigin(request({ origin: "http://app.test", "sec-fetch-site": site })))).toMatchObject({ code: "forbidden", field: "origin" });
    }
  });

  it("refuses a signed-in request that names no origin", async () => {
    expect(await failure(() => assertSameOrigin(request({ cookie: "s=1" })))).toMatchObject({ code: "forbidden", field: "origin" });
    expect(await failure(() => assertSameOrigin(request({ cookie: "s=1", origin: "null" })))).toMatchObject({ code: "forbidden" });
  });
});

describe("assertJsonOrNoBody", () => {
  const request = (headers: Record<string, string>, body?: string) => new Request("http://app.test/api/x", { method: "DELETE", headers, body });

  it("lets through no body at all, and a JSON one", () => {
    expect(() => assertJsonOrNoBody(request({}))).not.toThrow();
    expect(() => assertJsonOrNoBody(request({ "content-type": "application/json; charset=utf-8" }, "{}"))).not.toThrow();
  });

  it("refuses a form post, text, or a body of no stated type with 415", async () => {
    expect(await failure(() => assertJsonOrNoBody(request({ "content-type": "application/x-www-form-urlencoded" }, "a=1")))).toMatchObject({ code: "unsupported_media_type", field: "content-type" });
    expect(await failure(() => assertJsonOrNoBody(request({ "content-type": "multipart/form-data; boundary=x" }, "--x--")))).toMatchObject({ code: "unsupported_media_type" });
    expect(await failure(() => assertJsonOrNoBody(request({ "content-type": "text/plain" }, "{}")))).toMatchObject({ code: "unsupported_media_type" });
    expect(await failure(() => assertJsonOrNoBody(request({ "content-length": "3" })))).toMatchObject({ code: "unsupported_media_type" });
  });
});

describe("createRateLimiter", () => {
  it("allows `limit` hits in any window per key, then says when to retry", () => {
    let now = 1_000_000;
    const limiter = createRateLimiter({ limit: 3, windowMs: 60_000, now: () => now });
    expect([1, 2, 3].map(() => limiter.take("a").allowed)).toEqual([true, true, true]);
    expect(limiter.take("a")).toEqual({ allowed: false, retryAfterSeconds: 60 });
    expect(limiter.take("b").allowed).toBe(true);
    now += 30_000;
    expect(limiter.take("a")).toEqual({ allowed: false, retryAfterSeconds: 30 });
    now += 30_001;
    expect(limiter.take("a").allowed).toBe(true);
  });
});
