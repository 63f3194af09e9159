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
