import "server-only";
import { cookies } from "next/headers";
import { defaultLocale, isLocale, type Locale, type Messages, messages } from "./messages";

/** The reader's chosen language: the `lang` cookie, else Korean. */
export async function getLocale(): Promise<Locale> {
  const value = (await cookies()).get("lang")?.value;
  return isLocale(value) ? value : defaultLocale;
}

export async function getMessages(): Promise<{ locale: Locale; t: Messages }> {
  const locale = await getLocale();
  return { locale, t: messages[locale] };
}
