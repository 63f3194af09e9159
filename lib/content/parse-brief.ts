/**
 * A unified parser for the brief format. It yields a standard mdast tree:
 * the title as a depth-1 heading, byline and labels as paragraphs, each `■` section as a
 * depth-2 heading followed by a list of claims, each claim a list item holding its text and
 * a nested list of its points. Problems become vfile messages with their line and column.
 */
import type { Heading, List, ListItem, Paragraph, Root, RootContent } from "mdast";
import type { Plugin } from "unified";
import type { VFile } from "vfile";
import "./mdast-brief";
import { type BriefMarkers, defaultMarkers, type ScannedUnit, scanBrief } from "./scan-brief";

export interface BriefParseOptions {
  markers?: Partial<BriefMarkers>;
}

function position(unit: ScannedUnit) {
  return { start: { ...unit.start }, end: { ...unit.end } };
}

function paragraphOf(unit: ScannedUnit): Paragraph {
  return { type: "paragraph", children: [{ type: "text", value: unit.text, position: position(unit) }], position: position(unit) };
}

function list(role: "claims" | "points", items: ListItem[]): List {
  return {
    type: "list",
    ordered: false,
    spread: false,
    children: items,
    data: { briefList: { role }, hProperties: { className: [`brief-${role}`] } },
  };
}

/** Builds the mdast tree from scanned units. Pure. */
export function briefToMdast(text: string, file: VFile, options: BriefParseOptions = {}): Root {
  const markers = { ...defaultMarkers, ...options.markers };
  const scan = scanBrief(text.normalize("NFC"), markers);
  for (const notice of scan.notices) {
    const message = file.message(notice.reason, {
      place: { line: notice.line, column: notice.column },
      ruleId: notice.ruleId,
      source: "brief-parse",
    });
    message.fatal = false;
  }

  const children: RootContent[] = [];
  let claims: List | null = null;
  let currentClaim: ListItem | null = null;

  for (const unit of scan.units) {
    const data = {
      briefUnit: { kind: unit.kind, text: unit.text, source: unit.source },
      hProperties: { className: [unit.kind === "section" ? "brief-section-title" : `brief-${unit.kind}`] },
    };
    switch (unit.kind) {
      case "title":
        children.push({ type: "heading", depth: 1, children: paragraphOf(unit).children, position: position(unit), data } satisfies Heading);
        break;
      case "byline":
      case "label":
        children.push({ ...paragraphOf(unit), data });
        break;
      case "section":
        children.push({ type: "heading", depth: 2, children: paragraphOf(unit).children, position: position(unit), data } satisfies Heading);
        claims = null;
        currentClaim = null;
        break;
      case "claim":
      case "point": {
        if (!claims) {
          claims = list("claims", []);
          children.push(claims);
        }
        const item: ListItem = {
          type: "listItem",
          spread: unit.kind === "claim",
          children: [paragraphOf(unit)],
          position: position(unit),
          data,
        };
        if (unit.kind === "claim") {
          claims.children.push(item);
          currentClaim = item;
        } else if (currentClaim) {
          let points = currentClaim.children.find((child): child is List => child.type === "list");
          if (!points) {
            points = list("points", []);
            currentClaim.children.push(points);
          }
          points.children.push(item);
        } else {
          // A point with no claim above it stands in the claim list on its own.
          claims.children.push(item);
        }
        break;
      }
    }
  }
  return { type: "root", children, data: { briefAfter: scan.after } };
}

/** The unified parser plugin: `unified().use(briefParse)`. */
export const briefParse: Plugin<[BriefParseOptions?], string, Root> = function (options) {
  this.parser = (document, file) => briefToMdast(document, file, options);
};
