"use client";

import { useRouter } from "next/navigation";
import { useTransition } from "react";
import type { Locale } from "@/lib/i18n/messages";

/** Switches the UI between Korean and English; the choice is kept in a cookie for a year. */
export function LanguageToggle({ current, label, ariaLabel }: { current: Locale; label: string; ariaLabel: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const next: Locale = current === "ko" ? "en" : "ko";
  return (
    <button
      type="button"
      className="lang-toggle"
      lang={next}
      aria-label={ariaLabel}
      disabled={pending}
      onClick={() => {
        document.cookie = `lang=${next}; path=/; max-age=31536000; samesite=lax`;
        startTransition(() => router.refresh());
      }}
    >
      {label}
    </button>
  );
}
