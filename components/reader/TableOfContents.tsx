"use client";

import { useEffect, useState } from "react";

export interface TocEntry {
  id: string;
  title: string;
  claims: number;
}

/**
 * The sections of the brief; the one being read is marked (`aria-current`) as the page scrolls.
 * Plain anchors, so the browser's own `:target` marking and history work as for any link.
 */
export function TableOfContents({ entries, label, notesLabel }: { entries: TocEntry[]; label: string; notesLabel: string }) {
  const [active, setActive] = useState<string | null>(entries[0]?.id ?? null);
  const [notes, setNotes] = useState<Record<string, number>>({});

  // Note counts per section, announced by the annotation layer.
  useEffect(() => {
    const onCounts = (event: Event) => setNotes((event as CustomEvent<Record<string, number>>).detail);
    window.addEventListener("annotations:counts", onCounts);
    return () => window.removeEventListener("annotations:counts", onCounts);
  }, []);

  useEffect(() => {
    let frame = 0;
    const update = () => {
      frame = 0;
      // The active section is the last one whose heading has passed a line near the top.
      const line = window.innerHeight * 0.25;
      let current = entries[0]?.id ?? null;
      for (const entry of entries) {
        const heading = document.getElementById(entry.id);
        if (heading && heading.getBoundingClientRect().top <= line) current = entry.id;
      }
      setActive(current);
    };
    const onScroll = () => {
      if (!frame) frame = requestAnimationFrame(update);
    };
    update();
    window.addEventListener("scroll", onScroll, { passive: true });
    window.addEventListener("hashchange", update);
    return () => {
      window.removeEventListener("scroll", onScroll);
      window.removeEventListener("hashchange", update);
      if (frame) cancelAnimationFrame(frame);
    };
  }, [entries]);

  return (
    <nav className="toc" aria-label={label}>
      <h2 className="toc-title">{label}</h2>
      <ol>
        {entries.map((entry) => (
          <li key={entry.id}>
            <a href={`#${entry.id}`} aria-current={active === entry.id ? "location" : undefined}>
              <span className="toc-text">{entry.title}</span>
              <span className="toc-counts">
                {notes[entry.id] ? (
                  <span className="toc-notes" title={`${notesLabel} ${notes[entry.id]}`}>
                    ✎{notes[entry.id]}
                    <span className="sr-only">
                      {notesLabel} {notes[entry.id]}
                    </span>
                  </span>
                ) : null}
                <span className="toc-count" aria-hidden="true">
                  {entry.claims}
                </span>
              </span>
            </a>
          </li>
        ))}
      </ol>
    </nav>
  );
}
