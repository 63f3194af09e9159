/** Agreement records as CSV: one row per event (tidy), the record's fields repeated on each. */
import type { AgreementRecord } from "./agreement";

export const CSV_COLUMNS = [
  "id",
  "kind",
  "parties",
  "status",
  "current_status",
  "event_kind",
  "date",
  "basis",
  "block_ids",
  "quote",
  "source_url",
  "source_publisher",
  "source_tier",
  "note",
  "discrepancies",
] as const;

function cell(value: string): string {
  // A cell that starts like a formula is opened as one by spreadsheets: defuse it.
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** RFC 4180 CSV with CRLF line ends and a UTF-8 BOM, so spreadsheets read the Korean text. */
export function agreementsToCsv(records: AgreementRecord[]): string {
  const rows: string[][] = [];
  for (const record of records) {
    const discrepancies = record.discrepancies.map((item) => `${item.kind}: ${item.message}`).join(" | ");
    for (const event of record.events) {
      rows.push([
        record.id,
        record.kind,
        record.parties.join(" "),
        record.status,
        record.currentStatus ?? "",
        event.kind,
        event.date ?? "",
        event.unverified ? "reference (unverified)" : event.basis,
        (event.blockIds ?? []).join(" "),
        event.quote ?? "",
        event.source?.url ?? "",
        event.source?.publisher ?? "",
        event.source?.tier ?? "",
        event.note ?? "",
        discrepancies,
      ]);
    }
  }
  return `\uFEFF${[[...CSV_COLUMNS], ...rows].map((row) => row.map(cell).join(",")).join("\r\n")}\r\n`;
}
