import { z } from "zod";
import type { AgreementStatus, Discrepancy } from "./agreement";
import { bilingualSchema, namesSchema } from "./names";

/** What kind of thing an entity is; agreement records are entities of kind `agreement`. */
export const entityKinds = [
  "country",
  "agreement-kind",
  "agreement",
  "framework",
  "alliance",
  "region",
  "concept",
  "document",
  "event",
  "person",
  "ship",
  "organization",
] as const;
export type EntityKind = (typeof entityKinds)[number];

/** One id convention everywhere (API, URLs, database): lower case, digits, single hyphens. */
export const entityIdSchema = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "lower-case letters, digits and single hyphens");


/** A curated entity as stored in `content/entities/*.json`. */
export const entitySchema = z
  .object({
    id: entityIdSchema,
    kind: z.enum(entityKinds).exclude(["agreement"]),
    names: namesSchema,
    /** Every surface form the brief may use; particles are handled by the linker. */
    aliases: z.array(z.string().min(1)).min(1),
    /** One line. */
    description: bilingualSchema,
  })
  .strict();

export type EntityInput = z.infer<typeof entitySchema>;

/** An entity as the app and the API see it (agreement records included). */
export interface Entity {
  id: string;
  kind: EntityKind;
  names: { ko: string; en: string; ja?: string };
  aliases: string[];
  description: { ko: string; en: string };
  /** For agreement records: the agreement kind and the two parties. */
  agreementKind?: string;
  parties?: string[];
}

/** What the reader's hover card shows of an entity, sent with the page for every entity it mentions. */
export interface EntitySummary {
  id: string;
  kind: EntityKind;
  names: Entity["names"];
  description: Entity["description"];
  status?: AgreementStatus;
  currentStatus?: AgreementStatus | null;
  discrepancies?: Pick<Discrepancy, "kind" | "severity">[];
}
