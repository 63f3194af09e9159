/**
 * Accounts as the members page sees them: who they are and their role. better-auth owns the
 * rest of the User model (sign-up, sessions, passwords); this module only lists and sets roles.
 */
import "server-only";
import type { PrismaClient } from "@/generated/prisma/client";
import { type Role, roleOf } from "@/lib/domain/account";

export interface MemberRecord {
  id: string;
  name: string;
  email: string;
  role: Role;
  createdAt: Date;
}

const fields = { id: true, name: true, email: true, role: true, createdAt: true } as const;

/** Every account, oldest first. */
export async function listMembers(client: PrismaClient): Promise<MemberRecord[]> {
  const rows = await client.user.findMany({ orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: fields });
  return rows.map((row) => ({ ...row, role: roleOf(row.role) }));
}

export async function findMember(client: PrismaClient, id: string): Promise<MemberRecord | null> {
  const row = await client.user.findUnique({ where: { id }, select: fields });
  return row ? { ...row, role: roleOf(row.role) } : null;
}

/** Sets an account's role; null when there is no such account. */
export async function setRole(client: PrismaClient, id: string, role: Role): Promise<MemberRecord | null> {
  const updated = await client.user.updateMany({ where: { id }, data: { role } });
  return updated.count === 0 ? null : findMember(client, id);
}
