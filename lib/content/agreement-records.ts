/**
 * Agreement records: curated inputs + the library's documents → records whose brief events point
 * at the sentences that state them (in the record's own brief and in others that speak of it),
 * with current status and discrepancies computed.
 */
import type { AgreementEvent, AgreementInput, AgreementRecord } from "@/lib/domain/agreement";
import type { BriefDocument } from "@/lib/domain/brief";
import { statusFromRecord } from "@/lib/domain/discrepancies";
import { findDiscrepancies } from "@/lib/i18n/discrepancies";
import { AppError } from "@/lib/domain/errors";

/** The ids of the blocks whose text contains the quote (whitespace folded). */
export function blocksQuoting(document: BriefDocument, quote: string): string[] {
  const fold = (text: string) => text.normalize("NFC").replace(/\s+/gu, " ");
  const needle = fold(quote);
  return document.sections.flatMap((section) => section.blocks).filter((block) => fold(block.text).includes(needle)).map((block) => block.id);
}

/** The events a brief states, each tied to its sentences; a quote not in the brief is a content error. */
function briefEvents(input: AgreementInput, slug: string, document: BriefDocument, events: AgreementInput["brief"]["events"], field: string): AgreementEvent[] {
  return events.map((event, index) => {
    const blockIds = blocksQuoting(document, event.quote);
    if (blockIds.length === 0) {
      throw new AppError(
        "invalid_content",
        `content/agreements: entry “${input.id}”: field ${field}.${index}.quote: “${event.quote}” is not in the brief ${slug}`,
        `${field}.${index}.quote`,
      );
    }
    return { kind: event.kind, date: event.date, basis: "brief", brief: slug, blockIds, quote: event.quote, note: event.note };
  });
}

/**
 * Builds every record whose brief is in the library (`documents`: each brief's current document by
 * slug), with what other briefs of the library say of it beside what its own brief says.
 */
export function buildAgreementRecords(inputs: AgreementInput[], documents: ReadonlyMap<string, BriefDocument>): AgreementRecord[] {
  return inputs.flatMap((input) => {
    const own = documents.get(input.brief.slug);
    if (!own) return [];
    const events = briefEvents(input, input.brief.slug, own, input.brief.events, "brief.events");
    input.otherBriefs.forEach((other, index) => {
      const document = documents.get(other.slug);
      // A brief not (or no longer) in the library says nothing here.
      if (document) events.push(...briefEvents(input, other.slug, document, other.events, `otherBriefs.${index}.events`));
    });
    for (const event of input.record.events) {
      events.push(
        "source" in event
          ? { kind: event.kind, date: event.date, basis: "reference", source: event.source, note: event.note }
          : "unverified" in event
            ? { kind: event.kind, date: event.date, basis: "reference", unverified: true, note: event.note }
            : { kind: event.kind, date: event.date, basis: "reference", note: event.note },
      );
    }
    events.sort((a, b) => (a.date ?? "9999").localeCompare(b.date ?? "9999") || (a.basis === b.basis ? 0 : a.basis === "brief" ? -1 : 1));
    return [
      {
        id: input.id,
        kind: input.kind,
        parties: [input.parties[0], input.parties[1]] as [string, string],
        names: input.names,
        description: input.description,
        brief: input.brief.slug,
        status: input.brief.status,
        currentStatus: statusFromRecord(events),
        events,
        discrepancies: findDiscrepancies(events, input.brief.status, input.brief.slug),
      },
    ];
  });
}
