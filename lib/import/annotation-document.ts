/**
 * The annotations a JSON-LD document holds, in the shapes tools write them: an
 * AnnotationCollection with its pages embedded (`first`, then each `next`), one AnnotationPage,
 * a bare array, or a single Annotation. Only the document's shape is checked here; each item
 * is read (and may fail) on its own later. Pure.
 */
import { AppError } from "@/lib/domain/errors";

/** The most annotations one import takes; a larger document is refused with 413. */
export const MAX_IMPORT_ITEMS = 5_000;

function typesOf(value: Record<string, unknown>): string[] {
  const type = value.type ?? value["@type"];
  if (typeof type === "string") return [type];
  return Array.isArray(type) ? type.filter((item): item is string => typeof item === "string") : [];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function itemsOfPage(page: Record<string, unknown>, field: string): unknown[] {
  const items = page.items ?? page["as:items"];
  if (!Array.isArray(items)) throw new AppError("invalid_input", `${field}: an AnnotationPage needs an items array`, field);
  return items;
}

/** The document's annotations, unread; a 400 naming the field when its shape is not one of these. */
export function annotationsOfDocument(document: unknown): unknown[] {
  let items: unknown[];
  if (Array.isArray(document)) {
    items = document;
  } else if (!isObject(document)) {
    throw new AppError("invalid_input", "(body): expected a JSON-LD object or array of annotations", "(body)");
  } else {
    const types = typesOf(document);
    if (types.includes("AnnotationCollection")) {
      items = [];
      let page: unknown = document.first;
      let field = "first";
      if (page === undefined && (document.total === 0 || document.total === undefined)) return [];
      // Pages must be embedded: this reader does not fetch other servers' IRIs on import.
      for (let count = 0; page !== undefined; count++) {
        if (!isObject(page)) throw new AppError("invalid_input", `${field}: the page must be embedded as an object (an IRI alone cannot be imported)`, field);
        items.push(...itemsOfPage(page, `${field}.items`));
        if (items.length > MAX_IMPORT_ITEMS || count > MAX_IMPORT_ITEMS) break;
        page = page.next;
        field = `${field}.next`;
      }
    } else if (types.includes("AnnotationPage")) {
      items = itemsOfPage(document, "items");
    } else if (types.includes("Annotation") || "target" in document) {
      items = [document];
    } else {
      throw new AppError("invalid_input", "expected an AnnotationCollection, an AnnotationPage, an Annotation or an array of annotations", "type");
    }
  }
  if (items.length > MAX_IMPORT_ITEMS) throw new AppError("too_large", `at most ${MAX_IMPORT_ITEMS} annotations per import (this document has more)`, "items");
  return items;
}
