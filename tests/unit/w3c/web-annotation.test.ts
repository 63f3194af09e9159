import { describe, expect, it } from "vitest";
import type { Annotation } from "@/lib/domain/annotation";
import {
  documentPosition,
  fromWebAnnotation,
  iriResolver,
  iriScheme,
  toWebAnnotation,
  WebAnnotationError,
  webAnnotationInputSchema,
} from "@/lib/w3c/web-annotation";

const base = "http://127.0.0.1:4000";
const iris = iriScheme(base, (id) => id.startsWith("jp-"));
// Two blocks: "가나다라마" (0–5) and "바사아" (6–9), joined by "\n".
const text = { blocks: [{ id: "c-one", start: 0, end: 5 }, { id: "p-two", start: 6, end: 9 }] };

function annotation(overrides: Partial<Annotation>): Annotation {
  return {
    id: "a1",
    brief: "japan-quasi-alliance",
    motivation: "commenting",
    group: null,
    visibility: "shared",
    target: { blockId: "c-one", quote: { exact: "다라", prefix: "가나", suffix: "마" }, position: { start: 2, end: 4 } },
    body: "**메모**",
    tags: ["RAA", "호주"],
    parentId: null,
    author: { id: "u1", name: "연구자" },
    created: "2026-11-24T00:00:00.000Z",
    modified: "2026-11-24T00:00:00.000Z",
    edited: false,
    deleted: false,
    hidden: false,
    anchor: { status: "exact", score: 1, revision: "abc" },
    color: "#ffd400",
    version: 1,
    canonical: null,
    via: null,
    ...overrides,
  };
}

const read = (value: unknown) => fromWebAnnotation(webAnnotationInputSchema.parse(value), iriResolver(base));

describe("toWebAnnotation", () => {
  it("chains a block fragment to a quote and to a block-relative position", () => {
    const web = toWebAnnotation(annotation({}), { iris, base, text });
    expect(web["@context"]).toEqual(["http://www.w3.org/ns/anno.jsonld", { reader: `${base}/ns/reader#` }]);
    expect(web.id).toBe(`${base}/annotations/a1`);
    expect(web.target).toEqual({
      type: "SpecificResource",
      source: `${base}/briefs/japan-quasi-alliance`,
      selector: [
        {
          type: "FragmentSelector",
          conformsTo: "http://tools.ietf.org/rfc/rfc3986",
          value: "c-one",
          refinedBy: { type: "TextQuoteSelector", exact: "다라", prefix: "가나", suffix: "마" },
        },
        { type: "FragmentSelector", conformsTo: "http://tools.ietf.org/rfc/rfc3986", value: "c-one", refinedBy: { type: "TextPositionSelector", start: 2, end: 4 } },
      ],
    });
    expect(web.body).toEqual([
      { type: "TextualBody", value: "**메모**", format: "text/markdown", purpose: "commenting" },
      { type: "TextualBody", value: "RAA", purpose: "tagging" },
      { type: "TextualBody", value: "호주", purpose: "tagging" },
    ]);
    expect(web["reader:visibility"]).toBe("shared");
  });

  it("describes a span across blocks as a range between two block positions", () => {
    const web = toWebAnnotation(
      annotation({ target: { blockId: "c-one", quote: { exact: "마\n바사", prefix: "라", suffix: "아" }, position: { start: 4, end: 8 } } }),
      { iris, base, text },
    );
    const selectors = (web.target as { selector: unknown[] }).selector;
    expect(selectors[1]).toMatchObject({
      type: "RangeSelector",
      startSelector: { value: "c-one", refinedBy: { start: 4, end: 4 } },
      endSelector: { value: "p-two", refinedBy: { start: 2, end: 2 } },
    });
    const back = read(web);
    expect(back.target.kind === "text" && documentPosition(back.target, text)).toEqual({ start: 4, end: 8 });
  });

  it("makes a reply target its parent and a record note target the record", () => {
    const reply = toWebAnnotation(annotation({ id: "r1", parentId: "a1", target: null, tags: [], motivation: "questioning" }), { iris, base, text });
    expect(reply.motivation).toBe("replying");
    expect(reply.target).toBe(`${base}/annotations/a1`);
    expect(reply.body?.[0].purpose).toBe("questioning");
    const onRecord = toWebAnnotation(annotation({ target: { entityId: "jp-ph-raa" } }), { iris, base, text });
    expect(onRecord.target).toBe(`${base}/agreements/jp-ph-raa`);
    expect(onRecord["reader:brief"]).toBe(`${base}/briefs/japan-quasi-alliance`);
    expect(reply["reader:brief"]).toBeUndefined();
  });

  it("reads back the brief a note on a record was written in, and names reader:brief when it is not a brief", () => {
    const back = read(toWebAnnotation(annotation({ target: { entityId: "jp-ph-raa" } }), { iris, base, text }));
    expect(back.target).toEqual({ kind: "entity", entityId: "jp-ph-raa", brief: "japan-quasi-alliance" });
    expect(() => read({ target: `${base}/entities/jp`, "reader:brief": `${base}/entities/jp` })).toThrow(WebAnnotationError);
  });

  it("leaves out the body of a plain highlight", () => {
    const web = toWebAnnotation(annotation({ motivation: "highlighting", body: "", tags: [] }), { iris, base, text });
    expect(web.body).toBeUndefined();
  });
});

describe("fromWebAnnotation", () => {
  it("reads back what toWebAnnotation wrote", () => {
    const back = read(toWebAnnotation(annotation({}), { iris, base, text }));
    expect(back).toMatchObject({ motivation: "commenting", visibility: "shared", body: "**메모**", tags: ["RAA", "호주"], color: "#ffd400" });
    expect(back.target).toMatchObject({ kind: "text", brief: "japan-quasi-alliance", blockId: "c-one", quote: { exact: "다라", prefix: "가나", suffix: "마" } });
    expect(back.target.kind === "text" && documentPosition(back.target, text)).toEqual({ start: 2, end: 4 });
  });

  it("reads replies and their purpose", () => {
    const back = read(toWebAnnotation(annotation({ id: "r1", parentId: "a1", target: null, tags: [], motivation: "questioning" }), { iris, base, text }));
    expect(back.motivation).toBe("questioning");
    expect(back.target).toEqual({ kind: "reply", parentIri: `${base}/annotations/a1` });
  });

  it("accepts Hypothesis-style document-level selectors, single values and NFD text", () => {
    const back = read({
      "@context": "http://www.w3.org/ns/anno.jsonld",
      type: "Annotation",
      body: { type: "TextualBody", value: "호주".normalize("NFD"), purpose: "commenting" },
      target: {
        source: "https://elsewhere.example/briefs/japan-quasi-alliance",
        selector: [
          { type: "RangeSelector", startSelector: { type: "XPathSelector", value: "/p[1]" }, endSelector: { type: "XPathSelector", value: "/p[1]" } },
          { type: "TextPositionSelector", start: 6, end: 8 },
          { type: "TextQuoteSelector", exact: "바사".normalize("NFD") },
        ],
      },
    });
    expect(back.body).toBe("호주");
    expect(back.target).toMatchObject({ kind: "text", quote: { exact: "바사", prefix: "", suffix: "" } });
    expect(back.target.kind === "text" && documentPosition(back.target, text)).toEqual({ start: 6, end: 8 });
  });

  it("names the field of what it cannot read", () => {
    const cases: [unknown, string][] = [
      [{ target: "https://x.example/other" }, "target"],
      [{ target: { source: `${base}/briefs/b` } }, "target.selector"],
      [{ target: { source: `${base}/briefs/b`, selector: { type: "TextQuoteSelector" } } }, "target.selector"],
      [{ target: { source: `${base}/unknown/b`, selector: { type: "TextQuoteSelector", exact: "x" } } }, "target.source"],
      [{ motivation: "replying", target: `${base}/briefs/b` }, "target.selector"],
    ];
    for (const [value, field] of cases) {
      let caught: unknown;
      try {
        read(value);
      } catch (error) {
        caught = error;
      }
      expect(caught, JSON.stringify(value)).toBeInstanceOf(WebAnnotationError);
      expect((caught as WebAnnotationError).field).toBe(field);
    }
    expect(webAnnotationInputSchema.safeParse({ body: "x" }).success).toBe(false);
  });
});

describe("group notes in the W3C model", () => {
  it("names the group of a group note with reader:group, and reads it back", () => {
    const groupIris = iriScheme("https://reader.example");
    const served = toWebAnnotation(annotation({ visibility: "group", group: { id: "circle", name: "Circle" } }), { iris: groupIris, base: "https://reader.example", text });
    expect(served["reader:visibility"]).toBe("group");
    expect(served["reader:group"]).toBe("https://reader.example/api/groups/circle");
    expect(toWebAnnotation(annotation({ visibility: "shared" }), { iris: groupIris, base: "https://reader.example", text })["reader:group"]).toBeUndefined();
    const read = fromWebAnnotation(webAnnotationInputSchema.parse(served), iriResolver("https://reader.example"));
    expect(read).toMatchObject({ visibility: "group", groupId: "circle" });
  });

  it("refuses reader:group with another visibility, or an IRI that is not a group", () => {
    const input = (extra: Record<string, unknown>) => webAnnotationInputSchema.parse({ type: "Annotation", target: "https://reader.example/entities/jp", ...extra });
    const resolve = iriResolver("https://reader.example");
    expect(() => fromWebAnnotation(input({ "reader:visibility": "shared", "reader:group": "https://reader.example/api/groups/x" }), resolve)).toThrow(/reader:visibility "group"/);
    expect(() => fromWebAnnotation(input({ "reader:visibility": "group", "reader:group": "https://reader.example/briefs/x" }), resolve)).toThrow(/not a group/);
  });
});
