/** Names in the reader's languages, shared by entities and agreement records. */
import { z } from "zod";

/** A name in Korean and English, and in Japanese where it has one. */
export const namesSchema = z
  .object({ ko: z.string().min(1), en: z.string().min(1), ja: z.string().min(1).optional() })
  .strict();

export type Names = z.infer<typeof namesSchema>;

/** A line of text in both UI languages. */
export const bilingualSchema = z.object({ ko: z.string().min(1), en: z.string().min(1) }).strict();
