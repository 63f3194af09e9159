/** The library's requests: the list's filters, an upload's fields, a brief's metadata as editors change it. No IO. */
import { z } from "zod";
import { briefMetadataSchema, briefSlugSchema } from "./brief";
import { partialDateSchema } from "./dates";
import { entityIdSchema } from "./entity";

/** `GET /api/briefs?entity=&institute=&year=&q=&mine=1&sort=` (and the library page's form). */
export const libraryQuerySchema = z
  .object({
    /** Only briefs that mention this entity. */
    entity: entityIdSchema.optional(),
    /** Only briefs of this institute (the publisher, else the author's affiliation). */
    institute: z.string().trim().min(1).max(200).optional(),
    year: z.string().regex(/^\d{4}$/, "a year such as 2025").optional(),
    /** Words of the title, byline or institute. */
    q: z.string().trim().max(200).optional(),
    /** `1`: only briefs the viewer has notes on. */
    mine: z.enum(["1"]).optional(),
    sort: z.enum(["title", "date", "added", "notes"]).default("date"),
  })
  .strict();
export type LibraryQuery = z.infer<typeof libraryQuerySchema>;

/** The form fields of `POST /api/briefs` besides the file. */
export const uploadFieldsSchema = z
  .object({
    slug: briefSlugSchema.optional(),
    publish: z.enum(["true", "false"]).default("false"),
  })
  .strict();

/** `PATCH /api/briefs/<slug>`: metadata fields to set; null clears an optional one. */
export const briefPatchSchema = z
  .object({
    title: z.string().trim().min(1).max(500).optional(),
    byline: z.string().trim().min(1).max(500).nullable().optional(),
    author: z.string().trim().min(1).max(200).optional(),
    affiliation: z.string().trim().min(1).max(200).optional(),
    position: z.string().trim().min(1).max(200).nullable().optional(),
    publisher: z.string().trim().min(1).max(200).nullable().optional(),
    published: partialDateSchema.nullable().optional(),
    language: briefMetadataSchema.shape.language.optional(),
    sourceUrl: z.url().nullable().optional(),
    pdfUrl: z.url().nullable().optional(),
  })
  .strict()
  .refine((patch) => Object.values(patch).some((value) => value !== undefined), { message: "names nothing to change" });
export type BriefPatchInput = z.infer<typeof briefPatchSchema>;

/** `GET /api/briefs/<slug>?format=`: the document (no format), or its citation for reference managers. */
export const briefFormatQuery = z.object({ format: z.enum(["csl-json", "bibtex"]).optional() });
