import type { Metadata } from "next";
import { SearchResultsView } from "@/components/search/SearchResultsView";
import { pageViewer } from "@/lib/auth/page-viewer";
import { AppError, firstProblem } from "@/lib/domain/errors";
import { searchQuerySchema } from "@/lib/domain/search";
import { errorText } from "@/lib/i18n/errors";
import { getMessages } from "@/lib/i18n/locale";
import { search } from "@/lib/services/search";

export const dynamic = "force-dynamic";

export async function generateMetadata({ searchParams }: PageProps<"/search">): Promise<Metadata> {
  const { t } = await getMessages();
  const q = (await searchParams).q;
  return { title: typeof q === "string" && q.trim() ? t.search.resultsFor(q.trim()) : t.search.title, robots: { index: false } };
}

/** An unknown `brief=` is said on the page; anything else is a real error. */
function notFoundMessage(error: unknown): string {
  if (error instanceof AppError && error.code === "not_found") return error.message;
  throw error;
}

/** GET /search?q=…[&brief=…]: grouped results, rendered on the server; works without script. */
export default async function SearchPage({ searchParams }: PageProps<"/search">) {
  const params = await searchParams;
  const raw = typeof params.q === "string" ? params.q : "";
  const { t, locale } = await getMessages();
  const parsed = raw.trim() ? searchQuerySchema.safeParse({ q: raw, brief: typeof params.brief === "string" ? params.brief : undefined, limit: 30 }) : null;
  const outcome = parsed?.success ? await search(await pageViewer("/search"), parsed.data).catch(notFoundMessage) : null;
  let body: React.ReactNode = <p className="muted">{t.search.intro}</p>;
  if (parsed && !parsed.success) body = <p role="alert">{errorText(locale, { code: "invalid_input", field: firstProblem(parsed.error).field })}</p>;
  else if (typeof outcome === "string") body = <p role="alert">{errorText(locale, { code: "not_found", field: "brief" })}</p>;
  else if (outcome) body = <SearchResultsView results={outcome.results} t={t} locale={locale} />;
  return (
    <div className="page-narrow search-page">
      <h1>{parsed?.success ? t.search.resultsFor(parsed.data.q) : t.search.title}</h1>
      <form role="search" action="/search" method="get" className="search-page-form" aria-label={t.search.title}>
        <label htmlFor="search-page-q" className="sr-only">
          {t.search.label}
        </label>
        <input id="search-page-q" type="search" name="q" defaultValue={raw} placeholder={t.search.placeholder} maxLength={200} autoComplete="off" />
        <button type="submit">{t.search.submit}</button>
      </form>
      {body}
    </div>
  );
}
