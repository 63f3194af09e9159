/**
 * The viewer of a page request (a server component), read like an API call's: a Request made
 * from the page's headers, so cookies and tokens are judged by the one function that decides
 * (lib/auth/session.ts).
 */
import "server-only";
import { headers } from "next/headers";
import type { Viewer } from "@/lib/domain/account";
import { viewerOf } from "./session";

export async function pageViewer(path = "/"): Promise<Viewer | null> {
  const incoming = await headers();
  const proto = incoming.get("x-forwarded-proto")?.split(",")[0]?.trim() || "http";
  return viewerOf(new Request(`${proto}://${incoming.get("host") ?? "localhost"}${path}`, { headers: incoming }));
}
