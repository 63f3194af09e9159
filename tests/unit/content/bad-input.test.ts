import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { formatProblems, parseBrief } from "@/lib/content/pipeline";
import { rebuildSource } from "@/lib/content/rebuild-source";

const input = readFileSync(join(import.meta.dirname, "../../fixtures/briefs/broken-brief/source.txt"), "utf8");

describe("a brief with bad input", () => {
  const { document, problems } = parseBrief(input, { path: "broken-brief/source.txt" });

  it("still yields a document with every block", () => {
    expect(document.sections.map((section) => section.title)).toEqual(["빈 절", "두 번째 절"]);
    expect(document.sections[1].blocks.map((block) => block.kind)).toEqual(["point", "claim", "point", "point", "claim"]);
    expect(rebuildSource(document)).toBe(input);
  });

  it("reports each problem with its line and column", () => {
    expect(problems.map(({ ruleId, line, column }) => ({ ruleId, line, column }))).toEqual([
      { ruleId: "empty-section", line: 3, column: 1 },
      { ruleId: "point-without-claim", line: 5, column: 1 },
      { ruleId: "stray-blank-line", line: 8, column: 1 },
      { ruleId: "unknown-marker", line: 10, column: 1 },
    ]);
  });

  it("formats problems as path:line:column log lines", () => {
    expect(formatProblems("broken-brief/source.txt", problems)[3]).toBe(
      "broken-brief/source.txt:10:1: warning: Unknown marker “▶”; read as a point [unknown-marker]",
    );
  });

  it("reads a blank line inside a wrapped sentence as part of the join", () => {
    const { document: joined, problems: found } = parseBrief("제목\n저자\n■ 절\n❍ 줄이\n\n이어짐\n");
    expect(joined.sections[0].blocks[0].text).toBe("줄이 이어짐");
    expect(found.map((problem) => problem.ruleId)).toEqual(["stray-blank-line"]);
  });

  it("keeps blocks found before the first section in a section of their own", () => {
    const { document: early, problems: found } = parseBrief("제목\n저자\n❍ 절보다 먼저\n■ 절\n❍ 주장\n");
    expect(early.sections.map((section) => [section.id, section.blocks.length])).toEqual([
      ["s-preface", 1],
      [early.sections[1].id, 1],
    ]);
    expect(found.map((problem) => problem.ruleId)).toContain("block-outside-section");
    expect(rebuildSource(early)).toBe("제목\n저자\n❍ 절보다 먼저\n■ 절\n❍ 주장\n");
  });
});
