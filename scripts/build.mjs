#!/usr/bin/env node
// Builds the app with `next build`. With --if-needed, skips the build when nothing that goes
// into it has changed since the last one (a hash of the inputs is kept in .next/source-stamp).
// Briefs in content/ are read at run time, so editing or adding one needs no build. The build
// holds both Prisma clients, so switching DATABASE_URL between SQLite and PostgreSQL needs none either.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { bundleIngestWorker, defaultWorkerFile } from "../lib/ingest/worker-bundle.mjs";
import { bin, root, run, scriptEnv } from "./lib.mjs";

const INPUTS = ["app", "components", "lib", "public", "prisma", "next.config.js", "proxy.ts", "instrumentation.ts", "instrumentation-node.ts", "tsconfig.json", "package-lock.json", "generated/prisma/client.ts", "generated/prisma-postgresql/client.ts"];

function* files(path) {
  if (!existsSync(path)) return;
  if (statSync(path).isDirectory()) {
    for (const name of readdirSync(path).sort()) yield* files(join(path, name));
  } else {
    yield path;
  }
}

function inputStamp() {
  const hash = createHash("sha256");
  for (const input of INPUTS) {
    for (const file of files(join(root, input))) {
      hash.update(relative(root, file)).update("\0").update(readFileSync(file)).update("\0");
    }
  }
  return hash.digest("hex");
}

const stampFile = join(root, ".next", "source-stamp");
const stamp = inputStamp();
const upToDate = existsSync(join(root, ".next", "BUILD_ID")) && existsSync(stampFile) && readFileSync(stampFile, "utf8") === stamp;

if (process.argv.includes("--if-needed") && upToDate && existsSync(defaultWorkerFile(root))) {
  console.log("build: up to date (nothing changed since the last build)");
} else {
  if (!(process.argv.includes("--if-needed") && upToDate)) run(bin("next"), ["build"], scriptEnv());
  // Uploads are converted in a worker thread (lib/ingest/isolated.ts) whose entry Next does not
  // emit: bundle it beside the build, where the server looks for it.
  await bundleIngestWorker({ root, outfile: defaultWorkerFile(root) });
  writeFileSync(stampFile, stamp);
}
