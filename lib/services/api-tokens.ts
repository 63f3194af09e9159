/**
 * Personal API tokens: make one (its secret is answered once and never again), list, revoke,
 * and find whose a presented token is. Only SHA-256 of a secret is ever stored: the secret has
 * 256 random bits, so a fast hash is enough (no password-style stretching is needed).
 */
import { createHash, randomBytes } from "node:crypto";
import {
  countActiveApiTokens,
  findUsableApiToken,
  insertApiToken,
  listApiTokens as listTokenRows,
  revokeApiToken as revokeTokenRow,
  touchApiToken,
} from "@/lib/db/api-tokens";
import { db } from "@/lib/database/prisma";
import type { Viewer } from "@/lib/domain/account";
import {
  type ApiTokenSummary,
  type CreateApiTokenInput,
  DISPLAY_PREFIX_LENGTH,
  MAX_ACTIVE_TOKENS,
  TOKEN_PREFIX,
} from "@/lib/domain/api-token";
import { AppError } from "@/lib/domain/errors";

const DAY_MS = 24 * 60 * 60 * 1000;
// Recording every use would make each API read a write; a minute is precise enough for a list.
const TOUCH_EVERY_MS = 60_000;

/** SHA-256 of a presented secret, in hex: what the database is searched by. */
export function hashTokenSecret(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

function newSecret(): string {
  return `${TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
}

/** Makes a token for the viewer; the answer holds the secret, the only time it is ever given. */
export async function createApiToken(viewer: Viewer, input: CreateApiTokenInput): Promise<{ token: ApiTokenSummary; secret: string }> {
  if ((await countActiveApiTokens(db(), viewer.id)) >= MAX_ACTIVE_TOKENS) {
    throw new AppError("conflict", `You already have ${MAX_ACTIVE_TOKENS} tokens; revoke one first`, "name");
  }
  const secret = newSecret();
  const expiresAt = input.expiresInDays ? new Date(Date.now() + input.expiresInDays * DAY_MS) : null;
  const token = await insertApiToken(db(), {
    userId: viewer.id,
    name: input.name,
    hash: hashTokenSecret(secret),
    prefix: secret.slice(0, DISPLAY_PREFIX_LENGTH),
    expiresAt,
  });
  return { token, secret };
}

/** The viewer's tokens that are not revoked, newest first. */
export async function listApiTokens(viewer: Viewer): Promise<ApiTokenSummary[]> {
  return listTokenRows(db(), viewer.id);
}

/** Revokes one of the viewer's tokens; 404 for any other id (someone else's included). */
export async function revokeApiToken(viewer: Viewer, id: string): Promise<void> {
  const revoked = await revokeTokenRow(db(), { userId: viewer.id, id, now: new Date() });
  if (!revoked) throw new AppError("not_found", `No token “${id}”`, "id");
}

/** The viewer a presented secret stands for, or null when it is unknown, revoked or expired. */
export async function viewerForToken(secret: string): Promise<Viewer | null> {
  if (!secret.startsWith(TOKEN_PREFIX) || secret.length > 200) return null;
  const now = new Date();
  const holder = await findUsableApiToken(db(), { hash: hashTokenSecret(secret), now });
  if (!holder) return null;
  if (!holder.lastUsedAt || now.getTime() - holder.lastUsedAt.getTime() >= TOUCH_EVERY_MS) {
    await touchApiToken(db(), { id: holder.tokenId, now, notBefore: new Date(now.getTime() - TOUCH_EVERY_MS) });
  }
  return { ...holder.user, credential: "token" };
}
