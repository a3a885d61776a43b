import { booleanInput, secondsInput } from "@hil/actions-kit";
import { z } from "zod";

export const ACTION = "hil-test";

export const inputs = z.object({
  slot: z.string().optional(),
  inventory: z.string().optional(),
  timeout: secondsInput.pipe(z.number().positive().max(14400)).default(300),
  "inactivity-timeout": secondsInput.pipe(z.number().positive()).default(60),
  expect: z.string().optional(),
  fail: z.string().optional(),
  unity: booleanInput.default(true),
  "unity-menu": z.string().optional(),
  "power-cycle": booleanInput.default(false),
  "out-dir": z.string().optional(),
  "source-root": z.string().optional(),
  "show-console": booleanInput.default(true),
  "slot-wait": secondsInput.pipe(z.number().max(14400)).default(60),
});

export const OUTPUTS = [
  "status",
  "tests",
  "passed",
  "failed",
  "ignored",
  "junit",
  "console-log",
  "failure-kind",
] as const;
