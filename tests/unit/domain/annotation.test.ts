/** The annotation input schemas: what is accepted, how it is normalized, which field a refusal names. */
import { describe, expect, it } from "vitest";
import {
  briefChangesQuery,
  contentProblem,
  createAnnotationSchema,
  createRequestText,
  decodeListCursor,
  encodeListCursor,
  listAnnotationsQuery,
  patchAnnotationSchema,
  TOO_LARGE,
} from "@/lib/domain/annotation";

const text = { blockId: "c-1", quote: { exact: "일본" }, position: { start: 0, end: 2 } };

function firstIssue(result: { success: boolean; error?: { issues: { path: PropertyKey[]; code: string; params?: unknown }[] } }) {
  expect(result.success).toBe(false);
  const issue = result.error?.issues[0];
  return { path: issue?.path.join("."), code: issue?.code, params: issue?.params };
}

describe("createAnnotationSchema", () => {
  it("accepts a text target and fills in defaults", () => {
    const input = createAnnotationSchema.parse({ brief: "b", target: text });
    expect(input).toMatchObject({ brief: "b", body: "", tags: [], target: text });
  });

  it("accepts an entity target", () => {
    expect(createAnnotationSchema.parse({ brief: "b", target: { entityId: "jp" } }).target).toEqual({ entityId: "jp" });
  });

  it("names the missing part of a text target", () => {
    expect(firstIssue(createAnnotationSchema.safeParse({ brief: "b", target: { blockId: "c-1", quote: { exact: "x" } } })).path).toBe("target.position");
  });

  it("refuses a target that is both text and entity, naming the extra part", () => {
    expect(firstIssue(createAnnotationSchema.safeParse({ brief: "b", target: { ...text, entityId: "jp" } })).path).toBe("target.blockId");
  });

  it("normalizes the quote and the body to NFC, as all stored text (lib/text/stored-text.ts)", () => {
    const nfd = "\u1100\u1161"; // 가 decomposed
    const input = createAnnotationSchema.parse({ brief: "b", target: { ...text, quote: { exact: nfd } }, body: nfd });
    expect((input.target as { quote: { exact: string } }).quote.exact).toBe("가");
    expect(input.body).toBe("가");
  });

  it("trims, normalizes and de-duplicates tags, keeping their order", () => {
    expect(createAnnotationSchema.parse({ brief: "b", target: text, tags: [" 안보 ", "일본", "안보"] }).tags).toEqual(["안보", "일본"]);
  });

  it("counts the body limit in code points and marks an overlong body as too large", () => {
    expect(createAnnotationSchema.safeParse({ brief: "b", target: text, body: "😀".repeat(20_000) }).success).toBe(true);
    const issue = firstIssue(createAnnotationSchema.safeParse({ brief: "b", target: text, body: "a".repeat(20_001) }));
    expect(issue).toMatchObject({ path: "body", params: TOO_LARGE });
  });

  it("wants a brief and a target unless it is a reply, and no target on a reply", () => {
    expect(firstIssue(createAnnotationSchema.safeParse({ target: text })).path).toBe("brief");
    expect(firstIssue(createAnnotationSchema.safeParse({ brief: "b" })).path).toBe("target");
    expect(createAnnotationSchema.safeParse({ parentId: "p", body: "답" }).success).toBe(true);
    expect(firstIssue(createAnnotationSchema.safeParse({ parentId: "p", target: text })).path).toBe("target");
  });

  it("refuses unknown fields", () => {
    expect(firstIssue(createAnnotationSchema.safeParse({ brief: "b", target: text, hidden: true })).code).toBe("unrecognized_keys");
  });
});

describe("patchAnnotationSchema", () => {
  it("accepts the fields a person may change", () => {
    expect(patchAnnotationSchema.parse({ body: "x", deleted: false, hidden: true, color: null, visibility: "shared" })).toMatchObject({ body: "x", deleted: false });
  });

  it("refuses an empty patch and fields that never change, and takes a new target to re-attach", () => {
    expect(patchAnnotationSchema.safeParse({}).success).toBe(false);
    expect(firstIssue(patchAnnotationSchema.safeParse({ brief: "japan-quasi-alliance" })).code).toBe("unrecognized_keys");
    expect(patchAnnotationSchema.safeParse({ target: text }).success).toBe(true);
  });
});

describe("contentProblem", () => {
  it("wants a body on comments and questions, a tag on tagging, nothing on highlights", () => {
    expect(contentProblem({ motivation: "commenting", body: "  ", tags: [] })?.field).toBe("body");
    expect(contentProblem({ motivation: "questioning", body: "", tags: [] })?.field).toBe("body");
    expect(contentProblem({ motivation: "tagging", body: "", tags: [] })?.field).toBe("tags");
    expect(contentProblem({ motivation: "highlighting", body: "", tags: [] })).toBeNull();
  });
});

describe("createRequestText", () => {
  const of = (raw: unknown) => createRequestText(createAnnotationSchema.parse(raw));

  it("is the same for the same request, whatever its key order, defaults or quote normalization", () => {
    const nfd = "일본".normalize("NFD");
    expect(of({ brief: "b", target: text, body: "메모" })).toBe(of({ body: "메모", target: { position: text.position, quote: { exact: nfd }, blockId: "c-1" }, brief: "b", tags: [] }));
  });

  it("differs when anything asked for differs", () => {
    const base = of({ brief: "b", target: text, body: "메모" });
    expect(of({ brief: "b", target: text, body: "메모!" })).not.toBe(base);
    expect(of({ brief: "b", target: text, body: "메모", visibility: "shared" })).not.toBe(base);
    expect(of({ brief: "b", target: { ...text, position: { start: 1, end: 3 } }, body: "메모" })).not.toBe(base);
    expect(of({ brief: "b", target: text, body: "메모", tags: ["t"] })).not.toBe(base);
  });
});

describe("the list's pages", () => {
  const cursor = { createdAt: new Date("2026-12-04T10:00:00.123Z"), id: "0d4c1b2e-9a5f-4c11-8f0e-3f6d2b1c9e7a" };

  it("hands out a position that reads back as the same note", () => {
    const encoded = encodeListCursor(cursor);
    expect(encoded).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeListCursor(encoded)).toEqual(cursor);
    expect(listAnnotationsQuery.parse({ brief: "b", limit: "50", after: encoded })).toEqual({ brief: "b", limit: 50, after: cursor });
  });

  it("refuses a position it did not give out, or one without a limit, naming `after`", () => {
    for (const after of ["", "!!", Buffer.from("no bar").toString("base64url"), Buffer.from("not a date|x").toString("base64url"), Buffer.from("2026-12-04T10:00:00Z|\u0000").toString("base64url")]) {
      expect(firstIssue(listAnnotationsQuery.safeParse({ brief: "b", limit: "10", after })).path, after).toBe("after");
    }
    expect(firstIssue(listAnnotationsQuery.safeParse({ brief: "b", after: encodeListCursor(cursor) })).path).toBe("after");
  });

  it("takes a limit from 1 to 1,000, and a whole-number position for the changes", () => {
    for (const limit of ["0", "1001", "1.5", "x"]) expect(firstIssue(listAnnotationsQuery.safeParse({ brief: "b", limit })).path, limit).toBe("limit");
    expect(listAnnotationsQuery.parse({ brief: "b", limit: "1000" }).limit).toBe(1000);
    expect(briefChangesQuery.parse({ since: "42" })).toEqual({ since: 42 });
    for (const since of ["-1", "1.5", "", "x"]) expect(firstIssue(briefChangesQuery.safeParse({ since })).path, since).toBe("since");
  });
});
