/**
 * Groups in the database: the Group, GroupMember and GroupInvite tables, one module. Who is in a
 * group is only ever read from GroupMember, so removing a row takes effect on the next read of
 * anything (annotations ask for a membership row: lib/db/annotations.ts `visibleTo`).
 *
 * Every write is one statement or a batch `$transaction([...])` (docs/databases.md).
 */
import "server-only";
import type { Prisma, PrismaClient } from "@/generated/prisma/client";
import { isUniqueViolation } from "@/lib/database/prisma-errors";
import type { GroupDetail, GroupSummary } from "@/lib/domain/group";

const summaryInclude = {
  owner: { select: { id: true, name: true } },
  _count: { select: { members: true } },
} as const satisfies Prisma.GroupInclude;
type SummaryRow = Prisma.GroupGetPayload<{ include: typeof summaryInclude }>;

function toSummary(row: SummaryRow, viewerId: string): GroupSummary {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    owner: { id: row.owner.id, name: row.owner.name },
    role: row.ownerId === viewerId ? "owner" : "member",
    memberCount: row._count.members,
    created: row.createdAt.toISOString(),
  };
}

/** The groups the user is a member of (owned ones too), by name. */
export async function listGroupsOf(client: PrismaClient, userId: string): Promise<GroupSummary[]> {
  const rows = await client.group.findMany({
    where: { members: { some: { userId } } },
    include: summaryInclude,
    orderBy: [{ name: "asc" }, { id: "asc" }],
  });
  return rows.map((row) => toSummary(row, userId));
}

/** The ids of the groups the user is a member of (what search filters notes by). */
export async function groupIdsOf(client: PrismaClient, userId: string): Promise<string[]> {
  const rows = await client.groupMember.findMany({ where: { userId }, select: { groupId: true } });
  return rows.map((row) => row.groupId);
}

/** How many groups the user owns. */
export async function countOwnedGroups(client: PrismaClient, userId: string): Promise<number> {
  return client.group.count({ where: { ownerId: userId } });
}

/** One group with its members if the user is one of them, else null (as if it did not exist). */
export async function findGroupForMember(client: PrismaClient, options: { id: string; userId: string }): Promise<GroupDetail | null> {
  const row = await client.group.findFirst({
    where: { id: options.id, members: { some: { userId: options.userId } } },
    include: { ...summaryInclude, members: { include: { user: { select: { id: true, name: true } } }, orderBy: [{ createdAt: "asc" }, { userId: "asc" }] } },
  });
  if (!row) return null;
  return {
    ...toSummary(row, options.userId),
    members: row.members.map((member) => ({ id: member.user.id, name: member.user.name, joined: member.createdAt.toISOString(), owner: member.userId === row.ownerId })),
  };
}

/** The group's name and owner, whoever asks (for an invite link's page), or null. */
export async function findGroupBasics(client: PrismaClient, id: string): Promise<{ id: string; name: string; description: string; ownerId: string; ownerName: string; memberCount: number } | null> {
  const row = await client.group.findUnique({ where: { id }, include: summaryInclude });
  return row ? { id: row.id, name: row.name, description: row.description, ownerId: row.ownerId, ownerName: row.owner.name, memberCount: row._count.members } : null;
}

/** The group's id and name if the user is a member of it, else null. */
export async function findMemberGroupRef(client: PrismaClient, options: { id: string; userId: string }): Promise<{ id: string; name: string } | null> {
  return client.group.findFirst({ where: { id: options.id, members: { some: { userId: options.userId } } }, select: { id: true, name: true } });
}

/** Whether the user is a member of the group. */
export async function isGroupMember(client: PrismaClient, options: { groupId: string; userId: string }): Promise<boolean> {
  return (await client.groupMember.count({ where: { groupId: options.groupId, userId: options.userId } })) > 0;
}

/** Makes a group and its owner's membership in one statement. */
export async function insertGroup(client: PrismaClient, input: { name: string; description: string; ownerId: string }): Promise<string> {
  const row = await client.group.create({
    data: { name: input.name, description: input.description, ownerId: input.ownerId, members: { create: { userId: input.ownerId } } },
    select: { id: true },
  });
  return row.id;
}

/** Changes a group's name, description or owner (the new owner must be a member: checked in the same statement). */
export async function updateGroup(client: PrismaClient, options: { id: string; ownerId: string; changes: { name?: string; description?: string; ownerId?: string } }): Promise<boolean> {
  const { count } = await client.group.updateMany({
    where: {
      id: options.id,
      ownerId: options.ownerId,
      ...(options.changes.ownerId ? { members: { some: { userId: options.changes.ownerId } } } : {}),
    },
    data: options.changes,
  });
  return count > 0;
}

/**
 * Deletes a group owned by `ownerId`; its annotations become private to their authors in the same
 * transaction (the foreign key would only clear `groupId`). Returns false when nothing was deleted.
 */
export async function deleteGroup(client: PrismaClient, options: { id: string; ownerId: string }): Promise<boolean> {
  const [, deleted] = await client.$transaction([
    client.annotation.updateMany({
      where: { groupId: options.id, group: { ownerId: options.ownerId } },
      data: { visibility: "private", groupId: null, version: { increment: 1 } },
    }),
    client.group.deleteMany({ where: { id: options.id, ownerId: options.ownerId } }),
  ]);
  return deleted.count > 0;
}

/** Adds a member (nothing when they are one already); true when they were added. */
export async function addGroupMember(client: PrismaClient, options: { groupId: string; userId: string }): Promise<boolean> {
  try {
    await client.groupMember.create({ data: { groupId: options.groupId, userId: options.userId } });
    return true;
  } catch (error) {
    // P2002: the membership exists already.
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

/** Removes a member who is not the group's owner; true when a row was removed. */
export async function removeGroupMember(client: PrismaClient, options: { groupId: string; userId: string }): Promise<boolean> {
  const { count } = await client.groupMember.deleteMany({ where: { groupId: options.groupId, userId: options.userId, group: { ownerId: { not: options.userId } } } });
  return count > 0;
}

/** How many members a group has. */
export async function countGroupMembers(client: PrismaClient, groupId: string): Promise<number> {
  return client.groupMember.count({ where: { groupId } });
}

/** The account with this email (lower case), if any. */
export async function findUserByEmail(client: PrismaClient, email: string): Promise<{ id: string; name: string } | null> {
  return client.user.findUnique({ where: { email }, select: { id: true, name: true } });
}

/** Stores an invite link's hash. */
export async function insertGroupInvite(client: PrismaClient, input: { groupId: string; hash: string; expiresAt: Date; createdById: string }): Promise<void> {
  await client.groupInvite.create({ data: input });
}

/** The invite with this hash, whether expired or not, or null. */
export async function findGroupInvite(client: PrismaClient, hash: string): Promise<{ groupId: string; expiresAt: Date } | null> {
  return client.groupInvite.findUnique({ where: { hash }, select: { groupId: true, expiresAt: true } });
}

/** Revokes every invite link of a group; returns how many. */
export async function deleteGroupInvites(client: PrismaClient, groupId: string): Promise<number> {
  return (await client.groupInvite.deleteMany({ where: { groupId } })).count;
}
