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


/** A Wikidata item id, e.g. `Q17` (Japan). */
export const wikidataIdSchema = z.string().regex(/^Q[1-9]\d{0,11}$/, "a Wikidata item id such as Q17");

/** The fields of an entity an editor writes (every one but the id). */
const entityFields = {
  kind: z.enum(entityKinds).exclude(["agreement"]),
  names: namesSchema,
  /** Every surface form the brief may use; particles are handled by the linker. */
  aliases: z.array(z.string().trim().min(1).max(200)).min(1).max(200),
  /** One line. */
  description: bilingualSchema,
  /** Its Wikidata item, where it has one. */
  wikidata: wikidataIdSchema.optional(),
};

/** A curated entity as stored in `content/entities/*.json`, and as the API writes one. */
export const entitySchema = z.object({ id: entityIdSchema, ...entityFields }).strict();

export type EntityInput = z.infer<typeof entitySchema>;

/** `POST /api/entities`: an entity in the file's shape; without an `id`, one is made from the English name. */
export const newEntitySchema = z.object({ id: entityIdSchema.optional(), ...entityFields }).strict();
export type NewEntityInput = z.infer<typeof newEntitySchema>;

/** `PATCH /api/entities/<id>`: any of the fields; `wikidata: null` removes it. */
export const entityPatchSchema = z
  .object({ ...entityFields, wikidata: wikidataIdSchema.nullable() })
  .partial()
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, { message: "nothing to change" });
export type EntityPatch = z.infer<typeof entityPatchSchema>;

/** `POST /api/entities/<id>/merge`: the entity that survives. */
export const mergeEntitySchema = z.object({ into: entityIdSchema }).strict();

/** An entity as the app and the API see it (agreement records included). */
export interface Entity {
  id: string;
  kind: EntityKind;
  names: { ko: string; en: string; ja?: string };
  aliases: string[];
  description: { ko: string; en: string };
  /** Its Wikidata item id (`Q17`). */
  wikidata?: string;
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
