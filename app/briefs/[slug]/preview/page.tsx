import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { BriefMetadataForm } from "@/components/library/BriefMetadataForm";
import { PublishButton } from "@/components/library/PublishButton";
import { pageViewer } from "@/lib/auth/page-viewer";
import { isEditor } from "@/lib/domain/account";
import { orNotFound } from "@/lib/http/not-found";
import { libraryMessages } from "@/lib/i18n/library-messages";
import { getMessages } from "@/lib/i18n/locale";
import { previewBrief } from "@/lib/services/uploads";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: PageProps<"/briefs/[slug]/preview">): Promise<Metadata> {
  const { locale } = await getMessages();
  return { title: libraryMessages[locale].previewPage.title((await params).slug), robots: { index: false } };
}

/**
 * Before publishing: what the converter and the parser made of the file (sections, claims and
 * points with the page each starts on), every problem found, what was left out as running
 * headers or contents, and the bibliographic details to correct. Editors only; others get 404.
 */
export default async function PreviewPage({ params }: PageProps<"/briefs/[slug]/preview">) {
  const { slug } = await params;
  const [{ locale }, viewer] = await Promise.all([getMessages(), pageViewer(`/briefs/${slug}/preview`)]);
  if (!viewer || !isEditor(viewer)) notFound();
  const preview = await orNotFound(previewBrief(viewer, slug));
  const words = libraryMessages[locale];
  const page = words.previewPage;
  const draft = preview.status === "draft" || preview.newVersion;
  return (
    <div className="page-narrow brief-preview">
      <p className="breadcrumbs">
        <Link href="/">{words.title}</Link>
      </p>
      <h1 lang={preview.metadata.language}>{preview.metadata.title}</h1>
      <p role="status">{preview.status === "draft" ? page.draftNotice : preview.newVersion ? page.newVersionNotice : page.publishedNotice}</p>
      <p>
        {draft && <PublishButton slug={slug} locale={locale} />} <Link href={`/briefs/${slug}`}>{page.read}</Link>
        {preview.hasOriginal && (
          <>
            {" · "}
            <a href={`/api/briefs/${slug}/original`}>
              {words.original} ({words.format[preview.format]})
            </a>
          </>
        )}
      </p>

      <h2>{page.metadata}</h2>
      <BriefMetadataForm slug={slug} metadata={preview.metadata} locale={locale} />

      <h2>{page.problems}</h2>
      {preview.problems.length === 0 ? (
        <p className="muted">{page.noProblems}</p>
      ) : (
        <ul className="preview-problems">
          {preview.problems.map((problem, index) => (
            <li key={index}>
              {problem.page ? <span className="preview-page">{page.page(problem.page)}</span> : null}
              {problem.line ? <span className="preview-page">{page.line(problem.line)}</span> : null} {problem.message} <code>{problem.rule}</code>
            </li>
          ))}
        </ul>
      )}

      <h2>{page.structure}</h2>
      <p className="muted">{page.counts(preview.counts)}</p>
      {preview.sections.map((section) => (
        <section key={section.id} aria-labelledby={`preview-${section.id}`}>
          <h3 id={`preview-${section.id}`} lang={preview.metadata.language}>
            {section.title}
          </h3>
          <ol className="preview-outline" lang={preview.metadata.language}>
            {section.blocks.map((block) => (
              <li key={block.id} className={`preview-${block.kind}`}>
                <span className="preview-page">{block.page ? page.page(block.page) : ""}</span>
                {block.kind === "claim" ? "❍ " : "– "}
                {block.text}
              </li>
            ))}
          </ol>
        </section>
      ))}

      {preview.furniture.length > 0 && (
        <>
          <h2>{page.furniture}</h2>
          <ul className="preview-furniture">
            {preview.furniture.map((item, index) => (
              <li key={index}>
                <span className="preview-page">{page.page(item.page)}</span> {page.furnitureKinds[item.where] ?? item.where}: <span lang={preview.metadata.language}>{item.text}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
