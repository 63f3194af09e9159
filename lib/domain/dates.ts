/** Dates at the precision a source gives them, no more. */
import { z } from "zod";

/** `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, with a real month and day. */
export const partialDateSchema = z
  .string()
  .regex(/^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/, "YYYY, YYYY-MM or YYYY-MM-DD");
