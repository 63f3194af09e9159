import type { Locale, Messages } from "@/lib/i18n/messages";

/** The notes UI's words, without functions, so they can be passed to client components; with their locale, for `Intl`. */
export type NoteLabels = Omit<Messages["notes"], "count"> & { locale: Locale };

/** The notes UI's words in the reader's language. */
export function noteLabels(t: Messages): NoteLabels {
  const { count: _count, ...rest } = t.notes;
  return { ...rest, locale: t.locale };
}
