/**
 * The SQLite and PostgreSQL schemas declare the same models, field for field, so one build
 * (typed against the SQLite client) is right on either database. The PostgreSQL schema is
 * written from the SQLite one (scripts/postgresql-schema.mjs); this catches a hand edit of
 * either that was not carried over, and a native type that would make them drift.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, expectTypeOf, it } from "vitest";
import type * as Sqlite from "@/generated/prisma/models";
import type * as Postgresql from "@/generated/prisma-postgresql/models";
import { parseSchema } from "../../support/prisma-schema";

const root = join(import.meta.dirname, "..", "..", "..");
const read = (provider: string) => parseSchema(readFileSync(join(root, "prisma", provider, "schema.prisma"), "utf8"));
const sqlite = read("sqlite");
const postgresql = read("postgresql");

describe("the two schemas", () => {
  it("declare the same models, fields, attributes and indexes", () => {
    expect(sqlite.blocks.map((block) => block.name)).toEqual(expect.arrayContaining(["Annotation", "User", "Session", "Account", "Verification", "Brief", "BriefRevision"]));
    expect(postgresql.blocks).toEqual(sqlite.blocks);
  });

  it("differ only in their datasource provider and client output", () => {
    const setting = (schema: typeof sqlite, kind: string, key: string) =>
      schema.settings.find((block) => block.kind === kind)?.fields.find((field) => field.startsWith(`${key} `));
    expect(setting(sqlite, "datasource", "provider")).toBe('provider = "sqlite"');
    expect(setting(postgresql, "datasource", "provider")).toBe('provider = "postgresql"');
    expect(setting(sqlite, "generator", "output")).toBe('output = "../../generated/prisma"');
    expect(setting(postgresql, "generator", "output")).toBe('output = "../../generated/prisma-postgresql"');
    const rest = (schema: typeof sqlite) =>
      schema.settings.map((block) => ({
        ...block,
        fields: block.fields.filter((field) => !(block.kind === "datasource" && field.startsWith("provider ")) && !(block.kind === "generator" && field.startsWith("output "))),
      }));
    expect(rest(postgresql)).toEqual(rest(sqlite));
  });

  it("use no native @db types, which are where providers drift apart", () => {
    for (const block of sqlite.blocks) for (const field of block.fields) expect(field).not.toMatch(/@db\./);
  });

  it("are in step: the PostgreSQL file is what scripts/postgresql-schema.mjs writes from the SQLite one", () => {
    // Exits 1 with a message naming the fix when the committed file is out of date.
    execFileSync(process.execPath, ["scripts/postgresql-schema.mjs", "--check"], { cwd: root, stdio: "pipe" });
  });

  it("give both generated clients the same row types (checked by the type checker)", () => {
    expectTypeOf<Postgresql.AnnotationModel>().toEqualTypeOf<Sqlite.AnnotationModel>();
    expectTypeOf<Postgresql.UserModel>().toEqualTypeOf<Sqlite.UserModel>();
    expectTypeOf<Postgresql.SessionModel>().toEqualTypeOf<Sqlite.SessionModel>();
    expectTypeOf<Postgresql.AccountModel>().toEqualTypeOf<Sqlite.AccountModel>();
    expectTypeOf<Postgresql.VerificationModel>().toEqualTypeOf<Sqlite.VerificationModel>();
    expectTypeOf<Postgresql.BriefModel>().toEqualTypeOf<Sqlite.BriefModel>();
    expectTypeOf<Postgresql.BriefRevisionModel>().toEqualTypeOf<Sqlite.BriefRevisionModel>();
  });
});

describe("parseSchema", () => {
  it("notices a field that differs", () => {
    const a = parseSchema("model A {\n  id String @id\n  n Int\n}\n");
    const b = parseSchema("model A {\n  id String @id\n  n BigInt\n}\n");
    expect(b.blocks).not.toEqual(a.blocks);
  });

  it("ignores comments and spacing", () => {
    const a = parseSchema("/// doc\nmodel A {\n  id   String  @id // why\n  @@index([id])\n}\n");
    const b = parseSchema("model A {\n  id String @id\n  @@index([id])\n}\n");
    expect(b.blocks).toEqual(a.blocks);
  });
});
