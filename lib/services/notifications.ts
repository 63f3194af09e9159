/**
 * Notifications use cases: who is told of a new note, the inbox, following entities and records,
 * and mail.
 *
 * Rules:
 * - A new note tells: the author of the note it replies to (`reply`); every member it @mentions by
 *   display name (`mention`: `@이름`, longest name wins; a reply's thread or a group note completes
 *   from the group's members, but any member may be named); every follower of the entity or record
 *   it is written on (`follow`). Never its own author, and one notification per recipient and note
 *   (a reply that also mentions its parent's author is a `reply`; a mention outranks a follow).
 * - Nobody is told of a note they may not see: each recipient is checked with `visibleTo` before
 *   the notification is stored, and the inbox reads every note through `visibleTo` again each
 *   time, so leaving a group (or a note made private, deleted or hidden) takes it out of the inbox
 *   at once. Mail is sent only from what the inbox query returns, under the same rule.
 * - Notifying never delays nor fails the write that caused it: it runs after the answer is
 *   decided, in the background; failures are logged. A graceful stop waits for it.
 * - Mail (only with `SMTP_URL`): a member chooses off (the default), immediate (one mail per
 *   notification) or digest (one mail listing what is unread and not yet mailed, every
 *   `NOTIFY_DIGEST_MINUTES`, 60 by default). A mail carries the note's excerpt only if the
 *   recipient may see it, which is always re-checked when it is sent.
 */
import "server-only";
import {
  addFollow,
  canSee,
  countFollowers,
  digestRecipients,
  followersOf,
  insertNotifications,
  isFollowing,
  listInbox,
  mailChoiceOf,
  markMailed,
  markRead as markReadRows,
  memberNames,
  type NewNotification,
  type NotificationRow,
  notificationsWithNotes,
  recipients,
  removeFollow,
  setMailChoice,
  unmailedFor,
  countUnread,
} from "@/lib/db/notifications";
import { db } from "@/lib/database/prisma";
import type { Viewer } from "@/lib/domain/account";
import type { Annotation } from "@/lib/domain/annotation";
import { AppError } from "@/lib/domain/errors";
import { excerptOf, mentionedNames } from "@/lib/domain/at-mentions";
import {
  INBOX_PAGE,
  type Inbox,
  type MailChoice,
  type MarkReadInput,
  type NotificationKind,
  type NotificationView,
} from "@/lib/domain/notification";
import { mailerFromEnv } from "@/lib/mail/mailer";
import { roleOf } from "@/lib/domain/account";
import { getEntity } from "./entities";

const pending = new Set<Promise<void>>();
const stopTasks = ((globalThis as unknown as Record<symbol, Set<() => Promise<void>>>)[Symbol.for("brief-reader.on-stop")] ??= new Set());
stopTasks.add(async () => {
  await Promise.allSettled([...pending]);
});

function hrefOf(row: NotificationRow["annotation"]): string {
  return `/briefs/${encodeURIComponent(row.briefSlug)}?note=${encodeURIComponent(row.id)}${row.blockId ? `#${row.blockId}` : ""}`;
}

function viewOf(row: NotificationRow): NotificationView {
  const note = row.annotation;
  return {
    id: row.id,
    kind: row.kind as NotificationKind,
    created: row.createdAt.toISOString(),
    read: row.readAt !== null,
    actor: note.author,
    annotation: { id: note.id, brief: note.briefSlug, blockId: note.blockId, entityId: note.entityId, excerpt: excerptOf(note.body || note.quoteExact || "") },
    href: hrefOf(note),
  };
}

/**
 * Who a new annotation notifies, and as what (one kind per recipient, reply > mention > follow),
 * before the visibility check.
 */
async function plannedRecipients(annotation: Annotation): Promise<Map<string, NotificationKind>> {
  const planned = new Map<string, NotificationKind>();
  const add = (userId: string, kind: NotificationKind) => {
    if (userId !== annotation.author.id && !planned.has(userId)) planned.set(userId, kind);
  };
  if (annotation.parentId) {
    const parent = await db().annotation.findUnique({ where: { id: annotation.parentId }, select: { authorId: true } });
    if (parent) add(parent.authorId, "reply");
  }
  if (annotation.body.includes("@")) {
    const members = await memberNames(db());
    const byName = new Map<string, string[]>();
    for (const member of members) {
      const name = member.name.normalize("NFC").trim();
      byName.set(name, [...(byName.get(name) ?? []), member.id]);
    }
    for (const name of mentionedNames(annotation.body, [...byName.keys()])) for (const id of byName.get(name) ?? []) add(id, "mention");
  }
  const target = annotation.target && "entityId" in annotation.target ? annotation.target.entityId : null;
  if (target) for (const id of await followersOf(db(), target)) add(id, "follow");
  return planned;
}

async function notifyNow(annotation: Annotation): Promise<void> {
  const planned = await plannedRecipients(annotation);
  if (planned.size === 0) return;
  const people = await recipients(db(), [...planned.keys()]);
  const rows: NewNotification[] = [];
  for (const person of people) {
    const viewer: Viewer = { id: person.id, name: person.name, role: roleOf(person.role) };
    if (!(await canSee(db(), { viewer, id: annotation.id }))) continue;
    rows.push({ userId: person.id, kind: planned.get(person.id) as NotificationKind, annotationId: annotation.id });
  }
  await insertNotifications(db(), rows);
  const mailer = mailerFromEnv();
  if (!mailer) return;
  for (const person of people.filter((item) => item.mail === "immediate" && rows.some((row) => row.userId === item.id))) {
    await mailPending({ id: person.id, name: person.name, role: roleOf(person.role) }, person.email, "immediate");
  }
}

/**
 * Tells whoever a new annotation concerns, in the background (the caller's answer does not wait).
 * Returns the task, which tests and the graceful stop may await.
 */
export function notifyAboutNewAnnotation(annotation: Annotation): Promise<void> {
  const task = notifyNow(annotation).catch((error: unknown) => console.error(`notifications: could not notify about ${annotation.id} (${error instanceof Error ? error.message : String(error)})`));
  pending.add(task);
  void task.finally(() => pending.delete(task));
  return task;
}

/** The viewer's inbox: the newest notifications of notes they may see, and the unread count. */
export async function getInbox(viewer: Viewer): Promise<Inbox> {
  const { unread, rows } = await listInbox(db(), { viewer, take: INBOX_PAGE });
  return { unread, items: rows.map(viewOf) };
}

export async function getUnreadCount(viewer: Viewer): Promise<number> {
  return countUnread(db(), viewer);
}

/** Marks some (or all) of the viewer's notifications read; answers the unread count after. */
export async function markNotificationsRead(viewer: Viewer, input: MarkReadInput): Promise<{ marked: number; unread: number }> {
  const marked = await markReadRows(db(), { userId: viewer.id, ids: input.ids, at: new Date() });
  return { marked, unread: await countUnread(db(), viewer) };
}

/** Whether the viewer follows an entity or record, and how many do. */
export async function getFollow(viewer: Viewer | null, targetId: string): Promise<{ target: string; following: boolean; followers: number }> {
  await knownTarget(targetId);
  return { target: targetId, following: viewer ? await isFollowing(db(), { userId: viewer.id, targetId }) : false, followers: await countFollowers(db(), targetId) };
}

/** Follows an entity or agreement record (404 naming `target` for one that does not exist). */
export async function follow(viewer: Viewer, targetId: string): Promise<{ target: string; following: boolean; followers: number }> {
  await knownTarget(targetId);
  await addFollow(db(), { userId: viewer.id, targetId });
  return getFollow(viewer, targetId);
}

export async function unfollow(viewer: Viewer, targetId: string): Promise<{ target: string; following: boolean; followers: number }> {
  await removeFollow(db(), { userId: viewer.id, targetId });
  return { target: targetId, following: false, followers: await countFollowers(db(), targetId) };
}

async function knownTarget(targetId: string): Promise<void> {
  try {
    await getEntity(targetId);
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") throw new AppError("not_found", `no entity or agreement record “${targetId}”`, "target");
    throw error;
  }
}

export async function getNotificationSetting(viewer: Viewer): Promise<{ mail: MailChoice; mailAvailable: boolean }> {
  return { mail: await mailChoiceOf(db(), viewer.id), mailAvailable: mailerFromEnv() !== null };
}

export async function setNotificationSetting(viewer: Viewer, mail: MailChoice): Promise<{ mail: MailChoice; mailAvailable: boolean }> {
  await setMailChoice(db(), { userId: viewer.id, mail });
  return getNotificationSetting(viewer);
}

/**
 * Names to complete an `@` mention with: the members of a group the viewer is in (for a group
 * note), or every member; those whose name contains `query`, at most 20.
 */
export async function mentionCandidates(viewer: Viewer, options: { query: string; groupId?: string }): Promise<{ id: string; name: string }[]> {
  if (options.groupId) {
    const member = await db().groupMember.count({ where: { groupId: options.groupId, userId: viewer.id } });
    if (member === 0) throw new AppError("not_found", "no such group", "group");
  }
  const query = options.query.normalize("NFC").toLocaleLowerCase("en");
  const names = await memberNames(db(), { groupId: options.groupId });
  return names.filter((item) => item.id !== viewer.id && item.name.toLocaleLowerCase("en").includes(query)).slice(0, 20);
}

const KIND_WORDS: Record<NotificationKind, string> = {
  reply: "답글 · replied to your note",
  mention: "언급 · mentioned you",
  follow: "팔로우 · wrote on something you follow",
};

function mailLine(view: NotificationView, origin: string): string {
  return `- ${view.actor.name}: ${KIND_WORDS[view.kind]}\n  “${view.annotation.excerpt}”\n  ${origin}${view.href}`;
}

/** Mails the recipient what waits for them (one notification's worth when immediate, all unread unmailed in a digest). */
async function mailPending(viewer: Viewer, email: string, how: "immediate" | "digest"): Promise<number> {
  const mailer = mailerFromEnv();
  if (!mailer) return 0;
  const ids = await unmailedFor(db(), { userId: viewer.id });
  const rows = await notificationsWithNotes(db(), { viewer, ids });
  // Whatever the recipient may no longer see is never mailed; it stays unmailed and unlisted.
  // Claimed one by one (only rows still unmailed), so two instances never mail the same one.
  const claimed = await markMailed(db(), { ids: rows.map((row) => row.id), at: new Date() });
  const mine = rows.filter((row) => claimed.has(row.id));
  if (mine.length === 0) return 0;
  const origin = (process.env.PUBLIC_ORIGIN ?? process.env.BETTER_AUTH_URL ?? "http://localhost:3000").replace(/\/$/, "");
  const views = mine.map(viewOf);
  const subject = how === "immediate" && views.length === 1 ? `[브리프 리더] ${views[0].actor.name}: ${KIND_WORDS[views[0].kind]}` : `[브리프 리더] 새 알림 ${views.length}건 · ${views.length} new notifications`;
  const text = `${views.map((view) => mailLine(view, origin)).join("\n\n")}\n\n알림 설정 · Notification settings: ${origin}/account\n`;
  await mailer.send({ to: email, subject, text });
  return views.length;
}

/** Sends every digest that is due (each recipient who chose a digest and has unread, unmailed notifications). */
export async function sendDigests(): Promise<number> {
  if (!mailerFromEnv()) return 0;
  let sent = 0;
  const ids = await digestRecipients(db());
  for (const person of await recipients(db(), ids)) {
    if (person.mail !== "digest") continue;
    if ((await mailPending({ id: person.id, name: person.name, role: roleOf(person.role) }, person.email, "digest")) > 0) sent++;
  }
  return sent;
}

/**
 * Sends the digests that are due every `NOTIFY_DIGEST_MINUTES` (60 by default) while the server
 * runs (with SMTP_URL). Each notification is claimed before it is mailed, so several instances
 * running this at once never mail one twice.
 */
export function startDigests(env: Record<string, string | undefined> = process.env): void {
  const holder = globalThis as unknown as { briefReaderDigests?: ReturnType<typeof setInterval> };
  if (holder.briefReaderDigests) return;
  const minutes = Number(env.NOTIFY_DIGEST_MINUTES ?? "60");
  const every = Number.isFinite(minutes) && minutes > 0 ? minutes * 60_000 : 60 * 60_000;
  holder.briefReaderDigests = setInterval(() => {
    void sendDigests().catch((error: unknown) => console.error(`notifications: digests failed (${error instanceof Error ? error.message : String(error)})`));
  }, every);
  holder.briefReaderDigests.unref();
}
