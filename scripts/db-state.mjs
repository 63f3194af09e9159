// What scripts/prepare-db.mjs may skip on a start, decided cheaply (one connection, two queries,
// no Prisma CLI, no tsx):
// - `prisma migrate deploy`, when the database's `_prisma_migrations` lists every migration folder
//   of prisma/<provider>/migrations as applied (finished, not rolled back);
// - the seed, when the database holds the stamp of the seed's inputs as they are now: a hash of
//   content/ (the seed folders), prisma/seed.ts and lib/ (the code that imports them), stored by the
//   seed itself after a run without failures as the ContentVersion row `seed:<hash>`. A database
//   that is new, emptied or restored from elsewhere has no such row and is seeded.
// Anything it cannot tell (no database file yet, a table missing, a `?schema=` URL, an error) counts
// as "not done": the step runs as before.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";

const SEED_INPUTS = ["content", "prisma/seed.ts", "lib"];
const SEED_SCOPE_PREFIX = "seed:";

function* files(path) {
  if (!existsSync(path)) return;
  if (statSync(path).isDirectory()) {
    for (const name of readdirSync(path).sort()) yield* files(join(path, name));
  } else {
    yield path;
  }
}

/** The hash of the seed's inputs (hex, 32 characters). */
export function seedStamp(root) {
  const hash = createHash("sha256");
  for (const input of SEED_INPUTS) {
    for (const file of files(join(root, input))) hash.update(relative(root, file)).update("\0").update(readFileSync(file)).update("\0");
  }
  return hash.digest("hex").slice(0, 32);
}

/** The ContentVersion scope that records a finished seed of these inputs. */
export const seedScope = (stamp) => `${SEED_SCOPE_PREFIX}${stamp}`;

/** The migration folders of the provider, by name. */
export function migrationNames(root, provider) {
  const folder = join(root, "prisma", provider, "migrations");
  if (!existsSync(folder)) return [];
  return readdirSync(folder).filter((name) => existsSync(join(folder, name, "migration.sql"))).sort();
}

function sqlitePath(url, root) {
  const path = url.replace(/^file:(\/\/)?/i, "").split("?")[0];
  return resolve(root, path);
}

/** Runs `read(query)` against the database, where query(sql, params) returns rows; null when it cannot. */
async function withDatabase(url, root, read) {
  if (/^file:/i.test(url)) {
    const path = sqlitePath(url, root);
    if (!existsSync(path)) return null;
    const { default: Database } = await import("better-sqlite3");
    const database = new Database(path, { readonly: true, fileMustExist: true });
    try {
      return await read((sql, params = []) => database.prepare(sql).all(...params));
    } finally {
      database.close();
    }
  }
  if (/^postgres(ql)?:\/\//i.test(url)) {
    // A schema other than the default one: leave it to Prisma, which reads the parameter.
    if (new URL(url).searchParams.has("schema")) return null;
    const { default: pg } = await import("pg");
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return await read(async (sql, params = []) => {
        let count = 0;
        return (await client.query(sql.replace(/\?/g, () => `$${++count}`), params)).rows;
      });
    } finally {
      await client.end().catch(() => {});
    }
  }
  return null;
}

/**
 * What the database already has: `{ migrated, seeded }`, each true only when known for certain.
 * `seeded` is only looked at when `migrated` (a migration to apply means a seed to run too).
 */
export async function databaseState({ url, root, provider, stamp }) {
  const wanted = migrationNames(root, provider);
  try {
    const state = await withDatabase(url, root, async (query) => {
      const applied = new Set((await query(`SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`)).map((row) => row.migration_name));
      const migrated = wanted.length > 0 && wanted.every((name) => applied.has(name));
      if (!migrated) return { migrated, seeded: false };
      const rows = await query(`SELECT scope FROM "ContentVersion" WHERE scope = ?`, [seedScope(stamp)]);
      return { migrated, seeded: rows.length === 1 };
    });
    return state ?? { migrated: false, seeded: false };
  } catch {
    return { migrated: false, seeded: false };
  }
}
