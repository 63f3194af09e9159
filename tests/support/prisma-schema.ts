/**
 * Reads the blocks of a Prisma schema file into a comparable form, for the test that the
 * SQLite and PostgreSQL schemas declare the same models. Only what reaches the database counts:
 * comments are dropped and whitespace is folded; `generator` and `datasource` blocks (where the
 * two files differ on purpose) are returned apart.
 */
export interface SchemaBlock {
  kind: string;
  name: string;
  /** One entry per field line: name, type and attributes, whitespace folded. */
  fields: string[];
  /** Block attributes: @@id, @@unique, @@index, @@map. */
  attributes: string[];
}

export function parseSchema(text: string): { blocks: SchemaBlock[]; settings: SchemaBlock[] } {
  const lines = text.split("\n").map((line) => line.replace(/\/\/.*$/, "").trim());
  const blocks: SchemaBlock[] = [];
  let current: SchemaBlock | null = null;
  for (const line of lines) {
    if (!line) continue;
    const open = /^(\w+)\s+(\w+)\s*\{$/.exec(line);
    if (!current && open) {
      current = { kind: open[1], name: open[2], fields: [], attributes: [] };
    } else if (current && line === "}") {
      blocks.push(current);
      current = null;
    } else if (current) {
      const folded = line.replace(/\s+/g, " ");
      (folded.startsWith("@@") ? current.attributes : current.fields).push(folded);
    } else {
      throw new Error(`unexpected line outside a block: ${line}`);
    }
  }
  if (current) throw new Error(`block ${current.name} is not closed`);
  const isSetting = (block: SchemaBlock) => block.kind === "generator" || block.kind === "datasource";
  return { blocks: blocks.filter((block) => !isSetting(block)), settings: blocks.filter(isSetting) };
}
