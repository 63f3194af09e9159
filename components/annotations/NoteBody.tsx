import { toJsxRuntime } from "hast-util-to-jsx-runtime";
import { useMemo } from "react";
import { Fragment, jsx, jsxs } from "react/jsx-runtime";
import { noteToHast } from "@/lib/content/note-markdown";

/** A note's Markdown, sanitized and rendered as React elements; links open in a new tab. */
export function NoteBody({ markdown }: { markdown: string }) {
  const content = useMemo(
    () =>
      toJsxRuntime(noteToHast(markdown), {
        Fragment,
        jsx,
        jsxs,
        components: { a: (props) => <a {...props} target="_blank" rel="noopener noreferrer nofollow" /> },
      }),
    [markdown],
  );
  return <div className="note-body">{content}</div>;
}
