/**
 * W3C Web Annotation Protocol conformance, over real HTTP against the built app. Each test names
 * the requirement of the Recommendation (https://www.w3.org/TR/annotation-protocol/, 2017-02-23)
 * it checks, by section: 4 Annotation Retrieval, 5 Annotation Containers (5.1 retrieval, 5.2
 * representations and preferences, 5.3 pages), 6 Creation, Updating and Deletion (6.1, 6.3,
 * 6.4). Where the protocol leaves a choice, the test names the choice made (docs/api.md).
 */
import { beforeAll, describe, expect, inject, it } from "vitest";
import type { WebAnnotation } from "@/lib/w3c/web-annotation";
import { type JsonResponse, TestClient, uniqueEmail } from "../support/http-client";

const baseURL = inject("baseURL");
const slug = "japan-quasi-alliance";
// Tests that count a container's items use this fixture brief: other test files, running at the
// same time on the same server, make shared notes on the real brief but none on this one.
const quiet = "broken-brief";
const CONTAINER = `${baseURL}/annotations/`;
const BRIEF_IRI = `${baseURL}/briefs/${slug}`;
const ANNO_TYPE = 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"';
const LDP_RESOURCE = /<http:\/\/www\.w3\.org\/ns\/ldp#Resource>;\s*rel="type"/;
const LDP_BASIC_CONTAINER = /<http:\/\/www\.w3\.org\/ns\/ldp#BasicContainer>;\s*rel="type"/;
const CONSTRAINED_BY = /<http:\/\/www\.w3\.org\/TR\/annotation-protocol\/>;\s*rel="http:\/\/www\.w3\.org\/ns\/ldp#constrainedBy"/;
const MINIMAL = "http://www.w3.org/ns/ldp#PreferMinimalContainer";
const IRIS = "http://www.w3.org/ns/oa#PreferContainedIRIs";
const DESCRIPTIONS = "http://www.w3.org/ns/oa#PreferContainedDescriptions";
const prefer = (...iris: string[]) => ({ prefer: `return=representation;include="${iris.join(" ")}"` });

interface ErrorBody {
  error: { code: string; message: string; field?: string };
}
interface PageBody {
  id: string;
  type: string;
  partOf?: { id: string; total: number };
  startIndex: number;
  prev?: string;
  next?: string;
  items: (WebAnnotation | string)[];
}
interface ContainerBody {
  "@context": string[];
  id: string;
  type: string[];
  label: string;
  total: number;
  first?: PageBody | string;
  last?: string;
}

let alice: TestClient;
let bob: TestClient;
let anonymous: TestClient;
const texts = new Map<string, string>();

/** A path on this server from one of its absolute IRIs. */
const pathOf = (iri: string) => iri.slice(baseURL.length);

/** A W3C annotation on the first occurrence of `exact` in a brief, as a client would send it. */
function onQuote(exact: string, extra: Record<string, unknown> = {}, brief = slug) {
  const text = texts.get(brief) as string;
  const units = text.indexOf(exact);
  if (units < 0) throw new Error(`not in the brief: ${exact}`);
  const start = Array.from(text.slice(0, units)).length;
  return {
    "@context": "http://www.w3.org/ns/anno.jsonld",
    type: "Annotation",
    body: { type: "TextualBody", value: `노트: ${exact}`, format: "text/markdown", purpose: "commenting" },
    target: {
      source: `${baseURL}/briefs/${brief}`,
      selector: [
        { type: "TextQuoteSelector", exact },
        { type: "TextPositionSelector", start, end: start + Array.from(exact).length },
      ],
    },
    ...extra,
  };
}

async function post(client: TestClient, annotation: unknown, headers: Record<string, string> = {}) {
  return client.request<WebAnnotation>("POST", "/annotations/", { raw: JSON.stringify(annotation), headers: { "content-type": ANNO_TYPE, ...headers } });
}

async function created(client: TestClient, annotation: unknown): Promise<JsonResponse<WebAnnotation>> {
  const response = await post(client, annotation);
  if (response.status !== 201) throw new Error(`create failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response;
}

async function put(client: TestClient, iri: string, annotation: unknown, headers: Record<string, string> = {}) {
  return client.request<WebAnnotation>("PUT", pathOf(iri), { raw: JSON.stringify(annotation), headers: { "content-type": ANNO_TYPE, ...headers } });
}

/** Every item of a container view, following `first` → `next` from its minimal description. */
async function walk(client: TestClient, containerPath: string, contained?: string) {
  const container = await client.get<ContainerBody>(containerPath, prefer(MINIMAL, ...(contained ? [contained] : [])));
  expect(container.status).toBe(200);
  const items: (WebAnnotation | string)[] = [];
  const pages: PageBody[] = [];
  let next = typeof container.body.first === "string" ? container.body.first : undefined;
  while (next) {
    const page = await client.get<PageBody>(pathOf(next));
    expect(page.status, next).toBe(200);
    pages.push(page.body);
    items.push(...page.body.items);
    next = page.body.next;
  }
  return { container: container.body, items, pages };
}

beforeAll(async () => {
  for (const brief of [slug, quiet]) {
    const view = (await (await fetch(`${baseURL}/api/briefs/${brief}`)).json()) as { sections: { blocks: { text: string }[] }[] };
    texts.set(brief, view.sections.flatMap((section) => section.blocks.map((block) => block.text)).join("\n"));
  }
  alice = await new TestClient(baseURL).signUp("앨리스", uniqueEmail("proto-alice"));
  bob = await new TestClient(baseURL).signUp("Bob", uniqueEmail("proto-bob"));
  anonymous = new TestClient(baseURL);
});

describe("4 Annotation Retrieval", () => {
  let annotation: WebAnnotation;
  let path: string;

  beforeAll(async () => {
    annotation = (await created(alice, onQuote("준동맹", { "reader:visibility": "shared" }))).body;
    path = pathOf(annotation.id);
  });

  it("4 MUST support GET on the annotation's IRI: the description of the annotation", async () => {
    const response = await alice.get<WebAnnotation>(path);
    expect(response.status).toBe(200);
    expect(response.body).toEqual(annotation);
    // SHOULD use 200 when no errors occurred (checked above); the IRI it is served at is its id.
    expect(response.body.id).toBe(`${baseURL}${path}`);
  });

  it("4 MUST support HEAD: the headers of the annotation without an entity-body", async () => {
    const get = await alice.get(path);
    const head = await alice.request("HEAD", path);
    expect(head.status).toBe(200);
    expect(head.body).toBeNull();
    for (const name of ["content-type", "etag", "link", "allow", "vary"]) expect(head.headers.get(name), name).toBe(get.headers.get(name));
  });

  it("4 MUST support OPTIONS (enable CORS pre-flight requests)", async () => {
    const response = await fetch(`${baseURL}${path}`, {
      method: "OPTIONS",
      headers: { origin: "https://client.example", "access-control-request-method": "PUT", "access-control-request-headers": "authorization, content-type, if-match" },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("allow")).toBe("GET, HEAD, OPTIONS, PUT, DELETE");
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    expect(response.headers.get("access-control-allow-methods")).toContain("PUT");
    expect(response.headers.get("access-control-allow-headers")?.toLowerCase()).toContain("if-match");
    expect(response.headers.get("access-control-allow-headers")?.toLowerCase()).toContain("authorization");
  });

  it("4 MUST support the JSON-LD representation: Content-Type application/ld+json, SHOULD with the anno profile", async () => {
    const response = await alice.get(path);
    expect(response.headers.get("content-type")).toBe(ANNO_TYPE);
    const withAccept = await alice.get(path, { accept: ANNO_TYPE });
    expect(withAccept.headers.get("content-type")).toBe(ANNO_TYPE);
  });

  it("4 MUST have a Link header entry with target <http://www.w3.org/ns/ldp#Resource> and rel type", async () => {
    const response = await alice.get(path);
    expect(response.headers.get("link")).toMatch(LDP_RESOURCE);
    // 4 allows oa#Annotation with the same rel too; left out, as the W3C's test compares the whole header.
    expect(response.headers.get("link")).toBe('<http://www.w3.org/ns/ldp#Resource>; rel="type"');
  });

  it("4 MUST have an ETag header (a strong tag of the annotation's version)", async () => {
    const response = await alice.get(path);
    expect(response.headers.get("etag")).toBe('"1"');
  });

  it("4 MUST have an Allow header listing the methods for interacting with the annotation", async () => {
    const allow = (await alice.get(path)).headers.get("allow") ?? "";
    expect(allow.split(/,\s*/).sort()).toEqual(["DELETE", "GET", "HEAD", "OPTIONS", "PUT"]);
  });

  it("4 MUST have a Vary header with Accept, as the server negotiates the format", async () => {
    expect((await alice.get(path)).headers.get("vary")).toMatch(/\bAccept\b/);
  });

  it("4 content negotiation: application/json and */* are served, other formats get 406 (JSON error naming accept)", async () => {
    const json = await alice.get<WebAnnotation>(path, { accept: "application/json" });
    expect(json.status).toBe(200);
    expect(json.headers.get("content-type")).toBe("application/json");
    expect(json.body).toEqual(annotation);
    expect((await alice.get(path, { accept: "*/*" })).headers.get("content-type")).toBe(ANNO_TYPE);
    const turtle = await alice.get<ErrorBody>(path, { accept: "text/turtle" });
    expect(turtle.status).toBe(406);
    expect(turtle.body.error).toMatchObject({ code: "not_acceptable", field: "accept" });
  });

  it("4 a conditional GET with the current ETag answers 304 without a body", async () => {
    const response = await alice.get(path, { "if-none-match": '"1"' });
    expect(response.status).toBe(304);
    expect(response.headers.get("etag")).toBe('"1"');
    expect((await alice.get(path, { "if-none-match": '"7"' })).status).toBe(200);
  });

  it("serves the Data Model: TextualBody in text/markdown with a purpose; a block fragment refined by quote and position", async () => {
    expect(annotation).toMatchObject({
      "@context": ["http://www.w3.org/ns/anno.jsonld", { reader: `${baseURL}/ns/reader#` }],
      type: "Annotation",
      motivation: "commenting",
      body: [{ type: "TextualBody", value: "노트: 준동맹", format: "text/markdown", purpose: "commenting" }],
      target: { type: "SpecificResource", source: BRIEF_IRI },
      "reader:visibility": "shared",
    });
    const selectors = (annotation.target as { selector: { type: string; refinedBy: { type: string } }[] }).selector;
    expect(selectors.map((selector) => [selector.type, selector.refinedBy.type])).toEqual([
      ["FragmentSelector", "TextQuoteSelector"],
      ["FragmentSelector", "TextPositionSelector"],
    ]);
  });

  it("answers an unknown annotation 404, and anyone not signed in 401, as JSON errors", async () => {
    const missing = await alice.get<ErrorBody>("/annotations/no-such-annotation");
    expect(missing.status).toBe(404);
    expect(missing.body.error).toMatchObject({ code: "not_found", field: "id" });
    const signedOut = await anonymous.get<ErrorBody>(path);
    expect(signedOut.status).toBe(401);
    expect(signedOut.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect(signedOut.body.error.code).toBe("unauthorized");
  });
});

describe("5 Annotation Containers", () => {
  beforeAll(async () => {
    await created(alice, onQuote("RAA"));
  });

  it("5 MUST: the container's IRI ends in “/”; /annotations redirects there with 308, and other paths keep Next's slash rules", async () => {
    const container = await alice.get<ContainerBody>("/annotations/");
    expect(container.status).toBe(200);
    expect(container.body.id).toBe(CONTAINER);
    const bare = await alice.get("/annotations");
    expect(bare.status).toBe(308);
    expect(new URL(bare.headers.get("location") as string, baseURL).href).toBe(CONTAINER);
    const bareWithQuery = await alice.get("/annotations?iris=1");
    expect(new URL(bareWithQuery.headers.get("location") as string, baseURL).href).toBe(`${CONTAINER}?iris=1`);
    // skipTrailingSlashRedirect must not change any other page: a trailing slash still redirects away.
    for (const path of [`/briefs/${slug}/`, "/api/annotations/", "/account/"]) {
      const response = await anonymous.get(path);
      expect(response.status, path).toBe(308);
      expect(new URL(response.headers.get("location") as string, baseURL).pathname, path).toBe(path.slice(0, -1));
    }
    expect((await anonymous.get(`/briefs/${slug}`)).status).toBe(200);
  });

  it("5.1 MUST support GET, HEAD and OPTIONS on the container's IRI", async () => {
    // The quiet brief's view, so that no other test's note changes it between the two requests.
    const get = await alice.get<ContainerBody>(`/annotations/?brief=${quiet}`);
    expect(get.status).toBe(200);
    const head = await alice.request("HEAD", `/annotations/?brief=${quiet}`);
    expect(head.status).toBe(200);
    expect(head.body).toBeNull();
    for (const name of ["etag", "content-type", "link", "allow", "vary", "content-location"]) expect(head.headers.get(name), name).toBe(get.headers.get(name));
    const options = await anonymous.request("OPTIONS", "/annotations/");
    expect(options.status).toBe(200);
    expect(options.headers.get("access-control-allow-methods")).toContain("POST");
  });

  it("5.1 MUST return a Link header on all responses: rel type BasicContainer, and constrainedBy the protocol", async () => {
    const responses = [
      await alice.get("/annotations/"),
      await alice.request("HEAD", "/annotations/"),
      await anonymous.request("OPTIONS", "/annotations/"),
      await anonymous.get("/annotations/"),
      await alice.request("POST", "/annotations/", { raw: "x", headers: { "content-type": "text/plain" } }),
    ];
    for (const response of responses) {
      expect(response.headers.get("link"), String(response.status)).toMatch(LDP_BASIC_CONTAINER);
      expect(response.headers.get("link"), String(response.status)).toMatch(CONSTRAINED_BY);
    }
  });

  it("5.1 MUST include an ETag header (a hash of the representation) that changes when the contents do", async () => {
    const view = `/annotations/?brief=${quiet}`;
    const before = await alice.get(view);
    const etag = before.headers.get("etag") as string;
    expect(etag).toMatch(/^"[\w-]{20,}"$/);
    expect((await alice.get(view)).headers.get("etag")).toBe(etag);
    expect((await alice.get(view, { "if-none-match": etag })).status).toBe(304);
    expect((await alice.request("HEAD", view, { headers: { "if-none-match": etag } })).status).toBe(304);
    await created(alice, onQuote("근거", {}, quiet));
    const after = await alice.get(view, { "if-none-match": etag });
    expect(after.status).toBe(200);
    expect(after.headers.get("etag")).not.toBe(etag);
    // Another type is another representation, with another tag.
    expect((await alice.get(view, { accept: "application/json" })).headers.get("etag")).not.toBe(after.headers.get("etag"));
  });

  it("5.1 MUST respond with JSON-LD when Accept is absent; SHOULD advertise Allow and Accept-Post", async () => {
    const response = await fetch(CONTAINER, { headers: { cookie: alice.cookieHeader() } });
    expect(response.headers.get("content-type")).toBe(ANNO_TYPE);
    expect(response.headers.get("allow")?.split(/,\s*/).sort()).toEqual(["GET", "HEAD", "OPTIONS", "POST"]);
    expect(response.headers.get("accept-post")).toContain("application/ld+json");
  });

  it("5.1 MUST have a Vary header that includes Accept (and Prefer, which also changes the representation)", async () => {
    const vary = (await alice.get("/annotations/")).headers.get("vary") ?? "";
    expect(vary).toMatch(/\bAccept\b/);
    expect(vary).toMatch(/\bPrefer\b/);
  });

  it("5.2 MUST link or embed the first page when there are annotations; SHOULD give last and total; is an AnnotationCollection and BasicContainer", async () => {
    const response = await alice.get<ContainerBody>("/annotations/");
    expect(response.body["@context"]).toEqual(["http://www.w3.org/ns/anno.jsonld", "http://www.w3.org/ns/ldp.jsonld"]);
    expect(response.body.type).toEqual(["BasicContainer", "AnnotationCollection"]);
    expect(response.body.label).toEqual(expect.any(String));
    expect(response.body.total).toBeGreaterThanOrEqual(3);
    const first = response.body.first as PageBody;
    expect(first).toMatchObject({ type: "AnnotationPage", startIndex: 0, id: `${CONTAINER}?page=0` });
    expect(first.items.length).toBe(Math.min(response.body.total, 100));
    expect(response.body.last).toMatch(/\?page=\d+$/);
  });

  it("5.2 MUST include a Content-Location header with the IRI of the representation, the same as its id", async () => {
    for (const headers of [{}, prefer(IRIS), prefer(DESCRIPTIONS), prefer(MINIMAL)]) {
      const response = await alice.get<ContainerBody>("/annotations/", headers);
      expect(response.headers.get("content-location")).toBe(response.body.id);
    }
    expect((await alice.get<ContainerBody>("/annotations/", prefer(IRIS))).body.id).toBe(`${CONTAINER}?iris=1`);
  });

  it("5.2 PreferMinimalContainer: MUST NOT embed the first page nor ldp:contains; first and last are links", async () => {
    const response = await alice.get<ContainerBody>("/annotations/", prefer(MINIMAL));
    expect(response.status).toBe(200);
    expect(response.headers.get("preference-applied")).toBe(`return=representation; include="${MINIMAL}"`);
    expect(typeof response.body.first).toBe("string");
    expect(typeof response.body.last).toBe("string");
    expect(response.body).not.toHaveProperty("items");
    expect(response.body).not.toHaveProperty("contains");
    expect(response.body).not.toHaveProperty("ldp:contains");
    expect(response.body.total).toBeGreaterThan(0);
  });

  it("5.2 MUST respond to PreferContainedIRIs with an AnnotationPage as first whose items are only IRIs; linked pages follow it", async () => {
    const response = await alice.get<ContainerBody>("/annotations/", prefer(IRIS));
    expect(response.headers.get("preference-applied")).toBe(`return=representation; include="${IRIS}"`);
    const first = response.body.first as PageBody;
    expect(first.type).toBe("AnnotationPage");
    expect(first.items.length).toBeGreaterThan(0);
    for (const item of first.items) expect(item).toMatch(new RegExp(`^${CONTAINER.replace(/[.?]/g, "\\$&")}[^/?]+$`));
    const both = await alice.get<ContainerBody>("/annotations/", prefer(MINIMAL, IRIS));
    const linked = await alice.get<PageBody>(pathOf(both.body.first as string));
    for (const item of linked.body.items) expect(typeof item).toBe("string");
  });

  it("5.2 MUST respond to PreferContainedDescriptions with complete, inline annotations (the default too)", async () => {
    for (const headers of [prefer(DESCRIPTIONS), {}]) {
      const response = await alice.get<ContainerBody>("/annotations/", headers);
      const first = response.body.first as PageBody;
      expect(first.items.length).toBeGreaterThan(0);
      for (const item of first.items as WebAnnotation[]) {
        expect(item).toMatchObject({ type: "Annotation", id: expect.stringMatching(/\/annotations\/[^/]+$/), target: expect.anything() });
        expect(item["@context"]).toBeDefined();
      }
    }
    expect((await alice.get("/annotations/", prefer(DESCRIPTIONS))).headers.get("preference-applied")).toBe(`return=representation; include="${DESCRIPTIONS}"`);
    // Both contained preferences at once is what a client MUST NOT send: neither is applied.
    const conflicting = await alice.get<ContainerBody>("/annotations/", prefer(IRIS, DESCRIPTIONS));
    expect(conflicting.headers.get("preference-applied")).toBeNull();
    expect(typeof (conflicting.body.first as PageBody).items[0]).toBe("object");
  });

  it("5.3 pages: MUST link partOf, prev (unless first) and next (unless last); following first→next yields every annotation once", async () => {
    const writer = await new TestClient(baseURL).signUp("Pager", uniqueEmail("proto-pager"));
    const view = `/annotations/?brief=${quiet}`;
    const before = (await walk(writer, view)).container.total;
    const made: string[] = [];
    // More than one page of the default size (100) and of the small size used below.
    for (let batch = 0; batch < 11; batch++) {
      const responses = await Promise.all(Array.from({ length: 10 }, (_, index) => post(writer, onQuote("첫 주장", { body: `쪽 ${batch * 10 + index}` }, quiet))));
      for (const response of responses) {
        expect(response.status).toBe(201);
        made.push(response.body.id);
      }
    }
    const total = before + 110;
    const { container, items, pages } = await walk(writer, view);
    expect(container.total).toBe(total);
    expect(pages.length).toBe(Math.ceil(total / 100));
    const ids = items.map((item) => (item as WebAnnotation).id);
    expect(ids).toHaveLength(total);
    expect(new Set(ids).size).toBe(total);
    expect(ids).toEqual(expect.arrayContaining(made));
    expect(container.last).toBe(pages.at(-1)?.id);

    const small = await walk(writer, `${view}&limit=25`, IRIS);
    expect(small.container.id).toBe(`${CONTAINER}?brief=${quiet}&iris=1&limit=25`);
    expect(small.pages.length).toBe(Math.ceil(total / 25));
    expect(small.pages.map((page) => page.items.length).reduce((sum, length) => sum + length, 0)).toBe(total);
    // The same order whatever the page size.
    expect(small.items).toEqual(ids);
    small.pages.forEach((page, index) => {
      expect(page.partOf).toMatchObject({ id: small.container.id, total });
      expect(page.startIndex).toBe(index * 25);
      expect(page.items.length).toBe(index < small.pages.length - 1 ? 25 : total - 25 * index);
      if (index === 0) expect(page).not.toHaveProperty("prev");
      else expect(page.prev).toBe(small.pages[index - 1].id);
      if (index === small.pages.length - 1) expect(page).not.toHaveProperty("next");
      else expect(page.next).toBe(small.pages[index + 1].id);
    });
    // Walking back from the last page along prev reaches the first.
    let back: string | undefined = small.container.last;
    const visited: string[] = [];
    while (back) {
      visited.push(back);
      back = (await writer.get<PageBody>(pathOf(back))).body.prev;
    }
    expect(visited).toEqual(small.pages.map((page) => page.id).reverse());
  });

  it("5.3 a page past the last is 404, a bad parameter 400, and POST to a page 405 (JSON errors naming the field)", async () => {
    const past = await alice.get<ErrorBody>("/annotations/?page=999");
    expect(past.status).toBe(404);
    expect(past.body.error).toMatchObject({ code: "not_found", field: "page" });
    const bad = await alice.get<ErrorBody>("/annotations/?page=-1");
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe("page");
    const unknown = await alice.get<ErrorBody>("/annotations/?sort=desc");
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.field).toBe("sort");
    const postToPage = await alice.request<ErrorBody>("POST", "/annotations/?page=0", { raw: JSON.stringify(onQuote("RAA")), headers: { "content-type": ANNO_TYPE } });
    expect(postToPage.status).toBe(405);
    expect(postToPage.headers.get("allow")).toBe("GET, HEAD, OPTIONS");
  });

  it("holds what the viewer sees through the app's API: another reader's private annotation is never an item nor counted", async () => {
    const reader = await new TestClient(baseURL).signUp("Reader", uniqueEmail("proto-reader"));
    const other = await new TestClient(baseURL).signUp("Other", uniqueEmail("proto-other"));
    const view = `/annotations/?brief=${quiet}`;
    const before = await walk(reader, view, IRIS);
    const secret = (await created(other, onQuote("마지막 주장", { body: "비공개" }, quiet))).body;
    const shared = (await created(other, onQuote("마지막 주장", { body: "공유", "reader:visibility": "shared" }, quiet))).body;
    const after = await walk(reader, view, IRIS);
    expect(after.container.total).toBe(before.container.total + 1);
    expect(after.items).toContain(shared.id);
    expect(after.items).not.toContain(secret.id);
    expect((await reader.get<ErrorBody>(pathOf(secret.id))).status).toBe(404);
    // The same set as GET /api/annotations?brief= for this reader.
    const api = await reader.get<{ id: string }[]>(`/api/annotations?brief=${quiet}`);
    expect(new Set(after.items)).toEqual(new Set(api.body.map((item) => `${CONTAINER}${item.id}`)));
    // Its author sees both.
    const own = await walk(other, view, IRIS);
    // Across every brief, too.
    expect((await walk(reader, "/annotations/", IRIS)).items).not.toContain(secret.id);
    expect(own.items).toEqual(expect.arrayContaining([secret.id, shared.id]));
  });

  it("filters by brief with ?brief= (kept in every page IRI); an unknown brief is 404", async () => {
    const filtered = await alice.get<ContainerBody>(`/annotations/?brief=${slug}`, prefer(MINIMAL));
    expect(filtered.body.id).toBe(`${CONTAINER}?brief=${slug}`);
    expect(filtered.body.first).toBe(`${CONTAINER}?brief=${slug}&page=0`);
    const unknown = await alice.get<ErrorBody>("/annotations/?brief=no-such-brief");
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.field).toBe("brief");
  });

  it("answers a signed-out client 401 with a Bearer challenge (as the app's API does), whatever the view", async () => {
    for (const path of ["/annotations/", "/annotations/?page=0", `/annotations/?brief=${slug}&iris=1`]) {
      const response = await anonymous.get<ErrorBody>(path);
      expect(response.status, path).toBe(401);
      expect(response.headers.get("www-authenticate"), path).toMatch(/^Bearer/);
      expect(response.body.error.code, path).toBe("unauthorized");
    }
  });
});

describe("6 Creation, Updating and Deletion of Annotations", () => {
  it("6.1 MUST assign an IRI in id even if one is provided: the container's IRI with a component added; SHOULD copy the client's id to via", async () => {
    const response = await post(alice, onQuote("준동맹", { id: "https://elsewhere.example/anno/42" }));
    expect(response.status).toBe(201);
    expect(response.body.id).toMatch(new RegExp(`^${CONTAINER.replace(/[.]/g, "\\.")}[A-Za-z0-9_-]+$`));
    expect(response.body.id).not.toContain("elsewhere");
    expect(response.body.via).toBe("https://elsewhere.example/anno/42");
  });

  it("6.1 MUST keep a canonical link unchanged; a client's via is kept as it was sent", async () => {
    const response = await post(alice, onQuote("준동맹", { id: "urn:x:local", canonical: "urn:uuid:6f1c1d3e-0000-4000-8000-000000000001", via: "https://origin.example/a/1" }));
    expect(response.status).toBe(201);
    expect(response.body.canonical).toBe("urn:uuid:6f1c1d3e-0000-4000-8000-000000000001");
    expect(response.body.via).toBe("https://origin.example/a/1");
    const again = await alice.get<WebAnnotation>(pathOf(response.body.id));
    expect(again.body.canonical).toBe("urn:uuid:6f1c1d3e-0000-4000-8000-000000000001");
  });

  it("6.1 MUST respond 201 Created with a Location header of the new IRI; with its ETag and the annotation as stored", async () => {
    const response = await post(alice, onQuote("RAA", { body: [{ type: "TextualBody", value: "**굵게**", purpose: "questioning" }, { type: "TextualBody", value: "호주", purpose: "tagging" }] }));
    expect(response.status).toBe(201);
    expect(response.headers.get("location")).toBe(response.body.id);
    expect(response.headers.get("etag")).toBe('"1"');
    expect(response.headers.get("content-type")).toBe(ANNO_TYPE);
    expect(response.headers.get("link")).toMatch(LDP_RESOURCE);
    expect(response.headers.get("link")).toMatch(CONSTRAINED_BY);
    expect(response.body).toMatchObject({
      motivation: "questioning",
      creator: { type: "Person", name: "앨리스" },
      body: [
        { type: "TextualBody", value: "**굵게**", format: "text/markdown", purpose: "questioning" },
        { type: "TextualBody", value: "호주", purpose: "tagging" },
      ],
      "reader:visibility": "private",
    });
    expect((await alice.get<WebAnnotation>(pathOf(response.body.id))).body).toEqual(response.body);
    // The app's own API sees the same annotation.
    const api = await alice.get<{ motivation: string; tags: string[]; visibility: string }>(`/api/annotations/${response.body.id.split("/").pop()}`);
    expect(api.body).toMatchObject({ motivation: "questioning", tags: ["호주"], visibility: "private" });
  });

  it("6.1 takes application/json too; anything else is 415 naming content-type", async () => {
    const json = await alice.request<WebAnnotation>("POST", "/annotations/", { json: onQuote("RAA") });
    expect(json.status).toBe(201);
    const plain = await alice.request<ErrorBody>("POST", "/annotations/", { raw: JSON.stringify(onQuote("RAA")), headers: { "content-type": "text/plain" } });
    expect(plain.status).toBe(415);
    expect(plain.body.error).toMatchObject({ code: "unsupported_media_type", field: "content-type" });
  });

  it("places a quote whose position is stale where the quote stands; refuses one that is not in the brief (400 target.selector)", async () => {
    const stale = onQuote("준동맹");
    (stale.target.selector[1] as { start: number; end: number }).start = 0;
    (stale.target.selector[1] as { start: number; end: number }).end = 3;
    const placed = await post(alice, stale);
    expect(placed.status).toBe(201);
    const position = (placed.body.target as { selector: { refinedBy: { start?: number } }[] }).selector[1];
    expect(position.refinedBy.start).toBeGreaterThan(0);

    const missing = await post(alice, onQuote("RAA", { target: { source: BRIEF_IRI, selector: { type: "TextQuoteSelector", exact: "이 문장은 브리프에 없다" } } }));
    expect(missing.status).toBe(400);
    expect((missing.body as unknown as ErrorBody).error).toMatchObject({ code: "invalid_input", field: "target.selector" });
  });

  it("refuses what is not an annotation of this reader with 400 naming the field", async () => {
    const cases: [unknown, string][] = [
      [{ type: "Annotation", body: "x", target: "not an IRI" }, "target"],
      [{ type: "Annotation", body: "x" }, "target"],
      [{ type: "Annotation", body: "x", target: { source: `${baseURL}/briefs/no-such-brief`, selector: { type: "TextQuoteSelector", exact: "x" } } }, "target.source"],
      [onQuote("RAA", { "reader:visibility": "public" }), "reader:visibility"],
      [onQuote("RAA", { body: { type: "TextualBody", value: "", purpose: "commenting" }, motivation: "commenting" }), "body"],
    ];
    for (const [annotation, field] of cases) {
      const response = await post(alice, annotation);
      expect(response.status, JSON.stringify(annotation)).toBe(400);
      expect((response.body as unknown as ErrorBody).error.field, JSON.stringify(annotation)).toBe(field);
    }
    const notJson = await alice.request<ErrorBody>("POST", "/annotations/", { raw: "{", headers: { "content-type": ANNO_TYPE } });
    expect(notJson.status).toBe(400);
  });

  it("makes a private annotation by default and honours reader:visibility; replies target their parent's IRI", async () => {
    const shared = (await created(alice, onQuote("준동맹", { "reader:visibility": "shared" }))).body;
    expect((await bob.get(pathOf(shared.id))).status).toBe(200);
    const reply = await post(bob, { type: "Annotation", motivation: "replying", body: { type: "TextualBody", value: "동의합니다", purpose: "commenting" }, target: shared.id });
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({ motivation: "replying", target: shared.id, "reader:visibility": "shared" });
  });

  it("6.3 PUT with If-Match replaces the annotation: MUST answer 200 with the new state and its new ETag", async () => {
    const original = await created(alice, onQuote("준동맹"));
    const etag = original.headers.get("etag") as string;
    const next = { ...original.body, body: [{ type: "TextualBody", value: "고친 노트", format: "text/markdown", purpose: "commenting" }, { type: "TextualBody", value: "일본", purpose: "tagging" }], "reader:visibility": "shared", "reader:color": "#00AA88" };
    const response = await put(alice, original.body.id, next, { "if-match": etag });
    expect(response.status).toBe(200);
    expect(response.headers.get("etag")).toBe('"2"');
    expect(response.headers.get("content-type")).toBe(ANNO_TYPE);
    expect(response.body).toMatchObject({
      id: original.body.id,
      body: [{ value: "고친 노트" }, { value: "일본", purpose: "tagging" }],
      "reader:visibility": "shared",
      "reader:color": "#00aa88",
    });
    expect(Date.parse(response.body.modified)).toBeGreaterThanOrEqual(Date.parse(original.body.modified));
    expect((await alice.get<WebAnnotation>(pathOf(original.body.id))).body).toEqual(response.body);
  });

  it("6.3 PUT can move the target to another passage of the same brief", async () => {
    const original = await created(alice, onQuote("준동맹"));
    const moved = { ...original.body, target: onQuote("RAA").target };
    const response = await put(alice, original.body.id, moved, { "if-match": original.headers.get("etag") as string });
    expect(response.status).toBe(200);
    const quote = (response.body.target as { selector: { refinedBy: { exact?: string } }[] }).selector[0].refinedBy;
    expect(quote.exact).toBe("RAA");
  });

  it("6.3 a stale If-Match is 412 and changes nothing; without If-Match (the client's SHOULD) the replacement applies", async () => {
    const original = await created(alice, onQuote("준동맹"));
    const changed = { ...original.body, body: [{ type: "TextualBody", value: "덮어쓰기", purpose: "commenting" }] };
    const stale = await put(alice, original.body.id, changed, { "if-match": '"9"' });
    expect(stale.status).toBe(412);
    expect((stale.body as unknown as ErrorBody).error.code).toBe("precondition_failed");
    expect((await alice.get<WebAnnotation>(pathOf(original.body.id))).body).toEqual(original.body);
    // The W3C's own test replaces an annotation without If-Match, as many clients do.
    const unconditional = await put(alice, original.body.id, changed);
    expect(unconditional.status).toBe(200);
    expect(unconditional.body.body).toEqual([{ type: "TextualBody", value: "덮어쓰기", format: "text/markdown", purpose: "commenting" }]);
  });

  it("6.3 SHOULD reject a change of canonical or via once set (409 naming it)", async () => {
    const original = await created(alice, onQuote("준동맹", { canonical: "urn:uuid:keep-me" }));
    const response = await put(alice, original.body.id, { ...original.body, canonical: "urn:uuid:other" }, { "if-match": '"1"' });
    expect(response.status).toBe(409);
    expect((response.body as unknown as ErrorBody).error).toMatchObject({ code: "conflict", field: "canonical" });
  });

  it("only the author replaces or deletes: 403 for another reader who can see it, 404 for one who cannot", async () => {
    const shared = (await created(alice, onQuote("준동맹", { "reader:visibility": "shared" }))).body;
    const hidden = (await created(alice, onQuote("준동맹"))).body;
    const forbidden = await put(bob, shared.id, shared, { "if-match": '"1"' });
    expect(forbidden.status).toBe(403);
    expect((await bob.delete<ErrorBody>(pathOf(shared.id))).status).toBe(403);
    expect((await put(bob, hidden.id, hidden, { "if-match": '"1"' })).status).toBe(404);
    expect((await bob.delete(pathOf(hidden.id))).status).toBe(404);
    expect((await anonymous.delete(pathOf(shared.id))).status).toBe(401);
  });

  it("6.4 MUST answer a successful DELETE with 204; the IRI MUST leave the container; GET is then 410 for its author, 404 for others", async () => {
    const doomed = (await created(alice, onQuote("첫 주장", { "reader:visibility": "shared" }, quiet))).body;
    const view = `/annotations/?brief=${quiet}`;
    const before = await walk(bob, view, IRIS);
    expect(before.items).toContain(doomed.id);
    const response = await alice.delete(pathOf(doomed.id), { "if-match": '"1"' });
    expect(response.status).toBe(204);
    expect(response.body).toBeNull();
    const gone = await alice.get<ErrorBody>(pathOf(doomed.id));
    expect(gone.status).toBe(410);
    expect(gone.body.error.code).toBe("gone");
    expect((await bob.get(pathOf(doomed.id))).status).toBe(404);
    const after = await walk(bob, view, IRIS);
    expect(after.items).not.toContain(doomed.id);
    expect(after.container.total).toBe(before.container.total - 1);
    expect((await walk(alice, "/annotations/", IRIS)).items).not.toContain(doomed.id);
  });

  it("6.4 DELETE with a stale If-Match is 412 and deletes nothing", async () => {
    const kept = (await created(alice, onQuote("준동맹"))).body;
    expect((await alice.delete(pathOf(kept.id), { "if-match": '"5"' })).status).toBe(412);
    expect((await alice.get(pathOf(kept.id))).status).toBe(200);
  });

  it("refuses a signed-in write from another site (same check as the app's API), and methods the resource lacks (405)", async () => {
    const crossSite = await alice.request<ErrorBody>("POST", "/annotations/", { raw: JSON.stringify(onQuote("RAA")), headers: { "content-type": ANNO_TYPE, origin: "https://evil.example" } });
    expect(crossSite.status).toBe(403);
    expect(crossSite.body.error.field).toBe("origin");
    const one = (await created(alice, onQuote("RAA"))).body;
    const patch = await alice.request<ErrorBody>("PATCH", pathOf(one.id), { json: {} });
    expect(patch.status).toBe(405);
    expect(patch.headers.get("allow")).toBe("GET, HEAD, OPTIONS, PUT, DELETE");
    expect((await alice.request("DELETE", "/annotations/")).status).toBe(405);
  });
});
