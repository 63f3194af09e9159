/**
 * A pg pool for Prisma's CLI (prisma.config.ts), not for the app. The schema engine reads
 * PostgreSQL's catalogs, whose identifiers have the type `name`, and @prisma/adapter-pg 6.19
 * refuses that type ("Column type 'name' could not be deserialized from the database",
 * prisma/prisma#27403), so `migrate deploy` fails on every database. pg already hands `name`
 * values over as strings; reporting the column as `text` (and `name[]` as `text[]`) is all the
 * adapter needs. Remove this once the adapter maps `name` itself.
 */
import pg from "pg";

const NAME = 19;
const TEXT = 25;
const NAME_ARRAY = 1003;
const TEXT_ARRAY = 1009;

type Field = { dataTypeID: number };
type Result = { fields?: Field[] };

/** Rewrites catalog identifier types in a result (or each result of a multi-statement script). */
export function reportNameAsText<T>(result: T): T {
  for (const one of (Array.isArray(result) ? result : [result]) as Result[]) {
    for (const field of one?.fields ?? []) {
      if (field.dataTypeID === NAME) field.dataTypeID = TEXT;
      else if (field.dataTypeID === NAME_ARRAY) field.dataTypeID = TEXT_ARRAY;
    }
  }
  return result;
}

// pg-types parses text[] but its TypeId enum does not list that id.
const getTypeParser = pg.types.getTypeParser as (oid: number, format?: string) => (value: string) => unknown;
const arrayParser = getTypeParser(TEXT_ARRAY, "text");

class CatalogFriendlyClient extends pg.Client {
  // pg's query has many overloads (config, text + values, callback or promise); forward them all.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override query(...args: any[]): any {
    const callback = typeof args[args.length - 1] === "function" ? args.pop() : null;
    const [config, ...rest] = args;
    // `name[]` values must be parsed as text arrays, since that is what the field will claim.
    const withArrays =
      config && typeof config === "object" && !("submit" in config)
        ? {
            ...config,
            types: {
              getTypeParser: (oid: number, format?: string) =>
                oid === NAME_ARRAY ? arrayParser : (config.types?.getTypeParser ?? getTypeParser)(oid, format),
            },
          }
        : config;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const promise = (super.query as (...a: any[]) => Promise<unknown>)(withArrays, ...rest).then(reportNameAsText);
    if (!callback) return promise;
    promise.then((result) => callback(null, result), (error) => callback(error));
  }
}

/** A pool whose connections report `name` columns as `text`, for the migration engine. */
export function catalogFriendlyPool(connectionString: string): pg.Pool {
  // The CLI never closes the pool; without allowExitOnIdle every command would wait out the
  // idle timeout (10 s) before exiting.
  return new pg.Pool({ connectionString, Client: CatalogFriendlyClient, allowExitOnIdle: true });
}

/**
 * Lets the CLI exit as soon as its work is done. On PostgreSQL the Wasm schema engine arms a
 * 10-second timer during `migrate deploy` (its advisory-lock timeout) and never clears it, so
 * every deploy would idle 10 s before exiting. Unref'd, such a timer still fires if the process
 * is waiting on anything else (a lock held by another deploy keeps its socket busy), but no
 * longer keeps a finished process alive. Call only in the CLI's process (prisma.config.ts).
 */
export function letLongTimersNotHoldTheProcess(thresholdMs = 5_000): void {
  const original = globalThis.setTimeout;
  const patched = ((handler: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => {
    const timer = original(handler, ms, ...args);
    if ((ms ?? 0) >= thresholdMs) timer.unref?.();
    return timer;
  }) as typeof setTimeout;
  globalThis.setTimeout = Object.assign(patched, original);
}
