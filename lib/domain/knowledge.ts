/** The knowledge base's requests that are not an entity or an event: mentions by hand, versions, suggestions. No IO. */
import { z } from "zod";
import { entityIdSchema } from "./entity";

/** `POST /api/briefs/<slug>/mentions`: a span of a block (code points into its `text`) and what it mentions; `null`: nothing. */
export const mentionInputSchema = z
  .object({
    blockId: z.string().min(1).max(100),
    start: z.number().int().min(0).max(1_000_000),
    end: z.number().int().min(1).max(1_000_000),
    entityId: entityIdSchema.nullable(),
  })
  .strict();
export type MentionInput = z.infer<typeof mentionInputSchema>;

/** `GET /api/versions`: what a page asks to know whether to refresh itself. */
export interface ContentVersions {
  library: number;
  knowledge: number;
}

/** `POST /api/knowledge/suggestions/dismiss`: a suggested term not to suggest again. */
export const dismissSuggestionSchema = z.object({ term: z.string().trim().min(1).max(200) }).strict();
