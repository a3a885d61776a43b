import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { lstat, readFile } from "node:fs/promises";
import { join, relative, resolve, sep } from "node:path";
import { pipeline } from "node:stream/promises";
import { HilError, manifest as manifestSchema, parseWith, type Manifest } from "@hil/contracts";
import { MANIFEST_FILE } from "./names";

/** One image of a verified bundle, with its absolute path. */
export interface BundleImage {
  name?: string;
  offset: number;
  /** Path inside the bundle (as in the manifest). */
  file: string;
  /** Absolute path on disk. */
  path: string;
  size: number;
  sha256: string;
}

/** A bundle directory whose manifest validated and whose every image matched its sha256. */
export interface VerifiedBundle {
  dir: string;
  manifest: Manifest;
  /** sha256 (hex) of manifest.json as stored: the bundle's identity and cache key. */
  digest: string;
  images: BundleImage[];
  /** Sum of the image sizes. */
  bytes: number;
}

export interface VerifyOptions {
  /** The job's commit: the manifest's `commit_sha` must equal it. Omit only for inspection. */
  sha?: string;
  /** How to name the bundle in messages, e.g. `GitHub artifact fw-… (acme/fw)`. */
  label?: string;
}

export function sha256Hex(data: Buffer | string): string {
  return createHash("sha256").update(data).digest("hex");
}

export async function sha256File(path: string): Promise<string> {
  const h = createHash("sha256");
  await pipeline(createReadStream(path), h);
  return h.digest("hex");
}

const REBUILD =
  "Re-run the build job for this commit so a fresh bundle is uploaded, then run the hardware job again.";

/** The error for a bundle built from another commit: both SHAs, and what to do. */
export function shaMismatch(label: string, bundleSha: string, jobSha: string): HilError {
  return new HilError(
    `SHA mismatch: ${label} was built from commit ${bundleSha}, but this job is testing commit ${jobSha}. Refusing to flash firmware from another commit.`,
    {
      hint: "The hardware lane flashes only the bundle its own commit built. Make the hardware job depend on this commit's build (needs: build) and fetch fw-<sha> for the job's SHA, or re-run the build for this commit.",
    },
  );
}

/**
 * Check a bundle directory: manifest.json validates against `hil.fw-manifest.v1`, its commit is
 * the job's, and every image is a regular file inside the bundle with the recorded size and
 * sha256. Throws a HilError naming what is wrong; returns the verified bundle.
 */
export async function verifyBundle(
  dirIn: string,
  opts: VerifyOptions = {},
): Promise<VerifiedBundle> {
  const dir = resolve(dirIn);
  const label = opts.label ?? `bundle ${dir}`;
  const manifestPath = join(dir, MANIFEST_FILE);
  let raw: Buffer;
  try {
    const st = await lstat(manifestPath);
    if (!st.isFile()) throw new Error("not a regular file");
    raw = await readFile(manifestPath);
  } catch (e) {
    throw new HilError(
      `${label} has no ${MANIFEST_FILE} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); it is not a firmware bundle.`,
      {
        hint: "Bundles are made by actions/build or `hil bundle <build-dir>`; pass one of those, not a raw build directory.",
      },
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(raw.toString("utf8"));
  } catch (e) {
    throw new HilError(`${MANIFEST_FILE} of ${label} is not valid JSON: ${(e as Error).message}.`, {
      hint: REBUILD,
    });
  }
  const manifest = parseWith(manifestSchema, json, `${MANIFEST_FILE} of ${label}`, REBUILD);
  if (opts.sha !== undefined && manifest.commit_sha !== opts.sha.toLowerCase()) {
    throw shaMismatch(label, manifest.commit_sha, opts.sha.toLowerCase());
  }

  const images: BundleImage[] = [];
  for (const img of manifest.images) {
    const path = resolve(dir, img.file);
    const rel = relative(dir, path);
    if (rel.startsWith("..") || rel.split(sep).includes("..")) {
      throw new HilError(`${label}: image ${img.file} points outside the bundle.`, {
        hint: REBUILD,
      });
    }
    let st;
    try {
      st = await lstat(path);
    } catch {
      throw new HilError(
        `${label} is incomplete: ${img.file} is listed in the manifest but missing.`,
        {
          hint: REBUILD,
        },
      );
    }
    if (!st.isFile()) {
      throw new HilError(
        `${label}: ${img.file} is ${st.isSymbolicLink() ? "a symbolic link" : "not a regular file"}; refusing it.`,
        { hint: REBUILD },
      );
    }
    if (st.size !== img.size) {
      throw new HilError(
        `${label}: ${img.file} is ${st.size} bytes, but the manifest says ${img.size} (truncated or replaced).`,
        { hint: REBUILD },
      );
    }
    const actual = await sha256File(path);
    if (actual !== img.sha256) {
      throw new HilError(
        `sha256 mismatch in ${label}: ${img.file} has sha256 ${actual}, but the manifest says ${img.sha256}.`,
        { hint: `The image was corrupted or altered after the build. ${REBUILD}` },
      );
    }
    images.push({
      ...(img.name ? { name: img.name } : {}),
      offset: img.offset,
      file: img.file,
      path,
      size: img.size,
      sha256: img.sha256,
    });
  }
  return {
    dir,
    manifest,
    digest: sha256Hex(raw),
    images,
    bytes: images.reduce((n, i) => n + i.size, 0),
  };
}
