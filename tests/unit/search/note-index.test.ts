/**
 * The notes index on its own: who may see which note (the annotations API's rules), edits,
 * removals, and ranking of notes.
 */
import { describe, expect, it } from "vitest";
import type { Viewer } from "@/lib/domain/account";
import { type NoteRecord, NoteIndex } from "@/lib/search/note-index";
import { buildAliasTable, parseQuery } from "@/lib/search/query";

const aliases = buildAliasTable([
  { id: "au", kind: "country", names: { ko: "호주", en: "Australia" }, aliases: ["호주", "Australia"], description: { ko: "-", en: "-" } },
]);
const alice: Viewer = { id: "alice", name: "Alice", role: "member" };
const bob: Viewer = { id: "bob", name: "Bob", role: "member" };
const admin: Viewer = { id: "admin", name: "Admin", role: "admin" };

let clock = 1_000;
function note(id: string, fields: Partial<NoteRecord> = {}): NoteRecord {
  return {
    id,
    brief: "b",
    authorId: "alice",
    visibility: "private",
    groupId: null,
    body: "호주와 일본",
    tags: [],
    quote: null,
    entityId: null,
    deleted: false,
    hidden: false,
    version: 1,
    updatedAt: clock++,
    ...fields,
  };
}

const found = (index: NoteIndex, q: string, viewer: Viewer | null, brief?: string) =>
  index.search(parseQuery(q, aliases), viewer, { limit: 10, brief }).hits.map((hit) => hit.id);

describe("NoteIndex and groups", () => {
  const index = new NoteIndex();
  index.upsert(note("g1", { visibility: "group", groupId: "circle", authorId: "alice" }));
  index.upsert(note("g2", { visibility: "group", groupId: "other", authorId: "alice" }));
  const inGroups = (viewer: Viewer, groups: string[]) => index.search(parseQuery("호주", aliases), viewer, { limit: 10, groups }).hits.map((hit) => hit.id).sort();

  it("shows a group note to its author and the members of its group, to nobody else (admins included)", () => {
    expect(inGroups(alice, [])).toEqual(["g1", "g2"]);
    expect(inGroups(bob, ["circle"])).toEqual(["g1"]);
    expect(inGroups(bob, ["circle", "other"])).toEqual(["g1", "g2"]);
    expect(inGroups(bob, ["unknown"])).toEqual([]);
    expect(inGroups(bob, [])).toEqual([]);
    expect(inGroups(admin, [])).toEqual([]);
  });

  it("follows a note that moves to another audience", () => {
    index.upsert(note("g1", { visibility: "shared", groupId: null, authorId: "alice", version: 2 }));
    expect(inGroups(bob, [])).toEqual(["g1"]);
    index.upsert(note("g1", { visibility: "group", groupId: "other", authorId: "alice", version: 3 }));
    expect(inGroups(bob, ["circle"])).toEqual([]);
  });
});

describe("NoteIndex visibility", () => {
  const index = new NoteIndex();
  index.upsert(note("private"));
  index.upsert(note("shared", { visibility: "shared" }));
  index.upsert(note("hidden", { visibility: "shared", hidden: true }));
  index.upsert(note("deleted", { visibility: "shared", deleted: true }));
  index.upsert(note("own-deleted", { deleted: true }));
  index.upsert(note("bobs", { authorId: "bob" }));

  it("shows the author their private, shared, hidden notes, never deleted ones", () => {
    expect(found(index, "호주", alice).sort()).toEqual(["hidden", "private", "shared"]);
  });

  it("shows another member only shared notes that are not hidden, and their own", () => {
    expect(found(index, "호주", bob).sort()).toEqual(["bobs", "shared"]);
  });

  it("shows an admin shared notes, hidden ones too, but no one's private notes", () => {
    expect(found(index, "호주", admin).sort()).toEqual(["hidden", "shared"]);
  });

  it("shows nobody signed out anything", () => {
    expect(index.search(parseQuery("호주", aliases), null, { limit: 10 })).toEqual({ total: 0, hits: [] });
  });

  it("counts what the viewer may see, not what exists", () => {
    expect(index.search(parseQuery("호주", aliases), bob, { limit: 1 }).total).toBe(2);
  });
});

describe("NoteIndex changes", () => {
  it("takes in edits, visibility changes and removals", () => {
    const index = new NoteIndex();
    index.upsert(note("n", { visibility: "shared", body: "처음 말" }));
    expect(found(index, "처음", bob)).toEqual(["n"]);
    index.upsert(note("n", { visibility: "shared", body: "고친 말", version: 2 }));
    expect(found(index, "처음", bob)).toEqual([]);
    expect(found(index, "고친", bob)).toEqual(["n"]);
    expect(index.deadCount).toBe(1);
    // Only the visibility changes: the same slot, no new dead one.
    index.upsert(note("n", { visibility: "private", body: "고친 말", version: 3 }));
    expect(found(index, "고친", bob)).toEqual([]);
    expect(found(index, "고친", alice)).toEqual(["n"]);
    expect(index.deadCount).toBe(1);
    index.remove("n");
    expect(found(index, "고친", alice)).toEqual([]);
    expect(index.size).toBe(0);
  });

  it("knows a row it has indexed at that version and time", () => {
    const index = new NoteIndex();
    index.upsert(note("n", { version: 4, updatedAt: 99 }));
    expect(index.has("n", 4, 99)).toBe(true);
    expect(index.has("n", 5, 99)).toBe(false);
    expect(index.has("n", 4, 100)).toBe(false);
  });

  it("finds notes by tag, quote, particles, an English alias and the entity they are on; keeps to a brief", () => {
    const index = new NoteIndex();
    index.upsert(note("tagged", { body: "", tags: ["검토필요"] }));
    index.upsert(note("quoted", { body: "", quote: "전수방위 원칙" }));
    index.upsert(note("on-au", { body: "협정 메모", entityId: "au" }));
    index.upsert(note("other-brief", { brief: "c", body: "호주는" }));
    expect(found(index, "검토필요", alice)).toEqual(["tagged"]);
    expect(found(index, "전수방위의", alice)).toEqual(["quoted"]);
    expect(found(index, "Australia", alice).sort()).toEqual(["on-au", "other-brief"]);
    expect(found(index, "호주", alice, "b")).toEqual(["on-au"]);
    expect(found(index, "호주", alice, "nowhere")).toEqual([]);
  });

  it("ranks exact words first, then by the latest write", () => {
    const index = new NoteIndex();
    index.upsert(note("old-exact", { body: "동맹" }));
    index.upsert(note("substring", { body: "미일동맹" }));
    index.upsert(note("new-exact", { body: "동맹을" }));
    expect(found(index, "동맹", alice)).toEqual(["new-exact", "old-exact", "substring"]);
  });
});
