import { describe, expect, it } from "vitest";
import { changedIdentity, foreignSummary, servedForeign, storedForeign, targetIris } from "@/lib/w3c/foreign-annotation";

/** The W3C test suite's sample, with what a client may add: members in an unusual order, an unnormalized string, unknown terms. */
const sample = {
  "@context": "http://www.w3.org/ns/anno.jsonld",
  type: "Annotation",
  body: { type: "TextualBody", value: "I like this page! 한글" },
  "x:unknown": { nested: [1, 2.5, null, true] },
  target: "http://www.example.com/index.html",
  canonical: "urn:uuid:6f1c1d3e-0000-4000-8000-000000000001",
  created: "1999-01-01T00:00:00Z",
  creator: "http://impostor.example/",
};
const server = { id: "https://reader.example.org/annotations/c1", created: "2026-01-01T00:00:00.000Z", modified: "2026-01-02T00:00:00.000Z", creator: { id: "https://reader.example.org/users/u1", type: "Person" as const, name: "앨리스" } };

describe("storedForeign and servedForeign", () => {
  it("keep every member as sent, in order, except the server-set id, created, modified and creator", () => {
    const stored = storedForeign(sample, { fromClient: true });
    const served = servedForeign(stored.document, server);
    const { created: _c, creator: _r, ...sent } = sample;
    expect(Object.keys(served)).toEqual(["@context", "id", ...Object.keys(sent).filter((key) => key !== "@context"), "created", "modified", "creator"]);
    expect(JSON.stringify({ ...served, id: undefined, created: undefined, modified: undefined, creator: undefined })).toBe(JSON.stringify({ ...sent, id: undefined, created: undefined, modified: undefined, creator: undefined }));
    // Decomposed Hangul stays decomposed: nothing is normalized.
    expect(servedForeign(storedForeign({ ...sample, body: "\u1112\u1161\u11ab" }, { fromClient: true }).document, server).body).toBe("\u1112\u1161\u11ab");
    expect(served).toMatchObject(server);
    expect(stored).toMatchObject({ source: "http://www.example.com/index.html", canonical: sample.canonical, via: null });
  });

  it("copies a client's id to via (protocol 6.1) unless it sent a via, and only on creation", () => {
    expect(storedForeign({ ...sample, id: "http://elsewhere.example/a/1" }, { fromClient: true }).via).toBe("http://elsewhere.example/a/1");
    expect(storedForeign({ ...sample, id: "http://elsewhere.example/a/1", via: "http://first.example/a" }, { fromClient: true }).via).toBe("http://first.example/a");
    expect(storedForeign({ ...sample, id: server.id }, { fromClient: false }).via).toBeNull();
  });

  it("serves a document sent without @context with the annotation context", () => {
    const { "@context": _context, ...bare } = sample;
    expect(servedForeign(storedForeign(bare, { fromClient: true }).document, server)["@context"]).toBe("http://www.w3.org/ns/anno.jsonld");
  });

  it("keeps a canonical or via left out of a replacement, and says which one a replacement would change", () => {
    const kept = storedForeign({ type: "Annotation", target: "http://other.example/" }, { fromClient: false, kept: { canonical: "urn:x:1", via: null } });
    expect(JSON.parse(kept.document)).toMatchObject({ canonical: "urn:x:1" });
    expect(changedIdentity({ canonical: "urn:x:1", via: null }, kept)).toBeNull();
    expect(changedIdentity({ canonical: "urn:x:1", via: null }, storedForeign({ ...sample, canonical: "urn:x:2" }, { fromClient: false }))).toBe("canonical");
    expect(changedIdentity({ canonical: null, via: "http://a.example/" }, storedForeign({ ...sample, via: "http://b.example/" }, { fromClient: false }))).toBe("via");
  });
});

describe("targetIris and foreignSummary", () => {
  it("name each target by its IRI: itself, a specific resource's source, or its id", () => {
    expect(targetIris({ target: ["http://a.example/", { source: "http://b.example/", selector: { type: "TextQuoteSelector", exact: "x" } }, { source: { id: "http://c.example/" } }, { id: "http://d.example/img" }] })).toEqual([
      "http://a.example/",
      "http://b.example/",
      "http://c.example/",
      "http://d.example/img",
    ]);
  });

  it("reads the words, tags and motivation a person is shown", () => {
    expect(foreignSummary(JSON.stringify({ motivation: ["commenting"], body: [{ type: "TextualBody", value: "좋다" }, { type: "TextualBody", value: "tag1", purpose: "tagging" }, "http://x.example/"] }))).toEqual({
      text: "좋다",
      tags: ["tag1"],
      motivation: "commenting",
    });
    expect(foreignSummary(JSON.stringify({ bodyValue: "plain" }))).toEqual({ text: "plain", tags: [], motivation: null });
  });
});
