/**
 * Annotations on targets that are not this reader's (another web page, a PDF elsewhere): the
 * reader does not interpret them, it keeps them. Pure: what is stored of what a client sent, and
 * what is served from what is stored.
 *
 * Kept as sent: every member the client sent, in its order, with its values untouched (no NFC,
 * no dropped terms). Set by the server, whatever the client said: `id` (the annotation's IRI in
 * the container), `created`, `modified` and `creator`. Two additions the protocol asks for: the
 * client's own `id`, if it had one, is copied to `via` (6.1: "SHOULD be copied to the via
 * property") unless it sent a `via`; and a document without `@context` is served with the
 * annotation context, since it was sent to an annotation container in that profile.
 */
import { z } from "zod";
import { ANNO_CONTEXT_IRI } from "./model-musts";

/** Members the server sets on every annotation it serves; a client's values for them are dropped. */
export const SERVER_SET = ["id", "created", "modified", "creator"] as const;

export type JsonObject = Record<string, unknown>;

const isObject = (value: unknown): value is JsonObject => typeof value === "object" && value !== null && !Array.isArray(value);

/** A request body that is one JSON object, passed on untouched (a zod object schema would rebuild it). */
export const jsonObjectSchema = z.custom<JsonObject>(isObject, { message: "expected a JSON object (one annotation)" });

/** The IRI each target names: a string target itself, a specific resource's `source`, else the object's `id`. */
export function targetIris(annotation: JsonObject): string[] {
  const targets = Array.isArray(annotation.target) ? annotation.target : annotation.target === undefined ? [] : [annotation.target];
  return targets.flatMap((target): string[] => {
    if (typeof target === "string") return [target];
    if (!isObject(target)) return [];
    const source = target.source;
    if (typeof source === "string") return [source];
    if (isObject(source) && typeof source.id === "string") return [source.id];
    return typeof target.id === "string" ? [target.id] : [];
  });
}

/** What is stored of a foreign annotation, and the columns copied out of it. */
export interface StoredForeign {
  /** The document without the server-set members, as JSON text. */
  document: string;
  /** The first target's IRI. */
  source: string;
  canonical: string | null;
  via: string | null;
}

const firstString = (value: unknown): string | null => {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === "string" ? first : null;
};

/**
 * The stored form of a foreign annotation a client sent: the server-set members left out, the
 * annotation context first if it had no `@context`. On creation (`fromClient`), the client's `id`
 * is copied to `via` when it sent an `id` and no `via`; on a replacement the `id` is the
 * annotation's own IRI, and a `canonical` or `via` already set and left out is `kept`.
 */
export function storedForeign(sent: JsonObject, options: { fromClient: boolean; kept?: { canonical: string | null; via: string | null } }): StoredForeign {
  const kept: JsonObject = {};
  if (!("@context" in sent)) kept["@context"] = ANNO_CONTEXT_IRI;
  for (const [key, value] of Object.entries(sent)) {
    if ((SERVER_SET as readonly string[]).includes(key)) continue;
    kept[key] = value;
  }
  const clientId = typeof sent.id === "string" ? sent.id : null;
  if (options.fromClient && clientId && !("via" in sent)) kept.via = clientId;
  for (const key of ["canonical", "via"] as const) {
    const earlier = options.kept?.[key];
    if (earlier && !(key in kept)) kept[key] = earlier;
  }
  return {
    document: JSON.stringify(kept),
    source: targetIris(sent)[0] ?? "",
    canonical: firstString(kept.canonical),
    via: firstString(kept.via),
  };
}

/** What the server says of a stored foreign annotation. */
export interface ForeignServerFields {
  id: string;
  created: string;
  modified: string;
  creator: { id: string; type: "Person"; name: string };
}

/**
 * The annotation as served: `@context` first, then the server's `id`, then the stored members in
 * their order, then `created`, `modified` and `creator`.
 */
export function servedForeign(document: string, server: ForeignServerFields): JsonObject {
  const stored = JSON.parse(document) as JsonObject;
  const { "@context": context, ...rest } = stored;
  return {
    ...(context !== undefined ? { "@context": context } : {}),
    id: server.id,
    ...rest,
    created: server.created,
    modified: server.modified,
    creator: server.creator,
  };
}

/**
 * A replacement (PUT) against the stored state: `canonical` and `via`, once set, cannot change
 * (6.3: servers SHOULD refuse). Returns the member that would change, or null.
 */
export function changedIdentity(current: { canonical: string | null; via: string | null }, next: StoredForeign): "canonical" | "via" | null {
  if (current.canonical !== null && next.canonical !== current.canonical) return "canonical";
  if (current.via !== null && next.via !== current.via) return "via";
  return null;
}

/** A stored foreign annotation, as the services see it. */
export interface ForeignAnnotation {
  id: string;
  author: { id: string; name: string };
  visibility: "private" | "shared";
  /** The stored JSON-LD (see `storedForeign`). */
  document: string;
  source: string;
  canonical: string | null;
  via: string | null;
  version: number;
  created: string;
  modified: string;
  deleted: boolean;
  hidden: boolean;
}

/** What a person is shown of a foreign annotation: its words, tags and motivation, read loosely. */
export interface ForeignSummary {
  text: string;
  tags: string[];
  motivation: string | null;
}

/** Reads the note's text (TextualBody values or `bodyValue`), its tags and its first motivation. */
export function foreignSummary(document: string): ForeignSummary {
  const annotation = JSON.parse(document) as JsonObject;
  const bodies = Array.isArray(annotation.body) ? annotation.body : annotation.body === undefined ? [] : [annotation.body];
  const texts: string[] = typeof annotation.bodyValue === "string" ? [annotation.bodyValue] : [];
  const tags: string[] = [];
  for (const body of bodies) {
    if (!isObject(body) || typeof body.value !== "string") continue;
    if (body.purpose === "tagging") tags.push(body.value);
    else texts.push(body.value);
  }
  const motivation = firstString(annotation.motivation);
  return { text: texts.join("\n\n"), tags, motivation };
}
