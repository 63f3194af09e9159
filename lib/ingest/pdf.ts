/**
 * Converts a PDF: pdf.js (legacy build, Node 20) reads the positioned glyph runs of every page in
 * this thread, and the pure stages turn them into lines, furniture, blocks and the brief text.
 */
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { dedupe } from "./brief-text";
import { serializeOutline } from "./outline";
import type { WrapMode } from "./line-join";
import { blocksToOutline, type LineJoinRecord } from "./pdf-blocks";
import { separateFurniture } from "./pdf-furniture";
import { linesOfPage, type PageText, type TextRun } from "./pdf-lines";
import { cleanUnitText, guessLanguage, isoDate } from "./text";
import { type ConvertedBrief, type ConvertOptions, IngestError, type IngestMetadata, type IngestProblem } from "./types";

/**
 * pdf.js runs its parser in a worker unless the worker's module is already loaded, in which case
 * it runs it in-process ("fake worker"). Handing it the module, instead of a `workerSrc` path it
 * would `import()` at run time, is what keeps it working once bundled (Turbopack, esbuild).
 * Conversion is isolated from the server by `isolated.ts`, which runs this whole module in a
 * worker thread of its own.
 */
async function loadPdfjs() {
  // Loaded on first use (a few hundred ms): a worker that converts a DOCX never pays for it.
  const [pdfjs, pdfjsWorker] = await Promise.all([import("pdfjs-dist/legacy/build/pdf.mjs"), import("pdfjs-dist/legacy/build/pdf.worker.mjs")]);
  const scope = globalThis as { pdfjsWorker?: unknown };
  scope.pdfjsWorker ??= pdfjsWorker;
  return pdfjs;
}

/** Where pdf.js's predefined CMaps are, for PDFs that name one (older Korean fonts: UniKS-UCS2-H). */
function cMapUrl(): string | undefined {
  try {
    return `${join(dirname(createRequire(import.meta.url).resolve("pdfjs-dist/package.json")), "cmaps")}/`;
  } catch {
    return undefined;
  }
}

/** A metadata title that is a real title, not a file name or a placeholder a tool wrote. */
function realTitle(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  const title = cleanUnitText(value);
  if (title === "" || /\.(html?|docx?|hwpx?|pdf|txt|md)$/iu.test(title) || /^(untitled|제목 없음|microsoft word\b)/iu.test(title)) return undefined;
  return title;
}

/** PDF bytes → a converted brief. Throws IngestError: encrypted, corrupt, no-text-layer, no-content, too-large. */
export async function convertPdf(bytes: Uint8Array, options: ConvertOptions = {}): Promise<ConvertedBrief> {
  return (await analyzePdf(bytes, options)).converted;
}

/** The conversion with what it decided on the way: every line join (to measure them) and the wrap mode. */
export async function analyzePdf(bytes: Uint8Array, options: ConvertOptions = {}): Promise<{ converted: ConvertedBrief; joins: LineJoinRecord[]; wrap: WrapMode }> {
  const { getDocument } = await loadPdfjs();
  const maxPages = options.maxPages ?? 500;
  // pdf.js takes ownership of (and may transfer) the buffer it is given: hand it a copy.
  const task = getDocument({
    data: bytes.slice(),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    useWorkerFetch: false,
    cMapUrl: cMapUrl(),
    cMapPacked: true,
    verbosity: 0,
  });
  let document;
  try {
    document = await task.promise;
  } catch (error) {
    await task.destroy().catch(() => {});
    const name = (error as { name?: string }).name;
    if (name === "PasswordException") throw new IngestError("encrypted", "The PDF is password-protected");
    throw new IngestError("corrupt", "The PDF cannot be read");
  }
  try {
    if (document.numPages > maxPages) {
      throw new IngestError("too-large", `The PDF has more than ${maxPages} pages`, { limit: maxPages });
    }
    const problems: IngestProblem[] = [];
    const pages: PageText[] = [];
    for (let number = 1; number <= document.numPages; number++) {
      let page;
      try {
        page = await document.getPage(number);
      } catch {
        throw new IngestError("corrupt", `Page ${number} of the PDF cannot be read`, { page: number });
      }
      const [left, bottom, right, top] = page.view;
      const content = await page.getTextContent();
      const runs: TextRun[] = [];
      let rotated = 0;
      for (const item of content.items) {
        if (!("str" in item)) continue;
        const [a, b, c, d, e, f] = item.transform as number[];
        // Horizontal text only: rotated or vertical runs (watermarks, margin notes) are left out.
        if (Math.abs(b) > 0.01 * Math.abs(a) || Math.abs(c) > 0.01 * Math.abs(d) || a <= 0) {
          if (item.str.trim()) rotated++;
          continue;
        }
        runs.push({ text: item.str, x: e - left, y: f - bottom, width: item.width, size: Math.hypot(c, d) });
      }
      if (rotated > 0) problems.push({ page: number, message: "Rotated or vertical text was left out", rule: "rotated-text" });
      pages.push({ number, width: right - left, height: top - bottom, runs });
      page.cleanup();
    }
    const letters = pages.reduce((sum, page) => sum + page.runs.reduce((n, run) => n + (run.text.match(/[\p{L}\p{N}]/gu)?.length ?? 0), 0), 0);
    if (letters === 0) throw new IngestError("no-text-layer", "The PDF has no text layer (a scan?)");

    const { body, furniture } = separateFurniture(pages, pages.map(linesOfPage));
    if (body.every((lines) => lines.length === 0)) throw new IngestError("no-content", "The PDF has no text besides headers and page numbers");

    const info = await document.getMetadata().catch(() => null);
    const fields = (info?.info ?? {}) as Record<string, unknown>;
    const { outline, joins, wrap } = blocksToOutline(body, realTitle(fields.Title));
    const metadata: IngestMetadata = {};
    const title = realTitle(fields.Title) ?? (outline.title ? cleanUnitText(outline.title) : undefined);
    if (title) metadata.title = title;
    if (typeof fields.Author === "string" && cleanUnitText(fields.Author)) metadata.author = cleanUnitText(fields.Author);
    const published = isoDate(fields.CreationDate);
    if (published) metadata.published = published;
    const serialized = serializeOutline(outline, metadata);
    const language = typeof fields.Language === "string" && /^[a-z]{2,3}(-|$)/iu.test(fields.Language) ? fields.Language.toLowerCase() : guessLanguage(serialized.source);
    if (language) metadata.language = language;
    const converted: ConvertedBrief = {
      format: "pdf",
      source: serialized.source,
      metadata,
      pages: serialized.pages,
      furniture,
      problems: dedupe([...problems, ...serialized.problems]),
    };
    return { converted, joins, wrap };
  } finally {
    await document.destroy().catch(() => {});
  }
}
