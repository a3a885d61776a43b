import { copyFile, mkdir, readdir, stat, writeFile } from "node:fs/promises";
import { dirname, join, relative, resolve } from "node:path";
import {
  ConfigurationError,
  MANIFEST_SCHEMA_VERSION,
  manifest as manifestSchema,
  parseWith,
  type Manifest,
} from "@hil/contracts";
import { readIdfBuild } from "./internal/idf";
import { writeZip } from "./internal/zip";
import { MANIFEST_FILE, requireFullSha } from "./names";
import { sha256File, sha256Hex } from "./verify";
import { BUNDLE_TOOL_VERSION } from "./version";

export interface PackOptions {
  /** ESP-IDF build directory (holds flasher_args.json). */
  buildDir: string;
  /** Where the bundle is written; must not exist or be empty. */
  outDir: string;
  /** The commit the firmware was built from (full SHA). */
  sha: string;
  /** `owner/repo` or GitLab project path, recorded in the manifest. */
  repo?: string;
  /** Build target name when one commit yields several bundles. */
  target?: string;
  /** Extra builder versions to record, e.g. `{ "esptool": "4.8.1" }`. */
  builder?: Record<string, string>;
  /** Build time; default SOURCE_DATE_EPOCH when set (reproducible builds), else now. */
  buildTime?: Date;
  /** Also write the bundle as a zip here (deterministic bytes). */
  zipPath?: string;
}

export interface PackedBundle {
  dir: string;
  manifest: Manifest;
  /** sha256 (hex) of manifest.json: the bundle's identity and the runners' cache key. */
  digest: string;
  /** Files of the bundle relative to `dir`: manifest.json first, then the images by offset. */
  files: string[];
  /** Sum of the image sizes. */
  bytes: number;
  zipPath?: string;
  zipBytes?: number;
}

function defaultBuildTime(): Date {
  const epoch = process.env.SOURCE_DATE_EPOCH;
  if (epoch && /^\d+$/.test(epoch)) return new Date(Number(epoch) * 1000);
  return new Date();
}

/** `2026-11-21T10:09:47Z`: whole seconds, as the manifest contract shows. */
function utc(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** The manifest as stored: stable key order, two-space JSON, trailing newline. */
export function serializeManifest(m: Manifest): string {
  return JSON.stringify(m, null, 2) + "\n";
}

/**
 * Package an ESP-IDF build directory into a firmware bundle: the images at their build-dir
 * paths and a `hil.fw-manifest.v1` manifest.json recording the commit, chip, flash settings,
 * every image's offset/size/sha256, the app description, builder versions and build time.
 */
export async function packBundle(opts: PackOptions): Promise<PackedBundle> {
  const sha = requireFullSha(opts.sha, "The bundle's commit SHA");
  const build = readIdfBuild(opts.buildDir);
  const outDir = resolve(opts.outDir);
  try {
    const existing = await readdir(outDir);
    if (existing.length > 0) {
      throw new ConfigurationError(`The bundle output directory ${outDir} is not empty.`, {
        hint: "Give an empty or new directory; a bundle must hold nothing but its own files.",
      });
    }
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
  }
  await mkdir(outDir, { recursive: true });

  const images: Manifest["images"] = [];
  for (const img of build.images) {
    const dest = join(outDir, img.file);
    await mkdir(dirname(dest), { recursive: true });
    await copyFile(img.path, dest);
    const { size } = await stat(dest);
    if (size === 0) {
      throw new ConfigurationError(`${img.path} is empty.`, {
        hint: "The build did not finish; rebuild.",
      });
    }
    images.push({
      ...(img.name ? { name: img.name } : {}),
      offset: img.offset,
      file: img.file,
      size,
      sha256: await sha256File(dest),
    });
  }

  const builder: Record<string, string> = {};
  if (build.app.idf_version) builder["esp-idf"] = build.app.idf_version;
  builder["hil-actions"] = BUNDLE_TOOL_VERSION;
  Object.assign(builder, opts.builder);

  const buildTime = opts.buildTime ?? defaultBuildTime();
  const draft = {
    schema_version: MANIFEST_SCHEMA_VERSION,
    commit_sha: sha,
    ...(opts.repo ? { repo: opts.repo } : {}),
    ...(opts.target ? { target: opts.target } : {}),
    chip: build.chip,
    flash: build.flash,
    images,
    ...(Object.keys(build.app).length ? { app: build.app } : {}),
    builder,
    build_time: utc(buildTime),
  };
  const manifest = parseWith(
    manifestSchema,
    draft,
    `the manifest for ${build.buildDir}`,
    "Check the partition table and flash size in sdkconfig (images must not overlap or run past the flash).",
  );
  const text = serializeManifest(manifest);
  await writeFile(join(outDir, MANIFEST_FILE), text);

  const files = [MANIFEST_FILE, ...images.map((i) => i.file)];
  const packed: PackedBundle = {
    dir: outDir,
    manifest,
    digest: sha256Hex(text),
    files,
    bytes: images.reduce((n, i) => n + i.size, 0),
  };
  if (opts.zipPath) {
    const zipPath = resolve(opts.zipPath);
    await mkdir(dirname(zipPath), { recursive: true });
    if (!relative(outDir, zipPath).startsWith("..")) {
      throw new ConfigurationError(`The zip ${zipPath} would land inside the bundle ${outDir}.`, {
        hint: "Write the zip next to the bundle directory, not into it.",
      });
    }
    // Zip timestamps start in 1980.
    const mtime = new Date(Math.max(buildTime.getTime(), Date.UTC(1980, 0, 1, 12)));
    await writeZip(outDir, files, zipPath, mtime);
    packed.zipPath = zipPath;
    packed.zipBytes = (await stat(zipPath)).size;
  }
  return packed;
}
