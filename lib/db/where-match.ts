/**
 * Evaluates a Prisma `where` fragment against a row already in memory, in three values: true,
 * false, or undefined when the fragment says something this evaluator does not understand (a
 * relation filter, an operator other than equality, `in` or `not`). Callers ask the database
 * for the undefined cases, so a fragment that grows (a new visibility rule, a relation filter)
 * stays correct: it is answered by the database instead of here, never guessed.
 *
 * Why: the live stream checks every change against every open reader of a brief. Loading each
 * changed row once and evaluating the one visibility fragment (`visibleTo`) here in memory keeps
 * that to one query per batch of changes instead of one per reader per change.
 */
type Row = Record<string, unknown>;
type Tri = boolean | undefined;

const OPERATORS = new Set(["equals", "not", "in", "notIn"]);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

function sameScalar(a: unknown, b: unknown): Tri {
  if (a === undefined) return undefined;
  if (a instanceof Date || b instanceof Date) {
    if (!(a instanceof Date) || !(b instanceof Date)) return a === null || b === null ? false : undefined;
    return a.getTime() === b.getTime();
  }
  if (isPlainObject(a) || Array.isArray(a)) return undefined;
  return a === b;
}

function and(values: Tri[]): Tri {
  if (values.includes(false)) return false;
  return values.includes(undefined) ? undefined : true;
}

function or(values: Tri[]): Tri {
  if (values.includes(true)) return true;
  return values.includes(undefined) ? undefined : false;
}

function not(value: Tri): Tri {
  return value === undefined ? undefined : !value;
}

function fieldMatches(actual: unknown, condition: unknown): Tri {
  // A relation (an object or a list on the row) or a column the row lacks: not for us to judge.
  if (actual === undefined || isPlainObject(actual) || Array.isArray(actual)) return undefined;
  if (!isPlainObject(condition)) return sameScalar(actual, condition);
  const keys = Object.keys(condition);
  if (keys.length === 0 || keys.some((key) => !OPERATORS.has(key))) return undefined;
  return and(
    keys.map((key) => {
      const expected = condition[key];
      if (key === "equals") return sameScalar(actual, expected);
      if (key === "not") return isPlainObject(expected) ? not(fieldMatches(actual, expected)) : not(sameScalar(actual, expected));
      if (!Array.isArray(expected)) return undefined;
      const found = or(expected.map((value) => sameScalar(actual, value)));
      return key === "in" ? found : not(found);
    }),
  );
}

/** Whether the row satisfies the fragment; undefined when only the database can tell. */
export function matchesWhere(where: unknown, row: Row): Tri {
  if (!isPlainObject(where)) return undefined;
  const parts: Tri[] = [];
  for (const [key, condition] of Object.entries(where)) {
    if (condition === undefined) continue; // Prisma ignores undefined conditions
    if (key === "AND") {
      const list = Array.isArray(condition) ? condition : [condition];
      parts.push(and(list.map((item) => matchesWhere(item, row))));
    } else if (key === "OR") {
      if (!Array.isArray(condition)) return undefined;
      parts.push(or(condition.map((item) => matchesWhere(item, row))));
    } else if (key === "NOT") {
      const list = Array.isArray(condition) ? condition : [condition];
      parts.push(and(list.map((item) => not(matchesWhere(item, row)))));
    } else {
      parts.push(fieldMatches(row[key], condition));
    }
  }
  return and(parts);
}

/**
 * The fragment without its conditions on one column (at any depth): what it would say if that
 * column did not matter. The live stream asks "could this viewer see this note before it was
 * deleted?" as `visibleTo(viewer)` without its `deletedAt` conditions.
 */
export function withoutField(where: unknown, field: string): unknown {
  if (Array.isArray(where)) return where.map((item) => withoutField(item, field));
  if (!isPlainObject(where)) return where;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(where)) {
    if (key === field) continue;
    out[key] = key === "AND" || key === "OR" || key === "NOT" ? withoutField(value, field) : value;
  }
  return out;
}
