import type { Metadata } from "next";
import Link from "next/link";
import { VersionWatch } from "@/components/knowledge/VersionWatch";
import { DiscrepancyMark } from "@/components/agreements/DiscrepancyMark";
import { dataLabels } from "@/components/agreements/labels";
import { NetworkView } from "@/components/agreements/NetworkView";
import { StatusBadge } from "@/components/agreements/StatusBadge";
import { headlineYear, network, OVERVIEW_KINDS, partnersOf, provenanceOf, timeline } from "@/lib/domain/agreement-overview";
import { formatRecordDate } from "@/lib/i18n/dates";
import { getMessages } from "@/lib/i18n/locale";
import { listAgreements } from "@/lib/services/agreements";
import { listEntities } from "@/lib/services/entities";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getMessages();
  return { title: t.agreements };
}

export default async function AgreementsPage() {
  const [{ t, locale }, records, entities] = await Promise.all([getMessages(), listAgreements(), listEntities()]);
  const labels = dataLabels(t);
  const name = (id: string) => {
    const entity = entities.find((item) => item.id === id);
    return entity ? (locale === "ko" ? entity.names.ko : entity.names.en) : id;
  };
  const kindName = (id: string) => (id === "2plus2" ? "2+2" : id === "transfer" ? t.transferShort : id.toUpperCase());
  const partners = partnersOf(records);
  const names = Object.fromEntries(["jp", ...partners].map((id) => [id, name(id)]));
  return (
    <div className="page-wide data-page">
      <VersionWatch />
      <h1>{t.agreements}</h1>
      <p className="lede">{t.agreementsIntro}</p>
      <p>
        <a className="button" href="/api/agreements?format=csv" download>
          {t.downloadCsv}
        </a>
      </p>

      <h2 id="matrix">{t.matrix}</h2>
      <div className="table-scroll">
        <table className="matrix">
          <thead>
            <tr>
              <th scope="col">{t.partner}</th>
              {OVERVIEW_KINDS.map((kind) => (
                <th scope="col" key={kind}>
                  <Link href={`/entities/${kind}`}>{kindName(kind)}</Link>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {partners.map((partner) => (
              <tr key={partner}>
                <th scope="row">
                  <Link href={`/entities/${partner}`}>{name(partner)}</Link>
                </th>
                {OVERVIEW_KINDS.map((kind) => {
                  const record = records.find((item) => item.kind === kind && item.parties[1] === partner);
                  if (!record) return <td key={kind} className="matrix-empty">—</td>;
                  const year = headlineYear(record);
                  return (
                    <td key={kind} className={`matrix-cell status-cell-${record.status}`}>
                      <Link href={`/agreements/${record.id}`} data-record={record.id}>
                        <StatusBadge status={record.status} label={labels.statuses[record.status]} />
                        {year && <span className="matrix-year">{year}</span>}
                        {record.currentStatus && record.currentStatus !== record.status && (
                          <span className="matrix-now">→ {labels.statuses[record.currentStatus]}</span>
                        )}
                        <DiscrepancyMark discrepancies={record.discrepancies} labels={labels} />
                        <span className="matrix-provenance muted">
                          {provenanceOf(record).bases.map((basis) => (basis === "brief" ? labels.briefSays : basis === "editor" ? labels.editorSays : labels.recordSays)).join(" · ")}
                          {provenanceOf(record).addedBy.length > 0 && ` · ${labels.addedByLabel} ${provenanceOf(record).addedBy.join(", ")}`}
                        </span>
                      </Link>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <section className="legend" aria-labelledby="matrix-legend">
        <h3 id="matrix-legend">{t.matrixLegend}</h3>
        <dl>
          <div>
            <dt>
              <StatusBadge status="in-force" label={labels.statuses["in-force"]} /> <span className="matrix-year">2023</span>
            </dt>
            <dd>{t.legendStatus}</dd>
          </div>
          <div>
            <dt>
              <span className="matrix-now">→ {labels.statuses["in-force"]}</span>
            </dt>
            <dd>{t.legendNow}</dd>
          </div>
          <div>
            <dt>
              <span className="discrepancy-mark" aria-hidden="true">⚠</span>
            </dt>
            <dd>{t.legendDiscrepancy}</dd>
          </div>
          <div>
            <dt>
              <span className="matrix-empty" aria-hidden="true">—</span>
            </dt>
            <dd>{t.legendNone}</dd>
          </div>
        </dl>
      </section>

      <h2 id="timeline">{t.timeline}</h2>
      <table className="timeline">
        <thead>
          <tr>
            <th scope="col">{t.date}</th>
            <th scope="col">{labels.briefSays}</th>
            <th scope="col">{labels.recordSays}</th>
          </tr>
        </thead>
        <tbody>
          {timeline(records).map((row) => (
            <tr key={row.year}>
              <th scope="row">{row.year}</th>
              {(["brief", "reference"] as const).map((basis) => (
                <td key={basis}>
                  <ul>
                    {row[basis].map((item, index) => (
                      <li key={index}>
                        <time className="event-date" dateTime={item.date}>
                          {formatRecordDate(locale, item.date)}
                        </time> <Link href={`/agreements/${item.record.id}`}>{`${name(item.record.parties[1])} ${kindName(item.record.kind)}`}</Link>{" "}
                        {labels.eventKinds[item.kind] ?? item.kind}
                        {item.basis === "editor" && <span className="event-basis-editor"> · {labels.editorSays}</span>}
                        {item.addedBy && <span className="event-added-by muted"> · {`${labels.addedByLabel} ${item.addedBy}`}</span>}
                        {basis === "brief" && (
                          <DiscrepancyMark discrepancies={item.record.discrepancies.filter((d) => d.eventKinds.includes(item.kind))} labels={labels} />
                        )}
                      </li>
                    ))}
                  </ul>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>

      <h2 id="network">{t.network}</h2>
      <NetworkView
        links={network(records)}
        names={names}
        labels={{ partner: t.partner, inForceCount: t.inForceCount, total: t.relatedAgreements, caption: t.networkCaption }}
      />
    </div>
  );
}
