/**
 * The W3C annotation container as JSON-LD (Web Annotation Protocol 5): an LDP Basic Container
 * that is also an `AnnotationCollection`, paged into `AnnotationPage`s. Pure: the caller gives
 * the IRIs' root, the total and the items of a page.
 *
 * IRIs. The container is `<root>/annotations/`. What selects a view of it is in the query, in
 * this order, so equal views have equal IRIs: `brief=<slug>` (only that brief's annotations),
 * `iris=1` (items as IRIs rather than descriptions), `limit=<n>` (page size, when not the
 * default) and, for a page, `page=<n>` counted from 0. Every link a page gives keeps the view.
 */
import { z } from "zod";
import { briefSlugSchema } from "@/lib/domain/brief";
import type { JsonObject } from "./foreign-annotation";
import { ANNO_CONTEXT, LDP_CONTEXT, type WebAnnotation } from "./web-annotation";

export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 500;

const count = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d{1,9}$/, "must be a whole number")
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));

/** The query of a container or page IRI. Unknown parameters are refused, as elsewhere in the API. */
export const containerQuerySchema = z
  .object({
    brief: briefSlugSchema.optional(),
    iris: z.enum(["0", "1"]).optional(),
    limit: count(1, MAX_PAGE_SIZE).optional(),
    page: count(0, 1_000_000_000).optional(),
  })
  .strict();

/** Which view of the container a request is about. */
export interface ContainerView {
  brief?: string;
  /** Items as IRIs (`PreferContainedIRIs`) rather than full descriptions. */
  iris: boolean;
  limit: number;
}

function query(view: ContainerView, page?: number): string {
  const params = new URLSearchParams();
  if (view.brief) params.set("brief", view.brief);
  if (view.iris) params.set("iris", "1");
  if (view.limit !== DEFAULT_PAGE_SIZE) params.set("limit", String(view.limit));
  if (page !== undefined) params.set("page", String(page));
  const text = params.toString();
  return text ? `?${text}` : "";
}

export function containerIri(root: string, view: ContainerView): string {
  return `${root.replace(/\/+$/, "")}/annotations/${query(view)}`;
}

export function pageIri(root: string, view: ContainerView, page: number): string {
  return `${root.replace(/\/+$/, "")}/annotations/${query(view, page)}`;
}

/** The index of the last page; an empty container still has page 0 (with no items). */
export function lastPageIndex(total: number, limit: number): number {
  return Math.max(0, Math.ceil(total / limit) - 1);
}

/** Full annotations (the reader's, or ones kept as sent) or their IRIs. */
export type PageItems = (WebAnnotation | JsonObject)[] | string[];

export interface AnnotationPageBody {
  "@context"?: string;
  id: string;
  type: "AnnotationPage";
  partOf?: { id: string; type: string[]; total: number };
  startIndex: number;
  prev?: string;
  next?: string;
  items: PageItems;
}

/** One page; `embedded` leaves out what the container around it already says. */
export function annotationPage(options: { root: string; view: ContainerView; page: number; total: number; items: PageItems; embedded?: boolean }): AnnotationPageBody {
  const { root, view, page, total } = options;
  const last = lastPageIndex(total, view.limit);
  return {
    ...(options.embedded ? {} : { "@context": ANNO_CONTEXT }),
    id: pageIri(root, view, page),
    type: "AnnotationPage",
    ...(options.embedded ? {} : { partOf: { id: containerIri(root, view), type: ["BasicContainer", "AnnotationCollection"], total } }),
    startIndex: page * view.limit,
    ...(page > 0 ? { prev: pageIri(root, view, page - 1) } : {}),
    ...(page < last ? { next: pageIri(root, view, page + 1) } : {}),
    items: options.items,
  };
}

export interface ContainerBody {
  "@context": string[];
  id: string;
  type: ["BasicContainer", "AnnotationCollection"];
  label: string;
  total: number;
  first?: AnnotationPageBody | string;
  last?: string;
}

/**
 * The container's description. With `firstItems` the first page is embedded (the default);
 * without, `first` is only a link (`PreferMinimalContainer`). An empty container has neither
 * `first` nor `last`: the protocol asks for them only when there is something to page through.
 */
export function containerDescription(options: { root: string; view: ContainerView; total: number; label: string; firstItems?: PageItems }): ContainerBody {
  const { root, view, total } = options;
  const body: ContainerBody = {
    "@context": [ANNO_CONTEXT, LDP_CONTEXT],
    id: containerIri(root, view),
    type: ["BasicContainer", "AnnotationCollection"],
    label: options.label,
    total,
  };
  if (total > 0) {
    body.first = options.firstItems ? annotationPage({ root, view, page: 0, total, items: options.firstItems, embedded: true }) : pageIri(root, view, 0);
    body.last = pageIri(root, view, lastPageIndex(total, view.limit));
  }
  return body;
}
