/**
 * The Data Model's MUSTs as this server checks them (lib/w3c/model-musts.ts), on hand-written
 * annotations shaped like the Recommendation's examples: each rule named after the assertion of
 * w3c/web-annotation-tests that checks the same requirement.
 */
import { describe, expect, it } from "vitest";
import { annotationProblems, collectionProblems, pageProblems } from "@/lib/w3c/model-musts";

const ANNO = "http://www.w3.org/ns/anno.jsonld";
const minimal = { "@context": ANNO, id: "http://example.org/anno1", type: "Annotation", body: "http://example.org/post1", target: "http://example.com/page1" };
const rules = (value: unknown, options?: { embedded?: boolean }) => annotationProblems(value, options).map((problem) => problem.rule);

describe("annotationProblems", () => {
  it("passes the model's own kinds of annotation", () => {
    const examples: unknown[] = [
      minimal,
      { ...minimal, body: { type: "TextualBody", value: "<p>j'adore !</p>", format: "text/html", language: "fr" }, created: "2015-01-28T12:00:00Z" },
      { ...minimal, body: undefined, bodyValue: "Comment text" },
      { ...minimal, target: ["http://example.com/a", { id: "http://example.com/image1#xywh=100,100,300,300", type: "Image", format: "image/jpeg" }] },
      {
        ...minimal,
        motivation: "commenting",
        creator: { id: "http://example.org/user1", type: "Person", name: "A. Person" },
        canonical: "urn:uuid:dbfb1861-0ecf-41ad-be94-a584e5c4f1df",
        via: "http://other.example.org/anno1",
        target: {
          source: "http://example.org/page1",
          selector: [
            { type: "FragmentSelector", conformsTo: "http://tools.ietf.org/rfc/rfc3986", value: "p1", refinedBy: { type: "TextQuoteSelector", exact: "anotation", prefix: "this is an ", suffix: " that has some" } },
            { type: "RangeSelector", startSelector: { type: "XPathSelector", value: "//table[1]/tr[2]" }, endSelector: { type: "XPathSelector", value: "//table[1]/tr[4]" } },
            { type: "TextPositionSelector", start: 412, end: 795 },
          ],
          state: { type: "HttpRequestState", value: "Accept: application/pdf" },
        },
      },
      { ...minimal, body: { type: "Choice", items: [{ type: "TextualBody", value: "a" }, { type: "TextualBody", value: "b" }] } },
    ];
    for (const example of examples) expect(annotationProblems(example), JSON.stringify(example)).toEqual([]);
  });

  it("3.1: @context with the annotation context, one IRI as id, Annotation among the types, a target", () => {
    expect(rules({ ...minimal, "@context": "http://example.org/other.jsonld" })).toEqual(["3.1-annotationContextValidated"]);
    expect(rules({ ...minimal, "@context": ["http://example.org/other.jsonld", ANNO] })).toEqual([]);
    expect(rules({ ...minimal, id: undefined })).toEqual(["3.1-annotationIdValidated"]);
    expect(rules({ ...minimal, id: "anno1" })).toEqual(["3.1-annotationIdValidated"]);
    expect(rules({ ...minimal, id: ["http://a.example/1", "http://a.example/2"] })).toEqual(["3.1-annotationIdValidated"]);
    expect(rules({ ...minimal, type: "Note" })).toEqual(["3.1-annotationTypeValidated"]);
    expect(rules({ ...minimal, type: ["Annotation", "Note"] })).toEqual([]);
    expect(rules({ ...minimal, target: undefined })).toEqual(["3.1-targetKeyFound"]);
    expect(rules({ ...minimal, target: [] })).toEqual(["3.1-targetKeyFound"]);
  });

  it("an annotation inside a document needs no context of its own when embedded", () => {
    const { "@context": _context, ...bare } = minimal;
    expect(rules(bare)).toEqual(["3.1-annotationContextValidated"]);
    expect(rules(bare, { embedded: true })).toEqual([]);
  });

  it("3.2: bodies and targets are IRIs or objects the model describes; no body beside bodyValue", () => {
    expect(rules({ ...minimal, target: "not an iri" })).toEqual(["3.2-targetObjectsRecognized"]);
    expect(rules({ ...minimal, target: 42 })).toEqual(["3.2-targetObjectsRecognized"]);
    expect(rules({ ...minimal, target: { type: "TextualBody", value: "x" } })).toEqual(["3.2.4-targNoTypeTextualBody"]);
    expect(rules({ ...minimal, body: { type: "TextualBody" } })).toEqual(["3.2.4-textualBodyValue"]);
    expect(rules({ ...minimal, body: { type: "Image" } })).toEqual(["3.2-bodyObjectsRecognized"]);
    expect(rules({ ...minimal, bodyValue: "both" })).toEqual(["3.2.5-notBodyBodyValue"]);
    expect(rules({ ...minimal, body: undefined, bodyValue: ["a", "b"] })).toEqual(["3.2.5-bodyValueValidated"]);
    expect(rules({ ...minimal, body: { type: "Choice", items: [] } })).toEqual(["3.2.7-bodyChoiceSetItems"]);
    expect(rules({ ...minimal, body: { type: "TextualBody", value: "x", textDirection: "up" } })).toEqual(["3.2.1-bodyTextDirectionValidated"]);
  });

  it("3.3: times are xsd:dateTime, canonical one IRI, via and rights IRIs, agents' ids IRIs", () => {
    expect(rules({ ...minimal, created: "yesterday" })).toEqual(["3.3.1-annotationCreatedValidated"]);
    expect(rules({ ...minimal, modified: "2015-01-28" })).toEqual(["3.3.1-annotationModifiedValidated"]);
    expect(rules({ ...minimal, generated: "2015-02-04T12:00:00+01:00" })).toEqual([]);
    expect(rules({ ...minimal, canonical: "uuid-without-scheme" })).toEqual(["3.3.7-annotationCanonicalValidated"]);
    expect(rules({ ...minimal, via: ["http://a.example/1", "b"] })).toEqual(["3.3.7-annotationViaValidated"]);
    expect(rules({ ...minimal, rights: "CC-BY" })).toEqual(["3.3.6-annotationRightsValidated"]);
    expect(rules({ ...minimal, creator: { id: "alice", name: "Alice" } })).toEqual(["3.3.2-agentIdValidated"]);
  });

  it("4: a specific resource has one source; selectors and states carry what their type requires", () => {
    const on = (target: unknown) => rules({ ...minimal, target });
    expect(on({ selector: { type: "TextQuoteSelector", exact: "x" } })).toEqual(["4-specificResourceSource"]);
    expect(on({ source: "http://example.org/page1", selector: { type: "TextQuoteSelector" } })).toEqual(["4.2.4-textQuoteSelectorValid"]);
    expect(on({ source: "http://example.org/page1", selector: { type: "TextPositionSelector", start: -1, end: 2 } })).toEqual(["4.2-TextDataPositionSelectorValid"]);
    expect(on({ source: "http://example.org/page1", selector: { type: "FragmentSelector" } })).toEqual(["4.2-fragmentCssXPathSelectorValid"]);
    expect(on({ source: "http://example.org/page1", selector: { type: "RangeSelector", startSelector: { type: "FragmentSelector", value: "a" } } })).toEqual(["4.2.8-rangeSelectorValid"]);
    expect(on({ source: "http://example.org/page1", selector: { type: "MagicSelector" } })).toEqual(["4.2-selectorValidIfPresent"]);
    expect(on({ source: "http://example.org/page1", selector: { type: "FragmentSelector", value: "p1", refinedBy: { type: "TextQuoteSelector" } } })).toEqual(["4.2.4-textQuoteSelectorValid"]);
    expect(on({ source: "http://example.org/page1", state: { type: "TimeState" } })).toEqual(["4.3.1-timeStateValid"]);
    expect(on({ source: "http://example.org/page1", value: "x" })).toEqual(["4-targSpecificResourceNoValue"]);
  });

  it("names where each problem is, as a dotted path", () => {
    const problems = annotationProblems({ ...minimal, target: [{ source: "http://example.org/p", selector: [{ type: "FragmentSelector", value: "a" }, { type: "TextQuoteSelector" }] }] });
    expect(problems.map((problem) => problem.path)).toEqual(["target.0.selector.1.exact"]);
  });
});

describe("pageProblems and collectionProblems", () => {
  const page = { "@context": ANNO, id: "http://example.org/page1", type: "AnnotationPage", partOf: { id: "http://example.org/collection1", total: 1 }, startIndex: 0, items: [minimal] };

  it("pass a page with its collection as an object or an IRI, and a collection embedding it", () => {
    expect(pageProblems(page)).toEqual([]);
    expect(pageProblems({ ...page, partOf: "http://example.org/collection1" })).toEqual([]);
    const { "@context": _context, ...embedded } = page;
    expect(collectionProblems({ "@context": [ANNO, "http://www.w3.org/ns/ldp.jsonld"], id: "http://example.org/collection1", type: ["BasicContainer", "AnnotationCollection"], label: "L", total: 1, first: embedded, last: "http://example.org/page1" })).toEqual([]);
  });

  it("check a page's and a collection's own MUSTs, and every item in them", () => {
    const pageRules = (value: unknown) => pageProblems(value).map((problem) => problem.rule);
    expect(pageRules({ ...page, type: "Page" })).toEqual(["5.2-pageTypeValidated"]);
    expect(pageRules({ ...page, items: undefined })).toEqual(["5.2-pageItemsValidated"]);
    expect(pageRules({ ...page, partOf: { total: 1 } })).toEqual(["5.2-pagePartOfValidated"]);
    expect(pageRules({ ...page, next: "page2" })).toEqual(["5.2-pageNextValidated"]);
    expect(pageRules({ ...page, startIndex: -1 })).toEqual(["5.2-pageStartIndexValidated"]);
    expect(pageRules({ ...page, items: [{ ...minimal, target: undefined }] })).toEqual(["3.1-targetKeyFound"]);
    expect(pageRules({ ...page, items: ["not-an-iri"] })).toEqual(["5.2-pageItemsValidated"]);
    const collectionRules = (value: unknown) => collectionProblems(value).map((problem) => problem.rule);
    const collection = { "@context": ANNO, id: "http://example.org/c", type: "AnnotationCollection", total: 0 };
    expect(collectionRules(collection)).toEqual([]);
    expect(collectionRules({ ...collection, total: -1 })).toEqual(["5.1-collectionTotalValidated"]);
    expect(collectionRules({ ...collection, type: "Collection" })).toEqual(["5.1-collectionTypeValidated"]);
    expect(collectionRules({ ...collection, last: "page9" })).toEqual(["5.1-collectionLastValidated"]);
  });
});
