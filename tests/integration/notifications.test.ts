/**
 * Notifications over real HTTP: a reply, an @mention and a note on a followed entity each reach
 * the inbox of the member they concern (never its own author); a note its recipient may not see
 * (private, a group they are not in, a group they left) never does, nor stays; marking read; the
 * mention completion list; bad input named by field; and mail through an SMTP sink the test
 * starts (immediate and digest), on a server of its own.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { GroupDetail } from "@/lib/domain/group";
import type { Inbox, NotificationView } from "@/lib/domain/notification";
import { TestClient, uniqueEmail } from "../support/http-client";
import { type MailSink, startMailSink } from "../support/mail-sink";
import { type SecondApp, startSecondApp } from "../support/second-app";

const baseURL = inject("baseURL");
const BRIEF = "japan-quasi-alliance";
const stamp = Date.now().toString(36);

interface ErrorBody {
  error: { code: string; message: string; field?: string };
}
interface Note {
  id: string;
}
type Target = { blockId: string; quote: { exact: string }; position: { start: number; end: number } };

async function firstTarget(url: string): Promise<Target> {
  const view = (await (await fetch(`${url}/api/briefs/${BRIEF}`)).json()) as { sections: { blocks: { id: string; text: string }[] }[] };
  const first = view.sections[0].blocks[0];
  return { blockId: first.id, quote: { exact: Array.from(first.text).slice(0, 4).join("") }, position: { start: 0, end: 4 } };
}

/** Polls the inbox until `match` finds a notification (they are made in the background), up to 5 s. */
async function waitForNotification(client: TestClient, match: (item: NotificationView) => boolean): Promise<NotificationView> {
  const until = Date.now() + 5_000;
  for (;;) {
    const inbox = await client.get<Inbox>("/api/notifications");
    expect(inbox.status).toBe(200);
    const found = inbox.body.items.find(match);
    if (found) return found;
    if (Date.now() > until) throw new Error(`no such notification in ${JSON.stringify(inbox.body.items.map((item) => [item.kind, item.annotation.id]))}`);
    await new Promise((done) => setTimeout(done, 100));
  }
}

async function inboxIds(client: TestClient): Promise<string[]> {
  return (await client.get<Inbox>("/api/notifications")).body.items.map((item) => item.annotation.id);
}

/** Waits until every notification of the notes written so far has been made: a sentinel note to `client`, written last, has arrived. */
async function settle(writer: TestClient, client: TestClient, name: string, target: Target): Promise<void> {
  const sentinel = await writer.post<Note>("/api/annotations", { brief: BRIEF, target, visibility: "shared", body: `@${name} sentinel ${Math.random()}` });
  await waitForNotification(client, (item) => item.annotation.id === sentinel.body.id);
  await new Promise((done) => setTimeout(done, 200));
}

describe("notifications", () => {
  let target: Target;
  let ana: TestClient;
  let bo: TestClient;
  let chul: TestClient;
  let dara: TestClient;
  const names = { ana: `Ana ${stamp}`, bo: `보라 ${stamp}`, chul: `Chul ${stamp}`, dara: `Dara ${stamp}` };
  const emails = { ana: uniqueEmail("notify-ana"), bo: uniqueEmail("notify-bo"), chul: uniqueEmail("notify-chul"), dara: uniqueEmail("notify-dara") };

  beforeAll(async () => {
    target = await firstTarget(baseURL);
    ana = await new TestClient(baseURL).signUp(names.ana, emails.ana);
    bo = await new TestClient(baseURL).signUp(names.bo, emails.bo);
    chul = await new TestClient(baseURL).signUp(names.chul, emails.chul);
    dara = await new TestClient(baseURL).signUp(names.dara, emails.dara);
  });

  it("tells a note's author of a reply, with who, an excerpt and a link to the reply; never the replier", async () => {
    const note = await ana.post<Note>("/api/annotations", { brief: BRIEF, target, visibility: "shared", body: "Is this right?" });
    expect(note.status).toBe(201);
    const reply = await bo.post<Note>("/api/annotations", { parentId: note.body.id, body: "Yes, see the 2023 RAA." });
    expect(reply.status).toBe(201);
    const told = await waitForNotification(ana, (item) => item.annotation.id === reply.body.id);
    expect(told).toMatchObject({ kind: "reply", read: false, actor: { name: names.bo }, annotation: { excerpt: "Yes, see the 2023 RAA." } });
    expect(told.href).toBe(`/briefs/${BRIEF}?note=${reply.body.id}`);
    expect(await inboxIds(bo)).not.toContain(reply.body.id);
    const count = await ana.get<{ unread: number }>("/api/notifications?count=1");
    expect(count.body.unread).toBeGreaterThanOrEqual(1);
  });

  it("tells every member @mentioned by name (Hangul and spaces in names, the longest name wins), once", async () => {
    const note = await ana.post<Note>("/api/annotations", { brief: BRIEF, target, visibility: "shared", body: `@${names.bo} 와 @${names.chul}, 이 부분 보세요. @${names.bo}` });
    const toBo = await waitForNotification(bo, (item) => item.annotation.id === note.body.id);
    expect(toBo.kind).toBe("mention");
    const toChul = await waitForNotification(chul, (item) => item.annotation.id === note.body.id);
    expect(toChul.kind).toBe("mention");
    expect((await bo.get<Inbox>("/api/notifications")).body.items.filter((item) => item.annotation.id === note.body.id)).toHaveLength(1);
    expect(await inboxIds(ana)).not.toContain(note.body.id);
  });

  it("never tells anyone of a note they may not see: a private note, or a group note to someone outside the group", async () => {
    const secret = await ana.post<Note>("/api/annotations", { brief: BRIEF, target, visibility: "private", body: `@${names.dara} my private thought` });
    expect(secret.status).toBe(201);
    const group = (await ana.post<GroupDetail>("/api/groups", { name: `Desk ${stamp}` })).body;
    const forGroup = await ana.post<Note>("/api/annotations", { brief: BRIEF, target, visibility: "group", groupId: group.id, body: `@${names.dara} group only` });
    expect(forGroup.status).toBe(201);
    await settle(ana, dara, names.dara, target);
    const ids = await inboxIds(dara);
    expect(ids).not.toContain(secret.body.id);
    expect(ids).not.toContain(forGroup.body.id);
  });

  it("tells a group member of a group note, and takes it out of their inbox (and count) the moment they leave", async () => {
    const group = (await ana.post<GroupDetail>("/api/groups", { name: `Japan desk ${stamp}` })).body;
    expect((await ana.post(`/api/groups/${group.id}/members`, { email: emails.chul })).status).toBe(201);
    await chul.post("/api/notifications/read", {});
    const note = await ana.post<Note>("/api/annotations", { brief: BRIEF, target, visibility: "group", groupId: group.id, body: `@${names.chul} for the desk` });
    await waitForNotification(chul, (item) => item.annotation.id === note.body.id);
    expect((await chul.get<{ unread: number }>("/api/notifications?count=1")).body.unread).toBe(1);
    expect((await chul.delete(`/api/groups/${group.id}/members/${chul.user?.id}`)).status).toBe(204);
    expect(await inboxIds(chul)).not.toContain(note.body.id);
    expect((await chul.get<{ unread: number }>("/api/notifications?count=1")).body.unread).toBe(0);
  });

  it("tells the followers of an entity of a note written on it; following is per member and undone", async () => {
    const anonymous = new TestClient(baseURL);
    expect((await anonymous.get<{ following: boolean }>("/api/follows/jp")).body).toMatchObject({ target: "jp", following: false });
    expect((await anonymous.put<ErrorBody>("/api/follows/jp")).status).toBe(401);
    const followed = await dara.put<{ following: boolean; followers: number }>("/api/follows/jp");
    expect(followed.status).toBe(200);
    expect(followed.body.following).toBe(true);
    expect((await dara.get<{ following: boolean }>("/api/follows/jp")).body.following).toBe(true);
    expect((await bo.get<{ following: boolean }>("/api/follows/jp")).body.following).toBe(false);
    const note = await bo.post<Note>("/api/annotations", { brief: BRIEF, target: { entityId: "jp" }, visibility: "shared", body: "Japan's network keeps growing" });
    expect(note.status, JSON.stringify(note.body)).toBe(201);
    const told = await waitForNotification(dara, (item) => item.annotation.id === note.body.id);
    expect(told).toMatchObject({ kind: "follow", annotation: { entityId: "jp" } });
    expect((await dara.delete<{ following: boolean }>("/api/follows/jp")).body.following).toBe(false);
    const unknown = await dara.put<ErrorBody>("/api/follows/no-such-entity");
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.field).toBe("target");
  });

  it("marks one read, then all, and answers the count after", async () => {
    const note = await bo.post<Note>("/api/annotations", { brief: BRIEF, target, visibility: "shared", body: `@${names.ana} one more` });
    const told = await waitForNotification(ana, (item) => item.annotation.id === note.body.id);
    const before = (await ana.get<{ unread: number }>("/api/notifications?count=1")).body.unread;
    const one = await ana.post<{ marked: number; unread: number }>("/api/notifications/read", { ids: [told.id] });
    expect(one.body).toEqual({ marked: 1, unread: before - 1 });
    expect((await ana.get<Inbox>("/api/notifications")).body.items.find((item) => item.id === told.id)?.read).toBe(true);
    expect((await ana.post<{ unread: number }>("/api/notifications/read", {})).body.unread).toBe(0);
    // Another member cannot mark someone else's.
    const other = await bo.post<{ marked: number }>("/api/notifications/read", { ids: [told.id] });
    expect(other.body.marked).toBe(0);
  });

  it("lists members to @mention by name (a group's for a group note), for signed-in members only", async () => {
    const found = await ana.get<{ id: string; name: string }[]>(`/api/people?q=${encodeURIComponent(`보라 ${stamp}`)}`);
    expect(found.status).toBe(200);
    expect(found.body.map((person) => person.name)).toEqual([names.bo]);
    expect((await new TestClient(baseURL).get("/api/people?q=a")).status).toBe(401);
    const group = (await bo.post<GroupDetail>("/api/groups", { name: `Circle ${stamp}` })).body;
    const notMine = await ana.get<ErrorBody>(`/api/people?q=&group=${group.id}`);
    expect(notMine.status).toBe(404);
    expect(notMine.body.error.field).toBe("group");
    const inGroup = await bo.get<{ name: string }[]>(`/api/people?q=&group=${group.id}`);
    expect(inGroup.body).toEqual([]);
  });

  it("refuses bad input naming the field, and anyone signed out", async () => {
    const badIds = await ana.post<ErrorBody>("/api/notifications/read", { ids: "all" });
    expect(badIds.status).toBe(400);
    expect(badIds.body.error.field).toBe("ids");
    const badMail = await ana.put<ErrorBody>("/api/notifications/settings", { mail: "weekly" });
    expect(badMail.status).toBe(400);
    expect(badMail.body.error.field).toBe("mail");
    expect((await new TestClient(baseURL).get("/api/notifications")).status).toBe(401);
    expect((await ana.get<{ mail: string; mailAvailable: boolean }>("/api/notifications/settings")).body).toEqual({ mail: "off", mailAvailable: false });
  });
});

/** With mail set up, an address is confirmed by the link mailed to it before it signs in. */
async function signUpConfirmed(url: string, sink: MailSink, name: string, email: string): Promise<TestClient> {
  const client = new TestClient(url);
  const password = "correct horse battery staple";
  expect((await client.post("/api/auth/sign-up/email", { name, email, password })).status).toBe(200);
  const mail = await sink.waitFor(email, (item) => /verify-email\?token=/.test(item.text));
  const link = /(https?:\/\/\S+verify-email\?token=\S+)/.exec(mail.text)?.[1] as string;
  expect((await fetch(link, { redirect: "manual" })).status).toBeLessThan(400);
  expect(await client.signIn(email, password)).toBe(200);
  return client;
}

describe("notification mail (SMTP_URL set)", () => {
  let sink: MailSink;
  let app: SecondApp;
  let target: Target;
  let writer: TestClient;
  let now: TestClient;
  let later: TestClient;
  const names = { writer: `Writer ${stamp}`, now: `Immediate ${stamp}`, later: `Digest ${stamp}` };
  const emails = { writer: uniqueEmail("mail-writer"), now: uniqueEmail("mail-now"), later: uniqueEmail("mail-later") };

  beforeAll(async () => {
    sink = await startMailSink();
    app = await startSecondApp({ SMTP_URL: sink.url, MAIL_FROM: "Brief Reader <reader@brief-reader.test>", NOTIFY_DIGEST_MINUTES: "0.05" });
    target = await firstTarget(app.url);
    writer = await signUpConfirmed(app.url, sink, names.writer, emails.writer);
    now = await signUpConfirmed(app.url, sink, names.now, emails.now);
    later = await signUpConfirmed(app.url, sink, names.later, emails.later);
  }, 120_000);

  afterAll(async () => {
    await app?.stop();
    await sink?.stop();
  });

  it("mails each notification at once to a member who chose it, with the excerpt and a link, and never a note they may not see", async () => {
    expect((await now.put<{ mail: string; mailAvailable: boolean }>("/api/notifications/settings", { mail: "immediate" })).body).toEqual({ mail: "immediate", mailAvailable: true });
    const secret = await writer.post<Note>("/api/annotations", { brief: BRIEF, target, visibility: "private", body: `@${names.now} SECRET-${stamp}` });
    expect(secret.status).toBe(201);
    const note = await writer.post<Note>("/api/annotations", { brief: BRIEF, target, visibility: "shared", body: `@${names.now} 이 문장을 확인해 주세요` });
    const mail = await sink.waitFor(emails.now, (item) => item.text.includes(note.body.id));
    expect(mail.subject).toContain(names.writer);
    expect(mail.text).toContain("이 문장을 확인해 주세요");
    expect(mail.text).toContain(`/briefs/${BRIEF}?note=${note.body.id}`);
    expect(sink.mails.some((item) => item.text.includes(`SECRET-${stamp}`))).toBe(false);
  });

  it("gathers notifications into one digest for a member who chose it", async () => {
    expect((await later.put("/api/notifications/settings", { mail: "digest" })).status).toBe(200);
    const first = await writer.post<Note>("/api/annotations", { brief: BRIEF, target, visibility: "shared", body: `@${names.later} first point` });
    const second = await writer.post<Note>("/api/annotations", { brief: BRIEF, target, visibility: "shared", body: `@${names.later} second point` });
    await waitForNotification(later, (item) => item.annotation.id === second.body.id);
    await waitForNotification(later, (item) => item.annotation.id === first.body.id);
    const digest = await sink.waitFor(emails.later, (item) => item.text.includes(first.body.id) && item.text.includes(second.body.id), 15_000);
    expect(digest.subject).toMatch(/2/);
    // Each is mailed once: no second digest repeats them.
    await new Promise((done) => setTimeout(done, 4_000));
    expect(sink.mails.filter((item) => item.to.includes(emails.later.toLowerCase()) && item.text.includes(first.body.id))).toHaveLength(1);
  }, 40_000);
});
