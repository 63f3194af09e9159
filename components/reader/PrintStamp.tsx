"use client";

/** On paper only: the page's address and the day it was printed, so a printout can be traced back. */
import { useEffect, useState } from "react";

export function PrintStamp({ label, locale }: { label: string; locale: string }) {
  const [stamp, setStamp] = useState("");
  useEffect(() => {
    const update = () => setStamp(`${window.location.href} · ${label} ${new Intl.DateTimeFormat(locale, { dateStyle: "long", timeStyle: "short" }).format(new Date())}`);
    update();
    window.addEventListener("beforeprint", update);
    return () => window.removeEventListener("beforeprint", update);
  }, [label, locale]);
  return (
    <p className="print-stamp" aria-hidden="true">
      {stamp}
    </p>
  );
}
