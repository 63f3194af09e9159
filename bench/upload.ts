/**
 * Upload-to-readable benchmark: an editor uploads a 30-page Korean PDF (the real brief repeated,
 * laid out with pdf-lib as a word processor prints it) to the built app, published at once, and
 * the clock stops when the reader page of the new brief has been served (the first render parses
 * it); against the same text uploaded in the brief format, in the same run, interleaved. (The
 * conversion's own memory is measured by bench/ingest.ts.) Every upload is a new text (a run
 * number in its title), so none is refused as a duplicate.
 * Run: npm run bench:upload   (writes bench/results/upload.json; needs the build and fonts-nanum)
 */
import { readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { knownTextOf, numbered, type Outline, outlineOfSource, pdfLibBrief } from "../tests/fixtures/ingest/pdf-lib-brief";
import { TestClient } from "../tests/support/http-client";
import { root, serveReader } from "./built-app";

const RUNS = 5;
const PAGES = 30;
const round = (value: number, digits = 1) => +value.toFixed(digits);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const load = () => loadavg().map((value) => round(value, 2));

const source = readFileSync(join(root, "content/briefs/japan-quasi-alliance/source.txt"), "utf8");
const single = outlineOfSource(source);
/** The brief repeated `copies` times, titled for run `run` so that each upload is a new text. */
const outlineFor = (copies: number, run: string): Outline => ({ ...single, title: `${single.title} (${run})`, sections: Array.from({ length: copies }, () => single.sections).flat() });

let copies = 6;
for (;;) {
  const { PDFDocument } = await import("pdf-lib");
  if ((await PDFDocument.load(await pdfLibBrief(outlineFor(copies, "probe")))).getPageCount() >= PAGES) break;
  copies++;
}

const app = await serveReader();
const editor = await new TestClient(app.baseURL).signUp("Bench", "bench-upload@example.org", "correct horse battery staple");

async function upload(bytes: Uint8Array, name: string): Promise<{ ms: number; uploadMs: number; slug: string }> {
  const started = performance.now();
  const form = new FormData();
  form.set("file", new Blob([new Uint8Array(bytes)]), name);
  form.set("publish", "true");
  const response = await fetch(`${app.baseURL}/api/briefs`, { method: "POST", body: form, headers: { origin: app.baseURL, cookie: editor.cookieHeader() } });
  if (response.status !== 201) throw new Error(`upload of ${name}: ${response.status} ${await response.text()}`);
  const { slug } = (await response.json()) as { slug: string };
  const uploadMs = performance.now() - started;
  const page = await fetch(`${app.baseURL}/briefs/${slug}`);
  if (page.status !== 200) throw new Error(`reader page of ${slug}: ${page.status}`);
  await page.text();
  return { ms: performance.now() - started, uploadMs, slug };
}

const times = { pdf: [] as number[], pdfUpload: [] as number[], text: [] as number[], textUpload: [] as number[] };
const loads: number[][] = [load()];
let pdfBytes = 0;
for (let run = 0; run < RUNS + 1; run++) {
  const outline = numbered(outlineFor(copies, `run ${run}`));
  const pdf = await pdfLibBrief(outline);
  pdfBytes = pdf.length;
  const text = new TextEncoder().encode(knownTextOf(outline));
  const [a, b] = run % 2 === 0 ? (["pdf", "text"] as const) : (["text", "pdf"] as const);
  for (const kind of [a, b]) {
    const result = kind === "pdf" ? await upload(pdf, `brief-${run}.pdf`) : await upload(text, `brief-${run}.txt`);
    // The first round warms the server (the worker's first start, the page's first render).
    if (run === 0) continue;
    times[kind].push(result.ms);
    times[kind === "pdf" ? "pdfUpload" : "textUpload"].push(result.uploadMs);
  }
  loads.push(load());
}
await app.stop();

const results = {
  benchmark: "upload",
  date: new Date().toISOString(),
  node: process.version,
  cpus: `${cpus()[0]?.model ?? "?"} × ${cpus().length}`,
  build: app.build,
  input: { pages: PAGES, copies, pdfBytes },
  runs: RUNS,
  medianMs: {
    pdfUploadToReadable: round(median(times.pdf)),
    pdfUploadAnswered: round(median(times.pdfUpload)),
    textUploadToReadable: round(median(times.text)),
    textUploadAnswered: round(median(times.textUpload)),
  },
  ratio: { pdfToText: round(median(times.pdf) / median(times.text), 2) },
  loadAverage: loads,
  command: "npm run bench:upload",
};
writeFileSync(join(root, "bench", "results", "upload.json"), `${JSON.stringify(results, null, 2)}\n`);
console.table(results.medianMs);
console.log(`PDF upload-to-readable is ${results.ratio.pdfToText}× the same text uploaded in the brief format (load ${JSON.stringify(loads)})`);
