import type { Metadata } from "next";
import Link from "next/link";
import { dataLabels } from "@/components/agreements/labels";
import { NewEntity } from "@/components/knowledge/NewEntity";
import { Suggestions } from "@/components/knowledge/Suggestions";
import { pageViewer } from "@/lib/auth/page-viewer";
import { isEditor } from "@/lib/domain/account";
import { knowledgeMessages } from "@/lib/i18n/knowledge-messages";
import { getMessages } from "@/lib/i18n/locale";
import { listSuggestions } from "@/lib/services/suggestions";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "지식 베이스" };

/** /knowledge: for editors, a new entity (prefilled from a suggestion) and the library's entity suggestions. */
export default async function KnowledgePage({ searchParams }: PageProps<"/knowledge">) {
  const [{ t, locale }, viewer, query] = await Promise.all([getMessages(), pageViewer("/knowledge"), searchParams]);
  const words = knowledgeMessages[locale];
  if (!isEditor(viewer)) {
    return (
      <div className="page-narrow data-page">
        <h1>{words.knowledgePage}</h1>
        <p>
          {words.editorsOnly} <Link href="/account">{words.signIn}</Link>
        </p>
      </div>
    );
  }
  const term = typeof query.term === "string" ? query.term.slice(0, 200) : "";
  return (
    <div className="page-narrow data-page">
      <h1>{words.knowledgePage}</h1>
      <h2 id="new-entity">{words.newEntityPage}</h2>
      <NewEntity words={words} kindLabels={dataLabels(t).entityKinds} locale={locale} initialName={term} />
      <h2>{words.suggestions.title}</h2>
      <p className="muted">{words.suggestions.intro}</p>
      <Suggestions suggestions={await listSuggestions()} words={words} locale={locale} />
    </div>
  );
}
