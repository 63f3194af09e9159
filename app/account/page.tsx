import type { Metadata } from "next";
import { AccountForms } from "@/components/account/AccountForms";
import { AccountSecurity } from "@/components/account/AccountSecurity";
import { ApiTokens } from "@/components/account/ApiTokens";
import { pageViewer } from "@/lib/auth/page-viewer";
import { isEditor } from "@/lib/domain/account";
import { knowledgeMessages } from "@/lib/i18n/knowledge-messages";
import { libraryMessages } from "@/lib/i18n/library-messages";
import { getMessages } from "@/lib/i18n/locale";
import { MailSetting } from "@/components/notifications/MailSetting";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getMessages();
  return { title: t.account.title };
}

/**
 * Sign in or sign up; `?next=` says where to go afterwards (a path on this site only). Signed
 * in, the page also shows sign-in attempts on the account, changes the password and manages
 * personal API tokens.
 */
export default async function AccountPage({ searchParams }: PageProps<"/account">) {
  const [{ t, locale }, viewer] = await Promise.all([getMessages(), pageViewer("/account")]);
  const raw = (await searchParams).next;
  const next = typeof raw === "string" && raw.startsWith("/") && !raw.startsWith("//") ? raw : "/";
  return (
    <div className="page-narrow">
      <h1>{t.account.title}</h1>
      <AccountForms labels={t.account} security={t.security} next={next} locale={locale} />
      <AccountSecurity labels={t.security} failed={t.account.failed} locale={locale} />
      <ApiTokens labels={t.tokens} locale={locale} />
      <p>
        <a href="/account/export">{t.exports.link}</a> · <a href="/account/other-sources">{t.otherSources.link}</a> · <a href="/account/groups">{t.groups.link}</a>
        {/* The editors' and the admin's pages, for those who may use them. */}
        {isEditor(viewer) && (
          <>
            {" · "}
            <a href="/knowledge">{knowledgeMessages[locale].knowledgePage}</a>
          </>
        )}
        {viewer?.role === "admin" && (
          <>
            {" · "}
            <a href="/account/members">{libraryMessages[locale].members.title}</a>
          </>
        )}
      </p>
      {/* Last: it appears once its setting is loaded, and must not move the links above as it does. */}
      {viewer && <MailSetting />}
    </div>
  );
}
