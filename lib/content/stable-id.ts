/**
 * Stable ids from content. An id depends only on its own unit's kind and text
 * (whitespace folded, so re-wrapping lines changes nothing), never on its position:
 * inserting or editing a block leaves every other block's id as it was.
 */

// cyrb53 (public domain, bryc): a fast 53-bit string hash with good spread. A hash rather than
// a counter, because a counter shifts when a block is inserted before it.
function cyrb53(text: string, seed = 0): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

const PREFIX = { section: "s", claim: "c", point: "p" } as const;

export type IdKind = keyof typeof PREFIX;

/** The id a unit of this kind and text gets, before duplicates are told apart. */
export function contentId(kind: IdKind, text: string): string {
  const folded = text.normalize("NFC").replace(/\s+/gu, " ").trim();
  // Eight base-36 digits (about 41 bits) keep URLs short; collisions are told apart below.
  const digits = cyrb53(`${kind}\u0000${folded}`).toString(36).padStart(11, "0").slice(-8);
  return `${PREFIX[kind]}-${digits}`;
}

/**
 * Hands out ids for one document: the second unit with the same id gets `-2`, and so on.
 * Create one per run; it holds the only state.
 */
export function createIdAllocator(): (kind: IdKind, text: string) => string {
  const seen = new Map<string, number>();
  return (kind, text) => {
    const base = contentId(kind, text);
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    return count === 1 ? base : `${base}-${count}`;
  };
}
