import type { Metadata } from "next";
import { headers } from "next/headers";
import { viewerOf } from "@/lib/auth/session";
import { publicOrigin } from "@/lib/http/origin";
import { getMessages } from "@/lib/i18n/locale";
import { listOtherSources } from "@/lib/services/foreign-annotations";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getMessages();
  return { title: t.otherSources.title, robots: { index: false } };
}

/** This page's request as the API reads one: who is signed in, and the origin IRIs are built on. */
async function pageRequest(): Promise<Request> {
  const incoming = await headers();
  const proto = incoming.get("x-forwarded-proto")?.split(",")[0]?.trim() || "http";
  return new Request(`${proto}://${incoming.get("host") ?? "localhost"}/account/other-sources`, { headers: incoming });
}

/** Only web links are links; any other IRI a client sent is shown as text. */
const isWebLink = (iri: string) => /^https?:\/\//i.test(iri);

/**
 * The annotations the viewer may see whose targets are not this reader's briefs (made with an
 * annotation tool through the W3C protocol, or imported), grouped by the page or document.
 */
export default async function OtherSourcesPage() {
  const { t, locale } = await getMessages();
  const words = t.otherSources;
  const request = await pageRequest();
  const viewer = await viewerOf(request);
  const sources = viewer ? await listOtherSources(viewer, publicOrigin(request)) : [];
  const date = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" });
  return (
    <div className="page-narrow other-sources">
      <h1>{words.title}</h1>
      <p className="lede">{words.intro}</p>
      {!viewer ? (
        <p>
          <a href="/account?next=/account/other-sources">{words.signInFirst}</a>
        </p>
      ) : sources.length === 0 ? (
        <p className="muted">{words.empty}</p>
      ) : (
        sources.map((group) => (
          <section key={group.source} aria-label={group.source}>
            <h2>
              {isWebLink(group.source) ? (
                <a href={group.source} rel="noopener noreferrer nofollow">
                  {group.source}
                </a>
              ) : (
                <code>{group.source}</code>
              )}
            </h2>
            <p className="muted">{words.count(group.annotations.length)}</p>
            <ul>
              {group.annotations.map((annotation) => (
                <li key={annotation.id}>
                  {(annotation.text || words.noText).split(/\n{2,}/).map((paragraph, index) => (
                    <p key={index}>{paragraph}</p>
                  ))}
                  {annotation.tags.length > 0 && <p>{annotation.tags.map((tag) => `#${tag}`).join(" ")}</p>}
                  <p className="muted">
                    {annotation.mine ? words.mine : `${words.by} ${annotation.author}`} · {annotation.visibility === "shared" ? words.shared : words.private} ·{" "}
                    <time dateTime={annotation.created}>{date.format(new Date(annotation.created))}</time> ·{" "}
                    <a href={annotation.iri} title={words.iri}>
                      {words.iri}
                    </a>
                  </p>
                </li>
              ))}
            </ul>
          </section>
        ))
      )}
    </div>
  );
}
