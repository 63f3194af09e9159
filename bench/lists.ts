/**
 * Lists that scale: the reader's notes list with 0, 1,000, 10,000 and 50,000 notes on one brief,
 * on the built app (scripts/serve.mjs, as `npm start` runs it) with a fresh SQLite database.
 *
 * For each size, in one run on one server (the notes are added between sizes, straight into the
 * database, shared by one author, so the reader sees every one; each has a text target on the
 * brief, anchored on its current revision, as the reader's own notes are):
 * - **first page**: `GET /api/annotations?brief=…&include=deleted&limit=100`, what the reader asks
 *   for first (median and p90 of 30);
 * - **every page**: the whole list read as the reader reads it, a page of 100 then pages of 1,000
 *   following `Link: rel="next"`; and the same list **unpaged** (no `limit`, as every reader
 *   asked for it before this work), the baseline measured in the same run;
 * - **nothing new**: `GET /api/briefs/<slug>/changes?since=<position>`, what an open reader whose
 *   stream is down asks every 2.5 s, and the same with `If-None-Match` (304);
 * - **others wait**: the longest wait of a small request (`GET /api/versions`, every 20 ms) while
 *   two readers load the whole list at once, paged and unpaged;
 * - **the browser**: Chromium opens the reader signed in, opens the notes panel, and the time from
 *   navigation until its first note shows, until the whole list has come, and the page's JS heap;
 * - **idle readers**: the server's CPU time over 10 s with 20 open readers' streams and no
 *   writes (after 5 s for opening them, measured apart), against 10 s with none;
 * - the server's resident memory after each size.
 *
 * Run: npm run bench:lists   (writes bench/results/lists.json; needs a build in .next/ and Chromium)
 */
import { randomUUID } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { createRequire } from "node:module";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { launchBrowser } from "../tests/support/browser";
import { TestClient } from "../tests/support/http-client";
import { root, serveReader } from "./built-app";
import { treeCpuSeconds, treeRssMiB } from "./proc";
import { prng } from "./prng";
import { type BriefJson, textTargets } from "./text-targets";

const SLUG = "japan-quasi-alliance";
const SIZES = (process.env.BENCH_LIST_SIZES ?? "0,1000,10000,50000").split(",").map(Number);
const FIRST_PAGE = 100;
const PAGE = 1000;
const IDLE_READERS = 20;
const IDLE_SECONDS = 10;

const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? Number.NaN : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};

type SqliteDatabase = { exec(sql: string): void; prepare(sql: string): { run(parameters: Record<string, unknown>): unknown }; close(): void; transaction<T>(fn: () => T): () => T };

/** Adds `count` shared notes by `authorId` straight into the database (the trigger logs their events). */
function addNotes(file: string, options: { authorId: string; count: number; brief: BriefJson; from: number }): void {
  const Database = createRequire(import.meta.url)("better-sqlite3") as new (file: string) => SqliteDatabase;
  const database = new Database(file);
  database.exec("PRAGMA busy_timeout = 5000");
  const insert = database.prepare(`INSERT INTO "Annotation" ("id", "briefSlug", "authorId", "motivation", "visibility", "body", "tags", "blockId",
    "quoteExact", "quotePrefix", "quoteSuffix", "positionStart", "positionEnd", "revisionSha", "anchorSha", "anchorStatus", "anchorScore",
    "createdAt", "modifiedAt", "updatedAt") VALUES (@id, @briefSlug, @authorId, 'commenting', 'shared', @body, '[]', @blockId, @quoteExact, @quotePrefix,
    @quoteSuffix, @positionStart, @positionEnd, @revision, @revision, 'exact', 1, @at, @at, @at)`);
  const targets = textTargets(options.brief, options.count, prng(20261204 + options.from));
  const start = Date.now() - options.count;
  database.transaction(() => {
    targets.forEach((target, i) => {
      insert.run({
        id: randomUUID(),
        briefSlug: SLUG,
        authorId: options.authorId,
        body: `벤치마크 메모 ${options.from + i}: 이 문장은 **근거**가 더 필요하다.`,
        blockId: target.blockId,
        quoteExact: target.quote.exact,
        quotePrefix: target.quote.prefix,
        quoteSuffix: target.quote.suffix,
        positionStart: target.position.start,
        positionEnd: target.position.end,
        revision: options.brief.revision,
        at: new Date(start + i).toISOString().replace("Z", "+00:00"),
      });
    });
  })();
  database.close();
}

/** One GET with a cookie over a fresh connection: status, time to the last byte, bytes, headers. */
function get(baseURL: string, path: string, headers: Record<string, string>): Promise<{ status: number; ms: number; bytes: number; headers: Record<string, string | string[] | undefined> }> {
  const url = new URL(path, baseURL);
  return new Promise((done, fail) => {
    const started = performance.now();
    const request = httpRequest({ host: url.hostname, port: url.port, path: `${url.pathname}${url.search}`, headers }, (response) => {
      let bytes = 0;
      response.on("data", (chunk: Buffer) => (bytes += chunk.length));
      response.on("end", () => done({ status: response.statusCode ?? 0, ms: performance.now() - started, bytes, headers: response.headers }));
    });
    request.on("error", fail);
    request.end();
  });
}

const nextLink = (header: string | string[] | undefined) => (typeof header === "string" ? (/<([^>]+)>;\s*rel="next"/.exec(header)?.[1] ?? null) : null);

/** The whole list read as the reader reads it: a first page, then larger pages, following `Link`. */
async function everyPage(baseURL: string, headers: Record<string, string>): Promise<{ ms: number; bytes: number; pages: number }> {
  const started = performance.now();
  let path: string | null = `/api/annotations?brief=${SLUG}&include=deleted&limit=${FIRST_PAGE}`;
  let bytes = 0;
  let pages = 0;
  while (path) {
    const answer = await get(baseURL, path, headers);
    if (answer.status !== 200) throw new Error(`${path}: ${answer.status}`);
    bytes += answer.bytes;
    pages++;
    path = nextLink(answer.headers.link)?.replace(/([?&]limit=)\d+/, `$1${PAGE}`) ?? null;
  }
  return { ms: performance.now() - started, bytes, pages };
}

/** The longest wait of a small request sent every 20 ms while `work` runs. */
async function longestWait(baseURL: string, work: () => Promise<unknown>): Promise<number> {
  let running = true;
  let longest = 0;
  const probe = (async () => {
    while (running) {
      const answer = await get(baseURL, "/api/versions", {});
      longest = Math.max(longest, answer.ms);
      await new Promise((done) => setTimeout(done, 20));
    }
  })();
  await work();
  running = false;
  await probe;
  return longest;
}

async function main(): Promise<void> {
  const app = await serveReader(root, { edge: true, env: { ANNOTATION_WRITES_PER_MINUTE: "100000", AUTH_SIGN_INS_PER_MINUTE: "1000", AUTH_SIGN_UPS_PER_MINUTE: "1000" } });
  const browser = await launchBrowser();
  const loads: number[] = [];
  try {
    const author = await new TestClient(app.baseURL).signUp("저자", "lists-author@brief-reader.test");
    const reader = await new TestClient(app.baseURL).signUp("독자", "lists-reader@brief-reader.test");
    const cookie = { cookie: reader.cookieHeader(), "x-forwarded-for": reader.address };
    const brief = (await (await fetch(`${app.baseURL}/api/briefs/${SLUG}`)).json()) as BriefJson;
    // The browser signs in as the same reader.
    const signIn = await browser.context.request.post(`${app.baseURL}/api/auth/sign-in/email`, {
      data: { email: "lists-reader@brief-reader.test", password: "correct horse battery staple" },
      headers: { origin: app.baseURL },
    });
    if (signIn.status() !== 200) throw new Error(`the browser could not sign in: ${signIn.status()}`);

    const sizes: Record<string, unknown>[] = [];
    let stored = 0;
    for (const size of SIZES) {
      if (size > stored) addNotes(join(app.folder, "bench.db"), { authorId: author.user?.id as string, count: size - stored, brief, from: stored });
      stored = Math.max(stored, size);
      loads.push(loadavg()[0]);

      // Warm up, then the first page.
      for (let i = 0; i < 5; i++) await get(app.baseURL, `/api/annotations?brief=${SLUG}&include=deleted&limit=${FIRST_PAGE}`, cookie);
      const first: number[] = [];
      let firstBytes = 0;
      let position = "0";
      for (let i = 0; i < 30; i++) {
        const answer = await get(app.baseURL, `/api/annotations?brief=${SLUG}&include=deleted&limit=${FIRST_PAGE}`, cookie);
        first.push(answer.ms);
        firstBytes = answer.bytes;
        position = String(answer.headers["annotation-log-position"]);
      }
      const paged = await everyPage(app.baseURL, cookie);

      // Nothing new since the list: what an open reader costs while its stream is down.
      const quiet: number[] = [];
      let etag = "";
      for (let i = 0; i < 30; i++) {
        const answer = await get(app.baseURL, `/api/briefs/${SLUG}/changes?since=${position}`, cookie);
        quiet.push(answer.ms);
        etag = String(answer.headers.etag);
      }
      const revalidated = await get(app.baseURL, `/api/briefs/${SLUG}/changes?since=${position}`, { ...cookie, "if-none-match": etag });

      const waitPaged = await longestWait(app.baseURL, () => Promise.all([everyPage(app.baseURL, cookie), everyPage(app.baseURL, cookie)]));

      // The browser: navigation → the panel's first note → the whole list in the panel.
      const page = await browser.context.newPage();
      const started = performance.now();
      await page.goto(`${app.baseURL}/briefs/${SLUG}`);
      await page.locator(".notes-toggle").click();
      await page.locator(".notes-panel").waitFor();
      let firstNoteMs = Number.NaN;
      if (size > 0) {
        await page.locator(".notes-list > .note").first().waitFor({ timeout: 60_000 });
        firstNoteMs = performance.now() - started;
      }
      // All of them: the panel renders a window of them and counts the rest on its "more" button.
      const rest = size - Math.min(size, 100);
      if (rest > 0) await page.locator(".notes-more button", { hasText: `(${rest})` }).waitFor({ timeout: 120_000 });
      const allMs = performance.now() - started;
      const rendered = await page.locator(".notes-list > .note").count();
      const heapMiB = await page.evaluate(() => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0) / 2 ** 20;
      await page.close();
      const rssPaged = treeRssMiB(app.pid);

      // The baseline, last (its memory stays with the server): the whole list unpaged, as every
      // reader asked for it before, once, and twice at once while a small request waits.
      const unpaged = await get(app.baseURL, `/api/annotations?brief=${SLUG}&include=deleted`, cookie);
      const waitUnpaged = await longestWait(app.baseURL, () =>
        Promise.all([get(app.baseURL, `/api/annotations?brief=${SLUG}&include=deleted`, cookie), get(app.baseURL, `/api/annotations?brief=${SLUG}&include=deleted`, cookie)]),
      );

      const row = {
        notes: size,
        firstPage: { p50Ms: round(percentile(first, 50)), p90Ms: round(percentile(first, 90)), bytes: firstBytes },
        everyPage: { ms: round(paged.ms), bytes: paged.bytes, requests: paged.pages },
        unpagedBaseline: { ms: round(unpaged.ms), bytes: unpaged.bytes },
        nothingNew: { p50Ms: round(percentile(quiet, 50), 2), revalidatedStatus: revalidated.status },
        longestWaitOfOthersMs: { twoPagedLists: round(waitPaged), twoUnpagedLists: round(waitUnpaged) },
        browser: { firstNoteMs: round(firstNoteMs), wholeListMs: round(allMs), notesRendered: rendered, jsHeapMiB: round(heapMiB) },
        serverRssMiB: { afterPagedReadsAndBrowser: rssPaged, afterUnpagedBaseline: treeRssMiB(app.pid) },
      };
      console.log(JSON.stringify(row));
      sizes.push(row);
    }

    // Idle readers: 20 open streams, no writes, against none, 10 s each.
    const idleCpu = async () => {
      const before = treeCpuSeconds(app.pid);
      await new Promise((done) => setTimeout(done, IDLE_SECONDS * 1000));
      return round(treeCpuSeconds(app.pid) - before, 2);
    };
    const noReaders = await idleCpu();
    const streams = await Promise.all(
      Array.from({ length: IDLE_READERS }, () =>
        new Promise<{ destroy(): void }>((done, fail) => {
          const request = httpRequest({ host: "127.0.0.1", port: new URL(app.baseURL).port, path: `/api/briefs/${SLUG}/events`, headers: cookie }, (response) => {
            response.once("data", () => done(request));
          });
          request.on("error", fail);
          request.end();
        }),
      ),
    );
    // Opening them costs something (each reads the ids its reader may see): measured apart, then idle.
    const openingBefore = treeCpuSeconds(app.pid);
    await new Promise((done) => setTimeout(done, 5_000));
    const opening = round(treeCpuSeconds(app.pid) - openingBefore, 2);
    const withReaders = await idleCpu();
    for (const stream of streams) stream.destroy();

    const first0 = sizes.find((row) => row.notes === Math.min(...SIZES)) as { browser: { firstNoteMs: number }; firstPage: { p50Ms: number } } | undefined;
    const report = {
      date: new Date().toISOString(),
      node: process.version,
      machine: { cpu: cpus()[0]?.model ?? "unknown", cores: cpus().length },
      build: app.build,
      command: "npm run bench:lists",
      loadAverage1m: { min: round(Math.min(...loads), 2), max: round(Math.max(...loads), 2) },
      setup: { firstPage: FIRST_PAGE, page: PAGE, sizes: SIZES, idleReaders: IDLE_READERS, idleSeconds: IDLE_SECONDS },
      sizes,
      // Each size against the smallest: the first page (what the panel waits for) should not grow with the list.
      firstPageRatioToSmallest: sizes.map((row) => ({ notes: row.notes, ratio: first0 ? round((row.firstPage as { p50Ms: number }).p50Ms / first0.firstPage.p50Ms, 2) : null })),
      idle: { serverCpuSecondsNoReaders: noReaders, serverCpuSecondsWithIdleReaders: withReaders, readers: IDLE_READERS, seconds: IDLE_SECONDS, serverCpuSecondsOpeningThem: opening, notesOnTheBrief: stored },
    };
    mkdirSync(join(root, "bench/results"), { recursive: true });
    writeFileSync(join(root, "bench/results/lists.json"), `${JSON.stringify(report, null, 2)}\n`);
    console.table(
      sizes.map((row) => {
        const r = row as { notes: number; firstPage: { p50Ms: number }; everyPage: { ms: number }; unpagedBaseline: { ms: number }; browser: { firstNoteMs: number; wholeListMs: number; jsHeapMiB: number }; serverRssMiB: { afterPagedReadsAndBrowser: number; afterUnpagedBaseline: number }; longestWaitOfOthersMs: { twoPagedLists: number; twoUnpagedLists: number } };
        return {
          notes: r.notes,
          "first page ms": r.firstPage.p50Ms,
          "every page ms": r.everyPage.ms,
          "unpaged ms": r.unpagedBaseline.ms,
          "wait paged/unpaged ms": `${r.longestWaitOfOthersMs.twoPagedLists} / ${r.longestWaitOfOthersMs.twoUnpagedLists}`,
          "first note ms": r.browser.firstNoteMs,
          "whole list ms": r.browser.wholeListMs,
          "heap MiB": r.browser.jsHeapMiB,
          "server MiB paged/unpaged": `${r.serverRssMiB.afterPagedReadsAndBrowser} / ${r.serverRssMiB.afterUnpagedBaseline}`,
        };
      }),
    );
    console.log("idle", report.idle);
  } finally {
    await browser.close();
    await app.stop();
  }
}

await main();
