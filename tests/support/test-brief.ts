/**
 * A small brief the re-anchoring tests write into the served BRIEFS_DIR and then revise: a claim
 * that stays, a point that gets edited (with enough context after it to be found again), and a
 * claim that gets deleted.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export const TEST_BRIEF_SOURCE = [
  "시험용 브리프",
  "홍길동 세종연구소 연구위원",
  "■ 첫 절",
  "❍ 첫째 주장은 그대로 남는 문장임.",
  "- 둘째 근거는 2022년 1월 발효된 일호 RAA를 말함. 이 문장 뒤에는 충분히 긴 문맥이 이어져서 뒤 문맥은 바뀌지 않음.",
  "❍ 셋째 주장은 나중에 지워질 문장임.",
  "",
].join("\n");

/** Writes the brief's folder (metadata and `source`); call again with another source to revise it. */
export function writeTestBrief(folder: string, source: string): void {
  mkdirSync(folder, { recursive: true });
  const metadata = join(folder, "brief.json");
  if (!existsSync(metadata)) writeFileSync(metadata, JSON.stringify({ title: "시험용 브리프", author: "홍길동", affiliation: "세종연구소", language: "ko" }));
  writeFileSync(join(folder, "source.txt"), source);
}

/**
 * Waits until the server serves `source` as the brief's current text: the library imports a
 * changed seed folder on its own, a moment after the files are written (lib/services/library-sync.ts).
 */
export async function waitForBriefText(baseURL: string, slug: string, source: string, timeoutMs = 15_000): Promise<void> {
  const revision = createHash("sha256").update(source.normalize("NFC"), "utf8").digest("hex");
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await fetch(`${baseURL}/api/briefs/${slug}`);
    if (response.ok && ((await response.json()) as { revision: string }).revision === revision) return;
    if (!response.ok) await response.body?.cancel();
    if (Date.now() > deadline) throw new Error(`The server did not take in the new text of ${slug} within ${timeoutMs} ms`);
    await new Promise((wait) => setTimeout(wait, 100));
  }
}
