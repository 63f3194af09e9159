import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { dataLabels } from "@/components/agreements/labels";
import { RecordLinks } from "@/components/agreements/RecordLinks";
import { MentionList } from "@/components/entities/MentionList";
import { orNotFound } from "@/lib/http/not-found";
import { EntityCuration } from "@/components/knowledge/EntityCuration";
import { FollowButton } from "@/components/notifications/FollowButton";
import { KnowledgeHistory } from "@/components/knowledge/KnowledgeHistory";
import { VersionWatch } from "@/components/knowledge/VersionWatch";
import { pageViewer } from "@/lib/auth/page-viewer";
import { isEditor } from "@/lib/domain/account";
import { knowledgeMessages } from "@/lib/i18n/knowledge-messages";
import { getMessages } from "@/lib/i18n/locale";
import { entityPage } from "@/lib/services/entities";
import { getEditableEntity, knowledgeHistory } from "@/lib/services/knowledge-editing";

export const dynamic = "force-dynamic";

const load = (id: string) => orNotFound(entityPage(id));

export async function generateMetadata({ params }: PageProps<"/entities/[id]">): Promise<Metadata> {
  const { entity } = await load((await params).id);
  const { locale } = await getMessages();
  return { title: entity.names[locale] };
}

export default async function EntityPage({ params }: PageProps<"/entities/[id]">) {
  const { id } = await params;
  const [{ t, locale }, { entity, record, related, mentions }] = await Promise.all([getMessages(), load(id)]);
  // An agreement record has a fuller page of its own.
  if (record) redirect(`/agreements/${record.id}`);
  const labels = dataLabels(t);
  const words = knowledgeMessages[locale];
  const [viewer, history, editable] = await Promise.all([pageViewer(`/entities/${id}`), knowledgeHistory("entity", entity.id), getEditableEntity(entity.id)]);
  const editor = isEditor(viewer);
  return (
    <div className="page-narrow data-page">
      <VersionWatch />
      <h1>
        <span lang={locale}>{entity.names[locale]}</span>
        <span className="subtitle" lang={locale === "ko" ? "en" : "ko"}>
          {entity.names[locale === "ko" ? "en" : "ko"]}
        </span>
        {entity.names.ja && (
          <span className="subtitle" lang="ja">
            {entity.names.ja}
          </span>
        )}
      </h1>
      <FollowButton target={entity.id} />
      <p className="muted">
        {labels.entityKinds[entity.kind]}
      </p>
      <p>{locale === "ko" ? entity.description.ko : entity.description.en}</p>
      {entity.wikidata && (
        <p>
          <a href={`https://www.wikidata.org/wiki/${entity.wikidata}`} rel="noreferrer noopener" target="_blank">
            {words.wikidataLink} {entity.wikidata}
          </a>
        </p>
      )}
      {editor && <EntityCuration entity={editable.entity} version={editable.version} words={words} kindLabels={labels.entityKinds} locale={locale} />}
      {related.length > 0 && (
        <>
          <h2>{labels.relatedAgreements}</h2>
          <RecordLinks records={related} labels={labels} locale={locale} />
        </>
      )}
      <h2>{labels.mentionsInText}</h2>
      <MentionList places={mentions} labels={labels} />
      <h2>{words.history}</h2>
      <KnowledgeHistory entries={history} words={words} editor={editor} locale={locale} />
    </div>
  );
}
