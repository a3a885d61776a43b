import { z } from "zod";
import { chip, commitSha, safeRelativePath, sha256Hex, utcTimestamp } from "./common";

export const MANIFEST_SCHEMA_VERSION = "hil.fw-manifest.v1";
export const FLASH_SECTOR = 0x1000;

export const flashSize = z.enum([
  "1MB",
  "2MB",
  "4MB",
  "8MB",
  "16MB",
  "32MB",
  "64MB",
  "128MB",
  "keep",
  "detect",
]);

/** Bytes in a flash size such as `4MB`; `undefined` for `keep`/`detect`. */
export function flashSizeBytes(size: string): number | undefined {
  const m = /^(\d+)MB$/.exec(size);
  return m ? Number(m[1]) * 1024 * 1024 : undefined;
}

export const manifestImage = z
  .object({
    /** What the image is, e.g. `bootloader`, `partition-table`, `app`. */
    name: z.string().min(1).optional(),
    /** Flash offset, a multiple of the 4 KiB sector. */
    offset: z
      .int()
      .min(0)
      .refine((o) => o % FLASH_SECTOR === 0, "expected a multiple of 0x1000 (flash sector)"),
    /** Path of the image inside the bundle. */
    file: safeRelativePath,
    size: z.int().positive(),
    sha256: sha256Hex,
  })
  .strict();
export type ManifestImage = z.infer<typeof manifestImage>;

/** The firmware bundle manifest: what the upstream lane built, for which commit. */
export const manifest = z
  .object({
    schema_version: z.literal(MANIFEST_SCHEMA_VERSION),
    commit_sha: commitSha,
    repo: z.string().min(1).optional(),
    /** Build target name when one commit yields several bundles (e.g. `esp32-devkit`). */
    target: z.string().min(1).optional(),
    chip,
    flash: z
      .object({
        mode: z.enum(["qio", "qout", "dio", "dout", "keep"]),
        freq: z.string().regex(/^(\d+m|keep)$/, "expected a flash frequency like 40m or 80m"),
        size: flashSize,
      })
      .strict(),
    images: z.array(manifestImage).min(1, "a bundle needs at least one image"),
    /** The application's description (ESP-IDF `esp_app_desc_t` / project_description.json). */
    app: z
      .object({
        project_name: z.string().optional(),
        version: z.string().optional(),
        idf_version: z.string().optional(),
      })
      .strict()
      .optional(),
    /** Tool versions that built the bundle, e.g. `{ "esp-idf": "v5.3.1", "hil-actions": "0.1.0" }`. */
    builder: z.record(z.string(), z.string()),
    build_time: utcTimestamp,
  })
  .strict()
  .superRefine((m, ctx) => {
    const order = m.images
      .map((img, i) => ({ img, i }))
      .sort((a, b) => a.img.offset - b.img.offset);
    for (let k = 1; k < order.length; k++) {
      const prev = order[k - 1]!;
      const cur = order[k]!;
      if (prev.img.offset + prev.img.size > cur.img.offset) {
        ctx.addIssue({
          code: "custom",
          path: ["images", cur.i, "offset"],
          message: `0x${cur.img.offset.toString(16)} overlaps ${prev.img.file} (0x${prev.img.offset.toString(16)}..0x${(prev.img.offset + prev.img.size).toString(16)})`,
        });
      }
    }
    const files = new Set<string>();
    m.images.forEach((img, i) => {
      if (files.has(img.file)) {
        ctx.addIssue({
          code: "custom",
          path: ["images", i, "file"],
          message: `"${img.file}" is listed twice`,
        });
      }
      files.add(img.file);
    });
    const bytes = flashSizeBytes(m.flash.size);
    if (bytes !== undefined) {
      m.images.forEach((img, i) => {
        if (img.offset + img.size > bytes) {
          ctx.addIssue({
            code: "custom",
            path: ["images", i],
            message: `${img.file} ends at 0x${(img.offset + img.size).toString(16)}, past the ${m.flash.size} flash`,
          });
        }
      });
    }
  });
export type Manifest = z.infer<typeof manifest>;
