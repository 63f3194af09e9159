/**
 * A second app server on a database of its own (fresh, migrated and seeded the way `npm start`
 * does it), serving the same built app: for tests that move data between two installations.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { freePort, startNext, waitUntilUp } from "./app-process";

const root = resolve(import.meta.dirname, "..", "..");

export interface SecondApp {
  url: string;
  stop(): Promise<void>;
}

/** Starts the built app on a free port with an empty database; `env` adds to (or overrides) the environment. */
export async function startSecondApp(env: Record<string, string>): Promise<SecondApp> {
  const dir = mkdtempSync(join(tmpdir(), "brief-reader-second-"));
  const fullEnv: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production", DATABASE_URL: `file:${join(dir, "second.db")}`, ...env };
  const prepared = spawnSync(process.execPath, ["scripts/prepare-db.mjs"], { cwd: root, env: fullEnv, encoding: "utf8" });
  if (prepared.status !== 0) throw new Error(`Preparing the second database failed:\n${prepared.stdout}\n${prepared.stderr}`);
  const port = await freePort();
  const log = join(dir, "server.log");
  const { child, url } = startNext({ root, port, env: fullEnv, log });
  try {
    await waitUntilUp(url, child, log);
  } catch (error) {
    child.kill("SIGKILL");
    throw error;
  }
  return {
    url,
    async stop() {
      child.kill("SIGTERM");
      await new Promise((done) => {
        if (child.exitCode !== null) return done(null);
        child.once("exit", done);
        setTimeout(() => {
          child.kill("SIGKILL");
          done(null);
        }, 5_000);
      });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
