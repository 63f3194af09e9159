/** Where backups go by default, and what makes a file fit to replace the reader's database. */
import { describe, expect, it } from "vitest";
import { type DatabaseFacts, defaultBackupPath, fileStamp, restoreProblems } from "@/lib/backup/backup-rules";

const at = new Date("2026-11-24T01:15:30.123Z");

describe("backup file names", () => {
  it("stamps UTC time, sortable and without colons", () => {
    expect(fileStamp(at)).toBe("2026-11-24T01-15-30Z");
  });

  it("puts a backup in backups/ beside the database, named after it", () => {
    expect(defaultBackupPath("/srv/reader/data/reader.db", at)).toBe("/srv/reader/data/backups/reader-2026-11-24T01-15-30Z.db");
    expect(defaultBackupPath("/srv/notes.sqlite", at, "replaced")).toBe("/srv/backups/notes-replaced-2026-11-24T01-15-30Z.sqlite");
  });
});

describe("restoreProblems", () => {
  const known = ["20261123223638_init", "20261123231542_accounts_and_annotations"];
  const sound: DatabaseFacts = {
    integrity: ["ok"],
    tables: ["_prisma_migrations", "Brief", "BriefRevision", "User", "Session", "Account", "Verification", "Annotation"],
    migrations: known.map((name) => ({ name, finished: true, rolledBack: false })),
  };

  it("accepts a sound reader database, including one older than the app", () => {
    expect(restoreProblems(sound, known)).toEqual([]);
    expect(restoreProblems({ ...sound, migrations: sound.migrations.slice(0, 1) }, known)).toEqual([]);
  });

  it("refuses a file that fails the integrity check", () => {
    expect(restoreProblems({ ...sound, integrity: ["*** in database main ***", "Page 5: never used"] }, known)).toEqual([expect.stringContaining("integrity check")]);
  });

  it("refuses a SQLite file that is not a reader database", () => {
    expect(restoreProblems({ integrity: ["ok"], tables: ["x"], migrations: [] }, known)).toEqual([expect.stringContaining("not a reader database")]);
    expect(restoreProblems({ ...sound, tables: ["_prisma_migrations", "Brief"] }, known)).toEqual([expect.stringContaining("Annotation, User, Session")]);
  });

  it("refuses a backup made by a newer version, or mid-migration", () => {
    const newer = [...sound.migrations, { name: "20270101000000_future", finished: true, rolledBack: false }];
    expect(restoreProblems({ ...sound, migrations: newer }, known)).toEqual([expect.stringContaining("newer version of the app (migration 20270101000000_future")]);
    const unfinished = [sound.migrations[0], { ...sound.migrations[1], finished: false }];
    expect(restoreProblems({ ...sound, migrations: unfinished }, known)).toEqual([expect.stringContaining("did not finish")]);
  });

  it("ignores a migration that was rolled back", () => {
    const rolledBack = [...sound.migrations, { name: "20270101000000_future", finished: false, rolledBack: true }];
    expect(restoreProblems({ ...sound, migrations: rolledBack }, known)).toEqual([]);
  });
});
