import type { Metadata } from "next";
import { headers } from "next/headers";
import { dataLabels } from "@/components/agreements/labels";
import { AnnotationLayer } from "@/components/annotations/AnnotationLayer";
import { noteLabels } from "@/components/annotations/labels";
import { BriefBody } from "@/components/reader/BriefBody";
import { MentionLayer } from "@/components/reader/MentionLayer";
import { PrintStamp } from "@/components/reader/PrintStamp";
import { ReaderKeys } from "@/components/reader/ReaderKeys";
import { TableOfContents } from "@/components/reader/TableOfContents";
import { ReaderCuration } from "@/components/knowledge/ReaderCuration";
import { VersionWatch } from "@/components/knowledge/VersionWatch";
import { pageViewer } from "@/lib/auth/page-viewer";
import { isEditor } from "@/lib/domain/account";
import { knowledgeMessages } from "@/lib/i18n/knowledge-messages";
import { citableBrief, highwireTags } from "@/lib/export/citation";
import { publicOrigin } from "@/lib/http/origin";
import { orNotFound } from "@/lib/http/not-found";
import { getMessages } from "@/lib/i18n/locale";
import { getReaderBrief } from "@/lib/services/briefs";
import { entitySummaries } from "@/lib/services/entities";

export const dynamic = "force-dynamic";

const load = (slug: string) => orNotFound(getReaderBrief(slug));

export async function generateMetadata({ params }: PageProps<"/briefs/[slug]">): Promise<Metadata> {
  const { view, metadata } = await load((await params).slug);
  // Highwire citation_* tags: Zotero's connector saves the page as a report with these.
  const origin = publicOrigin(new Request("http://localhost/", { headers: await headers() }));
  const citation: Record<string, string[]> = {};
  for (const [name, content] of highwireTags(citableBrief(view, metadata, `${origin}/briefs/${encodeURIComponent(view.slug)}`))) (citation[name] ??= []).push(content);
  return {
    title: view.title,
    description: view.byline,
    other: citation,
    alternates: { types: { "application/vnd.citationstyles.csl+json": `/api/briefs/${view.slug}?format=csl-json`, "application/x-bibtex": `/api/briefs/${view.slug}?format=bibtex` } },
  };
}

export default async function BriefPage({ params }: PageProps<"/briefs/[slug]">) {
  const { slug } = await params;
  const [{ t, locale }, { view, hast, mentions }, viewer] = await Promise.all([getMessages(), load(slug), pageViewer(`/briefs/${slug}`)]);
  const summaries = await entitySummaries(mentions.byEntity.keys());
  const entries = view.sections.map((section) => ({
    id: section.id,
    title: section.title,
    claims: section.blocks.filter((block) => block.kind === "claim").length,
  }));
  return (
    <div className="reader">
      <aside className="reader-toc">
        <TableOfContents entries={entries} label={t.contents} notesLabel={t.notes.title} />
      </aside>
      <MentionLayer summaries={summaries} labels={dataLabels(t)} noteLabels={noteLabels(t)} locale={locale} briefSlug={view.slug}>
      <article className="brief" lang={view.language} data-revision={view.revision}>
        <BriefBody hast={hast} linkLabel={t.linkToBlock} />
        <footer className="brief-footer" lang={undefined}>
          <p>{t.countsLine(view.counts)}</p>
          <p>
            {t.revision} <code title={view.revision}>{view.revision.slice(0, 12)}</code>
          </p>
          <p className="keyboard-hint">{t.keyboardHint}</p>
          <PrintStamp label={t.printedFrom} locale={locale} />
        </footer>
      </article>
      </MentionLayer>
      <AnnotationLayer
        brief={view.slug}
        labels={noteLabels(t)}
        blockEntities={Object.fromEntries([...mentions.byBlock].map(([block, ids]) => [block, [...ids]]))}
        blockPages={Object.fromEntries(view.sections.flatMap((section) => section.blocks.flatMap((block) => (block.page ? [[block.id, block.page]] : []))))}
        entityNames={Object.fromEntries(Object.values(summaries).map((summary) => [summary.id, locale === "ko" ? summary.names.ko : summary.names.en]))}
      />
      <VersionWatch />
      {isEditor(viewer) && <ReaderCuration brief={view.slug} words={knowledgeMessages[locale]} kindLabels={dataLabels(t).entityKinds} />}
      <ReaderKeys
        labels={{
          title: t.shortcutsTitle,
          nextClaim: t.shortcutNextClaim,
          prevClaim: t.shortcutPrevClaim,
          nextSection: t.shortcutNextSection,
          prevSection: t.shortcutPrevSection,
          help: t.shortcutHelp,
          close: t.close,
          selectWord: t.shortcutSelectWord,
          selectSentence: t.shortcutSelectSentence,
          mentions: t.shortcutMentions,
          highlight: t.shortcutHighlight,
          note: t.shortcutNote,
          search: t.shortcutSearch,
          escape: t.shortcutEscape,
        }}
      />
    </div>
  );
}
