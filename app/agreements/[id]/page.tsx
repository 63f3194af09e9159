import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AgreementDetail } from "@/components/agreements/AgreementDetail";
import { dataLabels } from "@/components/agreements/labels";
import { MentionList } from "@/components/entities/MentionList";
import { EventCuration } from "@/components/knowledge/EventCuration";
import { KnowledgeHistory } from "@/components/knowledge/KnowledgeHistory";
import { VersionWatch } from "@/components/knowledge/VersionWatch";
import { pageViewer } from "@/lib/auth/page-viewer";
import { isEditor } from "@/lib/domain/account";
import { orNotFound } from "@/lib/http/not-found";
import { listParts } from "@/lib/i18n/dates";
import { knowledgeMessages } from "@/lib/i18n/knowledge-messages";
import { getMessages } from "@/lib/i18n/locale";
import { entityPage, listEntities } from "@/lib/services/entities";
import { knowledgeHistory } from "@/lib/services/knowledge-editing";
import { FollowButton } from "@/components/notifications/FollowButton";

export const dynamic = "force-dynamic";

async function load(id: string) {
  const page = await orNotFound(entityPage(id));
  // An entity that is not an agreement record has no record page.
  if (!page.record) notFound();
  return { ...page, record: page.record };
}

export async function generateMetadata({ params }: PageProps<"/agreements/[id]">): Promise<Metadata> {
  const { record } = await load((await params).id);
  const { locale } = await getMessages();
  return { title: record.names[locale] };
}

export default async function AgreementPage({ params }: PageProps<"/agreements/[id]">) {
  const { id } = await params;
  const [{ t, locale }, { record, mentions }, entities] = await Promise.all([getMessages(), load(id), listEntities()]);
  const labels = dataLabels(t);
  // Names, not ids (`gb`, `RAA`), in the reader's language.
  const name = (entityId: string) => entities.find((entity) => entity.id === entityId)?.names[locale] ?? entityId;
  const other = locale === "ko" ? "en" : "ko";
  const words = knowledgeMessages[locale];
  const [viewer, history] = await Promise.all([pageViewer(`/agreements/${id}`), knowledgeHistory("agreement", record.id)]);
  const editor = isEditor(viewer);
  return (
    <div className="page-narrow data-page">
      <VersionWatch />
      <p className="breadcrumbs">
        <Link href="/agreements">{t.agreements}</Link>
      </p>
      <h1>
        <span lang={locale}>{record.names[locale]}</span>
        <span className="subtitle" lang={other}>
          {record.names[other]}
        </span>
      </h1>
      <FollowButton target={record.id} />
      <p className="muted">
        {labels.entityKinds.agreement} · <Link href={`/entities/${record.kind}`}>{name(record.kind)}</Link> · {labels.parties}{" "}
        {/* Intl's list words ("및", "and") between the parties' names. */}
        {listParts(locale, record.parties.map(name)).map((part, index) =>
          "item" in part ? (
            <Link key={index} href={`/entities/${record.parties[part.item]}`}>
              {name(record.parties[part.item])}
            </Link>
          ) : (
            part.text
          ),
        )}
      </p>
      <p>{locale === "ko" ? record.description.ko : record.description.en}</p>
      <AgreementDetail record={record} labels={labels} locale={locale} />
      {editor && <EventCuration record={record.id} brief={record.brief} events={record.events} words={words} kindLabels={labels.eventKinds} tierLabels={labels.tiers} locale={locale} />}
      <h2>{labels.mentionsInText}</h2>
      <MentionList places={mentions} labels={labels} />
      <h2>{words.history}</h2>
      <KnowledgeHistory entries={history} words={words} editor={editor} locale={locale} />
    </div>
  );
}
