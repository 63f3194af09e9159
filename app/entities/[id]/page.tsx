import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { dataLabels } from "@/components/agreements/labels";
import { RecordLinks } from "@/components/agreements/RecordLinks";
import { MentionList } from "@/components/entities/MentionList";
import { orNotFound } from "@/lib/http/not-found";
import { getMessages } from "@/lib/i18n/locale";
import { entityPage } from "@/lib/services/entities";

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
  return (
    <div className="page-narrow data-page">
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
      <p className="muted">
        {labels.entityKinds[entity.kind]}
      </p>
      <p>{locale === "ko" ? entity.description.ko : entity.description.en}</p>
      {related.length > 0 && (
        <>
          <h2>{labels.relatedAgreements}</h2>
          <RecordLinks records={related} labels={labels} locale={locale} />
        </>
      )}
      <h2>{labels.mentionsInText}</h2>
      <MentionList places={mentions} labels={labels} />
    </div>
  );
}
