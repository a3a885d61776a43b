import { existsSync, readFileSync } from "node:fs";
import { isAbsolute, join, relative, resolve, sep } from "node:path";
import {
  chip as chipSchema,
  ConfigurationError,
  FLASH_SECTOR,
  flashSize,
  parseWith,
  type Chip,
} from "@hil/contracts";
import { z } from "zod";

/**
 * What an ESP-IDF build directory says about its firmware, read from the files `idf.py build`
 * writes: `flasher_args.json` (offsets, files, flash settings, chip) and
 * `project_description.json` (project name, version, IDF version, target).
 */
export interface IdfBuild {
  buildDir: string;
  chip: Chip;
  flash: {
    mode: "qio" | "qout" | "dio" | "dout" | "keep";
    freq: string;
    size: z.infer<typeof flashSize>;
  };
  images: IdfImage[];
  app: { project_name?: string; version?: string; idf_version?: string };
}

export interface IdfImage {
  /** `bootloader`, `partition-table`, `app`, `otadata`, … when flasher_args.json names it. */
  name?: string;
  offset: number;
  /** Path relative to the build dir, forward slashes: also its path inside the bundle. */
  file: string;
  /** Absolute path on disk. */
  path: string;
}

const HINT_REBUILD =
  "Run `idf.py build` first (or let actions/build or `hil bundle --command` run it), and point the build dir at the directory that holds flasher_args.json.";

const hexOffset = z
  .string()
  .regex(/^(0x[0-9a-fA-F]+|\d+)$/, "expected a flash offset like 0x10000")
  .transform((s) => Number(s));

/** An entry such as `"app": { "offset": "0x10000", "file": "app.bin", "encrypted": "false" }`. */
const namedEntry = z.object({ offset: hexOffset, file: z.string().min(1) }).loose();

/** The subset of ESP-IDF's flasher_args.json we use; other fields are kept and ignored. */
const flasherArgs = z
  .object({
    flash_settings: z
      .object({
        flash_mode: z.string(),
        flash_freq: z.string(),
        flash_size: z.string(),
      })
      .loose(),
    flash_files: z.record(z.string(), z.string().min(1)).refine((f) => Object.keys(f).length > 0, {
      message: "lists no files",
    }),
    extra_esptool_args: z
      .object({ chip: z.string().optional(), stub: z.unknown().optional() })
      .loose()
      .optional(),
  })
  .loose();

const projectDescription = z
  .object({
    project_name: z.string().optional(),
    project_version: z.string().optional(),
    /** ESP-IDF writes its own version (IDF_VER) here. */
    git_revision: z.string().optional(),
    target: z.string().optional(),
  })
  .loose();

function readJson(path: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new ConfigurationError(`Cannot read ${what} ${path}: ${(e as Error).message}`, {
      hint: HINT_REBUILD,
    });
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new ConfigurationError(`${path} is not valid JSON: ${(e as Error).message}`, {
      hint: "The file is written by ESP-IDF; rebuild to regenerate it.",
    });
  }
}

/** A path from flasher_args.json made relative to the build dir, or refused if it leaves it. */
function inBuildDir(
  buildDir: string,
  file: string,
  source: string,
): { file: string; path: string } {
  const abs = isAbsolute(file) ? resolve(file) : resolve(buildDir, file);
  const rel = relative(buildDir, abs);
  if (rel === "" || rel.startsWith("..") || isAbsolute(rel)) {
    throw new ConfigurationError(
      `${source} lists ${file}, which is outside the build directory ${buildDir}.`,
      {
        hint: "A bundle only carries files from the build directory; generate extra images (SPIFFS, NVS) into the build dir.",
      },
    );
  }
  return { file: rel.split(sep).join("/"), path: abs };
}

/** Read an ESP-IDF build directory. Every problem names the file and what to do. */
export function readIdfBuild(buildDirIn: string): IdfBuild {
  const buildDir = resolve(buildDirIn);
  const argsPath = join(buildDir, "flasher_args.json");
  if (!existsSync(argsPath)) {
    throw new ConfigurationError(
      `${buildDir} is not an ESP-IDF build directory: flasher_args.json is missing.`,
      { hint: HINT_REBUILD },
    );
  }
  const args = parseWith(
    flasherArgs,
    readJson(argsPath, "flasher_args.json"),
    argsPath,
    "The file is written by ESP-IDF (idf.py build); rebuild to regenerate it.",
  );

  const descPath = join(buildDir, "project_description.json");
  const desc = existsSync(descPath)
    ? parseWith(projectDescription, readJson(descPath, "project_description.json"), descPath)
    : {};

  // Names for offsets, from the named entries (`bootloader`, `app`, `partition-table`, `otadata`, …).
  const names = new Map<number, string>();
  for (const [key, value] of Object.entries(args)) {
    if (["flash_settings", "flash_files", "extra_esptool_args", "write_flash_args"].includes(key))
      continue;
    const entry = namedEntry.safeParse(value);
    if (entry.success) names.set(entry.data.offset, key);
  }

  const images: IdfImage[] = [];
  for (const [offsetText, fileText] of Object.entries(args.flash_files)) {
    const offset = hexOffset.safeParse(offsetText);
    if (!offset.success) {
      throw new ConfigurationError(
        `${argsPath}: flash_files has "${offsetText}", which is not a flash offset like 0x10000.`,
        { hint: "The file is written by ESP-IDF; rebuild to regenerate it." },
      );
    }
    if (offset.data % FLASH_SECTOR !== 0) {
      throw new ConfigurationError(
        `${argsPath}: ${fileText} is at ${offsetText}, which is not a multiple of 0x1000 (a flash sector).`,
        { hint: "Fix the partition table so every partition starts on a 4 KiB boundary." },
      );
    }
    const { file, path } = inBuildDir(buildDir, fileText, argsPath);
    if (!existsSync(path)) {
      throw new ConfigurationError(
        `${argsPath} lists ${file} at ${offsetText}, but ${path} does not exist.`,
        { hint: HINT_REBUILD },
      );
    }
    const name = names.get(offset.data);
    images.push({ ...(name ? { name } : {}), offset: offset.data, file, path });
  }
  images.sort((a, b) => a.offset - b.offset);

  const chipText = args.extra_esptool_args?.chip ?? desc.target;
  if (!chipText) {
    throw new ConfigurationError(
      `${argsPath} does not say which chip the firmware is for (extra_esptool_args.chip), and there is no project_description.json target.`,
      { hint: "Build with ESP-IDF v4.3 or newer, which records the chip, or set IDF_TARGET." },
    );
  }
  const chip = parseWith(chipSchema, chipText, `${argsPath}: extra_esptool_args.chip`);
  if (desc.target && desc.target !== chip) {
    throw new ConfigurationError(
      `${argsPath} is for ${chip} but ${descPath} says the target is ${desc.target}.`,
      { hint: "The build directory mixes two targets; run `idf.py fullclean build`." },
    );
  }

  const fs = args.flash_settings;
  const flash = parseWith(
    z
      .object({
        mode: z.enum(["qio", "qout", "dio", "dout", "keep"]),
        freq: z.string().regex(/^(\d+m|keep)$/, "expected a flash frequency like 40m or 80m"),
        size: flashSize,
      })
      .strict(),
    { mode: fs.flash_mode, freq: fs.flash_freq, size: fs.flash_size },
    `${argsPath}: flash_settings`,
  );

  const app: IdfBuild["app"] = {};
  if (desc.project_name) app.project_name = desc.project_name;
  if (desc.project_version) app.version = desc.project_version;
  if (desc.git_revision) app.idf_version = desc.git_revision;

  return { buildDir, chip, flash, images, app };
}
