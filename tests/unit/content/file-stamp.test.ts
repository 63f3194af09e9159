/** File stamps: a changed file is noticed without reading it, and a too-recent stamp is not trusted. */
import { mkdtempSync, renameSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { fileStamp, SETTLE_MS, unchanged } from "@/lib/content/file-stamp";

const dir = mkdtempSync(join(tmpdir(), "file-stamp-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes a file and dates it `ageMs` in the past (mtime; ctime is always now, so pass `now` later). */
function write(name: string, content: string, ageMs = 60_000): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  const then = new Date(Date.now() - ageMs);
  utimesSync(path, then, then);
  return path;
}

describe("fileStamp and unchanged", () => {
  it("trusts a settled stamp until the file is rewritten, renamed over or removed", () => {
    const path = write("a.txt", "한국어 원문");
    // ctime is set by utimes itself, so the stamp is settled only when taken SETTLE_MS later.
    const later = Date.now() + SETTLE_MS + 1;
    const first = fileStamp(path, later);
    expect(first?.settled).toBe(true);
    expect(unchanged([first], [fileStamp(path, later)])).toBe(true);

    writeFileSync(path, "한국어 원문!");
    expect(unchanged([first], [fileStamp(path, later)])).toBe(false);

    const second = fileStamp(path, Date.now() + SETTLE_MS + 1);
    write("b.txt", "다른 파일");
    renameSync(join(dir, "b.txt"), path);
    expect(unchanged([second], [fileStamp(path)])).toBe(false);

    rmSync(path);
    expect(fileStamp(path)).toBeNull();
    expect(unchanged([second], [null])).toBe(false);
  });

  it("never trusts a stamp taken while the file was recent, even if nothing changed", () => {
    const path = write("c.txt", "same", 0);
    const fresh = fileStamp(path);
    expect(fresh?.settled).toBe(false);
    expect(unchanged([fresh], [fileStamp(path)])).toBe(false);
  });

  it("compares lists of files position by position", () => {
    const [d, e] = [write("d.txt", "1"), write("e.txt", "2")];
    const later = Date.now() + SETTLE_MS + 1;
    const [one, two] = [fileStamp(d, later), fileStamp(e, later)];
    expect(unchanged([one, two], [one, two])).toBe(true);
    expect(unchanged([one, two], [two, one])).toBe(false);
    expect(unchanged([one], [one, two])).toBe(false);
    expect(unchanged(undefined, [one])).toBe(false);
  });
});
