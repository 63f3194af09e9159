/**
 * Export and import over real HTTP: W3C JSON-LD out of one installation and into an empty one and
 * out again (the same annotations), import into a revised text (moved, fuzzy, orphaned reported),
 * importing twice (all skipped), Hypothesis-style documents, bad documents, the Markdown file
 * (front matter parses, every link lands on its sentence), and an import counting as one write.
 */
import { rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { parse as parseYaml } from "yaml";
import type { Annotation } from "@/lib/domain/annotation";
import type { BriefView } from "@/lib/domain/brief";
import type { AnnotationCollectionDocument } from "@/lib/export/annotation-collection";
import type { ImportReport } from "@/lib/import/import-plan";
import type { WebAnnotation } from "@/lib/w3c/web-annotation";
import { TestClient, uniqueEmail } from "../support/http-client";
import { TEST_BRIEF_SOURCE, waitForBriefText, writeTestBrief } from "../support/test-brief";
import { type SecondApp, startSecondApp } from "../support/second-app";

const baseURL = inject("baseURL");
const briefsDir = inject("briefsDir");
const appEnv = inject("appEnv");
const slug = "japan-quasi-alliance";
const ANNO_TYPE = 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"';

interface ErrorBody {
  error: { code: string; message: string; field?: string };
}
/** An export whose items are this reader's annotations (none here is on another source). */
type ExportDocument = Omit<AnnotationCollectionDocument, "first"> & { first: Omit<AnnotationCollectionDocument["first"], "items"> & { items: WebAnnotation[] } };
type Item = ExportDocument["first"]["items"][number];

/** The brief's text as the API defines it (blocks joined by "\n"), to make targets from. */
async function briefText(brief = slug, url = baseURL) {
  const view = (await (await fetch(`${url}/api/briefs/${brief}`)).json()) as BriefView;
  const blocks = view.sections.flatMap((section) => section.blocks);
  const text = blocks.map((block) => block.text).join("\n");
  const spans: { id: string; start: number; end: number; text: string }[] = [];
  let at = 0;
  for (const block of blocks) {
    const length = Array.from(block.text).length;
    spans.push({ id: block.id, start: at, end: at + length, text: block.text });
    at += length + 1;
  }
  /** A text target for the first occurrence of `exact` (offsets in code points). */
  const target = (exact: string) => {
    const units = text.indexOf(exact);
    if (units < 0) throw new Error(`not in the brief: ${exact}`);
    const start = Array.from(text.slice(0, units)).length;
    const end = start + Array.from(exact).length;
    const block = spans.find((item) => start >= item.start && start <= item.end);
    return { blockId: block?.id as string, quote: { exact }, position: { start, end } };
  };
  return { view, text, spans, target };
}

async function create(client: TestClient, input: Record<string, unknown>, brief = slug) {
  const response = await client.post<Annotation>("/api/annotations", { brief, ...input });
  if (response.status !== 201) throw new Error(`create failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

async function exportOf(client: TestClient, query = "") {
  const response = await client.get<ExportDocument>(`/api/export/annotations.jsonld${query}`);
  if (response.status !== 200) throw new Error(`export failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response;
}

function importDocument(client: TestClient, document: unknown, query = "", type = "application/ld+json") {
  return client.request<ImportReport & Partial<ErrorBody>>("POST", `/api/import/annotations${query}`, { raw: JSON.stringify(document), headers: { "content-type": type } });
}

/**
 * An export's items with what each installation assigns taken out (ids, creator, origin), and
 * what refers to ids (a reply's target) put as the canonical of what it refers to: equal for two
 * exports of the same annotations.
 */
function comparable(document: ExportDocument) {
  const items = document.first.items;
  const canonicalOf = new Map(items.map((item) => [item.id, item.canonical]));
  const strip = (value: unknown): unknown => JSON.parse(JSON.stringify(value).replace(/https?:\/\/127\.0\.0\.1:\d+/g, "<origin>"));
  return items
    .map((item) => {
      const { id: _id, creator: _creator, via: _via, target, ...rest } = item;
      const pointsAt = typeof target === "string" && canonicalOf.has(target) ? { replyTo: canonicalOf.get(target) } : { target: strip(target) };
      return { ...(strip(rest) as { canonical?: string }), ...pointsAt };
    })
    .sort((a, b) => String(a.canonical).localeCompare(String(b.canonical)));
}

let alice: TestClient;
let bob: TestClient;
let brief: Awaited<ReturnType<typeof briefText>>;
/** Every annotation alice keeps, made below (one of each kind). */
const made: Record<string, Annotation> = {};

beforeAll(async () => {
  brief = await briefText();
  alice = await new TestClient(baseURL).signUp("앨리스", uniqueEmail("export-alice"));
  bob = await new TestClient(baseURL).signUp("Bob", uniqueEmail("export-bob"));
  const { target, spans } = brief;
  made.highlight = await create(alice, { target: target("2022년 1월 발효된 일호 RAA"), color: "#FF8800" });
  made.comment = await create(alice, {
    target: target("전수방위"),
    body: "## 요점\n\n**일호 RAA**는 _준동맹_의 핵심.\n\n- 첫째\n- 둘째\n\n```\n# 코드\n```",
    tags: ["RAA", "일본 필리핀"],
    visibility: "shared",
    color: "#a0e0ff",
  });
  made.question = await create(alice, { target: target("준동맹"), motivation: "questioning", body: "준동맹의 정의는?" });
  made.tagging = await create(alice, { target: target("미일동맹"), motivation: "tagging", tags: ["동맹", "2022"] });
  made.reply = await create(alice, { parentId: made.comment.id, body: "스스로 답함", visibility: "shared" });
  made.replyToReply = await create(alice, { parentId: made.reply.id, motivation: "questioning", body: "답글에 답글?" });
  made.onEntity = await create(alice, { target: { entityId: "jp" }, body: "일본 개체 메모" });
  made.onRecord = await create(alice, { target: { entityId: "raa-jp-gb" }, body: "영일 RAA 기록 메모", visibility: "shared" });
  // A span across two blocks: the end of one and the start of the next.
  const [first, second] = [spans[3], spans[4]];
  const across = `${Array.from(first.text).slice(-6).join("")}\n${Array.from(second.text).slice(0, 6).join("")}`;
  made.across = await create(alice, { target: { blockId: first.id, quote: { exact: across }, position: { start: first.end - 6, end: second.start + 6 } }, body: "두 문단에 걸친 노트" });
  // Neither of these is alice's to export: a deleted note, and bob's shared note.
  const gone = await create(alice, { target: target("전수방위"), body: "지운 노트" });
  expect((await alice.delete(`/api/annotations/${gone.id}`)).status).toBe(200);
  made.bobs = await create(bob, { target: target("전수방위"), body: "밥의 공유 노트", visibility: "shared" });
}, 60_000);

describe("GET /api/export/annotations.jsonld", () => {
  it("answers the viewer's own annotations as one AnnotationCollection, as a JSON-LD download", async () => {
    const response = await exportOf(alice);
    expect(response.headers.get("content-type")).toBe(ANNO_TYPE);
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="annotations-\d{4}-\d{2}-\d{2}\.jsonld"/);
    expect(response.headers.get("cache-control")).toContain("no-store");
    const document = response.body;
    expect(document["@context"][0]).toBe("http://www.w3.org/ns/anno.jsonld");
    expect(document).toMatchObject({ type: "AnnotationCollection", label: "Annotations by 앨리스", total: 9, first: { type: "AnnotationPage", startIndex: 0 } });
    expect(document.id).toBe(`${baseURL}/api/export/annotations.jsonld`);
    const ids = document.first.items.map((item) => item.id).sort();
    const mine = ["highlight", "comment", "question", "tagging", "reply", "replyToReply", "onEntity", "onRecord", "across"].map((key) => `${baseURL}/annotations/${made[key].id}`).sort();
    expect(ids).toEqual(mine);
    const byId = new Map(document.first.items.map((item) => [item.id, item]));
    const item = (key: string) => byId.get(`${baseURL}/annotations/${made[key].id}`) as Item;
    expect(item("comment")).toMatchObject({
      motivation: "commenting",
      canonical: `${baseURL}/annotations/${made.comment.id}`,
      "reader:visibility": "shared",
      "reader:color": "#a0e0ff",
      target: { type: "SpecificResource", source: `${baseURL}/briefs/${slug}` },
    });
    expect(item("reply")).toMatchObject({ motivation: "replying", target: `${baseURL}/annotations/${made.comment.id}` });
    expect(item("onRecord")).toMatchObject({ target: `${baseURL}/agreements/raa-jp-gb`, "reader:brief": `${baseURL}/briefs/${slug}` });
    expect(item("onEntity").target).toBe(`${baseURL}/entities/jp`);
    expect((item("across").target as { selector: { type: string }[] }).selector.map((selector) => selector.type)).toEqual(["FragmentSelector", "RangeSelector"]);
    expect(item("highlight").body).toBeUndefined();
    // Every item stands alone: it carries the context, and the page names its collection as an object.
    for (const entry of document.first.items) expect(entry["@context"]).toEqual(["http://www.w3.org/ns/anno.jsonld", { reader: `${baseURL}/ns/reader#` }]);
    expect(document.first.partOf).toEqual({ id: document.id, type: "AnnotationCollection", label: "Annotations by 앨리스", total: 9 });
  });

  it("adds the shared annotations of others with ?scope=visible, and refuses the signed-out and bad queries", async () => {
    const visible = (await exportOf(alice, "?scope=visible")).body;
    expect(visible.first.items.map((item) => item.id)).toContain(`${baseURL}/annotations/${made.bobs.id}`);
    expect(visible.first.items.every((item) => item.creator?.id.endsWith(alice.user?.id as string) || item["reader:visibility"] === "shared")).toBe(true);
    expect((await new TestClient(baseURL).get<ErrorBody>("/api/export/annotations.jsonld")).status).toBe(401);
    const bad = await alice.get<ErrorBody>("/api/export/annotations.jsonld?scope=everyone");
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe("scope");
    const unknown = await alice.get<ErrorBody>("/api/export/annotations.jsonld?brief=no-such-brief");
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.field).toBe("brief");
  });
});

describe("round trip: export → import into an empty database → export", () => {
  let second: SecondApp | null = null;

  afterAll(async () => {
    await second?.stop();
  });

  it.skipIf(!briefsDir)("gives the same annotations, and a second import of the file changes nothing", { timeout: 120_000 }, async () => {
    const before = (await exportOf(alice)).body;
    second = await startSecondApp({ BRIEFS_DIR: briefsDir, ADMIN_EMAIL: appEnv.ADMIN_EMAIL ?? "" });
    const carol = await new TestClient(second.url).signUp("캐롤", uniqueEmail("carol"));
    expect((await exportOf(carol)).body.total).toBe(0);

    const report = await importDocument(carol, before, "?visibility=keep");
    expect(report.status).toBe(200);
    expect(report.body).toMatchObject({ imported: 9, skipped: [], notAnchored: [], reanchored: [], errors: [], anchors: { exact: 5, moved: 0, fuzzy: 0, orphaned: 0 } });

    const after = (await exportOf(carol)).body;
    expect(after.total).toBe(9);
    expect(after.first.items.every((item) => item.id.startsWith(`${second?.url}/annotations/`))).toBe(true);
    expect(comparable(after)).toEqual(comparable(before));
    // Where each came from: `via` is the id it had in the first installation.
    const beforeIds = new Set(before.first.items.map((item) => item.id));
    expect(after.first.items.every((item) => item.via !== undefined && beforeIds.has(item.via))).toBe(true);

    const again = await importDocument(carol, before, "?visibility=keep");
    expect(again.body.imported).toBe(0);
    expect(again.body.skipped).toHaveLength(9);
    expect(again.body.skipped.every((item) => item.reason === "already_imported")).toBe(true);
    // Nor does importing the second export, which names the same canonicals.
    expect((await importDocument(carol, after)).body.imported).toBe(0);
    expect((await exportOf(carol)).body.total).toBe(9);
    const listed = await carol.get<Annotation[]>(`/api/annotations?brief=${slug}`);
    expect(listed.body.filter((annotation) => annotation.author.id === carol.user?.id)).toHaveLength(9);
  });

  it("skips everything when a user imports their own export into the same installation, under any of its names", async () => {
    const own = (await exportOf(alice)).body;
    const report = await importDocument(alice, own);
    expect(report.body.imported).toBe(0);
    expect(report.body.skipped).toHaveLength(own.total);
    // Exported through another name of the same server: other IRIs, the same annotations.
    const elsewhere = new TestClient(baseURL.replace("127.0.0.1", "localhost"), alice.address);
    for (const [name, value] of alice.cookies) elsewhere.cookies.set(name, value);
    const renamed = (await exportOf(elsewhere)).body;
    expect(renamed.first.items[0].id.startsWith("http://localhost:")).toBe(true);
    const again = await importDocument(alice, renamed);
    expect(again.body).toMatchObject({ imported: 0, errors: [] });
    expect(again.body.skipped).toHaveLength(own.total);
  });

  it("imports another user's export as private copies by default, replies still under their notes", async () => {
    const dave = await new TestClient(baseURL).signUp("Dave", uniqueEmail("dave"));
    const report = await importDocument(dave, (await exportOf(alice)).body);
    expect(report.body).toMatchObject({ imported: 9, errors: [] });
    const copies = (await exportOf(dave)).body.first.items;
    expect(copies.every((item) => item["reader:visibility"] === "private")).toBe(true);
    const reply = copies.find((item) => item.motivation === "replying" && item.body?.[0].value === "스스로 답함") as Item;
    const parent = copies.find((item) => item.id === reply.target) as Item;
    expect(parent.body?.[0].value).toContain("**일호 RAA**");
  });
});

describe("import into a revised text", () => {
  const revisedSlug = `import-revised-${Date.now().toString(36)}`;
  const folder = briefsDir ? join(briefsDir, revisedSlug) : "";
  const original = TEST_BRIEF_SOURCE;
  const write = async (source: string) => {
    writeTestBrief(folder, source);
    await waitForBriefText(baseURL, revisedSlug, source);
  };

  it.skipIf(!briefsDir)("re-anchors each note and reports the moved, fuzzy and orphaned ones; orphans are kept", async () => {
    try {
      await write(original);
      const text = await briefText(revisedSlug);
      const quotes = ["그대로 남는 문장", "충분히 긴 문맥이 이어져서", "2022년 1월 발효된 일호 RAA", "나중에 지워질 문장"];
      for (const quote of quotes) await create(alice, { target: text.target(quote), body: `노트: ${quote}` }, revisedSlug);
      const exported = (await exportOf(alice, `?brief=${revisedSlug}`)).body;
      expect(exported.total).toBe(4);

      await write(original.replace("발효된 일호 RAA", "서명된 일호 RAA").replace("이 문장 뒤에는", "이 문장 뒤에는 아주").replace("❍ 셋째 주장은 나중에 지워질 문장임.\n", ""));
      const erin = await new TestClient(baseURL).signUp("Erin", uniqueEmail("erin"));
      const report = (await importDocument(erin, exported)).body;
      expect(report).toMatchObject({ imported: 4, errors: [], skipped: [], anchors: { exact: 1, moved: 1, fuzzy: 1, orphaned: 1 } });
      const indexOf = (quote: string) => exported.first.items.findIndex((item) => item.body?.[0].value === `노트: ${quote}`);
      expect(report.notAnchored).toEqual([expect.objectContaining({ index: indexOf("나중에 지워질 문장"), quote: "나중에 지워질 문장", reason: "quote_not_found" })]);
      expect(report.reanchored.map(({ index, status }) => ({ index, status })).sort((a, b) => a.index - b.index)).toEqual(
        [
          { index: indexOf("충분히 긴 문맥이 이어져서"), status: "moved" },
          { index: indexOf("2022년 1월 발효된 일호 RAA"), status: "fuzzy" },
        ].sort((a, b) => a.index - b.index),
      );
      const fuzzy = report.reanchored.find((item) => item.status === "fuzzy");
      expect(fuzzy?.score).toBeGreaterThan(0.75);
      expect(fuzzy?.score).toBeLessThan(1);

      // Stored as the report says: the orphan with its quote, the others on the current text.
      const list = (await erin.get<Annotation[]>(`/api/annotations?brief=${revisedSlug}`)).body;
      expect(list).toHaveLength(4);
      const orphan = list.find((item) => item.body === "노트: 나중에 지워질 문장");
      expect(orphan).toMatchObject({ anchor: { status: "orphaned", score: 0 }, target: { quote: { exact: "나중에 지워질 문장" } } });
      const current = await briefText(revisedSlug);
      const moved = list.find((item) => item.body === "노트: 충분히 긴 문맥이 이어져서") as Annotation;
      expect(moved.anchor?.status).toBe("moved");
      expect(moved.target).toMatchObject({ position: current.target("충분히 긴 문맥이 이어져서").position, blockId: current.target("충분히 긴 문맥이 이어져서").blockId });
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe("POST /api/import/annotations", () => {
  let frank: TestClient;

  beforeAll(async () => {
    frank = await new TestClient(baseURL).signUp("Frank", uniqueEmail("frank"));
  });

  it("imports a Hypothesis-style page: document-level quote and position selectors, the brief URL as source", async () => {
    const exact = "2022년 1월 발효된 일호 RAA";
    const { position } = brief.target(exact);
    const units = brief.text.indexOf(exact);
    const hypothesis = (id: string, start: number, end: number, tag: string) => ({
      "@context": "http://www.w3.org/ns/anno.jsonld",
      type: "Annotation",
      id: `https://hypothes.is/a/${id}-${Date.now().toString(36)}`,
      created: "2024-03-01T12:00:00.123456+00:00",
      modified: "2024-03-02T08:30:00.000000+00:00",
      creator: "acct:someone@hypothes.is",
      body: [
        { type: "TextualBody", value: `하이포시스 메모 ${id}`, format: "text/markdown" },
        { type: "TextualBody", value: tag, purpose: "tagging" },
      ],
      target: [
        {
          source: `${baseURL}/briefs/${slug}`,
          selector: [
            { type: "RangeSelector", startSelector: { type: "XPathSelector", value: "/main[1]/article[1]/p[3]" }, endSelector: { type: "XPathSelector", value: "/main[1]/article[1]/p[3]" } },
            { type: "TextPositionSelector", start, end },
            { type: "TextQuoteSelector", exact, prefix: brief.text.slice(Math.max(0, units - 20), units), suffix: brief.text.slice(units + exact.length, units + exact.length + 20) },
          ],
        },
      ],
    });
    // One with the position in code points as this reader counts; one counted some other way.
    const page = { type: "AnnotationPage", items: [hypothesis("h1", position.start, position.end, "hypothesis"), hypothesis("h2", position.start + 7, position.end + 7, "다른 태그")] };
    const report = await importDocument(frank, page, "", "application/json");
    expect(report.status).toBe(200);
    expect(report.body).toMatchObject({ imported: 2, errors: [], anchors: { exact: 1, moved: 1 } });
    const items = (await exportOf(frank)).body.first.items;
    const h1 = items.find((item) => item.body?.[0].value === "하이포시스 메모 h1") as Item;
    expect(h1).toMatchObject({ motivation: "commenting", created: "2024-03-01T12:00:00.123Z", modified: "2024-03-02T08:30:00.000Z", "reader:visibility": "private" });
    expect(h1.canonical).toMatch(/^https:\/\/hypothes\.is\/a\/h1-/);
    expect(h1.body?.[1]).toEqual({ type: "TextualBody", value: "hypothesis", purpose: "tagging" });
    expect((h1.target as { source: string }).source).toBe(`${baseURL}/briefs/${slug}`);
  });

  it("reports bad items by index and field, and imports the rest", async () => {
    const good = { type: "Annotation", id: `urn:test:${Date.now()}`, bodyValue: "일본 메모", target: `${baseURL}/entities/jp` };
    const report = await importDocument(frank, [
      good,
      { type: "Annotation", target: `${baseURL}/entities/no-such-entity` },
      { type: "Annotation", target: { source: `${baseURL}/briefs/${slug}`, selector: { type: "TextQuoteSelector", exact: "" } } },
      { type: "Annotation", motivation: "replying", bodyValue: "부모 없는 답글", target: `${baseURL}/annotations/does-not-exist` },
      { type: "Annotation", bodyValue: "x".repeat(20_001), target: `${baseURL}/entities/jp` },
    ]);
    expect(report.status).toBe(200);
    expect(report.body.imported).toBe(1);
    expect(report.body.errors.map(({ index, field }) => [index, field])).toEqual([
      [1, "target"],
      [2, "target.selector"],
      [3, "target"],
      [4, "body"],
    ]);
  });

  it("links a reply to a shared note of another user on this reader", async () => {
    const report = await importDocument(frank, { type: "Annotation", motivation: "replying", bodyValue: "앨리스의 노트에 답글", target: `${baseURL}/annotations/${made.comment.id}` });
    expect(report.body).toMatchObject({ imported: 1, errors: [] });
    const replies = (await frank.get<Annotation[]>(`/api/annotations?brief=${slug}`)).body.filter((item) => item.parentId === made.comment.id && item.author.id === frank.user?.id);
    expect(replies).toHaveLength(1);
    // A private note of someone else is not there to reply to.
    const hidden = await importDocument(frank, { type: "Annotation", motivation: "replying", bodyValue: "엿보기", target: `${baseURL}/annotations/${made.question.id}` });
    expect(hidden.body.errors[0]).toMatchObject({ index: 0, field: "target" });
  });

  it("refuses unreadable documents with 400, wrong types with 415, too large with 413, naming the field", async () => {
    const cases: [JSON | string, string, number, string][] = [
      ["{ not json", "application/ld+json", 400, "(body)"],
      ['{"type":"Person"}', "application/ld+json", 400, "type"],
      ['{"type":"AnnotationCollection","total":2,"first":"https://elsewhere.example/page1"}', "application/ld+json", 400, "first"],
      ['{"type":"AnnotationPage","items":{}}', "application/json", 400, "items"],
      ["[]", "text/plain", 415, "content-type"],
      ["[]", "application/x-www-form-urlencoded", 415, "content-type"],
    ];
    for (const [body, type, status, field] of cases) {
      const response = await frank.request<ErrorBody>("POST", "/api/import/annotations", { raw: body as string, headers: { "content-type": type } });
      expect(response.status, body as string).toBe(status);
      expect(response.body.error.field, body as string).toBe(field);
    }
    const huge = await frank.request<ErrorBody>("POST", "/api/import/annotations", { raw: `[${" ".repeat(10_000_001)}]`, headers: { "content-type": "application/ld+json" } });
    expect(huge.status).toBe(413);
    const query = await frank.request<ErrorBody>("POST", "/api/import/annotations?visibility=public", { raw: "[]", headers: { "content-type": "application/ld+json" } });
    expect(query.status).toBe(400);
    expect(query.body.error.field).toBe("visibility");
    expect((await new TestClient(baseURL).request("POST", "/api/import/annotations", { raw: "[]", headers: { "content-type": "application/ld+json" } })).status).toBe(401);
    const crossSite = await frank.request<ErrorBody>("POST", "/api/import/annotations", { raw: "[]", headers: { "content-type": "application/ld+json", origin: "https://evil.example" } });
    expect(crossSite.status).toBe(403);
  });

  it("counts an import of 1,000 notes as one write, not 1,000", { timeout: 60_000 }, async () => {
    const grace = await new TestClient(baseURL).signUp("Grace", uniqueEmail("grace"));
    const stamp = Date.now().toString(36);
    const blocks = brief.spans.filter((span) => Array.from(span.text).length > 12);
    const items = Array.from({ length: 1_000 }, (_, index) => {
      const block = blocks[index % blocks.length];
      const start = index % 5;
      const exact = Array.from(block.text).slice(start, start + 8).join("");
      return {
        type: "Annotation",
        id: `urn:bulk:${stamp}:${index}`,
        body: { type: "TextualBody", value: `대량 ${index}`, format: "text/markdown", purpose: "commenting" },
        target: { source: `${baseURL}/briefs/${slug}`, selector: [{ type: "FragmentSelector", value: block.id, refinedBy: { type: "TextQuoteSelector", exact } }, { type: "FragmentSelector", value: block.id, refinedBy: { type: "TextPositionSelector", start, end: start + Array.from(exact).length } }] },
      };
    });
    const started = performance.now();
    const report = await importDocument(grace, { type: "AnnotationPage", items });
    const elapsed = performance.now() - started;
    expect(report.status).toBe(200);
    expect(report.body).toMatchObject({ imported: 1_000, errors: [], anchors: { exact: 1_000 } });
    console.log(`import of 1,000 notes: ${Math.round(elapsed)} ms`);
    // The write limit (120 a minute) still has room.
    expect((await grace.post("/api/annotations", { brief: slug, target: { entityId: "jp" }, body: "다음 쓰기" })).status).toBe(201);
    expect((await exportOf(grace)).body.total).toBe(1_001);
  });
});

describe("GET /api/export/notes.md", () => {
  it("answers a Markdown download whose front matter parses and whose every link lands on its sentence", async () => {
    const response = await alice.request<string>("GET", `/api/export/notes.md?brief=${slug}&lang=ko`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/markdown; charset=utf-8");
    expect(response.headers.get("content-disposition")).toContain(`filename="${slug}-notes.md"`);
    const markdown = response.body;
    const front = parseYaml(/^---\n([\s\S]*?)\n---\n/.exec(markdown)?.[1] ?? "") as Record<string, unknown>;
    expect(front).toMatchObject({ title: brief.view.title, brief: slug, source: `${baseURL}/briefs/${slug}`, notes: 7, replies: 2, highlights: 1, questions: 1 });
    expect(front.tags).toEqual(expect.arrayContaining(["RAA", "일본_필리핀", "동맹", "_2022"]));
    // The comment's own "## 요점" heading is demoted under the note.
    expect(markdown).toContain("#### 요점");
    expect(markdown).not.toMatch(/^## 요점/m);
    expect(markdown).toContain(`${baseURL}/agreements/raa-jp-gb`);

    const links = [...markdown.matchAll(/\]\((http[^)\s]+\?note=([^)#\s]+)#([^)\s]+))\)/g)].map(([, url, note, block]) => ({ url, note, block }));
    const noted = ["highlight", "comment", "question", "tagging", "across"].map((key) => made[key].id);
    expect(links.map((item) => item.note).sort()).toEqual(noted.sort());
    const page = await (await fetch(`${baseURL}/briefs/${slug}`)).text();
    const blockIds = new Set(brief.spans.map((span) => span.id));
    for (const link of links) {
      expect(blockIds.has(link.block), link.url).toBe(true);
      expect(page, link.block).toContain(`id="${link.block}"`);
      expect(link.url.startsWith(`${baseURL}/briefs/${slug}?note=`)).toBe(true);
    }
    const annotation = made.across;
    expect(links.find((item) => item.note === annotation.id)?.block).toBe((annotation.target as { blockId: string }).blockId);
  });

  it("uses the English words with lang=en, and refuses a missing brief or the signed-out", async () => {
    const english = await alice.request<string>("GET", `/api/export/notes.md?brief=${slug}&lang=en`);
    expect(english.body).toContain("## Notes on entities and records");
    const missing = await alice.get<ErrorBody>("/api/export/notes.md");
    expect(missing.status).toBe(400);
    expect(missing.body.error.field).toBe("brief");
    expect((await alice.get<ErrorBody>("/api/export/notes.md?brief=no-such-brief")).status).toBe(404);
    expect((await new TestClient(baseURL).get(`/api/export/notes.md?brief=${slug}`)).status).toBe(401);
  });
});

describe("GET /api/agreements?format=json&download=1", () => {
  it("answers the records as a JSON file to save", async () => {
    const response = await fetch(`${baseURL}/api/agreements?format=json&download=1`);
    expect(response.headers.get("content-disposition")).toContain('filename="agreements.json"');
    const records = (await response.json()) as { id: string }[];
    expect(records.map((record) => record.id)).toContain("raa-jp-gb");
  });
});
