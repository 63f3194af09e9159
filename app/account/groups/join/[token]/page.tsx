import type { Metadata } from "next";
import { JoinGroup } from "@/components/account/GroupsManager";
import { pageViewer } from "@/lib/auth/page-viewer";
import { AppError } from "@/lib/domain/errors";
import { getMessages } from "@/lib/i18n/locale";
import { inviteTarget } from "@/lib/services/groups";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getMessages();
  return { title: t.groups.joinTitle, robots: { index: false }, referrer: "no-referrer" };
}

/** An invite link: who invites to which group, and a button to join (signed in). */
export default async function JoinGroupPage({ params }: PageProps<"/account/groups/join/[token]">) {
  const [{ t, locale }, { token }] = await Promise.all([getMessages(), params]);
  const path = `/account/groups/join/${encodeURIComponent(token)}`;
  const viewer = await pageViewer(path);
  const words = t.groups;
  if (!viewer) {
    return (
      <div className="page-narrow">
        <h1>{words.joinTitle}</h1>
        <p>
          <a href={`/account?next=${encodeURIComponent(path)}`}>{words.joinSignIn}</a>
        </p>
      </div>
    );
  }
  let target: Awaited<ReturnType<typeof inviteTarget>> | null = null;
  let problem: string | null = null;
  try {
    target = await inviteTarget(token);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    problem = error.code === "gone" ? words.joinExpired : words.joinUnknown;
  }
  return (
    <div className="page-narrow">
      <h1>{words.joinTitle}</h1>
      {target ? (
        <>
          <p>
            {words.joinBody.replace("{owner}", target.ownerName).replace("{name}", target.name)} {t.groups.memberCount(target.memberCount)}
          </p>
          {target.description && <p>{target.description}</p>}
          <JoinGroup token={token} locale={locale} />
        </>
      ) : (
        <p role="alert">{problem}</p>
      )}
      <p>
        <a href="/account/groups">{words.backToGroups}</a>
      </p>
    </div>
  );
}
