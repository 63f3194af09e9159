import type { Messages } from "@/lib/i18n/messages";

/** The notes UI's words, without functions, so they can be passed to client components. */
export type NoteLabels = Omit<Messages["notes"], "count">;

export function noteLabels(t: Messages): NoteLabels {
  const { count: _count, ...rest } = t.notes;
  return rest;
}
