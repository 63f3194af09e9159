import type { AgreementRecord } from "@/lib/domain/agreement";
import { formatRecordDate } from "@/lib/i18n/dates";
import type { DataLabels } from "./labels";
import { StatusBadge } from "./StatusBadge";

/** Where a brief-based event's sentence is: the reader, scrolled to the block and marking it. */
export function sentenceHref(briefSlug: string, blockId: string): string {
  return `/briefs/${briefSlug}#${blockId}`;
}

/**
 * One agreement record: status in the brief beside the record, discrepancies with links to the
 * sentences, and every event with its evidence (a sentence of a brief — its own, or another brief
 * of the library, named — or a public source).
 */
export function AgreementDetail({
  record,
  labels,
  briefSlug,
  locale,
  headingLevel = 2,
}: {
  record: AgreementRecord;
  labels: DataLabels;
  /** The brief being read, if any: its sentences need no brief named. */
  briefSlug?: string;
  locale: "ko" | "en";
  headingLevel?: 2 | 3;
}) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <div className="agreement-detail">
      <dl className="status-pair">
        <div>
          <dt>{labels.statusInBrief}</dt>
          <dd>
            <StatusBadge status={record.status} label={labels.statuses[record.status]} />
          </dd>
        </div>
        <div>
          <dt>{labels.statusInRecord}</dt>
          <dd>
            <StatusBadge status={record.currentStatus} label={record.currentStatus ? labels.statuses[record.currentStatus] : labels.unknown} />
          </dd>
        </div>
      </dl>

      <Heading>{labels.discrepancies}</Heading>
      {record.discrepancies.length === 0 ? (
        <p className="muted">{labels.noDiscrepancies}</p>
      ) : (
        <ul className="discrepancies">
          {record.discrepancies.map((item, index) => (
            <li key={index} className={`discrepancy discrepancy-${item.severity}`}>
              <strong>{labels.discrepancyKinds[item.kind]}</strong> <span lang={locale}>{locale === "ko" ? item.messageKo : item.message}</span>
              {item.blockIds.length > 0 && (
                <span className="sentence-links">
                  {item.sentences.map((sentence, position) => (
                    <a key={`${sentence.brief}#${sentence.blockId}`} href={sentenceHref(sentence.brief, sentence.blockId)} className="sentence-link">
                      {labels.sentence} {item.sentences.length > 1 ? position + 1 : ""}
                    </a>
                  ))}
                </span>
              )}
            </li>
          ))}
        </ul>
      )}

      <Heading>{labels.events}</Heading>
      <table className="events">
        <thead>
          <tr>
            <th scope="col">{labels.date}</th>
            <th scope="col">{labels.events}</th>
            <th scope="col">{labels.briefSays} / {labels.recordSays}</th>
            <th scope="col">{labels.source}</th>
            <th scope="col">{labels.addedByLabel}</th>
          </tr>
        </thead>
        <tbody>
          {record.events.map((event, index) => (
            <tr key={index} className={`event event-${event.basis}`}>
              <td className="event-date">{event.date ? <time dateTime={event.date}>{formatRecordDate(locale, event.date)}</time> : "—"}</td>
              <td>{labels.eventKinds[event.kind] ?? event.kind}</td>
              <td>
                {event.basis === "brief" ? labels.briefSays : event.basis === "editor" ? labels.editorSays : labels.recordSays}
                {event.brief && event.brief !== (briefSlug ?? record.brief) ? (
                  <>
                    {" "}
                    <code className="event-brief">{event.brief}</code>
                  </>
                ) : null}
              </td>
              <td>
                {event.basis === "brief" ? (
                  (event.blockIds ?? []).map((blockId) => (
                    <a key={blockId} href={sentenceHref(event.brief ?? record.brief, blockId)} className="sentence-link" title={event.quote}>
                      “{event.quote}”
                    </a>
                  ))
                ) : event.source ? (
                  <a href={event.source.url} rel="noreferrer noopener" target="_blank">
                    {event.source.publisher}
                    <span className={`tier tier-${event.source.tier}`}>{labels.tiers[event.source.tier]}</span>
                  </a>
                ) : (
                  <span className="muted">
                    {event.unverified ? labels.unverifiedLabel : labels.noSource}
                    {event.note ? ` — ${event.note}` : ""}
                  </span>
                )}
                {event.basis === "reference" && event.source && event.note ? <span className="muted"> — {event.note}</span> : null}
              </td>
              <td className="event-added-by">{event.addedBy ?? <span className="muted">{labels.fromSeedLabel}</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
