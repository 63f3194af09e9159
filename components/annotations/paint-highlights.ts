/**
 * Paints highlights with the CSS Custom Highlight API: no DOM is changed, so overlapping
 * highlights simply overlap (each painted in its own colour) and React's tree stays intact.
 * The reader's own annotations are filled in their colour; colleagues' shared ones are underlined,
 * so whose is whose shows in the text itself; the passage a note is being written on is marked too.
 */
import { type DomBlock, offsetsToRanges } from "@/lib/anchoring/dom/text-offsets";
import type { Annotation } from "@/lib/domain/annotation";

export const PALETTE = ["#ffd400", "#5fd38d", "#6cb4ff", "#ff8fc2", "#ffb14e"] as const;

const NAMES = PALETTE.map((_, index) => `note-${index}`);
const OTHERS = "note-others";
const FOCUS = "note-focus";
const DRAFT = "note-draft";

interface HighlightRegistry {
  set(name: string, highlight: unknown): void;
  delete(name: string): void;
}

type HighlightConstructor = new (...ranges: Range[]) => unknown;

function registry(): { highlights: HighlightRegistry; Highlight: HighlightConstructor } | null {
  const css = globalThis.CSS as unknown as { highlights?: HighlightRegistry } | undefined;
  const Highlight = (globalThis as unknown as { Highlight?: HighlightConstructor }).Highlight;
  return css?.highlights && Highlight ? { highlights: css.highlights, Highlight } : null;
}

export interface PaintOptions {
  /** The reader: their annotations are filled, everyone else's underlined. */
  userId?: string;
  /** The span a note is being written on, kept marked while the form is open. */
  draft?: { start: number; end: number } | null;
}

/** Paints every anchored text annotation, and outlines the focused ones. */
export function paintHighlights(annotations: Annotation[], blocks: DomBlock[], focused: Set<string>, options: PaintOptions = {}): void {
  const api = registry();
  if (!api) return;
  const byColour = NAMES.map(() => [] as Range[]);
  const others: Range[] = [];
  const focus: Range[] = [];
  for (const annotation of annotations) {
    const target = annotation.target;
    if (!target || !("position" in target) || annotation.deleted || annotation.anchor?.status === "orphaned") continue;
    const ranges = offsetsToRanges(target.position.start, target.position.end, blocks);
    if (options.userId && annotation.author.id !== options.userId) others.push(...ranges);
    else {
      const index = Math.max(0, PALETTE.indexOf((annotation.color ?? PALETTE[0]) as (typeof PALETTE)[number]));
      byColour[index].push(...ranges);
    }
    if (focused.has(annotation.id)) focus.push(...ranges);
  }
  NAMES.forEach((name, index) => api.highlights.set(name, new api.Highlight(...byColour[index])));
  api.highlights.set(OTHERS, new api.Highlight(...others));
  api.highlights.set(FOCUS, new api.Highlight(...focus));
  api.highlights.set(DRAFT, new api.Highlight(...(options.draft ? offsetsToRanges(options.draft.start, options.draft.end, blocks) : [])));
}

export function clearHighlights(): void {
  const api = registry();
  if (!api) return;
  for (const name of [...NAMES, OTHERS, FOCUS, DRAFT]) api.highlights.delete(name);
}
