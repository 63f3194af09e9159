/**
 * Re-anchoring benchmark: 10,000 stored highlights placed again on a revised brief with the pure
 * functions the server uses (`describeSpan`, `reanchor`), no server and no database.
 *   - the text is the real brief (`parseBrief` + `briefText`, blocks joined by "\n");
 *   - 10,000 spans, seeded (same spans every run), 5–80 code points long, described with
 *     `describeSpan` (quote + 32 code points of context each side + position);
 *   - the revision: a sentence inserted near the start (so almost every position shifts), ~5% of
 *     the sentences lightly edited, one block deleted;
 *   - timed: `reanchor()` of all 10,000 on the revised text, and (baseline, same run) on the
 *     unchanged text, where every one takes the `exact` fast path.
 * Run: npm run bench:reanchor   (writes bench/results/reanchor.json)
 */
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { briefText } from "@/lib/anchoring/brief-text";
import { describeSpan, reanchor } from "@/lib/anchoring/reanchor";
import type { Anchor } from "@/lib/anchoring/reanchor";
import type { AnchorStatus } from "@/lib/domain/annotation";
import type { TextPositionSelector, TextQuoteSelector } from "@/lib/w3c/selectors";
import { codePointLength, sliceCodePoints } from "@/lib/text/code-points";
import { parseBrief } from "@/lib/content/pipeline";
import { prng } from "./prng";

const ANNOTATIONS = 10_000;
const SEED = 20261123;
const root = join(import.meta.dirname, "..");
const source = readFileSync(join(root, "content/briefs/japan-quasi-alliance/source.txt"), "utf8");

const random = prng(SEED);
const randomInt = (min: number, max: number) => min + Math.floor(random() * (max - min + 1)); // inclusive

// ---------------------------------------------------------------------------------------------
// The original text and the 10,000 spans on it.

const { document } = parseBrief(source);
const original = briefText(document);
const originalLength = codePointLength(original.text);

interface Stored {
  quote: TextQuoteSelector;
  position: TextPositionSelector;
}
const describeStart = performance.now();
const stored: Stored[] = [];
for (let i = 0; i < ANNOTATIONS; i++) {
  const length = randomInt(5, 80);
  const start = randomInt(0, originalLength - length);
  stored.push(describeSpan(original.text, start, start + length));
}
const describeMs = performance.now() - describeStart;

// ---------------------------------------------------------------------------------------------
// The revision, made on the block texts (what `briefText` joins): the same text a revised
// source.txt would give, without re-wrapping source lines by hand.

const blockTexts = document.sections.flatMap((section) => section.blocks.map((block) => block.text));
const SENTENCE_END = /(?<=[.?!])\s+/u;

/** A light edit of one sentence: a word replaced, a few characters inserted, or a few deleted. */
function editSentence(sentence: string): string {
  const chars = Array.from(sentence);
  const at = randomInt(0, Math.max(0, chars.length - 6));
  switch (randomInt(0, 2)) {
    case 0:
      chars.splice(at, 2, "변경");
      break;
    case 1:
      chars.splice(at, 0, "새로운 ");
      break;
    default:
      chars.splice(at, 3);
  }
  return chars.join("");
}

const sentences = blockTexts.map((text) => text.split(SENTENCE_END));
const sentenceCount = sentences.reduce((sum, list) => sum + list.length, 0);
const toEdit = Math.max(1, Math.round(sentenceCount * 0.05));
const edited = new Set<string>();
while (edited.size < toEdit) {
  const block = randomInt(0, sentences.length - 1);
  edited.add(`${block}:${randomInt(0, sentences[block].length - 1)}`);
}
const revisedBlocks = sentences.map((list, block) => list.map((sentence, index) => (edited.has(`${block}:${index}`) ? editSentence(sentence) : sentence)).join(" "));
// Delete one block about two thirds in (not one that was just edited, so the figures stay legible).
let deleted = Math.floor(revisedBlocks.length * 0.66);
while ([...edited].some((key) => key.startsWith(`${deleted}:`))) deleted++;
const deletedText = revisedBlocks[deleted];
revisedBlocks.splice(deleted, 1);
// Insert a sentence near the start: into the second block, before its text.
const INSERTED = "일본은 최근 몇 년 사이 안보 협력의 범위를 크게 넓혀 왔음. ";
revisedBlocks[1] = INSERTED + revisedBlocks[1];
const revisedText = revisedBlocks.join("\n");

// ---------------------------------------------------------------------------------------------
// Timing.

function reanchorAll(text: string): { anchors: Anchor[]; ms: number; perStatusMs: Record<AnchorStatus, number> } {
  const anchors: Anchor[] = [];
  const perStatusMs: Record<AnchorStatus, number> = { exact: 0, moved: 0, fuzzy: 0, orphaned: 0 };
  const start = performance.now();
  for (const { quote, position } of stored) {
    const before = performance.now();
    const anchor = reanchor(text, quote, position);
    perStatusMs[anchor.status] += performance.now() - before;
    anchors.push(anchor);
  }
  return { anchors, ms: performance.now() - start, perStatusMs };
}

function countByStatus(anchors: Anchor[]): Record<AnchorStatus, number> {
  const counts: Record<AnchorStatus, number> = { exact: 0, moved: 0, fuzzy: 0, orphaned: 0 };
  for (const anchor of anchors) counts[anchor.status]++;
  return counts;
}

// Warm the JIT on both paths with a few hundred calls outside the timed runs.
for (let i = 0; i < 300; i++) {
  const { quote, position } = stored[(i * 37) % ANNOTATIONS];
  reanchor(original.text, quote, position);
  reanchor(revisedText, quote, position);
}

const baseline = reanchorAll(original.text);
const revised = reanchorAll(revisedText);

// Sanity: the baseline is all exact; every exact/moved anchor on the revised text spans its quote.
const baselineCounts = countByStatus(baseline.anchors);
if (baselineCounts.exact !== ANNOTATIONS) throw new Error(`baseline: expected all exact, got ${JSON.stringify(baselineCounts)}`);
revised.anchors.forEach((anchor, i) => {
  if ((anchor.status === "exact" || anchor.status === "moved") && sliceCodePoints(revisedText, anchor.start as number, anchor.end as number) !== stored[i].quote.exact) {
    throw new Error(`annotation ${i}: ${anchor.status} but the text there is not its quote`);
  }
});

const counts = countByStatus(revised.anchors);
const round = (value: number, digits: number) => +value.toFixed(digits);
const statuses = (["exact", "moved", "fuzzy", "orphaned"] as const).map((status) => ({
  status,
  count: counts[status],
  share: round(counts[status] / ANNOTATIONS, 4),
  totalMs: round(revised.perStatusMs[status], 1),
  meanUs: counts[status] ? round((revised.perStatusMs[status] / counts[status]) * 1000, 1) : null,
}));

const report = {
  date: new Date().toISOString(),
  node: process.version,
  machine: { cpu: cpus()[0]?.model ?? "unknown", cores: cpus().length },
  // The code measured (first 12 hex digits of each file's SHA-256): the figures belong to these versions.
  sources: Object.fromEntries(
    ["lib/anchoring/reanchor.ts", "lib/anchoring/match-quote.ts", "lib/anchoring/describe.ts", "lib/text/code-points.ts"].map((file) => [
      file,
      createHash("sha256").update(readFileSync(join(root, file))).digest("hex").slice(0, 12),
    ]),
  ),
  seed: SEED,
  annotations: ANNOTATIONS,
  text: {
    originalCodePoints: originalLength,
    originalUtf16Units: original.text.length,
    revisedCodePoints: codePointLength(revisedText),
    blocks: blockTexts.length,
    sentences: sentenceCount,
    sentencesEdited: toEdit,
    blockDeleted: { index: deleted, codePoints: codePointLength(deletedText) },
    insertedCodePoints: codePointLength(INSERTED),
  },
  describeSpan: { totalMs: round(describeMs, 1), perAnnotationUs: round((describeMs / ANNOTATIONS) * 1000, 1) },
  revised: { totalMs: round(revised.ms, 1), perAnnotationUs: round((revised.ms / ANNOTATIONS) * 1000, 1), statuses },
  baselineUnchanged: { totalMs: round(baseline.ms, 1), perAnnotationUs: round((baseline.ms / ANNOTATIONS) * 1000, 1), statuses: baselineCounts },
  // How many times longer re-anchoring on the revised text takes than the exact fast path.
  revisedToBaselineRatio: round(revised.ms / baseline.ms, 1),
};

mkdirSync(join(root, "bench/results"), { recursive: true });
writeFileSync(join(root, "bench/results/reanchor.json"), `${JSON.stringify(report, null, 2)}\n`);
console.log(`text: ${originalLength} code points, ${blockTexts.length} blocks, ${sentenceCount} sentences (${toEdit} edited), block ${deleted} deleted`);
console.table([
  { case: "revised text", totalMs: report.revised.totalMs, perAnnotationUs: report.revised.perAnnotationUs },
  { case: "unchanged text (baseline)", totalMs: report.baselineUnchanged.totalMs, perAnnotationUs: report.baselineUnchanged.perAnnotationUs },
]);
console.table(statuses);
console.log(`revised ÷ baseline: ${report.revisedToBaselineRatio}×; describeSpan: ${report.describeSpan.perAnnotationUs} µs each`);
