/**
 * Conversion in a worker thread: the same result as in-process, error codes across the thread
 * boundary, a deadline and a heap limit that end a slow or huge job, and an event loop that keeps
 * turning meanwhile (measured as the lag of a 10 ms interval timer).
 */
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { convertIsolated, createSlots, type IngestSlots } from "@/lib/ingest/isolated";
import { convertPdf } from "@/lib/ingest/pdf";
import { bundleIngestWorker } from "@/lib/ingest/worker-bundle.mjs";

const root = join(import.meta.dirname, "..", "..", "..");
const fixtures = join(root, "tests", "fixtures", "ingest");
const fixture = (name: string, file: string) => new Uint8Array(readFileSync(join(fixtures, name, file)));
// Inside the project, so that the bundle resolves pdfjs-dist and mammoth from node_modules as in production.
const folder = join(root, ".tmp", `ingest-worker-${process.pid}`);
const workerPath = join(folder, "worker.mjs");

beforeAll(async () => {
  mkdirSync(folder, { recursive: true });
  await bundleIngestWorker({ root, outfile: workerPath });
}, 60_000);
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** Runs `work` while a 10 ms interval measures how late it fires; returns the worst lateness in ms. */
async function maxLag<T>(work: () => Promise<T>): Promise<{ lag: number; outcome: T | unknown }> {
  let worst = 0;
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    worst = Math.max(worst, now - last - 10);
    last = now;
  }, 10);
  let outcome: T | unknown;
  try {
    outcome = await work();
  } catch (error) {
    outcome = error;
  }
  clearInterval(timer);
  return { lag: worst, outcome };
}

describe("convertIsolated", () => {
  it("gives the same brief as the in-process converter", async () => {
    const bytes = fixture("pdf-chromium-brief", "input.pdf");
    const isolated = await convertIsolated(bytes, { workerPath });
    expect(isolated).toEqual(JSON.parse(readFileSync(join(fixtures, "pdf-chromium-brief", "expected.json"), "utf8")));
    expect(bytes.length).toBeGreaterThan(0); // the caller's buffer is not detached
  }, 60_000);

  it("keeps the converters' error codes across the thread boundary", async () => {
    await expect(convertIsolated(fixture("docx-zip-bomb", "input.docx"), { workerPath })).rejects.toMatchObject({ name: "IngestError", code: "zip-bomb" });
    await expect(convertIsolated(fixture("pdf-encrypted", "input.pdf"), { workerPath })).rejects.toMatchObject({ code: "encrypted" });
    await expect(convertIsolated(fixture("pdf-scan", "input.pdf"), { workerPath })).rejects.toMatchObject({ code: "no-text-layer" });
  }, 60_000);

  it("ends a slow conversion at its deadline without blocking the event loop", async () => {
    const started = performance.now();
    const { lag, outcome } = await maxLag(() => convertIsolated(fixture("pdf-chromium-brief", "input.pdf"), { workerPath, timeoutMs: 250 }));
    expect(outcome).toMatchObject({ code: "timeout", detail: { limit: 250 } });
    expect(performance.now() - started).toBeLessThan(2000);
    console.log(`timeout: worst event-loop lag ${lag.toFixed(0)} ms`);
    expect(lag).toBeLessThan(200);
  }, 60_000);

  it("ends a conversion that outgrows its heap limit without blocking the event loop", async () => {
    const { lag, outcome } = await maxLag(() => convertIsolated(fixture("pdf-chromium-brief", "input.pdf"), { workerPath, maxHeapMb: 8 }));
    expect(outcome).toMatchObject({ code: "out-of-memory", detail: { limit: 8 } });
    console.log(`out-of-memory: worst event-loop lag ${lag.toFixed(0)} ms`);
    expect(lag).toBeLessThan(200);
  }, 60_000);

  it("keeps the event loop turning during a whole conversion", async () => {
    const bytes = fixture("pdf-chromium-brief", "input.pdf");
    const isolated = await maxLag(() => convertIsolated(bytes, { workerPath }));
    const inProcess = await maxLag(() => convertPdf(bytes));
    console.log(`worst event-loop lag: ${isolated.lag.toFixed(0)} ms isolated, ${inProcess.lag.toFixed(0)} ms in-process`);
    // Only the isolated figure is asserted: in-process pdf.js yields between pages, so its stalls
    // depend on the page sizes and the machine's load.
    expect(isolated.lag).toBeLessThan(200);
  }, 60_000);

  it("runs no more conversions at once than its slots allow; the others wait their turn", async () => {
    const inner = createSlots(1);
    let running = 0;
    let most = 0;
    const slots: IngestSlots = {
      async acquire() {
        const release = await inner.acquire();
        most = Math.max(most, ++running);
        return () => {
          running--;
          release();
        };
      },
    };
    const bytes = fixture("brief-text", "input.txt");
    const results = await Promise.all([1, 2, 3].map(() => convertIsolated(bytes, { workerPath, slots, filename: "input.txt" })));
    expect(results.map((result) => result.format)).toEqual(["brief", "brief", "brief"]);
    expect(most).toBe(1);
  }, 60_000);

  it("refuses empty and oversized uploads without starting a worker, and says when the worker is missing", async () => {
    await expect(convertIsolated(new Uint8Array(0), { workerPath: "/nonexistent.mjs" })).rejects.toMatchObject({ code: "empty-file" });
    await expect(convertIsolated(new Uint8Array(10), { workerPath: "/nonexistent.mjs", maxBytes: 5 })).rejects.toMatchObject({ code: "too-large" });
    await expect(convertIsolated(new Uint8Array(10), { workerPath: "/nonexistent.mjs" })).rejects.toThrow(/worker is missing/u);
  });
});
