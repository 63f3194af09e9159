/**
 * Backup and restore, end to end, while notes are being written. SQLite: `npm run db:backup`
 * against a running server, more notes, `npm run db:restore` (refused while the server runs),
 * and the restarted server serves exactly the notes the backup holds. PostgreSQL: the documented
 * `pg_dump --format=custom` / `pg_restore` commands, the same way (docs/databases.md). Each part
 * runs on the provider the app tests run on (TEST_DATABASE).
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, inject, it } from "vitest";
import { sqliteFilePath } from "@/lib/database/database-url";
import type { Annotation } from "@/lib/domain/annotation";
import { TestClient, uniqueEmail } from "../support/http-client";
import { type OwnServer, prepareDatabase, runCommand, startServer, tsx } from "../support/own-server";
import { createTempDatabase, onDatabase, type TempDatabase } from "../support/postgres";

const provider = inject("databaseProvider");
const appEnv = inject("appEnv");
const slug = "japan-quasi-alliance";

interface Written {
  id: string;
  body: string;
  /** performance.now() when the request was sent and when its 201 arrived. */
  sent: number;
  acknowledged: number;
}

/** Writers creating notes until stopped: every acknowledged note, with when it was sent and acknowledged. */
function keepWriting(client: TestClient, writers = 3) {
  const written: Written[] = [];
  let stopped = false;
  let counter = 0;
  const loop = async (writer: number) => {
    while (!stopped) {
      const body = `백업 중 노트 ${writer}-${counter++}`;
      const sent = performance.now();
      const response = await client.post<Annotation>("/api/annotations", { brief: slug, target: { entityId: "jp" }, body, motivation: "commenting" });
      if (response.status !== 201) throw new Error(`write failed: ${response.status} ${JSON.stringify(response.body)}`);
      written.push({ id: response.body.id, body, sent, acknowledged: performance.now() });
    }
  };
  const all = Promise.all(Array.from({ length: writers }, (_, writer) => loop(writer)));
  return {
    written,
    /** Resolves once `count` more notes have been acknowledged. */
    async more(count: number) {
      const target = written.length + count;
      while (written.length < target) await new Promise((wait) => setTimeout(wait, 20));
    },
    async stop() {
      stopped = true;
      await all;
      return written;
    },
  };
}

/** The ids of the viewer's notes the server lists. */
async function listed(client: TestClient): Promise<Map<string, string>> {
  const response = await client.get<Annotation[]>(`/api/annotations?brief=${slug}`);
  expect(response.status).toBe(200);
  return new Map(response.body.filter((note) => note.author.id === client.user?.id).map((note) => [note.id, note.body]));
}

/** The same client (its session cookie) talking to another server. */
function at(client: TestClient, url: string): TestClient {
  const copy = new TestClient(url, client.address);
  for (const [name, value] of client.cookies) copy.cookies.set(name, value);
  copy.user = client.user;
  return copy;
}

/** Splits the notes by the backup's time: surely in it, surely not, and in flight meanwhile. */
function partition(written: Written[], started: number, finished: number) {
  return {
    before: written.filter((note) => note.acknowledged < started),
    after: written.filter((note) => note.sent > finished),
  };
}

describe.skipIf(provider !== "sqlite")("SQLite: npm run db:backup, then db:restore", () => {
  const dir = mkdtempSync(join(tmpdir(), "brief-reader-backup-"));
  const env = { ...appEnv, DATABASE_URL: `file:${join(dir, "data", "reader.db")}`, ANNOTATION_WRITES_PER_MINUTE: "100000" };
  const database = sqliteFilePath(env.DATABASE_URL);
  let server: OwnServer | null = null;

  afterAll(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const backup = (file: string) => runCommand(tsx, ["scripts/db-backup.ts", file], env);
  const restore = (file: string) => runCommand(tsx, ["scripts/db-restore.ts", file], env);
  const idsIn = (file: string) => {
    const copy = new Database(file, { readonly: true });
    try {
      return new Map((copy.prepare("SELECT id, body FROM Annotation").all() as { id: string; body: string }[]).map((row) => [row.id, row.body]));
    } finally {
      copy.close();
    }
  };

  it("backs up while notes are written, refuses to restore under a running server, and restores exactly the backup's notes", { timeout: 180_000 }, async () => {
    prepareDatabase(env);
    server = await startServer(env);
    const alice = await new TestClient(server.url).signUp("백업 담당", uniqueEmail("backup"));
    const writers = keepWriting(alice);
    await writers.more(30);

    const file = join(dir, "reader-backup.db");
    const started = performance.now();
    const made = backup(file);
    const finished = performance.now();
    expect(made.stderr).toBe("");
    expect(made.status).toBe(0);
    expect(made.stdout).toMatch(/integrity ok/);

    await writers.more(30);
    const written = await writers.stop();
    const { before, after } = partition(written, started, finished);
    expect(before.length).toBeGreaterThanOrEqual(30);
    expect(after.length).toBeGreaterThanOrEqual(20);

    // What the backup holds: every note acknowledged before it began, none sent after it ended.
    const inBackup = idsIn(file);
    for (const note of before) expect(inBackup.get(note.id)).toBe(note.body);
    for (const note of after) expect(inBackup.has(note.id)).toBe(false);

    // Under a running server the restore refuses, and changes nothing.
    const refused = restore(file);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/open in process \d+.*Stop the server first/s);
    expect((await listed(alice)).size).toBe(written.length);

    await server.stop();
    server = null;
    const done = restore(file);
    expect(done.stderr).toBe("");
    expect(done.status).toBe(0);
    const safetyCopy = /kept as (\S+)/.exec(done.stdout)?.[1] ?? "";
    expect(existsSync(safetyCopy)).toBe(true);
    // The replaced database, kept aside, still has everything written before the restore.
    expect(idsIn(safetyCopy).size).toBe(written.length);

    server = await startServer(env);
    const served = await listed(at(alice, server.url));
    expect(served).toEqual(inBackup);
    for (const note of before) expect(served.get(note.id)).toBe(note.body);
    for (const note of after) expect(served.has(note.id)).toBe(false);
    await server.stop();
    server = null;
  });

  it("refuses, with a clear message, a missing file, a file that is not SQLite, and a database that is not the reader's", () => {
    const missing = restore(join(dir, "no-such-backup.db"));
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/No backup file at .*no-such-backup\.db/);

    const text = join(dir, "notes.txt");
    writeFileSync(text, "not a database\n".repeat(100));
    const notSqlite = restore(text);
    expect(notSqlite.status).toBe(1);
    expect(notSqlite.stderr).toMatch(/not a SQLite database/);

    const other = join(dir, "other.db");
    const foreign = new Database(other);
    foreign.exec("CREATE TABLE notes (id TEXT)");
    foreign.close();
    const notReader = restore(other);
    expect(notReader.status).toBe(1);
    expect(notReader.stderr).toMatch(/not a reader database/);

    // None of them touched the database (restored by the test before).
    expect(idsIn(database).size).toBeGreaterThanOrEqual(30);
  });
});

describe.skipIf(provider !== "postgresql")("PostgreSQL: pg_dump --format=custom, then pg_restore", () => {
  const dir = mkdtempSync(join(tmpdir(), "brief-reader-pg-backup-"));
  let restored: TempDatabase | null = null;
  let server: OwnServer | null = null;

  afterAll(async () => {
    await server?.stop();
    await restored?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  const ids = async (url: string) => new Map((await onDatabase<{ id: string; body: string }>(url, 'SELECT id, body FROM "Annotation"')).map((row) => [row.id, row.body]));

  it("dumps the live database while notes are written, and a restore serves exactly the dump's notes", { timeout: 180_000 }, async () => {
    const baseURL = inject("baseURL");
    const alice = await new TestClient(baseURL).signUp("백업 담당", uniqueEmail("pg-backup"));
    const writers = keepWriting(alice, 2);
    await writers.more(15);

    const dump = join(dir, "reader.dump");
    const started = performance.now();
    const made = runCommand("pg_dump", ["--format=custom", "--file", dump, "--dbname", appEnv.DATABASE_URL]);
    const finished = performance.now();
    expect(made.stderr).toBe("");
    expect(made.status).toBe(0);

    // Stay under the per-user write limit (120 a minute) of the shared server.
    await writers.more(15);
    const written = await writers.stop();
    const { before, after } = partition(written, started, finished);
    expect(before.length).toBeGreaterThanOrEqual(15);
    expect(after.length).toBeGreaterThanOrEqual(10);

    // Restored into a new database, as after losing the old one.
    restored = await createTempDatabase("reader_restore");
    const first = runCommand("pg_restore", ["--no-owner", "--exit-on-error", "--dbname", restored.url, dump]);
    expect(first.stderr).toBe("");
    expect(first.status).toBe(0);
    const inDump = await ids(restored.url);
    for (const note of before) expect(inDump.get(note.id)).toBe(note.body);
    for (const note of after) expect(inDump.has(note.id)).toBe(false);

    const env = { ...appEnv, DATABASE_URL: restored.url };
    server = await startServer(env);
    const mine = (all: Map<string, string>) => new Map([...all].filter(([id]) => written.some((note) => note.id === id)));
    expect(await listed(at(alice, server.url))).toEqual(mine(inDump));

    // Later notes, then `pg_restore --clean` over them: back to the dump exactly.
    const later = await at(alice, server.url).post<Annotation>("/api/annotations", { brief: slug, target: { entityId: "jp" }, body: "복원 뒤에 사라질 노트", motivation: "commenting" });
    expect(later.status).toBe(201);
    await server.stop();
    server = null;
    const again = runCommand("pg_restore", ["--clean", "--if-exists", "--no-owner", "--single-transaction", "--exit-on-error", "--dbname", restored.url, dump]);
    expect(again.stderr).toBe("");
    expect(again.status).toBe(0);
    expect(await ids(restored.url)).toEqual(inDump);
  });
});
