import { describe, expect, it } from "vitest";
import { matchesWhere, withoutField } from "@/lib/db/where-match";

const row = { id: "a1", authorId: "u1", visibility: "shared", deletedAt: null, hiddenAt: new Date(0), author: { id: "u1", name: "앨리스" } };

describe("matchesWhere (a Prisma where fragment against a row in memory)", () => {
  it("decides equality, null and the operators it knows", () => {
    expect(matchesWhere({ authorId: "u1", deletedAt: null }, row)).toBe(true);
    expect(matchesWhere({ authorId: "u2" }, row)).toBe(false);
    expect(matchesWhere({ hiddenAt: null }, row)).toBe(false);
    expect(matchesWhere({ hiddenAt: { not: null } }, row)).toBe(true);
    expect(matchesWhere({ visibility: { in: ["shared", "group"] } }, row)).toBe(true);
    expect(matchesWhere({ visibility: { notIn: ["shared"] } }, row)).toBe(false);
    expect(matchesWhere({ hiddenAt: new Date(0) }, row)).toBe(true);
  });

  it("combines AND, OR and NOT", () => {
    expect(matchesWhere({ OR: [{ authorId: "u2" }, { visibility: "shared", deletedAt: null }] }, row)).toBe(true);
    expect(matchesWhere({ AND: [{ authorId: "u1" }, { visibility: "private" }] }, row)).toBe(false);
    expect(matchesWhere({ NOT: { visibility: "private" } }, row)).toBe(true);
    expect(matchesWhere({ OR: [] }, row)).toBe(false);
  });

  it("leaves to the database what it cannot tell: relations, unknown columns and operators", () => {
    expect(matchesWhere({ author: { is: { name: "앨리스" } } }, row)).toBeUndefined();
    expect(matchesWhere({ groupId: "g1" }, row)).toBeUndefined();
    expect(matchesWhere({ authorId: { startsWith: "u" } }, row)).toBeUndefined();
    // …but a decided branch still decides: true OR unknown is true, false AND unknown is false.
    expect(matchesWhere({ OR: [{ authorId: "u1" }, { groupId: "g1" }] }, row)).toBe(true);
    expect(matchesWhere({ AND: [{ authorId: "u2" }, { groupId: "g1" }] }, row)).toBe(false);
    expect(matchesWhere({ OR: [{ authorId: "u2" }, { groupId: "g1" }] }, row)).toBeUndefined();
  });

  it("drops one column's conditions at any depth (visibility before a deletion)", () => {
    const where = { OR: [{ authorId: "u9", deletedAt: null }, { AND: [{ visibility: "shared" }, { deletedAt: null }] }] };
    const deleted = { ...row, deletedAt: new Date(1) };
    expect(matchesWhere(where, deleted)).toBe(false);
    expect(matchesWhere(withoutField(where, "deletedAt"), deleted)).toBe(true);
  });
});
