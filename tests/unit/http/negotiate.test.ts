/** The protocol's HTTP pieces that are pure: Accept negotiation and Prefer parsing. */
import { describe, expect, it } from "vitest";
import { negotiateJson } from "@/lib/http/negotiate";
import { containerPreference, PREFER_CONTAINED_DESCRIPTIONS, PREFER_CONTAINED_IRIS, PREFER_MINIMAL_CONTAINER } from "@/lib/http/prefer";

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
