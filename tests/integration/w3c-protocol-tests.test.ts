/**
 * The W3C's own tests of a Web Annotation Protocol server, as written, against the running app:
 * every MUST and SHOULD that web-platform-tests' `annotation-protocol/server/*` checks
 * (server-manual.html, server-musts-manual.html, server-shoulds-manual.html), each test named
 * after that suite's assertion, with the W3C's sample annotation (its target
 * `http://www.example.com/index.html`, a `urn:uuid:` canonical) sent the way those pages send it:
 * `Content-Type: application/ld+json`, no `If-Match`, no `Accept`, from another origin.
 *
 * What the suite cannot do by itself is sign in, so the client here carries a personal API token
 * (as a browser-based annotation client on another origin would). Beside it: the HTTP details
 * a linked-data client notices (Vary, Link, Prefer omit, 401 before 415), annotations on any
 * target (kept as sent, private or shared, exported, imported, listed, never in a brief),
 * stable IRIs under PUBLIC_ORIGIN, the `reader:` namespace document, and a check that every
 * annotation, page and collection the server emits meets the Data Model's MUSTs.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { annotationProblems, collectionProblems, pageProblems } from "@/lib/w3c/model-musts";
import { TestClient, uniqueEmail } from "../support/http-client";
import { type SecondApp, startSecondApp } from "../support/second-app";

const baseURL = inject("baseURL");
const container_url = `${baseURL}/annotations/`;
// "just ld+json here as the full profile'd media type is a SHOULD" (server-manual.html)
const MEDIA_TYPE = "application/ld+json";
const ANNO_PROFILE = 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"';
const WPT_ORIGIN = "https://wpt.live";
const MINIMAL = 'return=representation;include="http://www.w3.org/ns/ldp#PreferMinimalContainer"';

type Json = Record<string, unknown>;
interface Answer {
  status: number;
  headers: Headers;
  text: string;
  body: Json | null;
}

/** The W3C suite's sample annotation, with a fresh canonical (server-manual.html, "creation and deletion tests"). */
const theAnnotation = (): Json => ({
  "@context": "http://www.w3.org/ns/anno.jsonld",
  type: "Annotation",
  body: { type: "TextualBody", value: "I like this page!" },
  target: "http://www.example.com/index.html",
  canonical: `urn:uuid:${crypto.randomUUID()}`,
});

/** A request as the suite's pages make it (XHR from the test site), with a token for who is asking. */
async function request(method: string, url: string, headers: Record<string, string> = {}, content?: unknown, token: string | null = tokens.alice): Promise<Answer> {
  const response = await fetch(url, {
    method,
    headers: { origin: WPT_ORIGIN, ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: content === undefined ? undefined : typeof content === "string" ? content : JSON.stringify(content),
    redirect: "manual",
  });
  const text = await response.text();
  let body: Json | null = null;
  // As the suite does: the body is read when the answer is 2xx and of the JSON-LD type.
  if (text && response.status >= 200 && response.status < 300 && (response.headers.get("content-type") ?? "").split(";")[0] === MEDIA_TYPE) body = JSON.parse(text) as Json;
  return { status: response.status, headers: response.headers, text, body };
}

const tokens: Record<string, string> = {};
let alice: TestClient;
let bob: TestClient;

async function tokenFor(client: TestClient): Promise<string> {
  const made = await client.post<{ secret: string }>("/api/account/tokens", { name: "W3C test suite" });
  if (made.status !== 201) throw new Error(`no token: ${made.status}`);
  return made.body.secret;
}

/** Creates the sample (or `annotation`) for a user; throws unless 201. */
async function create(annotation: Json = theAnnotation(), token = tokens.alice): Promise<Json> {
  const created = await request("POST", container_url, { "content-type": MEDIA_TYPE }, annotation, token);
  if (created.status !== 201 || !created.body) throw new Error(`create failed: ${created.status} ${created.text}`);
  return created.body;
}

/** Every item of the default view, following first → next from the minimal container. */
async function walk(token: string, view = container_url): Promise<{ container: Json; pages: Answer[]; items: Json[] }> {
  const container = await request("GET", view, { prefer: MINIMAL }, undefined, token);
  const pages: Answer[] = [];
  let next = container.body?.first as string | undefined;
  while (next) {
    const page = await request("GET", next, {}, undefined, token);
    expect(page.status, next).toBe(200);
    pages.push(page);
    next = page.body?.next as string | undefined;
  }
  return { container: container.body as Json, pages, items: pages.flatMap((page) => page.body?.items as Json[]) };
}

beforeAll(async () => {
  alice = await new TestClient(baseURL).signUp("Alice (W3C)", uniqueEmail("wpt-alice"));
  bob = await new TestClient(baseURL).signUp("Bob (W3C)", uniqueEmail("wpt-bob"));
  const pager = await new TestClient(baseURL).signUp("Pager (W3C)", uniqueEmail("wpt-pager"));
  [tokens.alice, tokens.bob, tokens.pager] = await Promise.all([tokenFor(alice), tokenFor(bob), tokenFor(pager)]);
  // More than one page of the container's default size (100), so that its pages link both ways.
  for (let batch = 0; batch < 11; batch++) {
    await Promise.all(Array.from({ length: 10 }, () => create(theAnnotation(), tokens.pager)));
  }
}, 120_000);

describe("web-platform-tests annotation-protocol/server: the container", () => {
  let theContainer: Answer;

  beforeAll(async () => {
    await create();
    theContainer = await request("GET", container_url);
  });

  it('Container MUST end in a "/" character', () => {
    expect(container_url).toMatch(/\/$/);
  });

  it("Containers MUST support GET, HEAD, OPTIONS (check Allow on GET)", () => {
    for (const method of [/GET/, /HEAD/, /OPTIONS/]) expect(theContainer.headers.get("allow")).toMatch(method);
  });

  it("Containers MUST have a Content-Type header with the application/ld+json media type, and respond with JSON-LD by default", () => {
    expect(theContainer.headers.get("content-type")).toMatch(/application\/ld\+json/);
    expect(theContainer.headers.get("content-type")).toBe(ANNO_PROFILE);
  });

  it("Containers MUST return a description of the container with BasicContainer and AnnotationCollection", () => {
    expect(theContainer.body?.type).toEqual(expect.arrayContaining(["BasicContainer", "AnnotationCollection"]));
  });

  it("Containers MUST return a Link header (rfc5988) on all responses, advertising the container type and the protocol's constraints", async () => {
    const answers = [theContainer, await request("HEAD", container_url), await request("OPTIONS", container_url), await request("GET", container_url, {}, undefined, null), await request("POST", container_url, { "content-type": "text/plain" }, "x")];
    for (const answer of answers) {
      expect(answer.headers.get("link"), String(answer.status)).toMatch(/<http:\/\/www.w3.org\/ns\/(ldp#BasicContainer|oa#AnnotationCollection)>; *rel="type"/);
      expect(answer.headers.get("link"), String(answer.status)).toContain('<http://www.w3.org/TR/annotation-protocol/>; rel="http://www.w3.org/ns/ldp#constrainedBy"');
    }
  });

  it("Containers MUST have an ETag header, and a Vary header with Accept in the value", () => {
    expect(theContainer.headers.get("etag")).toMatch(/^".+"$/);
    expect(theContainer.headers.get("vary")).toMatch(/Accept/);
  });

  it("Containers MUST support HEAD method and OPTIONS method (200)", async () => {
    expect((await request("HEAD", container_url)).status).toBe(200);
    expect((await request("OPTIONS", container_url)).status).toBe(200);
  });

  it("Containers MUST include a Content-Location header with the IRI as its value; Content-Location and id MUST match", () => {
    expect(theContainer.headers.get("content-location")).toBeTruthy();
    expect(theContainer.headers.get("content-location")).toBe(theContainer.body?.id);
  });

  it("Annotation Pages must have a link to the container they are part of, using the partOf property", async () => {
    const first = theContainer.body?.first as Json;
    const page = await request("GET", first.id as string);
    expect(page.body).toHaveProperty("partOf");
    expect((page.body?.partOf as Json).id).toBe(container_url);
  });

  it("Annotation Pages MUST have a link to the previous page (if not the first) and to the next page (if not the last)", async () => {
    // The container as a user with more than one page of annotations sees it.
    const many = await request("GET", container_url, {}, undefined, tokens.pager);
    const last = await request("GET", many.body?.last as string, {}, undefined, tokens.pager);
    expect(last.body).toHaveProperty("prev");
    const first = await request("GET", (many.body?.first as Json).id as string, {}, undefined, tokens.pager);
    expect(first.body).toHaveProperty("next");
    expect(first.body).not.toHaveProperty("prev");
    expect(last.body).not.toHaveProperty("next");
  });

  it("[RECOMMENDED] SHOULD return the full annotation descriptions: every item of a page has @context", async () => {
    const minimal = await request("GET", container_url, { prefer: MINIMAL });
    const page = await request("GET", minimal.body?.first as string);
    expect((page.body?.items as Json[]).length).toBeGreaterThan(0);
    for (const item of page.body?.items as Json[]) expect(item).toHaveProperty("@context");
  });

  it("[RECOMMENDED] with PreferMinimalContainer: total, first and last; no items, no ldp:contains; Prefer in Vary; no Prefer header in the answer", async () => {
    const thePrefRequest = await request("GET", container_url, { prefer: MINIMAL });
    expect(thePrefRequest.body).toHaveProperty("total");
    expect(thePrefRequest.body).toHaveProperty("first");
    expect(thePrefRequest.body).toHaveProperty("last");
    expect(thePrefRequest.body).not.toHaveProperty("items");
    expect(thePrefRequest.body).not.toHaveProperty("ldp:contains");
    expect(thePrefRequest.headers.get("vary")).toMatch(/Prefer/);
    expect(thePrefRequest.headers.get("prefer")).toBeNull();
  });

  it("lets the suite's page on another origin read every header it checks (CORS)", () => {
    expect(theContainer.headers.get("access-control-allow-origin")).toBe("*");
    const exposed = (theContainer.headers.get("access-control-expose-headers") ?? "").toLowerCase();
    for (const name of ["allow", "content-location", "etag", "link", "location", "vary"]) expect(exposed).toContain(name);
  });
});

describe("web-platform-tests annotation-protocol/server: an annotation", () => {
  let annotation_url: string;
  let theRequest: Answer;

  beforeAll(async () => {
    annotation_url = (await create()).id as string;
    theRequest = await request("GET", annotation_url);
  });

  it("Annotations MUST support GET, HEAD, OPTIONS (check Allow on GET)", () => {
    for (const method of [/GET/, /HEAD/, /OPTIONS/]) expect(theRequest.headers.get("allow")).toMatch(method);
  });

  it("Annotations MUST have a Content-Type header with the application/ld+json media type", () => {
    expect(theRequest.headers.get("content-type")).toMatch(/application\/ld\+json/);
  });

  it('Annotations MUST have a Link header entry where the target IRI is http://www.w3.org/ns/ldp#Resource and the rel parameter value is type (the whole header, as server-musts-manual compares it)', () => {
    expect(theRequest.headers.get("link")).toMatch(/<http:\/\/www.w3.org\/ns\/ldp#Resource>; *rel="type"/);
    expect(theRequest.headers.get("link")).toBe('<http://www.w3.org/ns/ldp#Resource>; rel="type"');
  });

  it("Annotations MUST have an ETag header, and a Vary header with Accept in the value", () => {
    expect(theRequest.headers.get("etag")).toMatch(/^".+"$/);
    expect(theRequest.headers.get("vary")).toMatch(/Accept/);
  });

  it("Annotations MUST support HEAD method and OPTIONS method (200)", async () => {
    expect((await request("HEAD", annotation_url)).status).toBe(200);
    expect((await request("OPTIONS", annotation_url)).status).toBe(200);
  });
});

describe("web-platform-tests annotation-protocol/server: creation, update and deletion", () => {
  let sent: Json;
  let theCreation: Answer;

  beforeAll(async () => {
    sent = theAnnotation();
    theCreation = await request("POST", container_url, { "Content-Type": MEDIA_TYPE }, sent);
  });

  it("Annotation Server MUST respond with a 201 Created code if the creation is successful", () => {
    expect(theCreation.status).toBe(201);
  });

  it("Created Annotation MUST have an id property, that starts with the Container IRI", () => {
    expect(theCreation.body).toHaveProperty("id");
    expect((theCreation.body?.id as string).search(container_url)).toBeGreaterThan(-1);
    expect((theCreation.body?.id as string).startsWith(container_url)).toBe(true);
  });

  it("Created Annotation MUST preserve any canonical IRI", () => {
    expect(theCreation.body?.canonical).toBe(sent.canonical);
  });

  it("[RECOMMENDED] Location header SHOULD match the id of the new Annotation", () => {
    expect(theCreation.headers.get("location")).toBe(theCreation.body?.id);
  });

  it("keeps the annotation as sent: every member, in order, apart from the server-set id, created, modified and creator", () => {
    const { id, created, modified, creator, ...rest } = theCreation.body as Json;
    expect(JSON.stringify(rest)).toBe(JSON.stringify(sent));
    expect(id).toMatch(/^http/);
    expect(Date.parse(created as string)).toBeGreaterThan(0);
    expect(modified).toBe(created);
    expect(creator).toMatchObject({ type: "Person", name: "Alice (W3C)" });
  });

  it("Annotation update must be done with the PUT method (without If-Match, as the suite sends it)", async () => {
    const newAnnotation: Json = { ...(theCreation.body as Json), target: "http://other.example/" };
    const lres = await request("PUT", newAnnotation.id as string, { "Content-Type": MEDIA_TYPE }, newAnnotation);
    expect(lres.status).toBe(200);
    expect(lres.body?.target).toBe(newAnnotation.target);
    expect(lres.headers.get("etag")).toBe('"2"');
    expect((await request("GET", newAnnotation.id as string)).body?.target).toBe("http://other.example/");
  });

  it("Annotation deletion with DELETE method MUST return a 204 status", async () => {
    const lres = await request("DELETE", theCreation.body?.id as string);
    expect(lres.status).toBe(204);
    expect((await request("GET", theCreation.body?.id as string)).status).toBe(410);
  });

  it("[RECOMMENDED] Annotation server SHOULD use HTTPS rather than HTTP: it does when PUBLIC_ORIGIN is https (see “stable identifiers”)", () => {
    // The test server itself is plain http on a loopback port; the IRIs a deployment gives out are
    // its PUBLIC_ORIGIN's, checked below on a second server with https://reader.example.org.
    expect(container_url.toLowerCase().slice(0, 4)).toBe("http");
  });
});

describe("HTTP details a generic client notices", () => {
  it("answers DELETE with Content-Type application/ld+json (with or without the profile) and no body 204", async () => {
    for (const type of [MEDIA_TYPE, ANNO_PROFILE, "application/json"]) {
      const made = await create();
      const answer = await request("DELETE", made.id as string, { "content-type": type });
      expect(answer.status, type).toBe(204);
    }
  });

  it("checks who is asking before what they sent: a signed-out DELETE or PUT is 401, never 415", async () => {
    const made = await create();
    // A script with no credentials at all (a browser's cross-site request is refused 403 before this, as the app's API does).
    const signedOut = (method: string, url: string, type: string, body?: string) => fetch(url, { method, headers: { "content-type": type }, body });
    for (const type of [MEDIA_TYPE, ANNO_PROFILE, "text/plain", "application/x-www-form-urlencoded"]) {
      for (const method of ["DELETE", "PUT"]) {
        const answer = await signedOut(method, made.id as string, type, method === "PUT" ? JSON.stringify(made) : undefined);
        expect(answer.status, `${method} ${type}`).toBe(401);
        expect(answer.headers.get("www-authenticate"), `${method} ${type}`).toMatch(/^Bearer/);
      }
    }
    expect((await signedOut("POST", container_url, "text/plain", "x")).status).toBe(401);
    expect((await request("GET", made.id as string)).status).toBe(200);
  });

  it("gives pages Link rel=next and rel=prev headers, the same links as their body", async () => {
    const { pages } = await walk(tokens.pager);
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages) {
      const link = page.headers.get("link") ?? "";
      if (page.body?.next) expect(link).toContain(`<${page.body.next as string}>; rel="next"`);
      else expect(link).not.toContain('rel="next"');
      if (page.body?.prev) expect(link).toContain(`<${page.body.prev as string}>; rel="prev"`);
      else expect(link).not.toContain('rel="prev"');
    }
  });

  it("lists in Vary only what the answer varies on, once, and none of Next's router headers", async () => {
    const made = await create();
    const expected: [string, Record<string, string>, string][] = [
      [container_url, {}, "Accept, Prefer"],
      [`${container_url}?page=0`, {}, "Accept"],
      [made.id as string, {}, "Accept"],
      [`${baseURL}/ns/reader`, {}, "Accept"],
      [container_url, { "next-router-prefetch": "1", "next-router-state-tree": "x" }, "Accept, Prefer"],
    ];
    // Next's compression adds Accept-Encoding where it may compress: the answer does vary on it.
    const names = (answer: Answer) => (answer.headers.get("vary") ?? "").split(",").map((name) => name.trim());
    for (const [url, headers, vary] of expected) {
      const listed = names(await request("GET", url, headers));
      expect(new Set(listed.map((name) => name.toLowerCase())).size, url).toBe(listed.length);
      expect(listed.filter((name) => name !== "Accept-Encoding").join(", "), url).toBe(vary);
    }
    expect(names(await request("HEAD", made.id as string)).filter((name) => name !== "Accept-Encoding")).toEqual(["Accept"]);
  });

  it('honours Prefer: return=representation; omit="http://www.w3.org/ns/ldp#PreferContainment" (the container without its items)', async () => {
    const omit = 'return=representation; omit="http://www.w3.org/ns/ldp#PreferContainment"';
    const answer = await request("GET", container_url, { prefer: omit });
    expect(answer.status).toBe(200);
    expect(typeof answer.body?.first).toBe("string");
    expect(answer.body).not.toHaveProperty("items");
    expect(answer.headers.get("preference-applied")).toBe(omit);
  });
});

describe("annotations on any target", () => {
  it("keeps a private one its author's: others neither read, list, change nor delete it", async () => {
    const made = await create();
    expect((await request("GET", made.id as string, {}, undefined, tokens.bob)).status).toBe(404);
    expect((await request("PUT", made.id as string, { "content-type": MEDIA_TYPE }, made, tokens.bob)).status).toBe(404);
    expect((await request("DELETE", made.id as string, {}, undefined, tokens.bob)).status).toBe(404);
    expect((await walk(tokens.bob)).items.map((item) => item.id)).not.toContain(made.id);
    expect((await walk(tokens.alice)).items.map((item) => item.id)).toContain(made.id);
  });

  it("shows a shared one to every member, in the container too, and lets only its author change it", async () => {
    const made = await create({ ...theAnnotation(), "reader:visibility": "shared" });
    const seen = await request("GET", made.id as string, {}, undefined, tokens.bob);
    expect(seen.status).toBe(200);
    expect(seen.body).toEqual(made);
    expect((await walk(tokens.bob)).items.map((item) => item.id)).toContain(made.id);
    expect((await request("PUT", made.id as string, { "content-type": MEDIA_TYPE }, made, tokens.bob)).status).toBe(403);
    expect((await request("DELETE", made.id as string, {}, undefined, tokens.bob)).status).toBe(403);
    // Its author makes it private again: it leaves bob's view.
    const privateAgain = await request("PUT", made.id as string, { "content-type": MEDIA_TYPE, "if-match": '"1"' }, { ...made, "reader:visibility": "private" });
    expect(privateAgain.status).toBe(200);
    expect((await request("GET", made.id as string, {}, undefined, tokens.bob)).status).toBe(404);
  });

  it("refuses a change of a set canonical (409), a stale If-Match (412), and a document that breaks the model's MUSTs (400 naming the member)", async () => {
    const made = await create();
    expect((await request("PUT", made.id as string, { "content-type": MEDIA_TYPE }, { ...made, canonical: "urn:uuid:other" })).status).toBe(409);
    expect((await request("PUT", made.id as string, { "content-type": MEDIA_TYPE, "if-match": '"7"' }, made)).status).toBe(412);
    const cases: [Json, string][] = [
      [{ ...theAnnotation(), "@context": "http://example.org/other.jsonld" }, "@context"],
      [{ ...theAnnotation(), type: "Note" }, "type"],
      [{ ...theAnnotation(), bodyValue: "both" }, "bodyValue"],
      [{ ...theAnnotation(), target: { source: "http://www.example.com/", selector: { type: "TextQuoteSelector" } } }, "target.selector.exact"],
      [{ ...theAnnotation(), target: ["http://www.example.com/", `${baseURL}/briefs/japan-quasi-alliance`] }, "target"],
    ];
    for (const [annotation, field] of cases) {
      const answer = await fetch(container_url, { method: "POST", headers: { authorization: `Bearer ${tokens.alice}`, "content-type": MEDIA_TYPE }, body: JSON.stringify(annotation) });
      expect(answer.status, field).toBe(400);
      expect(((await answer.json()) as { error: { field: string } }).error.field, field).toBe(field);
    }
  });

  it("never shows them in a brief: not in the app's API, not in a brief's view of the container", async () => {
    const made = await create({ ...theAnnotation(), "reader:visibility": "shared" });
    const api = await alice.get<{ id: string }[]>("/api/annotations?brief=japan-quasi-alliance");
    expect(api.body.map((item) => item.id)).not.toContain((made.id as string).split("/").pop());
    const view = await walk(tokens.alice, `${container_url}?brief=japan-quasi-alliance`);
    expect(view.items.map((item) => item.id)).not.toContain(made.id);
  });

  it("maps a brief's original URL (its sourceUrl) to that brief", async () => {
    const brief = (await (await fetch(`${baseURL}/api/briefs/broken-brief`)).json()) as { sections: { blocks: { text: string }[] }[] };
    const exact = brief.sections.flatMap((section) => section.blocks)[0].text.slice(0, 6);
    const made = await create({ ...theAnnotation(), target: { source: "https://briefs.example.org/broken-brief.pdf", selector: { type: "TextQuoteSelector", exact } } });
    expect(made.target).toMatchObject({ type: "SpecificResource", source: `${baseURL}/briefs/broken-brief` });
    const api = await alice.get<{ id: string; brief: string }>(`/api/annotations/${(made.id as string).split("/").pop()}`);
    expect(api.body.brief).toBe("broken-brief");
  });

  it("lists them on the account's “other sources” page, in Korean and English", async () => {
    const made = await create({ ...theAnnotation(), body: { type: "TextualBody", value: "다른 출처에 단 노트" }, target: "https://news.example.org/article-1" });
    const ko = await fetch(`${baseURL}/account/other-sources`, { headers: { cookie: `${alice.cookieHeader()}; lang=ko` } });
    const html = await ko.text();
    expect(ko.status).toBe(200);
    expect(html).toContain("다른 출처의 주석");
    expect(html).toContain("https://news.example.org/article-1");
    expect(html).toContain("다른 출처에 단 노트");
    expect(html).toContain(made.id as string);
    const en = await (await fetch(`${baseURL}/account/other-sources`, { headers: { cookie: `${alice.cookieHeader()}; lang=en` } })).text();
    expect(en).toContain("Annotations on other sources");
    // Bob does not see alice's private one; signed out, the page asks to sign in.
    expect(await (await fetch(`${baseURL}/account/other-sources`, { headers: { cookie: bob.cookieHeader() } })).text()).not.toContain("다른 출처에 단 노트");
    expect(await (await fetch(`${baseURL}/account/other-sources`, { headers: { cookie: "lang=en" } })).text()).toContain("Sign in to see");
  });
});

describe("every annotation the server emits meets the Data Model's MUSTs", () => {
  it("container descriptions, pages and each of their items, in every view", async () => {
    // One of each kind: on another source with a selector, on a brief's passage, a reply, a note on an entity.
    await create({ ...theAnnotation(), target: { source: "http://www.example.com/index.html", selector: { type: "FragmentSelector", value: "xywh=10,10,5,5", conformsTo: "http://www.w3.org/TR/media-frags/" } } });
    const onBrief = await create({ ...theAnnotation(), target: { source: `${baseURL}/briefs/japan-quasi-alliance`, selector: { type: "TextQuoteSelector", exact: "준동맹" } } });
    await create({ ...theAnnotation(), motivation: "replying", target: onBrief.id });
    await create({ ...theAnnotation(), target: `${baseURL}/entities/jp` });
    const container = await request("GET", container_url);
    expect(collectionProblems(container.body)).toEqual([]);
    const { items, pages } = await walk(tokens.alice);
    for (const page of pages) expect(pageProblems(page.body), page.body?.id as string).toEqual([]);
    for (const item of items) expect(annotationProblems(item), item.id as string).toEqual([]);
    expect(items.some((item) => (item.target as Json).source === `${baseURL}/briefs/japan-quasi-alliance`)).toBe(true);
    expect(items.some((item) => item.motivation === "replying")).toBe(true);
    const iris = await request("GET", container_url, { prefer: 'return=representation;include="http://www.w3.org/ns/oa#PreferContainedIRIs"' });
    expect(collectionProblems(iris.body)).toEqual([]);
  });

  it("single GETs, and every item of the JSON-LD export on its own", async () => {
    const made = await create();
    expect(annotationProblems((await request("GET", made.id as string)).body)).toEqual([]);
    const exported = await alice.get<Json & { first: { items: Json[]; partOf: Json } }>("/api/export/annotations.jsonld?scope=visible");
    expect(collectionProblems(exported.body)).toEqual([]);
    expect(exported.body.first.partOf).toMatchObject({ id: exported.body.id, type: "AnnotationCollection" });
    const foreign = exported.body.first.items.filter((item) => item.target === "http://www.example.com/index.html");
    expect(foreign.length).toBeGreaterThan(0);
    for (const item of exported.body.first.items) expect(annotationProblems(item), item.id as string).toEqual([]);
  });
});

describe("stable identifiers, export and import, on a server with PUBLIC_ORIGIN", () => {
  const PUBLIC = "https://reader.example.org";
  let second: SecondApp | undefined;
  let carol: TestClient;

  beforeAll(async () => {
    second = await startSecondApp({ PUBLIC_ORIGIN: PUBLIC });
    carol = await new TestClient(second.url).signUp("Carol", uniqueEmail("wpt-carol"));
  }, 120_000);

  afterAll(async () => {
    await second?.stop();
  });

  it("uses PUBLIC_ORIGIN for every IRI, Location and Content-Location, whatever Host the client sent (and so https, the protocol's SHOULD)", async () => {
    const made = await carol.request<Json>("POST", "/annotations/", { raw: JSON.stringify(theAnnotation()), headers: { "content-type": MEDIA_TYPE } });
    expect(made.status).toBe(201);
    expect(made.body.id).toMatch(new RegExp(`^${PUBLIC}/annotations/[^/]+$`));
    expect(made.headers.get("location")).toBe(made.body.id);
    expect((made.body.creator as Json).id).toMatch(new RegExp(`^${PUBLIC}/users/`));
    const path = (made.body.id as string).slice(PUBLIC.length);
    for (const host of [new URL(second?.url as string).host, "localhost", "evil.example"]) {
      const again = await carol.get<Json>(path, { host });
      expect(again.status, host).toBe(200);
      expect(again.body.id, host).toBe(made.body.id);
      const container = await carol.get<Json>("/annotations/", { host, prefer: MINIMAL });
      expect(container.body.id, host).toBe(`${PUBLIC}/annotations/`);
      expect(container.headers.get("content-location"), host).toBe(`${PUBLIC}/annotations/`);
      expect(container.body.first, host).toBe(`${PUBLIC}/annotations/?page=0`);
    }
    const context = (await (await fetch(`${second?.url}/ns/reader`, { headers: { accept: MEDIA_TYPE } })).json()) as { "@context": Json };
    expect(context["@context"].reader).toBe(`${PUBLIC}/ns/reader#`);
  });

  it("exports and Markdown links on PUBLIC_ORIGIN; an export of annotations on other sources imports as them, once", async () => {
    const exported = await alice.get<Json & { first: { items: Json[] } }>("/api/export/annotations.jsonld");
    const foreign = exported.body.first.items.filter((item) => typeof item.target === "string" && !(item.target as string).startsWith(baseURL));
    expect(foreign.length).toBeGreaterThan(0);
    const report = await carol.request<{ imported: number; skipped: unknown[]; errors: unknown[] }>("POST", "/api/import/annotations", { raw: JSON.stringify(exported.body), headers: { "content-type": MEDIA_TYPE } });
    expect(report.status).toBe(200);
    expect(report.body.imported).toBeGreaterThanOrEqual(foreign.length);
    const again = await carol.request<{ imported: number; skipped: unknown[] }>("POST", "/api/import/annotations", { raw: JSON.stringify(exported.body), headers: { "content-type": MEDIA_TYPE } });
    expect(again.body.imported).toBe(0);
    const out = await carol.get<Json & { id: string; first: { items: Json[] } }>("/api/export/annotations.jsonld");
    expect(out.body.id).toBe(`${PUBLIC}/api/export/annotations.jsonld`);
    for (const item of out.body.first.items) {
      expect(item.id as string).toMatch(new RegExp(`^${PUBLIC}/annotations/`));
      expect(annotationProblems(item)).toEqual([]);
    }
    // Each imported foreign annotation is the exported one: its members as they were, its old IRI in via.
    const byCanonical = new Map(out.body.first.items.map((item) => [item.canonical, item]));
    for (const item of foreign) {
      const copy = byCanonical.get(item.canonical) as Json;
      expect(copy, item.id as string).toBeDefined();
      expect(copy).toMatchObject({ target: item.target, body: item.body, via: item.id });
    }
    const markdown = await (await fetch(`${second?.url}/api/export/notes.md?brief=japan-quasi-alliance`, { headers: { cookie: carol.cookieHeader() } })).text();
    expect(markdown).toContain(`source: "${PUBLIC}/briefs/japan-quasi-alliance"`);
  });
});

describe("the reader: namespace", () => {
  it("GET /ns/reader is a JSON-LD context defining every reader: term the server uses; a browser gets a page", async () => {
    const context = await fetch(`${baseURL}/ns/reader`);
    expect(context.headers.get("content-type")).toBe(MEDIA_TYPE);
    const definitions = ((await context.json()) as { "@context": Json })["@context"];
    expect(definitions.reader).toBe(`${baseURL}/ns/reader#`);
    for (const term of ["reader:visibility", "reader:color", "reader:anchor", "reader:brief"]) expect(definitions[term], term).toMatchObject({ "@id": term });
    const page = await fetch(`${baseURL}/ns/reader`, { headers: { accept: "text/html,application/xhtml+xml,*/*;q=0.8" } });
    expect(page.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const html = await page.text();
    for (const term of ["visibility", "color", "anchor", "brief"]) expect(html).toContain(`reader:${term}`);
    expect((await fetch(`${baseURL}/ns/reader`, { headers: { accept: "text/turtle" } })).status).toBe(406);
  });
});
