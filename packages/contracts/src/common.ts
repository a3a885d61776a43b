import { z } from "zod";

/** An instant in UTC, ISO 8601 with a `Z` suffix: `2026-11-21T10:15:00Z` (fractions allowed). */
export const utcTimestamp = z.iso.datetime({
  offset: false,
  error: "expected a UTC timestamp like 2026-11-21T10:15:00Z",
});

/** A full git commit id (SHA-1, or SHA-256 for repositories that use it). */
export const commitSha = z
  .string()
  .regex(/^([0-9a-f]{40}|[0-9a-f]{64})$/, "expected a full lowercase commit SHA (40 hex digits)");

/**
 * A contract's `commit_sha`: a full SHA, or `none` when the job has no commit (the contracts'
 * words: "<git sha or none>"), e.g. a bench run or an infra job.
 */
export const contractCommitSha = z
  .string()
  .regex(
    /^([0-9a-f]{40}|[0-9a-f]{64}|none)$/,
    'expected a full lowercase commit SHA (40 hex digits) or "none"',
  );

/** The commit a contract names, or undefined when it names none. */
export const namedCommit = (sha: string | undefined): string | undefined =>
  sha && sha !== "none" ? sha : undefined;

export const sha256Hex = z
  .string()
  .regex(/^[0-9a-f]{64}$/, "expected a sha256 digest (64 lowercase hex digits)");

/** Chips esptool knows; the simulated HUT models `esp32`. */
export const chip = z.enum([
  "esp32",
  "esp32s2",
  "esp32s3",
  "esp32c2",
  "esp32c3",
  "esp32c5",
  "esp32c6",
  "esp32c61",
  "esp32h2",
  "esp32p4",
]);
export type Chip = z.infer<typeof chip>;

/** Which lane a job runs in (DESIGN.md section 1). */
export const lane = z.enum(["upstream", "local-hil"]);
export type Lane = z.infer<typeof lane>;

export const role = z.enum(["runner", "infra"]);

/** Hardware jobs: default and ceiling of the job timeout (DESIGN.md section 5). */
export const DEFAULT_TIMEOUT_SEC = 1800;
export const MAX_TIMEOUT_SEC = 14400;

/**
 * A path inside a bundle: relative, forward slashes, no `..` segment, nothing absolute.
 * Bundle extraction and manifests both refuse anything that could escape the target dir.
 */
export const safeRelativePath = z
  .string()
  .min(1)
  .refine(
    (p) =>
      !p.startsWith("/") &&
      !p.includes("\\") &&
      !/^[A-Za-z]:/.test(p) &&
      !p.split("/").some((seg) => seg === ".." || seg === ""),
    "expected a relative path inside the bundle (no leading /, no .., no backslashes)",
  );

export const macAddress = z
  .string()
  .regex(/^([0-9A-Fa-f]{2}:){5}[0-9A-Fa-f]{2}$/, "expected a MAC address like 24:6f:28:aa:bb:cc")
  .transform((m) => m.toLowerCase());
