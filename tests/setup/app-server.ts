/**
 * Serves the built app for integration and browser tests: a fresh database, migrated and
 * seeded the way `npm start` does it (a SQLite file; with TEST_DATABASE=postgresql, a throwaway
 * `reader_test_<random>` database on the server at POSTGRES_ADMIN_URL, dropped at teardown), a briefs folder holding the real briefs plus a fixture
 * brief with bad input, and the app (scripts/serve.mjs) on a free port. The tests talk to it over real HTTP.
 * Set TEST_BASE_URL to test a server that is already running instead.
 */
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { TestProject } from "vitest/node";
import type { DatabaseProvider } from "@/lib/database/database-url";
import { freePort, startNext, waitUntilUp } from "../support/app-process";
import { createTempDatabase, type TempDatabase } from "../support/postgres";

declare module "vitest" {
  export interface ProvidedContext {
    baseURL: string;
    /** The file the server's output goes to, so tests can read its log. */
    serverLog: string;
    /** The briefs folder the server reads (a copy), so tests can revise a brief; "" with TEST_BASE_URL. */
    briefsDir: string;
    /** DATABASE_URL and BRIEFS_DIR of the server, so a test can start a second one on the same data. */
    appEnv: Record<string, string>;
    /** Which database the server runs on ("" with TEST_BASE_URL). */
    databaseProvider: DatabaseProvider | "";
  }
}

const root = resolve(import.meta.dirname, "..", "..");

export default async function setup(project: TestProject) {
  if (process.env.TEST_BASE_URL) {
    project.provide("baseURL", process.env.TEST_BASE_URL.replace(/\/$/, ""));
    project.provide("serverLog", "");
    project.provide("briefsDir", "");
    project.provide("appEnv", {});
    project.provide("databaseProvider", "");
    return;
  }
  if (!existsSync(join(root, ".next", "BUILD_ID"))) {
    throw new Error("No build found: run the tests with `npm test`, which builds first.");
  }
  const provider = testProvider();
  const dir = mkdtempSync(join(tmpdir(), "brief-reader-test-"));
  const postgres: TempDatabase | null = provider === "postgresql" ? await createTempDatabase() : null;
  const briefs = join(dir, "briefs");
  cpSync(join(root, "content", "briefs"), briefs, { recursive: true });
  cpSync(join(root, "tests", "fixtures", "briefs"), briefs, { recursive: true });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: postgres ? postgres.url : `file:${join(dir, "test.db")}`,
    BRIEFS_DIR: briefs,
    NODE_ENV: "production" as const,
    // The account tests sign up as this admin; every other account is a member.
    ADMIN_EMAIL: "admin@brief-reader.test",
    // The tests stand in for a proxy on loopback: each client names its own address in
    // X-Forwarded-For, so per-address limits of one test do not spill into another.
    // tests/integration/forwarded-headers.test.ts runs a second server without it.
    TRUST_PROXY: "loopback",
  };
  const prepared = spawnSync(process.execPath, ["scripts/prepare-db.mjs"], { cwd: root, env, encoding: "utf8" });
  if (prepared.status !== 0) {
    await postgres?.drop();
    throw new Error(`Preparing the test database failed:\n${prepared.stdout}\n${prepared.stderr}`);
  }

  const port = await freePort();
  const log = join(dir, "server.log");
  const { child, url: baseURL } = startNext({ root, port, env, log });
  try {
    await waitUntilUp(baseURL, child, log);
  } catch (error) {
    child.kill("SIGKILL");
    await postgres?.drop();
    throw error;
  }
  project.provide("baseURL", baseURL);
  project.provide("serverLog", log);
  project.provide("briefsDir", briefs);
  project.provide("appEnv", { DATABASE_URL: env.DATABASE_URL as string, BRIEFS_DIR: briefs, ADMIN_EMAIL: env.ADMIN_EMAIL as string, TRUST_PROXY: env.TRUST_PROXY as string });
  project.provide("databaseProvider", provider);
  console.log(`app tests: serving ${baseURL} on ${provider}${postgres ? ` (database ${postgres.name})` : ""}`);

  return async () => {
    child.kill("SIGTERM");
    await new Promise((done) => {
      if (child.exitCode !== null) return done(null);
      child.once("exit", done);
      setTimeout(() => {
        child.kill("SIGKILL");
        done(null);
      }, 5_000);
    });
    if (!process.env.KEEP_TEST_DATA) {
      rmSync(dir, { recursive: true, force: true });
      await postgres?.drop();
    }
  };
}

/** TEST_DATABASE: `sqlite` (the default) or `postgresql`. */
function testProvider(): DatabaseProvider {
  const wanted = process.env.TEST_DATABASE?.trim().toLowerCase() || "sqlite";
  if (wanted === "sqlite" || wanted === "postgresql") return wanted;
  throw new Error(`TEST_DATABASE must be sqlite or postgresql (got ${wanted})`);
}
