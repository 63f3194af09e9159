import type { MentionPlace } from "@/lib/domain/mention-place";
import { Fragment, type ReactNode } from "react";
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

/**
 * The blocks that mention an entity, grouped by brief (when there are several) and by section,
 * each linking to its sentence.
 */
export function MentionList({ places, labels, headingLevel = 3 }: { places: MentionPlace[]; labels: DataLabels; headingLevel?: 3 | 4 }) {
  const BriefHeading = headingLevel === 3 ? "h3" : "h4";
  if (places.length === 0) return <p className="muted">{labels.noMentions}</p>;
  const sections = new Map<string, { brief: string; briefTitle: string; title: string; places: MentionPlace[] }>();
  for (const place of places) {
    const key = `${place.brief}#${place.sectionId}`;
    const group = sections.get(key) ?? { brief: place.brief, briefTitle: place.briefTitle, title: place.sectionTitle, places: [] };
    group.places.push(place);
    sections.set(key, group);
  }
  const severalBriefs = new Set(places.map((place) => place.brief)).size > 1;
  // Under a brief's heading, sections go one level down.
  const Heading = severalBriefs ? (headingLevel === 3 ? "h4" : "h5") : BriefHeading;
  return (
    <div className="mention-list">
      {[...sections.entries()].map(([key, group], index, all) => (
        <Fragment key={key}>
          {severalBriefs && all[index - 1]?.[1].brief !== group.brief && (
            <BriefHeading className="mention-brief" lang="ko">
              <a href={`/briefs/${group.brief}`}>{group.briefTitle}</a>
            </BriefHeading>
          )}
        <div className="mention-group">
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
        </Fragment>
      ))}
    </div>
  );
}
