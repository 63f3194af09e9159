/**
 * One conversion in a process of its own, for bench/ingest.ts to read its peak RSS
 * (`process.resourceUsage().maxRSS`): `baseline` loads the same modules and parses the brief
 * text; `pdf` converts the PDF. Prints one JSON line.
 *   node --import tsx bench/ingest-child.ts <baseline|pdf> <file>
 */
import { readFileSync } from "node:fs";
import { parseBrief } from "@/lib/content/pipeline";
import { convertPdf } from "@/lib/ingest/pdf";

const [mode, file] = process.argv.slice(2);
const bytes = new Uint8Array(readFileSync(file));
const before = process.resourceUsage().maxRSS * 1024;
const started = performance.now();
if (mode === "pdf") await convertPdf(bytes);
else parseBrief(new TextDecoder().decode(bytes));
const ms = performance.now() - started;
console.log(JSON.stringify({ mode, ms, maxRssBytes: process.resourceUsage().maxRSS * 1024, rssBeforeBytes: before, heapUsedBytes: process.memoryUsage().heapUsed }));
