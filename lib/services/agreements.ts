/**
 * Use cases for agreement records: the list and one record, each with its brief events tied to
 * the sentences that state them (in the current revision of the brief the record reads) and its
 * discrepancies computed. A record whose brief is not in the library keeps only its record events.
 */
import { buildAgreementRecords } from "@/lib/content/agreement-records";
import { loadKnowledge } from "./knowledge";
import type { AgreementRecord } from "@/lib/domain/agreement";
import { AppError } from "@/lib/domain/errors";
import { currentRevisions } from "./library";

/** Every agreement record, with brief events tied to their sentences. */
export async function listAgreements(): Promise<AgreementRecord[]> {
  const [registry, briefs] = await Promise.all([loadKnowledge(), currentRevisions()]);
  return buildAgreementRecords(registry.agreements, new Map(briefs.map((brief) => [brief.slug, brief.parsed.document])));
}

/** One agreement record; `not_found` for an unknown id. */
export async function getAgreement(id: string): Promise<AgreementRecord> {
  const record = (await listAgreements()).find((item) => item.id === id);
  if (!record) throw new AppError("not_found", `No agreement record “${id}”`, "id");
  return record;
}
