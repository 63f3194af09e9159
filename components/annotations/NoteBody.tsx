import { toJsxRuntime } from "hast-util-to-jsx-runtime";
import { useMemo } from "react";
import { Fragment, jsx, jsxs } from "react/jsx-runtime";
import { noteToHast } from "@/lib/content/note-markdown";

/** A note's Markdown, sanitized and rendered as React elements; links open in a new tab, images become links. */
export function NoteBody({ markdown }: { markdown: string }) {
  const content = useMemo(
    () =>
      toJsxRuntime(noteToHast(markdown), {
        Fragment,
        jsx,
        jsxs,
        components: {
          a: (props) => <a {...props} target="_blank" rel="noopener noreferrer nofollow" />,
          // An image in a note would be fetched from its host by every colleague who opens the
          // brief (a tracking pixel, at worst): show it as a link instead.
          img: ({ src, alt }) => (
            <a href={typeof src === "string" ? src : undefined} target="_blank" rel="noopener noreferrer nofollow">
              🖼 {alt || src}
            </a>
          ),
        },
      }),
    [markdown],
  );
  return <div className="note-body">{content}</div>;
}
