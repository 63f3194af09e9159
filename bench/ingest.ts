/**
 * Ingest benchmark: converting a 30-page Korean PDF (the real brief repeated, laid out with pdf-lib
 * as a word processor prints: no space characters, syllable wrapping, running header, page numbers)
 * against parsing the same text in the brief format (`parseBrief`), in the same run; the same PDF
 * through `convertIsolated` (a worker thread per conversion); the peak memory of one conversion
 * (peak RSS of a child process that runs the bundled worker once, against the same child
 * converting the same text in the brief format); and the line-join accuracy on the brief laid out
 * at several widths and sizes.
 * Run: npm run bench:ingest   (writes bench/results/ingest.json; needs fonts-nanum and fonts-ipafont-gothic)
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { parseBrief } from "@/lib/content/pipeline";
import { convertIsolated } from "@/lib/ingest/isolated";
import { analyzePdf, convertPdf } from "@/lib/ingest/pdf";
import { bundleIngestWorker } from "@/lib/ingest/worker-bundle.mjs";
import { knownTextOf, numbered, type Outline, outlineOfSource, pdfLibBrief } from "../tests/fixtures/ingest/pdf-lib-brief";
import { scoreJoins } from "../tests/fixtures/ingest/score-joins";

const root = join(import.meta.dirname, "..");
const work = join(root, ".tmp", `bench-ingest-${process.pid}`);
mkdirSync(work, { recursive: true });
const round = (value: number, digits = 1) => +value.toFixed(digits);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const load = () => loadavg().map((value) => round(value, 2));

const source = readFileSync(join(root, "content/briefs/japan-quasi-alliance/source.txt"), "utf8");
const single = outlineOfSource(source);
// ---- The inputs: the brief repeated until its PDF has 30 pages, and the same text in the brief format (the baseline).
const loadStart = load();
const PAGES = 30;
let copies = 6;
let repeated: Outline;
let pdf: Uint8Array;
for (;;) {
  repeated = { ...single, sections: Array.from({ length: copies }, () => single.sections).flat() };
  pdf = await pdfLibBrief(repeated);
  const { PDFDocument } = await import("pdf-lib");
  if ((await PDFDocument.load(pdf)).getPageCount() >= PAGES) break;
  copies++;
}
const COPIES = copies;
const briefText = knownTextOf(numbered(repeated));
const pdfPath = join(work, "brief.pdf");
writeFileSync(pdfPath, pdf);
const check = await analyzePdf(pdf);
const pageCount = Math.max(...check.converted.pages!.filter((page): page is number => page !== null));
const parsedCounts = parseBrief(check.converted.source).document.sections.length;
console.log(`input: ${pageCount} pages, ${pdf.length} bytes of PDF, ${Array.from(briefText).length} code points of brief text, ${parsedCounts} sections`);

// ---- Timed cases, interleaved so that the machine's load falls on all of them alike.
const RUNS = 5;
const times = { parse: [] as number[], pdf: [] as number[], isolated: [] as number[] };
const workerPath = join(work, "worker.mjs");
await bundleIngestWorker({ root, outfile: workerPath });
for (let i = 0; i < 3; i++) parseBrief(briefText);
await convertPdf(pdf); // warm-up: pdf.js loads and compiles once
for (let run = 0; run < RUNS; run++) {
  let started = performance.now();
  for (let i = 0; i < 10; i++) parseBrief(briefText);
  times.parse.push((performance.now() - started) / 10);
  started = performance.now();
  await convertPdf(pdf);
  times.pdf.push(performance.now() - started);
  started = performance.now();
  await convertIsolated(pdf, { workerPath, timeoutMs: 120_000, maxHeapMb: 512 });
  times.isolated.push(performance.now() - started);
}

// ---- Peak memory: a plain `node` child (no tsx) runs the bundled worker once per case, three times
// each; the median of the children's peak RSS (sampled every 10 ms), worker thread included.
function child(file: string) {
  const result = spawnSync(process.execPath, [join(root, "bench/ingest-child.mjs"), workerPath, file, "256"], { cwd: root, encoding: "utf8" });
  if (result.status !== 0) throw new Error(result.stderr);
  return JSON.parse(result.stdout.trim().split("\n").at(-1)!) as { maxRssBytes: number; rssBeforeBytes: number; ms: number };
}
const briefFile = join(work, "brief-format.txt");
writeFileSync(briefFile, briefText);
const memory = { baseline: [] as number[], pdf: [] as number[], pdfGrowth: [] as number[], baselineGrowth: [] as number[] };
for (let i = 0; i < 3; i++) {
  const baseline = child(briefFile);
  memory.baseline.push(baseline.maxRssBytes);
  memory.baselineGrowth.push(baseline.maxRssBytes - baseline.rssBeforeBytes);
  const converted = child(pdfPath);
  memory.pdf.push(converted.maxRssBytes);
  memory.pdfGrowth.push(converted.maxRssBytes - converted.rssBeforeBytes);
}

// ---- Line-join accuracy on the single brief at several layouts (more line ends, other break points).
const layouts = [
  { margin: 62, size: 10.5 },
  { margin: 90, size: 10.5 },
  { margin: 40, size: 9.5 },
  { margin: 120, size: 11 },
  { margin: 75, size: 12 },
];
const known = knownTextOf(numbered(single));
const accuracy = [];
for (const layout of layouts) {
  const { joins, wrap } = await analyzePdf(await pdfLibBrief(single, layout));
  const score = scoreJoins(joins, known);
  accuracy.push({ ...layout, wrap, lineEnds: joins.length, right: score.right, wrong: score.wrong, unclear: score.unclear, accuracy: round(score.right / (score.right + score.wrong), 4) });
}
const totalRight = accuracy.reduce((sum, row) => sum + row.right, 0);
const totalScored = accuracy.reduce((sum, row) => sum + row.right + row.wrong, 0);
const loadEnd = load();
rmSync(work, { recursive: true, force: true });

const MB = 1024 * 1024;
const report = {
  date: new Date().toISOString(),
  node: process.version,
  machine: { cpu: cpus()[0]?.model ?? "unknown", cores: cpus().length },
  loadAverage: { start: loadStart, end: loadEnd },
  sources: Object.fromEntries(
    ["lib/ingest/pdf.ts", "lib/ingest/pdf-lines.ts", "lib/ingest/pdf-blocks.ts", "lib/ingest/pdf-furniture.ts", "lib/ingest/line-join.ts", "lib/ingest/isolated.ts"].map((file) => [
      file,
      createHash("sha256").update(readFileSync(join(root, file))).digest("hex").slice(0, 12),
    ]),
  ),
  input: { copies: COPIES, pages: pageCount, pdfBytes: pdf.length, briefCodePoints: Array.from(briefText).length, sections: parsedCounts },
  runs: RUNS,
  medianMs: { parseBrief: round(median(times.parse), 2), convertPdf: round(median(times.pdf)), convertIsolated: round(median(times.isolated)) },
  // Each case's median ÷ the baseline's (parseBrief of the same text) in this run.
  ratioToParse: { convertPdf: round(median(times.pdf) / median(times.parse)), convertIsolated: round(median(times.isolated) / median(times.parse)) },
  isolatedOverPdf: round(median(times.isolated) / median(times.pdf), 2),
  perPageMs: round(median(times.pdf) / pageCount, 1),
  // Peak RSS of a child process converting once through the bundled worker (heap limit 256 MB):
  // the PDF, and (baseline) the same text in the brief format. "growth" subtracts the child's RSS
  // before the worker started (node itself, about 40 MB).
  peakRss: {
    briefTextMB: round(median(memory.baseline) / MB),
    briefTextGrowthMB: round(median(memory.baselineGrowth) / MB),
    pdfMB: round(median(memory.pdf) / MB),
    pdfGrowthMB: round(median(memory.pdfGrowth) / MB),
    ratioToBriefText: round(median(memory.pdf) / median(memory.baseline), 2),
  },
  lineJoins: { layouts: accuracy, right: totalRight, scored: totalScored, accuracy: round(totalRight / totalScored, 4) },
};

mkdirSync(join(root, "bench/results"), { recursive: true });
writeFileSync(join(root, "bench/results/ingest.json"), `${JSON.stringify(report, null, 2)}\n`);
console.table([
  { case: "parseBrief (baseline)", medianMs: report.medianMs.parseBrief, ratio: 1 },
  { case: "convertPdf", medianMs: report.medianMs.convertPdf, ratio: report.ratioToParse.convertPdf },
  { case: "convertIsolated", medianMs: report.medianMs.convertIsolated, ratio: report.ratioToParse.convertIsolated },
]);
console.log(`peak RSS of one isolated conversion: ${report.peakRss.pdfMB} MB for the PDF, ${report.peakRss.briefTextMB} MB for the brief text (${report.peakRss.ratioToBriefText}×)`);
console.table(accuracy);
console.log(`line joins: ${totalRight}/${totalScored} right (${(report.lineJoins.accuracy * 100).toFixed(1)}%); load average ${loadStart.join(" ")} → ${loadEnd.join(" ")}`);
