/**
 * `@name` mentions of members in a note's text, and a note's excerpt for a notification. Pure, and
 * apart from lib/domain/notification.ts so that the note form's code can use it without zod
 * (whose first schema tries `new Function`, which the reader's Content-Security-Policy refuses
 * and reports).
 */

/** How long a quote or a body is in a notification (code points). */
export const EXCERPT_CHARS = 140;

/** What is true just before a name can start: the text's start, or a character that is not part of a word or an address. */
function mayStartMention(text: string, at: number): boolean {
  if (at === 0) return true;
  const before = text[at - 1];
  return !/[\p{L}\p{N}_.@-]/u.test(before);
}

/**
 * The names that `text` @mentions, out of `names` (the members' display names). A mention is `@`
 * followed by a name exactly as written, case aside for Latin letters; at each `@`, the longest
 * name that follows wins (so `@Kim Jiwoo` is Kim Jiwoo, not Kim), and the name must end at a word
 * boundary (`@Kimberly` is not Kim). Names may hold spaces and Hangul, as display names do.
 */
export function mentionedNames(text: string, names: readonly string[]): string[] {
  if (!text.includes("@")) return [];
  const candidates = [...new Set(names.map((name) => name.normalize("NFC").trim()).filter((name) => name.length > 0))].sort((a, b) => b.length - a.length);
  const folded = text.normalize("NFC").toLocaleLowerCase("en");
  const found = new Set<string>();
  for (let at = folded.indexOf("@"); at >= 0; at = folded.indexOf("@", at + 1)) {
    if (!mayStartMention(folded, at)) continue;
    const rest = folded.slice(at + 1);
    const name = candidates.find((candidate) => {
      const lower = candidate.toLocaleLowerCase("en");
      if (!rest.startsWith(lower)) return false;
      const next = rest[lower.length];
      return next === undefined || !/[\p{L}\p{N}_]/u.test(next);
    });
    if (name) found.add(name);
  }
  return [...found];
}

/**
 * The `@` mention being typed at the caret, for a completion list: the text after the last `@`
 * before the caret, if that `@` may start a mention and what follows it has no line break.
 * Null when the caret is not in a mention.
 */
export function mentionAtCaret(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const at = before.lastIndexOf("@");
  if (at < 0 || !mayStartMention(before, at)) return null;
  const query = before.slice(at + 1);
  if (/[\n@]/.test(query) || query.length > 50) return null;
  return { start: at, query };
}

/** A short excerpt of a note for a notification (its body, else its quote), on one line. */
export function excerptOf(text: string): string {
  const line = text.replace(/\s+/g, " ").trim();
  const points = [...line];
  return points.length <= EXCERPT_CHARS ? line : `${points.slice(0, EXCERPT_CHARS - 1).join("")}…`;
}
