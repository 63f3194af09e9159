/**
 * The catalog and the registry keep what they read until a file changes: an edit is seen on the
 * next load, whether it comes at once (same size, same coarse timestamp) or long after.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadSeedBrief } from "@/lib/content/seed-briefs";
import { SETTLE_MS } from "@/lib/content/file-stamp";
import { loadRegistry } from "@/lib/content/registry";

const repo = join(import.meta.dirname, "../../..");
const dir = mkdtempSync(join(tmpdir(), "content-cache-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const settle = () => new Promise((done) => setTimeout(done, SETTLE_MS + 100));

describe("loadSeedBrief", () => {
  const briefs = join(dir, "briefs");
  cpSync(join(repo, "content/briefs/japan-quasi-alliance"), join(briefs, "b"), { recursive: true });
  const sourceFile = join(briefs, "b", "source.txt");
  const original = readFileSync(sourceFile, "utf8");

  it("sees an edit of the same size made right after the last load", async () => {
    const first = await loadSeedBrief("b", briefs);
    expect(first.source).toBe(original.normalize("NFC"));
    // Same length in bytes and code points: only the content tells them apart.
    const edited = original.replace("준동맹", "준연합");
    expect(Buffer.byteLength(edited)).toBe(Buffer.byteLength(original));
    writeFileSync(sourceFile, edited);
    const second = await loadSeedBrief("b", briefs);
    expect(second.sha256).not.toBe(first.sha256);
    expect(second.source).toContain("준연합");
  });

  it("keeps the loaded brief while nothing changes, and sees an edit made after it settled", { timeout: 10_000 }, async () => {
    await settle();
    const settled = await loadSeedBrief("b", briefs);
    const again = await loadSeedBrief("b", briefs);
    expect(again.parsed).toBe(settled.parsed);
    writeFileSync(sourceFile, original);
    const reverted = await loadSeedBrief("b", briefs);
    expect(reverted.source).toBe(original.normalize("NFC"));
    expect(reverted.sha256).not.toBe(settled.sha256);
  });

  it("answers not_found once the brief's folder is gone", async () => {
    await loadSeedBrief("b", briefs);
    rmSync(join(briefs, "b"), { recursive: true });
    await expect(loadSeedBrief("b", briefs)).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("loadRegistry", () => {
  const content = join(dir, "content");
  cpSync(join(repo, "content/entities"), join(content, "entities"), { recursive: true });
  cpSync(join(repo, "content/agreements"), join(content, "agreements"), { recursive: true });
  const countries = join(content, "entities", "countries.json");

  it("keeps the registry while nothing changes, and sees edits, new files and removed files", { timeout: 15_000 }, async () => {
    const first = await loadRegistry(content);
    await settle();
    const settled = await loadRegistry(content);
    expect(await loadRegistry(content)).toBe(settled);
    expect(settled.signature).toBe(first.signature);

    const entries = JSON.parse(readFileSync(countries, "utf8")) as { id: string; names: Record<string, string> }[];
    entries[0].names = { ...entries[0].names, ko: `${entries[0].names.ko}!` };
    writeFileSync(countries, JSON.stringify(entries));
    const edited = await loadRegistry(content);
    expect(edited.byId.get(entries[0].id)?.names.ko).toBe(entries[0].names.ko);
    expect(edited.signature).not.toBe(settled.signature);

    await settle();
    const extra = join(content, "entities", "zz-extra.json");
    writeFileSync(extra, JSON.stringify([{ id: "zz-extra", kind: "concept", names: { ko: "추가", en: "Extra" }, aliases: ["추가"], description: { ko: "추가 항목", en: "An extra entry" } }]));
    const added = await loadRegistry(content);
    expect(added.byId.has("zz-extra")).toBe(true);

    await settle();
    rmSync(extra);
    expect((await loadRegistry(content)).byId.has("zz-extra")).toBe(false);
  });
});
