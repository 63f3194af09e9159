"use client";

/** The reader's curation tools for editors, loaded only for them (a chunk of its own, off the page's first load). */
import { lazy, Suspense } from "react";
import type { KnowledgeMessages } from "@/lib/i18n/knowledge-messages";

const Body = lazy(() => import("./ReaderCurationBody").then((module) => ({ default: module.ReaderCurationBody })));

export function ReaderCuration(props: { brief: string; words: KnowledgeMessages; kindLabels: Record<string, string> }) {
  return (
    <Suspense fallback={null}>
      <Body {...props} />
    </Suspense>
  );
}
