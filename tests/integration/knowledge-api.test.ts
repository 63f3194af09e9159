/**
 * The knowledge base over HTTP: editors create, edit (If-Match), merge and revert entities, add
 * and correct agreement events, and link or unlink spans of a brief by hand; members and
 * anonymous readers read; errors name the field; curated mentions survive a new text and a
 * re-link; every change is in the history with who made it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AgreementRecord } from "@/lib/domain/agreement";
import type { Annotation } from "@/lib/domain/annotation";
import type { BriefView, Mention } from "@/lib/domain/brief";
import type { EntityInput } from "@/lib/domain/entity";
import type { Member } from "@/lib/domain/member";
import { TestClient, uniqueEmail } from "../support/http-client";
import { type SecondApp, startSecondApp } from "../support/second-app";

// On a server of its own: the briefs, entities and aliases made here must not show up in what
// the other tests count on the shared one.
let app: SecondApp;
let baseURL: string;
const ADMIN_EMAIL = "admin@brief-reader.test";
const tag = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

interface ErrorBody {
  error: { code: string; message: string; field?: string };
}
interface Change {
  id: string;
  action: string;
  by: string | null;
  before: unknown;
  after: unknown;
  reverted: boolean;
}

let admin: TestClient;
let editor: TestClient;
let member: TestClient;
let anonymous: TestClient;

/** A concept entity with a unique English name (and so id) for this run. */
function concept(en: string, ko: string, aliases = [ko]) {
  return { kind: "concept", names: { ko, en }, aliases, description: { ko: `${ko} 설명`, en: `${en} described` } };
}

/** Uploads a brief (a unique text) as an editor and publishes it; answers its slug. */
async function uploadBrief(text: string, fields: Record<string, string> = { publish: "true" }): Promise<string> {
  const form = new FormData();
  form.set("file", new Blob([new TextEncoder().encode(text)]), "brief.txt");
  for (const [key, value] of Object.entries(fields)) form.set(key, value);
  const response = await fetch(`${baseURL}/api/briefs`, { method: "POST", body: form, headers: { origin: baseURL, "x-forwarded-for": editor.address, cookie: editor.cookieHeader() } });
  const body = (await response.json()) as { slug: string };
  expect(response.status, JSON.stringify(body)).toBe(201);
  return body.slug;
}

function briefText(marker: string, extra = "", lead = ""): string {
  return [`지식 베이스 시험 ${marker}`, "김연구 어느연구소 연구위원", "■ 해양 협력", extra, `❍ ${lead}일본은 해양 벨트 구상으로 ${marker}말루쿠 해역과 영국과의 협력을 넓힘.`, "- 해양 벨트는 인도양과 태평양을 잇는 협력의 띠임.", ""].filter((line) => line !== "").join("\n");
}

async function brief(slug: string): Promise<BriefView> {
  const answer = await anonymous.get<BriefView>(`/api/briefs/${slug}`);
  expect(answer.status).toBe(200);
  return answer.body;
}

const blocksOf = (view: BriefView) => view.sections.flatMap((section) => section.blocks);
const mentionsOf = (view: BriefView) => blocksOf(view).flatMap((block) => block.mentions.map((mention) => ({ ...mention, blockId: block.id })));

/** Code points of `needle` in the block's text. */
function spanOf(text: string, needle: string): { start: number; end: number } {
  const start = [...text.slice(0, text.indexOf(needle))].length;
  return { start, end: start + [...needle].length };
}

beforeAll(async () => {
  app = await startSecondApp({ ADMIN_EMAIL });
  baseURL = app.url;
  anonymous = new TestClient(baseURL);
  admin = new TestClient(baseURL);
  if ((await admin.signIn(ADMIN_EMAIL)) !== 200) await admin.signUp("Admin", ADMIN_EMAIL);
  editor = await new TestClient(baseURL).signUp("지식 편집자", uniqueEmail("kb-editor"));
  member = await new TestClient(baseURL).signUp("Member", uniqueEmail("kb-member"));
  const granted = await admin.patch<Member>(`/api/members/${editor.user?.id}`, { role: "editor" });
  expect(granted.status).toBe(200);
}, 120_000);

afterAll(async () => {
  await app?.stop();
});

describe("roles", () => {
  it("lets only editors (and admins) write: 401 signed out, 403 for a member; everyone reads the history", async () => {
    const body = concept(`Role Test ${tag()}`, "역할 시험");
    expect((await anonymous.post<ErrorBody>("/api/entities", body)).status).toBe(401);
    const refused = await member.post<ErrorBody>("/api/entities", body);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe("forbidden");
    const made = await editor.post<EntityInput>("/api/entities", body);
    expect(made.status).toBe(201);
    expect((await admin.patch(`/api/entities/${made.body.id}`, { aliases: ["역할 시험", "역할"] }, { "if-match": '"1"' })).status).toBe(200);
    expect((await member.patch(`/api/entities/${made.body.id}`, { aliases: ["x"] }, { "if-match": '"2"' })).status).toBe(403);
    const history = await anonymous.get<Change[]>(`/api/entities/${made.body.id}/history`);
    expect(history.status).toBe(200);
    expect(history.body.map((change) => [change.action, change.by])).toEqual([
      ["update", "Admin"],
      ["create", "지식 편집자"],
    ]);
  });
});

describe("entities", () => {
  it("derive the id from the English name, refuse one taken (409 naming id), and show a Wikidata id", async () => {
    const en = `Maritime Belt ${tag()}`;
    const made = await editor.post<EntityInput>("/api/entities", { ...concept(en, "해양 벨트 시험"), wikidata: "Q42" });
    expect(made.status).toBe(201);
    expect(made.body.id).toBe(en.toLowerCase().replace(/ /g, "-"));
    expect(made.headers.get("etag")).toBe('"1"');
    expect((await anonymous.get<{ entity: EntityInput }>(`/api/entities/${made.body.id}`)).body.entity.wikidata).toBe("Q42");
    const again = await editor.post<ErrorBody>("/api/entities", concept(en, "다시"));
    expect(again.status).toBe(409);
    expect(again.body.error.field).toBe("id");
    const record = await editor.post<ErrorBody>("/api/entities", { ...concept("x", "엑스"), id: "raa-jp-gb" });
    expect(record.status).toBe(409);
  });

  it("name the field of every validation error, apart from the message", async () => {
    const cases: [unknown, string][] = [
      [{ ...concept("A", "가"), names: { ko: "가" } }, "names.en"],
      [{ ...concept("A", "가"), kind: "agreement" }, "kind"],
      [{ ...concept("A", "가"), aliases: [] }, "aliases"],
      [{ ...concept("A", "가"), wikidata: "42" }, "wikidata"],
      [{ ...concept("A", "가"), colour: "red" }, "colour"],
      [{ ...concept("A", "가"), id: "Not An Id" }, "id"],
    ];
    for (const [body, field] of cases) {
      const answer = await editor.post<ErrorBody>("/api/entities", body);
      expect(answer.status, field).toBe(400);
      expect(answer.body.error.field).toBe(field);
      expect(answer.body.error.message.startsWith(field)).toBe(false);
    }
  });

  it("are edited only at the version read: 428 without If-Match, 412 when stale", async () => {
    const made = await editor.post<EntityInput>("/api/entities", concept(`If Match ${tag()}`, "조건 시험"));
    const path = `/api/entities/${made.body.id}`;
    const missing = await editor.patch<ErrorBody>(path, { aliases: ["조건 시험", "조건"] });
    expect(missing.status).toBe(428);
    expect(missing.body.error.field).toBe("if-match");
    const first = await editor.patch<EntityInput>(path, { aliases: ["조건 시험", "조건"] }, { "if-match": '"1"' });
    expect(first.status).toBe(200);
    expect(first.headers.get("etag")).toBe('"2"');
    const stale = await editor.patch<ErrorBody>(path, { aliases: ["늦음"] }, { "if-match": '"1"' });
    expect(stale.status).toBe(412);
    const invalid = await editor.patch<ErrorBody>(path, { names: { ko: "", en: "x" } }, { "if-match": '"2"' });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.field).toBe("names.ko");
    expect((await anonymous.get<{ entity: EntityInput }>(path)).body.entity.aliases).toEqual(["조건 시험", "조건"]);
  });

  it("revert a change in one request (itself a change), once", async () => {
    const made = await editor.post<EntityInput>("/api/entities", concept(`Revert ${tag()}`, "되돌리기 시험"));
    const path = `/api/entities/${made.body.id}`;
    await editor.patch(path, { description: { ko: "바뀐 설명", en: "changed" } }, { "if-match": '"1"' });
    const [update] = (await anonymous.get<Change[]>(`${path}/history`)).body;
    expect(update.action).toBe("update");
    expect((await member.post(`/api/knowledge/changes/${update.id}/revert`, {})).status).toBe(403);
    const reverted = await editor.post<Change>(`/api/knowledge/changes/${update.id}/revert`, {});
    expect(reverted.status).toBe(201);
    expect(reverted.body.action).toBe("revert");
    expect((await anonymous.get<{ entity: EntityInput }>(path)).body.entity.description.en).toBe(`Revert described`.replace("Revert", made.body.names.en));
    const twice = await editor.post<ErrorBody>(`/api/knowledge/changes/${update.id}/revert`, {});
    expect(twice.status).toBe(409);
    const history = (await anonymous.get<Change[]>(`${path}/history`)).body;
    expect(history.map((change) => change.action)).toEqual(["revert", "update", "create"]);
    expect(history[1].reverted).toBe(true);
  });
});

describe("mentions by hand, and a new alias", () => {
  let slug: string;
  let marker: string;

  beforeAll(async () => {
    marker = `말${tag().replace(/[0-9]/g, "")}`;
    slug = await uploadBrief(briefText(marker));
  }, 60_000);

  it("links a span to an entity (source curated), suppresses the linker's, and removes a decision", async () => {
    const view = await brief(slug);
    const claim = blocksOf(view).find((block) => block.text.includes("해양 벨트 구상")) as BriefView["sections"][number]["blocks"][number];
    const uk = claim.mentions.find((mention) => mention.entityId === "gb") as Mention;
    expect(uk.source).toBe("linker");

    const entity = await editor.post<EntityInput>("/api/entities", concept(`Ocean Belt ${tag()}`, "해양 벨트 개념"));
    const linked = await editor.post<{ id: string; source: string }>(`/api/briefs/${slug}/mentions`, { blockId: claim.id, ...spanOf(claim.text, "해양 벨트"), entityId: entity.body.id });
    expect(linked.status).toBe(201);
    expect(member.user).toBeTruthy();
    expect((await member.post(`/api/briefs/${slug}/mentions`, { blockId: claim.id, start: 0, end: 2, entityId: null })).status).toBe(403);
    const unlinked = await editor.post<{ id: string }>(`/api/briefs/${slug}/mentions`, { blockId: claim.id, start: uk.start, end: uk.end, entityId: null });
    expect(unlinked.status).toBe(201);

    const after = mentionsOf(await brief(slug));
    expect(after.find((mention) => mention.entityId === entity.body.id)).toMatchObject({ source: "curated", id: linked.body.id, surface: "해양 벨트", blockId: claim.id });
    expect(after.some((mention) => mention.entityId === "gb" && mention.blockId === claim.id)).toBe(false);
    const mentioned = await anonymous.get<{ mentions: { brief: string }[] }>(`/api/entities/${entity.body.id}`);
    expect(mentioned.body.mentions.map((place) => place.brief)).toContain(slug);

    expect((await editor.delete(`/api/briefs/${slug}/mentions/${unlinked.body.id}`)).status).toBe(200);
    expect(mentionsOf(await brief(slug)).some((mention) => mention.entityId === "gb" && mention.blockId === claim.id && mention.source === "linker")).toBe(true);
    expect((await editor.delete(`/api/briefs/${slug}/mentions/${unlinked.body.id}`)).status).toBe(404);
  });

  it("names the field of a bad span", async () => {
    const claim = blocksOf(await brief(slug))[0];
    const cases: [unknown, string, number][] = [
      [{ blockId: "nope", start: 0, end: 2, entityId: null }, "blockId", 400],
      [{ blockId: claim.id, start: 0, end: 100_000, entityId: null }, "end", 400],
      [{ blockId: claim.id, start: 3, end: 3, entityId: null }, "end", 400],
      [{ blockId: claim.id, start: 0, end: 2, entityId: "no-such-entity" }, "entityId", 400],
      [{ blockId: claim.id, start: 0, end: 2 }, "entityId", 400],
    ];
    for (const [body, field, status] of cases) {
      const answer = await editor.post<ErrorBody>(`/api/briefs/${slug}/mentions`, body);
      expect(answer.status, field).toBe(status);
      expect([field, "start"]).toContain(answer.body.error.field);
    }
  });

  it("re-links every brief with a new alias at once, and keeps curated mentions through a re-link and a new text", async () => {
    const entity = await editor.post<EntityInput>("/api/entities", concept(`Maluku ${tag()}`, "말루쿠 해역 개념", ["말루쿠 해역 개념"]));
    expect(mentionsOf(await brief(slug)).some((mention) => mention.entityId === entity.body.id)).toBe(false);
    const claim = blocksOf(await brief(slug)).find((block) => block.text.includes("해양 벨트 구상")) as BriefView["sections"][number]["blocks"][number];
    const belt = await editor.post<{ id: string }>(`/api/briefs/${slug}/mentions`, { blockId: claim.id, ...spanOf(claim.text, "해양 벨트"), entityId: entity.body.id });
    expect(belt.status).toBe(201);

    // The alias: the next read of the brief links it, no restart.
    expect((await editor.patch(`/api/entities/${entity.body.id}`, { aliases: ["말루쿠 해역 개념", `${marker}말루쿠`] }, { "if-match": '"1"' })).status).toBe(200);
    const relinked = mentionsOf(await brief(slug)).filter((mention) => mention.entityId === entity.body.id);
    expect(relinked.map((mention) => mention.source).sort()).toEqual(["curated", "linker"]);

    // A new version with a section before it and words added before the span: the curated mention follows its words.
    const before = spanOf(claim.text, "해양 벨트");
    const revised = await uploadBrief(briefText(marker, "■ 새 절\n❍ 새 판에 들어온 첫 주장임.", "특히 "), { slug, publish: "true" });
    expect(revised).toBe(slug);
    const moved = mentionsOf(await brief(slug)).find((mention) => mention.id === belt.body.id);
    expect(moved).toMatchObject({ entityId: entity.body.id, surface: "해양 벨트", source: "curated", start: before.start + 3, end: before.end + 3 });
    expect((await anonymous.get<unknown[]>(`/api/briefs/${slug}/revisions`)).body).toHaveLength(2);
  });
});

describe("merging", () => {
  it("moves names, curated mentions and notes to the survivor, and a revert undoes it", async () => {
    const slug = await uploadBrief(briefText(`병합${tag().replace(/[0-9]/g, "")}`));
    const merged = (await editor.post<EntityInput>("/api/entities", concept(`Merged ${tag()}`, "병합될 개념"))).body;
    const survivor = (await editor.post<EntityInput>("/api/entities", concept(`Survivor ${tag()}`, "남을 개념"))).body;
    const claim = blocksOf(await brief(slug))[0];
    const mention = await editor.post<{ id: string }>(`/api/briefs/${slug}/mentions`, { blockId: claim.id, ...spanOf(claim.text, "해양 벨트"), entityId: merged.id });
    const note = await member.post<Annotation>("/api/annotations", { brief: slug, target: { entityId: merged.id }, body: "병합 전의 메모" });
    expect(note.status).toBe(201);

    expect((await member.post(`/api/entities/${merged.id}/merge`, { into: survivor.id })).status).toBe(403);
    expect((await editor.post<ErrorBody>(`/api/entities/${merged.id}/merge`, { into: "no-such-entity" })).body.error.field).toBe("into");
    expect((await editor.post<ErrorBody>("/api/entities/gb/merge", { into: survivor.id })).status).toBe(409);
    const done = await editor.post<EntityInput>(`/api/entities/${merged.id}/merge`, { into: survivor.id });
    expect(done.status).toBe(200);
    expect(done.body.aliases).toEqual(expect.arrayContaining(["병합될 개념", merged.names.en]));
    expect((await anonymous.get(`/api/entities/${merged.id}`)).status).toBe(404);
    expect(mentionsOf(await brief(slug)).find((item) => item.id === mention.body.id)?.entityId).toBe(survivor.id);
    const moved = await member.get<Annotation>(`/api/annotations/${note.body.id}`);
    expect((moved.body.target as { entityId?: string }).entityId).toBe(survivor.id);

    const [merge] = (await anonymous.get<Change[]>(`/api/entities/${survivor.id}/history`)).body;
    expect(merge.action).toBe("merge");
    expect((await editor.post(`/api/knowledge/changes/${merge.id}/revert`, {})).status).toBe(201);
    expect((await anonymous.get(`/api/entities/${merged.id}`)).status).toBe(200);
    expect(mentionsOf(await brief(slug)).find((item) => item.id === mention.body.id)?.entityId).toBe(merged.id);
    expect(((await member.get<Annotation>(`/api/annotations/${note.body.id}`)).body.target as { entityId?: string }).entityId).toBe(merged.id);
    expect((await anonymous.get<{ entity: EntityInput }>(`/api/entities/${survivor.id}`)).body.entity.aliases).toEqual(["남을 개념"]);
  });
});

describe("agreement events", () => {
  const RECORD = "acsa-jp-kr";

  it("are added with their basis and who added them, validated naming the field, and recompute the discrepancies", async () => {
    const path = `/api/agreements/${RECORD}`;
    const before = (await anonymous.get<AgreementRecord>(path)).body;
    expect(before.currentStatus).toBeNull();
    expect((await member.post(`${path}/events`, { basis: "editor", kind: "signed", date: "2030", note: "x" })).status).toBe(403);

    const bad: [unknown, string][] = [
      [{ basis: "reference", kind: "signed", date: "2030-13", source: { url: "https://example.org/a", publisher: "P", tier: "official" } }, "date"],
      [{ basis: "reference", kind: "signed", date: "2030", source: { url: "not a url", publisher: "P", tier: "official" } }, "source.url"],
      [{ basis: "reference", kind: "signed", date: "2030", source: { url: "https://example.org/a", publisher: "P", tier: "rumour" } }, "source.tier"],
      [{ basis: "editor", kind: "signed", date: "2030" }, "note"],
      [{ basis: "reference", kind: "signed", date: "2030" }, "source"],
      [{ basis: "brief", kind: "signed", brief: "japan-quasi-alliance", quote: "이 문장은 브리프에 없음" }, "quote"],
      [{ basis: "guess", kind: "signed" }, "basis"],
    ];
    for (const [body, field] of bad) {
      const answer = await editor.post<ErrorBody>(`${path}/events`, body);
      expect(answer.status, field).toBe(400);
      expect(answer.body.error.field, JSON.stringify(body)).toBe(field);
    }

    const added = await editor.post<{ id: string; addedBy: string }>(`${path}/events`, { basis: "reference", kind: "signed", date: "2030-01-02", source: { url: "https://example.org/acsa", publisher: "Example", tier: "news" } });
    expect(added.status).toBe(201);
    expect(added.body.addedBy).toBe("지식 편집자");
    let record = (await anonymous.get<AgreementRecord>(path)).body;
    expect(record.currentStatus).toBe("signed");
    expect(record.events.find((event) => event.id === added.body.id)).toMatchObject({ basis: "reference", addedBy: "지식 편집자", source: { publisher: "Example" } });
    expect(record.discrepancies.map((item) => item.kind)).toContain("changed-since-brief");

    const corrected = await editor.patch<{ date: string }>(`${path}/events/${added.body.id}`, { basis: "editor", source: null, note: "확인 중", date: "2031" }, { "if-match": '"1"' });
    expect(corrected.status).toBe(200);
    expect((await editor.patch(`${path}/events/${added.body.id}`, { date: "2032" }, { "if-match": '"1"' })).status).toBe(412);
    record = (await anonymous.get<AgreementRecord>(path)).body;
    expect(record.events.find((event) => event.id === added.body.id)).toMatchObject({ basis: "editor", date: "2031", note: "확인 중" });

    expect((await editor.delete(`${path}/events/${added.body.id}`)).status).toBe(200);
    record = (await anonymous.get<AgreementRecord>(path)).body;
    expect(record.currentStatus).toBeNull();
    expect(record.discrepancies).toEqual(before.discrepancies);

    const history = (await anonymous.get<Change[]>(`${path}/history`)).body;
    expect(history.map((change) => change.action)).toEqual(["event-delete", "event-update", "event-add"]);
    // Bring the deleted event back, then take it out again, each by a revert.
    expect((await editor.post(`/api/knowledge/changes/${history[0].id}/revert`, {})).status).toBe(201);
    expect((await anonymous.get<AgreementRecord>(path)).body.events.some((event) => event.id === added.body.id)).toBe(true);
    const [restored] = (await anonymous.get<Change[]>(`${path}/history`)).body;
    expect((await editor.post(`/api/knowledge/changes/${restored.id}/revert`, {})).status).toBe(201);
    expect((await anonymous.get<AgreementRecord>(path)).body.events.some((event) => event.id === added.body.id)).toBe(false);
  });
});

describe("open pages", () => {
  it("learn of a change from GET /api/versions (304 while nothing changed)", async () => {
    const first = await anonymous.get<{ library: number; knowledge: number }>("/api/versions");
    expect(first.status).toBe(200);
    const etag = first.headers.get("etag") as string;
    expect((await anonymous.get("/api/versions", { "if-none-match": etag })).status).toBe(304);
    await editor.post("/api/entities", concept(`Version ${tag()}`, "판 시험"));
    const next = await anonymous.get<{ knowledge: number }>("/api/versions", { "if-none-match": etag });
    expect(next.status).toBe(200);
    expect(next.body.knowledge).toBeGreaterThan(first.body.knowledge);
  });
});
