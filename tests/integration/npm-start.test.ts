/**
 * `npm start` (scripts/start.mjs) as the README's first command runs it, on the build the tests
 * use: the server process starts at once and is held until the database is migrated and seeded
 * (and the build checked); it then serves the seeded library and stops cleanly. When a step fails,
 * nothing is left serving. SQLite in a folder of its own, whatever database the suite runs on.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { freePort } from "../support/app-process";

const root = join(import.meta.dirname, "..", "..");
const folder = mkdtempSync(join(tmpdir(), "npm-start-"));

afterAll(() => rmSync(folder, { recursive: true, force: true }));

function npmStart(port: number, databaseUrl: string): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  let output = "";
  // The suite's own settings for its server (its seed folders, proxy trust) are not this start's.
  const { BRIEFS_DIR: _briefs, TRUST_PROXY: _trust, ...inherited } = process.env;
  const child = spawn(process.execPath, ["scripts/start.mjs"], {
    cwd: root,
    env: { ...inherited, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", PORT: String(port), DATABASE_URL: databaseUrl, AUTH_SECRET_FILE: join(folder, "auth-secret") },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (chunk) => (output += String(chunk)));
  child.stderr?.on("data", (chunk) => (output += String(chunk)));
  const exited = new Promise<number | null>((done) => child.once("exit", (code) => done(code)));
  return { child, output: () => output, exited };
}

/** The ids of processes running scripts/serve.mjs on this port. */
function serverProcesses(port: number): string[] {
  return readdirSync("/proc").filter((pid) => {
    if (!/^\d+$/.test(pid)) return false;
    try {
      return readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ").includes(`scripts/serve.mjs -p ${port}`);
    } catch {
      return false;
    }
  });
}

async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url);
    await response.arrayBuffer();
    return response.ok;
  } catch {
    return false;
  }
}

describe("npm start", () => {
  it("migrates and seeds a new database while the server loads, serves the library, and stops on SIGTERM", async () => {
    const port = await freePort();
    const started = npmStart(port, `file:${join(folder, "reader.db")}`);
    try {
      const deadline = Date.now() + 90_000;
      while (!(await answers(`http://127.0.0.1:${port}/api/briefs`))) {
        expect(started.child.exitCode, started.output()).toBeNull();
        expect(Date.now() < deadline, `no answer within 90 s:\n${started.output()}`).toBe(true);
        await new Promise((wait) => setTimeout(wait, 100));
      }
      const briefs = (await (await fetch(`http://127.0.0.1:${port}/api/briefs`)).json()) as { slug: string }[];
      expect(briefs.map((brief) => brief.slug)).toContain("japan-quasi-alliance");
      // The database was new: both steps ran before the held server went on.
      expect(started.output()).not.toContain("every migration is applied");
      expect(started.output().indexOf("Serving the reader")).toBeLessThan(started.output().indexOf("serve: listening"));
      expect(serverProcesses(port)).toHaveLength(1);
    } finally {
      started.child.kill("SIGTERM");
    }
    expect(await started.exited).toBe(0);
    expect(await answers(`http://127.0.0.1:${port}/api/briefs`)).toBe(false);
  }, 120_000);

  it("exits with the failing step's status and leaves nothing serving when a step fails", async () => {
    const port = await freePort();
    // A database file under a regular file cannot be made: prepare-db fails.
    const started = npmStart(port, `file:${join(root, "package.json", "reader.db")}`);
    const code = await started.exited;
    expect(code, started.output()).not.toBe(0);
    expect(started.output()).toContain("failed");
    await new Promise((wait) => setTimeout(wait, 500));
    expect(await answers(`http://127.0.0.1:${port}/api/briefs`)).toBe(false);
    // The held server process is gone too (Linux: its command line in /proc).
    expect(serverProcesses(port)).toEqual([]);
  }, 120_000);
});
