import { createWriteStream } from "node:fs";
import { mkdir } from "node:fs/promises";
import { dirname, join, relative, resolve, sep } from "node:path";
import { pipeline } from "node:stream/promises";
import { HilError } from "@hil/contracts";
import yauzl from "yauzl";
import yazl from "yazl";

/** Limits that keep a hostile or broken archive from filling the disk. */
export interface ExtractLimits {
  /** Total uncompressed bytes (default 1 GiB). */
  maxBytes?: number;
  /** Number of entries (default 10 000). */
  maxEntries?: number;
}

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;

/** Why an entry name is unsafe, or undefined when it stays inside the target dir. */
export function unsafeEntryReason(name: string): string | undefined {
  if (name.includes("\0")) return "contains a NUL byte";
  if (name.includes("\\")) return "contains a backslash";
  if (name.startsWith("/") || /^[A-Za-z]:/.test(name)) return "is an absolute path";
  const segs = name.replace(/\/$/, "").split("/");
  if (segs.includes("..")) return "escapes the target directory (..)";
  if (segs.some((s) => s === "" || s === ".")) return "has an empty or . path segment";
  return undefined;
}

// yauzl's low-level name decoding (CP437 / UTF-8 / Info-ZIP unicode path): we decode ourselves so
// our own checks see every name, and the error names the entry.
const getFileNameLowLevel = (
  yauzl as unknown as {
    getFileNameLowLevel(flags: number, raw: Buffer, extra: unknown[], strict: boolean): string;
  }
).getFileNameLowLevel;

function refuse(zipLabel: string, message: string, hint?: string): HilError {
  return new HilError(`Refusing ${zipLabel}: ${message}.`, {
    hint:
      hint ??
      "The archive is not a bundle written by actions/build or `hil bundle`; rebuild and upload it again.",
  });
}

/**
 * Extract `zipPath` into `dest` (which must be a new, empty directory the caller removes on
 * failure). Every entry is checked before a byte is written: no absolute paths, no `..`, no
 * symlinks or other special files, no duplicates, sizes within limits. Returns the files
 * written, relative to `dest`.
 */
export async function extractZip(
  zipPath: string,
  dest: string,
  zipLabel: string,
  limits: ExtractLimits = {},
): Promise<string[]> {
  const maxBytes = limits.maxBytes ?? 1024 * 1024 * 1024;
  const maxEntries = limits.maxEntries ?? 10_000;
  const root = resolve(dest);
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.openPromise(zipPath, {
      lazyEntries: true,
      decodeStrings: false,
      validateEntrySizes: true,
      autoClose: false,
    });
  } catch (e) {
    throw refuse(
      zipLabel,
      `it is not a complete zip archive (${(e as Error).message}); the download was probably truncated`,
      "Fetch it again; if it keeps failing, re-run the build job so the artifact is uploaded again.",
    );
  }
  const written: string[] = [];
  try {
    if (zip.entryCount > maxEntries) {
      throw refuse(
        zipLabel,
        `it has ${zip.entryCount} entries, more than the limit of ${maxEntries}`,
      );
    }
    const seen = new Set<string>();
    let total = 0;
    for await (const entry of zip.eachEntry()) {
      const name = getFileNameLowLevel(
        entry.generalPurposeBitFlag,
        entry.fileNameRaw,
        entry.extraFields,
        false,
      );
      const reason = unsafeEntryReason(name);
      if (reason) throw refuse(zipLabel, `entry ${JSON.stringify(name)} ${reason}`);
      const madeBy = entry.versionMadeBy >> 8;
      const mode = (entry.externalFileAttributes >>> 16) & S_IFMT;
      const isDir = name.endsWith("/");
      // Unix-made entries carry their file type; refuse anything but regular files and dirs.
      if (madeBy === 3 && mode !== 0 && mode !== S_IFREG && mode !== S_IFDIR) {
        const kind = mode === S_IFLNK ? "a symbolic link" : "a special file";
        throw refuse(zipLabel, `entry ${JSON.stringify(name)} is ${kind}`);
      }
      if (entry.isEncrypted()) throw refuse(zipLabel, `entry ${JSON.stringify(name)} is encrypted`);
      const target = resolve(root, name);
      const rel = relative(root, target);
      if (rel.startsWith("..") || rel.split(sep).includes("..")) {
        throw refuse(zipLabel, `entry ${JSON.stringify(name)} escapes the target directory`);
      }
      const key = name.replace(/\/$/, "");
      if (seen.has(key)) throw refuse(zipLabel, `entry ${JSON.stringify(name)} appears twice`);
      seen.add(key);
      if (isDir) {
        await mkdir(target, { recursive: true });
        continue;
      }
      total += entry.uncompressedSize;
      if (total > maxBytes) {
        throw refuse(zipLabel, `it unpacks to more than ${maxBytes} bytes`);
      }
      await mkdir(dirname(target), { recursive: true });
      let stream;
      try {
        stream = await zip.openReadStreamPromise(entry);
      } catch (e) {
        throw refuse(
          zipLabel,
          `entry ${JSON.stringify(name)} cannot be read (${(e as Error).message})`,
          "The archive is damaged or truncated; fetch it again.",
        );
      }
      try {
        // `wx`: never follow or overwrite anything already there.
        await pipeline(stream, createWriteStream(target, { flags: "wx", mode: 0o644 }));
      } catch (e) {
        throw refuse(
          zipLabel,
          `entry ${JSON.stringify(name)} is damaged (${(e as Error).message})`,
          "The archive is damaged or truncated; fetch it again.",
        );
      }
      written.push(key);
    }
  } catch (e) {
    if (e instanceof HilError) throw e;
    throw refuse(
      zipLabel,
      `it is damaged or truncated (${(e as Error).message})`,
      "Fetch it again; if it keeps failing, re-run the build job so the artifact is uploaded again.",
    );
  } finally {
    zip.close();
  }
  return written;
}

/**
 * Write `files` (paths relative to `dir`, forward slashes) into a zip at `zipPath`, in the given
 * order with a fixed timestamp, so the same bundle always gives the same bytes.
 */
export async function writeZip(
  dir: string,
  files: string[],
  zipPath: string,
  mtime: Date,
): Promise<void> {
  const zip = new yazl.ZipFile();
  for (const f of files) zip.addFile(join(dir, f), f, { mtime, mode: 0o100644 });
  zip.end();
  await pipeline(zip.outputStream, createWriteStream(zipPath));
}
