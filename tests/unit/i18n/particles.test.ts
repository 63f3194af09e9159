import { describe, expect, it } from "vitest";
import { finalSound, particle, withParticle } from "@/lib/i18n/particles";

describe("Korean particles after a name", () => {
  it("chooses by the last syllable's final consonant", () => {
    expect(withParticle("영국", "과/와")).toBe("영국과");
    expect(withParticle("호주", "과/와")).toBe("호주와");
    expect(withParticle("필리핀", "이/가")).toBe("필리핀이");
    expect(withParticle("프랑스", "이/가")).toBe("프랑스가");
    expect(withParticle("일본", "은/는")).toBe("일본은");
    expect(withParticle("토큰 이름", "을/를")).toBe("토큰 이름을");
    expect(withParticle("노트북", "을/를")).toBe("노트북을");
    expect(withParticle("Zotero 키", "을/를")).toBe("Zotero 키를");
  });

  it("writes 로 after ㄹ and after a vowel, 으로 after other consonants", () => {
    expect(particle("서울", "으로/로")).toBe("로");
    expect(particle("호주", "으로/로")).toBe("로");
    expect(particle("영국", "으로/로")).toBe("으로");
  });

  it("reads digits and Latin letters the Korean way", () => {
    expect(withParticle("2023", "을/를")).toBe("2023을"); // 삼
    expect(withParticle("2022", "이/가")).toBe("2022가"); // 이
    expect(particle("2021", "으로/로")).toBe("로"); // 일: ㄹ
    expect(withParticle("RAA", "을/를")).toBe("RAA를"); // 에이
    expect(withParticle("GSOMIA", "과/와")).toBe("GSOMIA와");
    expect(withParticle("AUKUS", "은/는")).toBe("AUKUS는");
    expect(withParticle("IP4", "이/가")).toBe("IP4가"); // 사
    expect(withParticle("Japan", "과/와")).toBe("Japan과");
  });

  it("looks past a gloss in parentheses, quotes and punctuation", () => {
    expect(withParticle("상호접근협정(RAA)", "을/를")).toBe("상호접근협정(RAA)을");
    expect(withParticle("“장비 이전”", "이/가")).toBe("“장비 이전”이");
    expect(finalSound("")).toBeNull();
    // Unknown sound: the consonant form, which reads as the safer of the two.
    expect(particle("★", "이/가")).toBe("이");
  });
});
