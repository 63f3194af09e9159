/**
 * Parse and render benchmark for the brief pipeline.
 *
 * Times `parseBrief` (source → hast) and the reader's render (hast → React → HTML string) on one
 * real brief repeated 1×, 10× and 100×, next to plain remark baselines run in the same process.
 * Absolute times depend on the machine; compare the ratios across runs.
 *
 * Run: `npm run bench:parse` (or `node --expose-gc --import tsx bench/parse.ts` to force GC between cases).
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import type { Root as HastRoot } from "hast";
import { toHtml } from "hast-util-to-html";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import { unified } from "unified";
import { parseBrief } from "@/lib/content/pipeline";

// React picks its development or production build from NODE_ENV when it is first loaded. Pages are
// served with the production build, so default to it; Next types NODE_ENV as read-only, hence
// Object.assign. React is imported dynamically below because static imports run before this line.
if (process.env.NODE_ENV === undefined) Object.assign(process.env, { NODE_ENV: "production" });
const reactBuild = process.env.NODE_ENV;

const [{ createElement }, { renderToString }, { BriefBody }] = await Promise.all([
  import("react"),
  import("react-dom/server"),
  import("@/components/reader/BriefBody"),
]);

const SOURCE_PATH = "content/briefs/japan-quasi-alliance/source.txt";
const RESULTS_URL = new URL("./results/parse.json", import.meta.url);
/** The label the Korean reader passes (`linkToBlock` in lib/i18n/messages.ts). */
const LINK_LABEL = "이 문단의 링크";

/** How many copies of the brief, and how many timed runs each size gets (fewer for big inputs). */
const SIZES = [
  { copies: 1, warmup: 10, iterations: 100 },
  { copies: 10, warmup: 3, iterations: 20 },
  { copies: 100, warmup: 2, iterations: 7 },
] as const;

/** Untimed runs of every case on the 1× brief before anything is measured. */
const GLOBAL_WARMUP = 30;

type CaseName = "parse" | "render" | "parse+render" | "remark-parse" | "remark-html";

const CASES: { name: CaseName; description: string }[] = [
  { name: "parse", description: "parseBrief: source → mdast → ids → document model → hast" },
  { name: "render", description: "BriefBody (toJsxRuntime) → renderToString, on the hast parsed beforehand" },
  { name: "parse+render", description: "parse and render in one timed run: source → HTML string" },
  { name: "remark-parse", description: "baseline: unified().use(remarkParse).parse on the same text" },
  { name: "remark-html", description: "baseline: remark-parse → remark-rehype → hast-util-to-html on the same text" },
];

interface CaseResult {
  case: CaseName;
  copies: number;
  characters: number;
  codePoints: number;
  warmup: number;
  iterations: number;
  medianMs: number;
  p90Ms: number;
  /** Code points per millisecond at the median. */
  codePointsPerMs: number;
  /** Length of what the case produced (HTML characters or top-level nodes): a sanity check. */
  outputSize: number;
}

const markdown = unified().use(remarkParse).freeze();
const markdownToHast = unified().use(remarkParse).use(remarkRehype).freeze();

/** Each case returns a number derived from its output, so the work cannot be skipped as unused. */
function caseRunner(name: CaseName, text: string, hast: HastRoot): () => number {
  const render = (tree: HastRoot) => renderToString(createElement(BriefBody, { hast: tree, linkLabel: LINK_LABEL })).length;
  switch (name) {
    case "parse":
      return () => parseBrief(text).hast.children.length;
    case "render":
      return () => render(hast);
    case "parse+render":
      return () => render(parseBrief(text).hast);
    case "remark-parse":
      return () => markdown.parse(text).children.length;
    case "remark-html":
      return () => toHtml(markdownToHast.runSync(markdownToHast.parse(text))).length;
  }
}

function time(run: () => number, warmup: number, iterations: number): { samples: number[]; outputSize: number } {
  let outputSize = 0;
  for (let i = 0; i < warmup; i++) outputSize = run();
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const start = performance.now();
    outputSize = run();
    samples.push(performance.now() - start);
  }
  return { samples, outputSize };
}

function median(sorted: number[]): number {
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Nearest-rank percentile: with 7 samples p90 is the slowest one. */
function percentile(sorted: number[], p: number): number {
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)];
}

const round = (value: number, digits = 3) => Number(value.toFixed(digits));

function table(header: string[], rows: (string | number)[][]): string {
  const cells = [header, ...rows.map((row) => row.map(String))];
  const widths = header.map((_, i) => Math.max(...cells.map((row) => row[i].length)));
  return cells
    .map((row, r) => {
      const line = row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join("  ");
      return r === 0 ? `${line}\n${widths.map((w) => "-".repeat(w)).join("  ")}` : line;
    })
    .join("\n");
}

const source = readFileSync(new URL(`../${SOURCE_PATH}`, import.meta.url), "utf8");
const gcAvailable = typeof globalThis.gc === "function";
const results: CaseResult[] = [];

// Warm every code path before any case is timed: otherwise the first case to use micromark or
// React pays for the JIT and the cases after it look cheaper than they are.
{
  const hast = parseBrief(source).hast;
  for (const { name } of CASES) time(caseRunner(name, source, hast), GLOBAL_WARMUP, 0);
}

for (const size of SIZES) {
  const text = Array.from({ length: size.copies }, () => source).join("\n");
  const codePoints = [...text].length;
  // The render cases need a tree; parse it once outside the timed runs.
  const hast = parseBrief(text).hast;
  for (const { name } of CASES) {
    // Garbage left by the previous case should not be collected inside this one's samples. Only
    // between cases: a forced full GC before every run slows the runs after it several times over.
    globalThis.gc?.();
    const { samples, outputSize } = time(caseRunner(name, text, hast), size.warmup, size.iterations);
    const sorted = [...samples].sort((a, b) => a - b);
    const medianMs = median(sorted);
    results.push({
      case: name,
      copies: size.copies,
      characters: text.length,
      codePoints,
      warmup: size.warmup,
      iterations: size.iterations,
      medianMs: round(medianMs),
      p90Ms: round(percentile(sorted, 0.9)),
      codePointsPerMs: round(codePoints / medianMs, 1),
      outputSize,
    });
  }
}

function result(name: CaseName, copies: number): CaseResult {
  const found = results.find((r) => r.case === name && r.copies === copies);
  if (!found) throw new Error(`no result for ${name} at ${copies}×`);
  return found;
}

// Growth: time(n×)/time(1×), and that divided by the size ratio (1.0 = linear, above = superlinear).
const growth = CASES.flatMap(({ name }) =>
  SIZES.filter((size) => size.copies > 1).map(({ copies }) => {
    const base = result(name, 1);
    const big = result(name, copies);
    const timeRatio = big.medianMs / base.medianMs;
    const sizeRatio = big.codePoints / base.codePoints;
    return { case: name, copies, timeRatio: round(timeRatio, 2), sizeRatio: round(sizeRatio, 3), perCharacterRatio: round(timeRatio / sizeRatio, 3) };
  }),
);

// Ours over a plain remark pipeline on the same characters, at each size.
const vsBaseline = SIZES.map(({ copies }) => {
  const ratio = (ours: CaseName, baseline: CaseName) => round(result(ours, copies).medianMs / result(baseline, copies).medianMs, 2);
  return {
    copies,
    parseOverRemarkParse: ratio("parse", "remark-parse"),
    parseOverRemarkHtml: ratio("parse", "remark-html"),
    parseRenderOverRemarkHtml: ratio("parse+render", "remark-html"),
  };
});

const report = {
  benchmark: "parse",
  date: new Date().toISOString(),
  node: process.version,
  machine: { cpu: os.cpus()[0]?.model ?? "unknown", cpus: os.cpus().length, platform: process.platform, arch: process.arch },
  reactBuild,
  gcForcedBetweenCases: gcAvailable,
  source: { path: SOURCE_PATH, characters: source.length, codePoints: [...source].length },
  synthetic: "the source repeated n times, copies joined with \"\\n\"",
  cases: CASES,
  results,
  growth,
  vsBaseline,
};

mkdirSync(new URL(".", RESULTS_URL), { recursive: true });
writeFileSync(RESULTS_URL, `${JSON.stringify(report, null, 2)}\n`);

console.log(`node ${report.node}, ${report.machine.cpu} ×${report.machine.cpus}, React ${reactBuild} build, GC forced between cases: ${gcAvailable ? "yes" : "no"}\n`);
console.log(
  table(
    ["case", "size", "code points", "runs", "median ms", "p90 ms", "cp/ms"],
    results.map((r) => [r.case, `${r.copies}×`, r.codePoints, r.iterations, r.medianMs.toFixed(2), r.p90Ms.toFixed(2), r.codePointsPerMs.toFixed(0)]),
  ),
);
const larger = SIZES.filter((size) => size.copies > 1).map((size) => size.copies);
console.log(`\nGrowth (median time ratio to 1×; ÷ size ratio, 1.00 = linear)\n`);
console.log(
  table(
    ["case", ...larger.flatMap((copies) => [`${copies}×/1×`, "÷ size"])],
    CASES.map(({ name }) => [
      name,
      ...growth.filter((g) => g.case === name).flatMap((g) => [g.timeRatio.toFixed(1), g.perCharacterRatio.toFixed(2)]),
    ]),
  ),
);
console.log(`\nAgainst the baselines (our median ÷ baseline median)\n`);
console.log(
  table(
    ["size", "parse ÷ remark-parse", "parse ÷ remark-html", "parse+render ÷ remark-html"],
    vsBaseline.map((v) => [`${v.copies}×`, v.parseOverRemarkParse.toFixed(2), v.parseOverRemarkHtml.toFixed(2), v.parseRenderOverRemarkHtml.toFixed(2)]),
  ),
);
console.log(`\nWrote ${fileURLToPath(RESULTS_URL)}`);
