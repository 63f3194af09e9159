import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseBrief } from "@/lib/content/pipeline";
import type { BriefDocument } from "@/lib/domain/brief";

const source = readFileSync(join(import.meta.dirname, "../../../content/briefs/japan-quasi-alliance/source.txt"), "utf8");

function idsByText(document: BriefDocument): Map<string, string> {
  const map = new Map<string, string>();
  for (const section of document.sections) {
    map.set(`section:${section.title}`, section.id);
    for (const block of section.blocks) map.set(`${block.kind}:${block.text}`, block.id);
  }
  return map;
}

function allIds(document: BriefDocument): string[] {
  return document.sections.flatMap((section) => [section.id, ...section.blocks.map((block) => block.id)]);
}

describe("stable block ids", () => {
  const original = parseBrief(source).document;

  it("gives every section and block a unique id", () => {
    const ids = allIds(original);
    expect(ids).toHaveLength(4 + 60);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[scp]-[0-9a-z]{8}(-\d+)?$/);
  });

  it("gives the same ids for the same input, run after run", () => {
    expect(allIds(parseBrief(source).document)).toEqual(allIds(original));
  });

  it("keeps every other id when one block is edited", () => {
    const edited = source.replace("이러한 전략 변화의 중요한 배경에는", "이러한 전략 전환의 중요한 배경에는");
    expect(edited).not.toBe(source);
    const before = idsByText(original);
    const after = parseBrief(edited).document;
    const changed = after.sections.flatMap((section) => section.blocks).filter((block) => before.get(`${block.kind}:${block.text}`) !== block.id);
    expect(changed.map((block) => block.text.slice(0, 19))).toEqual(["이러한 전략 전환의 중요한 배경에는"]);
  });

  it("keeps every id when a block is inserted before them", () => {
    const inserted = source.replace("■ 문제의 제기\n", "■ 문제의 제기\n❍ 새로 끼워 넣은 주장.\n- 새 근거.\n");
    const after = parseBrief(inserted).document;
    const before = idsByText(original);
    for (const [key, id] of idsByText(after)) {
      if (key.includes("새로 끼워 넣은") || key.includes("새 근거")) continue;
      expect(id, key).toBe(before.get(key));
    }
    expect(allIds(after)).toHaveLength(allIds(original).length + 2);
  });

  it("keeps ids when the lines are wrapped differently", () => {
    const rewrapped = source.replace("가속화되고\n있음.", "가속화되고 있음.");
    expect(allIds(parseBrief(rewrapped).document)).toEqual(allIds(original));
  });

  it("keeps a point's id when its claim is edited", () => {
    const edited = source.replace("점진적인 변화를 가하고 있음", "점진적인 변화를 더하고 있음");
    const point = (document: BriefDocument) => document.sections[0].blocks[1];
    const after = parseBrief(edited).document;
    expect(point(after).id).toBe(point(original).id);
    expect(point(after).parentId).not.toBe(point(original).parentId);
  });

  it("tells identical blocks apart by order", () => {
    const { document } = parseBrief("제목\n저자\n■ 절\n❍ 같은 주장\n- 같은 근거\n❍ 같은 주장\n- 같은 근거\n");
    const [first, point1, second, point2] = document.sections[0].blocks;
    expect(second.id).toBe(`${first.id}-2`);
    expect(point2.id).toBe(`${point1.id}-2`);
    expect(point2.parentId).toBe(second.id);
  });
});
