/** A block that mentions an entity, as entity pages and the side panel list it. */
export interface MentionPlace {
  brief: string;
  sectionId: string;
  sectionTitle: string;
  blockId: string;
  blockKind: "claim" | "point";
  /** The claim a point belongs to. */
  parentId: string | null;
  text: string;
  /** The mention's spans in the block text (code points). */
  spans: { start: number; end: number; surface: string }[];
}
