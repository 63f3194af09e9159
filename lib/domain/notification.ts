/**
 * Notifications: what a member is told of, the shapes of the inbox API, and how `@name` mentions
 * are found in a note's text. No IO.
 *
 * Rules (lib/services/notifications.ts): a member is notified when someone else replies to their
 * note, @mentions them in a note, or writes a note on an entity or agreement record they follow;
 * only if they may see that note, and the inbox re-reads every note through the same visibility
 * rule each time it is listed.
 */
import { z } from "zod";

export const NOTIFICATION_KINDS = ["reply", "mention", "follow"] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const MAIL_CHOICES = ["off", "immediate", "digest"] as const;
export type MailChoice = (typeof MAIL_CHOICES)[number];

/** How many notifications the inbox lists at once (newest first). */
export const INBOX_PAGE = 50;

/** One entry of the inbox, as its recipient sees it. */
export interface NotificationView {
  id: string;
  kind: NotificationKind;
  created: string;
  read: boolean;
  /** Who wrote the note. */
  actor: { id: string; name: string };
  annotation: {
    id: string;
    brief: string;
    /** The block of a note on text, for the link; null for a note on an entity or record. */
    blockId: string | null;
    /** The entity or record of a note on one. */
    entityId: string | null;
    excerpt: string;
  };
  /** Where the note is read: the reader at the note, or the entity's or record's page. */
  href: string;
}

export interface Inbox {
  unread: number;
  items: NotificationView[];
}

export const markReadSchema = z.strictObject({
  /** The notifications to mark; without it, every unread one. */
  ids: z.array(z.string().min(1).max(100)).max(500).optional(),
});
export type MarkReadInput = z.infer<typeof markReadSchema>;

export const notificationSettingSchema = z.strictObject({ mail: z.enum(MAIL_CHOICES) });
export type NotificationSettingInput = z.infer<typeof notificationSettingSchema>;

/** An entity or agreement record id, as annotations' `entityId`. */
export const followSchema = z.strictObject({ target: z.string().min(1).max(200) });
export type FollowInput = z.infer<typeof followSchema>;
