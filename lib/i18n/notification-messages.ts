/**
 * The words of notifications (the header's inbox, following, mail settings, @mention completion),
 * in Korean and English, kept beside messages.ts as the library's and knowledge base's are.
 */
import type { Locale } from "./messages";

const ko = {
  inbox: "알림",
  inboxUnread: (count: number) => (count === 0 ? "알림, 새 알림 없음" : `알림, 읽지 않은 알림 ${count}건`),
  empty: "알림이 없습니다.",
  markAllRead: "모두 읽음으로",
  markRead: "읽음으로",
  kinds: { reply: "님이 내 노트에 답글을 달았습니다", mention: "님이 노트에서 나를 언급했습니다", follow: "님이 팔로우하는 항목에 노트를 남겼습니다" },
  unreadMark: "읽지 않음",
  follow: "팔로우",
  following: "팔로우 중",
  followHelp: "이 항목에 노트가 달리면 알림을 받습니다.",
  followers: (count: number) => `팔로워 ${count}명`,
  signInToFollow: "로그인하면 팔로우할 수 있습니다.",
  mailTitle: "알림 메일",
  mailHelp: "답글, 언급, 팔로우한 항목의 새 노트를 메일로도 받습니다.",
  mailChoices: { off: "받지 않음", immediate: "바로 받기 (알림마다)", digest: "모아서 받기 (정기 요약)" },
  mailUnavailable: "이 서버에는 메일 발송이 설정되어 있지 않습니다 (SMTP_URL).",
  saved: "저장했습니다.",
  mentionList: "언급할 사람",
  loadFailed: "알림을 불러오지 못했습니다.",
};

const en: typeof ko = {
  inbox: "Notifications",
  inboxUnread: (count: number) => (count === 0 ? "Notifications, none new" : `Notifications, ${count} unread`),
  empty: "No notifications.",
  markAllRead: "Mark all read",
  markRead: "Mark read",
  kinds: { reply: " replied to your note", mention: " mentioned you in a note", follow: " wrote a note on something you follow" },
  unreadMark: "unread",
  follow: "Follow",
  following: "Following",
  followHelp: "You are notified when someone writes a note on it.",
  followers: (count: number) => `${count} ${count === 1 ? "follower" : "followers"}`,
  signInToFollow: "Sign in to follow.",
  mailTitle: "Notification mail",
  mailHelp: "Replies, mentions and new notes on what you follow, by mail as well.",
  mailChoices: { off: "Off", immediate: "Immediately (one per notification)", digest: "Digest (a summary now and then)" },
  mailUnavailable: "This server has no mail configured (SMTP_URL).",
  saved: "Saved.",
  mentionList: "People to mention",
  loadFailed: "Could not load the notifications.",
};

export type NotificationMessages = typeof ko;
export const notificationMessages: Record<Locale, NotificationMessages> = { ko, en };

/** The page's language, as the layout set it on <html>. */
export function pageLocale(): Locale {
  return typeof document !== "undefined" && document.documentElement.lang === "en" ? "en" : "ko";
}
