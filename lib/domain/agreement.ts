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

/** A dated claim of the brief, tied to its sentence by a quote of it. */
const briefEventSchema = z
  .object({
    kind: z.enum(eventKinds),
    date: partialDateSchema.optional(),
    /** Words of the brief that state this event; resolved to block ids at load time. */
    quote: z.string().min(2),
    note: z.string().optional(),
  })
  .strict();

/**
 * A dated event from the public record: with its source; known but with no source found (a note
 * says so, e.g. "year only"); or unverified, which is shown as such and never counts as fact.
 */
const referenceEventSchema = z.union([
  z.object({ kind: z.enum(eventKinds), date: partialDateSchema, source: sourceSchema, note: z.string().optional() }).strict(),
  z
    .object({ kind: z.enum(eventKinds), date: partialDateSchema.optional(), unverified: z.literal(true), note: z.string().min(1) })
    .strict(),
  z.object({ kind: z.enum(eventKinds), date: partialDateSchema, note: z.string().min(1) }).strict(),
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

export interface AgreementEvent {
  kind: EventKind;
  date?: string;
  basis: "brief" | "reference";
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
