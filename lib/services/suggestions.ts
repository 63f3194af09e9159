/**
 * Entity suggestions: the library's frequent unlinked terms (lib/content/linking/suggest-terms.ts),
 * over every published brief's current text, leaving out what entities already name and what
 * editors dismissed. Made once per library and knowledge version.
 */
import "server-only";
import { type Suggestion, suggestTerms } from "@/lib/content/linking/suggest-terms";
import { dismissTerm, listDismissedTerms } from "@/lib/db/knowledge-changes";
import { db } from "@/lib/database/prisma";
import type { Viewer } from "@/lib/domain/account";
import { knowledgeChanged, loadKnowledge } from "./knowledge";
import { currentRevisions, librarySnapshot } from "./library";

const holder = globalThis as unknown as { briefReaderSuggestions?: { key: string; suggestions: Suggestion[] } };

/** The suggestions, most used first (at most 50). */
export async function listSuggestions(): Promise<Suggestion[]> {
  const [knowledge, library] = await Promise.all([loadKnowledge(), librarySnapshot()]);
  const key = `${library.version}:${knowledge.version}`;
  if (holder.briefReaderSuggestions?.key === key) return holder.briefReaderSuggestions.suggestions;
  const [briefs, dismissed] = await Promise.all([currentRevisions(), listDismissedTerms(db())]);
  const known = new Set(knowledge.entities.flatMap((entity) => [entity.names.ko, entity.names.en, entity.names.ja ?? "", ...entity.aliases].filter(Boolean).map((name) => name.normalize("NFC"))));
  const blocks = briefs.flatMap((brief) =>
    brief.parsed.document.sections.flatMap((section) => section.blocks.map((block) => ({ brief: brief.slug, blockId: block.id, text: block.text, mentions: block.mentions }))),
  );
  const suggestions = suggestTerms(blocks, { known, dismissed, limit: 50 });
  holder.briefReaderSuggestions = { key, suggestions };
  return suggestions;
}

/** An editor dismisses a suggested term: it is not suggested again (kept in the database). */
export async function dismissSuggestion(viewer: Viewer, term: string): Promise<{ term: string }> {
  const normalized = term.normalize("NFC");
  await dismissTerm(db(), normalized, viewer.id);
  knowledgeChanged();
  return { term: normalized };
}
