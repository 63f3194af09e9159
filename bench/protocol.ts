/**
 * W3C protocol container benchmark: does paging stay cheap as the container grows, and wherever
 * the page is? Latency of container and page requests on the built app with 20,000 annotations,
 * against a baseline measured in the same run on the same data: the app's own list,
 * `GET /api/annotations?brief=`, which reads and serializes every annotation of the brief.
 *
 * - The app: the existing build in `.next/` (never built here), served by `next start` on a free
 *   port against a fresh SQLite file, migrated and seeded with `scripts/prepare-db.mjs`.
 * - The data: one account; 20,000 annotations on the real brief inserted with Prisma
 *   `createMany` (half shared, half private, distinct creation times), each anchored on the
 *   brief's current revision so that no request re-anchors them.
 * - The load: one client, requests one after another (latency, not throughput), the cases taking
 *   turns in rounds so the machine's other load falls on all of them alike.
 *
 * Run: npm run bench:protocol   (writes bench/results/protocol.json; about 2 minutes)
 */
import { spawn, spawnSync } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { createPrismaClient } from "../lib/database/prisma";
import { freePort, waitUntilUp } from "../tests/support/app-process";

const root = join(import.meta.dirname, "..");
const SLUG = "japan-quasi-alliance";
/** BENCH_PROTOCOL_ANNOTATIONS changes it for a quick check; the recorded figures use 20,000. */
const ANNOTATIONS = Number(process.env.BENCH_PROTOCOL_ANNOTATIONS) || 20_000;
const PAGE = 100;
const ROUNDS = 5;
const PER_ROUND = 8;
const WARMUP = 3;
const MINIMAL = 'return=representation;include="http://www.w3.org/ns/ldp#PreferMinimalContainer"';

interface Case {
  name: string;
  what: string;
  path: string;
  headers?: Record<string, string>;
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

async function main() {
  if (!existsSync(join(root, ".next", "BUILD_ID"))) throw new Error("No build: run `npm run build` first.");
  const dir = mkdtempSync(join(tmpdir(), "bench-protocol-"));
  const databaseUrl = `file:${join(dir, "bench.db")}`;
  const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", DATABASE_URL: databaseUrl, NODE_ENV: "production" as const };
  const prepared = spawnSync(process.execPath, ["scripts/prepare-db.mjs"], { cwd: root, env, encoding: "utf8" });
  if (prepared.status !== 0) throw new Error(`prepare-db failed:\n${prepared.stderr}`);
  const port = await freePort();
  const log = join(dir, "server.log");
  const out = createWriteStream(log);
  const child = spawn(join(root, "node_modules", ".bin", "next"), ["start", "-p", String(port), "-H", "127.0.0.1"], { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout?.pipe(out);
  child.stderr?.pipe(out);
  const base = `http://127.0.0.1:${port}`;
  const database = createPrismaClient(databaseUrl);
  try {
    await waitUntilUp(base, child, log);
    const account = { email: "bench@example.org", password: "correct horse battery" };
    const headers = { "content-type": "application/json", origin: base };
    const signedUp = await fetch(`${base}/api/auth/sign-up/email`, { method: "POST", headers, body: JSON.stringify({ name: "Bench", ...account }) });
    if (!signedUp.ok) throw new Error(`sign-up failed: ${signedUp.status}`);
    // Sign-up never signs in (its answer must not tell whether the address had an account).
    const signUp = await fetch(`${base}/api/auth/sign-in/email`, { method: "POST", headers, body: JSON.stringify(account) });
    if (!signUp.ok) throw new Error(`sign-in failed: ${signUp.status}`);
    const cookie = signUp.headers.getSetCookie().map((line) => line.split(";")[0]).join("; ");
    const user = ((await signUp.json()) as { user: { id: string } }).user;

    // One quote of the current text, anchored on its revision (so reads do not re-anchor).
    const view = (await (await fetch(`${base}/api/briefs/${SLUG}`)).json()) as { revision: string; sections: { blocks: { id: string; text: string }[] }[] };
    const blocks = view.sections.flatMap((section) => section.blocks);
    const block = blocks.find((item) => item.text.includes("준동맹")) as { id: string; text: string };
    let start = 0;
    for (const item of blocks) {
      if (item === block) break;
      start += Array.from(item.text).length + 1;
    }
    start += Array.from(block.text.slice(0, block.text.indexOf("준동맹"))).length;
    const t0 = Date.UTC(2026, 0, 1);
    for (let offset = 0; offset < ANNOTATIONS; offset += 1_000) {
      await database.annotation.createMany({
        data: Array.from({ length: Math.min(1_000, ANNOTATIONS - offset) }, (_, index) => {
          const n = offset + index;
          return {
            briefSlug: SLUG,
            authorId: user.id,
            motivation: "commenting",
            visibility: n % 2 === 0 ? "shared" : "private",
            body: `벤치마크 노트 ${n}`,
            tags: "[]",
            blockId: block.id,
            quoteExact: "준동맹",
            quotePrefix: "",
            quoteSuffix: "",
            positionStart: start,
            positionEnd: start + 3,
            revisionSha: view.revision,
            anchorSha: view.revision,
            anchorStatus: "exact",
            anchorScore: 1,
            createdAt: new Date(t0 + n * 1_000),
            modifiedAt: new Date(t0 + n * 1_000),
          };
        }),
      });
    }

    // Seeding takes longer than the server's keep-alive timeout (5 s): the pooled connection may
    // have been closed under us. One throwaway request takes the stale socket out of the pool.
    await fetch(`${base}/api/briefs`).then((response) => response.text()).catch(() => undefined);

    const last = Math.ceil(ANNOTATIONS / PAGE) - 1;
    const cases: Case[] = [
      { name: "list", what: `baseline: GET /api/annotations?brief= (all ${ANNOTATIONS})`, path: `/api/annotations?brief=${SLUG}` },
      { name: "container", what: "GET /annotations/ (count + first page embedded)", path: "/annotations/" },
      { name: "minimal", what: "GET /annotations/ with PreferMinimalContainer (count only)", path: "/annotations/", headers: { prefer: MINIMAL } },
      { name: "page-first", what: "GET /annotations/?page=0", path: "/annotations/?page=0" },
      { name: "page-middle", what: `GET /annotations/?page=${Math.floor(last / 2)}`, path: `/annotations/?page=${Math.floor(last / 2)}` },
      { name: "page-last", what: `GET /annotations/?page=${last}`, path: `/annotations/?page=${last}` },
      { name: "iris-last", what: `GET /annotations/?iris=1&page=${last}`, path: `/annotations/?iris=1&page=${last}` },
    ];
    const timings = new Map<string, number[]>(cases.map((item) => [item.name, []]));
    const time = async (item: Case) => {
      const began = performance.now();
      const response = await fetch(`${base}${item.path}`, { headers: { cookie, ...item.headers } });
      const text = await response.text();
      const took = performance.now() - began;
      if (!response.ok) throw new Error(`${item.path}: ${response.status} ${text.slice(0, 200)}`);
      return took;
    };
    for (const item of cases) for (let index = 0; index < WARMUP; index++) await time(item);
    for (let round = 0; round < ROUNDS; round++) {
      for (const item of cases) for (let index = 0; index < PER_ROUND; index++) timings.get(item.name)?.push(await time(item));
    }

    const baseline = quantile([...(timings.get("list") ?? [])].sort((a, b) => a - b), 0.5);
    const rows = cases.map((item) => {
      const sorted = [...(timings.get(item.name) ?? [])].sort((a, b) => a - b);
      const median = quantile(sorted, 0.5);
      return { case: item.name, what: item.what, samples: sorted.length, medianMs: Math.round(median * 10) / 10, p95Ms: Math.round(quantile(sorted, 0.95) * 10) / 10, ratioToList: Math.round((median / baseline) * 1000) / 1000 };
    });
    console.table(rows);
    mkdirSync(join(root, "bench", "results"), { recursive: true });
    writeFileSync(
      join(root, "bench", "results", "protocol.json"),
      `${JSON.stringify({ date: new Date().toISOString(), annotations: ANNOTATIONS, pageSize: PAGE, node: process.version, rows }, null, 2)}\n`,
    );
  } catch (error) {
    console.error(`The server's log ends:\n${readFileSync(log, "utf8").slice(-3_000)}`);
    throw error;
  } finally {
    await database.$disconnect();
    child.kill("SIGTERM");
    await new Promise((done) => {
      if (child.exitCode !== null) return done(null);
      child.once("exit", done);
      setTimeout(() => {
        child.kill("SIGKILL");
        done(null);
      }, 5_000);
    });
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
