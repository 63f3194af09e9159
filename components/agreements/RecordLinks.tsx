import type { AgreementRecord } from "@/lib/domain/agreement";
import { DiscrepancyMark } from "./DiscrepancyMark";
import type { DataLabels } from "./labels";
import { StatusBadge } from "./StatusBadge";

/** A short list of records: name, status in the brief, and a mark when there is a discrepancy. */
export function RecordLinks({ records, labels, locale }: { records: AgreementRecord[]; labels: DataLabels; locale: "ko" | "en" }) {
  return (
    <ul className="record-links">
      {records.map((record) => (
        <li key={record.id}>
          <a href={`/agreements/${record.id}`} lang={locale}>
            {record.names[locale]}
          </a> <StatusBadge status={record.status} label={labels.statuses[record.status]} />
          <DiscrepancyMark discrepancies={record.discrepancies} labels={labels} />
        </li>
      ))}
    </ul>
  );
}
