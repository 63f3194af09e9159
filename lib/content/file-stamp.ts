/**
 * Telling whether a file changed without reading it: its inode, size and change times, as
 * git's index does. Lets the catalog and the registry keep what they read from content/ until
 * the file is edited, with one `stat` per request instead of a read and a hash.
 */
import { statSync } from "node:fs";

/**
 * A file's timestamps come from a coarse kernel clock (a few milliseconds), so two writes of
 * the same size close together can leave identical stamps. A stamp is only trusted once the file
 * is older than this when it was read (git's "racy clean" rule): any later write then gets a
 * later mtime. Until then the file is read again on every use.
 */
export const SETTLE_MS = 2_000;

export interface FileStamp {
  /** Equal keys mean the file has not been written (or replaced) in between. */
  key: string;
  /** False while the file is too recent for its key to be trusted (see SETTLE_MS). */
  settled: boolean;
}

/**
 * The file's stamp, or null if it cannot be read (missing, a folder it cannot enter, …).
 * Synchronous on purpose: a `stat` of a local file is a few microseconds from the inode cache,
 * less than the trip through libuv's thread pool that the promise version takes, and it runs on
 * every request for about twenty files.
 */
export function fileStamp(path: string, now = Date.now()): FileStamp | null {
  try {
    const info = statSync(path, { bigint: true, throwIfNoEntry: false });
    if (!info) return null;
    const mtimeMs = Number(info.mtimeNs / 1_000_000n);
    const ctimeMs = Number(info.ctimeNs / 1_000_000n);
    return {
      key: `${info.dev}:${info.ino}:${info.size}:${info.mtimeNs}:${info.ctimeNs}`,
      settled: now - Math.max(mtimeMs, ctimeMs) > SETTLE_MS,
    };
  } catch {
    return null;
  }
}

/**
 * True when the files are the ones remembered: every stamp taken then was settled, and none has
 * changed since. Stamps must be taken before the files are read, so that a write in between makes
 * them differ next time rather than go unnoticed.
 */
export function unchanged(remembered: readonly (FileStamp | null)[] | undefined, current: readonly (FileStamp | null)[]): boolean {
  if (!remembered || remembered.length !== current.length) return false;
  return remembered.every((then, i) => then !== null && then.settled && then.key === current[i]?.key);
}
