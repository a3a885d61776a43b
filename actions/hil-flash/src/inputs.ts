import { booleanInput, intInput } from "@hil/actions-kit";
import { z } from "zod";

export const ACTION = "hil-flash";

export const inputs = z.object({
  slot: z.string().optional(),
  inventory: z.string().optional(),
  bundle: z.string().optional(),
  "github-token": z.string().optional(),
  baud: intInput.pipe(z.number().min(9600).max(5_000_000)).optional(),
  "skip-unchanged": booleanInput.default(true),
  verify: booleanInput.default(true),
});

export const OUTPUTS = [
  "chip",
  "mac",
  "port",
  "bytes-written",
  "compressed-bytes",
  "sectors-written",
  "sectors-skipped",
  "seconds",
  "recovery-events",
] as const;
