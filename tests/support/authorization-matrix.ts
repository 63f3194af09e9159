/**
 * The authorization matrix as data: every endpoint of the API and every page about things notes
 * are attached to, × who asks (not signed in / a member who is not the author and in no group /
 * the author / an admin who is not the author nor in the group / a member of the note's group / a
 * member of another group) × the annotation's visibility (private / shared / group), with the
 * status expected and whether the annotation's content comes back in the answer.
 *
 * tests/integration/authorization-matrix.test.ts runs every cell; tests/unit/http/api-inventory.test.ts
 * checks that every route handler and method in app/api, and every page that shows notes, has a
 * row. To cover a new endpoint, add a row.
 */
import type { Annotation } from "@/lib/domain/annotation";

export const ACTORS = ["anonymous", "member", "author", "admin", "groupMember", "otherGroup"] as const;
export type Actor = (typeof ACTORS)[number];
export const VISIBILITIES = ["private", "shared", "group"] as const;
export type Visibility = (typeof VISIBILITIES)[number];
/** Who asks about a group note, in the order of a `groupCells` line. */
export const GROUP_ACTORS = ["anonymous", "groupMember", "otherGroup", "member", "author", "admin"] as const;

/** One cell: the expected status, and whether the annotation's content (a marker unique to it) is in the answer. */
export interface Cell {
  status: number;
  seen: boolean;
}

/**
 * A row's eight cells, written as a table line: four groups — anonymous | member (not the author) |
 * the author | admin (not the author) — of two statuses each, for a private and a shared
 * annotation. A `+` after a status means the annotation's content must be in the answer; without
 * it, it must not be.
 */
export function cells(line: string): Cell[] {
  const parsed = line
    .split("|")
    .flatMap((group) => group.trim().split(/\s+/))
    .map((cell) => ({ status: Number(cell.replace("+", "")), seen: cell.endsWith("+") }));
  if (parsed.length !== 8 || parsed.some((cell) => !Number.isInteger(cell.status))) throw new Error(`not a matrix line: ${line}`);
  return parsed;
}

/**
 * A row's six cells for a group note (the author's group, which `groupMember` is in; `otherGroup`
 * is in a group of their own; `member` and `admin` in none): anonymous | in the group | in
 * another group | in no group | the author | admin.
 */
export function groupCells(line: string): Cell[] {
  const parsed = line
    .split("|")
    .map((cell) => cell.trim())
    .map((cell) => ({ status: Number(cell.replace("+", "")), seen: cell.endsWith("+") }));
  if (parsed.length !== 6 || parsed.some((cell) => !Number.isInteger(cell.status))) throw new Error(`not a group matrix line: ${line}`);
  return parsed;
}

/**
 * The group cells of a row that does not spell them out: a group note is as a shared one to the
 * members of its group and its author, and as a private one to everyone else.
 */
function derivedGroupCells(cells: Cell[]): Cell[] {
  //       anonymous  in the group  another group  no group  author    admin
  return [cells[0], cells[3], cells[2], cells[2], cells[5], cells[6]];
}

/** The annotation a row is about. */
export interface Subject {
  id: string;
  brief: string;
  /** The group of the author's the group notes are shared with (`groupMember` is in it), and its name (unique). */
  groupId: string;
  groupName: string;
  /** A string unique to this annotation, in its body: finding it in an answer means it was shown. */
  marker: string;
  entityId: string | null;
}

export interface Row {
  name: string;
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** The route as Next names it (`/api/annotations/[id]`), or a page's path pattern. */
  route: string;
  /**
   * Which annotation the cells are about. `fresh`: each cell gets its own, written by the row's
   * author just before (writes change it); otherwise one pair, private and shared, serves every
   * cell of every such row. `deleted`: soft-deleted by its author first.
   */
  subject: { target: "text" | "entity"; fresh: boolean; deleted?: boolean };
  request(subject: Subject): { path: string; json?: unknown };
  /** What in the answer shows the annotation was shown, when not its marker (default). */
  evidence?(subject: Subject): string;
  /** For writes: whether the author's view of the annotation afterwards shows the write was made. */
  applied?(after: Annotation, replies: Annotation[]): boolean;
  /** See `cells()`. */
  cells: Cell[];
  /** See `groupCells()`; derived from `cells` when absent (`derivedGroupCells`). */
  group?: Cell[];
  /** An event stream: its answer is what it sends until `ready` (then it is closed). */
  stream?: true;
}

const list = (subject: Subject) => ({ path: `/api/annotations?brief=${subject.brief}&include=deleted` });
const one = (subject: Subject) => ({ path: `/api/annotations/${subject.id}` });
const fixed = (path: string) => () => ({ path });

//                           anonymous  | member     | author      | admin
//                           priv shared| priv shared| priv  shared| priv shared
const READ_LIST = cells(" 401  401   | 200  200+  | 200+  200+  | 200  200+");
const READ_ONE = cells("  401  401   | 404  200+  | 200+  200+  | 404  200+");
const EDIT = cells("      401  401   | 404  403   | 200+  200+  | 404  403");
//                              anonymous | in the group | another group | no group | author | admin
const GROUP_READ_LIST = groupCells(" 401      | 200+         | 200           | 200      | 200+   | 200");
const GROUP_READ_ONE = groupCells("  401      | 200+         | 404           | 404      | 200+   | 404");
const GROUP_EDIT = groupCells("      401      | 403          | 404           | 404      | 200+   | 404");
const PUBLIC = cells("    200  200   | 200  200   | 200   200   | 200  200");
const NO_ROUTE = cells("  404  404   | 404  404   | 404   404   | 404  404");

export const MATRIX: Row[] = [
  // The annotations API.
  { name: "GET list", method: "GET", route: "/api/annotations", subject: { target: "text", fresh: false }, request: list, cells: READ_LIST, group: GROUP_READ_LIST },
  { name: "GET one", method: "GET", route: "/api/annotations/[id]", subject: { target: "text", fresh: false }, request: one, cells: READ_ONE, group: GROUP_READ_ONE },
  {
    name: "POST reply",
    method: "POST",
    route: "/api/annotations",
    subject: { target: "text", fresh: true },
    request: (subject) => ({ path: "/api/annotations", json: { parentId: subject.id, body: "a reply" } }),
    applied: (_after, replies) => replies.length > 0,
    // A reply to what one cannot see is a reply to nothing: 400 naming parentId, as for an unknown id.
    cells: cells("401 401 | 400 201 | 201 201 | 400 201"),
    // A reply to a group note is a group note of the same group: its members and its author reply.
    group: groupCells("401 | 201 | 400 | 400 | 201 | 400"),
  },
  {
    name: "PATCH content",
    method: "PATCH",
    route: "/api/annotations/[id]",
    subject: { target: "text", fresh: true },
    request: (subject) => ({ path: `/api/annotations/${subject.id}`, json: { body: `${subject.marker} edited` } }),
    applied: (after) => after.body.endsWith(" edited"),
    cells: EDIT,
    group: GROUP_EDIT,
  },
  {
    name: "PATCH hidden",
    method: "PATCH",
    route: "/api/annotations/[id]",
    subject: { target: "text", fresh: true },
    request: (subject) => ({ path: `/api/annotations/${subject.id}`, json: { hidden: true } }),
    applied: (after) => after.hidden,
    // Only admins hide, and only shared notes; a private one is not theirs to see.
    cells: cells("401 401 | 404 403 | 403 403 | 404 200+"),
    // Nor a group note: an admin outside the group does not see it.
    group: groupCells("401 | 403 | 404 | 404 | 403 | 404"),
  },
  {
    name: "DELETE",
    method: "DELETE",
    route: "/api/annotations/[id]",
    subject: { target: "text", fresh: true },
    request: one,
    applied: (after) => after.deleted,
    cells: EDIT,
    group: GROUP_EDIT,
  },
  {
    name: "restore (PATCH deleted: false)",
    method: "PATCH",
    route: "/api/annotations/[id]",
    subject: { target: "text", fresh: true, deleted: true },
    request: (subject) => ({ path: `/api/annotations/${subject.id}`, json: { deleted: false } }),
    applied: (after) => !after.deleted,
    // A deleted note is its author's alone.
    cells: cells("401 401 | 404 404 | 200+ 200+ | 404 404"),
    group: groupCells("401 | 404 | 404 | 404 | 200+ | 404"),
  },

  // Notes on an entity or agreement record (the side panel's "notes" list).
  { name: "entity note: GET list", method: "GET", route: "/api/annotations", subject: { target: "entity", fresh: false }, request: list, cells: READ_LIST, group: GROUP_READ_LIST },
  { name: "entity note: GET one", method: "GET", route: "/api/annotations/[id]", subject: { target: "entity", fresh: false }, request: one, cells: READ_ONE, group: GROUP_READ_ONE },
  {
    name: "entity note: PATCH content",
    method: "PATCH",
    route: "/api/annotations/[id]",
    subject: { target: "entity", fresh: true },
    request: (subject) => ({ path: `/api/annotations/${subject.id}`, json: { body: `${subject.marker} edited` } }),
    applied: (after) => after.body.endsWith(" edited"),
    cells: EDIT,
  },
  {
    name: "entity note: DELETE",
    method: "DELETE",
    route: "/api/annotations/[id]",
    subject: { target: "entity", fresh: true },
    request: one,
    applied: (after) => after.deleted,
    cells: EDIT,
  },

  // The W3C Web Annotation Protocol: the same annotations, the same rules.
  {
    name: "protocol: GET the container",
    method: "GET",
    route: "/annotations",
    subject: { target: "text", fresh: false },
    // Items as IRIs: whether a given one is listed is the protocol tests' business (paging).
    request: (subject) => ({ path: `/annotations/?brief=${subject.brief}&iris=1` }),
    cells: cells("401 401 | 200 200 | 200 200 | 200 200"),
  },
  {
    name: "protocol: GET one",
    method: "GET",
    route: "/annotations/[id]",
    subject: { target: "text", fresh: false },
    request: (subject) => ({ path: `/annotations/${subject.id}` }),
    cells: READ_ONE,
    group: GROUP_READ_ONE,
  },
  {
    name: "protocol: POST a reply",
    method: "POST",
    route: "/annotations",
    subject: { target: "text", fresh: true },
    request: (subject) => ({
      path: "/annotations/",
      json: { type: "Annotation", motivation: "replying", target: `/annotations/${subject.id}`, body: { type: "TextualBody", value: "a reply", purpose: "commenting" } },
    }),
    applied: (_after, replies) => replies.length > 0,
    cells: cells("401 401 | 400 201 | 201 201 | 400 201"),
    group: groupCells("401 | 201 | 400 | 400 | 201 | 400"),
  },
  {
    name: "protocol: PUT without If-Match",
    method: "PUT",
    route: "/annotations/[id]",
    subject: { target: "text", fresh: true },
    request: (subject) => ({ path: `/annotations/${subject.id}`, json: { type: "Annotation", target: `/entities/jp`, body: { type: "TextualBody", value: "replaced" } } }),
    applied: () => false,
    // Past who-may-see and who-may-change (If-Match is honoured, not required), the author's
    // replacement is checked: a text annotation cannot become a note on an entity (400), nothing changes.
    cells: cells("401 401 | 404 403 | 400 400 | 404 403"),
    group: groupCells("401 | 403 | 404 | 404 | 400 | 404"),
  },
  {
    name: "protocol: DELETE",
    method: "DELETE",
    route: "/annotations/[id]",
    subject: { target: "text", fresh: true },
    request: (subject) => ({ path: `/annotations/${subject.id}` }),
    applied: (after) => after.deleted,
    cells: cells("401 401 | 404 403 | 204 204 | 404 403"),
    group: groupCells("401 | 403 | 404 | 404 | 204 | 404"),
  },

  // Search: the notes group holds exactly what the viewer may see (anonymous: none).
  {
    name: "GET search for a note's words",
    method: "GET",
    route: "/api/search",
    subject: { target: "text", fresh: false },
    // The marker less its last letter: found as a prefix, so the answer's echo of the query is not the marker itself.
    request: (subject) => ({ path: `/api/search?q=${subject.marker.slice(0, -1)}` }),
    cells: cells("200 200 | 200 200+ | 200+ 200+ | 200 200+"),
    group: groupCells("200 | 200+ | 200 | 200 | 200+ | 200"),
  },
  {
    name: "page: search results",
    method: "GET",
    route: "/search",
    subject: { target: "entity", fresh: false },
    request: (subject) => ({ path: `/search?q=${subject.marker.slice(0, -1)}` }),
    // The page marks the matched part of the marker, so the marker is not one string in its HTML;
    // a shown note links to its place by id.
    evidence: (subject) => `note=${subject.id}`,
    cells: cells("200 200 | 200 200+ | 200+ 200+ | 200 200+"),
    group: groupCells("200 | 200+ | 200 | 200 | 200+ | 200"),
  },

  // Export and import: one's own notes, and with scope=visible what one may see anyway.
  {
    name: "GET the JSON-LD export (scope=visible)",
    method: "GET",
    route: "/api/export/annotations.jsonld",
    subject: { target: "text", fresh: false },
    request: (subject) => ({ path: `/api/export/annotations.jsonld?scope=visible&brief=${subject.brief}` }),
    cells: cells("401 401 | 200 200+ | 200+ 200+ | 200 200+"),
    group: groupCells("401 | 200+ | 200 | 200 | 200+ | 200"),
  },
  {
    name: "GET the Markdown export (scope=visible)",
    method: "GET",
    route: "/api/export/notes.md",
    subject: { target: "text", fresh: false },
    request: (subject) => ({ path: `/api/export/notes.md?scope=visible&brief=${subject.brief}` }),
    cells: cells("401 401 | 200 200+ | 200+ 200+ | 200 200+"),
    group: groupCells("401 | 200+ | 200 | 200 | 200+ | 200"),
  },
  {
    name: "GET the JSON-LD export of one's own",
    method: "GET",
    route: "/api/export/annotations.jsonld",
    subject: { target: "entity", fresh: false },
    request: () => ({ path: "/api/export/annotations.jsonld" }),
    cells: cells("401 401 | 200 200 | 200+ 200+ | 200 200"),
  },
  {
    name: "POST an import (into one's own notes)",
    method: "POST",
    route: "/api/import/annotations",
    subject: { target: "text", fresh: false },
    request: () => ({ path: "/api/import/annotations", json: { type: "Annotation", target: "/entities/jp", body: { type: "TextualBody", value: "imported", purpose: "commenting" } } }),
    cells: cells("401 401 | 200 200 | 200 200 | 200 200"),
  },

  // Personal API tokens: each account's own, never anyone else's.
  { name: "GET own API tokens", method: "GET", route: "/api/account/tokens", subject: { target: "text", fresh: false }, request: fixed("/api/account/tokens"), cells: cells("401 401 | 200 200 | 200 200 | 200 200") },
  // Sign-in activity: each account's own (by the session's email), nobody else's.
  {
    name: "GET own sign-in activity",
    method: "GET",
    route: "/api/account/sign-in-activity",
    subject: { target: "text", fresh: false },
    request: fixed("/api/account/sign-in-activity"),
    cells: cells("401 401 | 200 200 | 200 200 | 200 200"),
  },
  {
    name: "POST an API token",
    method: "POST",
    route: "/api/account/tokens",
    subject: { target: "text", fresh: false },
    request: () => ({ path: "/api/account/tokens", json: { name: "matrix" } }),
    cells: cells("401 401 | 201 201 | 201 201 | 201 201"),
  },
  {
    name: "DELETE an API token that is not one's own",
    method: "DELETE",
    route: "/api/account/tokens/[id]",
    subject: { target: "text", fresh: false },
    request: (subject) => ({ path: `/api/account/tokens/${subject.id}` }),
    cells: cells("401 401 | 404 404 | 404 404 | 404 404"),
  },

  // Pages: notes are fetched by the page's script through the API above, never rendered into the HTML.
  { name: "page: the reader", method: "GET", route: "/briefs/[slug]", subject: { target: "text", fresh: false }, request: (subject) => ({ path: `/briefs/${subject.brief}` }), cells: PUBLIC },
  {
    name: "page: the reader with an entity's side panel",
    method: "GET",
    route: "/briefs/[slug]",
    subject: { target: "entity", fresh: false },
    request: (subject) => ({ path: `/briefs/${subject.brief}?entity=${subject.entityId}` }),
    cells: PUBLIC,
  },
  { name: "page: an entity", method: "GET", route: "/entities/[id]", subject: { target: "entity", fresh: false }, request: fixed("/entities/jp"), cells: PUBLIC },
  { name: "page: an agreement record", method: "GET", route: "/agreements/[id]", subject: { target: "entity", fresh: false }, request: (subject) => ({ path: `/agreements/${subject.entityId}` }), cells: PUBLIC },

  // The rest of the API is public reading, and says nothing of annotations.
  { name: "GET briefs", method: "GET", route: "/api/briefs", subject: { target: "text", fresh: false }, request: fixed("/api/briefs"), cells: PUBLIC },
  { name: "GET a brief", method: "GET", route: "/api/briefs/[slug]", subject: { target: "text", fresh: false }, request: (subject) => ({ path: `/api/briefs/${subject.brief}` }), cells: PUBLIC },
  {
    name: "GET a brief's live events, replayed from the start",
    method: "GET",
    route: "/api/briefs/[slug]/events",
    subject: { target: "text", fresh: false },
    request: (subject) => ({ path: `/api/briefs/${subject.brief}/events?lastEventId=0` }),
    cells: READ_LIST,
    stream: true,
  },
  {
    name: "GET a brief's changes since the start of its log",
    method: "GET",
    route: "/api/briefs/[slug]/changes",
    subject: { target: "text", fresh: false },
    request: (subject) => ({ path: `/api/briefs/${subject.brief}/changes?since=0` }),
    cells: READ_LIST,
    group: GROUP_READ_LIST,
  },
  { name: "GET a brief's revisions", method: "GET", route: "/api/briefs/[slug]/revisions", subject: { target: "text", fresh: false }, request: (subject) => ({ path: `/api/briefs/${subject.brief}/revisions` }), cells: PUBLIC },
  { name: "GET entities", method: "GET", route: "/api/entities", subject: { target: "entity", fresh: false }, request: fixed("/api/entities"), cells: PUBLIC },
  { name: "GET an entity", method: "GET", route: "/api/entities/[id]", subject: { target: "entity", fresh: false }, request: (subject) => ({ path: `/api/entities/${subject.entityId}` }), cells: PUBLIC },
  { name: "GET agreements", method: "GET", route: "/api/agreements", subject: { target: "entity", fresh: false }, request: fixed("/api/agreements?format=csv"), cells: PUBLIC },
  { name: "GET an agreement", method: "GET", route: "/api/agreements/[id]", subject: { target: "entity", fresh: false }, request: (subject) => ({ path: `/api/agreements/${subject.entityId}` }), cells: PUBLIC },
  // The reader: namespace document (JSON-LD context of the extension terms): public, about no annotation.
  { name: "GET the reader: namespace", method: "GET", route: "/ns/reader", subject: { target: "text", fresh: false }, request: fixed("/ns/reader"), cells: PUBLIC },

  // The library: editors (and admins) add, publish and describe briefs; members read.
  {
    name: "POST a brief (an upload)",
    method: "POST",
    route: "/api/briefs",
    subject: { target: "text", fresh: false },
    // Signed in, a JSON body is no upload, whoever sends it (the roles of a real upload: library-upload.test.ts).
    request: () => ({ path: "/api/briefs", json: {} }),
    cells: cells("401 401 | 415 415 | 415 415 | 415 415"),
  },
  {
    name: "PATCH a brief's metadata",
    method: "PATCH",
    route: "/api/briefs/[slug]",
    subject: { target: "text", fresh: false },
    // Clears what is not set: a change that changes nothing other tests see.
    request: (subject) => ({ path: `/api/briefs/${subject.brief}`, json: { pdfUrl: null } }),
    cells: cells("401 401 | 403 403 | 403 403 | 200 200"),
  },
  {
    name: "POST publish a brief's draft",
    method: "POST",
    route: "/api/briefs/[slug]/publish",
    subject: { target: "text", fresh: false },
    // The brief is published with no draft waiting: an editor is told so.
    request: (subject) => ({ path: `/api/briefs/${subject.brief}/publish` }),
    cells: cells("401 401 | 403 403 | 403 403 | 409 409"),
  },
  {
    name: "GET a brief's original file",
    method: "GET",
    route: "/api/briefs/[slug]/original",
    subject: { target: "text", fresh: false },
    // The seed brief was typed in, not uploaded.
    request: (subject) => ({ path: `/api/briefs/${subject.brief}/original` }),
    cells: cells("404 404 | 404 404 | 404 404 | 404 404"),
  },

  // The knowledge base: everyone reads it and its history; editors (and admins) write. The bodies
  // are refused or name nothing, so an editor's cell changes nothing other tests see.
  { name: "GET an entity's history", method: "GET", route: "/api/entities/[id]/history", subject: { target: "entity", fresh: false }, request: fixed("/api/entities/jp/history"), cells: PUBLIC },
  { name: "GET a record's history", method: "GET", route: "/api/agreements/[id]/history", subject: { target: "entity", fresh: false }, request: fixed("/api/agreements/raa-jp-gb/history"), cells: PUBLIC },
  { name: "GET the versions", method: "GET", route: "/api/versions", subject: { target: "text", fresh: false }, request: fixed("/api/versions"), cells: PUBLIC },
  { name: "POST an entity", method: "POST", route: "/api/entities", subject: { target: "entity", fresh: false }, request: () => ({ path: "/api/entities", json: {} }), cells: cells("401 401 | 403 403 | 403 403 | 400 400") },
  { name: "PATCH an entity", method: "PATCH", route: "/api/entities/[id]", subject: { target: "entity", fresh: false }, request: () => ({ path: "/api/entities/jp", json: {} }), cells: cells("401 401 | 403 403 | 403 403 | 400 400") },
  { name: "POST merge an entity", method: "POST", route: "/api/entities/[id]/merge", subject: { target: "entity", fresh: false }, request: () => ({ path: "/api/entities/jp/merge", json: {} }), cells: cells("401 401 | 403 403 | 403 403 | 400 400") },
  { name: "POST an agreement event", method: "POST", route: "/api/agreements/[id]/events", subject: { target: "entity", fresh: false }, request: () => ({ path: "/api/agreements/raa-jp-gb/events", json: {} }), cells: cells("401 401 | 403 403 | 403 403 | 400 400") },
  {
    name: "PATCH an agreement event",
    method: "PATCH",
    route: "/api/agreements/[id]/events/[eventId]",
    subject: { target: "entity", fresh: false },
    request: () => ({ path: "/api/agreements/raa-jp-gb/events/no-such-event", json: { kind: "signed" } }),
    cells: cells("401 401 | 403 403 | 403 403 | 404 404"),
  },
  {
    name: "DELETE an agreement event",
    method: "DELETE",
    route: "/api/agreements/[id]/events/[eventId]",
    subject: { target: "entity", fresh: false },
    request: () => ({ path: "/api/agreements/raa-jp-gb/events/no-such-event" }),
    cells: cells("401 401 | 403 403 | 403 403 | 404 404"),
  },
  { name: "POST revert a change", method: "POST", route: "/api/knowledge/changes/[id]/revert", subject: { target: "entity", fresh: false }, request: () => ({ path: "/api/knowledge/changes/no-such-change/revert" }), cells: cells("401 401 | 403 403 | 403 403 | 404 404") },
  { name: "GET the suggestions", method: "GET", route: "/api/knowledge/suggestions", subject: { target: "text", fresh: false }, request: fixed("/api/knowledge/suggestions"), cells: cells("401 401 | 403 403 | 403 403 | 200 200") },
  { name: "POST dismiss a suggestion", method: "POST", route: "/api/knowledge/suggestions/dismissals", subject: { target: "text", fresh: false }, request: () => ({ path: "/api/knowledge/suggestions/dismissals", json: {} }), cells: cells("401 401 | 403 403 | 403 403 | 400 400") },
  { name: "POST a curated mention", method: "POST", route: "/api/briefs/[slug]/mentions", subject: { target: "text", fresh: false }, request: (subject) => ({ path: `/api/briefs/${subject.brief}/mentions`, json: {} }), cells: cells("401 401 | 403 403 | 403 403 | 400 400") },
  { name: "DELETE a curated mention", method: "DELETE", route: "/api/briefs/[slug]/mentions/[id]", subject: { target: "text", fresh: false }, request: (subject) => ({ path: `/api/briefs/${subject.brief}/mentions/no-such-mention` }), cells: cells("401 401 | 403 403 | 403 403 | 404 404") },

  // Groups: each member's own list; a group's members see it, its owner changes it; anyone else,
  // admins included, is told nothing (404). With no such group, every signed-in caller gets 404.
  { name: "GET own groups", method: "GET", route: "/api/groups", subject: { target: "text", fresh: false }, request: fixed("/api/groups"), cells: cells("401 401 | 200 200 | 200 200 | 200 200") },
  {
    name: "POST a group",
    method: "POST",
    route: "/api/groups",
    subject: { target: "text", fresh: false },
    request: () => ({ path: "/api/groups", json: { name: "matrix" } }),
    cells: cells("401 401 | 201 201 | 201 201 | 201 201"),
  },
  {
    name: "GET the group of the group notes",
    method: "GET",
    route: "/api/groups/[id]",
    subject: { target: "text", fresh: false },
    request: (subject) => ({ path: `/api/groups/${subject.groupId}` }),
    evidence: (subject) => subject.groupName,
    cells: cells("401 401 | 404 404 | 200+ 200+ | 404 404"),
    group: groupCells("401 | 200+ | 404 | 404 | 200+ | 404"),
  },
  {
    name: "POST a member by an unknown email to the group",
    method: "POST",
    route: "/api/groups/[id]/members",
    subject: { target: "text", fresh: false },
    request: (subject) => ({ path: `/api/groups/${subject.groupId}/members`, json: { email: "nobody-at-all@brief-reader.test" } }),
    cells: cells("401 401 | 404 404 | 404 404 | 404 404"),
    // The owner is told no account has it; a member may not add anyone; everyone else learns nothing.
    group: groupCells("401 | 403 | 404 | 404 | 404 | 404"),
  },
  {
    name: "POST an invite link to the group",
    method: "POST",
    route: "/api/groups/[id]/invites",
    subject: { target: "text", fresh: false },
    request: (subject) => ({ path: `/api/groups/${subject.groupId}/invites`, json: {} }),
    cells: cells("401 401 | 404 404 | 201 201 | 404 404"),
    group: groupCells("401 | 403 | 404 | 404 | 201 | 404"),
  },
  ...(
    [
      ["GET a group", "GET", "/api/groups/[id]", "/api/groups/no-such-group", undefined],
      ["PATCH a group", "PATCH", "/api/groups/[id]", "/api/groups/no-such-group", { name: "x" }],
      ["DELETE a group", "DELETE", "/api/groups/[id]", "/api/groups/no-such-group", undefined],
      ["POST a group member", "POST", "/api/groups/[id]/members", "/api/groups/no-such-group/members", { email: "nobody@brief-reader.test" }],
      ["DELETE a group member", "DELETE", "/api/groups/[id]/members/[userId]", "/api/groups/no-such-group/members/no-such-user", undefined],
      ["POST a group invite link", "POST", "/api/groups/[id]/invites", "/api/groups/no-such-group/invites", {}],
      ["DELETE a group's invite links", "DELETE", "/api/groups/[id]/invites", "/api/groups/no-such-group/invites", undefined],
      ["GET an invite link's group", "GET", "/api/groups/invites/[token]", "/api/groups/invites/brg_no-such-token", undefined],
      ["POST join by an invite link", "POST", "/api/groups/invites/[token]", "/api/groups/invites/brg_no-such-token", undefined],
    ] as const
  ).map(
    ([name, method, route, path, json]): Row => ({
      name: `${name} that does not exist`,
      method,
      route,
      subject: { target: "text", fresh: false },
      request: () => ({ path, json }),
      cells: cells("401 401 | 404 404 | 404 404 | 404 404"),
    }),
  ),

  // Notifications: each member's own inbox, settings and follows; who may be mentioned. A note
  // is only ever in the inbox of someone who may see it (tests/integration/notifications.test.ts).
  { name: "GET own notifications", method: "GET", route: "/api/notifications", subject: { target: "text", fresh: false }, request: fixed("/api/notifications"), cells: cells("401 401 | 200 200 | 200 200 | 200 200") },
  { name: "POST mark own notifications read", method: "POST", route: "/api/notifications/read", subject: { target: "text", fresh: false }, request: () => ({ path: "/api/notifications/read", json: {} }), cells: cells("401 401 | 200 200 | 200 200 | 200 200") },
  { name: "GET own notification settings", method: "GET", route: "/api/notifications/settings", subject: { target: "text", fresh: false }, request: fixed("/api/notifications/settings"), cells: cells("401 401 | 200 200 | 200 200 | 200 200") },
  { name: "PUT own notification settings", method: "PUT", route: "/api/notifications/settings", subject: { target: "text", fresh: false }, request: () => ({ path: "/api/notifications/settings", json: { mail: "off" } }), cells: cells("401 401 | 200 200 | 200 200 | 200 200") },
  { name: "GET whether one follows an entity", method: "GET", route: "/api/follows/[target]", subject: { target: "entity", fresh: false }, request: fixed("/api/follows/jp"), cells: PUBLIC },
  { name: "PUT follow an entity that does not exist", method: "PUT", route: "/api/follows/[target]", subject: { target: "entity", fresh: false }, request: () => ({ path: "/api/follows/no-such-entity" }), cells: cells("401 401 | 404 404 | 404 404 | 404 404") },
  { name: "DELETE stop following an entity", method: "DELETE", route: "/api/follows/[target]", subject: { target: "entity", fresh: false }, request: () => ({ path: "/api/follows/no-such-entity" }), cells: cells("401 401 | 200 200 | 200 200 | 200 200") },
  { name: "GET people to mention", method: "GET", route: "/api/people", subject: { target: "text", fresh: false }, request: fixed("/api/people?q=a"), cells: cells("401 401 | 200 200 | 200 200 | 200 200") },

  // Members and roles: the admin's alone.
  {
    name: "GET the members",
    method: "GET",
    route: "/api/members",
    subject: { target: "text", fresh: false },
    request: fixed("/api/members"),
    cells: cells("401 401 | 403 403 | 403 403 | 200 200"),
  },
  {
    name: "PATCH a member's role",
    method: "PATCH",
    route: "/api/members/[id]",
    subject: { target: "text", fresh: false },
    // No account has this id: an admin is told so; nobody else learns anything.
    request: () => ({ path: "/api/members/nobody-here", json: { role: "editor" } }),
    cells: cells("401 401 | 403 403 | 403 403 | 404 404"),
  },

  // Accounts (better-auth): about the caller's own account only.
  { name: "GET the session", method: "GET", route: "/api/auth/[...all]", subject: { target: "text", fresh: false }, request: fixed("/api/auth/get-session"), cells: PUBLIC },
  {
    name: "POST update-user (own name)",
    method: "POST",
    route: "/api/auth/[...all]",
    subject: { target: "text", fresh: false },
    request: () => ({ path: "/api/auth/update-user", json: { image: null } }),
    cells: cells("401 401 | 200 200 | 200 200 | 200 200"),
  },

  // Paths no route serves.
  ...(["GET", "POST", "PUT", "PATCH", "DELETE"] as const).map(
    (method): Row => ({
      name: `${method} an unknown API path`,
      method,
      route: "/api/[...path]",
      subject: { target: "text", fresh: false },
      request: (subject) => ({ path: `/api/annotation/${subject.id}`, json: method === "GET" ? undefined : {} }),
      cells: NO_ROUTE,
    }),
  ),
];

/** The cells of a row, named: four actors × private and shared, then six actors × a group note. */
export function namedCells(row: Row): (Cell & { actor: Actor; visibility: Visibility })[] {
  const plain = (["anonymous", "member", "author", "admin"] as const).flatMap((actor, a) =>
    (["private", "shared"] as const).map((visibility, v) => ({ actor, visibility, ...row.cells[a * 2 + v] })),
  );
  const group = row.group ?? derivedGroupCells(row.cells);
  return [...plain, ...GROUP_ACTORS.map((actor, a) => ({ actor, visibility: "group" as const, ...group[a] }))];
}
