/**
 * How the brief's units ride on a standard mdast tree: every node the parser makes carries
 * `data.briefUnit`, so plugins after the parser find titles, sections, claims and points
 * without a custom node type, and any remark/rehype plugin still works on the tree.
 */
import type { BriefDocument, Mention, SourceTrace } from "@/lib/domain/brief";
import type { UnitKind } from "./scan-brief";

export interface BriefUnitData {
  kind: UnitKind;
  /** The rejoined text of the unit (its children may later split it into links). */
  text: string;
  source: SourceTrace;
  /** Stable id, set by the block-ids plugin for sections, claims and points. */
  id?: string;
  /** Mentions of entities in the text, set by the linker. */
  mentions?: Mention[];
  /** The page of the original (a PDF) on which the unit starts, set by the block-pages plugin. */
  page?: number;
}

export interface BriefListData {
  role: "claims" | "points";
}

declare module "mdast" {
  interface Data {
    briefUnit?: BriefUnitData;
    briefList?: BriefListData;
  }
  interface RootData {
    /** Source text after the last unit. */
    briefAfter?: string;
  }
}

declare module "vfile" {
  interface DataMap {
    /** The document model, put on the file by the brief-model plugin. */
    brief: BriefDocument;
  }
}
