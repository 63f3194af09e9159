import { z } from "zod";
import { partialDateSchema } from "./dates";
import { bilingualSchema, namesSchema } from "./names";

export const agreementKinds = ["transfer", "gsomia", "acsa", "raa", "osa", "sofa", "vfa", "2plus2"] as const;
export type AgreementKind = (typeof agreementKinds)[number];

/** What the brief says of an agreement, or what the public record says. Ordered by progress. */
export const agreementStatuses = ["proposed", "under-discussion", "negotiating", "signed", "in-force", "applied"] as const;
export type AgreementStatus = (typeof agreementStatuses)[number];

export const eventKinds = [
  "proposed",
  "talks-started",
  "negotiations-agreed",
  "negotiations-started",
  "first-negotiating-round",
  "signed",
  "in-force",
  "amended",
  "first-meeting",
  "meeting",
  "regular-since",
  "applied",
  "exchange-of-notes",
] as const;
export type EventKind = (typeof eventKinds)[number];


export const sourceTiers = ["official", "news", "reprint"] as const;
export type SourceTier = (typeof sourceTiers)[number];

export const sourceSchema = z
  .object({ url: z.url(), publisher: z.string().min(1), tier: z.enum(sourceTiers) })
  .strict();
export type Source = z.infer<typeof sourceSchema>;

/** Who added an event in the app (their name, as it was then); absent for what was curated in the files. */
const addedBySchema = z.string().min(1).max(200).optional();

/** A dated claim of the brief, tied to its sentence by a quote of it. */
const briefEventSchema = z
  .object({
    kind: z.enum(eventKinds),
    date: partialDateSchema.optional(),
    /** Words of the brief that state this event; resolved to block ids at load time. */
    quote: z.string().min(2),
    note: z.string().optional(),
    addedBy: addedBySchema,
  })
  .strict();

/**
 * A dated event from the public record: with its source; known but with no source found (a note
 * says so, e.g. "year only"); or unverified, which is shown as such and never counts as fact.
 * Or an editor's correction with no public source (`basis: "editor"`), which counts as the
 * record's, and says who added it.
 */
const referenceEventSchema = z.union([
  z.object({ kind: z.enum(eventKinds), date: partialDateSchema, source: sourceSchema, note: z.string().optional(), addedBy: addedBySchema }).strict(),
  z
    .object({ kind: z.enum(eventKinds), date: partialDateSchema.optional(), unverified: z.literal(true), note: z.string().min(1), addedBy: addedBySchema })
    .strict(),
  z.object({ kind: z.enum(eventKinds), date: partialDateSchema, note: z.string().min(1), addedBy: addedBySchema }).strict(),
  // An editor's own word, with no public source: the note says what it rests on.
  z.object({ kind: z.enum(eventKinds), date: partialDateSchema.optional(), basis: z.literal("editor"), note: z.string().min(1), addedBy: addedBySchema }).strict(),
]);

/** An agreement record as curated in `content/agreements/*.json`. */
export const agreementInputSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9]+-jp-[a-z]{2}$/, "<kind>-jp-<partner>, e.g. raa-jp-gb"),
    kind: z.enum(agreementKinds),
    parties: z.tuple([z.literal("jp"), z.string().regex(/^[a-z]{2}$/)]),
    names: namesSchema,
    aliases: z.array(z.string().min(1)).default([]),
    description: bilingualSchema,
    brief: z
      .object({ slug: z.string().min(1), status: z.enum(agreementStatuses), events: z.array(briefEventSchema) })
      .strict(),
    /** What other briefs of the library say of it: each event tied to a sentence of that brief. */
    otherBriefs: z
      .array(z.object({ slug: z.string().min(1), events: z.array(briefEventSchema) }).strict())
      .default([]),
    record: z.object({ events: z.array(referenceEventSchema) }).strict(),
  })
  .strict()
  .refine((value) => value.id === `${value.kind}-jp-${value.parties[1]}`, {
    message: "id must be <kind>-jp-<partner> for this record's kind and parties",
    path: ["id"],
  });
export type AgreementInput = z.infer<typeof agreementInputSchema>;

/** What an event rests on: a sentence of a brief, a public source, or an editor's word. */
export const eventBases = ["brief", "reference", "editor"] as const;
export type EventBasis = (typeof eventBases)[number];

export interface AgreementEvent {
  /** The stored event's id (for `PATCH|DELETE /api/agreements/<id>/events/<eventId>`). */
  id?: string;
  kind: EventKind;
  date?: string;
  basis: EventBasis;
  /** Who added it in the app; absent for what was curated in content/. */
  addedBy?: string;
  /** For a brief's events: which brief says it, and the blocks that state it. */
  brief?: string;
  blockIds?: string[];
  quote?: string;
  /** For the record's events. */
  source?: Source;
  unverified?: boolean;
  note?: string;
}

export const discrepancyKinds = ["internal-conflict", "differs-between-briefs", "differs-from-record", "changed-since-brief", "unverified"] as const;
export type DiscrepancyKind = (typeof discrepancyKinds)[number];

export interface Discrepancy {
  kind: DiscrepancyKind;
  /** `conflict`: the sources disagree; `check`: may be a difference of wording; `note`: context. */
  severity: "conflict" | "check" | "note";
  /** In English (the API's language); `messageKo` says the same in Korean for the Korean UI. */
  message: string;
  messageKo: string;
  blockIds: string[];
  eventKinds: EventKind[];
  /** The briefs whose sentences it is about (the record's own brief first). */
  briefs: string[];
  /** Each sentence it is about, with its brief: `blockIds`, placed. */
  sentences: { brief: string; blockId: string }[];
}

/** An agreement record as the API returns it: brief and record events, computed discrepancies. */
export interface AgreementRecord {
  id: string;
  kind: AgreementKind;
  parties: [string, string];
  names: { ko: string; en: string; ja?: string };
  description: { ko: string; en: string };
  /** The brief the record is curated from; `events` also hold what other briefs say. */
  brief: string;
  /** What the brief says. */
  status: AgreementStatus;
  /** What the public record says, where known. */
  currentStatus: AgreementStatus | null;
  events: AgreementEvent[];
  discrepancies: Discrepancy[];
}
