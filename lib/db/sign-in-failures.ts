/**
 * Wrong passwords per account, in the database (the SignInFailure table): the store the sign-in
 * protection uses on PostgreSQL, so that every app process counts the same failures.
 */
import "server-only";
import type { PrismaClient } from "@/generated/prisma/client";

export interface StoredFailure {
  address: string;
  at: number;
}

/** An account's failures after `since` (ms), oldest first. */
export async function listFailures(client: PrismaClient, account: string, since: number): Promise<StoredFailure[]> {
  const rows = await client.signInFailure.findMany({ where: { account, at: { gt: new Date(since) } }, orderBy: [{ at: "asc" }, { id: "asc" }], select: { address: true, at: true } });
  return rows.map((row) => ({ address: row.address, at: row.at.getTime() }));
}

export async function addFailure(client: PrismaClient, account: string, failure: StoredFailure): Promise<void> {
  await client.signInFailure.create({ data: { account, address: failure.address, at: new Date(failure.at) } });
}

export async function clearFailures(client: PrismaClient, account: string, address: string): Promise<void> {
  await client.signInFailure.deleteMany({ where: { account, address } });
}

export async function sweepFailures(client: PrismaClient, before: number): Promise<void> {
  await client.signInFailure.deleteMany({ where: { at: { lte: new Date(before) } } });
}
