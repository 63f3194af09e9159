/**
 * The members page: an admin lists the accounts and grants or takes back the editor role.
 *
 * Rules: only admins see the list and change roles; the admin role itself is not granted or
 * taken here (it follows ADMIN_EMAIL or the first account, lib/domain/account.ts), so an admin
 * cannot lock the institute out of its own server; a change takes effect on the member's next
 * request (roles are read with the session).
 */
import { findMember, listMembers as listMemberRows, type MemberRecord, setRole } from "@/lib/db/users";
import { db } from "@/lib/database/prisma";
import type { Viewer } from "@/lib/domain/account";
import { AppError } from "@/lib/domain/errors";
import type { Member, MemberRoleInput } from "@/lib/domain/member";

function assertAdmin(viewer: Viewer): void {
  if (viewer.role !== "admin") throw new AppError("forbidden", "Only an admin can see members and change their roles");
}

function memberOf(record: MemberRecord): Member {
  return { id: record.id, name: record.name, email: record.email, role: record.role, joined: record.createdAt.toISOString() };
}

/** Every account with its role (admins only). */
export async function listMembers(viewer: Viewer): Promise<Member[]> {
  assertAdmin(viewer);
  return (await listMemberRows(db())).map(memberOf);
}

/** Makes a member an editor or an editor a member (admins only); 404 for an unknown account. */
export async function changeRole(viewer: Viewer, id: string, input: MemberRoleInput): Promise<Member> {
  assertAdmin(viewer);
  const current = await findMember(db(), id);
  if (!current) throw new AppError("not_found", `No member “${id}”`, "id");
  if (current.role === "admin") throw new AppError("conflict", "An admin's role is set by ADMIN_EMAIL, not here", "role");
  const updated = await setRole(db(), id, input.role);
  if (!updated) throw new AppError("not_found", `No member “${id}”`, "id");
  return memberOf(updated);
}
