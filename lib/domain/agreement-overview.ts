/** Pure views of all records for the overview: the partner × kind matrix, the timeline, the network. */
import type { AgreementKind, AgreementRecord, EventBasis, EventKind } from "./agreement";

export const OVERVIEW_KINDS: AgreementKind[] = ["transfer", "gsomia", "acsa", "raa", "osa", "2plus2"];

/** Partners in the order of the brief's case studies, then anything else. */
export function partnersOf(records: AgreementRecord[]): string[] {
  const order = ["gb", "fr", "au", "ph", "kr"];
  const found = [...new Set(records.map((record) => record.parties[1]))];
  return found.sort((a, b) => (order.indexOf(a) + 1 || 99) - (order.indexOf(b) + 1 || 99) || a.localeCompare(b));
}

/** The year a cell shows: when the brief's main event for its status happened. */
export function headlineYear(record: AgreementRecord): string | null {
  const brief = record.events.filter((event) => event.basis === "brief" && event.date);
  const preferred = brief.find((event) => event.kind === "in-force") ?? brief.find((event) => event.kind === "signed") ?? brief[0];
  return preferred?.date?.slice(0, 4) ?? null;
}

/** One event on the timeline, with what it rests on and who added it in the app (if anyone). */
export interface TimelineItem {
  record: AgreementRecord;
  kind: EventKind;
  date: string;
  basis: EventBasis;
  addedBy?: string;
}

export interface TimelineYear {
  year: string;
  brief: TimelineItem[];
  /** The record's side: public sources and editors' corrections. */
  reference: TimelineItem[];
}

/** What the events of a record rest on, and who added any in the app: for the matrix's cells. */
export function provenanceOf(record: AgreementRecord): { bases: EventBasis[]; addedBy: string[] } {
  return {
    bases: [...new Set(record.events.map((event) => event.basis))],
    addedBy: [...new Set(record.events.flatMap((event) => (event.addedBy ? [event.addedBy] : [])))],
  };
}

/** Events by year, what the brief says beside what the record says; within a year by date (a bare year first, as the least precise). */
export function timeline(records: AgreementRecord[]): TimelineYear[] {
  const years = new Map<string, TimelineYear>();
  for (const record of records) {
    for (const event of record.events) {
      if (!event.date || event.unverified) continue;
      const year = event.date.slice(0, 4);
      const row = years.get(year) ?? { year, brief: [], reference: [] };
      row[event.basis === "brief" ? "brief" : "reference"].push({ record, kind: event.kind, date: event.date, basis: event.basis, ...(event.addedBy ? { addedBy: event.addedBy } : {}) });
      years.set(year, row);
    }
  }
  const byDate = (a: { date: string }, b: { date: string }) => a.date.localeCompare(b.date);
  return [...years.values()].sort((a, b) => a.year.localeCompare(b.year)).map((row) => ({ ...row, brief: row.brief.sort(byDate), reference: row.reference.sort(byDate) }));
}

export interface NetworkLink {
  partner: string;
  /** Agreements in force (or applied) now, by the record; the brief's status where no record is known. */
  inForce: number;
  total: number;
}

export function network(records: AgreementRecord[]): NetworkLink[] {
  return partnersOf(records).map((partner) => {
    const mine = records.filter((record) => record.parties[1] === partner);
    const inForce = mine.filter((record) => {
      const status = record.currentStatus ?? record.status;
      return status === "in-force" || status === "applied";
    }).length;
    return { partner, inForce, total: mine.length };
  });
}
