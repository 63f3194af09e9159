"use client";

/**
 * The viewer's groups: make one; for each, its members; the owner adds members by email, makes an
 * invite link (shown once), revokes the links, removes members, hands the group over and deletes
 * it; a member leaves. Every change goes through the groups API (docs/api.md#groups).
 */
import { useState } from "react";
import type { GroupDetail, GroupInviteLink, GroupSummary } from "@/lib/domain/group";
import { apiFetch } from "@/lib/http/client";
import { errorText } from "@/lib/i18n/errors";
import { type Locale, messages } from "@/lib/i18n/messages";

type Status = { text: string; error: boolean } | null;

export function GroupsManager({ initial, locale, viewerId }: { initial: GroupSummary[]; locale: Locale; viewerId: string }) {
  const words = messages[locale].groups;
  const [groups, setGroups] = useState(initial);
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const [status, setStatus] = useState<Status>(null);

  const make = async () => {
    try {
      const made = await apiFetch<GroupDetail>("/api/groups", { method: "POST", json: { name, description } });
      setGroups((current) => [...current, made].sort((a, b) => a.name.localeCompare(b.name, locale)));
      setName("");
      setDescription("");
      setStatus({ text: words.made.replace("{name}", made.name), error: false });
    } catch (caught) {
      setStatus({ text: errorText(locale, caught), error: true });
    }
  };

  return (
    <>
      <form
        className="group-create"
        onSubmit={(event) => {
          event.preventDefault();
          void make();
        }}
      >
        <h2>{words.create}</h2>
        <label>
          {words.name} <input name="name" value={name} required maxLength={100} onChange={(event) => setName(event.target.value)} />
        </label>
        <label>
          {words.description} <input name="description" value={description} maxLength={1000} onChange={(event) => setDescription(event.target.value)} />
        </label>
        <button type="submit">{words.make}</button>
      </form>
      {status && (
        <p role={status.error ? "alert" : "status"} className={status.error ? "form-error" : "form-ok"}>
          {status.text}
        </p>
      )}
      {groups.length === 0 ? (
        <p className="muted">{words.empty}</p>
      ) : (
        <ul className="groups-list">
          {groups.map((group) => (
            <GroupItem
              key={group.id}
              summary={group}
              locale={locale}
              viewerId={viewerId}
              onGone={() => setGroups((current) => current.filter((other) => other.id !== group.id))}
              onChanged={(changed) => setGroups((current) => current.map((other) => (other.id === changed.id ? changed : other)))}
            />
          ))}
        </ul>
      )}
    </>
  );
}

function GroupItem({
  summary,
  locale,
  viewerId,
  onGone,
  onChanged,
}: {
  summary: GroupSummary;
  locale: Locale;
  viewerId: string;
  onGone: () => void;
  onChanged: (group: GroupSummary) => void;
}) {
  const words = messages[locale].groups;
  const [detail, setDetail] = useState<GroupDetail | null>(null);
  const [email, setEmail] = useState("");
  const [invite, setInvite] = useState<GroupInviteLink | null>(null);
  const [status, setStatus] = useState<Status>(null);
  const owner = summary.role === "owner";
  const base = `/api/groups/${encodeURIComponent(summary.id)}`;
  const day = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" });

  const run = async (action: () => Promise<void>) => {
    setStatus(null);
    try {
      await action();
    } catch (caught) {
      setStatus({ text: errorText(locale, caught), error: true });
    }
  };
  const show = (group: GroupDetail) => {
    setDetail(group);
    onChanged(group);
  };

  return (
    <li className="group-item" data-group={summary.id}>
      <h3>
        <bdi>{summary.name}</bdi> <span className="visibility-badge">{owner ? words.roleOwner : words.roleMember}</span>
      </h3>
      {summary.description && <p>{summary.description}</p>}
      <p className="muted">
        {words.owner}: <bdi>{summary.owner.name}</bdi> · {words.memberCount(summary.memberCount)}{" "}
        <button type="button" aria-expanded={detail !== null} onClick={() => (detail ? setDetail(null) : void run(async () => setDetail(await apiFetch<GroupDetail>(base))))}>
          {detail ? words.hide : words.show}
        </button>
      </p>
      {detail && (
        <ul className="group-members" aria-label={words.members}>
          {detail.members.map((member) => (
            <li key={member.id}>
              <bdi>{member.name}</bdi>
              {member.id === viewerId && ` (${words.you})`}
              {member.owner && ` · ${words.owner}`}
              {owner && !member.owner && (
                <>
                  {" "}
                  <button
                    type="button"
                    onClick={() =>
                      void run(async () => {
                        if (!window.confirm(words.confirmHandOver.replace("{name}", member.name))) return;
                        show(await apiFetch<GroupDetail>(base, { method: "PATCH", json: { ownerId: member.id } }));
                      })
                    }
                  >
                    {words.handOver}
                  </button>{" "}
                  <button
                    type="button"
                    onClick={() =>
                      void run(async () => {
                        await apiFetch(`${base}/members/${encodeURIComponent(member.id)}`, { method: "DELETE" });
                        show(await apiFetch<GroupDetail>(base));
                      })
                    }
                  >
                    {words.remove}
                  </button>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {owner && (
        <div className="group-owner-actions">
          <form
            onSubmit={(event) => {
              event.preventDefault();
              void run(async () => {
                show(await apiFetch<GroupDetail>(`${base}/members`, { method: "POST", json: { email } }));
                setEmail("");
                setStatus({ text: words.added, error: false });
              });
            }}
          >
            <label>
              {words.email} <input type="email" name="email" value={email} required onChange={(event) => setEmail(event.target.value)} />
            </label>{" "}
            <button type="submit">{words.add}</button>
          </form>
          <p>
            <button type="button" onClick={() => void run(async () => setInvite(await apiFetch<GroupInviteLink>(`${base}/invites`, { method: "POST", json: {} })))}>
              {words.invite}
            </button>{" "}
            <button
              type="button"
              onClick={() =>
                void run(async () => {
                  await apiFetch(`${base}/invites`, { method: "DELETE" });
                  setInvite(null);
                  setStatus({ text: words.invitesRevoked, error: false });
                })
              }
            >
              {words.revokeInvites}
            </button>
          </p>
          {invite && (
            <p className="group-invite">
              <label>
                {words.inviteLink} <input readOnly value={invite.url} size={60} onFocus={(event) => event.target.select()} />
              </label>
              <br />
              <span className="muted">{words.inviteMade.replace("{date}", day.format(new Date(invite.expiresAt)))}</span>
            </p>
          )}
        </div>
      )}
      <p>
        {owner ? (
          <button
            type="button"
            className="danger"
            onClick={() =>
              void run(async () => {
                if (!window.confirm(words.confirmDelete)) return;
                await apiFetch(base, { method: "DELETE" });
                onGone();
              })
            }
          >
            {words.delete}
          </button>
        ) : (
          <button
            type="button"
            onClick={() =>
              void run(async () => {
                if (!window.confirm(words.confirmLeave)) return;
                await apiFetch(`${base}/members/${encodeURIComponent(viewerId)}`, { method: "DELETE" });
                onGone();
              })
            }
          >
            {words.leave}
          </button>
        )}
      </p>
      {status && (
        <p role={status.error ? "alert" : "status"} className={status.error ? "form-error" : "form-ok"}>
          {status.text}
        </p>
      )}
    </li>
  );
}

/** An invite link's page: joins the group, then goes to the groups page. */
export function JoinGroup({ token, locale }: { token: string; locale: Locale }) {
  const words = messages[locale].groups;
  const [status, setStatus] = useState<Status>(null);
  const [joined, setJoined] = useState(false);
  return (
    <div className="join-group">
      {joined ? (
        <p role="status">
          {words.joined} <a href="/account/groups">{words.backToGroups}</a>
        </p>
      ) : (
        <button
          type="button"
          onClick={() =>
            void apiFetch(`/api/groups/invites/${encodeURIComponent(token)}`, { method: "POST" })
              .then(() => setJoined(true))
              .catch((caught: unknown) => setStatus({ text: errorText(locale, caught), error: true }))
          }
        >
          {words.join}
        </button>
      )}
      {status && (
        <p role="alert" className="form-error">
          {status.text}
        </p>
      )}
    </div>
  );
}
