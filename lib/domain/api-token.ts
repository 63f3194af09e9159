/**
 * Personal API tokens as the API shows them, and what it takes to make one. No IO.
 *
 * A token is `brt_` followed by 43 base64url characters (256 random bits). It is shown once,
 * when it is made; the server keeps only its SHA-256 and its first characters (`prefix`).
 */
import { z } from "zod";
import { storedText } from "@/lib/text/stored-text";

export const TOKEN_PREFIX = "brt_";
/** How many characters of the secret the list shows, `brt_` included. */
export const DISPLAY_PREFIX_LENGTH = 12;
/** Unrevoked tokens one user may hold at once. */
export const MAX_ACTIVE_TOKENS = 20;
export const MAX_TOKEN_NAME_CHARS = 100;

/** A token as the list shows it: never the secret. */
export interface ApiTokenSummary {
  id: string;
  name: string;
  /** The secret's first characters, e.g. `brt_x3Fq9aZk`. */
  prefix: string;
  /** ISO 8601 times; null when it never was. */
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  expired: boolean;
}

export const createApiTokenSchema = z
  .object({
    // A label shown in a list: no bidirectional controls (lib/text/stored-text.ts).
    name: storedText({ label: true })
      .transform((name) => name.trim())
      .pipe(z.string().min(1, "must not be empty").max(MAX_TOKEN_NAME_CHARS)),
    /** Days until it stops working; null or absent: until revoked. */
    expiresInDays: z.number().int().min(1).max(3650).nullable().optional(),
  })
  .strict();

export type CreateApiTokenInput = z.infer<typeof createApiTokenSchema>;

/**
 * The credential of an `Authorization: Bearer …` header, or null when the header uses another
 * scheme (or is absent). Whether the credential is a valid token is for the database to say.
 */
export function bearerCredential(header: string | null): string | null {
  if (!header) return null;
  const match = /^\s*Bearer(?:\s+(.*))?$/i.exec(header);
  if (!match) return null;
  return (match[1] ?? "").trim();
}
