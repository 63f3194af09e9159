import type { Metadata } from "next";
import { ExportImport } from "@/components/account/ExportImport";
import { getMessages } from "@/lib/i18n/locale";
import { listBriefs } from "@/lib/services/briefs";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getMessages();
  return { title: t.exports.title };
}

/** Downloads (JSON-LD, Markdown per brief, agreement records) and the import form. */
export default async function ExportPage() {
  const { locale, t } = await getMessages();
  const briefs = await listBriefs();
  return (
    <div className="page-narrow export-page">
      <h1>{t.exports.title}</h1>
      <p className="lede">{t.exports.intro}</p>
      <ExportImport locale={locale} briefs={briefs.map(({ slug, title }) => ({ slug, title }))} />
    </div>
  );
}
