/**
 * Cross-site request forgery, over real HTTP, for every request that changes something
 * (tests/support/mutating-requests.ts): sent with another site's Origin, marked cross-site or
 * same-site by the browser's Fetch Metadata, or as a form post, each is refused with a JSON error
 * before anything is done; the same request from the app's own page is not.
 */
import { beforeAll, describe, expect, inject, it } from "vitest";
import type { Annotation } from "@/lib/domain/annotation";
import { TestClient, uniqueEmail } from "../support/http-client";
import { APP_WRITES, AUTH_WRITES, type MutatingRequest } from "../support/mutating-requests";

const baseURL = inject("baseURL");

interface ErrorBody {
  error?: { code: string; message: string; field?: string };
}

let client: TestClient;
let mine: Annotation;

beforeAll(async () => {
  client = await new TestClient(baseURL).signUp("Csrf", uniqueEmail("csrf"));
  const created = await client.post<Annotation>("/api/annotations", { brief: "japan-quasi-alliance", target: { entityId: "jp" }, body: "mine" });
  expect(created.status).toBe(201);
  mine = created.body;
});

const pathOf = (request: MutatingRequest) => request.path.replace(":id", mine.id);
const WRITES = [...APP_WRITES, ...AUTH_WRITES];
const label = (request: MutatingRequest) => `${request.method} ${request.path}`;

function send(as: TestClient, request: MutatingRequest, headers: Record<string, string>, form = false) {
  const body = request.body ?? {};
  if (form) {
    const encoded = new URLSearchParams(Object.entries(body).map(([key, value]) => [key, typeof value === "string" ? value : JSON.stringify(value)])).toString();
    return as.request<ErrorBody>(request.method, pathOf(request), { raw: encoded, headers: { "content-type": "application/x-www-form-urlencoded", ...headers } });
  }
  if (request.multipart) {
    const boundary = "----cross-site-test";
    const parts = [...Object.entries(body).map(([key, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${key}"\r\n\r\n${String(value)}\r\n`)];
    parts.push(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="from-afar.txt"\r\nContent-Type: text/plain\r\n\r\n제목\n저자\n■ 절\n❍ 주장.\r\n--${boundary}--\r\n`);
    return as.request<ErrorBody>(request.method, pathOf(request), { raw: parts.join(""), headers: { "content-type": `multipart/form-data; boundary=${boundary}`, ...headers } });
  }
  return as.request<ErrorBody>(request.method, pathOf(request), { json: request.method === "DELETE" ? undefined : body, headers });
}

function expectRefused(response: { status: number; body: ErrorBody }, status: number, field: string) {
  expect(response.status).toBe(status);
  expect(response.body.error).toMatchObject({ code: status === 403 ? "forbidden" : "unsupported_media_type", field });
}

describe.each(WRITES.map((request) => [label(request), request] as const))("%s", (_name, request) => {
  it("refuses another site's Origin with 403, signed in or not", async () => {
    expectRefused(await send(client, request, { origin: "http://evil.example" }), 403, "origin");
    expectRefused(await send(new TestClient(baseURL), request, { origin: "http://evil.example" }), 403, "origin");
    // A sibling host of the same site is another origin too.
    expectRefused(await send(client, request, { origin: baseURL.replace("127.0.0.1", "localhost") }), 403, "origin");
  });

  it("refuses a request the browser marks Sec-Fetch-Site: cross-site or same-site with 403, whatever Origin it names", async () => {
    for (const site of ["cross-site", "same-site"]) {
      expectRefused(await send(client, request, { origin: baseURL, "sec-fetch-site": site, "sec-fetch-mode": "cors" }), 403, "origin");
    }
  });

  it("refuses a signed-in request that names no origin with 403", async () => {
    const response = await client.request<ErrorBody>(request.method, pathOf(request), { headers: { origin: "null", "content-type": "application/json" }, raw: "{}" });
    expectRefused(response, 403, "origin");
  });

  it("refuses a form post (application/x-www-form-urlencoded) from the app's own origin with 415", async () => {
    expectRefused(await send(client, request, { origin: baseURL }, true), 415, "content-type");
  });

  it("lets the same request through from the app's own page (Sec-Fetch-Site: same-origin)", async () => {
    // A throw-away account for better-auth's writes, which may end its session or change it.
    const as = request.route === "/api/auth/[...all]" ? await new TestClient(baseURL).signUp("Control", uniqueEmail("control")) : client;
    const response = await send(as, request, { origin: baseURL, "sec-fetch-site": "same-origin", "sec-fetch-mode": "cors" });
    expect(response.status).not.toBe(415);
    expect(response.status === 403 && response.body.error?.field === "origin", JSON.stringify(response.body)).toBe(false);
  });
});

describe("after all the refused requests", () => {
  it("the annotation they aimed at is as it was", async () => {
    // The controls above ran PATCH and DELETE from the app's own origin: two versions, no more.
    const now = await client.get<Annotation>(`/api/annotations/${mine.id}`);
    expect(now.status).toBe(200);
    expect(now.body.version).toBe(mine.version + 2);
    expect(now.body.body).toBe("changed from afar");
    expect(now.body.deleted).toBe(true);
    // And nothing was written from afar: the client's notes are the one it wrote plus the three
    // controls' (the app API's POST, the protocol container's and the import's).
    const list = await client.get<Annotation[]>("/api/annotations?brief=japan-quasi-alliance&include=deleted");
    expect(list.body.filter((annotation) => annotation.author.id === client.user?.id)).toHaveLength(4);
  });
});
