/**
 * Runs a conversion off the server's main thread, in a worker thread with its own V8 heap limit and
 * a deadline, so that a hostile or pathological upload costs one worker and never stalls the other
 * requests. This module imports no converter: the server bundle stays free of pdf.js and mammoth,
 * which only the worker (`.next/ingest-worker.mjs`, built by `worker-bundle.mjs`) loads.
 */
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Worker as WorkerType } from "node:worker_threads";
import { type ConvertedBrief, type ConvertOptions, IngestError, type IngestErrorCode } from "./types";
import type { WorkerResponse, WorkerStats } from "./worker-entry";

export interface IsolationOptions extends ConvertOptions {
  /** Terminate the worker after this long: "timeout" (default 30 s). */
  timeoutMs?: number;
  /** The worker's old-generation heap limit in MB: beyond it, "out-of-memory" (default 256). */
  maxHeapMb?: number;
  /** The bundled worker; default `$INGEST_WORKER_PATH` or `<cwd>/.next/ingest-worker.mjs`. */
  workerPath?: string;
  /** Receives what the worker measured of itself (for the benchmark and logs). */
  onStats?: (stats: WorkerStats) => void;
}

const DEFAULT_MAX_BYTES = 50 * 1024 * 1024;

/**
 * `Worker`, out of the bundler's sight. Turbopack (Next 16.2+) bundles `new Worker(path)` entries
 * itself; given a path known only at run time it takes every file of the project for a possible
 * entry, tries to bundle scripts, tests and eslint.config.mjs into the route, and `next build`
 * fails. Taken from `process.getBuiltinModule`, the constructor is opaque to it, and the worker
 * file is the one `scripts/build.mjs` bundled.
 */
function workerConstructor(): typeof WorkerType {
  return process.getBuiltinModule("node:worker_threads").Worker;
}

/** Where the worker bundle is. */
export function ingestWorkerPath(): string {
  // Worker wants an absolute path (or one starting with ./).
  // (The comment keeps Turbopack from tracing the whole project for a path it cannot know.)
  return resolve(/* turbopackIgnore: true */ process.env.INGEST_WORKER_PATH ?? join(process.cwd(), ".next", "ingest-worker.mjs"));
}

/**
 * Converts an upload in a fresh worker thread. Rejects with IngestError (the converters' codes,
 * plus "timeout" and "out-of-memory"); the caller's bytes are copied, never detached.
 */
export function convertIsolated(bytes: Uint8Array, options: IsolationOptions = {}): Promise<ConvertedBrief> {
  const { timeoutMs = 30_000, maxHeapMb = 256, workerPath = ingestWorkerPath(), onStats, ...convert } = options;
  // The checks that need no parsing are answered here, without a thread.
  const maxBytes = convert.maxBytes ?? DEFAULT_MAX_BYTES;
  if (bytes.length === 0) return Promise.reject(new IngestError("empty-file", "The file is empty"));
  if (bytes.length > maxBytes) return Promise.reject(new IngestError("too-large", `The file is larger than ${maxBytes} bytes`, { limit: maxBytes }));
  if (!existsSync(/* turbopackIgnore: true */ workerPath)) return Promise.reject(new Error(`The ingest worker is missing (${workerPath}): run \`npm run build\``));

  return new Promise<ConvertedBrief>((resolve, reject) => {
    const Worker = workerConstructor();
    const worker = new Worker(/* turbopackIgnore: true */ workerPath, {
      // Young generation and code space bounded too: a heap limit alone leaves them to V8's defaults.
      resourceLimits: { maxOldGenerationSizeMb: maxHeapMb, maxYoungGenerationSizeMb: Math.min(64, Math.max(8, maxHeapMb / 8)), codeRangeSizeMb: 64, stackSizeMb: 4 },
      // The worker inherits no argv flags (--inspect, loaders) from the server.
      execArgv: [],
    });
    let settled = false;
    const finish = (action: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      action();
      void worker.terminate();
    };
    const timer = setTimeout(() => {
      finish(() => reject(new IngestError("timeout", `The conversion took longer than ${timeoutMs} ms`, { limit: timeoutMs })));
    }, timeoutMs);
    worker.once("message", (response: WorkerResponse) => {
      onStats?.(response.stats);
      if (response.ok) finish(() => resolve(response.result));
      else if (response.error.name === "IngestError" && response.error.code) {
        const { code, message, detail } = response.error;
        finish(() => reject(new IngestError(code as IngestErrorCode, message, detail)));
      } else finish(() => reject(new Error(`Conversion failed: ${response.error.message}`)));
    });
    worker.once("error", (error: Error & { code?: string }) => {
      if (error.code === "ERR_WORKER_OUT_OF_MEMORY") {
        finish(() => reject(new IngestError("out-of-memory", `The conversion needed more than ${maxHeapMb} MB`, { limit: maxHeapMb })));
      } else finish(() => reject(error));
    });
    worker.once("exit", (code) => finish(() => reject(new Error(`The ingest worker exited (${code}) without an answer`))));
    // A copy, transferred: the caller keeps its bytes, and nothing is copied twice.
    const copy = bytes.slice();
    worker.postMessage({ bytes: copy, options: convert }, [copy.buffer]);
  });
}
