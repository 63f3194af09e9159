/**
 * The authorization matrix over real HTTP: every row of tests/support/authorization-matrix.ts ×
 * anonymous / member (not the author, in no group) / author / admin (not the author, in no group)
 * × a private / shared annotation, and anonymous / a member of the note's group / a member of
 * another group / a member in none / the author / an admin × a group annotation, each cell its
 * own test named after it. A cell checks the status, whether the
 * annotation's content came back, and for writes that the annotation changed exactly when the
 * answer says it did.
 */
import { beforeAll, describe, expect, inject, it } from "vitest";
import type { Annotation } from "@/lib/domain/annotation";
import type { BriefView } from "@/lib/domain/brief";
import { type Actor, MATRIX, namedCells, type Row, type Subject, type Visibility } from "../support/authorization-matrix";
import { openEventStream } from "../support/event-stream";
import { TestClient, uniqueEmail } from "../support/http-client";

const baseURL = inject("baseURL");
const BRIEF = "japan-quasi-alliance";
const ENTITY = "raa-jp-gb";
const ADMIN_EMAIL = "admin@brief-reader.test";

let member: TestClient;
let admin: TestClient;
let groupMember: TestClient;
let otherGroup: TestClient;
let textTarget: { blockId: string; quote: { exact: string }; position: { start: number; end: number } };

beforeAll(async () => {
  const view = (await (await fetch(`${baseURL}/api/briefs/${BRIEF}`)).json()) as BriefView;
  const first = view.sections[0].blocks[0];
  const exact = Array.from(first.text).slice(0, 6).join("");
  textTarget = { blockId: first.id, quote: { exact }, position: { start: 0, end: 6 } };
  member = await new TestClient(baseURL).signUp("Member", uniqueEmail("matrix-member"));
  admin = new TestClient(baseURL);
  // Signed up once per server: on a reused server (TEST_BASE_URL) the account already exists.
  if ((await admin.signIn(ADMIN_EMAIL)) !== 200) await admin.signUp("Admin", ADMIN_EMAIL);
  expect(admin.user?.role).toBe("admin");
  expect(member.user?.role).toBe("member");
  groupMember = await new TestClient(baseURL).signUp("Group member", uniqueEmail("matrix-group-member"));
  otherGroup = await new TestClient(baseURL).signUp("Other group's member", uniqueEmail("matrix-other-group"));
  const theirs = await otherGroup.post<{ id: string }>("/api/groups", { name: "Another group" });
  if (theirs.status !== 201) throw new Error(`making another group failed: ${theirs.status}`);
});

/** A group of the author's with `groupMember` in it. */
async function groupOf(author: TestClient): Promise<{ id: string; name: string }> {
  const name = `matrix group g${Math.random().toString(36).slice(2, 12)}`;
  const made = await author.post<{ id: string }>("/api/groups", { name });
  if (made.status !== 201) throw new Error(`making the group failed: ${made.status} ${JSON.stringify(made.body)}`);
  const added = await author.post(`/api/groups/${made.body.id}/members`, { email: groupMember.user?.email });
  if (added.status !== 201) throw new Error(`adding to the group failed: ${added.status} ${JSON.stringify(added.body)}`);
  return { id: made.body.id, name };
}

/** Writes an annotation as `author` and returns it as the matrix's subject. */
async function write(author: TestClient, group: { id: string; name: string }, target: "text" | "entity", visibility: Visibility, deleted = false): Promise<Subject & { version: number }> {
  const marker = `m${Math.random().toString(36).slice(2, 12)}`;
  const created = await author.post<Annotation>("/api/annotations", {
    brief: BRIEF,
    target: target === "text" ? textTarget : { entityId: ENTITY },
    visibility,
    ...(visibility === "group" ? { groupId: group.id } : {}),
    body: `secret ${marker}`,
  });
  if (created.status !== 201) throw new Error(`writing the subject failed: ${created.status} ${JSON.stringify(created.body)}`);
  let version = created.body.version;
  if (deleted) {
    const removed = await author.delete<Annotation>(`/api/annotations/${created.body.id}`);
    if (removed.status !== 200) throw new Error(`deleting the subject failed: ${removed.status}`);
    version = removed.body.version;
  }
  return { id: created.body.id, brief: BRIEF, groupId: group.id, groupName: group.name, marker, entityId: target === "entity" ? ENTITY : null, version };
}

/** The annotations read-only rows share: one author, a private, a shared and a group note of each kind. */
const shared = (() => {
  let made: Promise<{ author: TestClient; subjects: Record<string, Subject> }> | undefined;
  return () =>
    (made ??= (async () => {
      const author = await new TestClient(baseURL).signUp("Reader author", uniqueEmail("matrix-author"));
      const group = await groupOf(author);
      const subjects: Record<string, Subject> = {};
      for (const target of ["text", "entity"] as const) {
        for (const visibility of ["private", "shared", "group"] as const) subjects[`${target} ${visibility}`] = await write(author, group, target, visibility);
      }
      return { author, subjects };
    })());
})();

function clientOf(actor: Actor, author: TestClient): TestClient {
  if (actor === "anonymous") return new TestClient(baseURL);
  if (actor === "member") return member;
  if (actor === "admin") return admin;
  if (actor === "groupMember") return groupMember;
  if (actor === "otherGroup") return otherGroup;
  return author;
}

/** An event stream's answer: its status, and what it sent until `ready` (or its error body). */
async function streamed(client: TestClient, path: string) {
  const opened = await openEventStream(client, path);
  if (opened.status !== 200) return { status: opened.status, body: opened.body };
  await opened.next((event) => event.event === "ready", { timeoutMs: 10_000 });
  opened.close();
  return { status: opened.status, body: opened.events };
}

const textOf = (body: unknown) => (typeof body === "string" ? body : JSON.stringify(body));

describe.each(MATRIX.map((row) => [`${row.name} (${row.method} ${row.route})`, row] as const))("%s", (_name, row: Row) => {
  // A row that writes gets an author of its own, so its writes never meet another row's limits.
  let rowAuthor: TestClient | undefined;
  let rowGroup: { id: string; name: string } | undefined;
  beforeAll(async () => {
    if (row.subject.fresh) {
      rowAuthor = await new TestClient(baseURL).signUp("Row author", uniqueEmail("matrix-row"));
      rowGroup = await groupOf(rowAuthor);
    }
  });

  for (const cell of namedCells(row)) {
    const title = `${cell.actor} × ${cell.visibility} → ${cell.status}${cell.seen ? ", sees it" : ""}`;
    it(title, async () => {
      let author: TestClient;
      let subject: Subject & { version?: number };
      if (row.subject.fresh && rowAuthor && rowGroup) {
        author = rowAuthor;
        subject = await write(author, rowGroup, row.subject.target, cell.visibility, row.subject.deleted);
      } else {
        const pair = await shared();
        author = pair.author;
        subject = pair.subjects[`${row.subject.target} ${cell.visibility}`];
      }
      const client = clientOf(cell.actor, author);
      const { path, json } = row.request(subject);
      const response = row.stream ? await streamed(client, path) : await client.request(row.method, path, { json });
      const where = `${row.name} × ${cell.actor} × ${cell.visibility}: ${textOf(response.body).slice(0, 300)}`;

      expect(response.status, where).toBe(cell.status);
      const evidence = row.evidence?.(subject) ?? subject.marker;
      expect(textOf(response.body).includes(evidence), `${where} — content ${cell.seen ? "missing" : "shown"}`).toBe(cell.seen);

      if (row.applied) {
        const after = await author.get<Annotation>(`/api/annotations/${subject.id}`);
        expect(after.status, "the author still sees it").toBe(200);
        const everything = await author.get<Annotation[]>(`/api/annotations?brief=${BRIEF}&include=deleted`);
        const replies = everything.body.filter((annotation) => annotation.parentId === subject.id);
        const succeeded = response.status >= 200 && response.status < 300;
        expect(row.applied(after.body, replies), `${where} — the write ${succeeded ? "did not happen" : "happened anyway"}`).toBe(succeeded);
        if (!succeeded) expect(after.body.version, "a refused write changes nothing").toBe(subject.version);
      }
    });
  }
});
