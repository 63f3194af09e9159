/**
 * Accounts as the members page sees them: who they are and their role. better-auth owns the
 * rest of the User model (sign-up, sessions, passwords); this module lists and sets roles, and
 * reads the viewer of a session token (lib/auth/session.ts checks the cookie first).
 */
import "server-only";
import { Prisma, type PrismaClient } from "@/generated/prisma/client";
import { sqlRows } from "@/lib/database/direct-sql";
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

/** A session as the request's viewer needs it: when it expires, and whose it is. */
export interface SessionViewerRow {
  expiresAt: Date;
  user: { id: string; name: string; role: string };
}

/**
 * The session with this token and its user, in one statement (a join: Prisma's relation query
 * would be two, and this runs on every signed-in API request).
 */
export async function findSessionViewer(client: PrismaClient, token: string): Promise<SessionViewerRow | null> {
  const rows = await sqlRows<{ expiresAt: Date | string; id: string; name: string; role: string }>(
    client,
    Prisma.sql`SELECT s."expiresAt" AS "expiresAt", u."id" AS "id", u."name" AS "name", u."role" AS "role"
    FROM "Session" s JOIN "User" u ON u."id" = s."userId" WHERE s."token" = ${token}`,
  );
  const row = rows[0];
  // SQLite hands a raw DateTime back as the text Prisma stored; PostgreSQL as a Date.
  return row ? { expiresAt: new Date(row.expiresAt), user: { id: row.id, name: row.name, role: row.role } } : null;
}
