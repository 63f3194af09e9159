import Link from "next/link";
import { UploadPanel } from "@/components/library/UploadPanel";
import { pageViewer } from "@/lib/auth/page-viewer";
import { isEditor } from "@/lib/domain/account";
import { libraryQuerySchema } from "@/lib/domain/library";
import { libraryMessages } from "@/lib/i18n/library-messages";
import { getMessages } from "@/lib/i18n/locale";
import { listLibrary } from "@/lib/services/briefs";
import { listEntities } from "@/lib/services/entities";
import { uploadLimitBytes } from "@/lib/services/uploads";

export const dynamic = "force-dynamic";

/**
 * The library: every brief the reader may read, with filters (institute, year, an entity it
 * mentions, briefs with my notes), sort and title search, as a plain GET form that works without
 * script. Editors also get the upload panel, and see drafts.
 */
export default async function LibraryPage({ searchParams }: PageProps<"/">) {
  const raw = Object.fromEntries(Object.entries(await searchParams).flatMap(([key, value]) => (typeof value === "string" && value !== "" ? [[key, value]] : [])));
  const parsed = libraryQuerySchema.safeParse(raw);
  const query = parsed.success ? parsed.data : libraryQuerySchema.parse({});
  const [{ t, locale }, viewer] = await Promise.all([getMessages(), pageViewer("/")]);
  const words = libraryMessages[locale];
  const [briefs, everything, entities] = await Promise.all([listLibrary(viewer, query), listLibrary(viewer, { sort: "title" }), listEntities()]);
  const institutes = [...new Set(everything.map((brief) => brief.institute))].sort((a, b) => a.localeCompare(b, locale));
  const years = [...new Set(everything.flatMap((brief) => (brief.published ? [brief.published.slice(0, 4)] : [])))].sort().reverse();
  const mentioned = entities.filter((entity) => entity.kind !== "agreement-kind").sort((a, b) => a.names[locale].localeCompare(b.names[locale], locale));
  const filtered = Object.keys(raw).some((key) => key !== "sort");
  const dateFormat = new Intl.DateTimeFormat(locale, { year: "numeric", month: "long", day: "numeric" });
  const published = (date: string) => (date.length === 10 ? dateFormat.format(new Date(`${date}T00:00:00Z`)) : date);

  return (
    <div className="page-narrow library">
      <h1>{words.title}</h1>
      <p className="lede">{words.intro}</p>
      {viewer && isEditor(viewer) && <UploadPanel locale={locale} limitMb={Math.round(uploadLimitBytes() / 1024 / 1024)} />}

      <form className="library-filters" method="get" action="/" role="search" aria-label={words.filters}>
        <label>
          {words.search}
          <input type="search" name="q" defaultValue={query.q ?? ""} placeholder={words.searchPlaceholder} />
        </label>
        <label>
          {words.institute}
          <select name="institute" defaultValue={query.institute ?? ""}>
            <option value="">{words.any}</option>
            {institutes.map((institute) => (
              <option key={institute}>{institute}</option>
            ))}
          </select>
        </label>
        <label>
          {words.year}
          <select name="year" defaultValue={query.year ?? ""}>
            <option value="">{words.any}</option>
            {years.map((year) => (
              <option key={year}>{year}</option>
            ))}
          </select>
        </label>
        <label>
          {words.entity}
          <select name="entity" defaultValue={query.entity ?? ""}>
            <option value="">{words.any}</option>
            {mentioned.map((entity) => (
              <option key={entity.id} value={entity.id}>
                {entity.names[locale]}
              </option>
            ))}
          </select>
        </label>
        {viewer && (
          <label className="checkbox">
            <input type="checkbox" name="mine" value="1" defaultChecked={query.mine === "1"} /> {words.mine}
          </label>
        )}
        <label>
          {words.sort}
          <select name="sort" defaultValue={query.sort}>
            {Object.entries(words.sorts).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">{words.apply}</button>
        {filtered && <Link href="/">{words.reset}</Link>}
      </form>

      <p className="muted library-count" role="status">
        {words.count(briefs.length)}
      </p>
      {briefs.length === 0 ? (
        <p>{everything.length === 0 ? words.emptyLibrary : words.empty}</p>
      ) : (
        <ul className="brief-list">
          {briefs.map((brief) => (
            <li key={brief.slug} className="brief-card" data-slug={brief.slug}>
              <h2 lang={brief.language}>
                <Link href={`/briefs/${brief.slug}`}>{brief.title}</Link>
                {brief.status === "draft" && <span className="badge badge-draft">{words.draft}</span>}
                {brief.hasDraft && <span className="badge badge-draft">{words.hasDraft}</span>}
              </h2>
              <p className="brief-card-byline" lang={brief.language}>
                {brief.byline}
              </p>
              <p className="brief-card-meta">
                <span>{brief.institute}</span>
                {brief.published && <span>{published(brief.published)}</span>}
                <span>{words.format[brief.format]}</span>
              </p>
              <p className="brief-card-counts">{t.countsLine(brief.counts)}</p>
              <p className="brief-card-notes">{words.notesCount(brief.notes.visible, brief.notes.mine)}</p>
              {viewer && isEditor(viewer) && (brief.status === "draft" || brief.hasDraft) && (
                <p>
                  <Link href={`/briefs/${brief.slug}/preview`}>{words.preview}</Link>
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
