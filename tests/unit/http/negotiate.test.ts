/** The protocol's HTTP pieces that are pure: Accept negotiation and Prefer parsing. */
import { describe, expect, it } from "vitest";
import { negotiateJson, prefersHtml } from "@/lib/http/negotiate";
import { containerPreference, PREFER_CONTAINED_DESCRIPTIONS, PREFER_CONTAINED_IRIS, PREFER_CONTAINMENT, PREFER_MINIMAL_CONTAINER } from "@/lib/http/prefer";
import { isProtocolPath, protocolVary } from "@/lib/http/vary";

describe("negotiateJson", () => {
  it("serves JSON-LD by default and for the protocol's own type, with or without the profile", () => {
    expect(negotiateJson(null)).toBe("application/ld+json");
    expect(negotiateJson("")).toBe("application/ld+json");
    expect(negotiateJson("application/ld+json")).toBe("application/ld+json");
    expect(negotiateJson('application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"')).toBe("application/ld+json");
    expect(negotiateJson('application/ld+json;profile="http://www.w3.org/ns/anno.jsonld http://www.w3.org/ns/ldp.jsonld", text/turtle;q=0.5')).toBe("application/ld+json");
  });

  it("serves plain JSON to a client that prefers it", () => {
    expect(negotiateJson("application/json")).toBe("application/json");
    expect(negotiateJson("application/ld+json;q=0.5, application/json")).toBe("application/json");
  });

  it("takes wildcards, a browser's Accept included, and gives a tie to JSON-LD", () => {
    expect(negotiateJson("*/*")).toBe("application/ld+json");
    expect(negotiateJson("application/*")).toBe("application/ld+json");
    expect(negotiateJson("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")).toBe("application/ld+json");
    expect(negotiateJson("application/json, application/ld+json")).toBe("application/ld+json");
  });

  it("refuses what it cannot serve, and types excluded with q=0", () => {
    expect(negotiateJson("text/turtle")).toBeNull();
    expect(negotiateJson("text/html, application/xml")).toBeNull();
    expect(negotiateJson("application/ld+json;q=0, application/json;q=0")).toBeNull();
    expect(negotiateJson("*/*, application/ld+json;q=0")).toBe("application/json");
  });
});

describe("containerPreference", () => {
  const prefer = (include: string) => `return=representation;include="${include}"`;

  it("reads each of the three preferences and says what it applied", () => {
    expect(containerPreference(prefer(PREFER_MINIMAL_CONTAINER))).toEqual({
      minimal: true,
      contained: null,
      applied: `return=representation; include="${PREFER_MINIMAL_CONTAINER}"`,
    });
    expect(containerPreference(prefer(PREFER_CONTAINED_IRIS))).toMatchObject({ minimal: false, contained: "iris" });
    expect(containerPreference(prefer(PREFER_CONTAINED_DESCRIPTIONS))).toMatchObject({ minimal: false, contained: "descriptions" });
  });

  it("reads several IRIs in one include, spaces around the separators, and other preferences beside it", () => {
    const both = containerPreference(`respond-async, return = representation ; include="${PREFER_MINIMAL_CONTAINER}  ${PREFER_CONTAINED_IRIS}"`);
    expect(both).toMatchObject({ minimal: true, contained: "iris" });
    expect(both.applied).toBe(`return=representation; include="${PREFER_MINIMAL_CONTAINER} ${PREFER_CONTAINED_IRIS}"`);
  });

  it("applies neither contained preference when a request asks for both, and nothing without a Prefer", () => {
    expect(containerPreference(prefer(`${PREFER_CONTAINED_IRIS} ${PREFER_CONTAINED_DESCRIPTIONS}`))).toEqual({ minimal: false, contained: null, applied: null });
    expect(containerPreference(null)).toEqual({ minimal: false, contained: null, applied: null });
    expect(containerPreference("return=minimal")).toEqual({ minimal: false, contained: null, applied: null });
  });
});

describe("containerPreference: LDP's omit", () => {
  it("reads omit PreferContainment as the minimal container, and echoes the omit it applied", () => {
    expect(containerPreference(`return=representation; omit="${PREFER_CONTAINMENT}"`)).toEqual({
      minimal: true,
      contained: null,
      applied: `return=representation; omit="${PREFER_CONTAINMENT}"`,
    });
    const both = containerPreference(`return=representation; include="${PREFER_CONTAINED_IRIS}"; omit="${PREFER_CONTAINMENT}"`);
    expect(both).toMatchObject({ minimal: true, contained: "iris" });
    expect(both.applied).toBe(`return=representation; include="${PREFER_CONTAINED_IRIS}"; omit="${PREFER_CONTAINMENT}"`);
    // Omitting something else changes nothing.
    expect(containerPreference('return=representation; omit="http://www.w3.org/ns/ldp#PreferMembership"')).toEqual({ minimal: false, contained: null, applied: null });
  });
});

describe("prefersHtml", () => {
  it("is true for a browser's Accept, false for programs, ties and no header", () => {
    expect(prefersHtml("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")).toBe(true);
    for (const accept of [null, "", "*/*", "application/ld+json", "application/json", "text/html;q=0.5, application/ld+json", "text/html, application/ld+json", "text/turtle"]) {
      expect(prefersHtml(accept), String(accept)).toBe(false);
    }
  });
});

describe("protocolVary", () => {
  const NEXT = "rsc, next-router-state-tree, next-router-prefetch, next-router-segment-prefetch";

  it("leaves out Next's router headers and names each header once", () => {
    expect(protocolVary([NEXT, "Accept, Prefer"])).toBe("Accept, Prefer");
    expect(protocolVary([`${NEXT}, Next-Url`])).toBe("");
    expect(protocolVary(["Accept", "accept, Prefer", "Accept"])).toBe("Accept, Prefer");
    expect(protocolVary("Accept")).toBe("Accept");
  });

  it("applies to the container, its pages, its annotations and the namespace document only", () => {
    for (const path of ["/annotations/", "/annotations", "/annotations/?page=1", "/annotations/c123", "/ns/reader", "/ns/reader?x=1"]) expect(isProtocolPath(path), path).toBe(true);
    for (const path of ["/api/annotations", "/briefs/x", "/annotationsx", "/ns/readers", "/"]) expect(isProtocolPath(path), path).toBe(false);
  });
});
