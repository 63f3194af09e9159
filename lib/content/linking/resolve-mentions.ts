/**
 * Turns alias matches into mentions. A bare agreement kind (`RAA`) names a record only when the
 * passage is about Japan and one partner: the block's own partner, else its claim's. Otherwise
 * it links the kind: better a broad link than a wrong one.
 */
import type { Mention } from "@/lib/domain/brief";
import type { EntityIndex } from "./entity-index";
import { type AliasMatch, matchAliases } from "./match-aliases";

export interface LinkableBlock {
  id: string;
  parentId: string | null;
  text: string;
}

function partnerOf(matches: AliasMatch[], index: EntityIndex): string | null {
  const partners = new Set(matches.map((match) => match.entry.entityId).filter((id): id is string => !!id && index.partners.has(id)));
  return partners.size === 1 ? [...partners][0] : null;
}

// Offsets in the model count code points; the matcher works in UTF-16 units.
function toCodePoints(text: string, utf16: number): number {
  let count = 0;
  for (let i = 0; i < utf16; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff) i++;
    count++;
  }
  return count;
}

/** Mentions for every block, by block id. Blocks must come in document order. Pure. */
export function resolveMentions(blocks: LinkableBlock[], index: EntityIndex): Map<string, Mention[]> {
  const partners = new Map<string, string | null>();
  const result = new Map<string, Mention[]>();
  for (const block of blocks) {
    const matches = matchAliases(block.text, index);
    const own = partnerOf(matches, index);
    partners.set(block.id, own);
    const partner = own ?? (block.parentId ? (partners.get(block.parentId) ?? null) : null);
    const mentions: Mention[] = [];
    for (const match of matches) {
      let entityId = match.entry.entityId;
      if (!entityId) continue;
      if (match.entry.kind === "agreement-kind" && partner) {
        const record = `${entityId}-jp-${partner}`;
        if (index.records.has(record)) entityId = record;
      }
      mentions.push({
        entityId,
        start: toCodePoints(block.text, match.start),
        end: toCodePoints(block.text, match.end),
        surface: block.text.slice(match.start, match.end),
        source: "linker",
      });
    }
    result.set(block.id, mentions);
  }
  return result;
}
