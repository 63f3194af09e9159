/** What an open page asks to know whether to refresh: the library's and the knowledge base's versions, as this process holds them (at most 250 ms old). */
import "server-only";
import type { ContentVersions } from "@/lib/domain/knowledge";
import { knowledgeSnapshot } from "./knowledge";
import { librarySnapshot } from "./library";

/** Both versions; either changes with every write to what it counts. */
export async function contentVersions(): Promise<ContentVersions> {
  const [library, knowledge] = await Promise.all([librarySnapshot(), knowledgeSnapshot()]);
  return { library: library.version, knowledge: knowledge.version };
}
