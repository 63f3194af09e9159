"use client";

/**
 * The header's inbox: a bell with the unread count, for signed-in readers. The count is asked for
 * every 15 s while the tab is visible (a `?count=1` answer is one indexed count), at once when the
 * tab comes back, and when the reader's live stream brings a new note (inbox-events.ts); opening the bell lists the newest notifications
 * with a link to each place. Following a link marks that notification read.
 */
import Link from "next/link";
import { useCallback, useEffect, useId, useRef, useState } from "react";
import { useSession } from "@/components/account/session";
import { useEscapeLayer } from "@/components/chrome/escape-layers";
import { useCloseOnOutsidePointer } from "@/components/chrome/outside-pointer";
import type { Inbox as InboxData, NotificationView } from "@/lib/domain/notification";
import { apiFetch } from "@/lib/http/client";
import { INBOX_REFRESH_EVENT } from "./inbox-events";
import { notificationMessages, pageLocale } from "@/lib/i18n/notification-messages";

const POLL_MS = 15_000;

export function Inbox() {
  const user = useSession();
  const id = useId();
  const [unread, setUnread] = useState(0);
  const [open, setOpen] = useState(false);
  const [items, setItems] = useState<NotificationView[] | null>(null);
  const [failed, setFailed] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const words = notificationMessages[pageLocale()];

  const count = useCallback(async () => {
    try {
      const answer = await apiFetch<{ unread: number }>("/api/notifications?count=1");
      setUnread(answer.unread);
    } catch {
      // A missed count is asked for again at the next tick.
    }
  }, []);

  const load = useCallback(async () => {
    try {
      const inbox = await apiFetch<InboxData>("/api/notifications");
      setItems(inbox.items);
      setUnread(inbox.unread);
      setFailed(false);
    } catch {
      setFailed(true);
    }
  }, []);

  useEffect(() => {
    if (!user) return;
    const tick = () => {
      if (document.visibilityState === "visible") void count();
    };
    const first = window.setTimeout(tick, 0);
    const timer = window.setInterval(tick, POLL_MS);
    document.addEventListener("visibilitychange", tick);
    window.addEventListener(INBOX_REFRESH_EVENT, tick);
    return () => {
      window.clearTimeout(first);
      window.clearInterval(timer);
      document.removeEventListener("visibilitychange", tick);
      window.removeEventListener(INBOX_REFRESH_EVENT, tick);
    };
  }, [user, count]);

  useCloseOnOutsidePointer(open, root, () => setOpen(false));

  useEscapeLayer(open, () => {
    setOpen(false);
    button.current?.focus();
  });

  if (!user) return null;

  const markRead = async (ids?: string[]) => {
    try {
      const answer = await apiFetch<{ unread: number }>("/api/notifications/read", { method: "POST", json: ids ? { ids } : {} });
      setUnread(answer.unread);
      setItems((current) => current?.map((item) => (!ids || ids.includes(item.id) ? { ...item, read: true } : item)) ?? null);
    } catch {
      setFailed(true);
    }
  };

  return (
    <div className="inbox" ref={root} data-open={open ? "true" : "false"}>
      <button ref={button} type="button" className="inbox-button" aria-expanded={open} aria-controls={id} onClick={() => {
          if (!open) void load();
          setOpen(!open);
        }}>
        <svg aria-hidden="true" width="20" height="20" viewBox="0 0 20 20">
          <path d="M10 2a5 5 0 0 0-5 5v3.2L3.5 13.5h13L15 10.2V7a5 5 0 0 0-5-5Zm-2 13a2 2 0 0 0 4 0" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinejoin="round" />
        </svg>
        <span className="sr-only">{words.inboxUnread(unread)}</span>
        {unread > 0 ? (
          <span className="inbox-count" aria-hidden="true" data-testid="inbox-count">
            {unread > 99 ? "99+" : unread}
          </span>
        ) : null}
      </button>
      {open ? (
        <section id={id} className="inbox-panel" aria-label={words.inbox}>
          <header className="inbox-head">
            <h2>{words.inbox}</h2>
            <button type="button" className="link-button" onClick={() => void markRead()} disabled={unread === 0}>
              {words.markAllRead}
            </button>
          </header>
          {failed ? <p role="alert">{words.loadFailed}</p> : null}
          {items && items.length === 0 ? <p className="inbox-empty">{words.empty}</p> : null}
          {items && items.length > 0 ? (
            <ul className="inbox-list">
              {items.map((item) => (
                <li key={item.id} data-read={item.read ? "true" : "false"} data-kind={item.kind}>
                  <Link
                    href={item.href}
                    onClick={() => {
                      setOpen(false);
                      if (!item.read) void markRead([item.id]);
                    }}
                  >
                    <span className="inbox-what">
                      <bdi>{item.actor.name}</bdi>
                      {words.kinds[item.kind]}
                      {item.read ? null : <span className="sr-only"> ({words.unreadMark})</span>}
                    </span>
                    <span className="inbox-excerpt">{item.annotation.excerpt}</span>
                    <time dateTime={item.created}>{new Intl.DateTimeFormat(pageLocale(), { dateStyle: "medium", timeStyle: "short" }).format(new Date(item.created))}</time>
                  </Link>
                </li>
              ))}
            </ul>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}
