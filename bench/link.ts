/**
 * Linking benchmark: how long mention linking takes for the brief and for a synthetic brief of
 * the source repeated 100 times (~575,000 characters). Figures are ratios against baselines
 * measured in the same run, because these machines are noisy:
 *   - linking alone (alias matching + resolution over every block) vs. a plain scan of the same
 *     text (String#indexOf for every alias), the cheapest possible search;
 *   - the whole pipeline with linking vs. the same pipeline without it.
 * Run: npm run bench:link   (writes bench/results/link.json)
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { buildEntityIndex } from "@/lib/content/linking/entity-index";
import { type LinkableBlock, resolveMentions } from "@/lib/content/linking/resolve-mentions";
import { parseBrief } from "@/lib/content/pipeline";
import { loadRegistry } from "@/lib/content/registry";

const root = join(import.meta.dirname, "..");
const source = readFileSync(join(root, "content/briefs/japan-quasi-alliance/source.txt"), "utf8");

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function time(run: () => void, iterations: number): number {
  for (let i = 0; i < Math.min(3, iterations); i++) run(); // warm up the JIT
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const start = performance.now();
    run();
    samples.push(performance.now() - start);
  }
  return median(samples);
}

const registry = await loadRegistry(join(root, "content"));
const index = buildEntityIndex(registry.entities);
const aliases = [...index.byFirstChar.values()].flat().map((entry) => entry.alias);

const cases = [
  { name: "brief (1×)", text: source, iterations: 50 },
  { name: "synthetic (100×)", text: Array(100).fill(source).join("\n"), iterations: 5 },
];

const results = cases.map(({ name, text, iterations }) => {
  const { document } = parseBrief(text);
  const blocks: LinkableBlock[] = document.sections.flatMap((section) => section.blocks.map(({ id, parentId, text: blockText }) => ({ id, parentId, text: blockText })));
  let mentions = 0;
  const linkMs = time(() => {
    mentions = [...resolveMentions(blocks, index).values()].reduce((sum, list) => sum + list.length, 0);
  }, iterations);
  const scanMs = time(() => {
    let hits = 0;
    for (const block of blocks) for (const alias of aliases) for (let at = block.text.indexOf(alias); at !== -1; at = block.text.indexOf(alias, at + 1)) hits++;
    if (hits < 0) throw new Error("unreachable");
  }, iterations);
  const withLinking = time(() => parseBrief(text, { entities: index }), iterations);
  const withoutLinking = time(() => parseBrief(text), iterations);
  return {
    name,
    characters: text.length,
    blocks: blocks.length,
    mentions,
    iterations,
    linkMedianMs: +linkMs.toFixed(3),
    baselineScanMedianMs: +scanMs.toFixed(3),
    linkToScanRatio: +(linkMs / scanMs).toFixed(2),
    pipelineWithLinkingMedianMs: +withLinking.toFixed(2),
    pipelineWithoutLinkingMedianMs: +withoutLinking.toFixed(2),
    linkingShareOfPipeline: +((withLinking - withoutLinking) / withLinking).toFixed(3),
  };
});

const [one, hundred] = results;
const report = {
  date: new Date().toISOString(),
  node: process.version,
  machine: { cpu: cpus()[0]?.model ?? "unknown", cores: cpus().length },
  aliases: aliases.length,
  results,
  growth: {
    characterRatio: +(hundred.characters / one.characters).toFixed(1),
    linkTimeRatio: +(hundred.linkMedianMs / one.linkMedianMs).toFixed(1),
    // Near 1.0: linking time grows linearly with the text.
    perCharacterRatio: +((hundred.linkMedianMs / hundred.characters) / (one.linkMedianMs / one.characters)).toFixed(2),
  },
};
mkdirSync(join(root, "bench/results"), { recursive: true });
writeFileSync(join(root, "bench/results/link.json"), `${JSON.stringify(report, null, 2)}\n`);
console.table(results.map(({ name, characters, mentions, linkMedianMs, baselineScanMedianMs, linkToScanRatio, pipelineWithLinkingMedianMs, pipelineWithoutLinkingMedianMs }) => ({ name, characters, mentions, linkMedianMs, baselineScanMedianMs, linkToScanRatio, pipelineWithLinkingMedianMs, pipelineWithoutLinkingMedianMs })));
console.log("growth", report.growth);
