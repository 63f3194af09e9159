// Bundles the ingest worker (lib/ingest/worker-entry.ts) into one ESM file for `node:worker_threads`.
// Next's bundler does not emit a runnable worker entry for us, so `scripts/build.mjs` runs this after
// `next build` (and the tests and the benchmark run it into a folder of their own). Packages stay
// external: the file lives inside the project, so Node resolves pdfjs-dist, mammoth and unified from
// its node_modules at run time, exactly as the server does.
import { build } from "esbuild";
import { join } from "node:path";

/** Where the server looks for the worker unless INGEST_WORKER_PATH says otherwise. */
export const defaultWorkerFile = (root) => join(root, ".next", "ingest-worker.mjs");

/** Writes the worker bundle to `outfile`. */
export async function bundleIngestWorker({ root, outfile }) {
  await build({
    entryPoints: [join(root, "lib", "ingest", "worker-entry.ts")],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    tsconfig: join(root, "tsconfig.json"),
    logLevel: "warning",
    legalComments: "none",
  });
  return outfile;
}
