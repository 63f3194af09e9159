import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError, apiErrorFrom, apiFetch } from "@/lib/http/client";

afterEach(() => {
  vi.unstubAllGlobals();
});

function answer(status: number, body?: unknown, headers: Record<string, string> = {}) {
  const fetch = vi.fn(async () => new Response(body === undefined ? null : typeof body === "string" ? body : JSON.stringify(body), { status, headers }));
  vi.stubGlobal("fetch", fetch);
  return fetch;
}

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error("no error");
}

describe("apiFetch", () => {
  it("sends JSON with its content type and answers the parsed body", async () => {
    const fetch = answer(201, { id: "a1" });
    expect(await apiFetch<{ id: string }>("/api/annotations", { method: "POST", json: { body: "노트" } })).toEqual({ id: "a1" });
    const [, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(new Headers(init.headers).get("content-type")).toBe("application/json");
    expect(init.body).toBe('{"body":"노트"}');
  });

  it("answers null for 204 and 304, and passes the headers on", async () => {
    answer(304, undefined, { etag: '"v2"' });
    let etag = "";
    expect(await apiFetch("/api/annotations", {}, (headers) => (etag = headers.get("etag") ?? ""))).toBeNull();
    expect(etag).toBe('"v2"');
    answer(204);
    expect(await apiFetch("/api/x", { method: "DELETE" })).toBeNull();
  });

  it("reads the app's error body into one typed error, the field kept apart", async () => {
    answer(400, { error: { code: "invalid_input", message: "Too small: expected string to have >=1 characters", field: "body" } });
    const error = await failure(apiFetch("/api/annotations", { method: "POST", json: {} }));
    expect({ status: error.status, code: error.code, field: error.field }).toEqual({ status: 400, code: "invalid_input", field: "body" });
    expect(error.message).not.toContain("body");
  });

  it("reads better-auth's flat { code, message } the same way", async () => {
    answer(401, { code: "INVALID_EMAIL_OR_PASSWORD", message: "Invalid email or password" });
    const error = await failure(apiFetch("/api/auth/sign-in/email", { method: "POST", json: {} }));
    expect({ status: error.status, code: error.code }).toEqual({ status: 401, code: "INVALID_EMAIL_OR_PASSWORD" });
  });

  it("names a failure without a JSON body by its status, and no answer at all as network", async () => {
    answer(502, "<html>Bad gateway</html>");
    expect((await failure(apiFetch("/api/x"))).code).toBe("internal");
    answer(429, "");
    expect((await failure(apiFetch("/api/x"))).code).toBe("rate_limited");
    vi.stubGlobal("fetch", vi.fn(async () => Promise.reject(new TypeError("Failed to fetch"))));
    expect(await failure(apiFetch("/api/x"))).toMatchObject({ status: 0, code: "network" });
  });

  it("tells a cancelled call apart", async () => {
    vi.stubGlobal("fetch", vi.fn(async () => Promise.reject(new DOMException("aborted", "AbortError"))));
    expect((await failure(apiFetch("/api/search?q=a"))).code).toBe("aborted");
  });
});

describe("apiErrorFrom", () => {
  it("falls back to the status's code when the body has none", () => {
    expect(apiErrorFrom(404, {}).code).toBe("not_found");
    expect(apiErrorFrom(418, null).code).toBe("internal");
  });
});
