import { describe, expect, it } from "vitest";
import { foreignItems, type ImportTargetKind, planForeignImport, withBriefTargets } from "@/lib/import/foreign-import";

const ours = "http://localhost:3000/briefs/japan-quasi-alliance";
const original = "https://briefs.example.org/broken-brief.pdf";
const kindOf = (iri: string): ImportTargetKind =>
  iri.startsWith("http://localhost:3000/") ? { kind: "reader" } : iri === original ? { kind: "original", briefIri: "http://localhost:3000/briefs/broken-brief" } : { kind: "foreign" };
const sample = (extra: Record<string, unknown> = {}) => ({ "@context": "http://www.w3.org/ns/anno.jsonld", type: "Annotation", body: "http://example.org/post1", target: "http://www.example.com/index.html", ...extra });

describe("foreignItems", () => {
  it("picks the items whose every target is another source, and replies to them", () => {
    const items = [
      sample({ id: "http://other.example/a/1" }),
      sample({ target: { source: ours, selector: { type: "TextQuoteSelector", exact: "준동맹" } } }),
      sample({ target: ["http://www.example.com/", ours] }),
      sample({ target: { source: original, selector: { type: "TextQuoteSelector", exact: "x" } } }),
      sample({ motivation: "replying", target: "http://other.example/a/1" }),
      "not an object",
      sample({ target: 42 }),
    ];
    expect([...foreignItems(items, kindOf)].sort()).toEqual([0, 4]);
  });

  it("points a brief's original at the brief", () => {
    expect(withBriefTargets(sample({ target: { source: original, selector: { type: "TextQuoteSelector", exact: "x" } } }), kindOf)).toMatchObject({ target: { source: "http://localhost:3000/briefs/broken-brief" } });
    expect(withBriefTargets(sample({ target: [original] }), kindOf)).toMatchObject({ target: ["http://localhost:3000/briefs/broken-brief"] });
  });
});

describe("planForeignImport", () => {
  const now = new Date("2026-06-01T00:00:00Z");
  let next = 0;
  const context = (existing: Record<string, string> = {}, visibility: "private" | "keep" = "private") => ({
    existing: new Map(Object.entries(existing)),
    visibility,
    now,
    newId: () => `n${++next}`,
    problemOf: (stored: { document: string }) => (JSON.parse(stored.document).type === "Annotation" ? null : { field: "type", message: "must be or include Annotation" }),
  });

  it("stores each item as sent with its id in via, private unless asked, with its times kept when they are past", () => {
    const plan = planForeignImport(
      [
        { index: 0, item: sample({ id: "http://other.example/a/1", created: "2025-01-01T00:00:00Z", "reader:visibility": "shared" }) },
        { index: 3, item: sample({ canonical: "urn:x:1", created: "2999-01-01T00:00:00Z" }) },
      ],
      context({}, "keep"),
    );
    expect(plan.errors).toEqual([]);
    expect(plan.rows.map((row) => [row.visibility, row.via, row.canonical, row.createdAt.toISOString()])).toEqual([
      ["shared", "http://other.example/a/1", null, "2025-01-01T00:00:00.000Z"],
      ["private", null, "urn:x:1", now.toISOString()],
    ]);
    expect(JSON.parse(plan.rows[0].document)).not.toHaveProperty("created");
  });

  it("skips what the user has and second copies in one document; reports what breaks the model", () => {
    const plan = planForeignImport(
      [
        { index: 0, item: sample({ canonical: "urn:x:known" }) },
        { index: 1, item: sample({ id: "http://other.example/a/2" }) },
        { index: 2, item: sample({ id: "http://other.example/a/2" }) },
        { index: 5, item: sample({ type: "Note" }) },
      ],
      context({ "urn:x:known": "c1" }),
    );
    expect(plan.skipped).toEqual([
      { index: 0, id: null, reason: "already_imported", existingId: "c1" },
      { index: 2, id: "http://other.example/a/2", reason: "duplicate" },
    ]);
    expect(plan.errors).toEqual([{ index: 5, id: null, field: "type", message: "must be or include Annotation" }]);
    expect(plan.rows).toHaveLength(1);
  });
});
