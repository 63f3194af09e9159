/**
 * Serving builds on loopback for the page benchmarks: the reader's own build in `.next/` (never
 * built here) against a fresh SQLite file, and the bare Next.js baseline in `bench/bare-next/`
 * (built into `.tmp/bare-next` when missing or made by another Next version).
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort, waitUntilUp } from "../tests/support/app-process";

export const root = join(import.meta.dirname, "..");
const next = join(root, "node_modules", ".bin", "next");

export interface RunningApp {
  baseURL: string;
  /** The build's id (`BUILD_ID`), recorded with the figures. */
  build: string;
  /** The server's process (its memory is read from /proc). */
  pid: number;
  /** Its throw-away folder: the SQLite file `bench.db` and the auth secret `auth-secret`. */
  folder: string;
  stop(): Promise<void>;
}

async function serve(args: string[], env: NodeJS.ProcessEnv, readyPath: string, folder: string, build: string, cwd = root, edge = false): Promise<RunningApp> {
  const port = await freePort();
  const log = join(folder, "server.log");
  const out = createWriteStream(log);
  // `edge`: scripts/serve.mjs (what `npm start` runs) instead of a bare `next start`.
  const command = edge ? process.execPath : join(cwd, "node_modules", ".bin", "next");
  const commandArgs = edge ? [...(env.BENCH_APP_NODE_ARGS ?? "").split(" ").filter(Boolean), join(cwd, "scripts", "serve.mjs"), "-p", String(port), "-H", "127.0.0.1"] : ["start", ...args, "-p", String(port), "-H", "127.0.0.1"];
  const child: ChildProcess = spawn(command, commandArgs, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout?.pipe(out);
  child.stderr?.pipe(out);
  const baseURL = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill("SIGTERM");
      await new Promise((done) => {
        const timer = setTimeout(() => {
          child.kill("SIGKILL");
          done(null);
        }, 5_000);
        child.once("exit", () => {
          clearTimeout(timer);
          done(null);
        });
      });
    }
    if (!process.env.KEEP_BENCH_DATA) rmSync(folder, { recursive: true, force: true });
  };
  try {
    await waitUntilUp(baseURL, child, log, readyPath);
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseURL, build, pid: child.pid ?? 0, folder, stop };
}

/**
 * The reader's existing production build, on a free loopback port, with a throw-away database.
 * `checkout` serves another checkout's build instead (with its own node_modules), to compare two
 * versions of the app in one run.
 */
export async function serveReader(checkout = root, options: { edge?: boolean; env?: Record<string, string> } = {}): Promise<RunningApp> {
  const buildId = join(checkout, ".next", "BUILD_ID");
  if (!existsSync(buildId)) throw new Error(`No build in ${checkout}/.next/: run \`npm run build\` there first.`);
  const folder = mkdtempSync(join(tmpdir(), "brief-reader-bench-"));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: "1",
    NODE_ENV: "production",
    DATABASE_URL: `file:${join(folder, "bench.db")}`,
    AUTH_SECRET_FILE: join(folder, "auth-secret"),
    ...options.env,
  };
  const prepared = spawnSync(process.execPath, ["scripts/prepare-db.mjs"], { cwd: checkout, env, encoding: "utf8" });
  if (prepared.status !== 0) throw new Error(`Preparing the database failed:\n${prepared.stdout}\n${prepared.stderr}`);
  return serve([], env, "/api/briefs", folder, readFileSync(buildId, "utf8").trim(), checkout, options.edge);
}

const BARE_DIR = join(root, "bench", "bare-next");
/** Relative to BARE_DIR, as Next wants distDir. */
const BARE_DIST = join("..", "..", ".tmp", "bare-next");

/**
 * The bare baseline app, built first if its build is missing or was made by another Next version.
 * `env` is added to its environment (the write-path baseline's database: bench/notes.ts).
 */
export async function serveBareNext(options: { env?: Record<string, string | undefined> } = {}): Promise<RunningApp> {
  const dist = join(BARE_DIR, BARE_DIST);
  const version = (JSON.parse(readFileSync(join(root, "node_modules", "next", "package.json"), "utf8")) as { version: string }).version;
  const stamp = join(dist, "next-version");
  // The stamp holds Next's version and the baseline's own sources: a changed page is built again.
  const sources = ["next.config.js", "app/layout.jsx", "app/page.jsx", "app/static/page.jsx", "app/api/annotations/route.js"].map((file) => (existsSync(join(BARE_DIR, file)) ? readFileSync(join(BARE_DIR, file), "utf8") : "")).join("\0");
  const wanted = `${version}\n${createHash("sha256").update(sources).digest("hex")}`;
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production", BARE_NEXT_DIST_DIR: BARE_DIST };
  if (!existsSync(join(dist, "BUILD_ID")) || !existsSync(stamp) || readFileSync(stamp, "utf8") !== wanted) {
    console.log(`building the bare Next.js ${version} baseline (bench/bare-next → .tmp/bare-next) …`);
    const built = spawnSync(next, ["build", BARE_DIR], { cwd: root, env, encoding: "utf8" });
    if (built.status !== 0) throw new Error(`Building bench/bare-next failed:\n${built.stdout}\n${built.stderr}`);
    writeFileSync(stamp, wanted);
  }
  const folder = mkdtempSync(join(tmpdir(), "bare-next-bench-"));
  return serve([BARE_DIR], { ...env, ...options.env }, "/", folder, `${readFileSync(join(dist, "BUILD_ID"), "utf8").trim()} (next ${version})`);
}
