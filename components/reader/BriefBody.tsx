import type { Root } from "hast";
import { toJsxRuntime } from "hast-util-to-jsx-runtime";
import type { ComponentProps } from "react";
import { Fragment, jsx, jsxs } from "react/jsx-runtime";

/** Renders the brief's hast tree as React elements on the server. */
export function BriefBody({ hast, linkLabel }: { hast: Root; linkLabel: string }) {
  return toJsxRuntime(hast, {
    Fragment,
    jsx,
    jsxs,
    components: {
      a: (props: ComponentProps<"a">) =>
        props.className === "block-anchor" ? <a {...props} aria-label={linkLabel} title={linkLabel} /> : <a {...props} />,
    },
  });
}
