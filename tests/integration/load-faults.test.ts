/**
 * The fault path of bench/load-faults.ts at a size CI can afford: 8 writers × 30 notes against a
 * server of this test's own (its own database and port, not the shared one), killed with SIGKILL
 * half way and started again. Every acknowledged note must be stored once with its content, the
 * notes without an answer stored once after their retry with the same Idempotency-Key, none
 * twice, and the database must pass its integrity check.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { freePort } from "../support/app-process";
import { freshDatabase, integrityCheck, readAnnotations } from "../support/database-check";
import {
  AppServer,
  appEnvironment,
  type NotePlan,
  type Outcome,
  planNotes,
  prepareDatabase,
  reconcile,
  retryUnknown,
  runWriters,
  sentenceTargets,
  signUpWriter,
  type Writer,
} from "../support/fault-load";

const SLUG = "japan-quasi-alliance";
const WRITERS = 8;
const NOTES = 30;

const dir = mkdtempSync(join(tmpdir(), "brief-reader-faults-"));
const database = freshDatabase(dir);
let server: AppServer | undefined;

afterAll(async () => {
  await server?.stop();
  database.remove();
  if (!process.env.KEEP_TEST_DATA) rmSync(dir, { recursive: true, force: true });
}, 30_000);

describe("a server killed with SIGKILL under concurrent writes", () => {
  it("keeps every acknowledged note, stores none twice, and passes the integrity check", { timeout: 120_000 }, async () => {
    const env = appEnvironment(database.url, dir);
    prepareDatabase(env);
    server = new AppServer(await freePort(), env, join(dir, "server.log"));
    await server.start();
    const run = Date.now().toString(36);
    const writers: Writer[] = await Promise.all(Array.from({ length: WRITERS }, (_, i) => signUpWriter((server as AppServer).baseURL, run, i)));
    const targets = sentenceTargets(await (await fetch(`${server.baseURL}/api/briefs/${SLUG}`)).json());
    expect(targets.length).toBeGreaterThan(50);
    const notes: NotePlan[][] = writers.map((writer) => planNotes(run, SLUG, targets, writer.index, NOTES));

    let acked = 0;
    let outage: Promise<void> | null = null;
    let killed = false;
    const loadRun = await runWriters({
      port: server.port,
      writers,
      notes,
      idempotency: true,
      timeoutMs: 30_000,
      serverUp: async () => {
        if (outage) await outage;
      },
      onOutcome: (_note, outcome: Outcome) => {
        if (outcome.kind !== "acked") return;
        acked++;
        if (!outage && acked >= (WRITERS * NOTES) / 2) {
          outage = (async () => {
            await server?.kill();
            killed = true;
            await server?.start();
          })();
        }
      },
    });
    if (outage) await outage;
    expect(killed).toBe(true);
    const retried = await retryUnknown({ port: server.port, writers, notes, outcomes: loadRun.outcomes });
    await server.stop();

    const integrity = integrityCheck(database.url);
    expect(integrity.filter((check) => !check.ok)).toEqual([]);
    const rows = await readAnnotations(database.url, SLUG);
    const result = reconcile({ run, notes, writers, outcomes: loadRun.outcomes, retried, rows });
    expect(result.sent).toBe(WRITERS * NOTES);
    expect(result.acked).toBeGreaterThanOrEqual((WRITERS * NOTES) / 2);
    expect(result.rejected).toBe(0);
    expect({ lost: result.lost, altered: result.altered, duplicates: result.duplicates, refusedButStored: result.refusedButStored, strays: result.strays, retriedFailed: result.retriedFailed, examples: result.examples }).toEqual({
      lost: 0,
      altered: 0,
      duplicates: 0,
      refusedButStored: 0,
      strays: 0,
      retriedFailed: 0,
      examples: {},
    });
    // Every note that got an answer or a retry is stored exactly once; refused ones never were.
    expect(result.unknownStored + result.unknownAbsent).toBe(result.unknown);
    expect(result.present).toBe(result.acked + result.unknown);
    expect(rows.filter((row) => row.tags.some((tag) => tag.startsWith(`lf-${run}-`)))).toHaveLength(result.present);
  });
});
