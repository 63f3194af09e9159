/**
 * Bad input, tried systematically: property-based tests (fast-check) over every endpoint.
 * Whatever arrives (random or malformed JSON, wrong types, huge strings, decomposed Hangul, lone
 * surrogates in any text field, invalid selectors, unknown ids, paths that are not UTF-8 once
 * percent-decoded, any method on any route, wrong content types), the answer is a 4xx with a
 * JSON error `{ error: { code, message } }`, never a 5xx or a crash, and what was saved before
 * is unchanged. The routes come from the files under app/ (tests/support/route-inventory.ts), so a
 * new route is tried without being listed here.
 *
 * Each property sends real HTTP to the app the suite serves. Runs are seeded per property
 * (fast-check prints the seed and the shrunk counterexample when one fails).
 */
import { request as httpRequest } from "node:http";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Annotation } from "@/lib/domain/annotation";
import type { BriefView } from "@/lib/domain/brief";
import { isWellFormed } from "@/lib/text/stored-text";
import { type JsonResponse, TestClient, testAddress, uniqueEmail } from "../support/http-client";
import { routeFiles } from "../support/route-inventory";

const baseURL = inject("baseURL");
const slug = "japan-quasi-alliance";
const RUNS = Number(process.env.PROPERTY_RUNS ?? 60);

// ---------------------------------------------------------------------------------------------
// The endpoints, with the methods each route serves. A new route belongs here.

interface Endpoint {
  /** A path; `:id` is replaced by generated ids, `:annotation` by a saved annotation's id. */
  path: string;
  methods: string[];
  /** Methods that read a JSON body. */
  bodies?: string[];
  /** The most bytes a body may have, where it is not the API's usual 1 MB. */
  limit?: number;
  auth?: boolean;
}

const ENDPOINTS: Endpoint[] = [
  { path: "/api/briefs", methods: ["GET", "POST"] },
  { path: "/api/briefs/:id", methods: ["GET", "PATCH"] },
  { path: "/api/briefs/:id/revisions", methods: ["GET"] },
  { path: "/api/briefs/:id/publish", methods: ["POST"] },
  { path: "/api/briefs/:id/original", methods: ["GET"] },
  { path: "/api/briefs/:id/changes", methods: ["GET"] },
  { path: "/api/members", methods: ["GET"] },
  { path: "/api/members/:id", methods: ["PATCH"] },
  { path: "/api/agreements", methods: ["GET"] },
  { path: "/api/agreements/:id", methods: ["GET"] },
  { path: "/api/entities", methods: ["GET", "POST"], bodies: ["POST"], auth: true },
  { path: "/api/entities/:id", methods: ["GET", "PATCH"], bodies: ["PATCH"], auth: true },
  { path: "/api/entities/:id/merge", methods: ["POST"], bodies: ["POST"], auth: true },
  { path: "/api/entities/:id/history", methods: ["GET"] },
  { path: "/api/agreements/:id/events", methods: ["POST"], bodies: ["POST"], auth: true },
  { path: "/api/agreements/:id/history", methods: ["GET"] },
  { path: "/api/briefs/:id/mentions", methods: ["POST"], bodies: ["POST"], auth: true },
  { path: "/api/versions", methods: ["GET"] },
  { path: "/api/knowledge/suggestions", methods: ["GET"], auth: true },
  { path: "/api/annotations", methods: ["GET", "POST"], bodies: ["POST"], auth: true },
  { path: "/api/annotations/:annotation", methods: ["GET", "PATCH", "DELETE"], bodies: ["PATCH"], auth: true },
  { path: "/api/search", methods: ["GET"] },
  { path: "/annotations/", methods: ["GET", "POST"], bodies: ["POST"], auth: true },
  { path: "/annotations/:annotation", methods: ["GET", "PUT", "DELETE"], bodies: ["PUT"], auth: true },
  { path: "/api/account/tokens", methods: ["GET", "POST"], bodies: ["POST"], auth: true },
  { path: "/api/account/tokens/:id", methods: ["DELETE"], auth: true },
  { path: "/api/groups", methods: ["GET", "POST"], bodies: ["POST"], auth: true },
  { path: "/api/groups/:id", methods: ["GET", "PATCH", "DELETE"], bodies: ["PATCH"], auth: true },
  { path: "/api/groups/:id/members", methods: ["POST"], bodies: ["POST"], auth: true },
  { path: "/api/groups/:id/invites", methods: ["POST", "DELETE"], auth: true },
  { path: "/api/notifications", methods: ["GET"], auth: true },
  { path: "/api/notifications/read", methods: ["POST"], bodies: ["POST"], auth: true },
  { path: "/api/notifications/settings", methods: ["GET", "PUT"], bodies: ["PUT"], auth: true },
  { path: "/api/follows/:id", methods: ["GET", "PUT", "DELETE"], auth: true },
  { path: "/api/people", methods: ["GET"], auth: true },
  { path: "/api/export/annotations.jsonld", methods: ["GET"], auth: true },
  { path: "/api/export/notes.md", methods: ["GET"], auth: true },
  { path: "/api/import/annotations", methods: ["POST"], bodies: ["POST"], auth: true, limit: 10_000_000 },
  { path: "/api/auth/sign-in/email", methods: ["POST"], bodies: ["POST"] },
  { path: "/api/auth/sign-up/email", methods: ["POST"], bodies: ["POST"] },
];
const ALL_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"];

// ---------------------------------------------------------------------------------------------
// Arbitraries

const hangulSyllable = fc.integer({ min: 0xac00, max: 0xd7a3 }).map((code) => String.fromCodePoint(code));
/** Korean words, decomposed (NFD) or not, as pasted from macOS file names or old documents. */
const hangul = fc
  .tuple(fc.array(hangulSyllable, { minLength: 1, maxLength: 12 }), fc.boolean())
  .map(([syllables, decompose]) => (decompose ? syllables.join("").normalize("NFD") : syllables.join("")));
const nasty = fc.constantFrom(
  "",
  " ",
  "\u0000",
  "\uFEFF",
  "\uD800",
  "../../etc/passwd",
  "%00",
  "%E0%A4%A",
  "<script>alert(1)</script>",
  "'; DROP TABLE Annotation; --",
  "__proto__",
  "constructor",
  "🇰🇷".repeat(50),
  "영국과".normalize("NFD"),
);
const text = fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: "binary", maxLength: 40 }), hangul, nasty);
/** Ids that exist (briefs, entities, records), filled in before the properties run. */
const knownIds = new Set<string>();
/** Ids nobody has: random, hostile or decomposed strings. */
const unknownId = fc
  .oneof(text, fc.uuid())
  .filter((id) => id.trim() !== "" && !id.includes("/") && !id.startsWith(".") && !knownIds.has(id.toLowerCase()) && canEncode(id));

function canEncode(id: string): boolean {
  try {
    encodeURIComponent(id);
    return true;
  } catch {
    return false; // A lone surrogate cannot be put in a URL at all.
  }
}

/** A string holding a lone surrogate: it has no UTF-8 form, and once reached the database as a 500. */
const loneSurrogate = fc
  .tuple(fc.oneof(fc.string({ maxLength: 8 }), hangul), fc.integer({ min: 0xd800, max: 0xdfff }), fc.oneof(fc.string({ maxLength: 8 }), hangul))
  .map(([before, unit, after]) => `${before}${String.fromCharCode(unit)}${after}`)
  .filter((value) => !isWellFormed(value));

/**
 * A path segment whose percent-escapes do not decode to UTF-8: a lone byte, an encoded
 * surrogate, an overlong form, a truncated sequence, or random bytes that are none of UTF-8.
 */
const badPercentSegment = fc.oneof(
  fc.constantFrom("%FF", "%ED%A0%80", "%c0%ae%c0%ae%2f", "%E0%A4%A", "%C3", "%F4%90%80%80", "%80", "x%FEy"),
  fc
    .uint8Array({ minLength: 1, maxLength: 6 })
    .map((bytes) => [...bytes].map((byte) => `%${byte.toString(16).padStart(2, "0").toUpperCase()}`).join(""))
    .filter((segment) => !decodes(segment)),
);

function decodes(segment: string): boolean {
  try {
    decodeURIComponent(segment);
    return true;
  } catch {
    return false;
  }
}

/** A value of any JSON type but the one expected. */
const notString = fc.oneof(fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(fc.jsonValue(), { maxLength: 3 }), fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 3 }));
const notBoolean = fc.oneof(fc.integer(), fc.string(), fc.constant(null), fc.array(fc.boolean(), { maxLength: 2 }));
const hugeText = fc.integer({ min: 20_001, max: 30_000 }).map((length) => "가".repeat(length));

const badSelector = fc.oneof(
  // Shapes that are wrong in themselves.
  fc.record({ blockId: notString, quote: fc.record({ exact: text }), position: fc.record({ start: fc.nat(), end: fc.nat() }) }),
  fc.record({ blockId: text, quote: fc.oneof(notString, fc.record({ exact: notString })), position: fc.record({ start: fc.nat(), end: fc.nat() }) }),
  fc.record({ blockId: text, quote: fc.record({ exact: hangul }), position: fc.oneof(notString, fc.record({ start: fc.integer({ max: -1 }), end: fc.nat() })) }),
  // Positions that run backwards or past the end, quotes that are not there.
  fc.record({
    blockId: text,
    quote: fc.record({ exact: hangul, prefix: fc.option(text, { nil: undefined }), suffix: fc.option(text, { nil: undefined }) }),
    position: fc.tuple(fc.nat({ max: 1_000_000 }), fc.nat({ max: 1_000_000 })).map(([a, b]) => ({ start: Math.max(a, b), end: Math.min(a, b) + (a === b ? 0 : 0) })),
  }),
  fc.record({ blockId: text, quote: fc.record({ exact: hangul }), position: fc.nat({ max: 5_000 }).map((start) => ({ start, end: start + 3 })) }),
  fc.record({ entityId: unknownId }),
  fc.record({ entityId: text, blockId: text }),
  fc.dictionary(fc.string(), fc.jsonValue(), { minKeys: 1, maxKeys: 4 }),
);

/** A create body with at least one field of the wrong type or value. */
const badCreate = fc
  .record(
    {
      brief: fc.oneof(notString, unknownId, fc.constant(slug)),
      motivation: fc.oneof(notString, text),
      visibility: fc.oneof(notString, text),
      body: fc.oneof(notString, hugeText, hangul),
      tags: fc.oneof(notString.filter((value) => !Array.isArray(value)), fc.array(notString, { minLength: 1, maxLength: 3 }), fc.array(hangul, { minLength: 21, maxLength: 25 })),
      target: badSelector,
      parentId: fc.oneof(fc.integer(), unknownId),
      color: fc.oneof(notString, text),
      unexpected: fc.jsonValue(),
    },
    { requiredKeys: [] },
  )
  .filter((body) => Object.keys(body).length > 0);

/** A patch with at least one field of the wrong type or value. */
const badPatch = fc
  .record(
    {
      body: fc.oneof(notString, hugeText),
      tags: fc.oneof(notString.filter((value) => !Array.isArray(value)), fc.array(notString, { minLength: 1, maxLength: 3 })),
      motivation: fc.oneof(notString, text),
      visibility: fc.oneof(notString, text),
      color: fc.oneof(fc.integer(), fc.boolean(), text),
      deleted: notBoolean,
      hidden: notBoolean,
      target: badSelector,
      unexpected: fc.jsonValue(),
    },
    { requiredKeys: [] },
  )
  .filter((patch) => Object.keys(patch).length > 0);

const malformedJson = fc.oneof(
  fc.string({ maxLength: 60 }).filter((raw) => !isJson(raw)),
  fc.jsonValue().map((value) => JSON.stringify(value).slice(0, -1)).filter((raw) => !isJson(raw)),
  fc.constantFrom("{", "[", '{"body":', "{'single':1}", "\uFEFF{}x", "nul", '{"a":1}{"b":2}'),
);
const badContentType = fc.constantFrom("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/xml", "", "application/jsonp");

function isJson(raw: string): boolean {
  try {
    JSON.parse(raw);
    return true;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------
// What every answer to bad input must be.

function expectJsonError(response: JsonResponse, what: string): void {
  const body = response.body as { error?: { code?: unknown; message?: unknown } } | null;
  const described = `${what} → ${response.status} ${JSON.stringify(response.body)?.slice(0, 300)}`;
  expect(response.status, described).toBeGreaterThanOrEqual(400);
  expect(response.status, described).toBeLessThan(500);
  expect(response.headers.get("content-type") ?? "", described).toMatch(/json/);
  // better-auth answers its own errors as { code, message }; ours as { error: { code, message } }.
  const error = body?.error ?? (body as { code?: unknown; message?: unknown } | null);
  expect(typeof error?.message === "string" || typeof error?.code === "string", described).toBe(true);
}

function pathOf(endpoint: Endpoint, id: string): string {
  return endpoint.path.replace(":annotation", encodeURIComponent(id)).replace(":id", encodeURIComponent(id));
}

/**
 * A request as sent, byte for byte: any method (fetch refuses TRACE and CONNECT) and a path kept
 * exactly as written (no URL parser re-encodes it on the way).
 */
function rawRequest(method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<JsonResponse<unknown> & { text: string }> {
  const url = new URL(baseURL);
  return new Promise((done, fail) => {
    const request = httpRequest({ host: url.hostname, port: url.port, method, path, headers: { "x-forwarded-for": testAddress(), ...headers } }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      // An event stream never ends by itself: its first chunk (the `retry` line) is answer enough.
      if (String(response.headers["content-type"] ?? "").startsWith("text/event-stream")) response.once("data", () => response.destroy());
      response.on("close", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        let parsed: unknown = text;
        try {
          parsed = text ? JSON.parse(text) : null;
        } catch {
          // Not JSON: the text is the body.
        }
        const headersOut = new Headers();
        for (const [name, value] of Object.entries(response.headers)) if (value !== undefined) headersOut.set(name, Array.isArray(value) ? value.join(", ") : value);
        done({ status: response.statusCode ?? 0, headers: headersOut, body: parsed, text });
      });
    });
    request.on("error", fail);
    request.end(body);
  });
}

/** The routes of the app, from the files under app/ (without their source, so a counterexample prints short). */
const ROUTES = routeFiles().map(({ route, kind, methods }) => ({ route, kind, methods }));
/** A path for a route, its dynamic segments filled by `fill` (known values by default). */
function routePath(route: string, fill: (segment: string) => string): string {
  const path = route.replace(/\[(\.\.\.)?[^\]]+\]/g, (segment) => fill(segment));
  // The W3C container's IRI ends in "/" (app/annotations/route.ts redirects the bare path).
  return path === "/annotations" ? "/annotations/" : path;
}
const isJsonRoute = (route: string) => /^\/(api|annotations)(\/|$)/.test(route);

// ---------------------------------------------------------------------------------------------

let alice: TestClient;
let mallory: TestClient;
let anonymous: TestClient;
let saved: Annotation[] = [];
let snapshot: string;
/** The first id of each list endpoint, for routes that need an existing one. */
const firstIds = new Map<string, string>();

async function savedState(): Promise<string> {
  // What alice and a colleague see, and each saved annotation read one by one.
  const mine = await alice.get<Annotation[]>(`/api/annotations?brief=${slug}&include=deleted`);
  const theirs = await mallory.get<Annotation[]>(`/api/annotations?brief=${slug}`);
  const ours = (list: Annotation[]) => list.filter((item) => item.author.id === alice.user?.id).sort((a, b) => a.id.localeCompare(b.id));
  const each = await Promise.all(saved.map((item) => alice.get(`/api/annotations/${item.id}`)));
  return JSON.stringify({ mine: ours(mine.body), theirs: ours(theirs.body), each: each.map((response) => [response.status, response.body]) });
}

beforeAll(async () => {
  alice = await new TestClient(baseURL).signUp("앨리스", uniqueEmail("alice-property"));
  mallory = await new TestClient(baseURL).signUp("Mallory", uniqueEmail("mallory-property"));
  anonymous = new TestClient(baseURL);
  for (const list of ["/api/briefs", "/api/entities", "/api/agreements"]) {
    const items = (await (await fetch(`${baseURL}${list}`)).json()) as { id?: string; slug?: string }[];
    for (const item of items) knownIds.add((item.id ?? item.slug ?? "").toLowerCase());
    firstIds.set(list, items[0]?.id ?? items[0]?.slug ?? "");
  }
  const view = (await (await fetch(`${baseURL}/api/briefs/${slug}`)).json()) as BriefView;
  const block = view.sections[1].blocks[0];
  const blocks = view.sections.flatMap((section) => section.blocks);
  let start = 0;
  for (const item of blocks) {
    if (item.id === block.id) break;
    start += Array.from(item.text).length + 1;
  }
  const exact = Array.from(block.text).slice(0, 12).join("");
  const target = { blockId: block.id, quote: { exact }, position: { start, end: start + 12 } };
  for (const input of [
    { brief: slug, target, visibility: "shared", body: "공유 메모 **굵게**", tags: ["호주"] },
    { brief: slug, target, visibility: "private", body: "비공개 메모" },
    { brief: slug, target: { entityId: "au" }, visibility: "shared", body: "호주에 대한 메모" },
  ]) {
    const response = await alice.post<Annotation>("/api/annotations", input);
    expect(response.status).toBe(201);
    saved.push(response.body);
  }
  const reply = await alice.post<Annotation>("/api/annotations", { parentId: saved[0].id, body: "답글" });
  expect(reply.status).toBe(201);
  saved = [...saved, reply.body];
  snapshot = await savedState();
});

afterAll(async () => {
  // Nothing saved before was changed by any of it.
  expect(await savedState()).toBe(snapshot);
});

const params = (seed: number) => ({ numRuns: RUNS, seed, endOnFailure: true });

describe("every endpoint answers bad input with a 4xx JSON error", () => {
  it("refuses create bodies with wrong types, huge strings and invalid selectors", async () => {
    await fc.assert(
      fc.asyncProperty(badCreate, async (body) => {
        expectJsonError(await alice.post("/api/annotations", body), `POST /api/annotations ${JSON.stringify(body).slice(0, 200)}`);
      }),
      params(1),
    );
  });

  it("refuses patches with wrong types on every saved annotation, by its author and by others", async () => {
    await fc.assert(
      fc.asyncProperty(badPatch, fc.nat({ max: saved.length - 1 }), fc.boolean(), async (patch, index, asAuthor) => {
        const client = asAuthor ? alice : mallory;
        const response = await client.patch(`/api/annotations/${saved[index].id}`, patch);
        expectJsonError(response, `PATCH ${JSON.stringify(patch).slice(0, 200)}`);
      }),
      params(2),
    );
  });

  it("refuses changes and deletes of saved annotations by anyone but their author", async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: saved.length - 1 }), fc.constantFrom("PATCH", "DELETE"), fc.boolean(), async (index, method, signedIn) => {
        const client = signedIn ? mallory : anonymous;
        const response = await client.request(method, `/api/annotations/${saved[index].id}`, { json: method === "PATCH" ? { body: "덮어쓰기" } : undefined });
        expectJsonError(response, `${method} by ${signedIn ? "another member" : "anonymous"}`);
      }),
      params(3),
    );
  });

  it("refuses malformed JSON and wrong content types on every endpoint that reads a body", async () => {
    const targets = ENDPOINTS.flatMap((endpoint) => (endpoint.bodies ?? []).map((method) => ({ endpoint, method })));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...targets), fc.oneof(malformedJson.map((raw) => ({ raw, type: "application/json" })), fc.record({ raw: fc.jsonValue().map((value) => JSON.stringify(value)), type: badContentType })), async ({ endpoint, method }, { raw, type }) => {
        const path = pathOf(endpoint, saved[0].id);
        const response = await alice.request(method, path, { raw, headers: type ? { "content-type": type } : {} });
        expectJsonError(response, `${method} ${path} ${type} ${raw.slice(0, 80)}`);
      }),
      params(4),
    );
  });

  it("refuses bodies over the request size limit with 413, whatever they hold", async () => {
    const targets = ENDPOINTS.filter((endpoint) => endpoint.auth).flatMap((endpoint) => (endpoint.bodies ?? []).map((method) => ({ endpoint, method })));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...targets), fc.integer({ min: 1, max: 400_000 }), hangulSyllable, async ({ endpoint, method }, over, filler) => {
        // Well-formed JSON, so only its size is wrong (a syllable is 3 bytes of UTF-8).
        const size = (endpoint.limit ?? 1_000_000) + over;
        const raw = JSON.stringify({ body: filler.repeat(Math.ceil(size / 3)) });
        const response = await alice.request(method, pathOf(endpoint, saved[0].id), { raw, headers: { "content-type": "application/json" } });
        expectJsonError(response, `${method} ${endpoint.path} with ${raw.length} characters`);
        expect(response.status).toBe(413);
      }),
      { ...params(9), numRuns: 6 },
    );
  });

  it("answers unknown and hostile ids with 404 (or 400) JSON, signed in or not", async () => {
    const withIds = ENDPOINTS.filter((endpoint) => endpoint.path.includes(":"));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...withIds), unknownId, fc.boolean(), async (endpoint, id, signedIn) => {
        const path = pathOf(endpoint, id);
        const response = await (signedIn ? mallory : anonymous).get(path);
        expectJsonError(response, `GET ${path}`);
      }),
      params(5),
    );
  });

  it("answers methods a route does not serve with 405 JSON naming the allowed ones", async () => {
    const wrong = ENDPOINTS.flatMap((endpoint) => ALL_METHODS.filter((method) => !endpoint.methods.includes(method)).map((method) => ({ endpoint, method })));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...wrong), async ({ endpoint, method }) => {
        const path = pathOf(endpoint, saved[0].id).replace(":id", slug);
        // Account endpoints count every request per address: a fresh address per try.
        const client = path.startsWith("/api/auth/") ? new TestClient(baseURL) : alice;
        const response = await client.request(method, path, { json: method === "GET" ? undefined : {} });
        expectJsonError(response, `${method} ${path}`);
        // better-auth routes GET and POST itself and cannot tell a wrong method from a wrong path.
        if (path.startsWith("/api/auth/") && ["GET", "POST"].includes(method)) {
          expect(response.status, `${method} ${path}`).toBe(404);
          return;
        }
        expect(response.status, `${method} ${path}`).toBe(405);
        expect(response.headers.get("allow") ?? "", `${method} ${path}`).not.toBe("");
      }),
      { ...params(6), numRuns: Math.min(RUNS, wrong.length * 2) },
    );
  });

  // Parameters some list endpoint knows: random ones stand for the unknown.
  const KNOWN_PARAMETERS = new Set(["q", "brief", "limit", "scope", "format", "download", "lang", "include", "page", "iris", "after"]);

  it("refuses random query parameters on the list endpoints", async () => {
    const lists = ["/api/annotations", "/api/agreements", "/api/search", "/api/export/annotations.jsonld", "/api/export/notes.md"];
    await fc.assert(
      // Next drops `__proto__` from the query before a route sees it (it builds a plain object),
      // so that name cannot reach the app; lib/http/validate.ts refuses it anyway.
      fc.asyncProperty(fc.constantFrom(...lists), fc.dictionary(text.filter((key) => key !== "" && key !== "__proto__" && !KNOWN_PARAMETERS.has(key)), text, { minKeys: 1, maxKeys: 3 }), async (path, query) => {
        const search = new URLSearchParams(query).toString();
        const response = await alice.get(`${path}?${search}`);
        // An unknown parameter is refused; a known one with a bad value too.
        expectJsonError(response, `GET ${path}?${search}`);
      }),
      params(7),
    );
  });

  it("refuses sign-in and sign-up bodies of the wrong shape", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("/api/auth/sign-in/email", "/api/auth/sign-up/email"),
        fc.record({ email: fc.oneof(notString, text), password: fc.oneof(notString, fc.string({ maxLength: 3 })), name: fc.oneof(notString, hugeText) }, { requiredKeys: [] }),
        async (path, body) => {
          // Each try from its own address, so the sign-in limit does not turn these into 429s.
          const client = new TestClient(baseURL);
          expectJsonError(await client.post(path, body), `POST ${path} ${JSON.stringify(body).slice(0, 120)}`);
        },
      ),
      params(8),
    );
  });

  it("stores decomposed Hangul as composed text, and finds the quote it names", async () => {
    // Not an error: a quote pasted in NFD names the same passage. The answer is 201 and NFC.
    const view = (await (await fetch(`${baseURL}/api/briefs/${slug}`)).json()) as BriefView;
    const block = view.sections[0].blocks[0];
    const exact = Array.from(block.text).slice(0, 6).join("");
    const response = await mallory.post<Annotation>("/api/annotations", {
      brief: slug,
      target: { blockId: block.id, quote: { exact: exact.normalize("NFD") }, position: { start: 0, end: 6 } },
      body: "분해된 한글".normalize("NFD"),
    });
    expect(response.status).toBe(201);
    expect(response.body.target).toMatchObject({ quote: { exact } });
  });
});

// ---------------------------------------------------------------------------------------------
// What the independent probe found and the properties above missed: lone surrogates in text
// fields (a 500 from the database), paths that are not UTF-8 (a bare 500 from Next's router), and
// methods Next cannot route (TRACE: a 500). Every route comes from the files under app/.

/** A value for a route's dynamic segment that names something that exists (or a harmless unknown). */
function knownSegment(route: string, segment: string): string {
  if (segment === "[...all]") return "get-session";
  if (segment === "[...path]") return "nowhere";
  if (/briefs/.test(route)) return slug;
  if (/^\/(api\/)?annotations\//.test(route)) return saved[0].id;
  if (/agreements/.test(route)) return firstIds.get("/api/agreements") ?? "unknown";
  if (/entities/.test(route)) return firstIds.get("/api/entities") ?? "unknown";
  return "no-such-id";
}

/** The same signed-in client, claiming another address. */
function fromNewAddress(client: TestClient): TestClient {
  const copy = new TestClient(baseURL);
  for (const [name, value] of client.cookies) copy.cookies.set(name, value);
  return copy;
}

/** Where each write takes text, with the field the 400 must name. `as`: who sends it. */
interface TextWrite {
  method: string;
  path: () => string;
  body: (bad: string) => unknown;
  field: string;
  as: "alice" | "fresh";
}

const TEXT_WRITES: TextWrite[] = [
  { method: "POST", path: () => "/api/annotations", body: (bad) => ({ brief: slug, target: { entityId: "kr" }, body: bad }), field: "body", as: "alice" },
  { method: "POST", path: () => "/api/annotations", body: (bad) => ({ brief: slug, target: { entityId: "kr" }, body: "x", tags: ["안보", bad] }), field: "tags.1", as: "alice" },
  { method: "POST", path: () => "/api/annotations", body: (bad) => ({ brief: slug, target: { blockId: "c-x", quote: { exact: bad }, position: { start: 0, end: 1 } } }), field: "target.quote.exact", as: "alice" },
  { method: "POST", path: () => "/api/annotations", body: (bad) => ({ parentId: bad, body: "답글" }), field: "parentId", as: "alice" },
  { method: "PATCH", path: () => `/api/annotations/${saved[0].id}`, body: (bad) => ({ body: bad }), field: "body", as: "alice" },
  { method: "PATCH", path: () => `/api/annotations/${saved[0].id}`, body: (bad) => ({ tags: [bad] }), field: "tags.0", as: "alice" },
  { method: "POST", path: () => "/api/account/tokens", body: (bad) => ({ name: bad }), field: "name", as: "alice" },
  { method: "POST", path: () => "/annotations/", body: (bad) => ({ type: "Annotation", target: "/entities/jp", body: { type: "TextualBody", value: bad } }), field: "body.value", as: "alice" },
  { method: "POST", path: () => "/annotations/", body: (bad) => ({ type: "Annotation", id: bad, target: "/entities/jp" }), field: "id", as: "alice" },
  {
    method: "POST",
    path: () => "/annotations/",
    body: (bad) => ({ type: "Annotation", target: { source: `/briefs/${slug}`, selector: { type: "TextQuoteSelector", exact: bad } } }),
    field: "target.selector.exact",
    as: "alice",
  },
  { method: "PUT", path: () => `/annotations/${saved[0].id}`, body: (bad) => ({ type: "Annotation", target: "/entities/jp", body: { type: "TextualBody", value: bad } }), field: "body.value", as: "alice" },
  { method: "POST", path: () => "/api/import/annotations", body: (bad) => [{ type: "Annotation", target: "/entities/jp", body: { type: "TextualBody", value: bad } }], field: "0.body.value", as: "alice" },
  { method: "POST", path: () => "/api/auth/sign-up/email", body: (bad) => ({ name: bad, email: uniqueEmail("lone"), password: "correct horse battery staple" }), field: "name", as: "fresh" },
  { method: "POST", path: () => "/api/auth/sign-up/email", body: (bad) => ({ name: "x", email: `${bad}@example.org`, password: "correct horse battery staple" }), field: "email", as: "fresh" },
  { method: "POST", path: () => "/api/auth/sign-in/email", body: (bad) => ({ email: uniqueEmail("lone"), password: bad }), field: "password", as: "fresh" },
  { method: "POST", path: () => "/api/auth/update-user", body: (bad) => ({ name: bad }), field: "name", as: "alice" },
  { method: "POST", path: () => "/api/auth/change-password", body: (bad) => ({ currentPassword: "not the password", newPassword: `long enough ${bad}` }), field: "newPassword", as: "alice" },
];

describe("lone surrogates, undecodable paths and every method, over every route", () => {
  it("refuses a lone surrogate in any text field of any write with 400 naming the field", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...TEXT_WRITES), loneSurrogate, async (write, bad) => {
        // Account endpoints count every request per address (better-auth allows 3 in 10 s for
        // some): alice from a fresh address each time there, with her cookies.
        const client = write.as === "fresh" ? new TestClient(baseURL) : write.path().startsWith("/api/auth/") ? fromNewAddress(alice) : alice;
        const headers = write.path().startsWith("/annotations/") && write.method === "PUT" ? { "if-match": `"${saved[0].version}"` } : undefined;
        const response = await client.request(write.method, write.path(), { json: write.body(bad), headers });
        const described = `${write.method} ${write.path()} ${write.field}=${JSON.stringify(bad)}`;
        expectJsonError(response, described);
        expect(response.status, described).toBe(400);
        const body = response.body as { field?: string; message?: string; error?: { field?: string; message?: string } };
        expect(body.error?.field ?? body.field, described).toBe(write.field);
        expect(body.error?.message ?? body.message, described).toMatch(/well-formed/);
      }),
      params(10),
    );
  });

  it("answers a path that is not UTF-8 once percent-decoded with 400 or 404 on every dynamic route, JSON under /api and /annotations", async () => {
    const dynamic = ROUTES.filter((route) => route.route.includes("["));
    expect(dynamic.length).toBeGreaterThan(8);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...dynamic), badPercentSegment, fc.boolean(), async (route, bad, signedIn) => {
        const path = routePath(route.route, () => bad);
        const response = await rawRequest("GET", path, signedIn ? { cookie: mallory.cookieHeader() } : {});
        const described = `GET ${path} → ${response.status} ${response.text.slice(0, 200)}`;
        expect([400, 404], described).toContain(response.status);
        if (isJsonRoute(route.route)) expectJsonError(response, described);
      }),
      params(11),
    );
  });

  it("answers every method on every route: one it serves never with a 5xx, any other with 405 and Allow", { timeout: 120_000 }, async () => {
    // The methods Node's HTTP parser knows (it answers any other token with 400 before the app).
    const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "PROPFIND", "MKCOL", "LOCK", "PURGE", "SEARCH"];
    const cases = ROUTES.flatMap((route) => METHODS.map((method) => ({ route, method })));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...cases), async ({ route, method }) => {
        const path = routePath(route.route, (segment) => encodeURIComponent(knownSegment(route.route, segment)));
        const isAuth = route.route.startsWith("/api/auth/");
        const served = route.kind === "page" ? ["GET", "HEAD"] : [...route.methods, ...(route.methods.includes("GET") ? ["HEAD"] : []), "OPTIONS"];
        // Signed in as a member who wrote nothing here, so no write of this test changes a saved note.
        const headers: Record<string, string> = isAuth ? {} : { cookie: mallory.cookieHeader() };
        const hasBody = ["POST", "PUT", "PATCH"].includes(method);
        if (hasBody) Object.assign(headers, { "content-type": "application/json", origin: baseURL });
        const response = await rawRequest(method, path, headers, hasBody ? "{}" : undefined);
        const described = `${method} ${path} → ${response.status} ${response.text.slice(0, 200)}`;
        expect(response.status, described).toBeLessThan(500);
        if (served.includes(method)) return;
        // better-auth routes GET and POST itself and cannot tell a wrong method from a wrong path.
        expect(response.status, described).toBe(405);
        expect(response.headers.get("allow") ?? "", described).not.toBe("");
        if (isJsonRoute(route.route) && method !== "HEAD") expectJsonError(response, described);
      }),
      { ...params(12), numRuns: Math.max(RUNS, cases.length * 2) },
    );
  });
});
