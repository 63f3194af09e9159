/** The annotations repository against a real migrated database of each provider: visibility, versions, anchors. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  findAnnotation,
  hasStaleAnchors,
  insertAnnotation,
  insertAnnotations,
  listAnnotations,
  listAnnotationsForExport,
  listImportKeys,
  listStaleAnchors,
  pageAnnotations,
  pageVisibleIds,
  saveAnchors,
  updateAnnotationAtVersion,
} from "@/lib/db/annotations";
import type { DatabaseProvider } from "@/lib/database/database-url";
import { createPrismaClient } from "@/lib/database/prisma";
import type { Viewer } from "@/lib/domain/account";
import type { Annotation, Visibility } from "@/lib/domain/annotation";
import { migratedTestDatabase, type TestDatabase } from "../../support/migrated-db";
import { postgresAvailable } from "../../support/postgres";

const alice: Viewer = { id: "alice", name: "Alice", role: "member" };
const bob: Viewer = { id: "bob", name: "Bob", role: "member" };
const admin: Viewer = { id: "admin", name: "Admin", role: "admin" };

const hasPostgres = await postgresAvailable();

describe.each<DatabaseProvider>(["sqlite", "postgresql"])("on %s", (provider) => {
  if (provider === "postgresql" && !hasPostgres) {
    it.skip("needs a PostgreSQL server (POSTGRES_ADMIN_URL)", () => {});
    return;
  }

  let database: TestDatabase;
  let client: ReturnType<typeof createPrismaClient>;

  beforeAll(async () => {
    database = await migratedTestDatabase(provider);
    client = createPrismaClient(database.url);
    await client.brief.create({ data: { slug: "b", title: "B", byline: "", language: "ko" } });
    for (const viewer of [alice, bob, admin]) await client.user.create({ data: { id: viewer.id, name: viewer.name, email: `${viewer.id}@test`, role: viewer.role } });
  }, 120_000);

  afterAll(async () => {
    await client?.$disconnect();
    await database?.remove();
  });

  const text = (start: number) => ({ blockId: "c-1", quote: { exact: "일본", prefix: "", suffix: "은" }, position: { start, end: start + 2 } });

  function note(author: Viewer, visibility: Visibility, body = "") {
    return insertAnnotation(client, {
      brief: "b",
      author: { id: author.id, name: author.name },
      parentId: null,
      motivation: body ? "commenting" : "highlighting",
      visibility,
      body,
      tags: ["태그"],
      color: null,
      target: text(0),
      revision: "r1",
    });
  }

  describe("insertAnnotation", () => {
    it("stores the row it answers with, and stores nothing for an idempotency key its author used already", async () => {
      const input = { brief: "b", author: { id: bob.id, name: bob.name }, parentId: null, motivation: "commenting" as const, visibility: "private" as const, body: "한 번", tags: ["a", "b"], color: "#ffd400", target: text(3), revision: "r1" };
      const first = await insertAnnotation(client, { ...input, idempotency: { key: "key-1", requestHash: "h" } });
      expect(first).not.toBeNull();
      expect(await findAnnotation(client, { viewer: bob, id: first?.id as string })).toEqual(first);
      expect(await insertAnnotation(client, { ...input, body: "두 번", idempotency: { key: "key-1", requestHash: "h" } })).toBeNull();
      expect(await client.annotation.count({ where: { authorId: bob.id, idempotencyKey: "key-1" } })).toBe(1);
      // Out of the way of the visibility tests below, which count what bob sees.
      await client.annotation.deleteMany({ where: { authorId: bob.id, idempotencyKey: "key-1" } });
    });
  });

  describe("visibleTo, through listAnnotations and findAnnotation", () => {
    let own: Annotation;
    let shared: Annotation;
    let deleted: Annotation;
    let hidden: Annotation;

    beforeAll(async () => {
      own = await note(alice, "private", "mine");
      shared = await note(alice, "shared", "ours");
      deleted = await note(alice, "shared", "gone");
      await updateAnnotationAtVersion(client, { id: deleted.id, version: 1, changes: { deletedAt: new Date(), modifiedAt: new Date() } });
      hidden = await note(alice, "shared", "moderated");
      await updateAnnotationAtVersion(client, { id: hidden.id, version: 1, changes: { hiddenAt: new Date(), hiddenById: admin.id, modifiedAt: new Date() } });
    });

    const ids = async (viewer: Viewer, includeOwnDeleted = false) => (await listAnnotations(client, { viewer, brief: "b", includeOwnDeleted })).map((item) => item.id).sort();
    const sorted = (...items: Annotation[]) => items.map((item) => item.id).sort();

    it("shows the author everything of theirs but deleted ones, unless asked", async () => {
      expect(await ids(alice)).toEqual(sorted(own, shared, hidden));
      expect(await ids(alice, true)).toEqual(sorted(own, shared, deleted, hidden));
    });

    it("shows another member only shared, undeleted, unhidden annotations", async () => {
      expect(await ids(bob)).toEqual(sorted(shared));
      expect(await ids(bob, true)).toEqual(sorted(shared));
      for (const item of [own, deleted, hidden]) expect(await findAnnotation(client, { viewer: bob, id: item.id })).toBeNull();
    });

    it("pages the same notes, and their ids, as the whole list, a page of one at a time", async () => {
      for (const viewer of [alice, bob, admin]) {
        const whole = (await listAnnotations(client, { viewer, brief: "b", includeOwnDeleted: true })).map((item) => item.id);
        const paged: string[] = [];
        const pagedIds: string[] = [];
        let next: Parameters<typeof pageAnnotations>[1]["after"];
        do {
          const page = await pageAnnotations(client, { viewer, brief: "b", includeOwnDeleted: true, take: 1, after: next });
          paged.push(...page.annotations.map((item) => item.id));
          next = page.next ?? undefined;
        } while (next);
        do {
          const page = await pageVisibleIds(client, { viewer, brief: "b", take: 1, after: next });
          pagedIds.push(...page.ids);
          next = page.next ?? undefined;
        } while (next);
        expect(paged, viewer.id).toEqual(whole);
        expect(pagedIds, viewer.id).toEqual(whole);
      }
    });

    it("shows an admin hidden shared annotations, but never someone's private or deleted ones", async () => {
      expect(await ids(admin)).toEqual(sorted(shared, hidden));
      expect(await findAnnotation(client, { viewer: admin, id: own.id })).toBeNull();
      expect(await findAnnotation(client, { viewer: admin, id: deleted.id })).toBeNull();
    });

    it("gives the author their own deleted annotation by id", async () => {
      expect(await findAnnotation(client, { viewer: alice, id: deleted.id })).toMatchObject({ deleted: true, body: "gone", tags: ["태그"] });
    });
  });

  describe("writes", () => {
    it("applies a change only at the version it was read at", async () => {
      const item = await note(alice, "private", "v1");
      const first = await updateAnnotationAtVersion(client, { id: item.id, version: 1, changes: { body: "v2", modifiedAt: new Date() } });
      expect(first).toMatchObject({ body: "v2", version: 2 });
      const stale = await updateAnnotationAtVersion(client, { id: item.id, version: 1, changes: { body: "lost", modifiedAt: new Date() } });
      expect(stale).toBeNull();
      expect((await findAnnotation(client, { viewer: alice, id: item.id }))?.body).toBe("v2");
    });

    it("re-anchors once even when two processes store anchors computed from the same revision", async () => {
      const item = await note(bob, "private");
      const stale = (await listStaleAnchors(client, { brief: "b", sha: "r2" })).find((anchor) => anchor.id === item.id);
      expect(stale).toMatchObject({ anchorSha: "r1", quote: { exact: "일본" }, position: { start: 0, end: 2 } });
      const anchor = { id: item.id, fromSha: "r1", toSha: "r2", status: "moved" as const, score: 1, blockId: "c-2", start: 10, end: 12 };
      expect(await saveAnchors(client, [anchor])).toBe(1);
      expect(await saveAnchors(client, [anchor])).toBe(0);
      const moved = await findAnnotation(client, { viewer: bob, id: item.id });
      expect(moved).toMatchObject({ anchor: { status: "moved", score: 1, revision: "r2" }, target: { blockId: "c-2", position: { start: 10, end: 12 } }, version: 2 });
      expect((await listStaleAnchors(client, { brief: "b", sha: "r2" })).some((entry) => entry.id === item.id)).toBe(false);
    });

    it("keeps an orphan's quote and last position", async () => {
      const item = await note(bob, "private");
      await saveAnchors(client, [{ id: item.id, fromSha: "r1", toSha: "r3", status: "orphaned", score: 0 }]);
      expect(await findAnnotation(client, { viewer: bob, id: item.id })).toMatchObject({
        anchor: { status: "orphaned", score: 0, revision: "r3" },
        target: { quote: { exact: "일본" }, position: { start: 0, end: 2 } },
      });
    });
  });

  describe("insertAnnotations (import)", () => {
  const row = (id: string, parentId: string | null, extra: Record<string, unknown> = {}) => ({
    id,
    brief: "b",
    author: { id: "bob", name: "Bob" },
    parentId,
    motivation: "commenting" as const,
    visibility: "private" as const,
    body: `imported ${id}`,
    tags: [],
    color: null,
    target: parentId ? null : text(4),
    revision: "r1",
    canonical: `https://elsewhere.example/annotations/${id}`,
    via: `https://elsewhere.example/annotations/${id}`,
    createdAt: new Date("2024-01-02T03:04:05.678Z"),
    modifiedAt: new Date("2024-02-01T00:00:00.000Z"),
    editedAt: new Date("2024-02-01T00:00:00.000Z"),
    anchor: { status: "fuzzy" as const, score: 0.8 },
    ...extra,
  });

  it("stores many rows with their ids, times, anchors and replies linked, parents first", async () => {
    const rows = [row("imp-root", null), ...Array.from({ length: 120 }, (_, index) => row(`imp-reply-${index}`, "imp-root"))];
    expect(await insertAnnotations(client, rows)).toBe(121);
    const root = await findAnnotation(client, { viewer: bob, id: "imp-root" });
    expect(root).toMatchObject({
      created: "2024-01-02T03:04:05.678Z",
      modified: "2024-02-01T00:00:00.000Z",
      edited: true,
      anchor: { status: "fuzzy", score: 0.8, revision: "r1" },
      canonical: "https://elsewhere.example/annotations/imp-root",
    });
    expect((await findAnnotation(client, { viewer: bob, id: "imp-reply-119" }))?.parentId).toBe("imp-root");
    const keys = await listImportKeys(client, "bob");
    expect(keys.filter((key) => key.canonical?.startsWith("https://elsewhere.example/")).length).toBe(121);
  });

  it("leaves nothing behind when a later statement fails", async () => {
    const before = (await listImportKeys(client, "bob")).length;
    // More rows than one statement binds, the last with a parent that does not exist.
    const rows = [...Array.from({ length: 100 }, (_, index) => row(`doomed-${index}`, null)), row("doomed-child", "no-such-parent")];
    await expect(insertAnnotations(client, rows)).rejects.toThrow();
    expect((await listImportKeys(client, "bob")).length).toBe(before);
  });

  it("exports the viewer's own (not deleted) or also what they may see", async () => {
    const own = await listAnnotationsForExport(client, { viewer: bob, scope: "own" });
    expect(own.every((annotation) => annotation.author.id === "bob" && !annotation.deleted)).toBe(true);
    const visible = await listAnnotationsForExport(client, { viewer: bob, scope: "visible" });
    expect(visible.length).toBeGreaterThan(own.length);
    expect(visible.every((annotation) => annotation.author.id === "bob" || annotation.visibility === "shared")).toBe(true);
  });
});

  describe("hasStaleAnchors", () => {
    it("says whether any text anchor of a brief is on another revision, whichever way the shas sort", async () => {
      await client.brief.create({ data: { slug: "stale", title: "S", byline: "", language: "ko" } });
      const make = (target: ReturnType<typeof text> | { entityId: string }, revision: string) =>
        insertAnnotation(client, { brief: "stale", author: { id: alice.id, name: alice.name }, parentId: null, motivation: "highlighting", visibility: "private", body: "", tags: [], color: null, target, revision });
      expect(await hasStaleAnchors(client, { brief: "stale", sha: "m" })).toBe(false);
      // Entity targets carry no anchor, whatever revision they were made on.
      await make({ entityId: "jp" }, "a");
      expect(await hasStaleAnchors(client, { brief: "stale", sha: "m" })).toBe(false);
      const current = await make(text(0), "m");
      expect(await hasStaleAnchors(client, { brief: "stale", sha: "m" })).toBe(false);
      expect(await hasStaleAnchors(client, { brief: "stale", sha: "z" })).toBe(true);
      const before = await make(text(0), "a");
      expect(await hasStaleAnchors(client, { brief: "stale", sha: "m" })).toBe(true);
      await saveAnchors(client, [{ id: before.id, fromSha: "a", toSha: "m", status: "exact", score: 1 }]);
      expect(await hasStaleAnchors(client, { brief: "stale", sha: "m" })).toBe(false);
      await make(text(0), "z");
      expect(await hasStaleAnchors(client, { brief: "stale", sha: "m" })).toBe(true);
      // Another brief's anchors are not this one's business.
      expect(await hasStaleAnchors(client, { brief: "b", sha: "r1" })).toBe(true);
      expect(current.anchor?.revision).toBe("m");
    });
  });
});
