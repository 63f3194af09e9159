/**
 * The live stream of a brief's annotations over real HTTP (GET /api/briefs/<slug>/events):
 * events arrive in order and quickly, resume after Last-Event-ID (also across a restart of the
 * server), and never tell anyone about a note they may not see.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Annotation } from "@/lib/domain/annotation";
import type { BriefView } from "@/lib/domain/brief";
import { freePort } from "../support/app-process";
import { type OpenStream, openEventStream, type ReceivedEvent } from "../support/event-stream";
import { TestClient, uniqueEmail } from "../support/http-client";

const baseURL = inject("baseURL");
const slug = "japan-quasi-alliance";
const events = `/api/briefs/${slug}/events`;

let alice: TestClient;
let bob: TestClient;
let target: unknown;
const open: OpenStream[] = [];

async function stream(client: TestClient, options: { lastEventId?: string | number } = {}, path = events) {
  const opened = await openEventStream(client, path, options);
  open.push(opened);
  return opened;
}

async function create(client: TestClient, input: Record<string, unknown>) {
  const response = await client.post<Annotation>("/api/annotations", { brief: slug, target, ...input });
  if (response.status !== 201) throw new Error(`create failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

async function patch(client: TestClient, annotation: Annotation, changes: Record<string, unknown>) {
  const response = await client.patch<Annotation>(`/api/annotations/${annotation.id}`, changes);
  if (response.status !== 200) throw new Error(`patch failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

const about = (id: string) => (event: ReceivedEvent) => (event.data as { id?: string } | null)?.id === id;
const ready = (event: ReceivedEvent) => event.event === "ready";

/** A text target on the first occurrence of `exact` (code point offsets into the blocks joined by "\n"). */
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

beforeAll(async () => {
  target = targetOf((await (await fetch(`${baseURL}/api/briefs/${slug}`)).json()) as BriefView, "RAA에 서명");
  alice = await new TestClient(baseURL).signUp("앨리스", uniqueEmail("alice-live"));
  bob = await new TestClient(baseURL).signUp("Bob", uniqueEmail("bob-live"));
});

afterAll(() => {
  for (const opened of open) opened.close();
});

describe("GET /api/briefs/<slug>/events", () => {
  it("is refused as JSON before any stream: signed out 401, an unknown brief 404, a malformed Last-Event-ID 400", async () => {
    const signedOut = await stream(new TestClient(baseURL));
    expect(signedOut.status).toBe(401);
    const unknown = await stream(bob, {}, "/api/briefs/no-such-brief/events");
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ error: { code: "not_found" } });
    const malformed = await stream(bob, { lastEventId: "yesterday" });
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({ error: { code: "invalid_input", field: "last-event-id" } });
  });

  it("is an unbuffered text/event-stream that starts with `ready`", async () => {
    const bobs = await stream(bob);
    expect(bobs.status).toBe(200);
    expect(bobs.contentType).toMatch(/^text\/event-stream/);
    const first = await bobs.next(ready);
    expect(first.data).toEqual({ resumed: false });
  });

  it("carries a colleague's shared note, its change and its deletion, in order, each within a second", async () => {
    const bobs = await stream(bob);
    await bobs.next(ready);
    let sent = performance.now();
    const note = await create(alice, { body: "실시간 공유 메모", visibility: "shared" });
    const created = await bobs.next(about(note.id));
    expect(created.event).toBe("created");
    expect(created.data).toMatchObject({ id: note.id, body: "실시간 공유 메모", author: { name: "앨리스" }, version: 1 });
    expect(created.at - sent).toBeLessThan(1_000);

    sent = performance.now();
    await patch(alice, note, { body: "고친 메모" });
    const changed = await bobs.next((event) => about(note.id)(event) && event.event === "changed");
    expect(changed.data).toMatchObject({ id: note.id, body: "고친 메모", version: 2 });
    expect(changed.at - sent).toBeLessThan(1_000);

    sent = performance.now();
    expect((await alice.delete(`/api/annotations/${note.id}`)).status).toBe(200);
    const deleted = await bobs.next((event) => about(note.id)(event) && event.event === "deleted");
    // Gone is gone: only the id, nothing of what it said.
    expect(deleted.data).toEqual({ id: note.id });
    expect(deleted.at - sent).toBeLessThan(1_000);

    const ids = [created, changed, deleted].map((event) => Number(event.id));
    expect(ids[0]).toBeLessThan(ids[1]);
    expect(ids[1]).toBeLessThan(ids[2]);
  });

  it("never tells anyone else about a private note: not its making, its change or its deletion", async () => {
    const bobs = await stream(bob);
    const alices = await stream(alice);
    await Promise.all([bobs.next(ready), alices.next(ready)]);
    const secret = await create(alice, { body: "비밀 메모" });
    await patch(alice, secret, { body: "더 비밀" });
    expect((await alice.delete(`/api/annotations/${secret.id}`)).status).toBe(200);
    const marker = await create(alice, { body: "표시", visibility: "shared" });
    await bobs.next(about(marker.id));
    expect(JSON.stringify(bobs.events)).not.toContain(secret.id);
    expect(JSON.stringify(bobs.events)).not.toContain("비밀");
    // Its author sees all three, the deletion whole (the reader lists its own deleted notes).
    const own = await alices.next((event) => about(secret.id)(event) && event.event === "deleted");
    expect(own.data).toMatchObject({ id: secret.id, deleted: true });
    expect(alices.events.filter(about(secret.id)).map((event) => event.event)).toEqual(["created", "changed", "deleted"]);
  });

  it("takes a note away from a colleague who saw it when it is made private, and tells others nothing", async () => {
    const carol = await new TestClient(baseURL).signUp("Carol", uniqueEmail("carol-live"));
    const note = await create(alice, { body: "곧 비공개", visibility: "shared" });
    const bobs = await stream(bob);
    await bobs.next(ready);
    await patch(alice, note, { visibility: "private" });
    const gone = await bobs.next((event) => about(note.id)(event) && event.event !== "created");
    expect(gone.event).toBe("deleted");
    expect(gone.data).toEqual({ id: note.id });
    // Carol's stream opens after: the note is private now, and a replay from before tells her nothing.
    const carols = await stream(carol, { lastEventId: Number(gone.id) - 1 });
    await carols.next(ready);
    expect(JSON.stringify(carols.events)).not.toContain(note.id);
  });

  it("resumes after Last-Event-ID: what was written while the reader was away arrives first, in order", async () => {
    const first = await stream(bob);
    const start = await first.next(ready);
    const one = await create(alice, { body: "하나", visibility: "shared" });
    const seen = await first.next(about(one.id));
    first.close();
    const two = await create(alice, { body: "둘", visibility: "shared" });
    const three = await create(alice, { body: "셋", visibility: "shared" });
    await patch(alice, two, { body: "둘 (고침)" });
    const again = await stream(bob, { lastEventId: seen.id ?? "" });
    const resumed = await again.next(ready);
    expect(resumed.data).toEqual({ resumed: true });
    const replayed = again.events.filter((event) => event.event !== "ready");
    expect(replayed.map((event) => [event.event, (event.data as Annotation).id])).toEqual([
      ["created", two.id],
      ["created", three.id],
      ["changed", two.id],
    ]);
    // Each carries the note as it is now.
    expect((replayed[0].data as Annotation).body).toBe("둘 (고침)");
    expect(Number(start.id ?? 0)).toBeLessThan(Number(seen.id));
    // A new EventSource cannot set the header; the query parameter says the same.
    const byQuery = await stream(bob, {}, `${events}?lastEventId=${seen.id}`);
    await byQuery.next(ready);
    expect(byQuery.events.filter((event) => event.event !== "ready")).toHaveLength(3);
  });
});

describe("across a restart", () => {
  const appEnv = inject("appEnv");
  let child: ChildProcess | null = null;
  afterAll(() => child?.kill("SIGKILL"));

  async function startOnSameDatabase(): Promise<{ url: string; process: ChildProcess }> {
    const port = await freePort();
    const root = resolve(import.meta.dirname, "..", "..");
    const started = spawn(process.execPath, [join(root, "scripts", "serve.mjs"), "-p", String(port), "-H", "127.0.0.1"], {
      cwd: root,
      env: { ...process.env, ...appEnv, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
      stdio: "ignore",
    });
    const url = `http://127.0.0.1:${port}`;
    for (let tries = 0; tries < 240; tries++) {
      if (await fetch(`${url}/api/briefs`).then((response) => response.ok, () => false)) break;
      await new Promise((wait) => setTimeout(wait, 250));
    }
    return { url, process: started };
  }

  function as(client: TestClient, url: string) {
    const copy = new TestClient(url, client.address);
    for (const [name, value] of client.cookies) copy.cookies.set(name, value);
    return copy;
  }

  it.skipIf(!appEnv.DATABASE_URL)("loses no event: a reader that reconnects to the restarted server gets what was written meanwhile", { timeout: 120_000 }, async () => {
    const first = await startOnSameDatabase();
    child = first.process;
    const bobs = await stream(as(bob, first.url));
    await bobs.next(ready);
    const before = await create(alice, { body: "재시작 전", visibility: "shared" });
    // Written through the other server on the same database: this one finds it within its poll.
    const seen = await bobs.next(about(before.id), { timeoutMs: 5_000 });
    first.process.kill("SIGTERM");
    // The server ends its streams when it stops, so readers reconnect rather than hang.
    await bobs.ended;
    const during = await create(alice, { body: "재시작 중", visibility: "shared" });
    const second = await startOnSameDatabase();
    child = second.process;
    const again = await stream(as(bob, second.url), { lastEventId: seen.id ?? "" });
    const replayed = await again.next(about(during.id));
    expect(replayed.event).toBe("created");
    expect(replayed.data).toMatchObject({ body: "재시작 중" });
    second.process.kill("SIGTERM");
  });
});
