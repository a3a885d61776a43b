import { intInput } from "@hil/actions-kit";
import { z } from "zod";

export const ACTION = "build";

export const inputs = z.object({
  "build-dir": z.string().default("build"),
  command: z.string().optional(),
  "working-directory": z.string().default("."),
  "artifact-name": z
    .string()
    .regex(
      /^[^"<>|*?\\/:\r\n]+$/,
      'expected an artifact name without " : < > | * ? \\ / or newlines',
    )
    .optional(),
  target: z
    .string()
    .regex(/^[A-Za-z0-9._-]+$/, "expected a target name like esp32-devkit")
    .optional(),
  sha: z
    .string()
    .regex(/^[0-9a-f]{40}$/, "expected a full commit SHA (40 hex digits)")
    .optional(),
  "retention-days": intInput.pipe(z.number().min(1).max(90)).optional(),
});

export const OUTPUTS = [
  "artifact-id",
  "artifact-name",
  "manifest-digest",
  "bundle-dir",
  "sha",
] as const;
