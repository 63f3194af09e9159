/**
 * Korean particles after a name chosen by its last sound, so the UI writes `영국과`, `호주와`,
 * `RAA를`, `2023년을` instead of `과(와)`. The sound is the last syllable's final consonant
 * (batchim); for Latin letters and digits, the Korean reading of the last one.
 */

/** The particle pairs: with a final consonant / without. */
export type Particle = "이/가" | "을/를" | "은/는" | "과/와" | "으로/로" | "이다/다" | "아/야";

// Digits read in Korean: 0 영, 1 일, 2 이, 3 삼, 4 사, 5 오, 6 육, 7 칠, 8 팔, 9 구. ㄹ-final: 1, 7, 8.
const DIGIT_FINAL: Record<string, "none" | "rieul" | "other"> = { "0": "other", "1": "rieul", "2": "none", "3": "other", "4": "none", "5": "none", "6": "other", "7": "rieul", "8": "rieul", "9": "none" };
// Letters read by their English names: L 엘, M 엠, N 엔, R 알 end in a consonant.
const LETTER_FINAL: Record<string, "rieul" | "other"> = { L: "rieul", R: "rieul", M: "other", N: "other" };

/** The last syllable's final sound: none, ㄹ (which takes 로, not 으로), or another consonant; null when it cannot be told. */
export function finalSound(word: string): "none" | "rieul" | "other" | null {
  // A parenthesis after a name glosses it ("상호접근협정(RAA)"): the particle follows the name.
  let text = word.normalize("NFC").trim();
  for (;;) {
    const stripped = text.replace(/\s*[(（［[][^()（）［］[\]]*[)）］\]]\s*$/u, "");
    if (stripped === text || stripped === "") break;
    text = stripped;
  }
  const last = Array.from(text.replace(/[\s"'“”‘’」』》〉.,!?·…-]+$/u, "")).at(-1);
  if (!last) return null;
  const code = last.codePointAt(0) as number;
  if (code >= 0xac00 && code <= 0xd7a3) {
    const final = (code - 0xac00) % 28;
    return final === 0 ? "none" : final === 8 ? "rieul" : "other";
  }
  if (last in DIGIT_FINAL) return DIGIT_FINAL[last];
  if (/[A-Z]/.test(last)) return LETTER_FINAL[last] ?? "none";
  // A lower-case word read in English: -l ends in ㄹ, -m, -n and -ng in a consonant; the rest are
  // spelt with a final vowel in Korean (Japan → 재팬, but Quad → 쿼드, Australia → 오스트레일리아).
  if (/[a-z]/.test(last)) return last === "l" ? "rieul" : last === "m" || last === "n" ? "other" : "none";
  return null;
}

/** The particle of the pair that fits after `word` (the first form when the sound cannot be told). */
export function particle(word: string, pair: Particle): string {
  const [withConsonant, withVowel] = pair.split("/");
  const sound = finalSound(word);
  if (sound === null) return withConsonant;
  // 으로 after a consonant except ㄹ: 서울로, 영국으로.
  if (pair === "으로/로") return sound === "other" ? withConsonant : withVowel;
  return sound === "none" ? withVowel : withConsonant;
}

/** The word with its particle: `withParticle("영국", "과/와")` → `영국과`. */
export function withParticle(word: string, pair: Particle): string {
  return `${word}${particle(word, pair)}`;
}
