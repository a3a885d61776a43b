import { booleanInput } from "@hil/actions-kit";
import { z } from "zod";

export const ACTION = "report-status";

export const inputs = z.object({
  slot: z.string().optional(),
  inventory: z.string().optional(),
  "job-dir": z.string().optional(),
  "github-token": z.string().optional(),
  context: z.string().max(255).optional(),
  "check-run": booleanInput.default(false),
  "job-status": z
    .enum(["success", "failure", "cancelled"], {
      error: "expected success, failure or cancelled (pass ${{ job.status }})",
    })
    .optional(),
  "report-path": z.string().optional(),
  "fail-on-publish-error": booleanInput.default(true),
});

export const OUTPUTS = ["status", "state", "report-path", "published"] as const;
