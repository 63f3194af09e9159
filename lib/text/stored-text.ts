/**
 * What text the reader stores, decided once at the edge: every text field of every request (a
 * note's body and tags, a token's name, a user's name, W3C values, ids and selectors, import
 * items, the search query) passes `storedText()`, and what it refuses is a 400 naming the field.
 *
 * - Well-formed Unicode: no lone surrogate (`"x\ud800"`, which JSON's `\u` escapes can carry).
 *   Such a string has no UTF-8 form: PostgreSQL, Prisma's query engine ("lone leading surrogate
 *   in hex escape") and every export would fail on it, or turn it into U+FFFD behind the writer's back.
 * - No U+0000: PostgreSQL's text type cannot hold it (SQLite can); refusing it on every provider
 *   keeps a note's behaviour the same whichever database serves it.
 * - NFC: stored text is normalized (a transform, not a refusal). A quote or tag pasted in NFD
 *   (macOS file names, old documents) is the same text, and the document model's offsets count
 *   code points of NFC text, so text compares and searches alike whatever its spelling.
 * - Names and tags (text shown as a label beside other text): no bidirectional embedding,
 *   override or isolate controls (U+202A–U+202E, U+2066–U+2069), with which a name could
 *   reorder what is displayed after it ("Trojan Source"). Note bodies may hold them: a body is
 *   rendered as its own block, and Korean and Arabic or Hebrew quotations may need them.
 */
import { z } from "zod";

export const NUL_MESSAGE = "must not contain the NUL character (U+0000)";
export const ILL_FORMED_MESSAGE = "must be well-formed Unicode text (it holds a lone surrogate)";
export const BIDI_MESSAGE = "must not contain bidirectional override or isolate characters (U+202A–U+202E, U+2066–U+2069)";

const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/;

export function containsNul(text: string): boolean {
  return text.includes("\u0000");
}

/** True when the string has a UTF-8 form: every surrogate is half of a pair. */
export function isWellFormed(text: string): boolean {
  // String.prototype.isWellFormed (Node 20) where present; the regex says the same.
  const native = (text as { isWellFormed?: () => boolean }).isWellFormed;
  if (native) return native.call(text);
  return !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);
}

export function containsBidiControl(text: string): boolean {
  return BIDI_CONTROLS.test(text);
}

export interface StoredTextOptions {
  /** A label (a name, a tag): bidirectional controls are refused too. */
  label?: boolean;
}

/** What is wrong with a text the reader would store, as a message without the field; null when nothing. */
export function storedTextProblem(text: string, options: StoredTextOptions = {}): string | null {
  if (!isWellFormed(text)) return ILL_FORMED_MESSAGE;
  if (containsNul(text)) return NUL_MESSAGE;
  if (options.label && containsBidiControl(text)) return BIDI_MESSAGE;
  return null;
}

/**
 * A string the reader may store, normalized to NFC; a refinement of it (`.pipe(...)`) adds limits.
 * The zod issue keeps the field's path, so the API answers `{ field, message }` naming it.
 */
export function storedText(options: StoredTextOptions = {}) {
  return z
    .string()
    .superRefine((text, context) => {
      const problem = storedTextProblem(text, options);
      if (problem) context.addIssue({ code: "custom", message: problem });
    })
    .transform((text) => text.normalize("NFC"));
}

/**
 * The first string in a parsed JSON value (a key or a value) that no text field could store, as
 * a dotted path and the problem: the JSON edge's check, so that a string no schema names (an
 * unknown W3C term, a key) is refused the same way before anything reads it. Null when none.
 */
export function illFormedString(value: unknown, path: string[] = []): { field: string; message: string } | null {
  if (typeof value === "string") {
    return isWellFormed(value) ? null : { field: path.join(".") || "(body)", message: ILL_FORMED_MESSAGE };
  }
  if (value === null || typeof value !== "object") return null;
  for (const [key, item] of Array.isArray(value) ? value.entries() : Object.entries(value)) {
    const at = [...path, String(key)];
    if (typeof key === "string" && !isWellFormed(key)) return { field: path.join(".") || "(body)", message: `a key ${ILL_FORMED_MESSAGE}` };
    const found = illFormedString(item, at);
    if (found) return found;
  }
  return null;
}
