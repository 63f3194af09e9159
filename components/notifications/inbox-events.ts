/**
 * The window event that tells the header's inbox to ask for its unread count again: the reader
 * sends it when its live stream brings a colleague's new note (a reply or an @mention of mine may
 * have come with it), so the count moves without waiting for the inbox's own 15 s tick.
 */
export const INBOX_REFRESH_EVENT = "brief-reader:inbox-refresh";

/** How long after a new note the inbox looks: its notifications are made just after it is stored. */
const SETTLE_MS = 700;

export function refreshInboxSoon(): void {
  window.setTimeout(() => window.dispatchEvent(new Event(INBOX_REFRESH_EVENT)), SETTLE_MS);
}
