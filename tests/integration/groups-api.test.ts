/**
 * Groups over real HTTP: making one, members by email and by invite link (expired and revoked
 * links refused), removing, leaving, handing over and deleting, and who may do each: the owner,
 * a member, someone outside the group (answered as if it did not exist), an admin outside it
 * (no more than anyone outside), and nobody signed in.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createPrismaClient } from "@/lib/database/prisma";
import type { GroupDetail, GroupInviteLink, GroupSummary } from "@/lib/domain/group";
import { TestClient, uniqueEmail } from "../support/http-client";

const baseURL = inject("baseURL");
const appEnv = inject("appEnv");
const ADMIN_EMAIL = "admin@brief-reader.test";
const databaseUrl = appEnv.DATABASE_URL ?? "";
const database = databaseUrl ? createPrismaClient(databaseUrl) : null;

interface ErrorBody {
  error: { code: string; message: string; field?: string };
}

let owner: TestClient;
let member: TestClient;
let outsider: TestClient;
let admin: TestClient;
let anonymous: TestClient;
const emails: Record<string, string> = {};

async function signUp(name: string): Promise<TestClient> {
  emails[name] = uniqueEmail(`groups-${name.toLowerCase()}`);
  return new TestClient(baseURL).signUp(name, emails[name]);
}

async function newGroup(name = "Reading circle"): Promise<GroupDetail> {
  const made = await owner.post<GroupDetail>("/api/groups", { name, description: "We read briefs together" });
  expect(made.status, JSON.stringify(made.body)).toBe(201);
  return made.body;
}

beforeAll(async () => {
  owner = await signUp("Owner");
  member = await signUp("Member");
  outsider = await signUp("Outsider");
  admin = new TestClient(baseURL);
  if ((await admin.signIn(ADMIN_EMAIL)) !== 200) await admin.signUp("Admin", ADMIN_EMAIL);
  expect(admin.user?.role).toBe("admin");
  anonymous = new TestClient(baseURL);
});

afterAll(async () => {
  await database?.$disconnect();
});

describe("making and reading groups", () => {
  it("makes a group owned by its maker, who is its first member, and lists it as theirs", async () => {
    const group = await newGroup("연구 모임");
    expect(group).toMatchObject({ name: "연구 모임", description: "We read briefs together", role: "owner", memberCount: 1, owner: { id: owner.user?.id } });
    expect(group.members).toEqual([expect.objectContaining({ id: owner.user?.id, owner: true })]);
    const mine = await owner.get<GroupSummary[]>("/api/groups");
    expect(mine.status).toBe(200);
    expect(mine.body.map((item) => item.id)).toContain(group.id);
    const theirs = await outsider.get<GroupSummary[]>("/api/groups");
    expect(theirs.body.map((item) => item.id)).not.toContain(group.id);
  });

  it("refuses a nameless group, unknown fields, and anyone not signed in", async () => {
    const empty = await owner.post<ErrorBody>("/api/groups", { name: "  " });
    expect(empty.status).toBe(400);
    expect(empty.body.error.field).toBe("name");
    expect((await owner.post<ErrorBody>("/api/groups", { name: "x", secret: true })).status).toBe(400);
    expect((await anonymous.post("/api/groups", { name: "x" })).status).toBe(401);
    expect((await anonymous.get("/api/groups")).status).toBe(401);
  });

  it("shows a group to its members only: outsiders and admins outside it get 404, as for no group at all", async () => {
    const group = await newGroup();
    expect((await owner.get(`/api/groups/${group.id}`)).status).toBe(200);
    expect((await outsider.get(`/api/groups/${group.id}`)).status).toBe(404);
    expect((await admin.get(`/api/groups/${group.id}`)).status).toBe(404);
    expect((await anonymous.get(`/api/groups/${group.id}`)).status).toBe(401);
    expect((await owner.get("/api/groups/no-such-group")).status).toBe(404);
  });
});

describe("members by email", () => {
  it("lets the owner add an account by its email (201, then 200 when already in), and refuses an unknown address", async () => {
    const group = await newGroup();
    const added = await owner.post<GroupDetail>(`/api/groups/${group.id}/members`, { email: emails.Member.toUpperCase() });
    expect(added.status).toBe(201);
    expect(added.body.members.map((item) => item.id)).toEqual([owner.user?.id, member.user?.id]);
    expect((await owner.post(`/api/groups/${group.id}/members`, { email: emails.Member })).status).toBe(200);
    const unknown = await owner.post<ErrorBody>(`/api/groups/${group.id}/members`, { email: uniqueEmail("nobody") });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.field).toBe("email");
    // The member now sees the group, with its members.
    const seen = await member.get<GroupDetail>(`/api/groups/${group.id}`);
    expect(seen.status).toBe(200);
    expect(seen.body.role).toBe("member");
  });

  it("lets only the owner add members: a member is refused (403), an outsider and an admin learn nothing (404)", async () => {
    const group = await newGroup();
    await owner.post(`/api/groups/${group.id}/members`, { email: emails.Member });
    expect((await member.post(`/api/groups/${group.id}/members`, { email: emails.Outsider })).status).toBe(403);
    expect((await outsider.post(`/api/groups/${group.id}/members`, { email: emails.Outsider })).status).toBe(404);
    expect((await admin.post(`/api/groups/${group.id}/members`, { email: ADMIN_EMAIL })).status).toBe(404);
    expect((await owner.get<GroupDetail>(`/api/groups/${group.id}`)).body.memberCount).toBe(2);
  });
});

describe("invite links", () => {
  it("gives the owner a link that expires; anyone signed in who opens it joins, once", async () => {
    const group = await newGroup("Invited");
    const link = await owner.post<GroupInviteLink>(`/api/groups/${group.id}/invites`, {});
    expect(link.status).toBe(201);
    const url = new URL(link.body.url);
    expect(url.pathname).toMatch(/^\/account\/groups\/join\/brg_[\w-]{40,}$/);
    const days = (Date.parse(link.body.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.9);
    expect(days).toBeLessThanOrEqual(7);
    const token = url.pathname.split("/").pop() as string;

    expect((await anonymous.get(`/api/groups/invites/${token}`)).status).toBe(401);
    const target = await outsider.get<{ name: string; groupId: string }>(`/api/groups/invites/${token}`);
    expect(target.status).toBe(200);
    expect(target.body).toMatchObject({ name: "Invited", groupId: group.id });

    expect((await outsider.post(`/api/groups/invites/${token}`, undefined)).status).toBe(201);
    expect((await outsider.post(`/api/groups/invites/${token}`, undefined)).status).toBe(200);
    expect((await outsider.get<GroupDetail>(`/api/groups/${group.id}`)).body.role).toBe("member");
  });

  it("keeps only a hash of the token, and refuses an expired link (410), a revoked one and a made-up one (404)", async () => {
    const group = await newGroup();
    const link = await owner.post<GroupInviteLink>(`/api/groups/${group.id}/invites`, { expiresInDays: 1 });
    const token = new URL(link.body.url).pathname.split("/").pop() as string;
    if (database) {
      const stored = await database.groupInvite.findMany({ where: { groupId: group.id } });
      expect(stored).toHaveLength(1);
      expect(JSON.stringify(stored)).not.toContain(token.slice(4));
      await database.groupInvite.updateMany({ where: { groupId: group.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
      const expired = await member.post<ErrorBody>(`/api/groups/invites/${token}`, undefined);
      expect(expired.status).toBe(410);
      expect(expired.body.error.code).toBe("gone");
    }
    const fresh = await owner.post<GroupInviteLink>(`/api/groups/${group.id}/invites`, undefined);
    const freshToken = new URL(fresh.body.url).pathname.split("/").pop() as string;
    expect((await member.post(`/api/groups/${group.id}/invites`, {})).status).toBe(404);
    expect((await owner.request("DELETE", `/api/groups/${group.id}/invites`)).status).toBe(204);
    expect((await member.post(`/api/groups/invites/${freshToken}`, undefined)).status).toBe(404);
    expect((await member.post("/api/groups/invites/brg_made-up", undefined)).status).toBe(404);
    expect((await member.get(`/api/groups/${group.id}`)).status).toBe(404);
  });

  it("lets only the owner make links (a member: 403)", async () => {
    const group = await newGroup();
    await owner.post(`/api/groups/${group.id}/members`, { email: emails.Member });
    expect((await member.post(`/api/groups/${group.id}/invites`, {})).status).toBe(403);
    expect((await member.request("DELETE", `/api/groups/${group.id}/invites`)).status).toBe(403);
    expect((await owner.post(`/api/groups/${group.id}/invites`, { expiresInDays: 90 })).status).toBe(400);
  });
});

describe("removing, leaving, handing over, deleting", () => {
  it("lets the owner remove a member, and a member leave; neither sees the group afterwards", async () => {
    const group = await newGroup();
    await owner.post(`/api/groups/${group.id}/members`, { email: emails.Member });
    await owner.post(`/api/groups/${group.id}/members`, { email: emails.Outsider });
    // A member cannot remove someone else.
    expect((await member.delete(`/api/groups/${group.id}/members/${outsider.user?.id}`)).status).toBe(403);
    expect((await owner.delete(`/api/groups/${group.id}/members/${outsider.user?.id}`)).status).toBe(204);
    expect((await outsider.get(`/api/groups/${group.id}`)).status).toBe(404);
    expect((await member.delete(`/api/groups/${group.id}/members/${member.user?.id}`)).status).toBe(204);
    expect((await member.get(`/api/groups/${group.id}`)).status).toBe(404);
    expect((await owner.get<GroupDetail>(`/api/groups/${group.id}`)).body.memberCount).toBe(1);
    expect((await owner.delete(`/api/groups/${group.id}/members/${member.user?.id}`)).status).toBe(404);
  });

  it("does not let the owner leave; they hand the group over to a member, and may then leave", async () => {
    const group = await newGroup();
    expect((await owner.delete(`/api/groups/${group.id}/members/${owner.user?.id}`)).status).toBe(409);
    const notMember = await owner.patch<ErrorBody>(`/api/groups/${group.id}`, { ownerId: outsider.user?.id });
    expect(notMember.status).toBe(400);
    expect(notMember.body.error.field).toBe("ownerId");
    await owner.post(`/api/groups/${group.id}/members`, { email: emails.Member });
    expect((await member.patch(`/api/groups/${group.id}`, { ownerId: member.user?.id })).status).toBe(403);
    const handed = await owner.patch<GroupDetail>(`/api/groups/${group.id}`, { ownerId: member.user?.id });
    expect(handed.status).toBe(200);
    expect(handed.body).toMatchObject({ role: "member", owner: { id: member.user?.id } });
    expect((await owner.patch(`/api/groups/${group.id}`, { name: "Mine again" })).status).toBe(403);
    expect((await member.patch<GroupDetail>(`/api/groups/${group.id}`, { name: "Renamed" })).body.name).toBe("Renamed");
    expect((await owner.delete(`/api/groups/${group.id}/members/${owner.user?.id}`)).status).toBe(204);
    expect((await member.get<GroupDetail>(`/api/groups/${group.id}`)).body.members.map((item) => item.id)).toEqual([member.user?.id]);
  });

  it("lets only the owner delete a group; a member is refused, an outsider and an admin get 404", async () => {
    const group = await newGroup();
    await owner.post(`/api/groups/${group.id}/members`, { email: emails.Member });
    expect((await member.delete(`/api/groups/${group.id}`)).status).toBe(403);
    expect((await outsider.delete(`/api/groups/${group.id}`)).status).toBe(404);
    expect((await admin.delete(`/api/groups/${group.id}`)).status).toBe(404);
    expect((await owner.delete(`/api/groups/${group.id}`)).status).toBe(204);
    expect((await owner.get(`/api/groups/${group.id}`)).status).toBe(404);
    expect((await member.get<GroupSummary[]>("/api/groups")).body.map((item) => item.id)).not.toContain(group.id);
  });
});

describe("group notes", () => {
  const BRIEF = "japan-quasi-alliance";
  let target: { blockId: string; quote: { exact: string }; position: { start: number; end: number } };
  let group: GroupDetail;
  let reader: TestClient;

  beforeAll(async () => {
    const view = (await (await fetch(`${baseURL}/api/briefs/${BRIEF}`)).json()) as { sections: { blocks: { id: string; text: string }[] }[] };
    const first = view.sections[0].blocks[0];
    target = { blockId: first.id, quote: { exact: Array.from(first.text).slice(0, 4).join("") }, position: { start: 0, end: 4 } };
    reader = await signUp("Reader");
    group = await newGroup("Notes circle");
    expect((await owner.post(`/api/groups/${group.id}/members`, { email: emails.Reader })).status).toBe(201);
  });

  interface Note {
    id: string;
    visibility: string;
    group: { id: string; name: string } | null;
    body: string;
    parentId: string | null;
  }
  const write = async (client: TestClient, fields: Record<string, unknown>) => client.post<Note & ErrorBody>("/api/annotations", { brief: BRIEF, target, ...fields });
  const listed = async (client: TestClient) => (await client.get<Note[]>(`/api/annotations?brief=${BRIEF}`)).body.map((note) => note.id);

  it("is made by a member for their group, named in the answer, and seen by its members only", async () => {
    const made = await write(reader, { visibility: "group", groupId: group.id, body: "for the circle" });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(made.body.group).toEqual({ id: group.id, name: "Notes circle" });
    expect(await listed(owner)).toContain(made.body.id);
    expect(await listed(outsider)).not.toContain(made.body.id);
    expect(await listed(admin)).not.toContain(made.body.id);
    expect((await outsider.get(`/api/annotations/${made.body.id}`)).status).toBe(404);
    expect((await owner.get(`/api/annotations/${made.body.id}`)).status).toBe(200);
  });

  it("refuses a group the writer is not in, a group note without its group, and a group for another visibility", async () => {
    const notMine = await write(outsider, { visibility: "group", groupId: group.id, body: "x" });
    expect(notMine.status).toBe(400);
    expect(notMine.body.error.field).toBe("groupId");
    expect((await write(reader, { visibility: "group", body: "x" })).body.error.field).toBe("groupId");
    expect((await write(reader, { visibility: "shared", groupId: group.id, body: "x" })).body.error.field).toBe("groupId");
  });

  it("gives a reply its parent's audience (or private), and carries replies along when the note's audience changes", async () => {
    const parent = await write(owner, { visibility: "group", groupId: group.id, body: "parent" });
    const reply = await reader.post<Note>("/api/annotations", { parentId: parent.body.id, body: "a reply" });
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({ visibility: "group", group: { id: group.id } });
    const widened = await reader.post<ErrorBody>("/api/annotations", { parentId: parent.body.id, body: "to all", visibility: "shared" });
    expect(widened.status).toBe(400);
    expect(widened.body.error.field).toBe("visibility");
    const mineOnly = await reader.post<Note>("/api/annotations", { parentId: parent.body.id, body: "to myself", visibility: "private" });
    expect(mineOnly.body.visibility).toBe("private");

    // The note is shared with everyone: its group reply follows; the private one stays private.
    const moved = await owner.patch<Note>(`/api/annotations/${parent.body.id}`, { visibility: "shared" });
    expect(moved.status).toBe(200);
    expect(moved.body.group).toBeNull();
    expect((await reader.get<Note>(`/api/annotations/${reply.body.id}`)).body).toMatchObject({ visibility: "shared", group: null });
    expect((await reader.get<Note>(`/api/annotations/${mineOnly.body.id}`)).body.visibility).toBe("private");
    expect(await listed(outsider)).toContain(reply.body.id);
    // And back to the group.
    await owner.patch(`/api/annotations/${parent.body.id}`, { visibility: "group", groupId: group.id });
    expect(await listed(outsider)).not.toContain(reply.body.id);
    // A patch to a group the author is not in is refused.
    const other = await outsider.post<GroupDetail>("/api/groups", { name: "Outsider's own" });
    expect((await owner.patch<ErrorBody>(`/api/annotations/${parent.body.id}`, { visibility: "group", groupId: other.body.id })).status).toBe(400);
  });

  it("takes a member who leaves out of sight of the group's notes at once, everywhere; they keep their own", async () => {
    const leaver = await signUp("Leaver");
    await owner.post(`/api/groups/${group.id}/members`, { email: emails.Leaver });
    const word = `w${Math.random().toString(36).slice(2, 10)}`;
    const theirs = await write(owner, { visibility: "group", groupId: group.id, body: `circle ${word}` });
    const own = await write(leaver, { visibility: "group", groupId: group.id, body: `leaver ${word}` });
    expect(await listed(leaver)).toEqual(expect.arrayContaining([theirs.body.id, own.body.id]));
    const found = await leaver.get<{ groups: { notes: { results: { id: string; visibility: string; group: { name: string } | null }[] } } }>(`/api/search?q=${word}`);
    expect(found.body.groups.notes.results.map((hit) => hit.id).sort()).toEqual([theirs.body.id, own.body.id].sort());
    expect(found.body.groups.notes.results.map((hit) => `${hit.visibility} ${hit.group?.name}`)).toEqual(["group Notes circle", "group Notes circle"]);

    expect((await leaver.delete(`/api/groups/${group.id}/members/${leaver.user?.id}`)).status).toBe(204);
    expect(await listed(leaver)).not.toContain(theirs.body.id);
    expect(await listed(leaver)).toContain(own.body.id);
    expect((await leaver.get(`/api/annotations/${theirs.body.id}`)).status).toBe(404);
    const after = await leaver.get<{ groups: { notes: { results: { id: string }[] } } }>(`/api/search?q=${word}`);
    expect(after.body.groups.notes.results.map((hit) => hit.id)).toEqual([own.body.id]);
    const exported = await leaver.get<string>(`/api/export/annotations.jsonld?scope=visible&brief=${BRIEF}`);
    expect(JSON.stringify(exported.body)).not.toContain(theirs.body.id);
    // What they wrote for the group stays with the group.
    expect(await listed(owner)).toContain(own.body.id);
    // Nor can they reply to it any more.
    expect((await leaver.post("/api/annotations", { parentId: theirs.body.id, body: "still here?" })).status).toBe(400);
  });

  it("speaks W3C: reader:visibility group with reader:group, in the container, the export and the protocol", async () => {
    const made = await write(owner, { visibility: "group", groupId: group.id, body: "w3c" });
    const served = await reader.get<Record<string, unknown>>(`/annotations/${made.body.id}`);
    expect(served.status).toBe(200);
    expect(served.body["reader:visibility"]).toBe("group");
    expect(served.body["reader:group"]).toBe(`${baseURL}/api/groups/${group.id}`);
    const markdown = await reader.get<string>(`/api/export/notes.md?scope=visible&brief=${BRIEF}`);
    expect(markdown.body).toContain("“Notes circle”");

    const posted = await reader.request<Record<string, unknown>>("POST", "/annotations/", {
      headers: { "content-type": "application/ld+json" },
      json: {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        type: "Annotation",
        body: { type: "TextualBody", value: "by protocol", purpose: "commenting" },
        target: { source: `${baseURL}/briefs/${BRIEF}`, selector: { type: "TextQuoteSelector", exact: target.quote.exact } },
        "reader:visibility": "group",
        "reader:group": `${baseURL}/api/groups/${group.id}`,
      },
    });
    expect(posted.status, JSON.stringify(posted.body)).toBe(201);
    expect(posted.body["reader:group"]).toBe(`${baseURL}/api/groups/${group.id}`);
    const refused = await outsider.request<ErrorBody>("POST", "/annotations/", {
      headers: { "content-type": "application/ld+json" },
      json: { type: "Annotation", target: "/entities/jp", body: { type: "TextualBody", value: "x" }, "reader:visibility": "group", "reader:group": `/api/groups/${group.id}` },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.field).toBe("reader:group");
  });

  it("imports a group note as one only into a group of the importer's; otherwise private", async () => {
    const item = (marker: string) => ({
      type: "Annotation",
      target: "/entities/jp",
      body: { type: "TextualBody", value: marker, purpose: "commenting" },
      "reader:visibility": "group",
      "reader:group": `${baseURL}/api/groups/${group.id}`,
    });
    const marker = `imp${Math.random().toString(36).slice(2, 10)}`;
    expect((await reader.post(`/api/import/annotations?visibility=keep`, item(`${marker} in`))).status).toBe(200);
    expect((await outsider.post(`/api/import/annotations?visibility=keep`, item(`${marker} out`))).status).toBe(200);
    const mine = (await reader.get<Note[]>(`/api/annotations?brief=${BRIEF}`)).body.find((note) => note.body === `${marker} in`);
    const theirs = (await outsider.get<Note[]>(`/api/annotations?brief=${BRIEF}`)).body.find((note) => note.body === `${marker} out`);
    expect(mine).toMatchObject({ visibility: "group", group: { id: group.id } });
    expect(theirs).toMatchObject({ visibility: "private", group: null });
  });

  it("makes a deleted group's notes private to their authors", async () => {
    const doomed = await newGroup("Doomed");
    await owner.post(`/api/groups/${doomed.id}/members`, { email: emails.Reader });
    const note = await write(reader, { visibility: "group", groupId: doomed.id, body: "kept" });
    expect(await listed(owner)).toContain(note.body.id);
    expect((await owner.delete(`/api/groups/${doomed.id}`)).status).toBe(204);
    expect(await listed(owner)).not.toContain(note.body.id);
    const kept = await reader.get<Note>(`/api/annotations/${note.body.id}`);
    expect(kept.body).toMatchObject({ visibility: "private", group: null, body: "kept" });
  });
});
