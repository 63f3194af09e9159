"use client";

/**
 * The header's links: in a row where there is room, behind a menu button on a phone (the row
 * would wrap a character per line at 360 px). Closes on a link, on Escape and on a click outside.
 */
import { usePathname } from "next/navigation";
import { type ReactNode, useEffect, useId, useRef, useState } from "react";
import { useEscapeLayer } from "./escape-layers";
import { useCloseOnOutsidePointer } from "./outside-pointer";

export function SiteMenu({ label, navLabel, children }: { label: string; navLabel: string; children: ReactNode }) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const pathname = usePathname();

  // A new page: the menu has done its job.
  // eslint-disable-next-line react-hooks/set-state-in-effect -- closing on navigation
  useEffect(() => setOpen(false), [pathname]);

  useCloseOnOutsidePointer(open, root, () => setOpen(false));

  useEscapeLayer(open, () => {
    setOpen(false);
    button.current?.focus();
  });

  return (
    <div className="site-menu" ref={root} data-open={open ? "true" : "false"}>
      <button ref={button} type="button" className="site-menu-button" aria-expanded={open} aria-controls={id} onClick={() => setOpen((value) => !value)}>
        <svg aria-hidden="true" width="20" height="20" viewBox="0 0 20 20">
          <path d="M3 5h14M3 10h14M3 15h14" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
        </svg>
        <span className="sr-only">{label}</span>
      </button>
      <nav id={id} aria-label={navLabel} className="site-nav" onClick={(event) => (event.target as Element).closest("a") && setOpen(false)}>
        {children}
      </nav>
    </div>
  );
}
