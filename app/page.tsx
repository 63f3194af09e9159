import Link from "next/link";
import { getMessages } from "@/lib/i18n/locale";
import { listBriefs } from "@/lib/services/briefs";

export const dynamic = "force-dynamic";

export default async function HomePage() {
  const [{ t }, briefs] = await Promise.all([getMessages(), listBriefs()]);
  return (
    <div className="page-narrow">
      <h1>{t.briefs}</h1>
      <p className="lede">{t.briefsIntro}</p>
      {briefs.length === 0 ? (
        <p>{t.noBriefs}</p>
      ) : (
        <ul className="brief-list">
          {briefs.map((brief) => (
            <li key={brief.slug} className="brief-card">
              <h2 lang={brief.language}>
                <Link href={`/briefs/${brief.slug}`}>{brief.title}</Link>
              </h2>
              <p className="brief-card-byline" lang={brief.language}>
                {brief.byline}
              </p>
              <p className="brief-card-counts">{t.countsLine(brief.counts)}</p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
