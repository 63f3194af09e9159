import type { AgreementStatus } from "@/lib/domain/agreement";

/** A status in words, with colour only as a second cue. */
export function StatusBadge({ status, label }: { status: AgreementStatus | null; label: string }) {
  return <span className={`status status-${status ?? "unknown"}`}>{label}</span>;
}
