/**
 * The annotations API over real HTTP: who sees what, what is refused and how, concurrency,
 * verbatim storage, re-anchoring after a brief is revised, and persistence across a restart.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { beforeAll, describe, expect, inject, it } from "vitest";
import type { Annotation } from "@/lib/domain/annotation";
import type { BriefView } from "@/lib/domain/brief";
import { TestClient, uniqueEmail } from "../support/http-client";
import { TEST_BRIEF_SOURCE, waitForBriefText, writeTestBrief } from "../support/test-brief";
import { freePort } from "../support/app-process";

const baseURL = inject("baseURL");
const slug = "japan-quasi-alliance";
const ADMIN_EMAIL = "admin@brief-reader.test";

interface ErrorBody {
  error: { code: string; message: string; field?: string };
}

/** The brief's plain text as the API defines it (blocks joined by "\n"), to make targets from. */
async function briefText(brief = slug) {
  const view = (await (await fetch(`${baseURL}/api/briefs/${brief}`)).json()) as BriefView;
  const blocks = view.sections.flatMap((section) => section.blocks);
  const text = blocks.map((block) => block.text).join("\n");
  const starts: { id: string; start: number; end: number }[] = [];
  let at = 0;
  for (const block of blocks) {
    const length = Array.from(block.text).length;
    starts.push({ id: block.id, start: at, end: at + length });
    at += length + 1;
  }
  /** A text target for the first occurrence of `exact` (offsets in code points). */
  const target = (exact: string) => {
    const units = text.indexOf(exact);
    if (units < 0) throw new Error(`not in the brief: ${exact}`);
    const start = Array.from(text.slice(0, units)).length;
    const end = start + Array.from(exact).length;
    const block = starts.find((item) => start >= item.start && start <= item.end);
    return { blockId: block?.id as string, quote: { exact }, position: { start, end } };
  };
  return { view, text, target };
}

let alice: TestClient;
let bob: TestClient;
let admin: TestClient;
let anonymous: TestClient;
let target: Awaited<ReturnType<typeof briefText>>["target"];
let revision: string;

beforeAll(async () => {
  const brief = await briefText();
  target = brief.target;
  revision = brief.view.revision;
  alice = await new TestClient(baseURL).signUp("앨리스", uniqueEmail("alice"));
  bob = await new TestClient(baseURL).signUp("Bob", uniqueEmail("bob"));
  admin = new TestClient(baseURL);
  // Signed up once per server: on a reused server (TEST_BASE_URL) the account already exists.
  if ((await admin.signIn(ADMIN_EMAIL)) !== 200) await admin.signUp("Admin", ADMIN_EMAIL);
  anonymous = new TestClient(baseURL);
});

async function create(client: TestClient, input: Record<string, unknown>) {
  const response = await client.post<Annotation>("/api/annotations", { brief: slug, ...input });
  if (response.status !== 201) throw new Error(`create failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

describe("POST /api/annotations", () => {
  it("makes a highlight on a span of the brief: 201 with the annotation, its ETag and Location", async () => {
    const response = await alice.post<Annotation>("/api/annotations", { brief: slug, target: target("2022년 1월 발효된 일호 RAA"), color: "#FFD400" });
    expect(response.status).toBe(201);
    const annotation = response.body;
    expect(annotation).toMatchObject({
      brief: slug,
      motivation: "highlighting",
      visibility: "private",
      body: "",
      tags: [],
      parentId: null,
      author: { id: alice.user?.id, name: "앨리스" },
      edited: false,
      deleted: false,
      hidden: false,
      color: "#ffd400",
      version: 1,
      anchor: { status: "exact", score: 1, revision },
    });
    expect(annotation.target).toMatchObject({ quote: { exact: "2022년 1월 발효된 일호 RAA" }, position: target("2022년 1월 발효된 일호 RAA").position });
    // The context is filled in from the text: 32 code points each side.
    const quote = (annotation.target as { quote: { prefix: string; suffix: string } }).quote;
    expect(Array.from(quote.prefix)).toHaveLength(32);
    expect(quote.suffix.startsWith("는 양국 군대가")).toBe(true);
    expect(response.headers.get("etag")).toBe('"1"');
    expect(response.headers.get("location")).toBe(`/api/annotations/${annotation.id}`);
    expect(Date.parse(annotation.created)).not.toBeNaN();
  });

  it("makes a note on an entity, and a comment defaults to commenting", async () => {
    const note = await create(alice, { target: { entityId: "raa-jp-gb" }, body: "영일 RAA 메모" });
    expect(note).toMatchObject({ motivation: "commenting", target: { entityId: "raa-jp-gb" }, anchor: null });
  });

  it("stores 50 notes created in parallel, exactly 50", async () => {
    const writer = await new TestClient(baseURL).signUp("Parallel", uniqueEmail("parallel"));
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, index) =>
        writer.post<Annotation>("/api/annotations", { brief: slug, target: target("준동맹"), body: `note ${index}`, tags: [`n${index}`] }),
      ),
    );
    expect(responses.map((response) => response.status)).toEqual(Array(50).fill(201));
    const list = await writer.get<Annotation[]>(`/api/annotations?brief=${slug}`);
    const mine = list.body.filter((annotation) => annotation.author.id === writer.user?.id);
    expect(mine).toHaveLength(50);
    expect(new Set(mine.map((annotation) => annotation.id)).size).toBe(50);
    expect(new Set(mine.map((annotation) => annotation.body))).toEqual(new Set(Array.from({ length: 50 }, (_, index) => `note ${index}`)));
  });

  const xss = [
    "<script>alert(document.cookie)</script>",
    '<img src=x onerror="alert(1)">',
    "<svg/onload=alert(1)>",
    "[click me](javascript:alert(1))",
    '<a href="javascript:alert(1)">link</a>',
    "<iframe src=\"data:text/html,<script>alert(1)</script>\"></iframe>",
    '"><script>alert(1)</script>',
    "<body onload=alert(1)>",
    "![x](x \"onerror=alert(1)\")",
    "<style>@import 'javascript:alert(1)';</style>",
    // Control characters other than U+0000 (which PostgreSQL cannot store, refused below).
    "\u0001\u001b[31m\u202e 제어 문자와 RTL \ud83d\ude00 e\u0301 NFD는 NFC로",
    "  앞뒤 공백과\r\n줄바꿈\t탭  ",
  ];

  it("stores Markdown and HTML bodies verbatim (NFC, as all stored text), including script and javascript: payloads", async () => {
    for (const sent of xss) {
      // Decomposed text is stored composed (lib/text/stored-text.ts); every other byte as sent.
      const body = sent.normalize("NFC");
      const created = await create(alice, { target: target("전수방위"), body: sent, motivation: "commenting", visibility: "shared" });
      expect(created.body).toBe(body);
      const read = await bob.get<Annotation>(`/api/annotations/${created.id}`);
      expect(read.status).toBe(200);
      expect(read.headers.get("content-type")).toContain("application/json");
      expect(Buffer.from(read.body.body, "utf8").equals(Buffer.from(body, "utf8"))).toBe(true);
    }
  });

  it("accepts a body of 20,000 characters counted in code points, and refuses 20,001 with 413 naming body", async () => {
    const emoji = "😀".repeat(20_000); // 40,000 UTF-16 units, 20,000 code points
    const accepted = await alice.post<Annotation>("/api/annotations", { brief: slug, target: target("전수방위"), body: emoji });
    expect(accepted.status).toBe(201);
    expect(accepted.body.body).toBe(emoji);
    const refused = await alice.post<ErrorBody>("/api/annotations", { brief: slug, target: target("전수방위"), body: "가".repeat(20_001) });
    expect(refused.status).toBe(413);
    expect(refused.body.error).toMatchObject({ code: "too_large", field: "body" });
  });

  it("refuses a request body over a megabyte with 413 before reading it all", async () => {
    const response = await alice.request<ErrorBody>("POST", "/api/annotations", {
      raw: JSON.stringify({ brief: slug, body: "x".repeat(1_100_000) }),
      headers: { "content-type": "application/json" },
    });
    expect(response.status).toBe(413);
  });

  const invalid: [string, Record<string, unknown>, string][] = [
    ["no brief", { brief: undefined, target: { entityId: "jp" } }, "brief"],
    ["an unknown brief", { brief: "no-such-brief", target: { entityId: "jp" } }, "brief"],
    ["a malformed brief slug", { brief: "../etc", target: { entityId: "jp" } }, "brief"],
    ["no target", {}, "target"],
    ["an unknown motivation", { target: { entityId: "jp" }, motivation: "liking" }, "motivation"],
    ["an unknown visibility", { target: { entityId: "jp" }, visibility: "public" }, "visibility"],
    ["an unknown field", { target: { entityId: "jp" }, colour: "#ffffff" }, "colour"],
    ["a bad colour", { target: { entityId: "jp" }, color: "red; background:url(x)" }, "color"],
    ["a non-string body", { target: { entityId: "jp" }, body: 42 }, "body"],
    ["an empty tag", { target: { entityId: "jp" }, tags: ["ok", "  "] }, "tags.1"],
    ["too many tags", { target: { entityId: "jp" }, tags: Array.from({ length: 21 }, (_, index) => `t${index}`) }, "tags"],
    ["a comment without a body", { target: { entityId: "jp" }, motivation: "commenting" }, "body"],
    ["tagging without tags", { target: { entityId: "jp" }, motivation: "tagging" }, "tags"],
    ["an unknown entity", { target: { entityId: "no-such-entity" } }, "target.entityId"],
    ["an entity target with a quote", { target: { entityId: "jp", quote: { exact: "x" } } }, "target.quote"],
    ["a text target without a position", { target: { blockId: "c-x", quote: { exact: "일본" } } }, "target.position"],
    ["a position that ends before it starts", { target: { blockId: "c-x", quote: { exact: "일본" }, position: { start: 5, end: 2 } } }, "target.position.end"],
    ["a negative offset", { target: { blockId: "c-x", quote: { exact: "일본" }, position: { start: -1, end: 2 } } }, "target.position.start"],
    ["an empty quote", { target: { blockId: "c-x", quote: { exact: "" }, position: { start: 0, end: 2 } } }, "target.quote.exact"],
    ["a reply that is not a reply", { parentId: "no-such-annotation", body: "답글" }, "parentId"],
    // U+0000 cannot be stored by PostgreSQL; every provider refuses it alike.
    ["a NUL character in the body", { target: { entityId: "jp" }, body: "앞\u0000뒤" }, "body"],
    ["a NUL character in a tag", { target: { entityId: "jp" }, tags: ["a\u0000b"] }, "tags.0"],
    ["a NUL character in a quote", { target: { blockId: "c-x", quote: { exact: "일\u0000본" }, position: { start: 0, end: 3 } } }, "target.quote.exact"],
    ["a NUL character in a parent id", { parentId: "x\u0000", body: "답글" }, "parentId"],
  ];

  for (const [what, input, field] of invalid) {
    it(`refuses ${what} with 400 naming ${field}`, async () => {
      const response = await alice.post<ErrorBody>("/api/annotations", { brief: slug, ...input });
      expect(response.status).toBe(400);
      expect(response.body.error).toMatchObject({ code: "invalid_input", field });
    });
  }

  it("refuses a quote that does not match the text at the position, naming target.quote", async () => {
    const good = target("2022년 1월 발효된 일호 RAA");
    const response = await alice.post<ErrorBody>("/api/annotations", { brief: slug, target: { ...good, quote: { exact: "2022년 1월 서명된 일호 RAA" } } });
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({ code: "invalid_input", field: "target.quote" });
  });

  it("refuses a position past the end of the text, naming target.position", async () => {
    const response = await alice.post<ErrorBody>("/api/annotations", { brief: slug, target: { blockId: "c-x", quote: { exact: "일본" }, position: { start: 999_998, end: 1_000_000 } } });
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({ field: "target.position" });
  });

  it("refuses a prefix that is not the text before the quote, and a block that is not where it starts", async () => {
    const good = target("2022년 1월 발효된 일호 RAA");
    const prefix = await alice.post<ErrorBody>("/api/annotations", { brief: slug, target: { ...good, quote: { exact: good.quote.exact, prefix: "엉뚱한 앞 문맥" } } });
    expect(prefix.body.error).toMatchObject({ code: "invalid_input", field: "target.quote.prefix" });
    const block = await alice.post<ErrorBody>("/api/annotations", { brief: slug, target: { ...good, blockId: target("전수방위").blockId } });
    expect(block.body.error).toMatchObject({ code: "invalid_input", field: "target.blockId" });
  });

  it("refuses JSON that does not parse with 400, and another content type with 415", async () => {
    const broken = await alice.request<ErrorBody>("POST", "/api/annotations", { raw: "{not json", headers: { "content-type": "application/json" } });
    expect(broken.status).toBe(400);
    expect(broken.body.error.code).toBe("invalid_input");
    const form = await alice.request<ErrorBody>("POST", "/api/annotations", { raw: "brief=x", headers: { "content-type": "application/x-www-form-urlencoded" } });
    expect(form.status).toBe(415);
    expect(form.body.error.field).toBe("content-type");
  });

  it("answers 401 to anyone not signed in, before looking at the input", async () => {
    const response = await anonymous.post<ErrorBody>("/api/annotations", { brief: slug, target: { entityId: "jp" } });
    expect(response.status).toBe(401);
    expect(response.body.error.code).toBe("unauthorized");
    expect((await anonymous.post<ErrorBody>("/api/annotations", { nonsense: true })).status).toBe(401);
  });

  it("refuses a signed-in write from another site's origin with 403", async () => {
    const response = await alice.post<ErrorBody>("/api/annotations", { brief: slug, target: { entityId: "jp" } }, { origin: "http://evil.example" });
    expect(response.status).toBe(403);
    expect(response.body.error).toMatchObject({ code: "forbidden", field: "origin" });
  });
});

describe("who sees what", () => {
  let privateNote: Annotation;
  let sharedNote: Annotation;

  beforeAll(async () => {
    privateNote = await create(alice, { target: target("미일동맹"), body: "나만 보는 메모", visibility: "private" });
    sharedNote = await create(alice, { target: target("미일동맹"), body: "모두와 나누는 메모", visibility: "shared" });
  });

  const cases: [string, () => TestClient, { private: number; shared: number }][] = [
    ["its author", () => alice, { private: 200, shared: 200 }],
    ["another member", () => bob, { private: 404, shared: 200 }],
    ["an admin", () => admin, { private: 404, shared: 200 }],
    ["an anonymous reader", () => anonymous, { private: 401, shared: 401 }],
  ];

  for (const [who, client, expected] of cases) {
    it(`gives ${who} private → ${expected.private}, shared → ${expected.shared} by id, and the same in the list`, async () => {
      for (const [kind, note] of [
        ["private", privateNote],
        ["shared", sharedNote],
      ] as const) {
        const byId = await client().get<Annotation | ErrorBody>(`/api/annotations/${note.id}`);
        expect(byId.status, `${kind} by id`).toBe(expected[kind]);
        if (expected[kind] === 404) expect((byId.body as ErrorBody).error).toMatchObject({ code: "not_found", field: "id" });
        const list = await client().get<Annotation[] | ErrorBody>(`/api/annotations?brief=${slug}`);
        if (expected[kind] === 401) {
          expect(list.status).toBe(401);
          continue;
        }
        expect(list.status).toBe(200);
        const ids = (list.body as Annotation[]).map((annotation) => annotation.id);
        expect(ids.includes(note.id), `${kind} in the list`).toBe(expected[kind] === 200);
      }
    });
  }

  it("answers an unknown id exactly as it answers someone else's private annotation", async () => {
    const unknown = await bob.get<ErrorBody>("/api/annotations/does-not-exist");
    const hidden = await bob.get<ErrorBody>(`/api/annotations/${privateNote.id}`);
    expect(unknown.status).toBe(404);
    expect(hidden.status).toBe(404);
    expect(hidden.body.error.code).toBe(unknown.body.error.code);
    expect(Object.keys(hidden.body.error).sort()).toEqual(Object.keys(unknown.body.error).sort());
  });

  it("lists nothing private of others, even to an admin", async () => {
    for (const client of [bob, admin]) {
      const list = await client.get<Annotation[]>(`/api/annotations?brief=${slug}`);
      expect(list.body.every((annotation) => annotation.visibility === "shared" || annotation.author.id === client.user?.id)).toBe(true);
    }
  });

  it("answers a list for an unknown brief with 404 naming brief, and a missing brief with 400", async () => {
    const unknown = await alice.get<ErrorBody>("/api/annotations?brief=no-such-brief");
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.field).toBe("brief");
    const missing = await alice.get<ErrorBody>("/api/annotations");
    expect(missing.status).toBe(400);
    expect(missing.body.error.field).toBe("brief");
  });
});

describe("changing and deleting", () => {
  it("lets the author edit, which sets edited and a new ETag, and keeps target and author", async () => {
    const note = await create(alice, { target: target("전수방위"), body: "처음", visibility: "shared" });
    const response = await alice.patch<Annotation>(`/api/annotations/${note.id}`, { body: "고침 **굵게**", tags: ["안보", "안보", " 일본 "] }, { "if-match": '"1"' });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ body: "고침 **굵게**", tags: ["안보", "일본"], edited: true, version: 2, target: note.target, author: note.author });
    expect(response.headers.get("etag")).toBe('"2"');
    expect(Date.parse(response.body.modified)).toBeGreaterThanOrEqual(Date.parse(note.modified));
  });

  it("answers a stale If-Match with 412 and changes nothing; without If-Match the change proceeds", async () => {
    const note = await create(alice, { target: target("전수방위"), body: "v1" });
    expect((await alice.patch(`/api/annotations/${note.id}`, { body: "v2" }, { "if-match": '"1"' })).status).toBe(200);
    const stale = await alice.patch<ErrorBody>(`/api/annotations/${note.id}`, { body: "lost update" }, { "if-match": '"1"' });
    expect(stale.status).toBe(412);
    expect(stale.body.error.code).toBe("precondition_failed");
    const weak = await alice.patch<ErrorBody>(`/api/annotations/${note.id}`, { body: "weak" }, { "if-match": 'W/"2"' });
    expect(weak.status).toBe(412);
    expect((await alice.get<Annotation>(`/api/annotations/${note.id}`)).body.body).toBe("v2");
    const blind = await alice.patch<Annotation>(`/api/annotations/${note.id}`, { body: "v3" });
    expect(blind.status).toBe(200);
    expect(blind.body).toMatchObject({ body: "v3", version: 3 });
    const staleDelete = await alice.delete<ErrorBody>(`/api/annotations/${note.id}`, { "if-match": '"2"' });
    expect(staleDelete.status).toBe(412);
    expect((await alice.delete(`/api/annotations/${note.id}`, { "if-match": '"3"' })).status).toBe(200);
  });

  it("soft-deletes: gone for others, kept for its author, restored with PATCH {deleted:false}", async () => {
    const note = await create(alice, { target: target("전수방위"), body: "지울 메모", visibility: "shared" });
    const deleted = await alice.delete<Annotation>(`/api/annotations/${note.id}`);
    expect(deleted.status).toBe(200);
    expect(deleted.body).toMatchObject({ id: note.id, deleted: true, body: "지울 메모" });
    expect((await bob.get(`/api/annotations/${note.id}`)).status).toBe(404);
    const listed = async (client: TestClient, query = "") => (await client.get<Annotation[]>(`/api/annotations?brief=${slug}${query}`)).body.some((item) => item.id === note.id);
    expect(await listed(bob)).toBe(false);
    expect(await listed(alice)).toBe(false);
    expect(await listed(alice, "&include=deleted")).toBe(true);
    expect(await listed(bob, "&include=deleted")).toBe(false);
    expect((await alice.get<Annotation>(`/api/annotations/${note.id}`)).body.deleted).toBe(true);
    expect((await bob.patch<ErrorBody>(`/api/annotations/${note.id}`, { deleted: false })).status).toBe(404);
    const restored = await alice.patch<Annotation>(`/api/annotations/${note.id}`, { deleted: false });
    expect(restored.status).toBe(200);
    expect(restored.body).toMatchObject({ deleted: false, body: "지울 메모", edited: false });
    expect(await listed(bob)).toBe(true);
  });

  it("answers 403 when a member changes or deletes someone else's shared annotation, 404 for a private one", async () => {
    const shared = await create(alice, { target: target("전수방위"), body: "공유", visibility: "shared" });
    const own = await create(alice, { target: target("전수방위"), body: "비공개" });
    const edit = await bob.patch<ErrorBody>(`/api/annotations/${shared.id}`, { body: "바꿔치기" });
    expect(edit.status).toBe(403);
    expect(edit.body.error).toMatchObject({ code: "forbidden", field: "body" });
    expect((await bob.delete<ErrorBody>(`/api/annotations/${shared.id}`)).status).toBe(403);
    expect((await bob.patch(`/api/annotations/${own.id}`, { body: "x" })).status).toBe(404);
    expect((await bob.delete(`/api/annotations/${own.id}`)).status).toBe(404);
    expect((await admin.patch(`/api/annotations/${shared.id}`, { body: "admin edit" })).status).toBe(403);
    expect((await alice.get<Annotation>(`/api/annotations/${shared.id}`)).body.body).toBe("공유");
  });

  it("answers 401 to changes without a session and 404 to unknown ids", async () => {
    const note = await create(alice, { target: target("전수방위"), body: "x", visibility: "shared" });
    expect((await anonymous.patch(`/api/annotations/${note.id}`, { body: "y" })).status).toBe(401);
    expect((await anonymous.delete(`/api/annotations/${note.id}`)).status).toBe(401);
    expect((await alice.patch("/api/annotations/no-such-id", { body: "y" })).status).toBe(404);
    expect((await alice.delete("/api/annotations/no-such-id")).status).toBe(404);
    // An id no annotation can have (PostgreSQL would refuse to even look it up).
    expect((await alice.get("/api/annotations/x%00y")).status).toBe(404);
    expect((await alice.patch("/api/annotations/x%00y", { body: "y" })).status).toBe(404);
  });

  it("refuses a patch of fields that cannot change, naming them", async () => {
    const note = await create(alice, { target: target("전수방위"), body: "x" });
    for (const [patch, field] of [
      [{ target: { entityId: "jp" } }, "target.entityId"],
      [{ parentId: note.id }, "parentId"],
      [{ brief: "broken-brief" }, "brief"],
      [{ author: { id: bob.user?.id } }, "author"],
      [{ body: "가".repeat(20_001) }, "body"],
      [{}, "(body)"],
    ] as const) {
      const response = await alice.patch<ErrorBody>(`/api/annotations/${note.id}`, patch);
      expect(response.status, field).toBe(field === "body" ? 413 : 400);
      expect(response.body.error.field, field).toBe(field);
    }
  });

  it("lets an admin hide a shared annotation: hidden from members, still seen by its author and admins", async () => {
    expect(admin.user?.role).toBe("admin");
    const note = await create(alice, { target: target("전수방위"), body: "숨길 메모", visibility: "shared" });
    const byMember = await bob.patch<ErrorBody>(`/api/annotations/${note.id}`, { hidden: true });
    expect(byMember.status).toBe(403);
    expect(byMember.body.error.field).toBe("hidden");
    const byAuthor = await alice.patch<ErrorBody>(`/api/annotations/${note.id}`, { hidden: false });
    expect(byAuthor.status).toBe(403);
    const hidden = await admin.patch<Annotation>(`/api/annotations/${note.id}`, { hidden: true });
    expect(hidden.status).toBe(200);
    expect(hidden.body.hidden).toBe(true);
    expect((await bob.get(`/api/annotations/${note.id}`)).status).toBe(404);
    expect((await bob.get<Annotation[]>(`/api/annotations?brief=${slug}`)).body.some((item) => item.id === note.id)).toBe(false);
    expect((await alice.get<Annotation>(`/api/annotations/${note.id}`)).body.hidden).toBe(true);
    expect((await admin.get<Annotation>(`/api/annotations/${note.id}`)).status).toBe(200);
    // Going private and back does not shake off moderation.
    await alice.patch(`/api/annotations/${note.id}`, { visibility: "private" });
    await alice.patch(`/api/annotations/${note.id}`, { visibility: "shared" });
    expect((await bob.get(`/api/annotations/${note.id}`)).status).toBe(404);
    expect((await admin.patch<Annotation>(`/api/annotations/${note.id}`, { hidden: false })).body.hidden).toBe(false);
    expect((await bob.get(`/api/annotations/${note.id}`)).status).toBe(200);
  });
});

describe("replies", () => {
  it("replies to a shared annotation: inherits its brief and visibility, no target of its own", async () => {
    const parent = await create(alice, { target: target("전수방위"), body: "질문 있어요?", motivation: "questioning", visibility: "shared" });
    const reply = await bob.post<Annotation>("/api/annotations", { parentId: parent.id, body: "답합니다" });
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({ brief: slug, parentId: parent.id, visibility: "shared", motivation: "commenting", target: null, anchor: null });
    expect((await alice.get<Annotation>(`/api/annotations/${reply.body.id}`)).status).toBe(200);
  });

  it("refuses a reply to an annotation the user cannot see, and a shared reply to a private one", async () => {
    const secret = await create(alice, { target: target("전수방위"), body: "비밀" });
    const other = await bob.post<ErrorBody>("/api/annotations", { parentId: secret.id, body: "엿보기" });
    expect(other.status).toBe(400);
    expect(other.body.error.field).toBe("parentId");
    const shared = await alice.post<ErrorBody>("/api/annotations", { parentId: secret.id, body: "공개 답글", visibility: "shared" });
    expect(shared.body.error.field).toBe("visibility");
    const ownPrivate = await alice.post<Annotation>("/api/annotations", { parentId: secret.id, body: "혼잣말" });
    expect(ownPrivate.body.visibility).toBe("private");
    const elsewhere = await alice.post<ErrorBody>("/api/annotations", { parentId: secret.id, brief: "broken-brief", body: "x" });
    expect(elsewhere.body.error.field).toBe("brief");
  });
});

describe("Idempotency-Key", () => {
  const key = () => `retry-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
  const count = async (client: TestClient, body: string) => (await client.get<Annotation[]>(`/api/annotations?brief=${slug}`)).body.filter((item) => item.body === body).length;

  it("answers a repeated request with the annotation the first one made, and stores one", async () => {
    const header = { "idempotency-key": key() };
    const input = { brief: slug, target: target("전수방위"), body: "재시도해도 하나만", tags: ["재시도"] };
    const first = await alice.post<Annotation>("/api/annotations", input, header);
    expect(first.status).toBe(201);
    expect(first.headers.get("idempotent-replayed")).toBeNull();
    // The same request again, its JSON spelt differently (key order) and the key as a structured-field string.
    const again = await alice.post<Annotation>("/api/annotations", { tags: ["재시도"], body: "재시도해도 하나만", target: input.target, brief: slug }, { "idempotency-key": `"${header["idempotency-key"]}"` });
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.headers.get("location")).toBe(`/api/annotations/${first.body.id}`);
    expect(again.body).toEqual(first.body);
    expect(await count(alice, "재시도해도 하나만")).toBe(1);
  });

  it("stores one annotation when the same request is sent eight times at once", async () => {
    const header = { "idempotency-key": key() };
    const responses = await Promise.all(Array.from({ length: 8 }, () => alice.post<Annotation>("/api/annotations", { brief: slug, target: { entityId: "jp" }, body: "동시에 여덟 번" }, header)));
    expect(responses.map((response) => response.status)).toEqual(Array(8).fill(201));
    expect(new Set(responses.map((response) => response.body.id)).size).toBe(1);
    expect(responses.filter((response) => response.headers.get("idempotent-replayed") === "true")).toHaveLength(7);
    expect(await count(alice, "동시에 여덟 번")).toBe(1);
  });

  it("refuses the same key with a different request: 422 naming the header, nothing stored", async () => {
    const header = { "idempotency-key": key() };
    expect((await alice.post("/api/annotations", { brief: slug, target: { entityId: "jp" }, body: "첫 요청" }, header)).status).toBe(201);
    const other = await alice.post<ErrorBody>("/api/annotations", { brief: slug, target: { entityId: "jp" }, body: "다른 요청" }, header);
    expect(other.status).toBe(422);
    expect(other.body.error).toMatchObject({ code: "idempotency_key_reused", field: "idempotency-key" });
    expect(other.body.error.message).toContain("Idempotency-Key");
    expect(await count(alice, "다른 요청")).toBe(0);
  });

  it("keeps each author's keys apart, and still answers a key whose annotation was deleted", async () => {
    const header = { "idempotency-key": key() };
    const input = { brief: slug, target: { entityId: "jp" }, body: "각자의 키" };
    const mine = await alice.post<Annotation>("/api/annotations", input, header);
    const theirs = await bob.post<Annotation>("/api/annotations", input, header);
    expect(theirs.status).toBe(201);
    expect(theirs.body.id).not.toBe(mine.body.id);
    expect((await alice.delete(`/api/annotations/${mine.body.id}`)).status).toBe(200);
    const replayed = await alice.post<Annotation>("/api/annotations", input, header);
    expect(replayed.status).toBe(201);
    expect(replayed.body).toMatchObject({ id: mine.body.id, deleted: true });
  });

  it("answers a repeat with the first result even when the same request would now be refused", async () => {
    const parent = await create(alice, { target: { entityId: "jp" }, body: "곧 지울 부모" });
    const header = { "idempotency-key": key() };
    const reply = await alice.post<Annotation>("/api/annotations", { parentId: parent.id, body: "답글" }, header);
    expect(reply.status).toBe(201);
    expect((await alice.delete(`/api/annotations/${parent.id}`)).status).toBe(200);
    // Without the key, a reply to a deleted annotation is refused; with it, the first reply comes back.
    expect((await alice.post<ErrorBody>("/api/annotations", { parentId: parent.id, body: "답글" })).body.error.field).toBe("parentId");
    const again = await alice.post<Annotation>("/api/annotations", { parentId: parent.id, body: "답글" }, header);
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.body.id).toBe(reply.body.id);
  });

  it("refuses a key that is empty, too long or not ASCII with 400 naming the header", async () => {
    for (const bad of ["", "x".repeat(256), "키"]) {
      const response = await alice.request<ErrorBody>("POST", "/api/annotations", {
        json: { brief: slug, target: { entityId: "jp" }, body: "나쁜 키" },
        headers: { "idempotency-key": encodeURIComponent(bad) === bad ? bad : Buffer.from(bad).toString("latin1") },
      });
      expect(response.status, JSON.stringify(bad)).toBe(400);
      expect(response.body.error.field).toBe("idempotency-key");
    }
    expect(await count(alice, "나쁜 키")).toBe(0);
  });
});

describe("write limits", () => {
  it("answers 429 with Retry-After after 120 writes by one user in a minute", async () => {
    const busy = await new TestClient(baseURL).signUp("Busy", uniqueEmail("busy"));
    const responses = await Promise.all(
      Array.from({ length: 121 }, (_, index) => busy.post("/api/annotations", { brief: slug, target: { entityId: "jp" }, body: `#${index}` })),
    );
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 201)).toHaveLength(120);
    const limited = responses.find((response) => response.status === 429);
    expect((limited?.body as ErrorBody).error.code).toBe("rate_limited");
    expect(Number(limited?.headers.get("retry-after"))).toBeGreaterThan(0);
    // Another user is not held back by this one.
    expect((await alice.post("/api/annotations", { brief: slug, target: { entityId: "jp" } })).status).toBe(201);
  });
});

describe("re-anchoring when a brief is revised", () => {
  const briefsDir = inject("briefsDir");
  const revisedSlug = `revised-${Date.now().toString(36)}`;
  const folder = briefsDir ? join(briefsDir, revisedSlug) : "";
  const original = TEST_BRIEF_SOURCE;
  const write = async (source: string) => {
    writeTestBrief(folder, source);
    await waitForBriefText(baseURL, revisedSlug, source);
  };

  it.skipIf(!briefsDir)("moves, fuzzes and orphans highlights as the text changes, and never drops them", async () => {
    try {
      await write(original);
      const first = await briefText(revisedSlug);
      const raa = await create(alice, { brief: revisedSlug, target: first.target("2022년 1월 발효된 일호 RAA") });
      const doomed = await create(alice, { brief: revisedSlug, target: first.target("나중에 지워질 문장") });
      const anchorOf = async (id: string) => (await alice.get<Annotation>(`/api/annotations/${id}`)).body;

      await write(original.replace("■ 첫 절\n", "■ 첫 절\n❍ 새로 들어온 주장이 하나 있음.\n"));
      const moved = await anchorOf(raa.id);
      const shift = Array.from("새로 들어온 주장이 하나 있음.\n").length;
      expect(moved.anchor).toMatchObject({ status: "moved", score: 1 });
      expect(moved.anchor?.revision).not.toBe(raa.anchor?.revision);
      expect(moved.target).toMatchObject({ position: { start: (raa.target as { position: { start: number } }).position.start + shift } });
      expect(moved.version).toBe(raa.version + 1);

      await write(original.replace("발효된 일호 RAA", "서명된 일호 RAA").replace("❍ 셋째 주장은 나중에 지워질 문장임.\n", ""));
      const list = (await alice.get<Annotation[]>(`/api/annotations?brief=${revisedSlug}`)).body;
      const fuzzy = list.find((item) => item.id === raa.id);
      const orphan = list.find((item) => item.id === doomed.id);
      expect(fuzzy?.anchor?.status).toBe("fuzzy");
      expect(fuzzy?.anchor?.score).toBeGreaterThan(0.75);
      expect(fuzzy?.anchor?.score).toBeLessThan(1);
      expect(orphan?.anchor).toMatchObject({ status: "orphaned", score: 0 });
      // The quote is what the reader highlighted, kept as it was.
      expect(orphan?.target).toMatchObject({ quote: { exact: "나중에 지워질 문장" } });

      const revisions = (await (await fetch(`${baseURL}/api/briefs/${revisedSlug}/revisions`)).json()) as unknown[];
      expect(revisions.length).toBe(3);


      // Reverted to the first text: both are back where they were made, the orphan included (its
      // last position was from the second text, so it is found by its quote: moved).
      await write(original);
      const back = (await alice.get<Annotation[]>(`/api/annotations?brief=${revisedSlug}`)).body;
      expect(back.find((item) => item.id === raa.id)).toMatchObject({ anchor: { status: "exact", revision: raa.anchor?.revision }, target: raa.target });
      expect(back.find((item) => item.id === doomed.id)).toMatchObject({ anchor: { status: "moved", score: 1 }, target: doomed.target });

      // An orphan is re-attached by its author to a newly selected span, and is exact there.
      const current = await briefText(revisedSlug);
      const newPlace = current.target("그대로 남는 문장");
      expect((await bob.patch<ErrorBody>(`/api/annotations/${doomed.id}`, { target: newPlace })).status).toBe(404);
      const wrongQuote = await alice.patch<ErrorBody>(`/api/annotations/${doomed.id}`, { target: { ...newPlace, quote: { exact: "없는 문장" } } });
      expect(wrongQuote.status).toBe(400);
      expect(wrongQuote.body.error.field).toBe("target.quote");
      const reattached = await alice.patch<Annotation>(`/api/annotations/${doomed.id}`, { target: newPlace });
      expect(reattached.status).toBe(200);
      expect(reattached.body).toMatchObject({ anchor: { status: "exact", score: 1 }, target: { quote: { exact: "그대로 남는 문장" } }, edited: true });
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe("after a restart", () => {
  const appEnv = inject("appEnv");

  // The server under test keeps running; a second one started on the same database and briefs
  // is what a restart gives: nothing but what was stored.
  it.skipIf(!appEnv.DATABASE_URL)("still has the sessions and annotations, served by a fresh process", { timeout: 90_000 }, async () => {
    const shared = await create(alice, { target: target("전수방위"), body: "재시작 후에도", visibility: "shared" });
    const mine = await create(alice, { target: target("전수방위"), body: "나만" });
    const port = await freePort();
    const root = resolve(import.meta.dirname, "..", "..");
    const child: ChildProcess = spawn(process.execPath, [join(root, "scripts", "serve.mjs"), "-p", String(port), "-H", "127.0.0.1"], {
      cwd: root,
      env: { ...process.env, ...appEnv, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
      stdio: "ignore",
    });
    try {
      const url = `http://127.0.0.1:${port}`;
      for (let tries = 0; tries < 240; tries++) {
        if (await fetch(`${url}/api/briefs`).then((response) => response.ok, () => false)) break;
        await new Promise((wait) => setTimeout(wait, 250));
      }
      const again = (client: TestClient) => {
        const copy = new TestClient(url, client.address);
        for (const [name, value] of client.cookies) copy.cookies.set(name, value);
        return copy;
      };
      const aliceAgain = again(alice);
      const bobAgain = again(bob);
      expect((await aliceAgain.get<Annotation>(`/api/annotations/${mine.id}`)).body).toMatchObject({ body: "나만", version: mine.version });
      expect((await bobAgain.get<Annotation>(`/api/annotations/${shared.id}`)).body).toMatchObject({ body: "재시작 후에도" });
      expect((await bobAgain.get(`/api/annotations/${mine.id}`)).status).toBe(404);
    } finally {
      child.kill("SIGTERM");
    }
  });
});
