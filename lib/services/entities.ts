/** Where entities are mentioned: text to data and back. */
import { listBriefSlugs, loadBrief } from "@/lib/content/catalog";
import type { Entity } from "@/lib/domain/entity";
import type { MentionPlace } from "@/lib/domain/mention-place";
import { getEntity } from "./agreements";

/** Every block that mentions the entity (or, with `related`, any entity it accepts). */
export async function mentionPlaces(entity: Entity, related: (id: string) => boolean = (id) => id === entity.id): Promise<MentionPlace[]> {
  const places: MentionPlace[] = [];
  for (const slug of await listBriefSlugs()) {
    const { parsed } = await loadBrief(slug);
    for (const section of parsed.document.sections) {
      for (const block of section.blocks) {
        const spans = block.mentions.filter((mention) => related(mention.entityId)).map(({ start, end, surface }) => ({ start, end, surface }));
        if (spans.length === 0) continue;
        places.push({ brief: slug, sectionId: section.id, sectionTitle: section.title, blockId: block.id, blockKind: block.kind, parentId: block.parentId, text: block.text, spans });
      }
    }
  }
  return places;
}

export async function getEntityWithMentions(id: string): Promise<{ entity: Entity; mentions: MentionPlace[] }> {
  const entity = await getEntity(id);
  return { entity, mentions: await mentionPlaces(entity) };
}
