/**
 * A user's annotations as one W3C AnnotationCollection document
 * (https://www.w3.org/TR/annotation-model/#annotation-collection): the collection with its
 * label and total, and its first (and only) AnnotationPage embedded with every item, so the
 * file stands alone without following links. Pure.
 */
import { ANNO_CONTEXT, readerContext, type WebAnnotation } from "@/lib/w3c/web-annotation";

export interface AnnotationPageDocument {
  id?: string;
  type: "AnnotationPage";
  partOf?: string;
  startIndex: number;
  items: Omit<WebAnnotation, "@context">[];
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
 * An item as exported: the context once at the top instead of on every item, and `canonical`
 * set to the annotation's own IRI when it has none, so whoever imports the file (this reader
 * included) keeps one identity for it and recognises it when it comes back.
 */
export function exportItem(annotation: WebAnnotation): Omit<WebAnnotation, "@context"> {
  const { "@context": _context, ...rest } = annotation;
  return { ...rest, canonical: annotation.canonical ?? annotation.id };
}

export function annotationCollection(options: { id: string; base: string; label: string; items: WebAnnotation[]; generated: Date }): AnnotationCollectionDocument {
  return {
    "@context": [ANNO_CONTEXT, readerContext(options.base)],
    id: options.id,
    type: "AnnotationCollection",
    label: options.label,
    total: options.items.length,
    generated: options.generated.toISOString(),
    first: { id: `${options.id}#page1`, type: "AnnotationPage", partOf: options.id, startIndex: 0, items: options.items.map(exportItem) },
  };
}
