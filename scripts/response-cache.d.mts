// Types of scripts/response-cache.mjs, for the tests that import it.
import type { IncomingMessage } from "node:http";
export const SHARED_RENDER_HEADER: string;
export function sharedKey(req: Pick<IncomingMessage, "method" | "url" | "headers">): string | undefined;
export function inlineHashes(html: string): { scripts: string[]; styles: string[] };
