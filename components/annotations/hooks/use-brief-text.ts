"use client";

/** The brief's plain text as the page renders it, read once from the DOM: the text the server anchors against. */
import { useEffect, useRef, useState } from "react";
import { type DomBlock, domBlocks } from "@/lib/anchoring/dom/text-offsets";

/** Reads the rendered brief; methods, so that callers never hold a stale copy. */
export interface BriefDomText {
  blocks(): DomBlock[];
  text(): string;
}

/** The rendered brief (`article.brief`). */
export function briefArticle(): HTMLElement | null {
  return document.querySelector<HTMLElement>("article.brief");
}

/**
 * Blocks and text of the rendered brief, read once after hydration and held in one stable object:
 * they never change while the page lives, and reading them must not re-render anything.
 */
export function useBriefText(): BriefDomText {
  const read = useRef<{ blocks: DomBlock[]; text: string }>({ blocks: [], text: "" });
  const [reader] = useState<BriefDomText>(() => ({ blocks: () => read.current.blocks, text: () => read.current.text }));
  useEffect(() => {
    const root = briefArticle();
    if (!root) return;
    const blocks = domBlocks(root);
    read.current = { blocks, text: blocks.map((block) => Array.from(block.element.textContent ?? "").slice(0, block.end - block.start).join("")).join("\n") };
  }, []);
  return reader;
}
