/**
 * The library over HTTP: editors upload briefs (text, Markdown, DOCX, PDF) as drafts or at once,
 * publish them, correct their details and bring new versions; bad files are refused with the
 * reason named and nothing stored; the list filters and counts notes. On a server of its own: the
 * briefs published here (copies of the seed brief, as the fixtures are) must not show up in what
 * the other tests count on the shared one.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Annotation } from "@/lib/domain/annotation";
import type { BriefView, LibraryEntry } from "@/lib/domain/brief";
import type { Member } from "@/lib/domain/member";
import { TestClient, uniqueEmail } from "../support/http-client";
import { type SecondApp, startSecondApp } from "../support/second-app";

let app: SecondApp;
let baseURL: string;
const ADMIN_EMAIL = "admin@brief-reader.test";
const fixtures = join(import.meta.dirname, "..", "fixtures", "ingest");
const fixture = (name: string) => readFileSync(join(fixtures, name));

interface UploadAnswer {
  slug: string;
  status: "draft" | "published";
  counts: { sections: number; claims: number; points: number };
  problems: { line?: number; page?: number; message: string; rule: string }[];
}
interface ErrorBody {
  error: { code: string; message: string; field?: string; reason?: string; existing?: { slug: string } };
}

/** POSTs a file as multipart/form-data with the client's cookies, origin and address. */
async function upload<T = UploadAnswer>(client: TestClient | null, bytes: Uint8Array, name: string, fields: Record<string, string> = {}) {
  const form = new FormData();
  form.set("file", new Blob([new Uint8Array(bytes)]), name);
  for (const [key, value] of Object.entries(fields)) form.set(key, value);
  const headers: Record<string, string> = { origin: baseURL };
  if (client) {
    headers["x-forwarded-for"] = client.address;
    if (client.cookies.size > 0) headers.cookie = client.cookieHeader();
  }
  const response = await fetch(`${baseURL}/api/briefs`, { method: "POST", body: form, headers });
  return { status: response.status, body: (await response.json()) as T };
}

/** A unique version of a fixture text, so each run's uploads are new texts, not duplicates. */
function unique(text: string): string {
  return text.replace(/\n/, ` ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}\n`);
}

let admin: TestClient;
let editor: TestClient;
let member: TestClient;

beforeAll(async () => {
  app = await startSecondApp({ ADMIN_EMAIL });
  baseURL = app.url;
  admin = new TestClient(baseURL);
  if ((await admin.signIn(ADMIN_EMAIL)) !== 200) await admin.signUp("Admin", ADMIN_EMAIL);
  editor = await new TestClient(baseURL).signUp("편집자", uniqueEmail("editor"));
  member = await new TestClient(baseURL).signUp("Member", uniqueEmail("member"));
  const granted = await admin.patch<Member>(`/api/members/${editor.user?.id}`, { role: "editor" });
  expect(granted.status).toBe(200);
  expect(granted.body.role).toBe("editor");
}, 120_000);

afterAll(async () => {
  await app?.stop();
});

describe("roles", () => {
  it("lets only editors upload: 401 signed out, 403 for a member, 201 for an editor the admin made", async () => {
    const text = new TextEncoder().encode(unique(readFileSync(join(fixtures, "brief-text", "input.txt"), "utf8")));
    expect((await upload<ErrorBody>(null, text, "brief.txt")).status).toBe(401);
    const refused = await upload<ErrorBody>(member, text, "brief.txt");
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe("forbidden");
    expect((await upload(editor, text, "brief.txt")).status).toBe(201);
  });

  it("lets only the admin list members and change roles, never an admin's", async () => {
    expect((await member.get("/api/members")).status).toBe(403);
    expect((await editor.patch(`/api/members/${member.user?.id}`, { role: "editor" })).status).toBe(403);
    const list = await admin.get<Member[]>("/api/members");
    expect(list.status).toBe(200);
    const adminRow = list.body.find((row) => row.email === ADMIN_EMAIL) as Member;
    expect(adminRow.role).toBe("admin");
    const demote = await admin.patch<ErrorBody>(`/api/members/${adminRow.id}`, { role: "member" });
    expect(demote.status).toBe(409);
    expect((await admin.patch<ErrorBody>(`/api/members/${member.user?.id}`, { role: "admin" })).body.error.field).toBe("role");
  });
});

describe("drafts and publishing", () => {
  let slug: string;

  it("keeps an upload as a draft, seen by editors only, until it is published", async () => {
    const markdown = new TextEncoder().encode(unique(readFileSync(join(fixtures, "markdown-brief", "input.md"), "utf8")));
    const made = await upload(editor, markdown, "brief.md");
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ status: "draft" });
    expect(made.body.counts.claims).toBeGreaterThan(0);
    expect(made.body.slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    slug = made.body.slug;

    expect((await fetch(`${baseURL}/api/briefs/${slug}`)).status).toBe(404);
    expect((await member.get(`/api/briefs/${slug}`)).status).toBe(404);
    expect((await editor.get<BriefView>(`/api/briefs/${slug}`)).status).toBe(200);
    const anonymousList = (await (await fetch(`${baseURL}/api/briefs`)).json()) as LibraryEntry[];
    expect(anonymousList.map((entry) => entry.slug)).not.toContain(slug);
    const editorList = (await editor.get<LibraryEntry[]>("/api/briefs")).body;
    expect(editorList.find((entry) => entry.slug === slug)).toMatchObject({ status: "draft", format: "markdown" });

    expect((await member.post(`/api/briefs/${slug}/publish`, {})).status).toBe(403);
    const published = await editor.post<UploadAnswer>(`/api/briefs/${slug}/publish`, {});
    expect(published.status).toBe(200);
    expect(published.body.status).toBe("published");
    expect((await fetch(`${baseURL}/api/briefs/${slug}`)).status).toBe(200);
    // Nothing left to publish.
    expect((await editor.post<ErrorBody>(`/api/briefs/${slug}/publish`, {})).status).toBe(409);
  });

  it("lets an editor correct the details, each refused value named", async () => {
    const bad = await editor.patch<ErrorBody>(`/api/briefs/${slug}`, { published: "2025-13" });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe("published");
    const changed = await editor.patch(`/api/briefs/${slug}`, { title: "고친 제목", publisher: "시험연구원", published: "2025-03-01", sourceUrl: "https://example.org/briefs/test" });
    expect(changed.status).toBe(200);
    const list = (await editor.get<LibraryEntry[]>(`/api/briefs?institute=${encodeURIComponent("시험연구원")}&year=2025`)).body;
    expect(list.map((entry) => entry.slug)).toEqual([slug]);
    expect(list[0]).toMatchObject({ title: "고친 제목", institute: "시험연구원", published: "2025-03-01", sourceUrl: "https://example.org/briefs/test" });
    expect((await member.patch(`/api/briefs/${slug}`, { title: "x" })).status).toBe(403);
  });
});

describe("a PDF", () => {
  it("becomes a brief whose blocks say the page they start on", async () => {
    const made = await upload(editor, fixture("pdf-chromium-brief/input.pdf"), "brief.pdf", { publish: "true" });
    expect(made.status).toBe(201);
    const slug = made.body.slug;
    const brief = (await editor.get<BriefView>(`/api/briefs/${slug}`)).body;
    const pages = brief.sections.flatMap((section) => section.blocks.map((block) => block.page));
    expect(pages.every((page) => typeof page === "number" && page >= 1)).toBe(true);
    expect(Math.max(...(pages as number[]))).toBeGreaterThanOrEqual(2);
    const original = await fetch(`${baseURL}/api/briefs/${slug}/original`);
    expect(original.status).toBe(200);
    expect(original.headers.get("content-type")).toBe("application/pdf");
  });
});

describe("bad files", () => {
  const cases: [string, () => Uint8Array, string, number, string][] = [
    ["a file of another type", () => new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), "picture.png", 415, "unsupported-type"],
    ["a corrupt PDF", () => fixture("pdf-corrupt/input.pdf"), "broken.pdf", 422, "corrupt"],
    ["an encrypted PDF", () => fixture("pdf-encrypted/input.pdf"), "secret.pdf", 422, "encrypted"],
    ["a PDF without text (a scan)", () => fixture("pdf-scan/input.pdf"), "scan.pdf", 422, "no-text-layer"],
    ["a ZIP bomb posing as DOCX", () => fixture("docx-zip-bomb/input.docx"), "bomb.docx", 422, "zip-bomb"],
    ["an empty file", () => new Uint8Array(), "empty.pdf", 400, "empty-file"],
    ["a file over the size limit", () => new Uint8Array(31 * 1024 * 1024).fill(0x41), "huge.txt", 413, "too-large"],
  ];

  it.each(cases)("refuses %s with the reason named, and stores nothing", async (_what, bytes, name, status, reason) => {
    const before = (await editor.get<LibraryEntry[]>("/api/briefs?sort=added")).body;
    const answer = await upload<ErrorBody>(editor, bytes(), name, { publish: "true" });
    expect(answer.status).toBe(status);
    expect(answer.body.error).toMatchObject({ field: "file", reason });
    const after = (await editor.get<LibraryEntry[]>("/api/briefs?sort=added")).body;
    expect(after.map((entry) => [entry.slug, entry.revision])).toEqual(before.map((entry) => [entry.slug, entry.revision]));
  });

  it("refuses a text already in the library with 409, naming the brief that has it", async () => {
    const text = new TextEncoder().encode(unique(readFileSync(join(fixtures, "brief-text", "input.txt"), "utf8")));
    const first = await upload(editor, text, "once.txt", { publish: "true" });
    expect(first.status).toBe(201);
    const again = await upload<ErrorBody>(editor, text, "twice.txt");
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: "conflict", reason: "duplicate", existing: { slug: first.body.slug } });
  });
});

describe("a new version of a brief", () => {
  it("moves the brief's annotations onto it, as a revised seed text does", async () => {
    const original = unique(readFileSync(join(fixtures, "brief-text", "input.txt"), "utf8"));
    const made = await upload(editor, new TextEncoder().encode(original), "v1.txt", { publish: "true" });
    expect(made.status).toBe(201);
    const slug = made.body.slug;
    const reader = await new TestClient(baseURL).signUp("Reader", uniqueEmail("reader"));
    const brief = (await reader.get<BriefView>(`/api/briefs/${slug}`)).body;
    const block = brief.sections[0].blocks[0];
    const text = brief.sections.flatMap((section) => section.blocks.map((item) => item.text)).join("\n");
    const start = [...text].indexOf([...block.text][0]);
    const exact = [...block.text].slice(0, 6).join("");
    const note = await reader.post<Annotation>("/api/annotations", { brief: slug, target: { blockId: block.id, quote: { exact }, position: { start, end: start + [...exact].length } } });
    expect(note.status).toBe(201);

    // The new version has a claim before the noted one: the note moves with its text.
    const revised = original.replace(/\n(❍|■)/, "\n❍ 새 판에 들어온 주장.\n$1");
    const draft = await upload(editor, new TextEncoder().encode(revised), "v2.txt", { slug });
    expect(draft.status).toBe(201);
    expect(draft.body.status).toBe("published");
    // Drafted: readers still see the first version, and the note where it was.
    expect((await reader.get<Annotation>(`/api/annotations/${note.body.id}`)).body.anchor?.status).toBe("exact");
    expect((await editor.post(`/api/briefs/${slug}/publish`, {})).status).toBe(200);
    const moved = (await reader.get<Annotation>(`/api/annotations/${note.body.id}`)).body;
    expect(moved.anchor).toMatchObject({ status: "moved", score: 1 });
    expect(moved.anchor?.revision).not.toBe(note.body.anchor?.revision);
    const revisions = (await reader.get<unknown[]>(`/api/briefs/${slug}/revisions`)).body;
    expect(revisions).toHaveLength(2);
  });
});

describe("the list", () => {
  it("filters by an entity mentioned and by the viewer's own notes, and counts the notes", async () => {
    const reader = await new TestClient(baseURL).signUp("Counter", uniqueEmail("counter"));
    const mentioningJapan = (await reader.get<LibraryEntry[]>("/api/briefs?entity=jp")).body.map((entry) => entry.slug);
    expect(mentioningJapan).toContain("japan-quasi-alliance");
    expect((await reader.get<LibraryEntry[]>("/api/briefs?mine=1")).body).toEqual([]);
    const brief = (await reader.get<BriefView>("/api/briefs/japan-quasi-alliance")).body;
    const block = brief.sections[0].blocks[0];
    const exact = [...block.text].slice(0, 4).join("");
    expect((await reader.post("/api/annotations", { brief: "japan-quasi-alliance", target: { blockId: block.id, quote: { exact }, position: { start: 0, end: [...exact].length } } })).status).toBe(201);
    const mine = (await reader.get<LibraryEntry[]>("/api/briefs?mine=1")).body;
    expect(mine.map((entry) => entry.slug)).toEqual(["japan-quasi-alliance"]);
    expect(mine[0].notes.mine).toBe(1);
    expect(mine[0].notes.visible).toBeGreaterThanOrEqual(1);
    const bad = await reader.get<ErrorBody>("/api/briefs?sort=sideways");
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe("sort");
  });
});

describe("notes from Hypothesis", () => {
  it("attaches a note on a brief's original page or PDF to that brief", async () => {
    const text = unique(readFileSync(join(fixtures, "brief-text", "input.txt"), "utf8"));
    const made = await upload(editor, new TextEncoder().encode(text), "original.txt", { publish: "true" });
    expect(made.status).toBe(201);
    const pdfUrl = `https://www.example.org/briefs/${made.body.slug}.pdf`;
    expect((await editor.patch(`/api/briefs/${made.body.slug}`, { pdfUrl })).status).toBe(200);
    const reader = await new TestClient(baseURL).signUp("Hypothesis user", uniqueEmail("hypothesis"));
    const exact = "전수방위(專守防衛) 원칙";
    const hypothesis = {
      "@context": "http://www.w3.org/ns/anno.jsonld",
      type: "Annotation",
      id: "https://hypothes.is/a/abc123",
      motivation: "commenting",
      body: [{ type: "TextualBody", value: "PDF에서 단 노트", format: "text/markdown" }],
      // Hypothesis names the PDF it was made on (with a fragment), and the quote.
      target: [{ source: `${pdfUrl}#page=1`, selector: [{ type: "TextQuoteSelector", exact, prefix: "제약과 ", suffix: " 속에서" }] }],
    };
    const imported = await reader.post<{ imported: number }>("/api/import/annotations", hypothesis);
    expect(imported.status).toBe(200);
    expect(imported.body.imported, JSON.stringify(imported.body)).toBe(1);
    const notes = (await reader.get<Annotation[]>(`/api/annotations?brief=${made.body.slug}`)).body;
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ brief: made.body.slug, body: "PDF에서 단 노트", target: { quote: { exact } } });
  });
});
