import { describe, expect, it } from "vitest";
import { buildEntityIndex } from "@/lib/content/linking/entity-index";
import { resolveMentions } from "@/lib/content/linking/resolve-mentions";
import type { Entity } from "@/lib/domain/entity";

const entity = (id: string, kind: Entity["kind"], aliases: string[], extra: Partial<Entity> = {}): Entity => ({
  id,
  kind,
  names: { ko: aliases[0], en: id },
  aliases,
  description: { ko: "-", en: "-" },
  ...extra,
});

const entities: Entity[] = [
  entity("jp", "country", ["일본"]),
  entity("gb", "country", ["영국"]),
  entity("fr", "country", ["프랑스"]),
  entity("au", "country", ["호주"]),
  entity("in", "country", ["인도"]),
  entity("indo-pacific", "region", ["인도태평양"]),
  entity("indian-ocean", "region", ["인도양"]),
  entity("raa", "agreement-kind", ["RAA", "상호접근협정"]),
  entity("gsomia", "agreement-kind", ["GSOMIA"]),
  entity("raa-jp-gb", "agreement", ["영일 RAA"], { agreementKind: "raa", parties: ["jp", "gb"] }),
  entity("raa-jp-fr", "agreement", ["일불 RAA"], { agreementKind: "raa", parties: ["jp", "fr"] }),
  entity("raa-jp-au", "agreement", ["일호 RAA"], { agreementKind: "raa", parties: ["jp", "au"] }),
  entity("quasi-alliance", "concept", ["준동맹"]),
];
const index = buildEntityIndex(entities);

function link(text: string, parent?: string) {
  const blocks = parent
    ? [
        { id: "c", parentId: null, text: parent },
        { id: "p", parentId: "c", text },
      ]
    : [{ id: "p", parentId: null, text }];
  return (resolveMentions(blocks, index).get("p") ?? []).map((mention) => [mention.surface, mention.entityId]);
}

describe("matching aliases in Korean text", () => {
  it("matches a name with a particle attached, and keeps the particle out of the surface", () => {
    expect(link("영국과 일본은 RAA를 맺었다")).toEqual([
      ["영국", "gb"],
      ["일본", "jp"],
      ["RAA", "raa-jp-gb"],
    ]);
  });

  it("matches a name followed by brackets or punctuation", () => {
    expect(link("호주(2023년), 영국(2023년)")).toEqual([
      ["호주", "au"],
      ["영국", "gb"],
    ]);
  });

  it("chains particles and noun suffixes (준동맹급으로)", () => {
    expect(link("안보협력을 준동맹급으로 격상")).toEqual([["준동맹", "quasi-alliance"]]);
  });

  it("never reads 인도태평양 or 인도양 as India, but reads 인도와 as India", () => {
    expect(link("인도태평양 지역과 인도양, 그리고 인도와 함께")).toEqual([
      ["인도태평양", "indo-pacific"],
      ["인도양", "indian-ocean"],
      ["인도", "in"],
    ]);
  });

  it("does not match inside a longer word", () => {
    expect(link("영국식 표현과 일본어")).toEqual([]);
  });

  it("resolves the abbreviations 영일 RAA and 일호 RAA to their records", () => {
    expect(link("특히 영일 RAA는 최초의 군사협정")).toEqual([["영일 RAA", "raa-jp-gb"]]);
    expect(link("2022년 1월 발효된 일호 RAA는")).toEqual([["일호 RAA", "raa-jp-au"]]);
  });

  it("resolves a bare kind from the claim above when the point names no partner", () => {
    expect(link("RAA는 양국 군대의 상호 파견을 쉽게 함", "일본과 프랑스는 RAA 협상에 돌입")).toEqual([["RAA", "raa-jp-fr"]]);
  });

  it("links the kind, not a guess, when a passage names two partners", () => {
    expect(link("일본은 영국, 프랑스와 RAA를 논의")).toEqual([
      ["일본", "jp"],
      ["영국", "gb"],
      ["프랑스", "fr"],
      ["RAA", "raa"],
    ]);
  });

  it("links the kind when no record exists for the partner", () => {
    expect(link("일본과 영국은 GSOMIA를 맺음")).toEqual([
      ["일본", "jp"],
      ["영국", "gb"],
      ["GSOMIA", "gsomia"],
    ]);
  });

  it("counts mention offsets in code points", () => {
    const [mention] = resolveMentions([{ id: "p", parentId: null, text: "𠀀 영국과" }], index).get("p") ?? [];
    expect(mention).toEqual({ entityId: "gb", start: 2, end: 4, surface: "영국", source: "linker" });
  });

  it("links nothing for an alias two entities share", () => {
    const shared = buildEntityIndex([entity("a", "concept", ["같은이름"]), entity("b", "concept", ["같은이름"])]);
    expect(resolveMentions([{ id: "p", parentId: null, text: "같은이름이 있다" }], shared).get("p")).toEqual([]);
  });
});
