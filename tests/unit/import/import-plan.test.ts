import { describe, expect, it } from "vitest";
import type { BriefText } from "@/lib/anchoring/brief-text";
import { AppError } from "@/lib/domain/errors";
import { iriResolver } from "@/lib/w3c/web-annotation";
import { annotationsOfDocument, MAX_IMPORT_ITEMS } from "@/lib/import/annotation-document";
import { contentKey, type ImportContext, type KnownAnnotation, parentsOutside, planImport, readImportItems } from "@/lib/import/import-plan";

const base = "https://reader.example";
const elsewhere = "https://other.example";
const slug = "japan-quasi-alliance";
const resolve = iriResolver(base);

/** A brief text of blocks joined by "\n", with code-point offsets. */
function textOf(blocks: [string, string][]): BriefText {
  let at = 0;
  const spans = blocks.map(([id, text]) => {
    const span = { id, start: at, end: at + Array.from(text).length };
    at = span.end + 1;
    return span;
  });
  return { text: blocks.map(([, text]) => text).join("\n"), blocks: spans };
}

const text = textOf([
  ["c-one", "일본은 전수방위 원칙 속에서 미일동맹 중심의 안보정책을 유지해 왔음."],
  ["p-two", "2022년 1월 발효된 일호 RAA는 양국 군대가 상대국에서 훈련할 수 있게 함."],
]);

function context(overrides: Partial<ImportContext> = {}): ImportContext {
  let serial = 0;
  return {
    authorId: "importer",
    briefs: new Map([[slug, { sha256: "sha-now", text }]]),
    briefFor: () => slug,
    entities: new Set(["raa-jp-gb", "jp"]),
    existing: new Map(),
    outside: new Map(),
    visibility: "private",
    now: new Date("2026-11-25T00:00:00Z"),
    newId: () => `new-${++serial}`,
    ...overrides,
  };
}

/** A W3C annotation on `exact` in block `block` of the brief, exported from `elsewhere`. */
function onText(id: string, exact: string, extra: Record<string, unknown> = {}, block = "c-one") {
  const blockText = text.blocks.find((item) => item.id === block) as { start: number };
  const start = Array.from(text.text.slice(0, text.text.indexOf(exact))).length - blockText.start;
  return {
    id: `${elsewhere}/annotations/${id}`,
    type: "Annotation",
    motivation: "commenting",
    body: [{ type: "TextualBody", value: `노트 ${id}`, format: "text/markdown", purpose: "commenting" }],
    target: {
      source: `${elsewhere}/briefs/${slug}`,
      selector: [
        { type: "FragmentSelector", value: block, refinedBy: { type: "TextQuoteSelector", exact } },
        { type: "FragmentSelector", value: block, refinedBy: { type: "TextPositionSelector", start, end: start + Array.from(exact).length } },
      ],
    },
    ...extra,
  };
}

function replyTo(id: string, parent: string, extra: Record<string, unknown> = {}) {
  return {
    id: `${elsewhere}/annotations/${id}`,
    type: "Annotation",
    motivation: "replying",
    body: { type: "TextualBody", value: `답글 ${id}`, purpose: "commenting" },
    target: `${elsewhere}/annotations/${parent}`,
    ...extra,
  };
}

const plan = (items: unknown[], overrides: Partial<ImportContext> = {}) => planImport(readImportItems(items, resolve), context(overrides));

/** `onText` without an id, as Hypothesis-style tools and hand-written files send it. */
function withoutId(exact: string, body: string, block = "c-one") {
  const { id: _id, ...item } = onText("x", exact, {}, block);
  return { ...item, body: [{ type: "TextualBody", value: body, format: "text/markdown", purpose: "commenting" }] };
}

describe("planImport without ids", () => {
  it("skips an item the importer already has by content, target and creator, and a repeat in the document", () => {
    const known: KnownAnnotation = { id: "stored-1", brief: slug, visibility: "private", deleted: false };
    const stored = contentKey({ motivation: "commenting", body: "발효일 확인", target: { kind: "text", brief: slug, exact: "전수방위 원칙" } });
    const items = [withoutId("전수방위 원칙", "발효일 확인"), withoutId("미일동맹", "새 노트"), withoutId("미일동맹", "새  노트"), withoutId("미일동맹", "다른 노트")];
    const { rows, report } = plan(items, { existingContent: new Map([[stored, known]]) });
    expect(report.skipped).toEqual([
      { index: 0, id: null, reason: "already_imported", existingId: "stored-1" },
      { index: 2, id: null, reason: "duplicate" },
    ]);
    expect(rows.map((row) => row.body)).toEqual(["새 노트", "다른 노트"]);
  });

  it("imports the same words on another passage, or another kind, as new notes", () => {
    const { rows, report } = plan([withoutId("전수방위 원칙", "같은 말"), withoutId("미일동맹", "같은 말")]);
    expect(report.skipped).toEqual([]);
    expect(rows).toHaveLength(2);
    expect(contentKey({ motivation: "questioning", body: "같은 말", target: { kind: "entity", entityId: "jp" } })).not.toBe(
      contentKey({ motivation: "commenting", body: "같은 말", target: { kind: "entity", entityId: "jp" } }),
    );
  });
});

describe("planImport", () => {
  it("stores parents before their replies, whatever the input order, and links replies to the new ids", () => {
    const { rows, report } = plan([replyTo("r2", "r1"), replyTo("r1", "a1"), onText("a1", "전수방위 원칙")]);
    expect(report.errors).toEqual([]);
    expect(rows.map((row) => row.via)).toEqual([`${elsewhere}/annotations/a1`, `${elsewhere}/annotations/r1`, `${elsewhere}/annotations/r2`]);
    const [note, r1, r2] = rows;
    expect(note.parentId).toBeNull();
    expect(r1.parentId).toBe(note.id);
    expect(r2.parentId).toBe(r1.id);
    expect(r2).toMatchObject({ brief: slug, target: null, revision: "sha-now", motivation: "commenting", body: "답글 r2" });
  });

  it("keeps canonical (or the incoming id) and sets via to the incoming id", () => {
    const { rows } = plan([onText("a1", "전수방위 원칙", { canonical: "urn:uuid:1234" }), onText("a2", "미일동맹")]);
    expect(rows[0]).toMatchObject({ canonical: "urn:uuid:1234", via: `${elsewhere}/annotations/a1` });
    expect(rows[1]).toMatchObject({ canonical: `${elsewhere}/annotations/a2`, via: `${elsewhere}/annotations/a2` });
  });

  it("skips what the user already has, and links replies to the annotation already there", () => {
    const known: KnownAnnotation = { id: "stored-1", brief: slug, visibility: "private", deleted: false };
    const { rows, report } = plan([onText("a1", "전수방위 원칙"), replyTo("r1", "a1")], { existing: new Map([[`${elsewhere}/annotations/a1`, known]]) });
    expect(report.skipped).toEqual([{ index: 0, id: `${elsewhere}/annotations/a1`, reason: "already_imported", existingId: "stored-1" }]);
    expect(rows).toHaveLength(1);
    expect(rows[0].parentId).toBe("stored-1");
  });

  it("skips a second item with the same canonical in one document; replies to either go to the first", () => {
    const first = onText("a1", "전수방위 원칙", { canonical: "urn:x:1" });
    const again = onText("a2", "전수방위 원칙", { canonical: "urn:x:1" });
    const { rows, report } = plan([first, again, replyTo("r1", "a2")]);
    expect(report.skipped).toEqual([{ index: 1, id: `${elsewhere}/annotations/a2`, reason: "duplicate" }]);
    expect(rows).toHaveLength(2);
    expect(rows[1].parentId).toBe(rows[0].id);
  });

  it("reports each bad item with its field and imports the others", () => {
    const items = [
      onText("ok", "전수방위 원칙"),
      { type: "Annotation", body: "no target" },
      onText("bad-brief", "전수방위 원칙", { target: { source: `${base}/briefs/no-such-brief`, selector: { type: "TextQuoteSelector", exact: "x" } } }),
      { type: "Annotation", target: `${base}/entities/nobody` },
      onText("empty-comment", "전수방위 원칙", { body: undefined, motivation: "commenting" }),
      replyTo("orphan-reply", "missing"),
      onText("many-tags", "전수방위 원칙", { body: Array.from({ length: 21 }, (_, index) => ({ type: "TextualBody", value: `t${index}`, purpose: "tagging" })) }),
      { type: "Annotation", target: { source: `${base}/briefs/${slug}`, selector: { type: "TextPositionSelector", start: 5, end: 1 } } },
      "not an object",
      onText("long-id", "미일동맹", { id: `urn:x:${"x".repeat(2_000)}` }),
      onText("after", "미일동맹"),
    ];
    const { rows, report } = plan(items);
    expect(report.errors.map(({ index, field }) => [index, field])).toEqual([
      [1, "target"],
      [2, "target.source"],
      [3, "target"],
      [4, "body"],
      [5, "target"],
      [6, "body"],
      [7, "target.selector"],
      [8, "(item)"],
      [9, "id"],
    ]);
    expect(rows.map((row) => row.via)).toEqual([`${elsewhere}/annotations/ok`, `${elsewhere}/annotations/after`]);
    expect(report.errors[4].message).toContain("missing");
  });

  it("fails a reply whose parent failed, and replies that form a cycle", () => {
    const { rows, report } = plan([replyTo("r1", "bad"), { ...onText("bad", "전수방위 원칙"), target: `${base}/entities/nobody` }, replyTo("x", "y"), replyTo("y", "x")]);
    expect(rows).toEqual([]);
    expect(report.errors.map((error) => error.index)).toEqual([0, 1, 2, 3]);
    expect(report.errors[0].message).toContain("was not imported");
    expect(report.errors.some((error) => error.message.includes("cycle"))).toBe(true);
  });

  it("orders a chain of 5,000 replies given deepest first, without overflowing the stack", () => {
    const chain = [onText("r0", "전수방위 원칙"), ...Array.from({ length: 4_999 }, (_, index) => replyTo(`r${index + 1}`, `r${index}`))];
    const { rows, report } = plan([...chain].reverse());
    expect(report.errors).toEqual([]);
    expect(rows).toHaveLength(5_000);
    expect(rows[0].parentId).toBeNull();
    expect(rows.every((row, index) => index === 0 || row.parentId === rows[index - 1].id)).toBe(true);
  });

  it("links a reply to an annotation outside the document that the user may see", () => {
    const parentIri = `${base}/annotations/shared-1`;
    const read = readImportItems([{ type: "Annotation", motivation: "replying", bodyValue: "밖의 노트에 답글", target: parentIri }], resolve);
    expect(parentsOutside(read)).toEqual([parentIri]);
    const { rows } = planImport(read, context({ outside: new Map([[parentIri, { id: "shared-1", brief: slug, visibility: "shared", deleted: false }]]) }));
    expect(rows[0]).toMatchObject({ parentId: "shared-1", brief: slug, visibility: "private" });
  });

  it("makes everything private by default; keeps visibility when asked, but a reply to a private note stays private", () => {
    const shared = onText("a1", "전수방위 원칙", { "reader:visibility": "shared" });
    const secret = onText("a2", "미일동맹", { "reader:visibility": "private" });
    const items = [shared, replyTo("r1", "a1", { "reader:visibility": "shared" }), secret, replyTo("r2", "a2", { "reader:visibility": "shared" })];
    expect(plan(items).rows.map((row) => row.visibility)).toEqual(["private", "private", "private", "private"]);
    expect(plan(items, { visibility: "keep" }).rows.map((row) => row.visibility)).toEqual(["shared", "shared", "private", "private"]);
  });

  it("keeps a group note in its group only when the importer is in it; a reply keeps it only with its parent's audience", () => {
    const group = `${elsewhere}/api/groups/circle`;
    const inGroup = onText("g1", "전수방위 원칙", { "reader:visibility": "group", "reader:group": group });
    const items = [
      inGroup,
      replyTo("g2", "g1", { "reader:visibility": "group", "reader:group": group }),
      replyTo("g3", "g1", { "reader:visibility": "shared" }),
      onText("g4", "미일동맹", { "reader:visibility": "group", "reader:group": `${elsewhere}/api/groups/another` }),
    ];
    const audience = (rows: { visibility: string; group: { id: string } | null }[]) => rows.map((row) => `${row.visibility}${row.group ? `:${row.group.id}` : ""}`);
    expect(audience(plan(items, { visibility: "keep", groups: new Map([["circle", "Circle"]]) }).rows)).toEqual(["group:circle", "group:circle", "private", "private"]);
    expect(audience(plan(items, { visibility: "keep" }).rows)).toEqual(["private", "private", "private", "private"]);
    expect(audience(plan(items, { groups: new Map([["circle", "Circle"]]) }).rows)).toEqual(["private", "private", "private", "private"]);
  });

  it("re-anchors on the current text: exact, moved, fuzzy, and an orphan kept with its quote", () => {
    const exact = onText("exact", "전수방위 원칙");
    const moved = onText("moved", "미일동맹");
    // Its position points at the other block: the quote is found elsewhere.
    (moved.target.selector[1] as { value: string }).value = "p-two";
    const fuzzy = onText("fuzzy", "전수방위 원칙");
    fuzzy.target.selector[0].refinedBy = { type: "TextQuoteSelector", exact: "전수방어 원칙 속에서 미일동맹 중심" } as never;
    const orphan = onText("orphan", "전수방위 원칙");
    orphan.target.selector = [{ type: "TextQuoteSelector", exact: "이 문장은 어디에도 없는 전혀 다른 내용임" }] as never;
    const { rows, report } = plan([exact, moved, fuzzy, orphan]);
    expect(rows.map((row) => row.anchor?.status)).toEqual(["exact", "moved", "fuzzy", "orphaned"]);
    expect(report.anchors).toEqual({ exact: 1, moved: 1, fuzzy: 1, orphaned: 1 });
    expect(report.reanchored.map((item) => [item.index, item.status])).toEqual([
      [1, "moved"],
      [2, "fuzzy"],
    ]);
    expect(report.notAnchored).toEqual([{ index: 3, id: `${elsewhere}/annotations/orphan`, newId: rows[3].id, quote: "이 문장은 어디에도 없는 전혀 다른 내용임", reason: "quote_not_found" }]);
    // Stored where the text is now, with context filled in from it.
    const place = rows[1].target as { blockId: string; quote: { prefix: string }; position: { start: number } };
    expect(place.blockId).toBe("c-one");
    expect(place.position.start).toBe(Array.from(text.text.slice(0, text.text.indexOf("미일동맹"))).length);
    expect(place.quote.prefix.endsWith("원칙 속에서 ")).toBe(true);
    expect(rows[3].target).toMatchObject({ quote: { exact: "이 문장은 어디에도 없는 전혀 다른 내용임" } });
  });

  it("reads a span across blocks from its range selector", () => {
    const exact = "유지해 왔음.\n2022년";
    const start = Array.from(text.text.slice(0, text.text.indexOf(exact))).length;
    const item = {
      type: "Annotation",
      target: {
        source: `${elsewhere}/briefs/${slug}`,
        selector: [
          { type: "FragmentSelector", value: "c-one", refinedBy: { type: "TextQuoteSelector", exact } },
          {
            type: "RangeSelector",
            startSelector: { type: "FragmentSelector", value: "c-one", refinedBy: { type: "TextPositionSelector", start, end: start } },
            endSelector: { type: "FragmentSelector", value: "p-two", refinedBy: { type: "TextPositionSelector", start: 5, end: 5 } },
          },
        ],
      },
    };
    const { rows } = plan([item]);
    expect(rows[0]).toMatchObject({ anchor: { status: "exact" }, target: { blockId: "c-one", position: { start, end: start + Array.from(exact).length } }, motivation: "highlighting" });
  });

  it("places a note on an entity in the brief it names, or the one the reader chooses for it", () => {
    const onEntity = { type: "Annotation", bodyValue: "영일 RAA", target: `${elsewhere}/agreements/raa-jp-gb` };
    expect(plan([onEntity]).rows[0]).toMatchObject({ brief: slug, target: { entityId: "raa-jp-gb" }, motivation: "commenting" });
    const nowhere = plan([onEntity], { briefFor: () => null });
    expect(nowhere.report.errors[0].field).toBe("reader:brief");
    expect(plan([{ ...onEntity, "reader:brief": `${elsewhere}/briefs/${slug}` }], { briefFor: () => null }).rows[0].brief).toBe(slug);
    expect(plan([{ ...onEntity, "reader:brief": `${elsewhere}/briefs/other-brief` }]).report.errors[0].field).toBe("reader:brief");
  });

  it("keeps created and modified when they are real dates in the past, else uses now", () => {
    const now = new Date("2026-11-25T00:00:00Z");
    const kept = plan([onText("a", "전수방위 원칙", { created: "2024-05-01T10:00:00.123456+09:00", modified: "2024-06-01T00:00:00Z" })]).rows[0];
    expect(kept.createdAt.toISOString()).toBe("2024-05-01T01:00:00.123Z");
    expect(kept.modifiedAt.toISOString()).toBe("2024-06-01T00:00:00.000Z");
    expect(kept.editedAt?.toISOString()).toBe("2024-06-01T00:00:00.000Z");
    const future = plan([onText("b", "전수방위 원칙", { created: "2099-01-01T00:00:00Z", modified: "yesterday" })]).rows[0];
    expect(future.createdAt).toEqual(now);
    expect(future.modifiedAt).toEqual(now);
    expect(future.editedAt).toBeNull();
    const backwards = plan([onText("c", "전수방위 원칙", { created: "2024-05-01T00:00:00Z", modified: "2020-01-01T00:00:00Z" })]).rows[0];
    expect(backwards.modifiedAt).toEqual(backwards.createdAt);
  });
});

describe("annotationsOfDocument", () => {
  const item = { type: "Annotation", target: "x" };

  it("takes a collection with embedded pages, a page, an array or one annotation", () => {
    expect(annotationsOfDocument({ type: "AnnotationCollection", first: { type: "AnnotationPage", items: [item], next: { type: "AnnotationPage", items: [item, item] } } })).toHaveLength(3);
    expect(annotationsOfDocument({ type: "AnnotationPage", items: [item] })).toHaveLength(1);
    expect(annotationsOfDocument([item, item])).toHaveLength(2);
    expect(annotationsOfDocument(item)).toEqual([item]);
    expect(annotationsOfDocument({ type: "AnnotationCollection", total: 0 })).toEqual([]);
  });

  it("refuses other shapes naming the field, and too many items with too_large", () => {
    const fieldOf = (document: unknown) => {
      try {
        annotationsOfDocument(document);
      } catch (error) {
        return [(error as AppError).code, (error as AppError).field];
      }
      return null;
    };
    expect(fieldOf("text")).toEqual(["invalid_input", "(body)"]);
    expect(fieldOf({ type: "Person" })).toEqual(["invalid_input", "type"]);
    expect(fieldOf({ type: "AnnotationCollection", total: 3, first: `${base}/page1` })).toEqual(["invalid_input", "first"]);
    expect(fieldOf({ type: "AnnotationPage", items: "none" })).toEqual(["invalid_input", "items"]);
    expect(fieldOf({ type: "AnnotationCollection", first: { type: "AnnotationPage", items: [], next: { items: 1 } } })).toEqual(["invalid_input", "first.next.items"]);
    expect(fieldOf(Array.from({ length: MAX_IMPORT_ITEMS + 1 }, () => item))).toEqual(["too_large", "items"]);
    expect(new AppError("invalid_input", "x").code).toBe("invalid_input");
  });
});
