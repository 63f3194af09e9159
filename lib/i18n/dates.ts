/**
 * Dates as the reader's language writes them (`Intl`), for the partial ISO dates records carry:
 * `2023-08-13` → `2023. 8. 13.` / `13 Aug 2023`, `2023-08` → `2023년 8월` / `August 2023`; a bare
 * year stays as it is, a date it cannot read too.
 */
import type { Locale } from "./messages";

const TAGS: Record<Locale, string> = { ko: "ko-KR", en: "en-GB" };

/** A record's date (YYYY, YYYY-MM or YYYY-MM-DD) in the reader's language. */
export function formatRecordDate(locale: Locale, date: string): string {
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(date);
  if (!match || !match[2]) return date;
  const [year, month, day] = [Number(match[1]), Number(match[2]), match[3] ? Number(match[3]) : undefined];
  // Noon UTC, shown in UTC: the calendar day, whatever the server's or reader's time zone.
  const when = new Date(Date.UTC(year, month - 1, day ?? 1, 12));
  const options: Intl.DateTimeFormatOptions = day ? { dateStyle: "medium", timeZone: "UTC" } : { year: "numeric", month: "long", timeZone: "UTC" };
  return new Intl.DateTimeFormat(TAGS[locale], options).format(when);
}

/** Names as a list in the reader's language: `일본 및 호주` / `Japan and Australia`. */
export function formatList(locale: Locale, items: string[]): string {
  return new Intl.ListFormat(TAGS[locale], { style: "long", type: "conjunction" }).format(items);
}

/** The same list in parts (each item by its index, and the words between), so items can be links. */
export function listParts(locale: Locale, items: string[]): ({ item: number } | { text: string })[] {
  let next = 0;
  return new Intl.ListFormat(TAGS[locale], { style: "long", type: "conjunction" }).formatToParts(items).map((part) => (part.type === "element" ? { item: next++ } : { text: part.value }));
}
