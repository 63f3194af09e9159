/**
 * The baseline for the notes benchmarks: a bare `node:http` server that parses the JSON of
 * `POST /api/annotations`, checks it minimally, INSERTs one row into a table with the Annotation
 * table's columns and indexes (better-sqlite3, one commit per request, the app's SQLite settings)
 * and answers 201 with the row as JSON. No sessions, no origin check, no quote check against the
 * text, no idempotency keys; the author is the `x-bench-user` header.
 *
 * Run as a child process (`startBaseline`), so that it has its own event loop like the app:
 * `tsx bench/baseline-server.ts <sqlite file>` prints `PORT <n>` once it listens.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { SQLITE_PRAGMAS } from "../lib/database/sqlite-adapter";

const BASELINE_DDL = `
CREATE TABLE IF NOT EXISTS "Annotation" (
  "id" TEXT NOT NULL PRIMARY KEY, "briefSlug" TEXT NOT NULL, "authorId" TEXT NOT NULL, "parentId" TEXT,
  "motivation" TEXT NOT NULL, "visibility" TEXT NOT NULL, "body" TEXT NOT NULL DEFAULT '', "tags" TEXT NOT NULL DEFAULT '[]',
  "color" TEXT, "blockId" TEXT, "quoteExact" TEXT, "quotePrefix" TEXT, "quoteSuffix" TEXT, "positionStart" INTEGER,
  "positionEnd" INTEGER, "entityId" TEXT, "revisionSha" TEXT NOT NULL, "anchorSha" TEXT, "anchorStatus" TEXT,
  "anchorScore" REAL, "version" INTEGER NOT NULL DEFAULT 1, "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "modifiedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, "editedAt" DATETIME, "deletedAt" DATETIME, "hiddenAt" DATETIME,
  "hiddenById" TEXT
);
CREATE INDEX IF NOT EXISTS "Annotation_briefSlug_createdAt_idx" ON "Annotation"("briefSlug", "createdAt");
CREATE INDEX IF NOT EXISTS "Annotation_briefSlug_anchorSha_idx" ON "Annotation"("briefSlug", "anchorSha");
CREATE INDEX IF NOT EXISTS "Annotation_authorId_idx" ON "Annotation"("authorId");
CREATE INDEX IF NOT EXISTS "Annotation_parentId_idx" ON "Annotation"("parentId");`;

/** How the baseline's SQLite commits: "wal" (the app's settings, the default) or "delete" (SQLite's defaults). */
export const BASELINE_JOURNAL = process.env.BENCH_NOTES_BASELINE_JOURNAL === "delete" ? "delete" : "wal";

/** The part of better-sqlite3 the baseline uses (the package ships no types, and @types/better-sqlite3 is not installed). */
type SqliteDatabase = { exec(sql: string): void; prepare(sql: string): { run(parameters: Record<string, unknown>): unknown } };

async function serveBaseline(file: string): Promise<void> {
  const Database = createRequire(import.meta.url)("better-sqlite3") as new (file: string) => SqliteDatabase;
  const database = new Database(file);
  // The app's connection settings (lib/database/sqlite-adapter.ts), so both pay the same for a durable
  // commit; BENCH_NOTES_BASELINE_JOURNAL=delete gives SQLite's defaults, as the app had before.
  if (BASELINE_JOURNAL === "wal") for (const pragma of SQLITE_PRAGMAS) database.exec(`PRAGMA ${pragma}`);
  database.exec(BASELINE_DDL);
  const insert = database.prepare(`INSERT INTO "Annotation" ("id", "briefSlug", "authorId", "motivation", "visibility", "body", "tags", "blockId",
    "quoteExact", "quotePrefix", "quoteSuffix", "positionStart", "positionEnd", "entityId", "revisionSha", "anchorSha", "anchorStatus", "anchorScore",
    "createdAt", "modifiedAt") VALUES (@id, @briefSlug, @authorId, @motivation, @visibility, @body, @tags, @blockId, @quoteExact, @quotePrefix,
    @quoteSuffix, @positionStart, @positionEnd, @entityId, @revisionSha, @anchorSha, @anchorStatus, @anchorScore, @createdAt, @modifiedAt)`);
  const answer = (response: ServerResponse, status: number, body: unknown) => {
    response.writeHead(status, { "content-type": "application/json", "cache-control": "private, no-store" });
    response.end(JSON.stringify(body));
  };
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    if (request.method !== "POST" || request.url !== "/api/annotations") return answer(response, 404, { error: { code: "not_found" } });
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      let input: Record<string, unknown>;
      try {
        input = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      } catch {
        return answer(response, 400, { error: { code: "invalid_input", message: "bad JSON" } });
      }
      const target = (input.target ?? null) as { blockId?: unknown; quote?: { exact?: unknown; prefix?: unknown; suffix?: unknown }; position?: { start?: unknown; end?: unknown }; entityId?: unknown } | null;
      const text = target && typeof target.quote?.exact === "string" && Number.isInteger(target.position?.start) && Number.isInteger(target.position?.end) ? target : null;
      const entity = target && typeof target.entityId === "string" ? target.entityId : null;
      if (typeof input.brief !== "string" || typeof input.body !== "string" || input.body.length > 20_000 || (!text && !entity)) {
        return answer(response, 400, { error: { code: "invalid_input", message: "brief, body and a target are required" } });
      }
      const now = new Date().toISOString();
      const row = {
        id: randomUUID(),
        briefSlug: input.brief,
        authorId: String(request.headers["x-bench-user"] ?? "anonymous"),
        motivation: input.body.trim() ? "commenting" : "highlighting",
        visibility: input.visibility === "shared" ? "shared" : "private",
        body: input.body,
        tags: "[]",
        blockId: text ? String(text.blockId) : null,
        quoteExact: text ? String(text.quote?.exact) : null,
        quotePrefix: text ? String(text.quote?.prefix ?? "") : null,
        quoteSuffix: text ? String(text.quote?.suffix ?? "") : null,
        positionStart: text ? (text.position?.start as number) : null,
        positionEnd: text ? (text.position?.end as number) : null,
        entityId: entity,
        revisionSha: "baseline",
        anchorSha: text ? "baseline" : null,
        anchorStatus: text ? "exact" : null,
        anchorScore: text ? 1 : null,
        createdAt: now,
        modifiedAt: now,
      };
      insert.run(row);
      answer(response, 201, { ...row, version: 1, edited: false, deleted: false, hidden: false, color: null, parentId: null });
    });
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, "127.0.0.1", () => {
    const address = server.address();
    console.log(`PORT ${typeof address === "object" && address ? address.port : 0}`);
  });
  process.on("SIGTERM", () => server.close(() => process.exit(0)));
}

/** Starts the baseline server on a free port of loopback, with its database in `file`. */
export async function startBaseline(file: string): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), file], { stdio: ["ignore", "pipe", "inherit"] });
  const port = await new Promise<number>((done, fail) => {
    let seen = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      seen += chunk.toString();
      const found = /PORT (\d+)/.exec(seen);
      if (found) done(+found[1]);
    });
    child.once("exit", (code) => fail(new Error(`the baseline server exited (${code})`)));
  });
  return { child, port };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await serveBaseline(process.argv[2]);
