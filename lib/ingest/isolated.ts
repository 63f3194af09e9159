/**
 * Runs a conversion off the server's main thread, in a worker thread with its own V8 heap limit and
 * a deadline, so that a hostile or pathological upload costs one worker and never stalls the other
 * requests. This module imports no converter: the server bundle stays free of pdf.js and mammoth,
 * which only the worker (`.next/ingest-worker.mjs`, built by `worker-bundle.mjs`) loads.
 */
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join, resolve as resolvePath } from "node:path";
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
  /** The slots this conversion waits for; default: the process's (see `defaultSlots`). */
  slots?: IngestSlots;
}

/** A limit on conversions running at once: more wait their turn, first come first served. */
export interface IngestSlots {
  /** Resolves when a slot is free, with the function that frees it again. */
  acquire(): Promise<() => void>;
}

/** Slots for at most `max` conversions at once. */
export function createSlots(max: number): IngestSlots {
  let running = 0;
  const waiting: (() => void)[] = [];
  return {
    acquire() {
      return new Promise((granted) => {
        const grant = () => {
          running++;
          let released = false;
          granted(() => {
            if (released) return;
            released = true;
            running--;
            waiting.shift()?.();
          });
        };
        if (running < max) grant();
        else waiting.push(grant);
      });
    },
  };
}

let processSlots: IngestSlots | null = null;

/**
 * The process's slots: `$INGEST_MAX_WORKERS`, else one core fewer than the machine has (at least
 * one), so that uploads arriving together queue instead of each taking a core (and its heap) from
 * the requests the server is answering. Created on first use; the one piece of state here.
 */
export function defaultSlots(): IngestSlots {
  processSlots ??= createSlots(Number(process.env.INGEST_MAX_WORKERS) || Math.max(1, availableParallelism() - 1));
  return processSlots;
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
  return resolvePath(/* turbopackIgnore: true */ process.env.INGEST_WORKER_PATH ?? join(process.cwd(), ".next", "ingest-worker.mjs"));
}

/**
 * Converts an upload in a fresh worker thread. Rejects with IngestError (the converters' codes,
 * plus "timeout" and "out-of-memory"); the caller's bytes are copied, never detached.
 */
export async function convertIsolated(bytes: Uint8Array, options: IsolationOptions = {}): Promise<ConvertedBrief> {
  const { timeoutMs = 30_000, maxHeapMb = 256, workerPath = ingestWorkerPath(), onStats, slots = defaultSlots(), ...convert } = options;
  // The checks that need no parsing are answered here, without a thread.
  const maxBytes = convert.maxBytes ?? DEFAULT_MAX_BYTES;
  if (bytes.length === 0) throw new IngestError("empty-file", "The file is empty");
  if (bytes.length > maxBytes) throw new IngestError("too-large", `The file is larger than ${maxBytes} bytes`, { limit: maxBytes });
  if (!existsSync(/* turbopackIgnore: true */ workerPath)) throw new Error(`The ingest worker is missing (${workerPath}): run \`npm run build\``);
  // The deadline starts when the worker does: time spent waiting for a slot is not the file's fault.
  const release = await slots.acquire();
  try {
    return await runWorker(bytes, convert, { timeoutMs, maxHeapMb, workerPath, onStats });
  } finally {
    release();
  }
}

function runWorker(
  bytes: Uint8Array,
  convert: ConvertOptions,
  { timeoutMs, maxHeapMb, workerPath, onStats }: { timeoutMs: number; maxHeapMb: number; workerPath: string; onStats?: (stats: WorkerStats) => void },
): Promise<ConvertedBrief> {
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
