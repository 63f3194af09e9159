/**
 * A second app server that a test owns (to stop, restore under, and start again), beside the
 * one the global setup serves. It runs the same build on the database and briefs it is given.
 */
import { type ChildProcess, spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { freePort, startNext, waitUntilUp } from "./app-process";

const root = resolve(import.meta.dirname, "..", "..");

function environment(env: Record<string, string>): NodeJS.ProcessEnv {
  return { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production", ...env };
}

/** Creates, migrates and seeds a database the way `npm start` does. */
export function prepareDatabase(env: Record<string, string>): void {
  const result = spawnSync(process.execPath, ["scripts/prepare-db.mjs"], { cwd: root, env: environment(env), encoding: "utf8" });
  if (result.status !== 0) throw new Error(`prepare-db failed:\n${result.stdout}\n${result.stderr}`);
}

export interface OwnServer {
  url: string;
  child: ChildProcess;
  /** Stops it (SIGTERM, then SIGKILL after 10 s) and waits until it has exited. */
  stop(): Promise<void>;
}

/** `next start` on a free port with this environment (DATABASE_URL, BRIEFS_DIR, …). */
export async function startServer(env: Record<string, string>): Promise<OwnServer> {
  const port = await freePort();
  const log = join(mkdtempSync(join(tmpdir(), "brief-reader-own-server-")), "server.log");
  const { child, url } = startNext({ root, port, env: environment({ ...env, PORT: String(port) }), log });
  const stop = () =>
    new Promise<void>((done) => {
      if (child.exitCode !== null || child.signalCode !== null) return done();
      const force = setTimeout(() => child.kill("SIGKILL"), 10_000);
      child.once("exit", () => {
        clearTimeout(force);
        done();
      });
      child.kill("SIGTERM");
    });
  try {
    await waitUntilUp(url, child, log);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, child, stop };
}

/** Runs a command in the project folder; returns its exit status and output (never throws). */
export function runCommand(command: string, args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(command, args, { cwd: root, env: { ...process.env, ...env }, encoding: "utf8", timeout: 120_000 });
  return { status: result.status ?? -1, stdout: result.stdout ?? "", stderr: result.stderr ?? "" };
}

export const tsx = join(root, "node_modules", ".bin", "tsx");
