/**
 * Lists that scale, over real HTTP: the brief's notes in pages (keyset, `Link: rel="next"`), a
 * strong ETag answered 304, and the changes since a position of the event log, by the same rules
 * of who sees what as everywhere else.
 */
import { beforeAll, describe, expect, inject, it } from "vitest";
import type { Annotation } from "@/lib/domain/annotation";
import { TestClient, uniqueEmail } from "../support/http-client";

const baseURL = inject("baseURL");
const slug = "japan-quasi-alliance";

interface ErrorBody {
  error: { code: string; field?: string };
}
interface Changes {
  position: number;
  changes: { id: number; event: string; data: Annotation | { id: string } }[];
  more: boolean;
}

let alice: TestClient;
let bob: TestClient;

beforeAll(async () => {
  alice = await new TestClient(baseURL).signUp("앨리스", uniqueEmail("lists-alice"));
  bob = await new TestClient(baseURL).signUp("Bob", uniqueEmail("lists-bob"));
});

const note = async (client: TestClient, body: string, visibility = "private") => {
  const response = await client.post<Annotation>("/api/annotations", { brief: slug, target: { entityId: "jp" }, body, visibility });
  expect(response.status).toBe(201);
  return response.body;
};

/** Every page from `path`, following `Link: rel="next"`. */
async function allPages(client: TestClient, path: string) {
  const pages: Annotation[][] = [];
  let next: string | null = path;
  while (next) {
    const response: { status: number; headers: Headers; body: Annotation[] } = await client.get<Annotation[]>(next);
    expect(response.status).toBe(200);
    pages.push(response.body);
    next = /<([^>]+)>;\s*rel="next"/.exec(response.headers.get("link") ?? "")?.[1] ?? null;
    expect(pages.length).toBeLessThan(1000);
  }
  return pages;
}

describe("GET /api/annotations?brief=…&limit=", () => {
  it("pages through every visible note once, oldest first, each page at most `limit`", async () => {
    const made: string[] = [];
    for (let i = 0; i < 23; i++) made.push((await note(alice, `page ${i}`)).id);
    const pages = await allPages(alice, `/api/annotations?brief=${slug}&limit=7`);
    const items = pages.flat();
    expect(pages.every((page) => page.length <= 7)).toBe(true);
    expect(new Set(items.map((item) => item.id)).size).toBe(items.length);
    expect(items.filter((item) => item.author.id === alice.user?.id).map((item) => item.id)).toEqual(made);
    const order = items.map((item) => `${item.created}|${item.id}`);
    expect(order).toEqual([...order].sort());
    // The same notes as the unpaged list (which may have grown meanwhile by other tests' notes).
    const whole = (await alice.get<Annotation[]>(`/api/annotations?brief=${slug}`)).body.map((item) => item.id);
    expect(whole.filter((id) => made.includes(id))).toEqual(made);
    // Nobody else's private notes, on any page.
    const bobs = await allPages(bob, `/api/annotations?brief=${slug}&limit=50`);
    expect(bobs.flat().some((item) => made.includes(item.id))).toBe(false);
  });

  it("refuses a bad limit or page position naming the field", async () => {
    for (const [query, field] of [
      ["limit=0", "limit"],
      ["limit=1001", "limit"],
      ["limit=abc", "limit"],
      ["limit=10&after=not-a-position", "after"],
      [`limit=10&after=${Buffer.from("x|y").toString("base64url")}`, "after"],
      [`after=${Buffer.from(`${new Date().toISOString()}|id`).toString("base64url")}`, "after"],
    ]) {
      const response = await alice.get<ErrorBody>(`/api/annotations?brief=${slug}&${query}`);
      expect(response.status, query).toBe(400);
      expect(response.body.error.field, query).toBe(field);
    }
  });

  it("answers a repeat with 304 until the list changes, and says where in the log it was read", async () => {
    const path = `/api/annotations?brief=${slug}&include=deleted&limit=1000`;
    const first = await alice.get<Annotation[]>(path);
    const etag = first.headers.get("etag");
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(Number(first.headers.get("annotation-log-position"))).toBeGreaterThan(0);
    const again = await alice.get(path, { "if-none-match": etag as string });
    expect(again.status).toBe(304);
    expect(again.body).toBeNull();
    await note(alice, "a change");
    const changed = await alice.get<Annotation[]>(path, { "if-none-match": etag as string });
    expect(changed.status).toBe(200);
    expect(changed.headers.get("etag")).not.toBe(etag);
  });
});

describe("GET /api/briefs/<slug>/changes?since=", () => {
  it("gives what changed since a list's position, as each reader may see it", async () => {
    const list = await alice.get<Annotation[]>(`/api/annotations?brief=${slug}&limit=1`);
    const since = Number(list.headers.get("annotation-log-position"));
    const mine = await note(alice, "only mine");
    const shared = await note(alice, "for everyone", "shared");
    expect((await alice.patch(`/api/annotations/${shared.id}`, { deleted: true }, { "if-match": `"${shared.version}"` })).status).toBe(200);

    const forAlice = (await alice.get<Changes>(`/api/briefs/${slug}/changes?since=${since}`)).body;
    const aliceData = forAlice.changes.map((change) => change.data);
    expect(aliceData.some((data) => data.id === mine.id && "body" in data && data.body === "only mine")).toBe(true);
    // Her own deleted note comes whole, marked deleted (she can restore it).
    expect(aliceData.filter((data) => data.id === shared.id).at(-1)).toMatchObject({ id: shared.id, deleted: true });
    expect(forAlice.position).toBeGreaterThan(since);

    const forBob = (await bob.get<Changes>(`/api/briefs/${slug}/changes?since=${since}`)).body;
    expect(JSON.stringify(forBob)).not.toContain(mine.id);
    // Bob could see the shared note: he is told it is gone, by its id alone.
    expect(forBob.changes.filter((change) => change.data.id === shared.id).at(-1)).toEqual(expect.objectContaining({ event: "deleted", data: { id: shared.id } }));
  });

  it("costs a reader with nothing new one small answer, and 304 when repeated", async () => {
    const list = await bob.get<Annotation[]>(`/api/annotations?brief=${slug}&limit=1`);
    const since = Number(list.headers.get("annotation-log-position")) + 1_000_000;
    const first = await bob.get<Changes>(`/api/briefs/${slug}/changes?since=${since}`);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ position: since, changes: [], more: false });
    const again = await bob.get(`/api/briefs/${slug}/changes?since=${since}`, { "if-none-match": first.headers.get("etag") as string });
    expect(again.status).toBe(304);
  });

  it("refuses a missing or bad position, an unknown brief, and anonymous readers", async () => {
    expect((await bob.get<ErrorBody>(`/api/briefs/${slug}/changes`)).body.error.field).toBe("since");
    expect((await bob.get<ErrorBody>(`/api/briefs/${slug}/changes?since=-1`)).body.error.field).toBe("since");
    expect((await bob.get(`/api/briefs/no-such-brief/changes?since=0`)).status).toBe(404);
    expect((await new TestClient(baseURL).get(`/api/briefs/${slug}/changes?since=0`)).status).toBe(401);
  });
});
