// One conversion through the bundled ingest worker, in a process of its own, so that bench/ingest.ts
// can read the process's peak RSS (worker thread included) without tsx or the benchmark itself in it.
//   node bench/ingest-child.mjs <worker.mjs> <file> [maxHeapMb]
// Prints one JSON line: the RSS before the worker started, the peak RSS while it ran (sampled every
// 10 ms by this main thread, which the conversion leaves free), and the worker's own figures.
// (`process.resourceUsage().maxRSS` will not do: on Linux a spawned child starts with its parent's
// high-water mark, which for the benchmark is larger than the conversion.)
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { Worker } from "node:worker_threads";

const [workerPath, file, maxHeapMb = "256"] = process.argv.slice(2);
const bytes = new Uint8Array(readFileSync(file));
const rssBeforeBytes = process.memoryUsage.rss();
let peakRssBytes = rssBeforeBytes;
const sampler = setInterval(() => {
  peakRssBytes = Math.max(peakRssBytes, process.memoryUsage.rss());
}, 10);
const started = performance.now();
const worker = new Worker(resolve(workerPath), { resourceLimits: { maxOldGenerationSizeMb: Number(maxHeapMb), maxYoungGenerationSizeMb: 32 }, execArgv: [] });
worker.once("message", async (response) => {
  const ms = performance.now() - started;
  peakRssBytes = Math.max(peakRssBytes, process.memoryUsage.rss());
  clearInterval(sampler);
  await worker.terminate();
  if (!response.ok) {
    console.error(JSON.stringify(response.error));
    process.exit(1);
  }
  console.log(JSON.stringify({ ms, rssBeforeBytes, maxRssBytes: peakRssBytes, worker: response.stats }));
});
worker.once("error", (error) => {
  console.error(error);
  process.exit(1);
});
worker.postMessage({ bytes, options: { filename: file } });
