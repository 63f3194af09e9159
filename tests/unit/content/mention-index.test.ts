/** The mention index the pipeline puts on every parse: the same facts as the blocks' mentions, indexed both ways. */
import { describe, expect, it } from "vitest";
import { loadSeedBrief } from "@/lib/content/seed-briefs";

describe("the mention index of a parsed brief", async () => {
  const { parsed } = await loadSeedBrief("japan-quasi-alliance");
  const blocks = parsed.document.sections.flatMap((section) => section.blocks.map((block) => ({ section, block })));

  it("lists, for each entity, every block that mentions it, in document order, with every span", () => {
    for (const [entityId, places] of parsed.mentions.byEntity) {
      const expected = blocks
        .filter(({ block }) => block.mentions.some((mention) => mention.entityId === entityId))
        .map(({ section, block }) => ({
          sectionId: section.id,
          sectionTitle: section.title,
          blockId: block.id,
          blockKind: block.kind,
          parentId: block.parentId,
          text: block.text,
          spans: block.mentions.filter((mention) => mention.entityId === entityId).map(({ start, end, surface }) => ({ start, end, surface })),
        }));
      expect(places).toEqual(expected);
    }
    const mentioned = new Set(blocks.flatMap(({ block }) => block.mentions.map((mention) => mention.entityId)));
    expect(new Set(parsed.mentions.byEntity.keys())).toEqual(mentioned);
    expect(mentioned.size).toBeGreaterThan(20);
  });

  it("lists, for each block, the entities it mentions, each once, in order of first mention", () => {
    for (const { block } of blocks) {
      const expected = [...new Set(block.mentions.map((mention) => mention.entityId))];
      expect(parsed.mentions.byBlock.get(block.id) ?? []).toEqual(expected);
    }
  });
});
