/**
 * Groups use cases: make, list, read, change, hand over, delete; add members by email or invite
 * link, remove them, leave. Notes shared with a group (`visibility: "group"`) are seen by its
 * members only (lib/db/annotations.ts `visibleTo`).
 *
 * Decisions:
 * - Only members see a group; anyone else, admins included, is answered 404 as for an id that
 *   does not exist. Admins have no power over groups and do not see group notes of groups they
 *   are not in (moderation by admins is of shared notes).
 * - The owner is a member too; the owner cannot leave (hand the group over first, or delete it).
 * - Leaving, or being removed, takes effect on the next request: every read asks for a
 *   membership row. The notes one wrote for the group stay with the group; their author still
 *   sees them as their own.
 * - Deleting a group makes its notes private to their authors (one transaction), never deletes them.
 * - Adding a member by email tells the owner whether an account has that address; it is limited
 *   to GROUP_MEMBER_ADDS_PER_HOUR per owner so it cannot be used to go through a list of addresses.
 * - An invite link holds a random token (256 bits) of which only the SHA-256 is kept; it works
 *   for anyone signed in until it expires (INVITE_DAYS, 7 by default), any number of times. The
 *   owner revokes every link of the group at once.
 */
import { createHash, randomBytes } from "node:crypto";
import {
  addGroupMember,
  countGroupMembers,
  countOwnedGroups,
  deleteGroup as deleteGroupRows,
  deleteGroupInvites,
  findGroupBasics,
  findGroupForMember,
  findGroupInvite,
  findMemberGroupRef,
  findUserByEmail,
  groupIdsOf,
  insertGroup,
  insertGroupInvite,
  isGroupMember,
  listGroupsOf,
  removeGroupMember,
  updateGroup as updateGroupRow,
} from "@/lib/db/groups";
import { db } from "@/lib/database/prisma";
import type { Viewer } from "@/lib/domain/account";
import { AppError } from "@/lib/domain/errors";
import {
  type AddGroupMemberInput,
  type CreateGroupInput,
  type CreateInviteInput,
  type GroupDetail,
  type GroupInviteLink,
  type GroupSummary,
  INVITE_DAYS,
  INVITE_TOKEN_PREFIX,
  MAX_GROUP_MEMBERS,
  MAX_OWNED_GROUPS,
  type PatchGroupInput,
} from "@/lib/domain/group";
import { storedTextProblem } from "@/lib/text/stored-text";
import { takeWrite } from "./annotations";
import { createRateLimiter, limitFromEnv } from "./rate-limit";

const DAY_MS = 24 * 60 * 60 * 1000;
const ADD_LIMIT = { name: "GROUP_MEMBER_ADDS_PER_HOUR", max: limitFromEnv(process.env.GROUP_MEMBER_ADDS_PER_HOUR, 30), windowSeconds: 3600 };
const adds = createRateLimiter({ limit: ADD_LIMIT.max, windowMs: ADD_LIMIT.windowSeconds * 1000 });

function notFound(id: string): AppError {
  return new AppError("not_found", `No group “${id}”`, "id");
}

/** The group if the viewer is a member of it; 404 otherwise (whether or not it exists). */
async function memberView(viewer: Viewer, id: string): Promise<GroupDetail> {
  const group = storedTextProblem(id) !== null ? null : await findGroupForMember(db(), { id, userId: viewer.id });
  if (!group) throw notFound(id);
  return group;
}

/** The group if the viewer owns it: 404 for a non-member, 403 for a member who is not the owner. */
async function ownerView(viewer: Viewer, id: string, what: string): Promise<GroupDetail> {
  const group = await memberView(viewer, id);
  if (group.role !== "owner") throw new AppError("forbidden", `Only the group's owner can ${what}`);
  return group;
}

/** The groups the viewer is in. */
export async function listMyGroups(viewer: Viewer): Promise<GroupSummary[]> {
  return listGroupsOf(db(), viewer.id);
}

/** The ids of the groups the viewer is in. */
export async function myGroupIds(viewer: Viewer): Promise<string[]> {
  return groupIdsOf(db(), viewer.id);
}

/** Makes a group owned by the viewer, who is its first member. */
export async function createGroup(viewer: Viewer, input: CreateGroupInput): Promise<GroupDetail> {
  await takeWrite(viewer);
  if ((await countOwnedGroups(db(), viewer.id)) >= MAX_OWNED_GROUPS) {
    throw new AppError("conflict", `You already own ${MAX_OWNED_GROUPS} groups; delete or hand over one first`, "name");
  }
  const id = await insertGroup(db(), { name: input.name, description: input.description, ownerId: viewer.id });
  return memberView(viewer, id);
}

/** One group with its members, for a member. */
export function getGroup(viewer: Viewer, id: string): Promise<GroupDetail> {
  return memberView(viewer, id);
}

/** Renames it, changes its description, or hands it over to another member (owner only). */
export async function updateGroup(viewer: Viewer, id: string, patch: PatchGroupInput): Promise<GroupDetail> {
  await takeWrite(viewer);
  const group = await ownerView(viewer, id, patch.ownerId ? "hand it over" : "change it");
  if (patch.ownerId && !group.members.some((member) => member.id === patch.ownerId)) {
    throw new AppError("invalid_input", "the new owner must be a member of the group", "ownerId");
  }
  const changed = await updateGroupRow(db(), { id, ownerId: viewer.id, changes: patch });
  // Lost a race with another change of owner or membership: say what is true now.
  if (!changed) throw new AppError("conflict", "The group has just changed; reload it and try again", "id");
  return memberView(viewer, id);
}

/** Deletes the group (owner only); its notes become private to their authors. */
export async function deleteGroup(viewer: Viewer, id: string): Promise<void> {
  await takeWrite(viewer);
  await ownerView(viewer, id, "delete it");
  if (!(await deleteGroupRows(db(), { id, ownerId: viewer.id }))) throw notFound(id);
}

/** Adds the account with this email (owner only); 404 when no account has it. True when newly added. */
export async function addMemberByEmail(viewer: Viewer, id: string, input: AddGroupMemberInput): Promise<{ group: GroupDetail; added: boolean }> {
  await takeWrite(viewer);
  await ownerView(viewer, id, "add members");
  const decision = adds.take(viewer.id);
  if (!decision.allowed) {
    throw new AppError("rate_limited", `Too many members added: at most ${ADD_LIMIT.max} an hour (${ADD_LIMIT.name}); try again in ${decision.retryAfterSeconds} s`, undefined, {
      retryAfter: decision.retryAfterSeconds,
      limit: ADD_LIMIT,
    });
  }
  const user = await findUserByEmail(db(), input.email);
  if (!user) throw new AppError("not_found", `No account has the address ${input.email}`, "email");
  const added = await join(id, user.id);
  return { group: await memberView(viewer, id), added };
}

async function join(groupId: string, userId: string): Promise<boolean> {
  if (await isGroupMember(db(), { groupId, userId })) return false;
  if ((await countGroupMembers(db(), groupId)) >= MAX_GROUP_MEMBERS) throw new AppError("conflict", `A group has at most ${MAX_GROUP_MEMBERS} members`, "id");
  return addGroupMember(db(), { groupId, userId });
}

/**
 * Removes a member: the owner removes anyone else; a member removes themselves (leaves). The
 * owner cannot leave (409): they hand the group over or delete it.
 */
export async function removeMember(viewer: Viewer, id: string, userId: string): Promise<void> {
  await takeWrite(viewer);
  const group = await memberView(viewer, id);
  const self = userId === viewer.id;
  if (!self && group.role !== "owner") throw new AppError("forbidden", "Only the group's owner can remove other members");
  if (self && group.role === "owner") throw new AppError("conflict", "The owner cannot leave the group: hand it over to another member or delete it", "userId");
  if (!group.members.some((member) => member.id === userId)) throw new AppError("not_found", `No member “${userId}” in this group`, "userId");
  // The statement itself never removes the owner (a hand-over may have raced this request).
  if (!(await removeGroupMember(db(), { groupId: id, userId }))) throw new AppError("conflict", "The group has just changed; reload it and try again", "userId");
}

function hashInviteToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** The path of an invite link's page for a token. */
export function invitePath(token: string): string {
  return `/account/groups/join/${encodeURIComponent(token)}`;
}

/** Makes an invite link (owner only): `{ url, expiresAt }`; the token is not kept and not shown again. */
export async function createInvite(viewer: Viewer, id: string, input: CreateInviteInput, origin: string): Promise<GroupInviteLink> {
  await takeWrite(viewer);
  await ownerView(viewer, id, "make invite links");
  const token = `${INVITE_TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
  const expiresAt = new Date(Date.now() + (input.expiresInDays ?? INVITE_DAYS) * DAY_MS);
  await insertGroupInvite(db(), { groupId: id, hash: hashInviteToken(token), expiresAt, createdById: viewer.id });
  return { url: `${origin.replace(/\/+$/, "")}${invitePath(token)}`, expiresAt: expiresAt.toISOString() };
}

/** Revokes every invite link of the group (owner only); returns how many there were. */
export async function revokeInvites(viewer: Viewer, id: string): Promise<number> {
  await takeWrite(viewer);
  await ownerView(viewer, id, "revoke invite links");
  return deleteGroupInvites(db(), id);
}

/** What an invite link leads to, for its page: the group's name and owner; 404 unknown, 410 expired. */
export async function inviteTarget(token: string): Promise<{ groupId: string; name: string; description: string; ownerName: string; memberCount: number; expiresAt: string }> {
  const invite = token.startsWith(INVITE_TOKEN_PREFIX) && token.length < 200 ? await findGroupInvite(db(), hashInviteToken(token)) : null;
  if (!invite) throw new AppError("not_found", "This invite link is not known (mistyped, or revoked)", "token");
  if (invite.expiresAt.getTime() <= Date.now()) throw new AppError("gone", "This invite link has expired; ask the group's owner for a new one", "token");
  const group = await findGroupBasics(db(), invite.groupId);
  if (!group) throw new AppError("not_found", "This invite link's group no longer exists", "token");
  return { groupId: group.id, name: group.name, description: group.description, ownerName: group.ownerName, memberCount: group.memberCount, expiresAt: invite.expiresAt.toISOString() };
}

/** Joins the group of an invite link (a member already: nothing changes); the group as a member sees it. */
export async function joinByInvite(viewer: Viewer, token: string): Promise<{ group: GroupDetail; joined: boolean }> {
  await takeWrite(viewer);
  const target = await inviteTarget(token);
  const joined = await join(target.groupId, viewer.id);
  return { group: await memberView(viewer, target.groupId), joined };
}

/** 400 unless the viewer is a member of the group (for writing a note to it); the group's name. */
export async function groupForNote(viewer: Viewer, groupId: string, field = "groupId"): Promise<{ id: string; name: string }> {
  const group = storedTextProblem(groupId) !== null ? null : await findMemberGroupRef(db(), { id: groupId, userId: viewer.id });
  if (!group) throw new AppError("invalid_input", `you are not a member of a group “${groupId}”`, field);
  return group;
}
