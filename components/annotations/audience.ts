/** Who sees a note, as the notes UI writes and shows it. Small, so the reader's first load keeps it without the form. */
import type { Annotation, Visibility } from "@/lib/domain/annotation";
import type { NoteLabels } from "./labels";

/** The audience of a draft as the API takes it: `groupId` only for a group note (none chosen: private). */
export function audienceOf(draft: { visibility: Visibility; groupId?: string }): { visibility: Visibility; groupId?: string } {
  if (draft.visibility === "group") return draft.groupId ? { visibility: "group", groupId: draft.groupId } : { visibility: "private" };
  return { visibility: draft.visibility };
}

/** A note's badge: only me, everyone, or the group's name. */
export function audienceLabel(annotation: Pick<Annotation, "visibility" | "group">, labels: Pick<NoteLabels, "private" | "shared" | "groupLabel">): string {
  if (annotation.visibility === "group") return `${labels.groupLabel}: ${annotation.group?.name ?? ""}`;
  return annotation.visibility === "private" ? labels.private : labels.shared;
}
