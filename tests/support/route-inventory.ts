/**
 * Every route of the app, read from the files under app/: route handlers with the methods they
 * serve, and pages. The API inventory test holds the security tables to it; the property tests
 * send every method and malformed paths to every route in it. A new route shows up by itself.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";

const root = join(import.meta.dirname, "..", "..");
export const HANDLER_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

function* files(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else yield path;
  }
}

/** `/api/annotations/[id]` for app/api/annotations/[id]/route.ts; route groups `(x)` left out. */
export function routeOf(file: string): string {
  const parts = relative(join(root, "app"), file).split(sep).slice(0, -1).filter((part) => !/^\(.*\)$/.test(part));
  return `/${parts.join("/")}`;
}

/** The methods a route file exports: `export async function GET`, `export { x as POST }`, `export const { GET, POST } = …`. */
export function exportedMethods(source: string): string[] {
  const found = new Set<string>();
  // A method bound to a refusal (`methodNotAllowed(…)`, `notAllowed…`) is a 405, not a handler.
  for (const match of source.matchAll(/export\s+(?:async\s+)?(?:function|const)\s+(GET|POST|PUT|PATCH|DELETE)\b(\s*=\s*(?:methodNotAllowed|notAllowed\w*)\b)?/g)) {
    if (!match[2]) found.add(match[1]);
  }
  for (const match of source.matchAll(/export\s+(?:const\s+)?\{([^}]*)\}(\s*=\s*otherMethods\b)?/g)) {
    // `otherMethods(…)` answers the methods a route does not serve with 405: not handlers.
    if (match[2]) continue;
    for (const item of match[1].split(",")) {
      const name = item.trim().split(/\s+as\s+/).pop()?.trim() ?? "";
      if ((HANDLER_METHODS as readonly string[]).includes(name)) found.add(name);
    }
  }
  return [...found].sort();
}

export interface RouteFile {
  /** The route, with its dynamic segments: `/api/annotations/[id]`, `/api/auth/[...all]`. */
  route: string;
  file: string;
  kind: "handler" | "page";
  /** For a handler, the methods it serves (not those it refuses); for a page, GET. */
  methods: string[];
  source: string;
}

/** Every route handler and page under app/. */
export function routeFiles(): RouteFile[] {
  const found: RouteFile[] = [];
  for (const file of files(join(root, "app"))) {
    const isHandler = file.endsWith(`${sep}route.ts`);
    const isPage = file.endsWith(`${sep}page.tsx`);
    if (!isHandler && !isPage) continue;
    const source = readFileSync(file, "utf8");
    found.push({ route: routeOf(file), file, kind: isHandler ? "handler" : "page", methods: isHandler ? exportedMethods(source) : ["GET"], source });
  }
  return found.sort((a, b) => a.route.localeCompare(b.route));
}
