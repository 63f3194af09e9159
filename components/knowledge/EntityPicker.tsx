"use client";

/** A type-ahead over every entity's names and aliases, in Korean and English; Enter or a click picks one. */
import { useId, useState } from "react";
import type { Entity } from "@/lib/domain/entity";
import type { KnowledgeMessages } from "@/lib/i18n/knowledge-messages";
import { matchEntities, useEntities } from "./use-entities";

export function EntityPicker({ words, initial = "", kindLabel, onPick, exclude }: { words: KnowledgeMessages; initial?: string; kindLabel: (entity: Entity) => string; onPick: (entity: Entity) => void; exclude?: string }) {
  const entities = useEntities();
  const [query, setQuery] = useState(initial);
  const [active, setActive] = useState(0);
  const list = useId();
  const found = matchEntities(exclude ? entities.filter((entity) => entity.id !== exclude) : entities, query);
  return (
    <div className="entity-picker">
      <input
        type="search"
        role="combobox"
        aria-expanded={found.length > 0}
        aria-controls={list}
        aria-activedescendant={found[active] ? `${list}-${found[active].id}` : undefined}
        aria-label={words.search}
        placeholder={words.search}
        value={query}
        autoFocus
        onChange={(event) => {
          setQuery(event.target.value);
          setActive(0);
        }}
        onKeyDown={(event) => {
          if (event.key === "ArrowDown") setActive((index) => Math.min(found.length - 1, index + 1));
          else if (event.key === "ArrowUp") setActive((index) => Math.max(0, index - 1));
          else if (event.key === "Enter" && found[active]) {
            event.preventDefault();
            onPick(found[active]);
          } else return;
          event.preventDefault();
        }}
      />
      <ul id={list} role="listbox" className="entity-picker-list">
        {found.map((entity, index) => (
          <li
            key={entity.id}
            id={`${list}-${entity.id}`}
            role="option"
            aria-selected={index === active}
            className={index === active ? "active" : undefined}
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => onPick(entity)}
          >
            <strong lang="ko">{entity.names.ko}</strong> <span lang="en">{entity.names.en}</span> <span className="muted">{kindLabel(entity)}</span>
          </li>
        ))}
        {found.length === 0 && <li className="muted">{words.noMatch}</li>}
      </ul>
    </div>
  );
}
