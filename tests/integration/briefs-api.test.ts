/** The document API and the pages over real HTTP, against the built app and a real SQLite file. */
import { readFileSync } from "node:fs";
import { describe, expect, inject, it } from "vitest";
import type { BriefSummary, BriefView } from "@/lib/domain/brief";

const baseURL = inject("baseURL");

async function getJson<T>(path: string): Promise<{ status: number; type: string; body: T }> {
  const response = await fetch(`${baseURL}${path}`);
  return { status: response.status, type: response.headers.get("content-type") ?? "", body: (await response.json()) as T };
}

describe("GET /api/briefs", () => {
  it("lists the briefs with title, byline and counts", async () => {
    const { status, type, body } = await getJson<BriefSummary[]>("/api/briefs");
    expect(status).toBe(200);
    expect(type).toContain("application/json");
    const brief = body.find((item) => item.slug === "japan-quasi-alliance");
    expect(brief).toMatchObject({
      title: "일본의 '준동맹' 전략 구상에 따른 안보 네트워크 구축",
      byline: "이기태 세종연구소 선임연구위원",
      language: "ko",
      counts: { sections: 4, claims: 20, points: 40 },
    });
    expect(brief?.revision).toMatch(/^[0-9a-f]{64}$/);
  });

  it("lists a brief added by dropping a folder next to the others", async () => {
    const { body } = await getJson<BriefSummary[]>("/api/briefs");
    expect(body.map((item) => item.slug)).toContain("broken-brief");
  });
});

describe("GET /api/briefs/japan-quasi-alliance", () => {
  it("returns sections with claims and points, ids and parent ids", async () => {
    const { status, body } = await getJson<BriefView>("/api/briefs/japan-quasi-alliance");
    expect(status).toBe(200);
    expect(body.slug).toBe("japan-quasi-alliance");
    expect(body.sections).toHaveLength(4);
    const blocks = body.sections.flatMap((section) => section.blocks);
    expect(blocks.filter((block) => block.kind === "claim")).toHaveLength(20);
    expect(blocks.filter((block) => block.kind === "point")).toHaveLength(40);
    const ids = [...body.sections.map((section) => section.id), ...blocks.map((block) => block.id)];
    expect(new Set(ids).size).toBe(ids.length);
    for (const section of body.sections) {
      const claimIds = new Set(section.blocks.filter((block) => block.kind === "claim").map((block) => block.id));
      for (const block of section.blocks) {
        expect(Object.keys(block).sort()).toEqual(["id", "kind", "mentions", "parentId", "text"]);
        for (const mention of block.mentions) {
          expect(Array.from(block.text).slice(mention.start, mention.end).join("")).toBe(mention.surface);
        }
        if (block.kind === "point") expect(claimIds.has(block.parentId ?? "")).toBe(true);
        else expect(block.parentId).toBeNull();
      }
    }
    expect(blocks[0].text).toBe(
      "일본은 전후 평화헌법 제9조의 제약과 전수방위(專守防衛) 원칙 속에서 유지해온 미일동맹 중심의 안보정책에 점진적인 변화를 가하고 있음.",
    );
  });

  it("answers an unknown slug with 404 and a JSON error naming the field", async () => {
    const { status, type, body } = await getJson<{ error: { code: string; field: string } }>("/api/briefs/no-such-brief");
    expect(status).toBe(404);
    expect(type).toContain("application/json");
    expect(body.error).toMatchObject({ code: "not_found", field: "slug" });
  });

  it("answers a malformed slug with the same 404", async () => {
    const { status, body } = await getJson<{ error: { code: string } }>("/api/briefs/..%2F..%2Fetc");
    expect(status).toBe(404);
    expect(body.error.code).toBe("not_found");
  });

  it("answers an unknown API path with a JSON 404, not the HTML page", async () => {
    const { status, type } = await getJson("/api/nothing-here");
    expect(status).toBe(404);
    expect(type).toContain("application/json");
  });
});

describe("GET /api/briefs/<slug>/revisions", () => {
  it("has the served text stored in the database as a revision", async () => {
    const { body: brief } = await getJson<BriefView>("/api/briefs/japan-quasi-alliance");
    const { status, body } = await getJson<{ sha256: string; counts: object }[]>("/api/briefs/japan-quasi-alliance/revisions");
    expect(status).toBe(200);
    expect(body[0]).toMatchObject({ sha256: brief.revision, counts: { sections: 4, claims: 20, points: 40 } });
  });
});

describe("the reader page", () => {
  it("is server-rendered semantic HTML with an id on every block", async () => {
    const response = await fetch(`${baseURL}/briefs/japan-quasi-alliance`);
    expect(response.status).toBe(200);
    const html = await response.text();
    const { body } = await getJson<BriefView>("/api/briefs/japan-quasi-alliance");
    expect(html.match(/<h1[\s>]/g)).toHaveLength(1);
    expect(html.match(/<h2 class="brief-section-title"/g)).toHaveLength(4);
    for (const section of body.sections) {
      expect(html).toContain(`id="${section.id}"`);
      for (const block of section.blocks) expect(html).toContain(`id="${block.id}"`);
    }
    expect(html).toContain('<html lang="ko"');
  });

  it("answers an unknown brief with a 404 page", async () => {
    const response = await fetch(`${baseURL}/briefs/no-such-brief`);
    expect(response.status).toBe(404);
  });

  it("renders a brief with bad input and logs each problem with its line and column", async () => {
    const response = await fetch(`${baseURL}/briefs/broken-brief`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("모르는 표지로 시작하는 줄");
    expect(html).toContain("빈 절");
    const log = readFileSync(inject("serverLog"), "utf8");
    expect(log).toMatch(/broken-brief\/source\.txt:3:1: warning: Section “빈 절” has no claims \[empty-section\]/);
    expect(log).toMatch(/broken-brief\/source\.txt:8:1: warning: Stray blank line \[stray-blank-line\]/);
    expect(log).toMatch(/broken-brief\/source\.txt:10:1: warning: Unknown marker “▶”; read as a point \[unknown-marker\]/);
  });
});

describe("the list of briefs", () => {
  it("shows each brief with its title, byline and counts", async () => {
    const response = await fetch(`${baseURL}/`);
    const html = await response.text();
    expect(response.status).toBe(200);
    expect(html).toContain('href="/briefs/japan-quasi-alliance"');
    expect(html).toContain("이기태 세종연구소 선임연구위원");
    expect(html).toContain("4개 절 · 주장 20개 · 근거 40개");
  });
});
