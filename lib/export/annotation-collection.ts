/**
 * A user's annotations as one W3C AnnotationCollection document
 * (https://www.w3.org/TR/annotation-model/#annotation-collection): the collection with its
 * label and total, and its first (and only) AnnotationPage embedded with every item, so the
 * file stands alone without following links. Each item stands alone too: it carries its own
 * `@context`, so any one of them, cut out of the file, is a complete annotation. Pure.
 */
import type { JsonObject } from "@/lib/w3c/foreign-annotation";
import { ANNO_CONTEXT, readerContext, type WebAnnotation } from "@/lib/w3c/web-annotation";

/** An item: one of the reader's annotations, or one on another source kept as sent. */
export type ExportedAnnotation = (WebAnnotation | JsonObject) & { id: string; canonical?: unknown };

export interface AnnotationPageDocument {
  id?: string;
  type: "AnnotationPage";
  /** The collection, as an object (as the model's examples of a page write it). */
  partOf?: { id: string; type: "AnnotationCollection"; label: string; total: number };
  startIndex: number;
  items: ExportedAnnotation[];
}

export interface AnnotationCollectionDocument {
  "@context": (string | Record<string, string>)[];
  id: string;
  type: "AnnotationCollection";
  label: string;
  total: number;
  generated: string;
  first: AnnotationPageDocument;
}

/**
 * An item as exported: as served (its `@context` included), with `canonical` set to the
 * annotation's own IRI when it has none, so whoever imports the file (this reader included)
 * keeps one identity for it and recognises it when it comes back.
 */
export function exportItem(annotation: ExportedAnnotation): ExportedAnnotation {
  return annotation.canonical === undefined ? { ...annotation, canonical: annotation.id } : annotation;
}

export function annotationCollection(options: { id: string; base: string; label: string; items: ExportedAnnotation[]; generated: Date }): AnnotationCollectionDocument {
  const total = options.items.length;
  return {
    "@context": [ANNO_CONTEXT, readerContext(options.base)],
    id: options.id,
    type: "AnnotationCollection",
    label: options.label,
    total,
    generated: options.generated.toISOString(),
    first: {
      id: `${options.id}#page1`,
      type: "AnnotationPage",
      partOf: { id: options.id, type: "AnnotationCollection", label: options.label, total },
      startIndex: 0,
      items: options.items.map(exportItem),
    },
  };
}
