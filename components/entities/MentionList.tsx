import type { MentionPlace } from "@/lib/domain/mention-place";
import type { ReactNode } from "react";
import type { DataLabels } from "../agreements/labels";

function Highlighted({ text, spans }: { text: string; spans: MentionPlace["spans"] }) {
  const chars = Array.from(text);
  const parts: ReactNode[] = [];
  let at = 0;
  spans.forEach((span, index) => {
    if (span.start > at) parts.push(chars.slice(at, span.start).join(""));
    parts.push(<mark key={index}>{chars.slice(span.start, span.end).join("")}</mark>);
    at = span.end;
  });
  parts.push(chars.slice(at).join(""));
  return <>{parts}</>;
}

/** The blocks that mention an entity, grouped by section, each linking to its sentence. */
export function MentionList({ places, labels, headingLevel = 3 }: { places: MentionPlace[]; labels: DataLabels; headingLevel?: 3 | 4 }) {
  const Heading = headingLevel === 3 ? "h3" : "h4";
  if (places.length === 0) return <p className="muted">{labels.noMentions}</p>;
  const sections = new Map<string, { title: string; places: MentionPlace[] }>();
  for (const place of places) {
    const group = sections.get(place.sectionId) ?? { title: place.sectionTitle, places: [] };
    group.places.push(place);
    sections.set(place.sectionId, group);
  }
  return (
    <div className="mention-list">
      {[...sections.entries()].map(([sectionId, group]) => (
        <div key={sectionId} className="mention-group">
          <Heading lang="ko">{group.title}</Heading>
          <ul>
            {group.places.map((place) => (
              <li key={place.blockId} className={`mention-place mention-place-${place.blockKind}`}>
                <a href={`/briefs/${place.brief}#${place.blockId}`} lang="ko">
                  <span className="block-kind">{place.blockKind === "claim" ? "❍" : "–"}</span> <Highlighted text={place.text} spans={place.spans} />
                </a>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </div>
  );
}
