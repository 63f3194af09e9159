/**
 * A bounded ZIP reader for DOCX uploads: reads the central directory itself, refuses archives
 * whose declared sizes or compression ratio give them away as zip bombs, and inflates each entry
 * with a hard cap, so a lying directory cannot make it allocate more than the bound either.
 * The entries it returns are re-packed by `repack` for mammoth, which then sees exactly what was
 * checked (and not, say, a second directory a different reader would pick).
 */
import { crc32, inflateRawSync } from "node:zlib";
import { IngestError } from "./types";

export interface ZipLimits {
  /** Refuse when the declared uncompressed sizes add up to more (default 200 MB). */
  maxTotalBytes: number;
  /** Refuse when entries above `largeEntryBytes` compress better than this overall (default 100). */
  maxRatio: number;
  largeEntryBytes: number;
  maxEntries: number;
}

export const defaultZipLimits: ZipLimits = { maxTotalBytes: 200 * 1024 * 1024, maxRatio: 100, largeEntryBytes: 1024 * 1024, maxEntries: 10_000 };

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  offset: number;
  encrypted: boolean;
}

const u16 = (bytes: Uint8Array, at: number) => bytes[at] | (bytes[at + 1] << 8);
const u32 = (bytes: Uint8Array, at: number) => (bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16)) + bytes[at + 3] * 0x1000000;
const u64 = (bytes: Uint8Array, at: number) => u32(bytes, at) + u32(bytes, at + 4) * 0x100000000;

/** True when the bytes start like a ZIP archive (a local file header). */
export function looksLikeZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/** Reads the central directory (ZIP64 included) and checks the declared sizes against the limits. */
export function readCentralDirectory(bytes: Uint8Array, limits: ZipLimits = defaultZipLimits): ZipEntry[] {
  // The end-of-central-directory record is in the last 64 kB + 22 bytes (a comment may precede it).
  let end = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 65_557); at--) {
    if (u32(bytes, at) === 0x06054b50) {
      end = at;
      break;
    }
  }
  if (end < 0) throw new IngestError("corrupt", "The file is not a complete ZIP archive");
  let count = u16(bytes, end + 10);
  let directorySize = u32(bytes, end + 12);
  let directoryOffset = u32(bytes, end + 16);
  if (count === 0xffff || directoryOffset === 0xffffffff) {
    const locator = end - 20;
    if (locator < 0 || u32(bytes, locator) !== 0x07064b50) throw new IngestError("corrupt", "Broken ZIP64 directory");
    const record = u64(bytes, locator + 8);
    if (record + 56 > bytes.length || u32(bytes, record) !== 0x06064b50) throw new IngestError("corrupt", "Broken ZIP64 directory");
    count = u64(bytes, record + 32);
    directorySize = u64(bytes, record + 40);
    directoryOffset = u64(bytes, record + 48);
  }
  if (count > limits.maxEntries) throw new IngestError("zip-bomb", `The archive has more than ${limits.maxEntries} entries`, { limit: limits.maxEntries });
  if (directoryOffset + directorySize > bytes.length) throw new IngestError("corrupt", "The ZIP directory points outside the file");

  const entries: ZipEntry[] = [];
  let at = directoryOffset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || u32(bytes, at) !== 0x02014b50) throw new IngestError("corrupt", "Broken ZIP directory entry");
    const flags = u16(bytes, at + 8);
    const method = u16(bytes, at + 10);
    let compressedSize = u32(bytes, at + 20);
    let size = u32(bytes, at + 24);
    const nameLength = u16(bytes, at + 28);
    const extraLength = u16(bytes, at + 30);
    const commentLength = u16(bytes, at + 32);
    let offset = u32(bytes, at + 42);
    const name = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength));
    // ZIP64 sizes live in the extra field (id 1), in this order, only for the fields that overflowed.
    let extra = at + 46 + nameLength;
    const extraEnd = extra + extraLength;
    while (extra + 4 <= extraEnd) {
      const id = u16(bytes, extra);
      const length = u16(bytes, extra + 2);
      if (id === 1) {
        let field = extra + 4;
        if (size === 0xffffffff) {
          size = u64(bytes, field);
          field += 8;
        }
        if (compressedSize === 0xffffffff) {
          compressedSize = u64(bytes, field);
          field += 8;
        }
        if (offset === 0xffffffff) offset = u64(bytes, field);
      }
      extra += 4 + length;
    }
    entries.push({ name, method, compressedSize, size, offset, encrypted: (flags & 1) === 1 });
    at = extraEnd + commentLength;
  }

  const total = entries.reduce((sum, entry) => sum + entry.size, 0);
  if (total > limits.maxTotalBytes) {
    throw new IngestError("zip-bomb", `The archive would unpack to more than ${Math.round(limits.maxTotalBytes / 1048576)} MB`, { limit: limits.maxTotalBytes });
  }
  const large = entries.filter((entry) => entry.size > limits.largeEntryBytes);
  const largeSize = large.reduce((sum, entry) => sum + entry.size, 0);
  const largeCompressed = large.reduce((sum, entry) => sum + entry.compressedSize, 0);
  if (large.length > 0 && largeSize > limits.maxRatio * Math.max(1, largeCompressed)) {
    throw new IngestError("zip-bomb", `The archive compresses more than ${limits.maxRatio}:1`, { limit: limits.maxRatio });
  }
  return entries;
}

/** Inflates one entry, never past its declared size: more output is a zip bomb, less is corruption. */
export function inflateEntry(bytes: Uint8Array, entry: ZipEntry): Buffer {
  if (entry.encrypted) throw new IngestError("encrypted", "The archive is encrypted");
  const at = entry.offset;
  if (at + 30 > bytes.length || u32(bytes, at) !== 0x04034b50) throw new IngestError("corrupt", `Broken ZIP entry ${entry.name}`);
  const start = at + 30 + u16(bytes, at + 26) + u16(bytes, at + 28);
  const data = bytes.subarray(start, start + entry.compressedSize);
  if (data.length < entry.compressedSize) throw new IngestError("corrupt", `Truncated ZIP entry ${entry.name}`);
  let out: Buffer;
  if (entry.method === 0) out = Buffer.from(data);
  else if (entry.method === 8) {
    try {
      // One byte more than declared, so that "more than declared" is detectable.
      out = inflateRawSync(data, { maxOutputLength: entry.size + 1 });
    } catch (error) {
      if ((error as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") {
        throw new IngestError("zip-bomb", `ZIP entry ${entry.name} unpacks to more than it declares`);
      }
      throw new IngestError("corrupt", `ZIP entry ${entry.name} does not inflate`);
    }
  } else throw new IngestError("corrupt", `ZIP entry ${entry.name} uses an unsupported compression method`);
  if (out.length > entry.size) throw new IngestError("zip-bomb", `ZIP entry ${entry.name} unpacks to more than it declares`);
  if (out.length < entry.size) throw new IngestError("corrupt", `ZIP entry ${entry.name} is shorter than it declares`);
  return out;
}

/** Writes entries into a new ZIP without compression (what the checked entries are handed on as). */
export function repack(files: Map<string, Uint8Array>): Buffer {
  const parts: Buffer[] = [];
  const directory: Buffer[] = [];
  let offset = 0;
  for (const [name, data] of files) {
    const nameBytes = Buffer.from(name, "utf8");
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    parts.push(local, nameBytes, Buffer.from(data.buffer, data.byteOffset, data.byteLength));
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    directory.push(central, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const directoryBytes = Buffer.concat(directory);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.size, 8);
  end.writeUInt16LE(files.size, 10);
  end.writeUInt32LE(directoryBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, directoryBytes, end]);
}
