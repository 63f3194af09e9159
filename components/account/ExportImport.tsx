"use client";

import { useEffect, useId, useRef, useState } from "react";
import { apiFetch } from "@/lib/http/client";
import { errorText } from "@/lib/i18n/errors";
import type { ImportReport } from "@/lib/import/import-plan";
import { type Locale, messages } from "@/lib/i18n/messages";
import { useSession } from "./session";

/** The export links and the import form of /account/export. Plain links: the browser downloads. */
export function ExportImport({ locale, briefs }: { locale: Locale; briefs: { slug: string; title: string }[] }) {
  const t = messages[locale].exports;
  const user = useSession();
  return (
    <>
      {user === null && (
        <p>
          <a href={`/account?next=${encodeURIComponent("/account/export")}`}>{t.signInFirst}</a>
        </p>
      )}
      {user && (
        <section aria-labelledby="export-heading">
          <h2 id="export-heading">{t.exportHeading}</h2>
          <ul className="download-list">
            <li>
              <a href="/api/export/annotations.jsonld" download data-export="jsonld">
                {t.jsonld}
              </a>
            </li>
            <li>
              <a href="/api/export/annotations.jsonld?scope=visible" download data-export="jsonld-visible">
                {t.jsonldVisible}
              </a>
            </li>
          </ul>
          <p className="muted">{t.jsonldHint}</p>
          <h3>{t.markdownHeading}</h3>
          <ul className="download-list">
            {briefs.map((brief) => (
              <li key={brief.slug}>
                <a href={`/api/export/notes.md?brief=${encodeURIComponent(brief.slug)}&lang=${locale}`} download data-export="markdown" data-brief={brief.slug}>
                  {t.markdown(brief.title)}
                </a>
              </li>
            ))}
          </ul>
          <p className="muted">{t.markdownHint}</p>
        </section>
      )}
      <section aria-labelledby="records-heading">
        <h2 id="records-heading">{t.recordsHeading}</h2>
        <ul className="download-list">
          <li>
            <a href="/api/agreements?format=csv" download data-export="records-csv">
              {t.recordsCsv}
            </a>
          </li>
          <li>
            <a href="/api/agreements?format=json&download=1" download data-export="records-json">
              {t.recordsJson}
            </a>
          </li>
        </ul>
      </section>
      {user && <ImportForm locale={locale} />}
    </>
  );
}

/** Sends the chosen file to the import API and shows its report. */
function ImportForm({ locale }: { locale: Locale }) {
  const t = messages[locale].exports;
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const reportHeading = useRef<HTMLHeadingElement>(null);

  // The report is where the reader looks next: bring it into view and give it focus.
  useEffect(() => {
    if (!report) return;
    reportHeading.current?.focus({ preventScroll: true });
    reportHeading.current?.scrollIntoView({ block: "start" });
  }, [report]);

  const submit = async (form: HTMLFormElement) => {
    const data = new FormData(form);
    const file = data.get("file");
    if (!(file instanceof File) || file.size === 0) return;
    setBusy(true);
    setError(null);
    setReport(null);
    try {
      const body = await apiFetch<ImportReport>(`/api/import/annotations${data.get("keep") ? "?visibility=keep" : ""}`, {
        method: "POST",
        headers: { "content-type": "application/ld+json" },
        body: await file.text(),
      });
      setReport(body);
    } catch (caught) {
      setError(`${t.failed}: ${errorText(locale, caught)}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="import-heading">
      <h2 id="import-heading">{t.importHeading}</h2>
      <p className="muted">{t.importHint}</p>
      <form
        className="import-form"
        onSubmit={(event) => {
          event.preventDefault();
          void submit(event.currentTarget);
        }}
      >
        <label htmlFor={`${id}-file`}>{t.file}</label>
        <input id={`${id}-file`} name="file" type="file" accept=".jsonld,.json,application/ld+json,application/json" required />
        <label className="checkbox">
          <input type="checkbox" name="keep" /> {t.keepVisibility}
        </label>
        <button type="submit" disabled={busy}>
          {busy ? t.importing : t.submit}
        </button>
      </form>
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
      <div role="status" aria-live="polite">
        {report && <ImportReportView report={report} locale={locale} heading={reportHeading} />}
      </div>
    </section>
  );
}

function ImportReportView({ report, locale, heading }: { report: ImportReport; locale: Locale; heading: React.RefObject<HTMLHeadingElement | null> }) {
  const t = messages[locale].exports;
  const motion = messages[locale].notes;
  const percent = new Intl.NumberFormat(locale, { style: "percent" });
  return (
    <div className="import-report" data-imported={report.imported}>
      <h3 ref={heading} tabIndex={-1}>
        {t.reportTitle}
      </h3>
      <p>{t.imported(report.imported)}</p>
      <p className="muted">{t.anchorsLine(report.anchors)}</p>
      {report.notAnchored.length > 0 && (
        <>
          <h4>{t.notAnchoredTitle}</h4>
          <ul className="report-not-anchored">
            {report.notAnchored.map((item) => (
              <li key={item.index}>
                {t.item(item.index)}: <q lang="ko">{item.quote}</q>
              </li>
            ))}
          </ul>
        </>
      )}
      {report.reanchored.length > 0 && (
        <>
          <h4>{t.reanchoredTitle}</h4>
          <ul className="report-reanchored">
            {report.reanchored.map((item) => (
              <li key={item.index}>
                {t.item(item.index)}: <q lang="ko">{item.quote}</q> ({item.status === "moved" ? motion.anchorMoved : `${motion.anchorFuzzy} ${percent.format(Math.round(item.score * 100) / 100)}`})
              </li>
            ))}
          </ul>
        </>
      )}
      {report.skipped.length > 0 && (
        <>
          <h4>{t.skippedTitle}</h4>
          <ul className="report-skipped">
            {report.skipped.map((item) => (
              <li key={item.index}>
                {t.item(item.index)}: {t.reasons[item.reason] ?? item.reason}
                {item.id && <span className="muted"> ({item.id})</span>}
              </li>
            ))}
          </ul>
        </>
      )}
      {report.errors.length > 0 && (
        <>
          <h4>{t.errorsTitle}</h4>
          <ul className="report-errors">
            {report.errors.map((item) => (
              <li key={item.index}>
                {/* In the reader's words by the field; the server's own detail (English) beside it, for a bug report. */}
                {t.item(item.index)}: {errorText(locale, { code: "invalid_input", field: item.field })}{" "}
                <span className="muted" lang="en">
                  ({t.detail}: {item.message})
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
