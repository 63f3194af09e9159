/**
 * Content negotiation for the annotation protocol (RFC 9110 12.5.1): which of the two JSON
 * types we serve a request's `Accept` header prefers. Pure.
 *
 * Both carry the same bytes; `application/ld+json` (with the annotation profile) is the
 * protocol's type and the default, `application/json` is for clients that ask for plain JSON.
 */

export type JsonMediaType = "application/ld+json" | "application/json";

interface MediaRange {
  type: string;
  subtype: string;
  q: number;
}

/** Splits a header on commas outside quoted strings (a profile parameter is quoted). */
function splitOutsideQuotes(header: string, separator: string): string[] {
  const parts: string[] = [];
  let current = "";
  let quoted = false;
  for (let index = 0; index < header.length; index++) {
    const char = header[index];
    if (char === '"' && header[index - 1] !== "\\") quoted = !quoted;
    if (char === separator && !quoted) {
      parts.push(current);
      current = "";
    } else {
      current += char;
    }
  }
  parts.push(current);
  return parts;
}

function parseRanges(accept: string): MediaRange[] {
  const ranges: MediaRange[] = [];
  for (const part of splitOutsideQuotes(accept, ",")) {
    const [range, ...params] = splitOutsideQuotes(part, ";").map((piece) => piece.trim());
    const match = /^([\w.+*-]+)\/([\w.+*-]+)$/.exec(range.toLowerCase());
    if (!match) continue;
    let q = 1;
    for (const param of params) {
      const qMatch = /^q\s*=\s*([0-9.]+)$/i.exec(param);
      if (qMatch) q = Math.max(0, Math.min(1, Number(qMatch[1]) || 0));
    }
    ranges.push({ type: match[1], subtype: match[2], q });
  }
  return ranges;
}

/** How well a range names a type: 2 exactly, 1 `application/*`, 0 `*\/*`, -1 not at all. */
function specificity(range: MediaRange, type: string): number {
  const [wantType, wantSubtype] = type.split("/");
  if (range.type === wantType && range.subtype === wantSubtype) return 2;
  if (range.type === wantType && range.subtype === "*") return 1;
  if (range.type === "*" && range.subtype === "*") return 0;
  return -1;
}

/** The quality the header gives a type: that of the most specific range naming it. */
function qualityOf(ranges: MediaRange[], type: string): number {
  let best = -1;
  let q = 0;
  for (const range of ranges) {
    const level = specificity(range, type);
    if (level > best) {
      best = level;
      q = range.q;
    }
  }
  return best < 0 ? 0 : q;
}

/**
 * The type to answer with, or null when the header accepts neither (406). No header, or one we
 * cannot read at all, accepts anything, as HTTP says; a tie goes to JSON-LD.
 */
export function negotiateJson(accept: string | null): JsonMediaType | null {
  if (accept === null || accept.trim() === "") return "application/ld+json";
  const ranges = parseRanges(accept);
  if (ranges.length === 0) return "application/ld+json";
  const ld = qualityOf(ranges, "application/ld+json");
  const plain = qualityOf(ranges, "application/json");
  if (ld <= 0 && plain <= 0) return null;
  return plain > ld ? "application/json" : "application/ld+json";
}

/**
 * Whether `Accept` prefers an HTML page to JSON (a browser's does); no header, `*\/*` or a tie
 * is JSON, for programs. For resources that have a page for people beside their JSON-LD.
 */
export function prefersHtml(accept: string | null): boolean {
  if (accept === null || accept.trim() === "") return false;
  const ranges = parseRanges(accept);
  const html = qualityOf(ranges, "text/html");
  return html > 0 && html > Math.max(qualityOf(ranges, "application/ld+json"), qualityOf(ranges, "application/json"));
}
