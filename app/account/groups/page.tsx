import type { Metadata } from "next";
import { GroupsManager } from "@/components/account/GroupsManager";
import { pageViewer } from "@/lib/auth/page-viewer";
import { getMessages } from "@/lib/i18n/locale";
import { listMyGroups } from "@/lib/services/groups";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getMessages();
  return { title: t.groups.title, robots: { index: false } };
}

/** The viewer's groups: make, members, invite links, leave, hand over, delete (components/account/GroupsManager.tsx). */
export default async function GroupsPage() {
  const [{ t, locale }, viewer] = await Promise.all([getMessages(), pageViewer("/account/groups")]);
  const words = t.groups;
  if (!viewer) {
    return (
      <div className="page-narrow">
        <h1>{words.title}</h1>
        <p>
          <a href="/account?next=/account/groups">{words.signInFirst}</a>
        </p>
      </div>
    );
  }
  return (
    <div className="page-narrow">
      <h1>{words.title}</h1>
      <p className="lede">{words.intro}</p>
      <GroupsManager initial={await listMyGroups(viewer)} locale={locale} viewerId={viewer.id} />
    </div>
  );
}
