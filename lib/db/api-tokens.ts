/**
 * Personal API tokens in the database: one module for the ApiToken aggregate. Every function
 * takes the owner's id where it matters, so a user can only ever list or revoke their own.
 */
import "server-only";
import type { PrismaClient } from "@/generated/prisma/client";
import type { ApiTokenSummary } from "@/lib/domain/api-token";
import type { Role } from "@/lib/domain/account";
import { roleOf } from "@/lib/domain/account";

interface Row {
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
}

function toSummary(row: Row, now: Date): ApiTokenSummary {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    expiresAt: row.expiresAt?.toISOString() ?? null,
    expired: row.expiresAt !== null && row.expiresAt <= now,
  };
}

const summaryFields = { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true, expiresAt: true } as const;

export async function insertApiToken(
  client: PrismaClient,
  input: { userId: string; name: string; hash: string; prefix: string; expiresAt: Date | null },
): Promise<ApiTokenSummary> {
  const row = await client.apiToken.create({ data: input, select: summaryFields });
  return toSummary(row, new Date());
}

/** The user's tokens that are not revoked, newest first (expired ones included, marked). */
export async function listApiTokens(client: PrismaClient, userId: string): Promise<ApiTokenSummary[]> {
  const rows = await client.apiToken.findMany({ where: { userId, revokedAt: null }, select: summaryFields, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
  const now = new Date();
  return rows.map((row) => toSummary(row, now));
}

export async function countActiveApiTokens(client: PrismaClient, userId: string): Promise<number> {
  return client.apiToken.count({ where: { userId, revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: new Date() } }] } });
}

/** Revokes one of the user's tokens; false when they have no such unrevoked token. */
export async function revokeApiToken(client: PrismaClient, options: { userId: string; id: string; now: Date }): Promise<boolean> {
  const { count } = await client.apiToken.updateMany({ where: { id: options.id, userId: options.userId, revokedAt: null }, data: { revokedAt: options.now } });
  return count > 0;
}

export interface TokenHolder {
  tokenId: string;
  lastUsedAt: Date | null;
  user: { id: string; name: string; role: Role };
}

/** The holder of a usable token (not revoked, not expired) with this hash, or null. */
export async function findUsableApiToken(client: PrismaClient, options: { hash: string; now: Date }): Promise<TokenHolder | null> {
  const row = await client.apiToken.findUnique({
    where: { hash: options.hash },
    select: { id: true, revokedAt: true, expiresAt: true, lastUsedAt: true, user: { select: { id: true, name: true, role: true } } },
  });
  if (!row || row.revokedAt !== null || (row.expiresAt !== null && row.expiresAt <= options.now)) return null;
  return { tokenId: row.id, lastUsedAt: row.lastUsedAt, user: { id: row.user.id, name: row.user.name, role: roleOf(row.user.role) } };
}

/** Records a use, unless one was recorded since `notBefore` (one guarded UPDATE, no read). */
export async function touchApiToken(client: PrismaClient, options: { id: string; now: Date; notBefore: Date }): Promise<void> {
  await client.apiToken.updateMany({
    where: { id: options.id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: options.notBefore } }] },
    data: { lastUsedAt: options.now },
  });
}
