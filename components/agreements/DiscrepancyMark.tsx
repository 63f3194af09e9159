import type { Discrepancy } from "@/lib/domain/agreement";
import type { DataLabels } from "./labels";

/** A ⚠ after a record or event that has discrepancies; the kinds in its title, a word for screen readers. */
export function DiscrepancyMark({ discrepancies, labels }: { discrepancies: Pick<Discrepancy, "kind">[]; labels: Pick<DataLabels, "discrepancyKinds" | "discrepancies"> }) {
  if (discrepancies.length === 0) return null;
  return (
    <span className="discrepancy-mark" title={discrepancies.map((item) => labels.discrepancyKinds[item.kind]).join(", ")}>
      ⚠<span className="sr-only">{labels.discrepancies}</span>
    </span>
  );
}
