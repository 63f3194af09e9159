// Self-hosted fonts, split by Unicode range so a page loads only the slices it uses:
// Pretendard for Hangul and Latin, Noto Sans KR for Hanja, Noto Sans JP for kana and shinjitai.
import "pretendard/dist/web/variable/pretendardvariable-dynamic-subset.css";
import "@fontsource-variable/noto-sans-kr/wght.css";
import "@fontsource-variable/noto-sans-jp/wght.css";
import "./globals.css";
import type { Metadata, Viewport } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { AccountLink } from "@/components/account/AccountForms";
import { LanguageToggle } from "@/components/chrome/LanguageToggle";
import { SiteMenu } from "@/components/chrome/SiteMenu";
import { SiteSearch } from "@/components/search/SiteSearch";
import { getMessages } from "@/lib/i18n/locale";
import { Inbox } from "@/components/notifications/Inbox";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getMessages();
  return { title: { default: t.appName, template: `%s · ${t.appName}` }, description: t.appTagline };
}

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const { locale, t } = await getMessages();
  return (
    <html lang={locale}>
      <body>
        <a className="skip-link" href="#main">
          {t.skipToContent}
        </a>
        <header className="site-bar">
          <Link href="/" className="site-name">
            {t.appName}
          </Link>
          <SiteSearch t={t} />
          <Inbox />
          <SiteMenu label={t.menu} navLabel={t.appName}>
            <Link href="/">{t.briefs}</Link>
            <Link href="/agreements">{t.agreements}</Link>
            <AccountLink labels={t.account} />
            <LanguageToggle current={locale} label={t.switchTo} ariaLabel={t.switchToLabel} />
          </SiteMenu>
        </header>
        <main id="main" tabIndex={-1}>
          {children}
        </main>
      </body>
    </html>
  );
}
