/**
 * Two app processes on different ports serving the same users from one PostgreSQL database:
 * a note written through one is pushed to a reader of the other within a second (LISTEN/NOTIFY)
 * and found by the other's search; the write limit, better-auth's per-address limit and the
 * sign-in lockout are counted once for both. Runs on a fresh database of its own (whatever
 * TEST_DATABASE says), and is skipped without a PostgreSQL server.
 */
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Annotation } from "@/lib/domain/annotation";
import type { BriefView } from "@/lib/domain/brief";
import { type OpenStream, openEventStream } from "../support/event-stream";
import { TestClient, testAddress, uniqueEmail } from "../support/http-client";
import { type OwnServer, prepareDatabase, startServer } from "../support/own-server";
import { createTempDatabase, postgresAvailable, type TempDatabase } from "../support/postgres";

const appEnv = inject("appEnv");
const slug = "japan-quasi-alliance";
const WRITES_PER_MINUTE = 8;
const hasPostgres = await postgresAvailable();

let database: TempDatabase | null = null;
let dir: string | null = null;
let one: OwnServer | null = null;
let two: OwnServer | null = null;
const streams: OpenStream[] = [];

/** A client of `server` with the same account (the session is in the shared database) and address. */
function on(server: OwnServer, client: TestClient): TestClient {
  const copy = new TestClient(server.url, client.address);
  for (const [name, value] of client.cookies) copy.cookies.set(name, value);
  return copy;
}

function targetOf(view: BriefView, exact: string) {
  let at = 0;
  for (const block of view.sections.flatMap((section) => section.blocks)) {
    const units = block.text.indexOf(exact);
    if (units >= 0) {
      const start = at + Array.from(block.text.slice(0, units)).length;
      return { blockId: block.id, quote: { exact }, position: { start, end: start + Array.from(exact).length } };
    }
    at += Array.from(block.text).length + 1;
  }
  throw new Error(`not in the brief: ${exact}`);
}

describe.skipIf(!hasPostgres)("two app processes on one PostgreSQL database", () => {
  let target: unknown;

  beforeAll(async () => {
    database = await createTempDatabase("reader_two");
    dir = mkdtempSync(join(tmpdir(), "brief-reader-two-"));
    const briefs = join(dir, "briefs");
    cpSync(appEnv.BRIEFS_DIR, briefs, { recursive: true });
    const env = {
      DATABASE_URL: database.url,
      BRIEFS_DIR: briefs,
      TRUST_PROXY: "loopback",
      AUTH_SECRET_FILE: join(dir, "auth-secret"),
      ANNOTATION_WRITES_PER_MINUTE: String(WRITES_PER_MINUTE),
      AUTH_SIGN_IN_FAILURES_PER_ADDRESS: "4",
    };
    prepareDatabase(env);
    [one, two] = await Promise.all([startServer(env), startServer(env)]);
    target = targetOf((await (await fetch(`${one.url}/api/briefs/${slug}`)).json()) as BriefView, "RAA에 서명");
  }, 180_000);

  afterAll(async () => {
    for (const stream of streams) stream.close();
    await Promise.all([one?.stop(), two?.stop()]);
    await database?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("pushes a note written on one to a reader on the other within a second, and the other's search finds it", async () => {
    if (!one || !two) throw new Error("servers not started");
    const alice = await new TestClient(one.url).signUp("앨리스", uniqueEmail("alice-two"));
    const bob = on(two, await new TestClient(one.url).signUp("Bob", uniqueEmail("bob-two")));
    const reader = await openEventStream(bob, `/api/briefs/${slug}/events`);
    streams.push(reader);
    expect(reader.status).toBe(200);
    await reader.next((event) => event.event === "ready");

    const word = `다중인스턴스${Date.now().toString(36)}`;
    let written: Annotation | null = null;
    // Three in a row, each within a second: the other process's safety poll (every 2 s) could
    // not do that; its LISTEN connection does.
    for (let round = 0; round < 3; round++) {
      const sent = performance.now();
      const response = await alice.post<Annotation>("/api/annotations", { brief: slug, target, body: `${word} 메모 ${round}`, visibility: "shared" });
      expect(response.status).toBe(201);
      written = response.body;
      const pushed = await reader.next((event) => (event.data as { id?: string }).id === response.body.id, { timeoutMs: 3_000 });
      expect(pushed.event).toBe("created");
      expect(pushed.at - sent).toBeLessThan(1_000);
      await new Promise((wait) => setTimeout(wait, 300 + round * 400));
    }
    if (!written) throw new Error("nothing written");

    const found = await bob.get<{ groups: { notes: { results: { id: string }[] } | null } }>(`/api/search?q=${encodeURIComponent(word)}`);
    expect(found.status).toBe(200);
    expect(found.body.groups.notes?.results.map((result) => result.id)).toContain(written.id);
  });

  it("counts one write limit per user across both", async () => {
    if (!one || !two) throw new Error("servers not started");
    // The limit counts in fixed one-minute windows: start well inside one.
    const intoMinute = Date.now() % 60_000;
    if (intoMinute > 45_000) await new Promise((wait) => setTimeout(wait, 60_500 - intoMinute));
    const carol = await new TestClient(one.url).signUp("Carol", uniqueEmail("carol-two"));
    const statuses: number[] = [];
    for (let attempt = 0; attempt < WRITES_PER_MINUTE + 2; attempt++) {
      const client = attempt % 2 === 0 ? carol : on(two, carol);
      statuses.push((await client.post("/api/annotations", { brief: slug, target, body: `한도 ${attempt}` })).status);
    }
    // Each process alone would have let all ten through (eight each).
    expect(statuses.filter((status) => status === 201)).toHaveLength(WRITES_PER_MINUTE);
    expect(statuses.slice(WRITES_PER_MINUTE)).toEqual([429, 429]);
  });

  it("locks an address out of an account after wrong passwords on either", async () => {
    if (!one || !two) throw new Error("servers not started");
    const email = uniqueEmail("dave-two");
    await new TestClient(one.url).signUp("Dave", email);
    const address = testAddress();
    const attempt = (server: OwnServer, password: string) => new TestClient(server.url, address).post("/api/auth/sign-in/email", { email, password });
    // Four wrong passwords, two on each: the lockout (4 per account and address) counts them all.
    for (const server of [one, two, one, two]) expect((await attempt(server, "wrong password 123")).status).toBe(401);
    expect((await attempt(two, "correct horse battery staple")).status).toBe(429);
    expect((await attempt(one, "correct horse battery staple")).status).toBe(429);
  });
});
