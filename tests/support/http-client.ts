/**
 * A fetch client with a cookie jar, for integration tests that sign in. It keeps the cookies the
 * server sets, sends them back, and names its origin on requests that change things (better-auth
 * and the annotations API refuse those without it). Each client claims its own client address
 * (X-Forwarded-For, which the test server believes: it runs with TRUST_PROXY=loopback), so
 * per-address rate limits of one test do not spill into another.
 */
import { randomInt } from "node:crypto";

export interface JsonResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

/**
 * A made-up client address in the IPv6 documentation prefix (RFC 3849), unique per client (rate
 * limits count per /64): only ever a header value, never dialled.
 */
export function testAddress(): string {
  const group = () => randomInt(0x10000).toString(16);
  return `2001:db8:${group()}:${group()}::1`;
}

export class TestClient {
  readonly cookies = new Map<string, string>();
  user: { id: string; name: string; email: string; role: string } | null = null;

  constructor(
    readonly baseURL: string,
    readonly address: string = testAddress(),
  ) {}

  cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  private keepCookies(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(";");
      const at = pair.indexOf("=");
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      const expired = attributes.some((attribute) => /^\s*max-age=0\s*$/i.test(attribute)) || value === "";
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async request<T = unknown>(method: string, path: string, options: { json?: unknown; headers?: Record<string, string>; raw?: string } = {}): Promise<JsonResponse<T>> {
    const headers: Record<string, string> = { "x-forwarded-for": this.address, ...options.headers };
    if (this.cookies.size > 0) headers.cookie = this.cookieHeader();
    if (method !== "GET" && method !== "HEAD" && !("origin" in headers)) headers.origin = this.baseURL;
    let body: string | undefined = options.raw;
    if (options.json !== undefined) {
      body = JSON.stringify(options.json);
      headers["content-type"] ??= "application/json";
    }
    const response = await fetch(`${this.baseURL}${path}`, { method, headers, body, redirect: "manual" });
    this.keepCookies(response);
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // Not JSON: the raw text is the body.
    }
    return { status: response.status, headers: response.headers, body: parsed as T };
  }

  get<T = unknown>(path: string, headers?: Record<string, string>) {
    return this.request<T>("GET", path, { headers });
  }

  post<T = unknown>(path: string, json: unknown, headers?: Record<string, string>) {
    return this.request<T>("POST", path, { json, headers });
  }

  patch<T = unknown>(path: string, json: unknown, headers?: Record<string, string>) {
    return this.request<T>("PATCH", path, { json, headers });
  }

  put<T = unknown>(path: string, json?: unknown, headers?: Record<string, string>) {
    return this.request<T>("PUT", path, { json, headers });
  }

  delete<T = unknown>(path: string, headers?: Record<string, string>) {
    return this.request<T>("DELETE", path, { headers });
  }

  /**
   * Signs up, then in (sign-up never signs in: its answer is the same whether or not the address
   * had an account); throws unless the server says 200 to both.
   */
  async signUp(name: string, email: string, password = "correct horse battery staple"): Promise<this> {
    const response = await this.post<{ user: TestClient["user"] }>("/api/auth/sign-up/email", { name, email, password });
    if (response.status !== 200) throw new Error(`sign-up of ${email} failed: ${response.status} ${JSON.stringify(response.body)}`);
    const signedIn = await this.signIn(email, password);
    if (signedIn !== 200) throw new Error(`sign-in after the sign-up of ${email} failed: ${signedIn}`);
    return this;
  }

  /** Signs in with email and password; returns the status. */
  async signIn(email: string, password = "correct horse battery staple"): Promise<number> {
    const response = await this.post<{ user: TestClient["user"] }>("/api/auth/sign-in/email", { email, password });
    if (response.status === 200) this.user = response.body.user;
    return response.status;
  }
}

/** A unique email for this run, so tests can sign up again on a reused server. */
export function uniqueEmail(name: string): string {
  return `${name}-${Date.now().toString(36)}-${randomInt(1e9).toString(36)}@brief-reader.test`;
}
