/** Text targets on a brief as the API describes them, for the notes benchmarks (bench/notes.ts, bench/lists.ts). */

export interface BriefJson {
  revision: string;
  sections: { blocks: { id: string; text: string }[] }[];
}

export interface TextTargetJson {
  blockId: string;
  quote: { exact: string; prefix: string; suffix: string };
  position: { start: number; end: number };
}

/**
 * Text targets on the brief as the API describes them (docs/api.md): code points into the
 * blocks' texts joined by "\n"; each span inside one block, 5–40 code points, with the 32 code
 * points of context each side that the reader's UI sends.
 */
export function textTargets(brief: BriefJson, count: number, random: () => number): TextTargetJson[] {
  const blocks: { id: string; chars: string[]; start: number }[] = [];
  const all: string[] = [];
  for (const block of brief.sections.flatMap((section) => section.blocks)) {
    if (all.length > 0) all.push("\n");
    const chars = Array.from(block.text);
    blocks.push({ id: block.id, chars, start: all.length });
    all.push(...chars);
  }
  const targets: TextTargetJson[] = [];
  while (targets.length < count) {
    const block = blocks[Math.floor(random() * blocks.length)];
    if (block.chars.length < 6) continue;
    const length = 5 + Math.floor(random() * (Math.min(40, block.chars.length) - 4));
    const offset = Math.floor(random() * (block.chars.length - length + 1));
    const start = block.start + offset;
    const end = start + length;
    targets.push({
      blockId: block.id,
      quote: { exact: all.slice(start, end).join(""), prefix: all.slice(Math.max(0, start - 32), start).join(""), suffix: all.slice(end, end + 32).join("") },
      position: { start, end },
    });
  }
  return targets;
}

