import { describe, expect, it } from "vitest";
import { romanizeHangul, slugify } from "@/lib/text/slug";

describe("romanizing Hangul", () => {
  it("writes each syllable in Revised Romanization", () => {
    expect(romanizeHangul("일본")).toBe("ilbon");
    expect(romanizeHangul("세종연구소")).toBe("sejongyeonguso");
    expect(romanizeHangul("준동맹")).toBe("jundongmaeng");
    expect(romanizeHangul("한국과 호주")).toBe("hangukgwa hoju");
  });

  it("reads decomposed (NFD) Hangul as the same syllables", () => {
    expect(romanizeHangul("일본".normalize("NFD"))).toBe("ilbon");
  });
});

describe("a slug from a title", () => {
  it("romanizes Korean, keeps Latin words and digits, and joins them with single hyphens", () => {
    expect(slugify("일본의 '준동맹' 전략 구상에 따른 안보 네트워크 구축")).toBe("ilbonui-jundongmaeng-jeonryak-gusange-ttareun-anbo");
    expect(slugify("Japan–Philippines RAA (2024): Café notes")).toBe("japan-philippines-raa-2024-cafe-notes");
  });

  it("drops what cannot be written in Latin letters, and is empty when nothing remains", () => {
    expect(slugify("日本の安全保障 2025")).toBe("2025");
    expect(slugify("安全保障")).toBe("");
  });

  it("stays within 60 characters, cut at a word boundary", () => {
    const slug = slugify("한국 일본 호주 필리핀 영국 프랑스 미국 캐나다 독일 이탈리아 뉴질랜드 인도 인도네시아");
    expect(slug.length).toBeLessThanOrEqual(60);
    expect(slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });
});
