import { audienceLabel } from "@/components/annotations/audience";
import Link from "next/link";
import type { EntityHit, NoteHit, SearchResults, TextHit } from "@/lib/domain/search";
import type { Messages } from "@/lib/i18n/messages";
import { Highlighted } from "./Highlighted";

type Labels = Messages["search"];

function Group<T>({ id, title, group, labels, render }: { id: string; title: string; group: { total: number; results: T[] }; labels: Labels; render: (hit: T) => React.ReactNode }) {
  return (
    <section className="search-group" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>
        {title} <span className="search-count">{labels.shown(group.results.length, group.total)}</span>
      </h2>
      {group.results.length === 0 ? <p className="muted">{labels.none}</p> : <ol className="search-results">{group.results.map(render)}</ol>}
    </section>
  );
}

function textKind(hit: TextHit, labels: Labels): string {
  if (hit.type === "section") return labels.section;
  return hit.blockKind === "claim" ? labels.claim : labels.point;
}

/**
 * Grouped results as the /search page shows them: plain links, no script needed. Result links
 * are `<a>`, not Next's `<Link>`: a client-side route change does not set `:target`, and the
 * reader marks the sentence a link leads to with it.
 */
export function SearchResultsView({ results, t, locale }: { results: SearchResults; t: Messages; locale: "ko" | "en" }) {
  const labels = t.search;
  const { text, entities, notes } = results.groups;
  const nothing = text.total === 0 && entities.total === 0 && (notes?.total ?? 0) === 0;
  return (
    <div className="search-page-results">
      {nothing && <p>{labels.noneAtAll}</p>}
      <Group
        id="search-text"
        title={labels.groupText}
        group={text}
        labels={labels}
        render={(hit: TextHit) => (
          <li key={`${hit.brief}-${hit.id}`} className="search-result">
            <a href={hit.href} className="search-result-link">
              <span className="search-result-meta">
                <span className="search-badge">{textKind(hit, labels)}</span> {hit.sectionTitle}
              </span>
              <span className="search-snippet" lang="ko">
                <Highlighted snippet={hit.snippet} />
              </span>
            </a>
          </li>
        )}
      />
      <Group
        id="search-entities"
        title={labels.groupEntities}
        group={entities}
        labels={labels}
        render={(hit: EntityHit) => (
          <li key={hit.id} className="search-result">
            <a href={hit.href} className="search-result-link">
              <span className="search-result-title">
                <span lang={locale}>{hit.names[locale]}</span>{" "}
                <span className="muted" lang={locale === "ko" ? "en" : "ko"}>
                  {hit.names[locale === "ko" ? "en" : "ko"]}
                </span>
              </span>
              <span className="search-result-meta">
                <span className="search-badge">{t.entityKinds[hit.kind] ?? hit.kind}</span> <Highlighted snippet={hit.snippet} />
              </span>
            </a>{" "}
            <Link href={hit.page} className="search-secondary">
              {hit.type === "agreement" ? labels.recordPage : labels.entityPage}
            </Link>
          </li>
        )}
      />
      {notes ? (
        <Group
          id="search-notes"
          title={labels.groupNotes}
          group={notes}
          labels={labels}
          render={(hit: NoteHit) => (
            <li key={hit.id} className="search-result">
              <a href={hit.href} className="search-result-link">
                <span className="search-snippet">
                  <Highlighted snippet={hit.snippet} />
                </span>
                <span className="search-result-meta">
                  <span className="search-badge">{t.notes.motivations[hit.motivation]}</span> <bdi>{hit.author.name}</bdi> · {audienceLabel(hit, t.notes)} ·{" "}
                  {hit.field === "body" ? labels.inBody : hit.field === "quote" ? labels.inQuote : labels.inTags}
                  {hit.parentId && ` · ${labels.reply}`} · <time dateTime={hit.modified}>{new Date(hit.modified).toLocaleDateString(locale === "ko" ? "ko-KR" : "en-GB")}</time>
                </span>
              </a>
            </li>
          )}
        />
      ) : (
        <section className="search-group" aria-labelledby="search-notes-title">
          <h2 id="search-notes-title">{labels.groupNotes}</h2>
          <p className="muted">
            <Link href={`/account?next=${encodeURIComponent(`/search?q=${encodeURIComponent(results.query)}`)}`}>{labels.signInForNotes}</Link>
          </p>
        </section>
      )}
    </div>
  );
}
