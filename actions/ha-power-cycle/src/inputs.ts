import { booleanInput, intInput, secondsInput } from "@hil/actions-kit";
import { z } from "zod";

export const ACTION = "ha-power-cycle";

export const inputs = z.object({
  slot: z.string().optional(),
  inventory: z.string().optional(),
  "ha-token": z.string().optional(),
  reason: z.string().optional(),
  "off-duration": secondsInput.pipe(z.number().max(600)).optional(),
  "settle-time": secondsInput.pipe(z.number().max(600)).optional(),
  "max-retries": intInput.pipe(z.number().min(0).max(10)).optional(),
  "wait-for-boot": booleanInput.default(false),
  "boot-pattern": z.string().optional(),
  "boot-timeout": secondsInput.pipe(z.number().positive().max(600)).optional(),
  "lease-wait": secondsInput.pipe(z.number().max(14400)).optional(),
  "fail-on-error": booleanInput.default(true),
});

export const OUTPUTS = [
  "result",
  "attempts",
  "http-status",
  "power-restored",
  "duration-ms",
  "result-json",
] as const;
