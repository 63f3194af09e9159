import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { codePointLength, sliceCodePoints } from "@/lib/text/code-points";
import { parseBrief } from "@/lib/content/pipeline";
import { rebuildSource } from "@/lib/content/rebuild-source";
import { briefMetadataSchema, countsOf } from "@/lib/domain/brief";

const repo = join(import.meta.dirname, "../../..");
const briefDir = join(repo, "content/briefs/japan-quasi-alliance");
const source = readFileSync(join(briefDir, "source.txt"), "utf8");
const shared = join(repo, "../shared/source/japan-quasi-alliance.ko.txt");

describe("the Japan quasi-alliance brief", () => {
  const { document, problems } = parseBrief(source);

  it.runIf(existsSync(shared))("is kept byte for byte as ../shared has it", () => {
    expect(readFileSync(join(briefDir, "source.txt")).equals(readFileSync(shared))).toBe(true);
  });

  it("has metadata that matches its own title and byline", () => {
    const metadata = briefMetadataSchema.parse(JSON.parse(readFileSync(join(briefDir, "brief.json"), "utf8")));
    expect(metadata.language).toBe("ko");
    expect(document.title?.text).toBe(metadata.title);
    expect(document.byline?.text).toBe(`${metadata.author} ${metadata.affiliation} ${metadata.position}`);
  });

  it("has a title, a byline, the 핵심요약 label, 4 sections, 20 claims and 40 points", () => {
    expect(document.title?.text).toBe("일본의 '준동맹' 전략 구상에 따른 안보 네트워크 구축");
    expect(document.byline?.text).toBe("이기태 세종연구소 선임연구위원");
    expect(document.labels.map((label) => label.text)).toEqual(["핵심요약"]);
    expect(countsOf(document)).toEqual({ sections: 4, claims: 20, points: 40 });
    expect(document.sections.map((section) => section.title)).toEqual([
      "문제의 제기",
      "일본의 '준동맹'확대 전략",
      "주요 '준동맹'안보협력 사례 분석: 영국, 프랑스, 호주, 필리핀 등",
      "정책적 시사점 및 제언",
    ]);
    expect(problems).toEqual([]);
  });

  it("nests each point under the claim above it", () => {
    for (const section of document.sections) {
      let claimId: string | null = null;
      for (const block of section.blocks) {
        if (block.kind === "claim") {
          claimId = block.id;
          expect(block.parentId).toBeNull();
        } else {
          expect(block.parentId).toBe(claimId);
        }
      }
    }
  });

  it("rejoins wrapped lines with a space, and with none after ·", () => {
    const texts = document.sections.flatMap((section) => section.blocks.map((block) => block.text));
    expect(texts.some((text) => text.includes("움직임이 가속화되고 있음."))).toBe(true);
    expect(texts.some((text) => text.includes("다각적·다층적 안보 네트워크"))).toBe(true);
    expect(texts.some((text) => text.includes("‘무기 등 방호’"))).toBe(true);
    for (const text of texts) expect(text).not.toMatch(/\n|^[❍■-] /);
  });

  it("keeps block text without its marker and rebuilds the exact source", () => {
    const first = document.sections[0].blocks[0];
    expect(first.text.startsWith("일본은 전후 평화헌법")).toBe(true);
    expect(first.source.prefix).toBe("❍ ");
    expect(rebuildSource(document)).toBe(source);
  });
});

describe("Unicode handling", () => {
  it("normalizes decomposed Hangul to NFC before any offset exists", () => {
    const nfd = "제목\n저자\n■ 절\n❍ 한국과 일본\n".normalize("NFD");
    const { document } = parseBrief(nfd);
    expect(document.sections[0].blocks[0].text).toBe("한국과 일본");
    expect(codePointLength(document.sections[0].blocks[0].text)).toBe(6);
  });

  it("counts offsets in code points, so characters outside the BMP count once", () => {
    const { document } = parseBrief("제목\n저자\n■ 절\n❍ 𠀀자가\n이어짐\n");
    const block = document.sections[0].blocks[0];
    expect(block.source.joins[0].at).toBe(3);
    expect(sliceCodePoints(block.text, 0, 3)).toBe("𠀀자가");
    expect(rebuildSource(document)).toBe("제목\n저자\n■ 절\n❍ 𠀀자가\n이어짐\n");
  });
});
