/**
 * The database URL, with the embedded SQLite default. One place decides it, so the CLI
 * (prisma.config.ts), the start script and the app never disagree.
 */
export const DEFAULT_DATABASE_URL = "file:./data/reader.db";

export function databaseUrl(env: Record<string, string | undefined> = process.env): string {
  return env.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL;
}

export type DatabaseProvider = "sqlite" | "postgresql";

/** Which schema folder serves a URL: `file:` is SQLite, `postgres(ql):` is PostgreSQL. */
export function providerOf(url: string): DatabaseProvider {
  if (/^file:/i.test(url)) return "sqlite";
  if (/^postgres(ql)?:\/\//i.test(url)) return "postgresql";
  throw new Error(`DATABASE_URL must start with file: (SQLite) or postgresql:// (got ${url.split(":")[0]}:)`);
}

/** The absolute path of a `file:` SQLite URL, resolved against the working directory. */
export function sqliteFilePath(url: string, cwd = process.cwd()): string {
  const path = url.replace(/^file:(\/\/)?/i, "").split("?")[0];
  return path.startsWith("/") ? path : `${cwd.replace(/\/$/, "")}/${path.replace(/^\.\//, "")}`;
}
