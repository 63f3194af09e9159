import type { Messages } from "@/lib/i18n/messages";

/** The palette's words: the search messages without functions (they cross to the client). */
export type PaletteLabels = Omit<Messages["search"], "resultsFor" | "shown"> & {
  entityKinds: Record<string, string>;
  motivations: Record<string, string>;
  private: string;
  groupLabel: string;
  shared: string;
  locale: Messages["locale"];
};

export interface PaletteProps {
  labels: PaletteLabels;
  /** Closes the palette; `restoreFocus`: give focus back to where it was (not after a jump). */
  onClose: (options: { restoreFocus: boolean }) => void;
}

export function paletteLabels(t: Messages): PaletteLabels {
  const { resultsFor: _resultsFor, shown: _shown, ...rest } = t.search;
  return { ...rest, entityKinds: t.entityKinds, motivations: t.notes.motivations, private: t.notes.private, shared: t.notes.shared, groupLabel: t.notes.groupLabel, locale: t.locale };
}
