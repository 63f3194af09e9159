/**
 * The linker against a hand-labelled gold set of every block's entity mentions
 * (tests/fixtures/linking/gold.json, guidelines in its README). Scored per block as multisets
 * of entity ids: a mention counts as found when the block has it as often as the gold set does.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadSeedBrief } from "@/lib/content/seed-briefs";
import type { Block } from "@/lib/domain/brief";

interface GoldBlock {
  id: string;
  text: string;
  mentions: [string, string][];
}

const gold = JSON.parse(readFileSync(join(import.meta.dirname, "../../../fixtures/linking/gold.json"), "utf8")) as { blocks: GoldBlock[] };
let blocks: Map<string, Block>;

beforeAll(async () => {
  const brief = await loadSeedBrief("japan-quasi-alliance");
  blocks = new Map(brief.parsed.document.sections.flatMap((section) => section.blocks).map((block) => [block.id, block]));
});

function count(ids: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
  return counts;
}

/** True positives, predictions and gold mentions, with the misses listed for the failure message. */
function score() {
  let truePositives = 0;
  let predicted = 0;
  let expected = 0;
  const misses: string[] = [];
  for (const goldBlock of gold.blocks) {
    const block = blocks.get(goldBlock.id);
    const want = count(goldBlock.mentions.map(([, id]) => id));
    const got = count((block?.mentions ?? []).map((mention) => mention.entityId));
    for (const [id, n] of want) {
      const hit = Math.min(n, got.get(id) ?? 0);
      truePositives += hit;
      if (hit < n) misses.push(`${goldBlock.id}: missed ${id} ×${n - hit}`);
    }
    for (const [id, n] of got) if (n > (want.get(id) ?? 0)) misses.push(`${goldBlock.id}: extra ${id} ×${n - (want.get(id) ?? 0)}`);
    expected += goldBlock.mentions.length;
    predicted += block?.mentions.length ?? 0;
  }
  return { precision: truePositives / predicted, recall: truePositives / expected, misses };
}

describe("entity linking against the gold set", () => {
  it("covers every block of the brief, with the brief's text", () => {
    expect(gold.blocks).toHaveLength(60);
    for (const goldBlock of gold.blocks) expect(blocks.get(goldBlock.id)?.text, goldBlock.id).toBe(goldBlock.text);
  });

  it("holds precision and recall of at least 0.95", () => {
    const { precision, recall, misses } = score();
    console.log(`linking: precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)}; ${misses.length} differences${misses.length ? `:\n  ${misses.join("\n  ")}` : ""}`);
    expect(precision, misses.join("\n")).toBeGreaterThanOrEqual(0.95);
    expect(recall, misses.join("\n")).toBeGreaterThanOrEqual(0.95);
  });

  it("gets the traps right: 인도태평양 and 인도양 are not India, 인도와 is; 영일/일호 RAA; RAA in the France paragraph", () => {
    const all = [...blocks.values()];
    const ids = (prefix: string) => all.find((block) => block.text.startsWith(prefix))?.mentions.map((mention) => mention.entityId) ?? [];
    expect(ids("이러한 전략 변화의 중요한 배경에는")).toEqual(["us", "indo-pacific"]);
    expect(ids("전략적으로 호주는 인도양과 태평양을")).toContain("indian-ocean");
    expect(ids("전략적으로 호주는 인도양과 태평양을")).not.toContain("in");
    expect(ids("일본은 미국, 호주, 인도와 함께 쿼드에")).toContain("in");
    expect(ids("특히 영일 RAA는")[0]).toBe("raa-jp-gb");
    expect(ids("2022년 1월 발효된 일호 RAA는")[0]).toBe("raa-jp-au");
    expect(ids("2024년 일본과 프랑스는")).toContain("raa-jp-fr");
    expect(ids("이처럼 일본과 프랑스는")).toEqual(expect.arrayContaining(["raa-jp-fr", "acsa-jp-fr", "gsomia-jp-fr", "transfer-jp-fr"]));
  });
});
