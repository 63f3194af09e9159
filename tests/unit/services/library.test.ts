/**
 * The library against a real migrated SQLite database: texts change only through the sync step
 * (seed import, new text, published draft), which stores the revision and moves the annotations
 * in one go; every read leaves the database exactly as it was.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "@/generated/prisma/client";
import { insertAnnotation } from "@/lib/db/annotations";
import { db } from "@/lib/database/prisma";
import type { Viewer } from "@/lib/domain/account";
import type { Annotation } from "@/lib/domain/annotation";
import { getAnnotation, listBriefAnnotations } from "@/lib/services/annotations";
import { getBriefRevisions, getBriefView, getCurrentBriefText, listBriefs } from "@/lib/services/briefs";
import { importSeeds, publishDraft, sourceSha, sweepStaleAnchors, syncBrief } from "@/lib/services/library-sync";
import { readableBrief } from "@/lib/services/library";
import { migratedDatabase } from "../../support/migrated-db";
import { TEST_BRIEF_SOURCE, writeTestBrief } from "../../support/test-brief";

const root = resolve(import.meta.dirname, "..", "..", "..");
const alice: Viewer = { id: "alice", name: "Alice", role: "member" };
const editor: Viewer = { id: "edith", name: "Edith", role: "editor" };
const metadata = { title: "시험용 브리프", author: "홍길동", affiliation: "세종연구소", language: "ko" };

let database: { url: string; remove(): void };
let seeds: string;
let client: PrismaClient;

beforeAll(() => {
  database = migratedDatabase();
  // The services reach the database through db(), made on first use from DATABASE_URL.
  process.env.DATABASE_URL = database.url;
  client = db();
  seeds = mkdtempSync(join(tmpdir(), "library-seeds-"));
  cpSync(join(root, "content", "briefs", "japan-quasi-alliance"), join(seeds, "japan-quasi-alliance"), { recursive: true });
  writeTestBrief(join(seeds, "test"), TEST_BRIEF_SOURCE);
}, 60_000);

afterAll(async () => {
  await client?.$disconnect();
  database?.remove();
  rmSync(seeds, { recursive: true, force: true });
});

/** Everything a write would leave a trace in. */
async function traces() {
  const [version, briefs, revisions, annotations] = await Promise.all([
    client.contentVersion.findMany(),
    client.brief.findMany({ select: { slug: true, updatedAt: true, currentSha: true } }),
    client.briefRevision.count(),
    client.annotation.findMany({ select: { id: true, version: true, anchorSha: true, updatedAt: true } }),
  ]);
  return { version, briefs, revisions, annotations };
}

/** A highlight of `exact` in the brief's current text, made by alice. */
async function highlight(slug: string, exact: string): Promise<Annotation> {
  const current = await getCurrentBriefText(slug);
  const start = [...current.text.text.slice(0, current.text.text.indexOf(exact))].length;
  const end = start + [...exact].length;
  const blockId = current.text.blocks.find((block) => start >= block.start && start <= block.end)?.id ?? "";
  const created = await insertAnnotation(client, {
    brief: slug,
    author: { id: alice.id, name: alice.name },
    parentId: null,
    motivation: "highlighting",
    visibility: "private",
    body: "",
    tags: [],
    color: null,
    target: { blockId, quote: { exact, prefix: "", suffix: "" }, position: { start, end } },
    revision: current.sha256,
  });
  if (!created) throw new Error("not inserted");
  return created;
}

describe("the seed import", () => {
  it("brings every seed folder into the library, and a second run with nothing changed writes nothing", async () => {
    await client.user.create({ data: { id: alice.id, name: alice.name, email: "alice@test" } });
    const first = await importSeeds(seeds);
    expect(first.imported.map((done) => done.slug).sort()).toEqual(["japan-quasi-alliance", "test"]);
    expect(first.failed).toEqual([]);
    const before = await traces();
    const second = await importSeeds(seeds);
    expect(second.imported).toEqual([]);
    expect(await traces()).toEqual(before);
  });

  it("imports a folder whose text changed, as a new current revision", async () => {
    const revised = TEST_BRIEF_SOURCE.replace("첫째 주장은", "첫째 주장은 바뀌어서");
    writeTestBrief(join(seeds, "test"), revised);
    const report = await importSeeds(seeds);
    expect(report.imported.map((done) => done.slug)).toEqual(["test"]);
    expect((await getCurrentBriefText("test")).sha256).toBe(sourceSha(revised));
  });
});

describe("reads", () => {
  it("leave the database as they found it, even with annotations anchored on an older text", async () => {
    const note = await highlight("test", "2022년 1월 발효된 일호 RAA");
    // As if written against the text before the last sync: stale, waiting for the sweep.
    await client.annotation.update({ where: { id: note.id }, data: { anchorSha: "0".repeat(64) } });
    const before = await traces();

    await listBriefs();
    await getBriefView("test");
    await getCurrentBriefText("test");
    await getBriefRevisions("test");
    await listBriefAnnotations(alice, { brief: "test" });
    await getAnnotation(alice, note.id);

    expect(await traces()).toEqual(before);
    // The sync step's sweep is what moves it.
    expect(await sweepStaleAnchors()).toBe(1);
    expect((await getAnnotation(alice, note.id)).anchor).toMatchObject({ status: "exact", revision: sourceSha(TEST_BRIEF_SOURCE.replace("첫째 주장은", "첫째 주장은 바뀌어서")) });
  });
});

describe("a new text of a brief", () => {
  it("moves its annotations in the same step that makes it current", async () => {
    const note = await highlight("japan-quasi-alliance", "전수방위(專守防衛)");
    const seed = join(seeds, "japan-quasi-alliance", "source.txt");
    const source = readFileSync(seed, "utf8");
    const revised = source.replace("■ 문제의 제기\n", "■ 문제의 제기\n❍ 새로 들어온 주장.\n");
    const result = await syncBrief({ slug: "japan-quasi-alliance", source: revised, metadata, status: "published" });
    expect(result).toMatchObject({ current: true, reanchored: 1 });
    const moved = await getAnnotation(alice, note.id);
    expect(moved.anchor).toMatchObject({ status: "moved", revision: result.sha256 });
    expect(moved.version).toBe(note.version + 1);
  });

  it("as a draft of a published brief, waits for publishing; readers see the old text until then", async () => {
    const before = await getCurrentBriefText("test");
    const drafted = TEST_BRIEF_SOURCE.replace("둘째 근거는", "둘째 근거로는");
    const result = await syncBrief({ slug: "test", source: drafted, metadata, status: "draft", actorId: editor.id });
    expect(result).toMatchObject({ current: false, status: "published" });
    expect((await getCurrentBriefText("test")).sha256).toBe(before.sha256);
    const record = await readableBrief("test");
    expect(record.draftSha).toBe(result.sha256);
    const published = await publishDraft(record, editor.id);
    expect(published.sha256).toBe(sourceSha(drafted));
    expect((await getCurrentBriefText("test")).sha256).toBe(published.sha256);
  });

  it("as a new brief's draft, is seen by editors only", async () => {
    await syncBrief({ slug: "draft-only", source: TEST_BRIEF_SOURCE.replace("시험용", "초안"), metadata: { ...metadata, title: "초안 브리프" }, status: "draft", actorId: editor.id });
    await expect(getBriefView("draft-only")).rejects.toMatchObject({ code: "not_found" });
    await expect(getBriefView("draft-only", alice)).rejects.toMatchObject({ code: "not_found" });
    expect((await getBriefView("draft-only", editor)).title).toBe("초안 브리프");
    expect((await listBriefs()).map((brief) => brief.slug)).not.toContain("draft-only");
    expect((await listBriefs(editor)).map((brief) => brief.slug)).toContain("draft-only");
  });
});
