/** Accounts over real HTTP: sign-up, sign-in, sign-out, cookies, roles, origins and rate limits. */
import { describe, expect, inject, it } from "vitest";
import { createPrismaClient } from "@/lib/database/prisma";
import { TestClient, uniqueEmail } from "../support/http-client";

const baseURL = inject("baseURL");
const appEnv = inject("appEnv");

interface SessionBody {
  user: { id: string; email: string; name: string; role: string };
  session: { id: string; expiresAt: string };
}

function cookieLine(headers: Headers): string {
  return headers.getSetCookie().find((line) => line.includes("session_token=")) ?? "";
}

describe("POST /api/auth/sign-up/email", () => {
  it("makes a member account without signing in; signing in then sets an HttpOnly, SameSite=Lax session cookie", async () => {
    const client = new TestClient(baseURL);
    const email = uniqueEmail("newcomer");
    const signedUp = await client.post<{ token: unknown; user: { email: string; name: string; role: string } }>("/api/auth/sign-up/email", {
      name: "새 독자",
      email,
      password: "a long enough password",
    });
    expect(signedUp.status).toBe(200);
    expect(signedUp.body).toMatchObject({ token: null, user: { email, name: "새 독자", role: "member" } });
    // No session from a sign-up: its answer must be the same whether or not the address had an account.
    expect(cookieLine(signedUp.headers)).toBe("");
    const response = await client.post("/api/auth/sign-in/email", { email, password: "a long enough password" });
    expect(response.status).toBe(200);
    const cookie = cookieLine(response.headers);
    expect(cookie).toMatch(/^better-auth\.session_token=/);
    expect(cookie).toMatch(/;\s*HttpOnly/i);
    expect(cookie).toMatch(/;\s*SameSite=Lax/i);
    // Served over plain http (as here), a Secure cookie would never come back: it is not set.
    expect(cookie).not.toMatch(/;\s*Secure/i);
    const session = await client.get<SessionBody>("/api/auth/get-session");
    expect(session.body.user).toMatchObject({ email, role: "member" });
  });

  it("marks the cookie Secure when the app is reached over https (as a trusted proxy in front says)", async () => {
    // The test server trusts loopback as its proxy (TRUST_PROXY=loopback); forwarded-headers.test.ts checks a server that trusts none.
    const client = new TestClient(baseURL);
    const email = uniqueEmail("tls");
    const headers = { "x-forwarded-proto": "https", origin: baseURL.replace(/^http:/, "https:") };
    await client.request("POST", "/api/auth/sign-up/email", { json: { name: "TLS", email, password: "a long enough password" }, headers });
    const response = await client.request("POST", "/api/auth/sign-in/email", { json: { email, password: "a long enough password" }, headers });
    expect(response.status).toBe(200);
    const cookie = cookieLine(response.headers);
    expect(cookie).toMatch(/^__Secure-better-auth\.session_token=/);
    expect(cookie).toMatch(/;\s*Secure/i);
    expect(cookie).toMatch(/;\s*HttpOnly/i);
  });

  it("cannot be talked into making an admin", async () => {
    const client = new TestClient(baseURL);
    const response = await client.post<{ user?: { role: string } }>("/api/auth/sign-up/email", {
      name: "Mallory",
      email: uniqueEmail("mallory"),
      password: "a long enough password",
      role: "admin",
    });
    if (response.status === 200) expect(response.body.user?.role).toBe("member");
    else expect(response.status).toBe(400);
    if (client.cookies.size > 0) expect((await client.get<SessionBody>("/api/auth/get-session")).body.user.role).toBe("member");
  });

  it("makes no second account with the same email (answering as for a new one), and refuses a short password", async () => {
    const email = uniqueEmail("twice");
    await new TestClient(baseURL).signUp("Once", email);
    const again = await new TestClient(baseURL).post("/api/auth/sign-up/email", { name: "Twice", email, password: "a long enough password" });
    expect(again.status).toBe(200);
    // The account is still the first one's: its password signs in, the second one's does not.
    expect(await new TestClient(baseURL).signIn(email, "a long enough password")).toBe(401);
    expect(await new TestClient(baseURL).signIn(email)).toBe(200);
    const short = await new TestClient(baseURL).post<{ code: string }>("/api/auth/sign-up/email", { name: "Short", email: uniqueEmail("short"), password: "short" });
    expect(short.status).toBe(400);
    expect(short.body.code).toBe("PASSWORD_TOO_SHORT");
  });

  it("refuses a NUL character in a name or email with 400, on every database", async () => {
    const signUp = await new TestClient(baseURL).post<{ field?: string }>("/api/auth/sign-up/email", { name: "널\u0000문자", email: uniqueEmail("nul"), password: "a long enough password" });
    expect(signUp.status).toBe(400);
    expect(signUp.body.field).toBe("name");
    const signIn = await new TestClient(baseURL).post("/api/auth/sign-in/email", { email: `a\u0000${uniqueEmail("nul")}`, password: "a long enough password" });
    expect(signIn.status).toBe(400);
  });

  it("refuses a sign-up posted from another site", async () => {
    const response = await new TestClient(baseURL).post("/api/auth/sign-up/email", { name: "CSRF", email: uniqueEmail("csrf"), password: "a long enough password" }, { origin: "http://evil.example" });
    expect(response.status).toBe(403);
  });

  it.skipIf(!appEnv.DATABASE_URL)("stores a scrypt hash, never the password", async () => {
    const email = uniqueEmail("hashed");
    const password = "this is my secret passphrase";
    await new TestClient(baseURL).signUp("Hashed", email, password);
    const client = createPrismaClient(appEnv.DATABASE_URL);
    try {
      const account = await client.account.findFirstOrThrow({ where: { user: { email } } });
      expect(account.providerId).toBe("credential");
      expect(account.password).not.toContain(password);
      // better-auth's scrypt format: hex salt, a colon, hex key.
      expect(account.password).toMatch(/^[0-9a-f]{32}:[0-9a-f]{128}$/);
    } finally {
      await client.$disconnect();
    }
  });
});

describe("POST /api/auth/sign-in/email and sign-out", () => {
  it("signs in with the right password only", async () => {
    const email = uniqueEmail("returning");
    await new TestClient(baseURL).signUp("Returning", email, "the right password");
    const wrong = new TestClient(baseURL);
    expect(await wrong.signIn(email, "the wrong password")).toBe(401);
    expect(wrong.cookies.size).toBe(0);
    const right = new TestClient(baseURL);
    expect(await right.signIn(email, "the right password")).toBe(200);
    expect((await right.get<SessionBody>("/api/auth/get-session")).body.user.email).toBe(email);
  });

  it("signs out: the session is ended on the server, so the old cookie no longer works", async () => {
    const client = await new TestClient(baseURL).signUp("Leaving", uniqueEmail("leaving"));
    const oldCookie = client.cookieHeader();
    expect((await client.get("/api/annotations?brief=japan-quasi-alliance")).status).toBe(200);
    const out = await client.post("/api/auth/sign-out", {});
    expect(out.status).toBe(200);
    expect(client.cookies.size).toBe(0);
    // Replaying the cookie from before sign-out: the session row is gone.
    const replay = await fetch(`${baseURL}/api/annotations?brief=japan-quasi-alliance`, { headers: { cookie: oldCookie } });
    expect(replay.status).toBe(401);
    const session = await fetch(`${baseURL}/api/auth/get-session`, { headers: { cookie: oldCookie } });
    expect(await session.json()).toBeNull();
  });

  it("refuses a forged session cookie", async () => {
    const client = await new TestClient(baseURL).signUp("Forger", uniqueEmail("forger"));
    const [name, value] = [...client.cookies][0];
    const [token] = value.split(".");
    const forged = await fetch(`${baseURL}/api/annotations?brief=japan-quasi-alliance`, { headers: { cookie: `${name}=${token}.${"A".repeat(43)}%3D` } });
    expect(forged.status).toBe(401);
  });

  it("rate-limits sign-in from one address over any accounts: after 10 attempts in a minute, 429", async () => {
    const attacker = new TestClient(baseURL);
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 11; attempt++) statuses.push(await attacker.signIn(uniqueEmail(`target-${attempt}`), `guess number ${attempt}`));
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses[10]).toBe(429);
  });

  // One account guessed at from one address, and from many: account-protection.test.ts.
});
