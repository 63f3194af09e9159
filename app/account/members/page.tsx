import type { Metadata } from "next";
import { MembersTable } from "@/components/account/MembersTable";
import { pageViewer } from "@/lib/auth/page-viewer";
import { libraryMessages } from "@/lib/i18n/library-messages";
import { getMessages } from "@/lib/i18n/locale";
import { listMembers } from "@/lib/services/members";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const { locale } = await getMessages();
  return { title: libraryMessages[locale].members.title, robots: { index: false } };
}

/** The members page: every account and its role; an admin makes members editors and back. */
export default async function MembersPage() {
  const [{ locale }, viewer] = await Promise.all([getMessages(), pageViewer("/account/members")]);
  const words = libraryMessages[locale].members;
  if (viewer?.role !== "admin") {
    return (
      <div className="page-narrow">
        <h1>{words.title}</h1>
        <p>{words.adminsOnly}</p>
      </div>
    );
  }
  const members = await listMembers(viewer);
  return (
    <div className="page-narrow">
      <h1>{words.title}</h1>
      <p className="lede">{words.intro}</p>
      <MembersTable members={members} locale={locale} />
    </div>
  );
}
