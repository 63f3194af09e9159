/**
 * Rejoining lines a PDF wrapped: whether a line end stood for a space. In justified Korean text
 * the line end carries no trace of it (`…보다⏎능동적이고` had a space, `…가⏎속화되고` did not),
 * so the decision uses Korean word knowledge: particles and endings that cannot start a word,
 * words that stand alone, and the document's own vocabulary (how its other, unbroken words start,
 * end and run across syllables). Pure; one vocabulary per document.
 */

/** Particles, copulas and endings that attach to what precedes them and never start a word. */
const ATTACHED_FIRST = [
  "을", "를", "은", "는", "의", "에", "에서", "에게", "께서", "께", "으로", "와", "과", "까지", "부터", "처럼", "마다", "조차", "보다는",
  "이라는", "라는", "이란", "이라고", "라고", "이며", "이고", "이다", "이나", "이든", "으로서", "로서", "으로써", "로써", "이었", "였",
  "적", "적인", "적으로", "적이", "화", "화된", "화되", "화하", "화를", "화와", "화의", "화에", "들", "들이", "들은", "들의", "들을",
  "했", "됐", "하였", "되었", "함", "됨", "임", "음", "함으로써", "됨으로써", "하고", "되고", "하는", "되는", "하며", "되며", "하여",
  "되어", "해야", "돼야", "하기", "되기", "하지", "되지", "하면", "되면", "하면서", "되면서", "하도록", "되도록", "하려는", "되려는",
  "하려", "되려", "시키", "시킨", "시켜", "해서", "돼서", "하였으", "되었으", "했으", "됐으", "한다", "된다", "할", "될", "된", "하게", "되게",
  "스러운", "스럽", "로운", "롭", "답", "간의", "간에", "상의", "상으로", "별로", "별",
];
/** After a symbol, a digit or a Latin word, these also attach (`’이`, `(RAA)가`, `GCAP도`). */
const ATTACHED_AFTER_SYMBOL = new Set(["이", "가", "도", "만", "로", "로서", "로써", "로의", "로는", "이나", "이란", "이며", "이고", "이다", "이자", "이라는", "에는", "에도", "와의", "과의", "와는", "과는", "이라고"]);
/** What may follow an attached first morpheme in the same word. */
const ATTACHED_NEXT = [
  "을", "를", "은", "는", "의", "에", "에서", "으로", "로", "와", "과", "도", "만", "이", "가", "서", "써", "며", "고", "나", "다", "지",
  "기", "면", "면서", "여", "어", "야", "도록", "려는", "려고", "니", "던", "인", "임", "음", "함", "됨", "게", "요", "죠", "까", "라",
  "된", "한", "할", "될", "는데", "었", "였", "겠", "으며", "으나", "으면", "음을", "임을", "함을", "이다", "이며", "이고", "했다",
  "였다", "었다", "되었다", "하였다", "하", "되", "했", "됐", "하는", "되는", "하고", "되고", "적", "적인", "적으로", "화", "들", "간",
];
/** Single-syllable words that end a line whole (`약⏎10조원`, `할 수⏎있음`, `및⏎ACSA`). */
const STANDALONE_LEFT = new Set(["수", "것", "등", "및", "약", "총", "각", "더", "또", "그", "저", "두", "세", "네", "안", "못", "잘", "곧", "꼭", "즉", "단", "중", "간", "때", "바", "데", "뿐", "후", "내", "외", "곳", "점"]);
/** Single-syllable words that start a line whole (`…할⏎수 있음`, `호주⏎등`, `지역⏎내`). */
const STANDALONE_RIGHT = new Set(["수", "것", "등", "및", "중", "간", "때", "바", "데", "뿐", "측", "내", "외", "후", "곳", "점", "더", "또", "약", "각", "즉"]);
/** Units and counters that follow a number without a space (`2013년`, `11척`, `10조원`). */
const COUNTERS = /^(년|월|일|개|명|척|세대|세|조|억|만|천|백|원|차|회|번|호|배|위|가지|국|건|분기|주년|시간|분|초|개국|개월|대|명|%|퍼센트|층|권|편|장|쪽|항|조항|년대|세기)/u;

const OPENERS = "([{（［｛‘“「『〈《<";
const QUOTES = "‘’“”「」『』〈〉《》'\"";
const CLOSERS = ")]}）］｝’”」』〉》>";
const NO_SPACE_AFTER = new Set([..."·ㆍ・/‧~〜～", ...OPENERS]);
const NO_SPACE_BEFORE = new Set([...",.;:!?·ㆍ・%…~〜～、。，", ...CLOSERS]);

const isHangul = (c: string) => c >= "\uAC00" && c <= "\uD7A3";
const isLatin = (c: string) => /[A-Za-z\u00C0-\u024F]/u.test(c);
const isDigit = (c: string) => c >= "0" && c <= "9";
const isIdeographOrKana = (c: string) => /[\u3040-\u30FF\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF]/u.test(c);

/** Counts of the document's unbroken words, by the pieces the decision looks at. */
export interface Vocabulary {
  /** Whole Hangul words (runs with a word boundary at both ends). */
  words: Map<string, number>;
  /** Prefixes (1–6 syllables) of runs that start a word. */
  starts: Map<string, number>;
  /** Suffixes (1–6 syllables) of runs that end a word. */
  ends: Map<string, number>;
  /** Substrings (2–6 syllables) anywhere inside runs. */
  inner: Map<string, number>;
  /** Syllable pairs across a space (`a b`). */
  across: Map<string, number>;
  /** Per syllable: how often it is followed, and preceded, by another syllable of the same word. */
  notEnd: Map<string, number>;
  notStart: Map<string, number>;
  /** Latin words, lower-cased, for hyphenation. */
  latin: Map<string, number>;
  /** Whether a space stands between character classes, where neither is Hangul: [space, none] counts. */
  classes: Map<string, [number, number]>;
}

interface Run {
  text: string;
  atStart: boolean;
  atEnd: boolean;
}

/** The Hangul runs of one whitespace token, each marked with whether it touches the token's edges. */
function hangulRuns(token: string): Run[] {
  const chars = Array.from(token);
  let first = 0;
  while (first < chars.length && OPENERS.includes(chars[first])) first++;
  let last = chars.length - 1;
  while (last >= 0 && (CLOSERS.includes(chars[last]) || ",.;:!?…".includes(chars[last]))) last--;
  const runs: Run[] = [];
  let i = 0;
  while (i < chars.length) {
    if (!isHangul(chars[i])) {
      i++;
      continue;
    }
    let j = i;
    while (j < chars.length && isHangul(chars[j])) j++;
    // A middle dot or slash joins words without a space (`군사·정치적`): each side is a word.
    const joiner = (c: string | undefined) => c !== undefined && "·ㆍ・/".includes(c);
    runs.push({ text: chars.slice(i, j).join(""), atStart: i === first || joiner(chars[i - 1]), atEnd: j - 1 === last || joiner(chars[j]) });
    i = j;
  }
  return runs;
}

const bump = (map: Map<string, number>, key: string, delta: number) => {
  const next = (map.get(key) ?? 0) + delta;
  if (next <= 0) map.delete(key);
  else map.set(key, next);
};

function classOf(c: string): string {
  if (isHangul(c)) return "H";
  if (isLatin(c)) return "L";
  if (isDigit(c)) return "D";
  if (isIdeographOrKana(c)) return "C";
  if (QUOTES.includes(c)) return "'";
  if (OPENERS.includes(c)) return "(";
  if (CLOSERS.includes(c)) return ")";
  return c;
}

/** An empty vocabulary. */
export function emptyVocabulary(): Vocabulary {
  return { words: new Map(), starts: new Map(), ends: new Map(), inner: new Map(), across: new Map(), notEnd: new Map(), notStart: new Map(), latin: new Map(), classes: new Map() };
}

/** Adds (delta 1) or removes (delta −1) one whitespace token's counts. */
export function countToken(vocabulary: Vocabulary, token: string, delta = 1): void {
  for (const run of hangulRuns(token)) {
    const syllables = Array.from(run.text);
    const n = syllables.length;
    if (run.atStart && run.atEnd) bump(vocabulary.words, run.text, delta);
    for (let k = 1; k <= Math.min(6, n); k++) {
      if (run.atStart) bump(vocabulary.starts, syllables.slice(0, k).join(""), delta);
      if (run.atEnd) bump(vocabulary.ends, syllables.slice(n - k).join(""), delta);
    }
    for (let i = 0; i < n; i++) {
      if (i < n - 1) bump(vocabulary.notEnd, syllables[i], delta);
      if (i > 0) bump(vocabulary.notStart, syllables[i], delta);
      for (let k = 2; k <= 6 && i + k <= n; k++) bump(vocabulary.inner, syllables.slice(i, i + k).join(""), delta);
    }
  }
  for (const word of token.match(/[A-Za-z]+(?:-[A-Za-z]+)*/gu) ?? []) bump(vocabulary.latin, word.toLowerCase(), delta);
  const chars = Array.from(token);
  for (let i = 0; i + 1 < chars.length; i++) countClasses(vocabulary, chars[i], chars[i + 1], false, delta);
}

function countClasses(vocabulary: Vocabulary, a: string, b: string, space: boolean, delta: number) {
  const key = `${classOf(a)}${classOf(b)}`;
  if (key === "HH") return;
  const entry = vocabulary.classes.get(key) ?? [0, 0];
  entry[space ? 0 : 1] += delta;
  vocabulary.classes.set(key, entry);
}

/** Adds the adjacency across one space between two tokens (`a b`). */
export function countSpace(vocabulary: Vocabulary, left: string, right: string, delta = 1): void {
  const a = Array.from(left).at(-1);
  const b = Array.from(right)[0];
  if (!a || !b) return;
  if (isHangul(a) && isHangul(b)) bump(vocabulary.across, a + b, delta);
  else countClasses(vocabulary, a, b, true, delta);
}

/**
 * The vocabulary of a document from its lines: only what no line break touches, since the first
 * and last token of a line may be pieces of a broken word.
 */
export function buildVocabulary(lines: readonly string[]): Vocabulary {
  const vocabulary = emptyVocabulary();
  for (const line of lines) {
    const tokens = line.trim().split(/\s+/u).filter(Boolean);
    for (let i = 1; i < tokens.length - 1; i++) countToken(vocabulary, tokens[i]);
    for (let i = 0; i + 1 < tokens.length; i++) countSpace(vocabulary, tokens[i], tokens[i + 1]);
  }
  return vocabulary;
}

/** True when a Hangul string is a chain of attached particles/endings (`를`, `에서는`, `하였음`). */
export function isAttachedChain(text: string): boolean {
  const memo = new Map<number, boolean>();
  const rest = (at: number): boolean => {
    if (at === text.length) return true;
    if (memo.has(at)) return memo.get(at)!;
    const ok = ATTACHED_NEXT.some((piece) => text.startsWith(piece, at) && rest(at + piece.length));
    memo.set(at, ok);
    return ok;
  };
  return ATTACHED_FIRST.some((piece) => text.startsWith(piece) && rest(piece.length));
}

/** True when a Hangul word attaches to whatever precedes it (a particle or ending after a symbol, a number, a Latin word). */
export function attachesToWord(word: string): boolean {
  return isAttachedChain(word) || ATTACHED_AFTER_SYMBOL.has(word);
}

/** The decision at one line break, and why (for measuring and debugging). */
export interface JoinDecision {
  /** What replaces the line break: a space or nothing. */
  text: "" | " ";
  /** True when the left line's final hyphen was a hyphenation and goes. */
  dropHyphen?: boolean;
  reason: string;
  score?: number;
}

const log = Math.log;

/** How the document's lines were wrapped: by syllable (Korean word processors, Chromium) or by word (Word, LibreOffice). */
export type WrapMode = "syllable" | "word";

/** Decides whether the break between `left` and `right` (two wrapped lines of one unit) stood for a space. */
export function decideJoin(left: string, right: string, vocabulary: Vocabulary, wrap: WrapMode = "syllable"): JoinDecision {
  const l = left.trimEnd();
  const r = right.trimStart();
  const leftChars = Array.from(l);
  const c1 = leftChars.at(-1) ?? "";
  const c2 = Array.from(r)[0] ?? "";
  if (!c1 || !c2) return { text: "", reason: "empty" };
  const lastToken = l.split(/\s+/u).at(-1) ?? "";
  const firstToken = r.split(/\s+/u)[0] ?? "";
  const firstRun = /^[\uAC00-\uD7A3]+/u.exec(firstToken)?.[0] ?? "";
  const firstRunRest = firstToken.slice(firstRun.length);

  // Latin hyphenation: `quasi-⏎alliance` keeps its hyphen; `coopera-⏎tion` loses it when the
  // document knows the whole word (or does not know the hyphenated one).
  if ((c1 === "-" || c1 === "\u2010") && lastToken.length > 1) {
    const before = leftChars.at(-2) ?? "";
    if (isLatin(before) && isLatin(c2)) {
      const head = /[A-Za-z]+$/u.exec(l.slice(0, -1))?.[0] ?? "";
      const tail = /^[A-Za-z]+/u.exec(r)?.[0] ?? "";
      const joined = (head + tail).toLowerCase();
      const hyphened = `${head}-${tail}`.toLowerCase();
      if ((vocabulary.latin.get(joined) ?? 0) > (vocabulary.latin.get(hyphened) ?? 0)) return { text: "", dropHyphen: true, reason: "hyphenation" };
      return { text: "", reason: "hyphen-compound" };
    }
    return { text: "", reason: "hyphen" };
  }
  if (NO_SPACE_AFTER.has(c1)) return { text: "", reason: "no-space-after" };
  // An ASCII quote opens when a space or nothing stands before it, and closes when it ends a word.
  if ((c1 === "'" || c1 === '"') && (leftChars.length === 1 || /\s/u.test(leftChars.at(-2) ?? ""))) return { text: "", reason: "open-quote" };
  if ((c2 === "'" || c2 === '"') && !/^.[\p{L}\p{N}]/u.test(r.slice(0, 2))) return { text: "", reason: "close-quote" };
  // A dash or plus at the start of a continuation line is not a list marker (that has a space after it).
  if ((c2 === "-" || c2 === "+" || c2 === "–") && !/^.\s/u.test(r)) return { text: "", reason: "joining-sign" };
  if (c1 === "+") return { text: "", reason: "joining-sign" };
  if (NO_SPACE_BEFORE.has(c2)) return { text: "", reason: "no-space-before" };
  if (c1 === "." && isDigit(leftChars.at(-2) ?? "") && isDigit(c2)) return { text: "", reason: "decimal" };
  if (",.;:!?…".includes(c1)) return { text: " ", reason: "after-punctuation" };

  // A particle or ending after anything (`(GSOMIA)⏎를`, `RAA⏎는`, `‘국가안보전략’⏎에서는`).
  const wholeRun = firstRun !== "" && /^[^\p{L}\p{N}]*$/u.test(firstRunRest);
  const attached = wholeRun && isAttachedChain(firstRun);
  if (!isHangul(c1) && isHangul(c2)) {
    if (attached || (wholeRun && ATTACHED_AFTER_SYMBOL.has(firstRun))) return { text: "", reason: "particle" };
    if (isDigit(c1)) return COUNTERS.test(r) ? { text: "", reason: "counter" } : { text: " ", reason: "number-then-word" };
    // After a closing bracket or quote, or a Latin word, a word that is no particle starts anew.
    if (CLOSERS.includes(c1) || QUOTES.includes(c1) || isLatin(c1)) return { text: " ", reason: "after-closer" };
    return classVote(vocabulary, c1, c2, " ");
  }
  if (!isHangul(c1) || !isHangul(c2)) {
    if (isIdeographOrKana(c1) && isIdeographOrKana(c2)) return { text: "", reason: "ideographs" };
    if ((isLatin(c1) || isDigit(c1)) && (isLatin(c2) || isDigit(c2))) return { text: " ", reason: "latin" };
    if (isHangul(c1) && isDigit(c2) && /제$/u.test(lastToken)) return { text: "", reason: "ordinal" };
    return classVote(vocabulary, c1, c2, " ");
  }

  // A layout that wraps by word never breaks inside one (nor before a particle, which is part of it).
  if (wrap === "word") return { text: " ", reason: "word-wrapped" };
  // Hangul on both sides: weigh the evidence in log-odds, positive for joining.
  const a = /[\uAC00-\uD7A3]+$/u.exec(lastToken)?.[0] ?? "";
  const b = firstRun;
  const beforeA = Array.from(lastToken).at(-Array.from(a).length - 1);
  const wholeA = a !== "" && (beforeA === undefined || OPENERS.includes(beforeA) || "·ㆍ・/".includes(beforeA));
  let score = 0;
  const reasons: string[] = [];
  const add = (value: number, why: string) => {
    if (value === 0) return;
    score += value;
    reasons.push(`${why}${value > 0 ? "+" : ""}${value.toFixed(1)}`);
  };
  if (attached) add(3, "particle");
  // A verb standing alone after an object or an adverbial ending (`…을⏎할 수`, `…하도록⏎함`,
  // `…해야⏎함`) is a word of its own, though `할`, `함` are endings elsewhere.
  if (/(을|를|도록|고자|게|야|으로|로)$/u.test(a) && /^(하|함|할|한|해|했|되|됨|될|된|돼|됐|볼|봐|본)/u.test(b)) add(-6, "verb-after-ending");
  // An adnominal or final ending closes its word: `높아질⏎전망`, `다양한⏎국가`. Endings in -ㄴ
  // also close nouns (`제한`, `원인`), so they count only on longer words, and less.
  const aLength = Array.from(a).length;
  if (wholeA && aLength >= 2 && /(는|던|을|할|될|질|볼|갈|올|줄|있는|없는|하는|되는)$/u.test(a)) add(-2, "adnominal");
  else if (wholeA && aLength >= 3 && /(한|된|인|운|진|른|은)$/u.test(a)) add(-1.5, "adnominal");
  // A longer word that ends in a case particle has ended (`안보정책에⏎점진적인`); the particles
  // that also end nouns (가 국가, 이 차이, 도 제도, 의 회의, 과 결과) are left out.
  else if (wholeA && aLength >= 3 && /(에|에서|을|를|는|으로|에게|까지|부터|에는|에도|으로써|로서)$/u.test(a)) add(-1.2, "particle-end");
  // `-적` before a noun stands apart (`절차적⏎장벽`); before a particle it is `적인`, `적으로` on the right.
  else if (wholeA && aLength >= 2 && a.endsWith("적")) add(-1.5, "determiner");
  if (wholeA && Array.from(a).length === 1) add(STANDALONE_LEFT.has(a) ? -1.5 : 2, "single-left");
  const bLength = Array.from(b).length;
  if (bLength === 1 && /^[^\p{L}\p{N}]*$/u.test(firstRunRest)) {
    // `볼 수`, `할 것`: a one-syllable verb form before a bound noun stands alone.
    const nextWord = r.split(/\s+/u)[1] ?? "";
    add(STANDALONE_RIGHT.has(b) || /^(수|것|때|줄|뿐)/u.test(nextWord) ? -2 : 2, "single-right");
  }

  // The whole word the join would make, or a piece of it across the break, elsewhere in the text.
  const joined = a + b;
  if (vocabulary.words.has(joined) || (vocabulary.starts.get(joined) ?? 0) > 0) add(wholeA ? 3 : 2, "joined-known");
  else {
    let best = 0;
    const aChars = Array.from(a);
    const bChars = Array.from(b);
    for (let i = Math.max(0, aChars.length - 4); i < aChars.length; i++) {
      for (let k = 1; k <= Math.min(4, bChars.length); k++) {
        const piece = aChars.slice(i).join("") + bChars.slice(0, k).join("");
        if ((vocabulary.inner.get(piece) ?? 0) > 0) best = Math.max(best, aChars.length - i + k);
      }
    }
    if (best >= 2) add(best === 2 ? 0.8 : 1 + (best - 2) * 0.9, "across-known");
  }
  // Does the right side start a known word, and does the left side end one?
  let startLength = 0;
  const bChars = Array.from(b);
  for (let k = Math.min(6, bChars.length); k >= 1; k--) {
    if ((vocabulary.starts.get(bChars.slice(0, k).join("")) ?? 0) > 0) {
      startLength = k;
      break;
    }
  }
  if (startLength >= 2) add(-(0.8 + (startLength - 2) * 0.8) - (vocabulary.words.has(b) ? 0.6 : 0), "right-starts-word");
  let endLength = 0;
  const aChars = Array.from(a);
  for (let k = Math.min(6, aChars.length); k >= 1; k--) {
    if ((vocabulary.ends.get(aChars.slice(aChars.length - k).join("")) ?? 0) > 0) {
      endLength = k;
      break;
    }
  }
  if (endLength >= 2 && wholeA) add(-(0.5 + (endLength - 2) * 0.5), "left-ends-word");
  // Syllable statistics: how often these two syllables sit side by side inside a word, and across a space.
  const pair = c1 + c2;
  const inside = vocabulary.inner.get(pair) ?? 0;
  const across = vocabulary.across.get(pair) ?? 0;
  if (inside + across > 0) add(0.6 * log((inside + 0.5) / (across + 0.5)), "pair");
  const endRatio = ratio(vocabulary.ends.get(c1) ?? 0, (vocabulary.ends.get(c1) ?? 0) + (vocabulary.notEnd.get(c1) ?? 0));
  const startRatio = ratio(vocabulary.starts.get(c2) ?? 0, (vocabulary.starts.get(c2) ?? 0) + (vocabulary.notStart.get(c2) ?? 0));
  add(0.25 * (log((1 - endRatio) / endRatio) + log((1 - startRatio) / startRatio)), "syllables");
  return { text: score > 0 ? "" : " ", reason: reasons.join(" "), score };
}

/** Smoothed proportion. */
function ratio(part: number, whole: number): number {
  return (part + 0.5) / (whole + 1);
}

/** Between other character classes: what the document does elsewhere, else the fallback. */
function classVote(vocabulary: Vocabulary, c1: string, c2: string, fallback: "" | " "): JoinDecision {
  const [space, none] = vocabulary.classes.get(`${classOf(c1)}${classOf(c2)}`) ?? [0, 0];
  if (space + none >= 2 && space !== none) return { text: space > none ? " " : "", reason: `classes ${space}/${none}` };
  // Words are spaced; symbols the document never spaced stay attached.
  const wordy = (c: string) => /[\p{L}\p{N}]/u.test(c);
  return { text: wordy(c1) && wordy(c2) ? fallback : "", reason: "classes-default" };
}

/**
 * Guesses the wrap mode from first decisions at the Hangul–Hangul line ends of a document: a
 * layout that wraps by syllable breaks inside words about three times in four; one that wraps by
 * word never does, so when most ends look like spaces, all of them are.
 */
export function guessWrapMode(breaks: readonly [string, string][], vocabulary: Vocabulary): WrapMode {
  let spaces = 0;
  let total = 0;
  for (const [left, right] of breaks) {
    if (!/[\uAC00-\uD7A3]$/u.test(left.trimEnd()) || !/^[\uAC00-\uD7A3]/u.test(right.trimStart())) continue;
    total++;
    if (decideJoin(left, right, vocabulary).text === " ") spaces++;
  }
  return total >= 5 && spaces / total >= 0.7 ? "word" : "syllable";
}

/** Joins the wrapped lines of one unit into one line. */
export function joinLines(lines: readonly string[], vocabulary: Vocabulary, wrap: WrapMode = "syllable"): string {
  let text = "";
  for (const raw of lines) {
    const line = raw.trim();
    if (line === "") continue;
    if (text === "") {
      text = line;
      continue;
    }
    const decision = decideJoin(text, line, vocabulary, wrap);
    text = (decision.dropHyphen ? text.slice(0, -1) : text) + decision.text + line;
  }
  return text;
}
