import { booleanInput, secondsInput } from "@hil/actions-kit";
import { z } from "zod";

export const ACTION = "ha-power-cycle";

export const inputs = z.object({
  slot: z.string().optional(),
  inventory: z.string().optional(),
  "ha-token": z.string().optional(),
  "off-duration": secondsInput.pipe(z.number().max(600)).optional(),
  "settle-time": secondsInput.pipe(z.number().max(600)).optional(),
  "wait-for-boot": booleanInput.default(false),
  "fail-on-error": booleanInput.default(true),
});

export const OUTPUTS = ["result", "attempts", "http-status", "duration-ms"] as const;
