/**
 * The shared response cache of scripts/serve.mjs over real HTTP: a signed-out reader's pages and
 * JSON are rendered once per data version and locale, served with a strong ETag and answered 304
 * on revalidation; the ETag changes when the brief's text or an entity changes; cached pages keep a
 * Content-Security-Policy without 'unsafe-inline' scripts (hashes of the page's own inline scripts,
 * no shared nonce); a signed-in reader gets pages rendered for them, with a fresh nonce.
 */
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EntityInput } from "@/lib/domain/entity";
import { nonceOf } from "@/lib/http/content-security-policy";
import { TestClient, uniqueEmail } from "../support/http-client";
import { type SecondApp, startSecondApp } from "../support/second-app";

// On a server of its own: the brief and the entity changed here must not reach the other tests.
let app: SecondApp;
let baseURL: string;
let admin: TestClient;
const ADMIN_EMAIL = "admin@brief-reader.test";
const reader = "/briefs/japan-quasi-alliance";

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${baseURL}${path}`, { headers, redirect: "manual" });

/** GETs a path until it is served from the cache (the first GET after a change renders it). */
async function cached(path: string, headers: Record<string, string> = {}) {
  for (let attempt = 0; attempt < 10; attempt++) {
    const response = await get(path, headers);
    const body = await response.text();
    if (response.headers.get("x-response-cache") === "hit") return { response, body };
    await new Promise((wait) => setTimeout(wait, 50));
  }
  throw new Error(`${path} was never served from the cache`);
}

beforeAll(async () => {
  app = await startSecondApp({ ADMIN_EMAIL });
  baseURL = app.url;
  admin = new TestClient(baseURL);
  if ((await admin.signIn(ADMIN_EMAIL)) !== 200) await admin.signUp("Admin", ADMIN_EMAIL);
}, 120_000);

afterAll(async () => {
  await app?.stop();
});

describe("pages and JSON for a signed-out reader", () => {
  const paths = [reader, "/", "/agreements", "/entities/jp", "/agreements/gsomia-jp-au", "/api/briefs/japan-quasi-alliance", "/api/entities/jp", "/api/agreements/gsomia-jp-au"];

  it("are rendered once, served with a strong ETag and Last-Modified, and answered 304 on revalidation", async () => {
    for (const path of paths) {
      const first = await get(path);
      expect(first.status, path).toBe(200);
      const firstBody = await first.text();
      const { response, body } = await cached(path);
      expect(body, path).toBe(firstBody);
      const etag = response.headers.get("etag") ?? "";
      expect(etag, path).toMatch(/^"[A-Za-z0-9_-]{20,}(-gz)?"$/);
      expect(response.headers.get("cache-control"), path).toBe("private, no-cache");
      const lastModified = response.headers.get("last-modified") ?? "";
      expect(Date.parse(lastModified), path).not.toBeNaN();

      const revalidated = await get(path, { "if-none-match": etag });
      expect(revalidated.status, path).toBe(304);
      expect(revalidated.headers.get("etag"), path).toBe(etag);
      expect(await revalidated.text(), path).toBe("");
      expect((await get(path, { "if-modified-since": lastModified })).status, path).toBe(304);
      const other = await get(path, { "if-none-match": '"something-else"' });
      expect(other.status, path).toBe(200);
      expect(await other.text(), path).toBe(firstBody);
    }
  });

  it("gzip the stored bytes once (another ETag for them) and answer HEAD without a body", async () => {
    const plain = await cached(reader, { "accept-encoding": "identity" });
    const gzip = await cached(reader, { "accept-encoding": "gzip" });
    expect(plain.response.headers.get("content-encoding")).toBeNull();
    expect(gzip.response.headers.get("content-encoding")).toBe("gzip");
    expect(gzip.body).toBe(plain.body);
    expect(gzip.response.headers.get("etag")).toBe(`${(plain.response.headers.get("etag") ?? "").slice(0, -1)}-gz"`);
    const head = await fetch(`${baseURL}${reader}`, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe("");
  });

  it("keep a policy that runs only the page's own inline scripts (their hashes) and the app's own files", async () => {
    for (const path of [reader, "/", "/agreements", "/entities/jp"]) {
      const { response, body } = await cached(path);
      const policy = response.headers.get("content-security-policy") ?? "";
      const scriptSrc = /script-src ([^;]*)/.exec(policy)?.[1] ?? "";
      expect(scriptSrc, path).not.toContain("unsafe-inline");
      expect(scriptSrc, path).not.toContain("unsafe-eval");
      expect(nonceOf(policy), path).toBeUndefined();
      expect(policy, path).not.toContain("inline-script-hashes");
      expect(policy, path).not.toContain("inline-style-hashes");
      expect(policy, path).toContain("frame-ancestors 'none'");
      const inline = [...body.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)].filter((match) => !/\bsrc=/.test(match[1]));
      expect(inline.length, path).toBeGreaterThan(0);
      for (const [, attributes, text] of inline) {
        expect(attributes, path).not.toContain("nonce");
        expect(scriptSrc, path).toContain(`'sha256-${createHash("sha256").update(text).digest("base64")}'`);
      }
    }
  });

  it("are kept per language (the lang cookie), and anything but a plain signed-out GET goes to Next", async () => {
    const korean = await cached(reader);
    const english = await cached(reader, { cookie: "lang=en" });
    expect(korean.body).toContain('<html lang="ko"');
    expect(english.body).toContain('<html lang="en"');
    expect(english.response.headers.get("etag")).not.toBe(korean.response.headers.get("etag"));
    const others: Record<string, string>[] = [{ cookie: "lang=en; other=1" }, { rsc: "1" }, { authorization: "Bearer nothing" }];
    for (const headers of others) {
      const response = await get(reader, headers);
      expect(response.headers.get("x-response-cache"), JSON.stringify(headers)).toBeNull();
      await response.arrayBuffer();
    }
    const withQuery = await get(`${reader}?entity=jp`);
    expect(withQuery.headers.get("x-response-cache")).toBeNull();
    expect(nonceOf(withQuery.headers.get("content-security-policy") ?? "")).toBeTruthy();
    await withQuery.arrayBuffer();
  });

  it("cannot be asked for without a nonce by a client: the render mark is removed", async () => {
    const response = await get(`${reader}?x=1`, { "x-brief-reader-shared-render": "1" });
    const policy = response.headers.get("content-security-policy") ?? "";
    expect(nonceOf(policy)).toBeTruthy();
    expect(policy).not.toContain("inline-script-hashes");
    await response.arrayBuffer();
  });
});

describe("a change to the data", () => {
  it("gives a brief's page and JSON a new ETag as soon as its text changes", async () => {
    const marker = `캐시${Date.now().toString(36)}`;
    const upload = async (line: string, slug?: string) => {
      const form = new FormData();
      const text = [`응답 캐시 시험 ${marker}`, "김연구 어느연구소 연구위원", "■ 해양 협력", `❍ ${line}`, ""].join("\n");
      form.set("file", new Blob([new TextEncoder().encode(text)]), "brief.txt");
      form.set("publish", "true");
      if (slug) form.set("slug", slug);
      const response = await fetch(`${baseURL}/api/briefs`, { method: "POST", body: form, headers: { origin: baseURL, "x-forwarded-for": admin.address, cookie: admin.cookieHeader() } });
      const body = (await response.json()) as { slug: string };
      expect(response.status, JSON.stringify(body)).toBe(201);
      return body.slug;
    };
    const slug = await upload("첫 판의 문장임.");
    const page = await cached(`/briefs/${slug}`);
    const json = await cached(`/api/briefs/${slug}`);
    expect(page.body).toContain("첫 판의 문장임.");
    await upload("둘째 판의 문장임.", slug);
    const after = await get(`/briefs/${slug}`);
    const afterBody = await after.text();
    expect(afterBody).toContain("둘째 판의 문장임.");
    expect(after.headers.get("etag")).not.toBe(page.response.headers.get("etag"));
    expect((await get(`/briefs/${slug}`, { "if-none-match": page.response.headers.get("etag") ?? "" })).status).toBe(200);
    const afterJson = await get(`/api/briefs/${slug}`);
    expect(await afterJson.text()).toContain("둘째 판의 문장임.");
    expect(afterJson.headers.get("etag")).not.toBe(json.response.headers.get("etag"));
  });

  it("gives the entity's page and the reader that links it a new ETag as soon as the entity changes", async () => {
    const entityPage = await cached("/entities/jp");
    const readerPage = await cached(reader);
    const current = await admin.get<{ entity: EntityInput }>("/api/entities/jp");
    const description = { ...(current.body.entity.description as Record<string, string>), ko: `응답 캐시 시험 설명 ${Date.now()}` };
    const changed = await admin.patch(`/api/entities/jp`, { description }, { "if-match": current.headers.get("etag") ?? "" });
    expect(changed.status).toBe(200);
    const after = await get("/entities/jp");
    expect(await after.text()).toContain(description.ko);
    expect(after.headers.get("etag")).not.toBe(entityPage.response.headers.get("etag"));
    const readerAfter = await get(reader, { "if-none-match": readerPage.response.headers.get("etag") ?? "" });
    expect(readerAfter.status).toBe(200);
    await readerAfter.arrayBuffer();
  });
});

describe("a signed-in reader", () => {
  it("gets pages rendered for them, with a fresh nonce, and their own parts (the library's “my notes” filter)", async () => {
    const member = await new TestClient(baseURL).signUp("캐시 독자", uniqueEmail("cache-reader"));
    const anonymous = await cached("/");
    expect(anonymous.body).not.toContain('name="mine"');
    const mine = await get("/", { cookie: member.cookieHeader() });
    expect(mine.headers.get("x-response-cache")).toBeNull();
    expect(mine.headers.get("etag")).toBeNull();
    expect(nonceOf(mine.headers.get("content-security-policy") ?? "")).toBeTruthy();
    expect(mine.headers.get("cache-control")).toContain("no-store");
    expect(await mine.text()).toContain('name="mine"');
  });
});
