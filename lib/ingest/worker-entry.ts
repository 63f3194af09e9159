/**
 * The worker thread that converts one upload (see `isolated.ts`). Bundled by `worker-bundle.mjs`
 * into `.next/ingest-worker.mjs`, with every package left to Node's resolution from node_modules.
 */
import { getHeapStatistics } from "node:v8";
import { parentPort } from "node:worker_threads";
import { convertUpload } from "./convert";
import { isIngestError, type ConvertOptions } from "./types";

export interface WorkerRequest {
  bytes: Uint8Array;
  options: ConvertOptions;
}

/** What the worker measured of itself: its V8 heap at the end and the process's peak RSS (shared with the server). */
export interface WorkerStats {
  heapUsedBytes: number;
  peakMallocedBytes: number;
  processMaxRssBytes: number;
  ms: number;
}

export type WorkerResponse =
  | { ok: true; result: Awaited<ReturnType<typeof convertUpload>>; stats: WorkerStats }
  | { ok: false; error: { name: string; code?: string; message: string; detail?: { page?: number; limit?: number } }; stats: WorkerStats };

const port = parentPort;
if (port) {
  port.once("message", async (request: WorkerRequest) => {
    const start = performance.now();
    const stats = (): WorkerStats => {
      const heap = getHeapStatistics();
      return { heapUsedBytes: heap.used_heap_size, peakMallocedBytes: heap.peak_malloced_memory, processMaxRssBytes: process.resourceUsage().maxRSS * 1024, ms: performance.now() - start };
    };
    let response: WorkerResponse;
    try {
      response = { ok: true, result: await convertUpload(request.bytes, request.options), stats: stats() };
    } catch (error) {
      response = isIngestError(error)
        ? { ok: false, error: { name: "IngestError", code: error.code, message: error.message, detail: error.detail }, stats: stats() }
        : { ok: false, error: { name: "Error", message: error instanceof Error ? error.message : String(error) }, stats: stats() };
    }
    port.postMessage(response);
  });
}
