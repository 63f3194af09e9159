/**
 * The annotation event log against a real migrated database of each provider: every write
 * appends its event in the same transaction (and a write that loses its race appends none), and
 * `visibleAmong` answers exactly what `visibleTo` answers in a query.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { latestEventId, listEventsAfter } from "@/lib/db/annotation-events";
import { insertAnnotation, listAnnotations, loadAnnotationRows, saveAnchors, updateAnnotationAtVersion, visibleAmong } from "@/lib/db/annotations";
import type { DatabaseProvider } from "@/lib/database/database-url";
import { createPrismaClient } from "@/lib/database/prisma";
import type { Viewer } from "@/lib/domain/account";
import type { Visibility } from "@/lib/domain/annotation";
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

  const note = (author: Viewer, visibility: Visibility, body = "메모") =>
    insertAnnotation(client, {
      brief: "b",
      author: { id: author.id, name: author.name },
      parentId: null,
      motivation: "commenting",
      visibility,
      body,
      tags: [],
      color: null,
      target: { blockId: "c-1", quote: { exact: "일본", prefix: "", suffix: "은" }, position: { start: 0, end: 2 } },
      revision: "r1",
    });

  it("appends created, changed, deleted and re-anchored events in order, with the note's brief", async () => {
    const start = await latestEventId(client);
    const made = await note(alice, "shared");
    const edited = await updateAnnotationAtVersion(client, { id: made.id, version: 1, changes: { body: "고침", modifiedAt: new Date() } });
    expect(edited?.version).toBe(2);
    // A write that lost its race (the note is no longer at version 1) changes nothing and says nothing.
    expect(await updateAnnotationAtVersion(client, { id: made.id, version: 1, changes: { body: "늦음", modifiedAt: new Date() } })).toBeNull();
    await updateAnnotationAtVersion(client, { id: made.id, version: 2, changes: { deletedAt: new Date(), modifiedAt: new Date() } });
    expect(await saveAnchors(client, [{ id: made.id, fromSha: "r1", toSha: "r2", status: "moved", score: 1, blockId: "c-2", start: 5, end: 7 }])).toBe(1);
    const events = await listEventsAfter(client, { after: start, take: 10 });
    expect(events.map((event) => [event.kind, event.annotationId, event.brief])).toEqual([
      ["created", made.id, "b"],
      ["changed", made.id, "b"],
      ["deleted", made.id, "b"],
      ["reanchored", made.id, "b"],
    ]);
    expect(await latestEventId(client)).toBe(events[3].id);
    expect(await listEventsAfter(client, { after: events[1].id, brief: "other", take: 10 })).toEqual([]);
    // The time the database gave a raw insert reads back as a date.
    const stored = await client.annotationEvent.findUnique({ where: { id: events[1].id } });
    expect(Math.abs((stored?.createdAt.getTime() ?? 0) - Date.now())).toBeLessThan(60_000);
  });

  it("visibleAmong decides for each viewer exactly what visibleTo's query does", async () => {
    const rows = [await note(alice, "private"), await note(alice, "shared"), await note(bob, "shared"), await note(alice, "shared")];
    await updateAnnotationAtVersion(client, { id: rows[3].id, version: 1, changes: { hiddenAt: new Date(), hiddenById: admin.id, modifiedAt: new Date() } });
    const deleted = await note(alice, "shared");
    await updateAnnotationAtVersion(client, { id: deleted.id, version: 1, changes: { deletedAt: new Date(), modifiedAt: new Date() } });
    const loaded = await loadAnnotationRows(client, [...rows.map((row) => row.id), deleted.id]);
    for (const viewer of [alice, bob, admin]) {
      for (const includeOwnDeleted of [false, true]) {
        const expected = (await listAnnotations(client, { viewer, brief: "b", includeOwnDeleted })).map((annotation) => annotation.id).filter((id) => loaded.has(id));
        const decided = await visibleAmong(client, viewer, [...loaded.values()], { includeOwnDeleted });
        expect([...decided].sort()).toEqual(expected.sort());
      }
    }
    // Before its deletion, the deleted shared note was Bob's to see; Alice's private one never was.
    const before = await visibleAmong(client, bob, [...loaded.values()], { beforeDeletion: true });
    expect(before.has(deleted.id)).toBe(true);
    expect(before.has(rows[0].id)).toBe(false);
  });
});
