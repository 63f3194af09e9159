/**
 * The security tables cover the whole API: every route handler and method in app/api, every page
 * that shows notes, and every write better-auth serves has its row in the authorization matrix
 * and, if it changes something, in the cross-site tests. A new endpoint without rows fails here.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { MATRIX } from "../../support/authorization-matrix";
import { APP_WRITES, AUTH_WRITE_PATHS, AUTH_WRITES, NON_WRITES } from "../../support/mutating-requests";
import { routeFiles, routeOf } from "../../support/route-inventory";

// Every route handler: the app's API under /api, and the W3C annotation container at /annotations/.
const handlers = routeFiles()
  .filter((route) => route.kind === "handler")
  .flatMap((route) => route.methods.map((method) => `${method} ${route.route}`));

describe("the API's route handlers", () => {
  it("are found (a check of this test itself)", () => {
    expect(handlers).toContain("GET /api/annotations");
    expect(handlers).toContain("DELETE /api/annotations/[id]");
    expect(handlers).toContain("POST /api/auth/[...all]");
  });

  it("each have a row in the authorization matrix", () => {
    const covered = new Set(MATRIX.map((row) => `${row.method} ${row.route}`));
    expect(handlers.filter((handler) => !covered.has(handler))).toEqual([]);
  });

  it("each that changes something have a cross-site case, or say why not", () => {
    const covered = new Set([...APP_WRITES, ...AUTH_WRITES, ...NON_WRITES].map((write) => `${write.method} ${write.route}`));
    const writes = handlers.filter((handler) => !handler.startsWith("GET "));
    expect(writes.filter((handler) => !covered.has(handler))).toEqual([]);
  });

  it("each row of the matrix is a route that exists, or a page", () => {
    const known = new Set(handlers);
    const stale = MATRIX.filter((row) => /^\/(api|annotations)(\/|$)/.test(row.route) && !known.has(`${row.method} ${row.route}`));
    expect(stale.map((row) => `${row.method} ${row.route}`)).toEqual([]);
  });
});

describe("pages that show notes", () => {
  // A page shows notes if it renders the notes layer, the entity side panel (with its notes), or notes themselves.
  const NOTE_COMPONENTS = /@\/components\/(annotations\/|reader\/MentionLayer)/;
  const pages = routeFiles()
    .filter((route) => route.kind === "page" && NOTE_COMPONENTS.test(route.source))
    .map((route) => route.file);

  it("each have a row in the authorization matrix", () => {
    expect(pages.map(routeOf)).toContain("/briefs/[slug]");
    const covered = new Set(MATRIX.map((row) => row.route));
    expect(pages.map(routeOf).filter((route) => !covered.has(route))).toEqual([]);
  });
});

describe("better-auth's writes", () => {
  let served: string[] = [];

  beforeAll(async () => {
    // The auth instance is made from the app's own configuration, so plugins added later show up here.
    process.env.BETTER_AUTH_SECRET ??= "unit-test-secret-that-is-long-enough-to-use";
    const { authFor } = await import("@/lib/auth/auth");
    const endpoints = Object.values(authFor(new Headers()).api) as unknown as { path?: string; options?: { method?: string | string[] } }[];
    served = endpoints
      .filter((endpoint) => endpoint.path && [endpoint.options?.method ?? []].flat().some((method) => method !== "GET"))
      .map((endpoint) => endpoint.path as string)
      .sort();
  });

  it("each have a cross-site case", () => {
    expect(served.length).toBeGreaterThan(5);
    expect(served.filter((path) => !(AUTH_WRITE_PATHS as readonly string[]).includes(path))).toEqual([]);
  });
});
