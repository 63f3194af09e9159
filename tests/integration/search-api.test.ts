/**
 * GET /api/search over real HTTP: grouping and links, the 400s, who sees which notes (the same
 * rules as the annotations API), and an index that follows writes made through the API and
 * straight into the database by another process.
 */
import { createPrismaClient } from "@/lib/database/prisma";
import { beforeAll, describe, expect, inject, it } from "vitest";
import type { Annotation } from "@/lib/domain/annotation";
import type { BriefView } from "@/lib/domain/brief";
import type { NoteHit, SearchResults, SearchSnippet } from "@/lib/domain/search";
import { TestClient, uniqueEmail } from "../support/http-client";

const baseURL = inject("baseURL");
const appEnv = inject("appEnv");
const slug = "japan-quasi-alliance";
const ADMIN_EMAIL = "admin@brief-reader.test";
/** A word no brief contains, unique to this run, so notes of earlier runs never count. */
const stamp = `zq${Date.now().toString(36)}`;

interface ErrorBody {
  error: { code: string; message: string; field?: string };
}

let view: BriefView;
let blocks: Map<string, string>;
let alice: TestClient;
let bob: TestClient;
let admin: TestClient;
let anonymous: TestClient;

/** A text target on the first occurrence of `exact` (offsets in code points). */
function target(exact: string) {
  const list = view.sections.flatMap((section) => section.blocks);
  let at = 0;
  for (const block of list) {
    const units = block.text.indexOf(exact);
    if (units >= 0) {
      const start = at + Array.from(block.text.slice(0, units)).length;
      return { blockId: block.id, quote: { exact }, position: { start, end: start + Array.from(exact).length } };
    }
    at += Array.from(block.text).length + 1;
  }
  throw new Error(`not in the brief: ${exact}`);
}

beforeAll(async () => {
  view = (await (await fetch(`${baseURL}/api/briefs/${slug}`)).json()) as BriefView;
  blocks = new Map(view.sections.flatMap((section) => section.blocks).map((block) => [block.id, block.text]));
  alice = await new TestClient(baseURL).signUp("앨리스", uniqueEmail("search-alice"));
  bob = await new TestClient(baseURL).signUp("Bob", uniqueEmail("search-bob"));
  admin = new TestClient(baseURL);
  if ((await admin.signIn(ADMIN_EMAIL)) !== 200) await admin.signUp("Admin", ADMIN_EMAIL);
  anonymous = new TestClient(baseURL);
});

async function search(client: TestClient, q: string, extra = ""): Promise<SearchResults> {
  const response = await client.get<SearchResults>(`/api/search?q=${encodeURIComponent(q)}${extra}`);
  if (response.status !== 200) throw new Error(`search failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

async function create(client: TestClient, input: Record<string, unknown>): Promise<Annotation> {
  const response = await client.post<Annotation>("/api/annotations", { brief: slug, ...input });
  if (response.status !== 201) throw new Error(`create failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

const noteIds = (results: SearchResults) => (results.groups.notes?.results ?? []).map((hit) => hit.id);

function marked(snippet: SearchSnippet): string[] {
  const points = Array.from(snippet.text);
  return snippet.highlights.map((range) => points.slice(range.start, range.end).join(""));
}

describe("GET /api/search: the query", () => {
  it.each([
    ["no q", "/api/search"],
    ["an empty q", "/api/search?q="],
    ["a q of spaces", "/api/search?q=%20%20"],
    ["a q of 201 characters", `/api/search?q=${encodeURIComponent("호".repeat(201))}`],
  ])("answers 400 naming q for %s", async (_, path) => {
    const response = await anonymous.get<ErrorBody>(path);
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({ code: "invalid_input", field: "q" });
  });

  it("accepts 200 characters", async () => {
    expect((await anonymous.get(`/api/search?q=${encodeURIComponent("호".repeat(200))}`)).status).toBe(200);
  });

  it("answers 400 naming limit or brief when they are malformed, 404 for a brief that does not exist", async () => {
    expect((await anonymous.get<ErrorBody>("/api/search?q=호주&limit=0")).body.error.field).toBe("limit");
    expect((await anonymous.get<ErrorBody>("/api/search?q=호주&limit=51")).status).toBe(400);
    const bad = await anonymous.get<ErrorBody>("/api/search?q=호주&brief=Not%20A%20Slug");
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe("brief");
    const missing = await anonymous.get<ErrorBody>("/api/search?q=호주&brief=no-such-brief");
    expect(missing.status).toBe(404);
    expect(missing.body.error.field).toBe("brief");
  });

  it("is never cached", async () => {
    const response = await anonymous.get("/api/search?q=호주");
    expect(response.headers.get("cache-control")).toContain("no-store");
    expect(response.headers.get("server-timing")).toMatch(/content;dur=/);
  });
});

describe("GET /api/search: text and entities", () => {
  it("groups text, entities and (for nobody signed in) no notes", async () => {
    const results = await search(anonymous, "호주와");
    expect(results.query).toBe("호주와");
    expect(results.terms).toEqual([{ text: "호주와", stem: "호주", entities: ["au"] }]);
    expect(results.groups.notes).toBeNull();
    expect(results.groups.text.total).toBeGreaterThan(3);
    expect(results.groups.entities.results[0]).toMatchObject({ type: "entity", id: "au", match: "exact" });
    for (const hit of results.groups.text.results) {
      // Other tests may add briefs to this server while this one runs: each hit names its own.
      expect(hit.href).toBe(`/briefs/${hit.brief}#${hit.id}`);
      if (hit.type === "block" && hit.brief === slug) expect(blocks.get(hit.id)).toContain("호주");
      expect(marked(hit.snippet).every((text) => text === "호주")).toBe(true);
    }
  });

  it("finds Korean text for an English alias and marks the Korean word", async () => {
    const results = await search(anonymous, "Australia");
    expect(results.groups.entities.results[0].id).toBe("au");
    const block = results.groups.text.results.find((hit) => hit.type === "block");
    expect(block?.match).toBe("alias");
    expect(marked(block!.snippet)).toContain("호주");
  });

  it("links RAA's Japan–Philippines record to the sentence that states it, and to its page", async () => {
    const results = await search(anonymous, "RAA");
    const record = results.groups.entities.results.find((hit) => hit.id === "raa-jp-ph");
    expect(record).toMatchObject({ type: "agreement", kind: "agreement", page: "/agreements/raa-jp-ph" });
    const [path, blockId] = record!.href.split("#");
    expect(path).toBe(`/briefs/${slug}`);
    expect(blocks.get(blockId)).toContain("2024년 7월 일본과 필리핀은 RAA에 서명");
  });

  it("keeps to one brief with brief=, and to the limit", async () => {
    const results = await search(anonymous, "일본", `&brief=${slug}&limit=3`);
    expect(results.brief).toBe(slug);
    expect(results.groups.text.results).toHaveLength(3);
    expect(results.groups.text.total).toBeGreaterThan(3);
    expect(results.groups.text.results.every((hit) => hit.brief === slug)).toBe(true);
    const other = await search(anonymous, "일본", "&brief=broken-brief");
    expect(other.groups.text.results.every((hit) => hit.brief === "broken-brief")).toBe(true);
  });

  it("reads NFD input as NFC", async () => {
    const nfd = await search(anonymous, "호주와".normalize("NFD"), `&brief=${slug}`);
    expect(nfd.query).toBe("호주와");
    expect(nfd.groups.text.results.map((hit) => hit.id)).toEqual((await search(anonymous, "호주와", `&brief=${slug}`)).groups.text.results.map((hit) => hit.id));
  });
});

describe("GET /api/search: notes, as the annotations API lets each viewer see them", () => {
  it("never shows a private note of A to B, and shows it to A, with a link to its sentence", async () => {
    const secret = await create(alice, { target: target("전수방위"), body: `호주와 비밀 메모 ${stamp}a`, visibility: "private" });
    const forAlice = await search(alice, `${stamp}a`);
    expect(noteIds(forAlice)).toEqual([secret.id]);
    const hit = forAlice.groups.notes?.results[0] as NoteHit;
    expect(hit).toMatchObject({ type: "note", visibility: "private", author: { id: alice.user?.id, name: "앨리스" }, field: "body", brief: slug });
    expect(hit.href).toBe(`/briefs/${slug}?note=${secret.id}#${(secret.target as { blockId: string }).blockId}`);
    expect(marked(hit.snippet)).toEqual([`${stamp}a`]);

    const forBob = await search(bob, `${stamp}a`);
    expect(forBob.groups.notes).toEqual({ total: 0, results: [] });
    // Nor by any other word of it, nor as admin.
    expect(noteIds(await search(bob, `호주 ${stamp}a`))).toEqual([]);
    expect(noteIds(await search(admin, `${stamp}a`))).toEqual([]);
    expect((await search(anonymous, `${stamp}a`)).groups.notes).toBeNull();
  });

  it("shows a shared note to every member; hidden: to admins and its author; deleted: to nobody", async () => {
    const shared = await create(alice, { target: target("준동맹"), body: `공유 메모 ${stamp}b`, visibility: "shared" });
    for (const client of [alice, bob, admin]) expect(noteIds(await search(client, `${stamp}b`))).toEqual([shared.id]);

    const hidden = await admin.patch<Annotation>(`/api/annotations/${shared.id}`, { hidden: true });
    expect(hidden.status).toBe(200);
    expect(noteIds(await search(bob, `${stamp}b`))).toEqual([]);
    expect(noteIds(await search(admin, `${stamp}b`))).toEqual([shared.id]);
    expect(noteIds(await search(alice, `${stamp}b`))).toEqual([shared.id]);

    expect((await alice.delete(`/api/annotations/${shared.id}`)).status).toBe(200);
    for (const client of [alice, bob, admin]) expect(noteIds(await search(client, `${stamp}b`))).toEqual([]);
  });

  it("follows edits: the old words are gone, the new ones found, at once", async () => {
    const note = await create(alice, { target: target("미일동맹"), body: `처음 ${stamp}c`, visibility: "shared" });
    expect(noteIds(await search(bob, `${stamp}c`))).toEqual([note.id]);
    const edited = await alice.patch<Annotation>(`/api/annotations/${note.id}`, { body: `고친 ${stamp}d` }, { "if-match": '"1"' });
    expect(edited.status).toBe(200);
    expect(noteIds(await search(bob, `${stamp}c`))).toEqual([]);
    expect(noteIds(await search(bob, `${stamp}d`))).toEqual([note.id]);
    // Made private: gone for Bob, still Alice's.
    expect((await alice.patch(`/api/annotations/${note.id}`, { visibility: "private" })).status).toBe(200);
    expect(noteIds(await search(bob, `${stamp}d`))).toEqual([]);
    expect(noteIds(await search(alice, `${stamp}d`))).toEqual([note.id]);
  });

  it("finds notes by Korean words with particles, by tags and quotes, and by an English alias", async () => {
    const note = await create(alice, { target: target("전수방위"), body: `영국과 협력을 논의 ${stamp}e`, tags: [`태그${stamp}`], visibility: "private" });
    expect(noteIds(await search(alice, `영국 ${stamp}e`))).toEqual([note.id]);
    expect(noteIds(await search(alice, `영국과 ${stamp}e`))).toEqual([note.id]);
    expect(noteIds(await search(alice, `United Kingdom ${stamp}e`))).toEqual([note.id]);
    expect(noteIds(await search(alice, `UK ${stamp}e`))).toEqual([note.id]);
    const byTag = await search(alice, `태그${stamp}`);
    expect(noteIds(byTag)).toEqual([note.id]);
    expect(byTag.groups.notes?.results[0].field).toBe("tags");
    // The quote is searchable too: the note is found by 전수방위 with the stamp.
    const byQuote = await search(alice, `전수방위 ${stamp}e`);
    expect(noteIds(byQuote)).toEqual([note.id]);
  });

  it("links a reply to its parent's sentence and a note on an entity to the reader", async () => {
    const parent = await create(alice, { target: target("준동맹"), body: "부모", visibility: "shared" });
    const reply = await alice.post<Annotation>("/api/annotations", { parentId: parent.id, body: `답글 ${stamp}f` });
    expect(reply.status).toBe(201);
    const hit = (await search(bob, `${stamp}f`)).groups.notes?.results[0];
    expect(hit?.href).toBe(`/briefs/${slug}?note=${reply.body.id}#${(parent.target as { blockId: string }).blockId}`);
    expect(hit?.parentId).toBe(parent.id);

    const onEntity = await create(alice, { target: { entityId: "raa-jp-ph" }, body: `기록 메모 ${stamp}g`, visibility: "private" });
    const found = (await search(alice, `${stamp}g`)).groups.notes?.results[0];
    expect(found?.href).toBe(`/briefs/${slug}?note=${onEntity.id}`);
  });

  it("finds notes written straight into the database by another process, and drops those deleted there", async () => {
    if (!appEnv.DATABASE_URL) return; // a reused server (TEST_BASE_URL): its database is not ours to write
    // Through a Prisma client of this test process, on whichever database the app serves.
    const database = createPrismaClient(appEnv.DATABASE_URL);
    const id = `ext${stamp}`;
    try {
      await database.annotation.create({
        data: {
          id,
          briefSlug: slug,
          authorId: alice.user?.id as string,
          motivation: "commenting",
          visibility: "shared",
          body: `다른 프로세스 ${stamp}h`,
          tags: "[]",
          entityId: "au",
          revisionSha: view.revision,
        },
      });
      expect(noteIds(await search(bob, `${stamp}h`))).toEqual([id]);
      await database.annotation.update({ where: { id }, data: { deletedAt: new Date(), version: { increment: 1 } } });
      expect(noteIds(await search(bob, `${stamp}h`))).toEqual([]);
    } finally {
      await database.$disconnect();
    }
  });
});
