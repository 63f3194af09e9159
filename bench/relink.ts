/**
 * Re-linking benchmark: an editor adds an alias; how long until every brief of a 100-brief library
 * is linked with it, through the app's own services on a real (temporary, migrated) SQLite
 * database: the knowledge snapshot read again, the linker's index rebuilt, and each brief's
 * current revision parsed and linked anew (the parse cache is keyed by the knowledge's signature).
 * Baselines in the same run, because these machines are noisy: parsing the same 100 texts with the
 * pipeline and no linking, and with linking at the old index.
 * Run: npm run bench:relink   (writes bench/results/relink.json; the goal is under 1 s)
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";

const root = join(import.meta.dirname, "..");
const BRIEFS = 100;
const RUNS = 5;

const dir = mkdtempSync(join(tmpdir(), "bench-relink-"));
process.env.DATABASE_URL = `file:${join(dir, "bench.db")}`;
process.env.BRIEFS_DIR = join(dir, "no-seed-briefs");
execFileSync(join(root, "node_modules", ".bin", "prisma"), ["migrate", "deploy"], { cwd: root, env: { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1" }, stdio: "ignore" });

const { db } = await import("@/lib/database/prisma");
const { parseBrief } = await import("@/lib/content/pipeline");
const { importKnowledgeSeed } = await import("@/lib/services/knowledge-seed");
const { syncBrief } = await import("@/lib/services/library-sync");
const { currentRevisions } = await import("@/lib/services/library");
const { knowledgeSnapshot } = await import("@/lib/services/knowledge");
const { updateEntity } = await import("@/lib/services/knowledge-editing");
const { findEntityRow } = await import("@/lib/db/entities");

const source = readFileSync(join(root, "content/briefs/japan-quasi-alliance/source.txt"), "utf8");
const lines = source.split("\n");
const editor = { id: "bench-editor", name: "Bench", role: "editor" as const };

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

try {
  await importKnowledgeSeed(join(root, "content"));
  // 100 briefs of this size, each a different text (its title line numbered), so each is its own revision.
  const texts: string[] = [];
  for (let i = 0; i < BRIEFS; i++) {
    const text = [`${lines[0]} (${i + 1})`, ...lines.slice(1)].join("\n");
    texts.push(text);
    await syncBrief({ slug: `brief-${String(i + 1).padStart(3, "0")}`, source: text, metadata: { title: `Brief ${i + 1}`, author: "—", affiliation: "—", language: "ko" }, status: "published" });
  }
  await currentRevisions(); // every brief parsed and cached with the knowledge as it is

  const relinkMs: number[] = [];
  const withoutLinkingMs: number[] = [];
  const withLinkingMs: number[] = [];
  let linked = 0;
  const ALIAS = "공동개발"; // in every brief, linked to nothing before
  for (let run = 0; run < RUNS; run++) {
    // The alias change: added on even runs, taken away on odd ones; a marker alias (in no text)
    // makes each run's knowledge new, so no run finds its briefs parsed already.
    const entity = (await findEntityRow(db(), "security-cooperation-network")) as NonNullable<Awaited<ReturnType<typeof findEntityRow>>>;
    const adding = run % 2 === 0;
    const base = entity.aliases.filter((item) => item !== ALIAS && !item.startsWith("벤치마크 표지"));
    const aliases = [...base, `벤치마크 표지 ${run}`, ...(adding ? [ALIAS] : [])];
    await updateEntity(editor, entity.id, { aliases }, [entity.version]);

    const start = performance.now();
    const briefs = await currentRevisions();
    relinkMs.push(performance.now() - start);
    const withAlias = briefs.filter((brief) => (brief.parsed.mentions.byEntity.get(entity.id) ?? []).some((place) => place.spans.some((span) => span.surface === ALIAS))).length;
    if (withAlias !== (adding ? BRIEFS : 0)) throw new Error(`run ${run}: ${withAlias} of ${BRIEFS} briefs link “${ALIAS}”`);
    if (adding) linked = withAlias;

    const snapshot = await knowledgeSnapshot();
    let at = performance.now();
    for (const text of texts) parseBrief(text);
    withoutLinkingMs.push(performance.now() - at);
    at = performance.now();
    for (const text of texts) parseBrief(text, { entities: snapshot.index });
    withLinkingMs.push(performance.now() - at);
  }

  const relink = median(relinkMs);
  const parseOnly = median(withoutLinkingMs);
  const parseAndLink = median(withLinkingMs);
  const report = {
    date: new Date().toISOString(),
    node: process.version,
    machine: { cpu: cpus()[0]?.model ?? "unknown", cores: cpus().length, loadAverage1m: +loadavg()[0].toFixed(2) },
    briefs: BRIEFS,
    charactersPerBrief: source.length,
    runs: RUNS,
    relinkAfterAliasChangeMedianMs: +relink.toFixed(1),
    relinkSamplesMs: relinkMs.map((ms) => +ms.toFixed(1)),
    baselineParseWithoutLinkingMedianMs: +parseOnly.toFixed(1),
    baselineParseWithLinkingMedianMs: +parseAndLink.toFixed(1),
    relinkToParseRatio: +(relink / parseOnly).toFixed(2),
    relinkToParseAndLinkRatio: +(relink / parseAndLink).toFixed(2),
    briefsLinkedToTheEntity: linked,
    underOneSecond: relink < 1000,
  };
  mkdirSync(join(root, "bench/results"), { recursive: true });
  writeFileSync(join(root, "bench/results/relink.json"), `${JSON.stringify(report, null, 2)}\n`);
  console.table([{ relinkMs: report.relinkAfterAliasChangeMedianMs, parseOnlyMs: report.baselineParseWithoutLinkingMedianMs, parseAndLinkMs: report.baselineParseWithLinkingMedianMs, ratio: report.relinkToParseRatio, linked }]);
} finally {
  await db().$disconnect();
  rmSync(dir, { recursive: true, force: true });
}
