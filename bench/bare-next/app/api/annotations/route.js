// The write-path baseline (bench/notes.ts): a bare Next route handler that does what the reader's
// POST /api/annotations must do at the least, with nothing of the app around it: the same session
// lookup (the signed better-auth cookie checked against its HMAC, then the Session and User rows)
// and the same insert (one row into the app's own Annotation table, in the app's own database file,
// whose trigger appends its event), with better-sqlite3 and the app's connection settings. No
// origin check, no validation beyond the fields' types, no quote check against the text.
import { createHmac, randomUUID, timingSafeEqual } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const COOKIE = "better-auth.session_token";
let state = null;

function open() {
  if (state) return state;
  const Database = createRequire(import.meta.url)("better-sqlite3");
  const database = new Database(process.env.BARE_NEXT_DB);
  for (const pragma of ["journal_mode = WAL", "synchronous = FULL", "busy_timeout = 5000", "foreign_keys = ON"]) database.exec(`PRAGMA ${pragma}`);
  state = {
    secret: readFileSync(process.env.BARE_NEXT_AUTH_SECRET_FILE, "utf8").trim(),
    session: database.prepare(
      `SELECT u."id" AS "id", u."name" AS "name", u."role" AS "role" FROM "Session" s JOIN "User" u ON u."id" = s."userId" WHERE s."token" = ? AND s."expiresAt" > ?`,
    ),
    insert: database.prepare(`INSERT INTO "Annotation" ("id", "briefSlug", "authorId", "motivation", "visibility", "body", "tags", "blockId",
      "quoteExact", "quotePrefix", "quoteSuffix", "positionStart", "positionEnd", "entityId", "revisionSha", "anchorSha", "anchorStatus", "anchorScore",
      "createdAt", "modifiedAt", "updatedAt") VALUES (@id, @briefSlug, @authorId, @motivation, @visibility, @body, @tags, @blockId, @quoteExact, @quotePrefix,
      @quoteSuffix, @positionStart, @positionEnd, @entityId, @revisionSha, @anchorSha, @anchorStatus, @anchorScore, @createdAt, @modifiedAt, @modifiedAt)`),
  };
  return state;
}

/** A time as Prisma's SQLite adapter stores DateTime (ISO 8601, "+00:00"), so the rows compare and read alike. */
const stamp = (date) => date.toISOString().replace("Z", "+00:00");

/** The signed-in user of the request's session cookie (`<token>.<base64 HMAC-SHA256>`), or null. */
function viewerOf(request, { secret, session }) {
  const cookie = (request.headers.get("cookie") ?? "").split(/;\s*/).find((pair) => pair.startsWith(`${COOKIE}=`));
  if (!cookie) return null;
  const value = decodeURIComponent(cookie.slice(COOKIE.length + 1));
  const dot = value.lastIndexOf(".");
  if (dot < 0) return null;
  const token = value.slice(0, dot);
  const expected = Buffer.from(createHmac("sha256", secret).update(token).digest("base64"));
  const given = Buffer.from(value.slice(dot + 1));
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return session.get(token, stamp(new Date())) ?? null;
}

export async function POST(request) {
  const database = open();
  const viewer = viewerOf(request, database);
  if (!viewer) return Response.json({ error: { code: "unauthorized" } }, { status: 401 });
  let input;
  try {
    input = await request.json();
  } catch {
    return Response.json({ error: { code: "invalid_input", message: "bad JSON" } }, { status: 400 });
  }
  const target = input?.target ?? null;
  const text = target && typeof target.quote?.exact === "string" && Number.isInteger(target.position?.start) && Number.isInteger(target.position?.end) ? target : null;
  const entity = target && typeof target.entityId === "string" ? target.entityId : null;
  if (typeof input?.brief !== "string" || typeof input.body !== "string" || (!text && !entity)) {
    return Response.json({ error: { code: "invalid_input", message: "brief, body and a target are required" } }, { status: 400 });
  }
  const now = new Date();
  const row = {
    id: randomUUID(),
    briefSlug: input.brief,
    authorId: viewer.id,
    motivation: input.body.trim() ? "commenting" : "highlighting",
    visibility: input.visibility === "shared" ? "shared" : "private",
    body: input.body,
    tags: "[]",
    blockId: text ? String(text.blockId) : null,
    quoteExact: text ? text.quote.exact : null,
    quotePrefix: text ? String(text.quote.prefix ?? "") : null,
    quoteSuffix: text ? String(text.quote.suffix ?? "") : null,
    positionStart: text ? text.position.start : null,
    positionEnd: text ? text.position.end : null,
    entityId: entity,
    // The brief's current revision (given by the benchmark), as the app stores it: nothing looks stale.
    revisionSha: process.env.BARE_NEXT_REVISION ?? "",
    anchorSha: text ? (process.env.BARE_NEXT_REVISION ?? "") : null,
    anchorStatus: text ? "exact" : null,
    anchorScore: text ? 1 : null,
    createdAt: stamp(now),
    modifiedAt: stamp(now),
  };
  database.insert.run(row);
  const created = now.toISOString();
  return Response.json(
    { ...row, author: { id: viewer.id, name: viewer.name }, created, modified: created, version: 1, edited: false, deleted: false, hidden: false, color: null, parentId: null },
    { status: 201, headers: { "cache-control": "private, no-store" } },
  );
}
