/**
 * Agreement records: curated inputs + the library's documents → records whose brief events point
 * at the sentences that state them (in the record's own brief and in others that speak of it),
 * with current status and discrepancies computed.
 */
import type { AgreementEvent, AgreementRecord } from "@/lib/domain/agreement";
import type { AgreementData, CuratedEvent } from "@/lib/domain/agreement-data";
import type { BriefDocument } from "@/lib/domain/brief";
import { statusFromRecord } from "@/lib/domain/discrepancies";
import { findDiscrepancies } from "@/lib/i18n/discrepancies";

/** The ids of the blocks whose text contains the quote (whitespace folded). */
export function blocksQuoting(document: BriefDocument, quote: string): string[] {
  const fold = (text: string) => text.normalize("NFC").replace(/\s+/gu, " ");
  const needle = fold(quote);
  return document.sections.flatMap((section) => section.blocks).filter((block) => fold(block.text).includes(needle)).map((block) => block.id);
}

/** An event as the record shows it: a brief's tied to the sentences that state it (none, when its quote is no longer in the brief). */
function shownEvent(event: CuratedEvent, blockIds?: string[]): AgreementEvent {
  const { version: _version, ...rest } = event;
  return blockIds ? { ...rest, blockIds } : rest;
}

/**
 * Builds every record whose brief is in the library (`documents`: each brief's current document by
 * slug), with what other briefs of the library say of it beside what its own brief says. A brief's
 * event is tied to the blocks that quote it; one whose brief is not (or no longer) in the library
 * says nothing here; one whose quote a revision removed is kept, tied to no sentence.
 */
export function buildAgreementRecords(inputs: AgreementData[], documents: ReadonlyMap<string, BriefDocument>): AgreementRecord[] {
  return inputs.flatMap((input) => {
    const own = documents.get(input.brief.slug);
    if (!own) return [];
    const events: AgreementEvent[] = [];
    for (const event of input.events) {
      if (event.basis !== "brief") {
        events.push(shownEvent(event));
        continue;
      }
      const document = documents.get(event.brief ?? input.brief.slug);
      if (document) events.push(shownEvent({ ...event, brief: event.brief ?? input.brief.slug }, blocksQuoting(document, event.quote ?? "")));
    }
    events.sort((a, b) => (a.date ?? "9999").localeCompare(b.date ?? "9999") || (a.basis === b.basis ? 0 : a.basis === "brief" ? -1 : b.basis === "brief" ? 1 : 0));
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
