import { z } from "zod";
import { utcTimestamp } from "./common";

/** Outcome of a power cycle: exactly one of these (DESIGN.md section 2, ha-power-cycle). */
export const powerCycleOutcome = z.enum(["ok", "timeout", "ha_error"]);
export type PowerCycleOutcome = z.infer<typeof powerCycleOutcome>;

export const powerCycleResult = z
  .object({
    result: powerCycleOutcome,
    slot: z.string().min(1),
    entity: z.string().min(1),
    /** Why the cycle was asked for (a recovery ladder's reason, a workflow's note). */
    reason: z.string().optional(),
    attempts: z.int().min(1),
    /** HTTP status of the failing Home Assistant call, for `ha_error`. */
    http_status: z.int().min(100).max(599).optional(),
    /** What went wrong, for `timeout` and `ha_error` (never contains the token). */
    error: z.string().optional(),
    /** After a failure: whether power was restored to the board (best effort). */
    power_restored: z.boolean().optional(),
    started_utc: utcTimestamp,
    ended_utc: utcTimestamp,
    timings: z
      .object({
        /** turn_off sent → the relay reports off (last attempt). */
        off_ms: z.number().min(0).optional(),
        /** The relay reported off → turn_on sent: how long the board was dark. */
        unpowered_ms: z.number().min(0).optional(),
        /** turn_on sent → the relay reports on. */
        on_ms: z.number().min(0).optional(),
        /** Waited after power returned (settle time). */
        settle_ms: z.number().min(0).optional(),
        /** turn_on sent → the boot banner on the console, when it was awaited. */
        boot_ms: z.number().min(0).optional(),
        /** Waited for the slot's cooldown before cutting power. */
        cooldown_ms: z.number().min(0).optional(),
        /** The whole call, retries included. */
        total_ms: z.number().min(0),
      })
      .strict(),
  })
  .strict()
  .superRefine((r, ctx) => {
    if (r.result === "ok" && r.error) {
      ctx.addIssue({
        code: "custom",
        path: ["error"],
        message: "must be absent when result is ok",
      });
    }
    if (r.result !== "ok" && !r.error) {
      ctx.addIssue({
        code: "custom",
        path: ["error"],
        message: `is required when result is ${r.result}`,
      });
    }
  });
export type PowerCycleResult = z.infer<typeof powerCycleResult>;
