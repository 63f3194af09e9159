"use client";

/**
 * A note's text area that completes `@` mentions: typing `@` and part of a name lists the members
 * who match (a group's members for a group note), arrows move, Enter or Tab puts `@Name ` in the
 * text, Escape closes the list (and only the list). The mentioned members are notified when the
 * note is saved, if they may see it (lib/services/notifications.ts).
 */
import { type RefObject, useEffect, useId, useState } from "react";
import { mentionAtCaret } from "@/lib/domain/at-mentions";
import { apiFetch } from "@/lib/http/client";
import { notificationMessages, pageLocale } from "@/lib/i18n/notification-messages";

interface Person {
  id: string;
  name: string;
}

export function MentionTextarea({
  id,
  value,
  onChange,
  textareaRef,
  groupId,
  rows = 4,
}: {
  id: string;
  value: string;
  onChange: (value: string) => void;
  textareaRef: RefObject<HTMLTextAreaElement | null>;
  groupId?: string;
  rows?: number;
}) {
  const listId = useId();
  const [mention, setMention] = useState<{ start: number; query: string } | null>(null);
  const [people, setPeople] = useState<Person[]>([]);
  const [active, setActive] = useState(0);
  const words = notificationMessages[pageLocale()];

  useEffect(() => {
    if (!mention) return;
    let live = true;
    const timer = window.setTimeout(() => {
      const query = new URLSearchParams({ q: mention.query, ...(groupId ? { group: groupId } : {}) });
      apiFetch<Person[]>(`/api/people?${query}`)
        .then((found) => {
          if (!live) return;
          setPeople(found);
          setActive(0);
        })
        .catch(() => live && setPeople([]));
    }, 120);
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [mention, groupId]);

  const follow = (element: HTMLTextAreaElement) => {
    const found = mentionAtCaret(element.value, element.selectionStart ?? element.value.length);
    setMention((current) => (found && current && found.start === current.start && found.query === current.query ? current : found));
    if (!found) setPeople([]);
  };

  const choose = (person: Person) => {
    const element = textareaRef.current;
    if (!element || !mention) return;
    const caret = element.selectionStart ?? value.length;
    const inserted = `@${person.name} `;
    const next = value.slice(0, mention.start) + inserted + value.slice(caret);
    onChange(next);
    setMention(null);
    setPeople([]);
    const at = mention.start + inserted.length;
    window.requestAnimationFrame(() => {
      element.focus();
      element.setSelectionRange(at, at);
    });
  };

  const open = mention !== null && people.length > 0;
  return (
    <div className="mention-field" style={{ position: "relative" }}>
      <textarea
        id={id}
        ref={textareaRef}
        rows={rows}
        value={value}
        aria-autocomplete="list"
        aria-controls={open ? listId : undefined}
        aria-activedescendant={open ? `${listId}-${active}` : undefined}
        onChange={(event) => {
          onChange(event.target.value);
          follow(event.target);
        }}
        onClick={(event) => follow(event.currentTarget)}
        onKeyUp={(event) => {
          if (["ArrowLeft", "ArrowRight", "Home", "End"].includes(event.key)) follow(event.currentTarget);
        }}
        onBlur={() => window.setTimeout(() => setPeople([]), 150)}
        onKeyDown={(event) => {
          if (!open) return;
          if (event.key === "ArrowDown" || event.key === "ArrowUp") {
            event.preventDefault();
            setActive((index) => (index + (event.key === "ArrowDown" ? 1 : people.length - 1)) % people.length);
          } else if ((event.key === "Enter" && !event.metaKey && !event.ctrlKey) || event.key === "Tab") {
            event.preventDefault();
            choose(people[active]);
          } else if (event.key === "Escape") {
            // The list is the topmost thing: Escape closes it, not the form.
            event.preventDefault();
            event.stopPropagation();
            event.nativeEvent.stopImmediatePropagation();
            setMention(null);
            setPeople([]);
          }
        }}
      />
      {open ? (
        <ul id={listId} role="listbox" aria-label={words.mentionList} className="mention-completion">
          {people.map((person, index) => (
            <li
              key={person.id}
              id={`${listId}-${index}`}
              role="option"
              aria-selected={index === active}
              onMouseDown={(event) => {
                event.preventDefault();
                choose(person);
              }}
            >
              <bdi>{person.name}</bdi>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
