"use client";

/** The accounts and their roles, with the one change an admin makes here: editor or member. */
import { useState } from "react";
import type { Member } from "@/lib/domain/member";
import { apiFetch } from "@/lib/http/client";
import { errorText } from "@/lib/i18n/errors";
import { libraryMessages } from "@/lib/i18n/library-messages";
import type { Locale } from "@/lib/i18n/messages";

export function MembersTable({ members, locale }: { members: Member[]; locale: Locale }) {
  const words = libraryMessages[locale].members;
  const [rows, setRows] = useState(members);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const joined = new Intl.DateTimeFormat(locale, { year: "numeric", month: "short", day: "numeric" });

  const change = async (member: Member, role: "member" | "editor") => {
    try {
      const updated = await apiFetch<Member>(`/api/members/${encodeURIComponent(member.id)}`, { method: "PATCH", json: { role } });
      setRows((current) => current.map((row) => (row.id === updated.id ? updated : row)));
      setMessage({ text: words.changed(updated.name, words.roles[updated.role]), error: false });
    } catch (caught) {
      setMessage({ text: errorText(locale, caught), error: true });
    }
  };

  return (
    <>
      <table className="members-table">
        <thead>
          <tr>
            <th scope="col">{words.name}</th>
            <th scope="col">{words.email}</th>
            <th scope="col">{words.role}</th>
            <th scope="col">{words.joined}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((member) => (
            <tr key={member.id} data-member={member.email}>
              <td>
                <bdi>{member.name}</bdi>
              </td>
              <td>{member.email}</td>
              <td>
                {words.roles[member.role]}{" "}
                {member.role === "member" && (
                  <button type="button" onClick={() => change(member, "editor")}>
                    {words.makeEditor}
                  </button>
                )}
                {member.role === "editor" && (
                  <button type="button" onClick={() => change(member, "member")}>
                    {words.makeMember}
                  </button>
                )}
              </td>
              <td>{joined.format(new Date(member.joined))}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p role={message?.error ? "alert" : "status"} className={message?.error ? "form-error" : "muted"}>
        {message?.text ?? ""}
      </p>
    </>
  );
}
