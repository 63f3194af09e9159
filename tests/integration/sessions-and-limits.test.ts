/**
 * Sessions are renewed at sign-in (no session fixation), and the rate limits on sign-in and on
 * writes answer 429 with Retry-After and say which limit was reached. Over real HTTP.
 */
import { describe, expect, inject, it } from "vitest";
import { TestClient, uniqueEmail } from "../support/http-client";

const baseURL = inject("baseURL");
const COOKIE = "better-auth.session_token";

interface SessionBody {
  user: { id: string; email: string };
  session: { id: string; token: string };
}

/** The session token in the client's cookie (the part before better-auth's signature). */
const tokenOf = (client: TestClient) => decodeURIComponent(client.cookies.get(COOKIE) ?? "").split(".")[0];

describe("session renewal at sign-in", () => {
  it("issues a new session token at every sign-in, different from every earlier one", async () => {
    const email = uniqueEmail("renewed");
    const client = await new TestClient(baseURL).signUp("Renewed", email);
    const tokens = [tokenOf(client)];
    for (let attempt = 0; attempt < 3; attempt++) {
      // Signed in already, holding the last session's cookie, the client signs in again.
      expect(await client.signIn(email)).toBe(200);
      tokens.push(tokenOf(client));
    }
    expect(tokens.every((token) => token.length >= 32)).toBe(true);
    expect(new Set(tokens).size).toBe(tokens.length);
    const session = await client.get<SessionBody>("/api/auth/get-session");
    expect(session.body.session.token).toBe(tokens.at(-1));
  });

  it("does not keep a session cookie planted before sign-in: the victim gets a session of their own", async () => {
    // The attacker's own session, planted in the victim's browser (session fixation).
    const attacker = await new TestClient(baseURL).signUp("Fixer", uniqueEmail("fixer"));
    const planted = attacker.cookies.get(COOKIE) as string;
    const victimEmail = uniqueEmail("victim");
    await new TestClient(baseURL).signUp("Victim", victimEmail);
    const victim = new TestClient(baseURL);
    victim.cookies.set(COOKIE, planted);

    expect(await victim.signIn(victimEmail)).toBe(200);
    expect(victim.cookies.get(COOKIE)).not.toBe(planted);
    expect((await victim.get<SessionBody>("/api/auth/get-session")).body.user.email).toBe(victimEmail);
    // The planted session was not promoted to the victim's account: it is still the attacker's.
    const plantedSession = await fetch(`${baseURL}/api/auth/get-session`, { headers: { cookie: `${COOKIE}=${planted}` } });
    expect(((await plantedSession.json()) as SessionBody).user.id).toBe(attacker.user?.id);
  });
});

describe("rate limits", () => {
  it("answers the 121st write in a minute with 429, Retry-After and a JSON error naming the limit", async () => {
    const busy = await new TestClient(baseURL).signUp("Limited", uniqueEmail("limited"));
    const write = (index: number) => busy.post("/api/annotations", { brief: "japan-quasi-alliance", target: { entityId: "kr" }, body: `#${index}` });
    const statuses: number[] = [];
    for (let index = 0; index < 120; index += 20) statuses.push(...(await Promise.all(Array.from({ length: 20 }, (_, offset) => write(index + offset)))).map((response) => response.status));
    expect(statuses.filter((status) => status === 201)).toHaveLength(120);
    const limited = await write(120);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(Number(limited.headers.get("retry-after"))).toBeLessThanOrEqual(60);
    expect(limited.headers.get("content-type")).toMatch(/^application\/json/);
    expect(limited.body).toMatchObject({
      error: { code: "rate_limited", limit: { name: "ANNOTATION_WRITES_PER_MINUTE", max: 120, windowSeconds: 60 } },
    });
    expect((limited.body as { error: { message: string } }).error.message).toContain("ANNOTATION_WRITES_PER_MINUTE");
    // Nothing was written past the limit.
    const list = await busy.get<{ author: { id: string } }[]>("/api/annotations?brief=japan-quasi-alliance");
    expect(list.body.filter((annotation) => annotation.author.id === busy.user?.id)).toHaveLength(120);
  });

  it("answers the 11th sign-in in a minute from one address with 429 and a standard Retry-After", async () => {
    // Each to another account, so that the per-account lockout (5 from one address) does not answer first.
    const attacker = new TestClient(baseURL);
    let last: Awaited<ReturnType<TestClient["post"]>> | undefined;
    for (let attempt = 0; attempt < 11; attempt++) last = await attacker.post("/api/auth/sign-in/email", { email: uniqueEmail(`guessed-${attempt}`), password: `guess number ${attempt}` });
    expect(last?.status).toBe(429);
    expect(Number(last?.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(last?.headers.get("content-type")).toMatch(/^application\/json/);
  });
});
