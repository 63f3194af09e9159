/**
 * Agreement records for one brief: curated inputs + the brief's document → records whose brief
 * events point at the sentences that state them, with current status and discrepancies computed.
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

/** Builds the records of a brief. A quote that is not in the brief is a content error. */
export function buildAgreementRecords(inputs: AgreementInput[], slug: string, document: BriefDocument): AgreementRecord[] {
  return inputs
    .filter((input) => input.brief.slug === slug)
    .map((input) => {
      const events: AgreementEvent[] = [];
      input.brief.events.forEach((event, index) => {
        const blockIds = blocksQuoting(document, event.quote);
        if (blockIds.length === 0) {
          throw new AppError(
            "invalid_content",
            `content/agreements: entry “${input.id}”: field brief.events.${index}.quote: “${event.quote}” is not in the brief ${slug}`,
            `brief.events.${index}.quote`,
          );
        }
        events.push({ kind: event.kind, date: event.date, basis: "brief", blockIds, quote: event.quote, note: event.note });
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
      return {
        id: input.id,
        kind: input.kind,
        parties: [input.parties[0], input.parties[1]] as [string, string],
        names: input.names,
        description: input.description,
        status: input.brief.status,
        currentStatus: statusFromRecord(events),
        events,
        discrepancies: findDiscrepancies(events, input.brief.status),
      };
    });
}
