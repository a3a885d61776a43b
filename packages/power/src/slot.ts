import {
  ConfigurationError,
  type Inventory,
  type PowerConfig,
  type PowerCycleResult,
  type Slot,
} from "@hil/contracts";
import type { Host } from "@hil/host";
import { underSlotLease, type JobContext } from "@hil/lease";
import { SerialConsole, type Console } from "@hil/serial";
import { runPowerCycle, type BootWatch } from "./cycle";
import { HomeAssistantPower } from "./home-assistant/power";
import type { Power } from "./power";
import { cooldownLeftMs, lastCycle, recordCycleEnd, withCycleLock } from "./state";
import { sleep } from "./power";

/** The ROM's reset line after power-on: `rst:0x1 (POWERON_RESET)` (ESP32), `rst:0x1 (POWERON)` (S3, C3…). */
export const DEFAULT_BOOT_PATTERN = /rst:0x1 \(POWERON/;
export const DEFAULT_BOOT_TIMEOUT_SEC = 15;
/** How long a cycle requested outside the holding job waits for the slot's lease. */
export const DEFAULT_LEASE_WAIT_SEC = 60;

/** Per-call changes to the slot's `power:` settings. */
export type PowerOverrides = Partial<
  Pick<PowerConfig, "off_sec" | "settle_sec" | "timeout_sec" | "max_retries" | "cooldown_sec">
>;

export interface WaitForBootOptions {
  /** What the boot banner looks like. Default DEFAULT_BOOT_PATTERN. */
  pattern?: RegExp;
  /** Seconds from power-on. Default 15. */
  timeoutSec?: number;
  /** A console the caller already has open (hil-test); else the slot's port is opened for the cycle. */
  console?: Console;
}

export interface SlotPowerOptions {
  env?: NodeJS.ProcessEnv;
  /** The Home Assistant token; default: the variable the slot's power.token_env names. */
  token?: string;
  /** Where `token` came from, for hints (default "the ha-token input" when given, else the variable). */
  tokenSource?: string;
  /** Masks the token; gets debug lines. */
  host?: Pick<Host, "maskSecret" | "debug">;
  overrides?: PowerOverrides;
}

export interface CycleSlotPowerOptions extends SlotPowerOptions {
  inventory: Inventory;
  /** The slot (id or inventory entry). */
  slot: string | Slot;
  /** The step asking, as the journal names it: `hil-flash`, `hil-test`, `ha-power-cycle`. */
  step: string;
  /** Why, for the log, the result and the journal: `board not answering after hard reset`. */
  reason?: string;
  host: Host;
  /** Wait for the board's boot banner on its console after power returns. */
  waitForBoot?: boolean | WaitForBootOptions;
  /** Seconds to wait when someone outside the job holds the slot. Default 60. */
  leaseWaitSec?: number;
  /** Cancellation (the job's cancel flag, a runner signal). Power is restored before it rejects. */
  signal?: AbortSignal;
  /** The hardware job, as the step wrapper resolved it (StepContext.job; null: none). Default: looked up. */
  job?: JobContext | null;
  /** Use this driver instead of the slot's (another relay backend, tests). */
  power?: Power;
  /** Pause after failed attempt n, ms (default 1, 2, 4… s, at most 8 s). */
  retryDelayMs?: (failedAttempt: number) => number;
  /**
   * Record the cycle as a `power_cycle` recovery event in the job's journal (default true).
   * Callers that journal their own recovery rungs (the flasher's ladder, hil-test) turn it off,
   * so a cycle is counted once.
   */
  journal?: boolean;
}

/** The slot's inventory entry, or a ConfigurationError listing the slots there are. */
export function findSlot(inventory: Inventory, slot: string | Slot): Slot {
  if (typeof slot !== "string") return slot;
  const s = inventory.slots.find((x) => x.id === slot);
  if (!s)
    throw new ConfigurationError(
      `There is no slot "${slot}" in the inventory; it has ${inventory.slots.map((x) => x.id).join(", ")}.`,
      { hint: "Pass one of those (--slot, the slot input or HIL_SLOT)." },
    );
  return s;
}

/** The slot's power settings with overrides applied, or a ConfigurationError when it has none. */
export function slotPowerConfig(slot: Slot, overrides: PowerOverrides = {}): PowerConfig {
  if (!slot.power)
    throw new ConfigurationError(
      `Slot ${slot.id} has no power configured, so it cannot be power-cycled.`,
      {
        hint: `Add a power: block to ${slot.id} in the slot inventory (url, token_env, entity; see docs/power.md), or leave power cycles out for this slot.`,
      },
    );
  const cfg = { ...slot.power };
  for (const [k, v] of Object.entries(overrides))
    if (v !== undefined) (cfg as Record<string, unknown>)[k] = v;
  return cfg;
}

/** Whether the slot can be power-cycled at all (it has a `power:` block). */
export function hasPower(slot: Slot): boolean {
  return slot.power !== undefined;
}

function tokenFor(
  slot: Slot,
  cfg: PowerConfig,
  o: SlotPowerOptions,
): { token: string; source: string } {
  if (o.token) return { token: o.token, source: o.tokenSource ?? "the ha-token input" };
  const env = o.env ?? process.env;
  const token = env[cfg.token_env];
  if (!token)
    throw new ConfigurationError(
      `The Home Assistant token variable ${cfg.token_env} (named by ${slot.id}'s power.token_env) is not set.`,
      {
        hint: `Put a long-lived access token (Home Assistant: your profile → Security → Long-lived access tokens) in the runner's environment as ${cfg.token_env}=…, or pass it as the action's ha-token input from a secret.`,
      },
    );
  return { token, source: o.tokenSource ?? `the variable ${cfg.token_env}` };
}

/**
 * The slot's Power driver (Home Assistant today), built from its `power:` block. The token is
 * masked through `host` before anything can print it. Close it when done.
 */
export function slotPower(slot: Slot, o: SlotPowerOptions = {}): Power {
  const cfg = slotPowerConfig(slot, o.overrides);
  const { token, source } = tokenFor(slot, cfg, o);
  o.host?.maskSecret(token);
  const debug = o.host ? (l: string) => o.host!.debug(l) : undefined;
  // One case per relay backend the inventory's power.driver can name.
  switch (cfg.driver) {
    case "home-assistant":
      break;
    default:
      throw new ConfigurationError(
        `Slot ${slot.id}'s power.driver "${String(cfg.driver)}" is not one this version of hil knows.`,
        { hint: "Use driver: home-assistant (the default)." },
      );
  }
  return new HomeAssistantPower({
    url: cfg.url,
    token,
    tokenSource: source,
    entity: cfg.entity,
    timeoutMs: cfg.timeout_sec * 1000,
    ...(debug ? { debug } : {}),
  });
}

/** Longest a cycle with these settings can take, ms (for waits that must outlast one). */
export function cycleBudgetMs(cfg: PowerConfig, bootTimeoutSec = 0): number {
  const attempt =
    (3 * cfg.timeout_sec + cfg.off_sec + cfg.settle_sec + bootTimeoutSec + cfg.cooldown_sec) * 1000;
  return (cfg.max_retries + 1) * (attempt + 8000) + cfg.timeout_sec * 1000;
}

function withSignals(...signals: (AbortSignal | undefined)[]): AbortSignal | undefined {
  const s = signals.filter((x): x is AbortSignal => !!x);
  return s.length === 0 ? undefined : s.length === 1 ? s[0] : AbortSignal.any(s);
}

function journalDetail(r: PowerCycleResult): string {
  const head = r.reason ? `${r.reason}: ` : "";
  const tries = `${r.attempts} attempt${r.attempts === 1 ? "" : "s"}`;
  const took = `${(r.timings.total_ms / 1000).toFixed(1)} s`;
  const body =
    r.result === "ok"
      ? `power cycled in ${took} (${tries})`
      : `${r.result} after ${tries}, ${took}: ${r.error}` +
        (r.power_restored === true
          ? "; power restored"
          : r.power_restored === false
            ? "; power NOT restored"
            : "");
  return (head + body).slice(0, 1000);
}

function recordInJournal(
  job: JobContext | undefined,
  step: string,
  r: PowerCycleResult,
  host: Host,
): void {
  if (!job) return;
  try {
    job.journal.append({
      type: "recovery",
      step,
      event: {
        at: r.ended_utc,
        action: "power_cycle",
        step,
        result: r.result,
        detail: host.redact(journalDetail(r)),
      },
    });
  } catch (e) {
    host.warn(`Could not record the power cycle in ${job.journal.path}: ${(e as Error).message}`);
  }
}

/**
 * Power-cycle a slot: the one function the ha-power-cycle action, `hil power-cycle`, the
 * flasher's recovery ladder and hil-test call.
 *
 * Under the slot's lease (a step of the holding job runs at once; anyone else waits up to
 * `leaseWaitSec`, then fails naming the holder) and the slot's power lock, after the slot's
 * cooldown (remembered in `<state_dir>/power/<slot>.json`), it runs off → off_sec → on →
 * settle_sec → (boot banner), retried up to max_retries times, restoring power when a failure
 * leaves the board dark, and records a `power_cycle` recovery event in the job's journal when
 * there is a job. Resolves with the contract's result (ok / timeout / ha_error); rejects with a
 * ConfigurationError before touching anything when the slot has no power or no token, with the
 * lease's LeaseBusyError / LeaseLostError, or with `signal`'s reason.
 */
export async function cycleSlotPower(o: CycleSlotPowerOptions): Promise<PowerCycleResult> {
  const slot = findSlot(o.inventory, o.slot);
  const cfg = slotPowerConfig(slot, o.overrides);
  const host = o.host;
  const env = o.env ?? process.env;
  const power = o.power ?? slotPower(slot, { ...o, env });
  const boot = o.waitForBoot ? (o.waitForBoot === true ? {} : o.waitForBoot) : undefined;
  const bootTimeoutSec = boot ? (boot.timeoutSec ?? DEFAULT_BOOT_TIMEOUT_SEC) : 0;
  const leaseWaitSec = o.leaseWaitSec ?? DEFAULT_LEASE_WAIT_SEC;
  try {
    return await underSlotLease(
      o.inventory,
      slot.id,
      {
        waitSec: leaseWaitSec,
        env,
        host,
        ...(o.job !== undefined ? { job: o.job } : {}),
        ...(o.signal ? { signal: o.signal } : {}),
      },
      async (scope) => {
        const signal = withSignals(o.signal, scope.signal);
        const jobId = scope.job?.jobId;
        const lockWaitMs = leaseWaitSec * 1000 + cycleBudgetMs(cfg, bootTimeoutSec);
        const result = await withCycleLock(
          o.inventory,
          slot.id,
          {
            waitMs: lockWaitMs,
            ...(signal ? { signal } : {}),
            onWait: () =>
              host.info(`${slot.id}: waiting for another power cycle of this slot to end.`),
          },
          async () => {
            let watch: BootWatch | undefined;
            let opened: SerialConsole | undefined;
            if (boot) {
              const con =
                boot.console ??
                (opened = await SerialConsole.open({
                  port: slot.port,
                  baud: slot.console_baud,
                  reset: slot.reset,
                }));
              watch = {
                console: con,
                pattern: boot.pattern ?? DEFAULT_BOOT_PATTERN,
                timeoutMs: bootTimeoutSec * 1000,
              };
            }
            host.info(
              `${slot.id}: power cycle of ${power.label}${o.reason ? ` (${o.reason})` : ""}` +
                `${scope.mode === "job" ? ` under job ${scope.holder.job_id}'s lease` : ""}: off ${cfg.off_sec} s, settle ${cfg.settle_sec} s, ` +
                `timeout ${cfg.timeout_sec} s, ${cfg.max_retries} ${cfg.max_retries === 1 ? "retry" : "retries"}, cooldown ${cfg.cooldown_sec} s`,
            );
            try {
              return await runPowerCycle(power, {
                slot: slot.id,
                entity: cfg.entity,
                offMs: cfg.off_sec * 1000,
                settleMs: cfg.settle_sec * 1000,
                maxRetries: cfg.max_retries,
                host,
                ...(o.reason ? { reason: o.reason } : {}),
                ...(signal ? { signal } : {}),
                ...(watch ? { boot: watch } : {}),
                ...(o.retryDelayMs ? { retryDelayMs: o.retryDelayMs } : {}),
                beforeCut: async (sig) => {
                  const left = cooldownLeftMs(o.inventory, slot.id, cfg.cooldown_sec);
                  if (left <= 0) return 0;
                  const last = lastCycle(o.inventory, slot.id);
                  const ago = last ? (Date.now() - Date.parse(last.ended_utc)) / 1000 : 0;
                  host.info(
                    `${slot.id}: last power-cycled ${ago.toFixed(1)} s ago; waiting ${(left / 1000).toFixed(1)} s for its ${cfg.cooldown_sec} s cooldown.`,
                  );
                  const at = Date.now();
                  await sleep(left, sig);
                  return Date.now() - at;
                },
                afterCut: (outcome) => {
                  try {
                    recordCycleEnd(o.inventory, slot.id, outcome, jobId);
                  } catch (e) {
                    host.warn(
                      `${slot.id}: could not record the cycle for the cooldown: ${describe(e)}`,
                    );
                  }
                },
              });
            } finally {
              await opened?.close().catch(() => undefined);
            }
          },
        );
        if (o.journal !== false) recordInJournal(scope.job, o.step, result, host);
        const line =
          result.result === "ok"
            ? `${slot.id}: power cycle ok in ${(result.timings.total_ms / 1000).toFixed(2)} s (${result.attempts} attempt${result.attempts === 1 ? "" : "s"})`
            : `${slot.id}: power cycle ${result.result} after ${result.attempts} attempt${result.attempts === 1 ? "" : "s"}: ${result.error}`;
        // A line, not an annotation: the caller decides whether a failed cycle fails anything.
        host.info(line);
        return result;
      },
    );
  } finally {
    if (!o.power) await power.close();
  }
}

const describe = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * What the flasher's recovery ladder (and hil-test) hold: `(reason) => cycleSlotPower(...)` with
 * everything but the reason fixed, or undefined when the slot has no power to cycle. The holder
 * journals the cycle as one rung of its own recovery, so the cycle itself is not journaled here.
 */
export function powerCycler(
  o: Omit<CycleSlotPowerOptions, "reason" | "journal">,
): ((reason: string) => Promise<PowerCycleResult>) | undefined {
  const slot = findSlot(o.inventory, o.slot);
  if (!hasPower(slot)) return undefined;
  return (reason) => cycleSlotPower({ ...o, slot, reason, journal: false });
}
