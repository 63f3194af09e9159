/**
 * Notifications in the database: the Notification, Follow and NotificationSetting tables, one
 * module. The inbox is read with the note it points to filtered by `visibleTo(recipient)` in the
 * same query, so a notification of a note the recipient may no longer see (they left its group,
 * it was deleted or made private) is not listed, nor counted, nor mailed.
 */
import "server-only";
import { Prisma, type PrismaClient } from "@/generated/prisma/client";
import { sqlRows } from "@/lib/database/direct-sql";
import { isUniqueViolation } from "@/lib/database/prisma-errors";
import type { Viewer } from "@/lib/domain/account";
import type { MailChoice, NotificationKind } from "@/lib/domain/notification";
import { visibleTo } from "./annotations";

export interface NewNotification {
  userId: string;
  kind: NotificationKind;
  annotationId: string;
}

const withNote = {
  annotation: {
    select: {
      id: true,
      briefSlug: true,
      blockId: true,
      entityId: true,
      body: true,
      quoteExact: true,
      author: { select: { id: true, name: true } },
    },
  },
} as const;

export interface NotificationRow {
  id: string;
  kind: string;
  createdAt: Date;
  readAt: Date | null;
  annotation: { id: string; briefSlug: string; blockId: string | null; entityId: string | null; body: string; quoteExact: string | null; author: { id: string; name: string } };
}

/** Stores notifications; one that exists already (same recipient, note and kind) is skipped. */
export async function insertNotifications(client: PrismaClient, rows: NewNotification[]): Promise<number> {
  if (rows.length === 0) return 0;
  // One statement per row: `createMany` has no skipDuplicates on SQLite. The unique index, not a
  // read before each insert, refuses one that exists.
  let made = 0;
  for (const row of rows) {
    try {
      await client.notification.create({ data: row, select: { id: true } });
      made++;
    } catch (error) {
      // Already there (or a twin made at the same moment): the unique index kept one.
      if (!isUniqueViolation(error)) throw error;
    }
  }
  return made;
}

/** The recipient's notifications they may still see, newest first, and how many are unread. */
export async function listInbox(client: PrismaClient, options: { viewer: Viewer; take: number }): Promise<{ unread: number; rows: NotificationRow[] }> {
  const where = { userId: options.viewer.id, annotation: { is: visibleTo(options.viewer) } };
  const [unread, rows] = await Promise.all([
    client.notification.count({ where: { ...where, readAt: null } }),
    client.notification.findMany({ where, include: withNote, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: options.take }),
  ]);
  return { unread, rows };
}

/** How many notifications the recipient has not read (of notes they may still see). */
export function countUnread(client: PrismaClient, viewer: Viewer): Promise<number> {
  return client.notification.count({ where: { userId: viewer.id, readAt: null, annotation: { is: visibleTo(viewer) } } });
}

/** Marks the recipient's notifications read: those named, or every unread one. */
export async function markRead(client: PrismaClient, options: { userId: string; ids?: string[]; at: Date }): Promise<number> {
  const result = await client.notification.updateMany({
    where: { userId: options.userId, readAt: null, ...(options.ids ? { id: { in: options.ids } } : {}) },
    data: { readAt: options.at },
  });
  return result.count;
}

/**
 * Who follows an entity or record. Asked after every note on an entity (lib/services/notifications.ts),
 * so as one SQL query through the `targetId` index: Prisma 6.19 compiles a `findMany` on every
 * call, which cost the notes' write path more than the query (bench/README.md, "Notes API").
 */
export async function followersOf(client: PrismaClient, targetId: string): Promise<string[]> {
  const rows = await sqlRows<{ userId: string }>(client, Prisma.sql`SELECT "userId" FROM "Follow" WHERE "targetId" = ${targetId}`);
  return rows.map((row) => row.userId);
}

export async function isFollowing(client: PrismaClient, options: { userId: string; targetId: string }): Promise<boolean> {
  return (await client.follow.count({ where: options })) > 0;
}

export async function countFollowers(client: PrismaClient, targetId: string): Promise<number> {
  return client.follow.count({ where: { targetId } });
}

export async function addFollow(client: PrismaClient, options: { userId: string; targetId: string }): Promise<void> {
  await client.follow.upsert({ where: { userId_targetId: options }, create: options, update: {} });
}

export async function removeFollow(client: PrismaClient, options: { userId: string; targetId: string }): Promise<void> {
  await client.follow.deleteMany({ where: options });
}

export async function mailChoiceOf(client: PrismaClient, userId: string): Promise<MailChoice> {
  const row = await client.notificationSetting.findUnique({ where: { userId }, select: { mail: true } });
  return (row?.mail as MailChoice | undefined) ?? "off";
}

export async function setMailChoice(client: PrismaClient, options: { userId: string; mail: MailChoice }): Promise<void> {
  await client.notificationSetting.upsert({ where: { userId: options.userId }, create: options, update: { mail: options.mail } });
}

/** Users by id, with what mail needs. */
export async function recipients(client: PrismaClient, ids: string[]): Promise<{ id: string; name: string; email: string; role: string; mail: MailChoice }[]> {
  if (ids.length === 0) return [];
  const rows = await client.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, email: true, role: true, notificationSetting: { select: { mail: true } } } });
  return rows.map((row) => ({ id: row.id, name: row.name, email: row.email, role: row.role, mail: (row.notificationSetting?.mail as MailChoice | undefined) ?? "off" }));
}

/** The display names of members, for @mentions: all of them, or one group's. */
export async function memberNames(client: PrismaClient, options: { groupId?: string } = {}): Promise<{ id: string; name: string }[]> {
  return client.user.findMany({
    where: options.groupId ? { memberships: { some: { groupId: options.groupId } } } : {},
    select: { id: true, name: true },
    orderBy: { name: "asc" },
    take: 5_000,
  });
}

/** Notifications waiting for a digest: recipients who chose one, not yet mailed, oldest first. */
export async function unmailedFor(client: PrismaClient, options: { userId: string }): Promise<string[]> {
  const rows = await client.notification.findMany({ where: { userId: options.userId, mailedAt: null, readAt: null }, select: { id: true }, orderBy: { createdAt: "asc" } });
  return rows.map((row) => row.id);
}

/** The recipients with notifications waiting for their digest. */
export async function digestRecipients(client: PrismaClient): Promise<string[]> {
  const rows = await client.notification.findMany({
    where: { mailedAt: null, readAt: null, user: { notificationSetting: { is: { mail: "digest" } } } },
    select: { userId: true },
    distinct: ["userId"],
  });
  return rows.map((row) => row.userId);
}

/**
 * Claims notifications for a mail: each is marked mailed only if it was not yet, and the ids this
 * call marked are answered (another instance sending at the same moment gets the others).
 */
export async function markMailed(client: PrismaClient, options: { ids: string[]; at: Date }): Promise<Set<string>> {
  const claimed = new Set<string>();
  for (const id of options.ids) {
    const result = await client.notification.updateMany({ where: { id, mailedAt: null }, data: { mailedAt: options.at } });
    if (result.count === 1) claimed.add(id);
  }
  return claimed;
}

/** One recipient's notifications by id, with the note, if they may still see it. */
export async function notificationsWithNotes(client: PrismaClient, options: { viewer: Viewer; ids: string[] }): Promise<NotificationRow[]> {
  if (options.ids.length === 0) return [];
  return client.notification.findMany({
    where: { id: { in: options.ids }, userId: options.viewer.id, annotation: { is: visibleTo(options.viewer) } },
    include: withNote,
    orderBy: { createdAt: "asc" },
  });
}

/** Can `viewer` see annotation `id` now? */
export async function canSee(client: PrismaClient, options: { viewer: Viewer; id: string }): Promise<boolean> {
  return (await client.annotation.count({ where: { AND: [{ id: options.id }, visibleTo(options.viewer)] } })) > 0;
}
