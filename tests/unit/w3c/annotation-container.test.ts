/** The container and its pages as JSON-LD: IRIs per view, paging links, minimal and embedded forms. */
import { describe, expect, it } from "vitest";
import { annotationPage, containerDescription, containerIri, containerQuerySchema, lastPageIndex, pageIri } from "@/lib/w3c/annotation-container";

const root = "http://127.0.0.1:4000";
const view = { iris: false, limit: 100 };

describe("container IRIs", () => {
  it("ends the container in a slash and keeps the view in every page IRI, in a fixed order", () => {
    expect(containerIri(root, view)).toBe(`${root}/annotations/`);
    expect(pageIri(root, view, 2)).toBe(`${root}/annotations/?page=2`);
    const narrow = { brief: "japan-quasi-alliance", iris: true, limit: 5 };
    expect(containerIri(root, narrow)).toBe(`${root}/annotations/?brief=japan-quasi-alliance&iris=1&limit=5`);
    expect(pageIri(root, narrow, 0)).toBe(`${root}/annotations/?brief=japan-quasi-alliance&iris=1&limit=5&page=0`);
  });

  it("refuses unknown and malformed query parameters", () => {
    expect(containerQuerySchema.safeParse({ page: "1", limit: "20" }).data).toEqual({ page: 1, limit: 20 });
    expect(containerQuerySchema.safeParse({ page: "-1" }).success).toBe(false);
    expect(containerQuerySchema.safeParse({ limit: "0" }).success).toBe(false);
    expect(containerQuerySchema.safeParse({ limit: "501" }).success).toBe(false);
    expect(containerQuerySchema.safeParse({ sort: "desc" }).success).toBe(false);
  });
});

describe("paging", () => {
  it("counts pages from 0, an empty container having page 0 only", () => {
    expect(lastPageIndex(0, 100)).toBe(0);
    expect(lastPageIndex(100, 100)).toBe(0);
    expect(lastPageIndex(101, 100)).toBe(1);
  });

  it("links a middle page both ways and to its container, with its start index", () => {
    const page = annotationPage({ root, view: { iris: true, limit: 2 }, page: 1, total: 5, items: ["a", "b"] });
    expect(page).toEqual({
      "@context": "http://www.w3.org/ns/anno.jsonld",
      id: `${root}/annotations/?iris=1&limit=2&page=1`,
      type: "AnnotationPage",
      partOf: { id: `${root}/annotations/?iris=1&limit=2`, type: ["BasicContainer", "AnnotationCollection"], total: 5 },
      startIndex: 2,
      prev: `${root}/annotations/?iris=1&limit=2&page=0`,
      next: `${root}/annotations/?iris=1&limit=2&page=2`,
      items: ["a", "b"],
    });
  });

  it("gives the first page no prev and the last no next", () => {
    const first = annotationPage({ root, view, page: 0, total: 150, items: [] });
    const last = annotationPage({ root, view, page: 1, total: 150, items: [] });
    expect(first.prev).toBeUndefined();
    expect(first.next).toBe(`${root}/annotations/?page=1`);
    expect(last.next).toBeUndefined();
    expect(last.prev).toBe(`${root}/annotations/?page=0`);
  });
});

describe("containerDescription", () => {
  it("is a BasicContainer and AnnotationCollection with label, total, first and last", () => {
    const body = containerDescription({ root, view, total: 250, label: "All" });
    expect(body).toEqual({
      "@context": ["http://www.w3.org/ns/anno.jsonld", "http://www.w3.org/ns/ldp.jsonld"],
      id: `${root}/annotations/`,
      type: ["BasicContainer", "AnnotationCollection"],
      label: "All",
      total: 250,
      first: `${root}/annotations/?page=0`,
      last: `${root}/annotations/?page=2`,
    });
  });

  it("embeds the first page when given its items, without repeating the container in it", () => {
    const body = containerDescription({ root, view, total: 1, label: "All", firstItems: ["x"] });
    expect(body.first).toEqual({ id: `${root}/annotations/?page=0`, type: "AnnotationPage", startIndex: 0, items: ["x"] });
    expect(body.last).toBe(`${root}/annotations/?page=0`);
  });

  it("has neither first nor last when empty", () => {
    const body = containerDescription({ root, view, total: 0, label: "All", firstItems: [] });
    expect(body).not.toHaveProperty("first");
    expect(body).not.toHaveProperty("last");
  });
});
