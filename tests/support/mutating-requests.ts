/**
 * Every request that changes something, one per route and method of the API and per write of
 * better-auth: the cross-site tests send each from another site and as a form post.
 * `tests/unit/http/api-inventory.test.ts` checks this list against `app/api/**\/route.ts` and
 * better-auth's endpoints, so a new write cannot go untested: add it here.
 */

export interface MutatingRequest {
  /** As Next names the route (`app/api/<route>/route.ts`), and the method it exports. */
  route: string;
  method: "POST" | "PUT" | "PATCH" | "DELETE";
  /** A concrete path; `:id` is replaced by an annotation the client itself wrote. */
  path: string;
  /** A body the endpoint would take (the form-post case sends the same fields form-encoded). */
  body?: Record<string, unknown>;
  /** Sent as `multipart/form-data` with a small text file (an upload), not as JSON. */
  multipart?: true;
}

const annotationBody = { brief: "japan-quasi-alliance", target: { entityId: "jp" }, body: "cross-site?" };

/** The app's own route handlers. */
export const APP_WRITES: MutatingRequest[] = [
  { route: "/api/annotations", method: "POST", path: "/api/annotations", body: annotationBody },
  { route: "/api/annotations/[id]", method: "PATCH", path: "/api/annotations/:id", body: { body: "changed from afar" } },
  { route: "/api/annotations/[id]", method: "DELETE", path: "/api/annotations/:id" },
  // The W3C protocol container (cookie-authenticated here; a bearer token needs no origin check).
  {
    route: "/annotations",
    method: "POST",
    path: "/annotations/",
    body: { type: "Annotation", target: "/entities/jp", body: { type: "TextualBody", value: "cross-site?", purpose: "commenting" } },
  },
  { route: "/annotations/[id]", method: "PUT", path: "/annotations/:id", body: { type: "Annotation", target: "/entities/jp", body: { type: "TextualBody", value: "replaced from afar" } } },
  { route: "/annotations/[id]", method: "DELETE", path: "/annotations/:id" },
  {
    route: "/api/import/annotations",
    method: "POST",
    path: "/api/import/annotations",
    body: { type: "Annotation", target: "/entities/jp", body: { type: "TextualBody", value: "imported from afar", purpose: "commenting" } },
  },
  { route: "/api/account/tokens", method: "POST", path: "/api/account/tokens", body: { name: "from afar" } },
  { route: "/api/account/tokens/[id]", method: "DELETE", path: "/api/account/tokens/:id" },
  { route: "/api/members/[id]", method: "PATCH", path: "/api/members/:id", body: { role: "editor" } },
  { route: "/api/briefs", method: "POST", path: "/api/briefs", body: { slug: "from-afar", publish: "true" }, multipart: true },
  { route: "/api/briefs/[slug]", method: "PATCH", path: "/api/briefs/japan-quasi-alliance", body: { title: "changed from afar" } },
  { route: "/api/briefs/[slug]/publish", method: "POST", path: "/api/briefs/japan-quasi-alliance/publish" },
  // The knowledge base.
  { route: "/api/entities", method: "POST", path: "/api/entities", body: { kind: "concept", names: { ko: "원격", en: "from afar" }, aliases: ["원격"], description: { ko: "원격", en: "from afar" } } },
  { route: "/api/entities/[id]", method: "PATCH", path: "/api/entities/jp", body: { aliases: ["from afar"] } },
  { route: "/api/entities/[id]/merge", method: "POST", path: "/api/entities/hedging/merge", body: { into: "quasi-alliance" } },
  { route: "/api/agreements/[id]/events", method: "POST", path: "/api/agreements/raa-jp-gb/events", body: { basis: "editor", kind: "amended", date: "2030", note: "from afar" } },
  { route: "/api/agreements/[id]/events/[eventId]", method: "PATCH", path: "/api/agreements/raa-jp-gb/events/no-such-event", body: { date: "2030" } },
  { route: "/api/agreements/[id]/events/[eventId]", method: "DELETE", path: "/api/agreements/raa-jp-gb/events/no-such-event" },
  { route: "/api/knowledge/changes/[id]/revert", method: "POST", path: "/api/knowledge/changes/no-such-change/revert" },
  { route: "/api/briefs/[slug]/mentions", method: "POST", path: "/api/briefs/japan-quasi-alliance/mentions", body: { blockId: "x", start: 0, end: 1, entityId: null } },
  { route: "/api/knowledge/suggestions/dismissals", method: "POST", path: "/api/knowledge/suggestions/dismissals", body: { term: "from afar" } },
  { route: "/api/briefs/[slug]/mentions/[id]", method: "DELETE", path: "/api/briefs/japan-quasi-alliance/mentions/no-such-mention" },
  // Groups.
  { route: "/api/groups", method: "POST", path: "/api/groups", body: { name: "from afar" } },
  { route: "/api/groups/[id]", method: "PATCH", path: "/api/groups/no-such-group", body: { name: "from afar" } },
  { route: "/api/groups/[id]", method: "DELETE", path: "/api/groups/no-such-group" },
  { route: "/api/groups/[id]/members", method: "POST", path: "/api/groups/no-such-group/members", body: { email: "cross-site@example.org" } },
  { route: "/api/groups/[id]/members/[userId]", method: "DELETE", path: "/api/groups/no-such-group/members/no-such-user" },
  { route: "/api/groups/[id]/invites", method: "POST", path: "/api/groups/no-such-group/invites", body: {} },
  { route: "/api/groups/[id]/invites", method: "DELETE", path: "/api/groups/no-such-group/invites" },
  { route: "/api/groups/invites/[token]", method: "POST", path: "/api/groups/invites/brg_no-such-token" },
  // Notifications.
  { route: "/api/notifications/read", method: "POST", path: "/api/notifications/read", body: {} },
  { route: "/api/notifications/settings", method: "PUT", path: "/api/notifications/settings", body: { mail: "immediate" } },
  { route: "/api/follows/[target]", method: "PUT", path: "/api/follows/jp" },
  { route: "/api/follows/[target]", method: "DELETE", path: "/api/follows/jp" },
];

/**
 * better-auth's writes (`POST /api/auth/<path>`), as it lists them in `auth.api`. Each is checked
 * by the app before better-auth sees it (app/api/auth/[...all]/route.ts), whether or not this
 * configuration uses it.
 */
export const AUTH_WRITE_PATHS = [
  "/sign-up/email",
  "/sign-in/email",
  "/sign-in/social",
  "/sign-out",
  "/get-session",
  "/update-session",
  "/update-user",
  "/change-email",
  "/change-password",
  "/delete-user",
  "/request-password-reset",
  "/reset-password",
  "/verify-password",
  "/send-verification-email",
  "/revoke-session",
  "/revoke-sessions",
  "/revoke-other-sessions",
  "/link-social",
  "/unlink-account",
  "/refresh-token",
  "/get-access-token",
  "/callback/:id",
] as const;

export const AUTH_WRITES: MutatingRequest[] = AUTH_WRITE_PATHS.map((path) => ({
  route: "/api/auth/[...all]",
  method: "POST",
  path: `/api/auth${path.replace(":id", "credential")}`,
  body: { name: "Cross Site", email: "cross-site@example.org", password: "a long enough password", newPassword: "another long password", token: "x" },
}));

/**
 * Methods that no route serves: `app/api/[...path]/route.ts` answers them 404 (it changes
 * nothing, whoever asks), and so does every route for a method it does not export (405).
 */
export const NON_WRITES: { route: string; method: MutatingRequest["method"]; why: string }[] = (["POST", "PUT", "PATCH", "DELETE"] as const).map((method) => ({
  route: "/api/[...path]",
  method,
  why: "unknown API paths answer 404 and change nothing",
}));
