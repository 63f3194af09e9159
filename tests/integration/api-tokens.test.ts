/**
 * Personal API tokens over real HTTP: made and revoked from a signed-in session, used as a
 * Bearer token on the protocol container and the app's annotations API, shown once, stored
 * only as a hash (checked in the database file itself), refused once revoked or expired.
 */
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createPrismaClient } from "@/lib/database/prisma";
import type { ApiTokenSummary } from "@/lib/domain/api-token";
import type { WebAnnotation } from "@/lib/w3c/web-annotation";
import { TestClient, uniqueEmail } from "../support/http-client";

const baseURL = inject("baseURL");
const appEnv = inject("appEnv");
const slug = "japan-quasi-alliance";
const ANNO_TYPE = 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"';
// The server's own database, to see what is stored (absent when testing a running server).
const databaseUrl = appEnv.DATABASE_URL ?? "";
const database = databaseUrl ? createPrismaClient(databaseUrl) : null;

interface ErrorBody {
  error: { code: string; message: string; field?: string };
}
interface Created {
  token: ApiTokenSummary;
  secret: string;
}

let alice: TestClient;
let bob: TestClient;

const annotation = (body: string) => ({
  "@context": "http://www.w3.org/ns/anno.jsonld",
  type: "Annotation",
  body: { type: "TextualBody", value: body, purpose: "commenting" },
  target: { source: `${baseURL}/briefs/${slug}`, selector: { type: "TextQuoteSelector", exact: "준동맹" } },
});

/** A request with a bearer token and nothing else: no cookie, no Origin, as a script sends it. */
function withToken(secret: string, path: string, init: RequestInit = {}) {
  return fetch(`${baseURL}${path}`, { ...init, headers: { authorization: `Bearer ${secret}`, ...(init.headers as Record<string, string>) } });
}

async function makeToken(client: TestClient, name: string, extra: Record<string, unknown> = {}): Promise<Created> {
  const response = await client.post<Created>("/api/account/tokens", { name, ...extra });
  if (response.status !== 201) throw new Error(`token not made: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

async function row(id: string): Promise<Record<string, unknown>> {
  const stored = await database?.apiToken.findUnique({ where: { id } });
  if (!stored) throw new Error(`no ApiToken row ${id}`);
  return stored;
}

afterAll(async () => {
  await database?.$disconnect();
});

beforeAll(async () => {
  alice = await new TestClient(baseURL).signUp("앨리스", uniqueEmail("token-alice"));
  bob = await new TestClient(baseURL).signUp("Bob", uniqueEmail("token-bob"));
});

describe("making and listing tokens", () => {
  it("answers 201 with the secret once; the list never shows it again", async () => {
    const created = await makeToken(alice, "  Zotero on my laptop ");
    expect(created.secret).toMatch(/^brt_[A-Za-z0-9_-]{43}$/);
    expect(created.token).toMatchObject({ name: "Zotero on my laptop", prefix: created.secret.slice(0, 12), lastUsedAt: null, expiresAt: null, expired: false });
    const list = await alice.get<ApiTokenSummary[]>("/api/account/tokens");
    expect(list.status).toBe(200);
    expect(list.headers.get("cache-control")).toContain("no-store");
    expect(list.body.map((token) => token.id)).toContain(created.token.id);
    const text = JSON.stringify(list.body);
    expect(text).not.toContain(created.secret);
    expect(text).not.toContain(created.secret.slice(12));
  });

  it.skipIf(!database)("stores only the secret's SHA-256, never the secret", async () => {
    const created = await makeToken(alice, "hashed");
    const stored = await row(created.token.id);
    expect(stored.hash).toBe(createHash("sha256").update(created.secret).digest("hex"));
    expect(stored.prefix).toBe(created.secret.slice(0, 12));
    for (const value of Object.values(stored)) expect(String(value)).not.toContain(created.secret.slice(12));
    // Nor anywhere else in the database file's tables that could hold text.
    const users = await database?.user.findMany();
    expect(JSON.stringify(users)).not.toContain(created.secret.slice(12));
  });

  it("keeps each user's tokens their own: another user neither lists nor revokes them", async () => {
    const created = await makeToken(alice, "mine");
    const theirs = await bob.get<ApiTokenSummary[]>("/api/account/tokens");
    expect(theirs.body.map((token) => token.id)).not.toContain(created.token.id);
    const revoke = await bob.delete<ErrorBody>(`/api/account/tokens/${created.token.id}`);
    expect(revoke.status).toBe(404);
    expect((await withToken(created.secret, "/annotations/")).status).toBe(200);
  });

  it("refuses a bad name (400 naming it), signed-out clients (401), and cross-site requests (403)", async () => {
    const empty = await alice.post<ErrorBody>("/api/account/tokens", { name: "   " });
    expect(empty.status).toBe(400);
    expect(empty.body.error.field).toBe("name");
    const unknown = await alice.post<ErrorBody>("/api/account/tokens", { name: "x", scopes: ["all"] });
    expect(unknown.body.error.field).toBe("scopes");
    expect((await new TestClient(baseURL).get("/api/account/tokens")).status).toBe(401);
    const crossSite = await alice.post<ErrorBody>("/api/account/tokens", { name: "x" }, { origin: "https://evil.example" });
    expect(crossSite.status).toBe(403);
    expect(crossSite.body.error.field).toBe("origin");
  });

  it("does not let a token make, list or revoke tokens (403): only a browser session can", async () => {
    const created = await makeToken(alice, "no minting");
    const mint = await withToken(created.secret, "/api/account/tokens", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name: "child" }) });
    expect(mint.status).toBe(403);
    expect(((await mint.json()) as ErrorBody).error.field).toBe("authorization");
    expect((await withToken(created.secret, "/api/account/tokens")).status).toBe(403);
    expect((await withToken(created.secret, `/api/account/tokens/${created.token.id}`, { method: "DELETE" })).status).toBe(403);
  });
});

describe("using a token", () => {
  it("creates through the protocol container and reads it back, with no cookie and no Origin", async () => {
    const { secret } = await makeToken(alice, "protocol");
    const post = await withToken(secret, "/annotations/", { method: "POST", headers: { "content-type": ANNO_TYPE }, body: JSON.stringify(annotation("토큰으로 만든 노트")) });
    expect(post.status).toBe(201);
    const made = (await post.json()) as WebAnnotation;
    expect(made.creator?.name).toBe("앨리스");
    const container = await withToken(secret, `/annotations/?brief=${slug}&iris=1`, { headers: { prefer: 'return=representation;include="http://www.w3.org/ns/ldp#PreferMinimalContainer"' } });
    expect(container.status).toBe(200);
    const last = (await container.json()) as { last: string };
    const page = (await (await withToken(secret, last.last.slice(baseURL.length))).json()) as { items: string[] };
    expect(page.items).toContain(made.id);
    const one = await withToken(secret, made.id.slice(baseURL.length));
    expect(one.status).toBe(200);
    // The session sees the same annotation: the token acts as its user.
    expect((await alice.get(made.id.slice(baseURL.length))).status).toBe(200);
  });

  it("works on the app's own annotations API too (GET and a POST without Origin)", async () => {
    const { secret } = await makeToken(alice, "app api");
    const list = await withToken(secret, `/api/annotations?brief=${slug}`);
    expect(list.status).toBe(200);
    const view = (await (await fetch(`${baseURL}/api/briefs/${slug}`)).json()) as { sections: { blocks: { id: string; text: string }[] }[] };
    const blocks = view.sections.flatMap((section) => section.blocks);
    const text = blocks.map((block) => block.text).join("\n");
    const start = Array.from(text.slice(0, text.indexOf("준동맹"))).length;
    let at = 0;
    const block = blocks.find((item) => {
      const length = Array.from(item.text).length;
      const inside = start >= at && start <= at + length;
      at += length + 1;
      return inside;
    });
    const post = await withToken(secret, "/api/annotations", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ brief: slug, target: { blockId: block?.id, quote: { exact: "준동맹" }, position: { start, end: start + 3 } }, body: "API 토큰" }),
    });
    expect(post.status).toBe(201);
    expect(((await post.json()) as { author: { id: string } }).author.id).toBe(alice.user?.id);
  });

  it("refuses an unknown token with 401, even beside a valid session cookie", async () => {
    const forged = await withToken("brt_" + "A".repeat(43), "/annotations/");
    expect(forged.status).toBe(401);
    expect(forged.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect(((await forged.json()) as ErrorBody).error.field).toBe("authorization");
    const both = await fetch(`${baseURL}/api/annotations?brief=${slug}`, { headers: { authorization: "Bearer not-a-token", cookie: alice.cookieHeader() } });
    expect(both.status).toBe(401);
  });

  it.skipIf(!database)("records when a token was last used", async () => {
    const created = await makeToken(alice, "used");
    expect((await row(created.token.id)).lastUsedAt).toBeNull();
    expect((await withToken(created.secret, "/annotations/?iris=1")).status).toBe(200);
    expect((await row(created.token.id)).lastUsedAt).not.toBeNull();
    const listed = (await alice.get<ApiTokenSummary[]>("/api/account/tokens")).body.find((token) => token.id === created.token.id);
    expect(Date.parse(listed?.lastUsedAt ?? "")).not.toBeNaN();
  });

  it("stops working the moment it is revoked (401); revoking twice is 404", async () => {
    const created = await makeToken(alice, "short-lived");
    expect((await withToken(created.secret, "/annotations/")).status).toBe(200);
    const revoke = await alice.delete(`/api/account/tokens/${created.token.id}`);
    expect(revoke.status).toBe(204);
    const after = await withToken(created.secret, "/annotations/");
    expect(after.status).toBe(401);
    expect((await withToken(created.secret, "/annotations/", { method: "POST", headers: { "content-type": ANNO_TYPE }, body: JSON.stringify(annotation("x")) })).status).toBe(401);
    expect((await withToken(created.secret, `/api/annotations?brief=${slug}`)).status).toBe(401);
    expect((await alice.get<ApiTokenSummary[]>("/api/account/tokens")).body.map((token) => token.id)).not.toContain(created.token.id);
    expect((await alice.delete(`/api/account/tokens/${created.token.id}`)).status).toBe(404);
  });

  it.skipIf(!database)("stops working once expired", async () => {
    const created = await makeToken(alice, "expiring", { expiresInDays: 1 });
    expect(Date.parse(created.token.expiresAt ?? "") - Date.now()).toBeGreaterThan(23 * 3600_000);
    expect((await withToken(created.secret, "/annotations/")).status).toBe(200);
    await database?.apiToken.update({ where: { id: created.token.id }, data: { expiresAt: new Date("2020-01-01T00:00:00Z") } });
    expect((await withToken(created.secret, "/annotations/")).status).toBe(401);
    const listed = (await alice.get<ApiTokenSummary[]>("/api/account/tokens")).body.find((token) => token.id === created.token.id);
    expect(listed?.expired).toBe(true);
  });
});
