/** Helpers for counting in Unicode code points, the offset unit of the document model. */

/** The number of code points in a string (a surrogate pair counts once). */
export function codePointLength(text: string): number {
  let length = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    // A high surrogate followed by a low one is one code point.
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
    length++;
  }
  return length;
}

const SURROGATE = /[\uD800-\uDFFF]/;

/** Slices a string by code point offsets, like `String#slice` but in code points. */
export function sliceCodePoints(text: string, start: number, end?: number): string {
  // Without surrogate pairs code points and UTF-16 units coincide: skip building an array of the
  // whole text (re-anchoring calls this for every annotation).
  if (!SURROGATE.test(text)) return text.slice(start, end);
  return Array.from(text).slice(start, end).join("");
}
