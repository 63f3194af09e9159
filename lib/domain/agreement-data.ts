/**
 * An agreement record as the knowledge base stores it: one flat list of events, each with its
 * basis (a brief's sentence, a public source, an editor's word), beside the file shape of
 * `content/agreements/*.json`. The two convert both ways without loss, so the files stay the
 * seed and the review format of what is in the database. Pure.
 */
import { z } from "zod";
import {
  type AgreementInput,
  type AgreementKind,
  type AgreementStatus,
  type EventBasis,
  type EventKind,
  eventKinds,
  type Source,
  sourceSchema,
} from "./agreement";
import { partialDateSchema } from "./dates";
import type { Names } from "./names";

/** One event as stored: what it says, what it rests on, and who added it. */
export interface CuratedEvent {
  /** The stored row's id; absent before it is stored. */
  id?: string;
  basis: EventBasis;
  kind: EventKind;
  date?: string;
  /** For a brief's event: which brief, and its words. */
  brief?: string;
  quote?: string;
  note?: string;
  /** For a reference event: its source, or `unverified`. */
  source?: Source;
  unverified?: boolean;
  /** Who added it in the app (their name then). */
  addedBy?: string;
  version?: number;
}

/** A record with its events in curated order (its brief's, then each other brief's, then the record's). */
export interface AgreementData {
  id: string;
  kind: AgreementKind;
  parties: [string, string];
  names: Names;
  aliases: string[];
  description: { ko: string; en: string };
  brief: { slug: string; status: AgreementStatus };
  events: CuratedEvent[];
  version?: number;
}

function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as T;
}

/** The file shape → the stored shape. */
export function agreementDataOf(input: AgreementInput): AgreementData {
  const events: CuratedEvent[] = [];
  for (const event of input.brief.events) events.push(defined({ basis: "brief" as const, kind: event.kind, date: event.date, brief: input.brief.slug, quote: event.quote, note: event.note, addedBy: event.addedBy }));
  for (const other of input.otherBriefs) {
    for (const event of other.events) events.push(defined({ basis: "brief" as const, kind: event.kind, date: event.date, brief: other.slug, quote: event.quote, note: event.note, addedBy: event.addedBy }));
  }
  for (const event of input.record.events) {
    if ("basis" in event) events.push(defined({ basis: "editor" as const, kind: event.kind, date: event.date, note: event.note, addedBy: event.addedBy }));
    else if ("source" in event) events.push(defined({ basis: "reference" as const, kind: event.kind, date: event.date, source: event.source, note: event.note, addedBy: event.addedBy }));
    else if ("unverified" in event) events.push(defined({ basis: "reference" as const, kind: event.kind, date: event.date, unverified: true, note: event.note, addedBy: event.addedBy }));
    else events.push(defined({ basis: "reference" as const, kind: event.kind, date: event.date, note: event.note, addedBy: event.addedBy }));
  }
  return {
    id: input.id,
    kind: input.kind,
    parties: [input.parties[0], input.parties[1]],
    names: input.names,
    aliases: input.aliases,
    description: input.description,
    brief: { slug: input.brief.slug, status: input.brief.status },
    events,
  };
}

/** One event in the file's shape, keys in the order the files use. */
function fileEvent(event: CuratedEvent): Record<string, unknown> {
  if (event.basis === "brief") return defined({ kind: event.kind, date: event.date, quote: event.quote, note: event.note, addedBy: event.addedBy });
  if (event.basis === "editor") return defined({ kind: event.kind, date: event.date, basis: "editor", note: event.note, addedBy: event.addedBy });
  return defined({ kind: event.kind, date: event.date, source: event.source && { url: event.source.url, publisher: event.source.publisher, tier: event.source.tier }, unverified: event.unverified ? true : undefined, note: event.note, addedBy: event.addedBy });
}

/**
 * The stored shape → the file shape, with keys in one fixed order (what `npm run kb:export`
 * writes). A brief event of another brief goes under `otherBriefs`, grouped by brief in order
 * of first appearance; `otherBriefs` is left out when empty, as the files do.
 */
export function agreementInputOf(data: AgreementData): Record<string, unknown> {
  const own = data.events.filter((event) => event.basis === "brief" && (event.brief ?? data.brief.slug) === data.brief.slug);
  const others = new Map<string, CuratedEvent[]>();
  for (const event of data.events) {
    if (event.basis !== "brief" || (event.brief ?? data.brief.slug) === data.brief.slug) continue;
    const list = others.get(event.brief as string) ?? [];
    list.push(event);
    others.set(event.brief as string, list);
  }
  return defined({
    id: data.id,
    kind: data.kind,
    parties: [...data.parties],
    names: defined({ ko: data.names.ko, en: data.names.en, ja: data.names.ja }),
    aliases: [...data.aliases],
    description: { ko: data.description.ko, en: data.description.en },
    brief: { slug: data.brief.slug, status: data.brief.status, events: own.map(fileEvent) },
    otherBriefs: others.size ? [...others].map(([slug, events]) => ({ slug, events: events.map(fileEvent) })) : undefined,
    record: { events: data.events.filter((event) => event.basis !== "brief").map(fileEvent) },
  });
}

const noteSchema = z.string().trim().min(1).max(2000);

/**
 * `POST /api/agreements/<id>/events`: an event and what it rests on. A reference event names its
 * source (or is marked unverified, or says in a note that none was found); an editor's event says
 * in a note what it rests on; a brief's event quotes the brief's words (checked against its text).
 */
export const eventInputSchema = z.discriminatedUnion("basis", [
  z
    .object({
      basis: z.literal("reference"),
      kind: z.enum(eventKinds),
      date: partialDateSchema.optional(),
      source: sourceSchema.optional(),
      unverified: z.literal(true).optional(),
      note: noteSchema.optional(),
    })
    .strict()
    .superRefine((event, context) => {
      if (event.source && event.unverified) context.addIssue({ code: "custom", path: ["unverified"], message: "an event with a source is not unverified" });
      else if (event.source && !event.date) context.addIssue({ code: "custom", path: ["date"], message: "a sourced event has a date" });
      else if (!event.source && !event.note) context.addIssue({ code: "custom", path: ["source"], message: "give the source, or a note saying why there is none" });
      else if (!event.source && !event.unverified && !event.date) context.addIssue({ code: "custom", path: ["date"], message: "an event without a source has a date, or is unverified" });
    }),
  z.object({ basis: z.literal("editor"), kind: z.enum(eventKinds), date: partialDateSchema.optional(), note: noteSchema }).strict(),
  z
    .object({ basis: z.literal("brief"), kind: z.enum(eventKinds), date: partialDateSchema.optional(), brief: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "a brief's slug"), quote: z.string().trim().min(2).max(2000), note: noteSchema.optional() })
    .strict(),
]);
export type EventInput = z.infer<typeof eventInputSchema>;

/**
 * `PATCH /api/agreements/<id>/events/<eventId>`: the fields to change; `null` removes an optional
 * one. The event as changed must still be a valid event (`eventInputSchema`).
 */
export const eventPatchSchema = z
  .object({
    basis: z.enum(["brief", "reference", "editor"]),
    kind: z.enum(eventKinds),
    date: partialDateSchema.nullable(),
    source: sourceSchema.nullable(),
    unverified: z.literal(true).nullable(),
    note: noteSchema.nullable(),
    brief: z.string().min(1),
    quote: z.string().trim().min(2).max(2000),
  })
  .partial()
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, { message: "nothing to change" });
export type EventPatch = z.infer<typeof eventPatchSchema>;

/** An event as an editor writes it, from a stored one: the fields `eventInputSchema` reads. */
export function eventInputOf(event: CuratedEvent): Record<string, unknown> {
  return defined({ basis: event.basis, kind: event.kind, date: event.date, source: event.source, unverified: event.unverified || undefined, note: event.note, brief: event.basis === "brief" ? event.brief : undefined, quote: event.quote });
}

/** A stored event with a patch applied (`null` removes a field), before it is validated again. */
export function patchedEvent(event: CuratedEvent, patch: EventPatch): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...eventInputOf(event) };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete merged[key];
    else merged[key] = value;
  }
  // A change of basis leaves behind what only the old basis has.
  if (merged.basis !== "brief") {
    delete merged.brief;
    delete merged.quote;
  }
  if (merged.basis !== "reference") {
    delete merged.source;
    delete merged.unverified;
  }
  return merged;
}
