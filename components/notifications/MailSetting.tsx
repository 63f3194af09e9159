"use client";

/** The account page's choice of notification mail: off, immediately, or a digest (with SMTP_URL on the server). */
import { useEffect, useId, useState } from "react";
import type { MailChoice } from "@/lib/domain/notification";
import { apiFetch } from "@/lib/http/client";
import { errorText } from "@/lib/i18n/errors";
import { notificationMessages, pageLocale } from "@/lib/i18n/notification-messages";

const CHOICES: MailChoice[] = ["off", "immediate", "digest"];

export function MailSetting() {
  const id = useId();
  const [setting, setSetting] = useState<{ mail: MailChoice; mailAvailable: boolean } | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const words = notificationMessages[pageLocale()];

  useEffect(() => {
    apiFetch<{ mail: MailChoice; mailAvailable: boolean }>("/api/notifications/settings")
      .then(setSetting)
      .catch(() => undefined);
  }, []);

  if (!setting) return null;
  const choose = async (mail: MailChoice) => {
    setStatus(null);
    try {
      setSetting(await apiFetch("/api/notifications/settings", { method: "PUT", json: { mail } }));
      setStatus(words.saved);
    } catch (caught) {
      setStatus(errorText(pageLocale(), caught));
    }
  };

  return (
    <section className="account-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{words.mailTitle}</h2>
      <fieldset>
        <legend>{words.mailHelp}</legend>
        {CHOICES.map((choice) => (
          <label key={choice} className="choice">
            <input type="radio" name={`${id}-mail`} value={choice} checked={setting.mail === choice} onChange={() => void choose(choice)} />
            {words.mailChoices[choice]}
          </label>
        ))}
      </fieldset>
      {setting.mailAvailable ? null : <p className="hint">{words.mailUnavailable}</p>}
      <p role="status">{status}</p>
    </section>
  );
}
