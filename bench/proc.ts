/**
 * What a server process and its descendants use, read from /proc (Linux): resident memory and
 * CPU time. `next start` may run its server in a child, so both walk the process tree.
 */
import { readdirSync, readFileSync } from "node:fs";

const round = (value: number, digits = 2) => +value.toFixed(digits);

/** The process and every descendant of it, by pid. */
function tree(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const parent = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
    } catch {
      // The process ended while we looked.
    }
  }
  const all: number[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    const current = queue.shift() as number;
    all.push(current);
    queue.push(...(children.get(current) ?? []));
  }
  return all;
}

/** Resident memory (MiB) of a process and all its descendants. */
export function treeRssMiB(pid: number): number {
  let total = 0;
  for (const current of tree(pid)) {
    try {
      total += Number(/^VmRSS:\s+(\d+)/m.exec(readFileSync(`/proc/${current}/status`, "utf8"))?.[1] ?? 0);
    } catch {
      // Gone meanwhile.
    }
  }
  return round(total / 1024);
}

/** CPU time (user + system, seconds) a process and all its descendants have used so far. */
export function treeCpuSeconds(pid: number): number {
  let ticks = 0;
  for (const current of tree(pid)) {
    try {
      const stat = readFileSync(`/proc/${current}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      // Fields 14 and 15 of stat (utime, stime), counted from the state field (3).
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // Gone meanwhile.
    }
  }
  // USER_HZ is 100 on Linux.
  return ticks / 100;
}
