import { parseWith, powerCycleResult, type PowerCycleResult } from "@hil/contracts";
import type { Host } from "@hil/host";
import type { Console } from "@hil/serial";
import { PowerError } from "./errors";
import { sleep, type Power, type PowerState } from "./power";

/** Watch the console for the boot banner after power returns. */
export interface BootWatch {
  console: Pick<Console, "received" | "waitFor">;
  pattern: RegExp;
  /** From turn_on, ms. */
  timeoutMs: number;
}

export interface RunPowerCycleOptions {
  slot: string;
  /** What the result names as switched (the relay entity). */
  entity: string;
  offMs: number;
  settleMs: number;
  /** Further attempts after a failed one (the slot's max_retries). */
  maxRetries: number;
  reason?: string;
  host: Pick<Host, "info" | "warn" | "error" | "debug">;
  /** Cancellation, a lost lease: stops waiting; power is still restored before it rethrows. */
  signal?: AbortSignal;
  /** Before each cut: wait out the slot's cooldown; resolves with the ms waited. */
  beforeCut?: (signal?: AbortSignal) => Promise<number>;
  /** After each attempt that cut the power (the cooldown counts from here). */
  afterCut?: (outcome: PowerCycleResult["result"]) => void;
  boot?: BootWatch;
  /** Pause after failed attempt n, ms. Default 1 s, 2 s, 4 s, … at most 8 s. */
  retryDelayMs?: (failedAttempt: number) => number;
}

const secs = (ms: number) => `${+(ms / 1000).toFixed(2)} s`;

export const defaultRetryDelayMs = (n: number) => Math.min(1000 * 2 ** (n - 1), 8000);

type Timings = Omit<PowerCycleResult["timings"], "total_ms">;

/**
 * One power cycle of a slot through any Power driver, with the policy around it: read the
 * state first (an unknown entity or a refused token fails before anything is switched), wait out
 * the cooldown, off → off time → on → settle time → (boot banner), retry what may pass (timeouts,
 * 5xx, refused connections) up to `maxRetries` more times, and if it fails while the board is
 * dark, switch it back on when it was on before, saying so in `power_restored` and the log.
 * Resolves with the contract's result (`ok` / `timeout` / `ha_error`); rejects only when
 * `signal` aborts (after restoring power) or on a bug.
 */
export async function runPowerCycle(
  power: Power,
  o: RunPowerCycleOptions,
): Promise<PowerCycleResult> {
  const started = Date.now();
  const startedUtc = new Date(started).toISOString();
  const host = o.host;
  const call = o.signal ? { signal: o.signal } : {};
  const delay = o.retryDelayMs ?? defaultRetryDelayMs;
  let prior: PowerState | undefined;
  /** Between sending turn_off and a confirmed turn_on: the board may be unpowered because of us. */
  let dark = false;
  let attempts: number;
  let cooldownMs = 0;
  let t: Timings = {};
  let failure: PowerError | undefined;

  const attempt = async (): Promise<void> => {
    t = {};
    if (prior === undefined) {
      prior = await power.state(call);
      host.info(`${o.slot}: ${power.label} reports ${prior}`);
    }
    if (o.beforeCut) cooldownMs += await o.beforeCut(o.signal);
    let cut = false;
    try {
      dark = cut = true; // the call may switch the relay even if its answer never comes
      t.off_ms = await power.off(call);
      const darkAt = Date.now();
      host.info(`${o.slot}: off (confirmed in ${t.off_ms} ms); power returns in ${secs(o.offMs)}`);
      await sleep(o.offMs, o.signal);
      const mark = o.boot?.console.received;
      t.unpowered_ms = Date.now() - darkAt;
      const onAt = Date.now();
      t.on_ms = await power.on(call);
      dark = false;
      host.info(`${o.slot}: on (confirmed in ${t.on_ms} ms); settling ${secs(o.settleMs)}`);
      const settleAt = Date.now();
      await sleep(o.settleMs, o.signal);
      t.settle_ms = Date.now() - settleAt;
      if (o.boot) {
        const b = o.boot;
        let line;
        try {
          line = await b.console.waitFor(b.pattern, {
            from: mark ?? 0,
            timeoutMs: Math.max(1, b.timeoutMs - (Date.now() - onAt)),
          });
        } catch (e) {
          if (o.signal?.aborted) throw o.signal.reason as Error;
          throw new PowerError(
            `${o.slot}: power is back, but the board printed no boot banner matching ${b.pattern} within ${secs(b.timeoutMs)} (${(e as Error).message})`,
            {
              outcome: "timeout",
              retryable: true,
              hint: "Is slots[].port the board's console at console_baud, and does its firmware print the ROM banner? Turn the boot check off (wait-for-boot: false) if it cannot be seen.",
            },
          );
        }
        t.boot_ms = Math.max(0, line.at - onAt);
        host.info(`${o.slot}: booted ${t.boot_ms} ms after power returned: ${line.text}`);
      }
      o.afterCut?.("ok");
    } catch (e) {
      if (cut) o.afterCut?.(e instanceof PowerError ? e.outcome : "timeout");
      throw e;
    }
  };

  const restore = async (): Promise<boolean | undefined> => {
    if (!dark) return undefined;
    if (prior === "off") {
      host.warn(
        `${o.slot}: the cycle failed with the relay possibly off; it was off before, so it is left as it is.`,
      );
      return undefined;
    }
    host.warn(
      `${o.slot}: the board may be without power because the cycle failed; switching it back on.`,
    );
    try {
      // Not under the caller's signal: a cancelled or lost job must not leave the board dark.
      const ms = await power.on();
      host.info(`${o.slot}: power restored (confirmed in ${ms} ms).`);
      return true;
    } catch (e) {
      host.error(
        `${o.slot}: could not restore power (${(e as Error).message}). The board may be off: switch ${power.label} on by hand.`,
      );
      return false;
    }
  };

  try {
    for (attempts = 1; ; attempts++) {
      try {
        await attempt();
        failure = undefined;
        break;
      } catch (e) {
        if (!(e instanceof PowerError)) throw e;
        failure = e;
        const last = !e.retryable || attempts > o.maxRetries;
        const why = !e.retryable
          ? "not retried: another attempt would fail the same way"
          : last
            ? "no retries left"
            : `retrying in ${secs(delay(attempts))}`;
        host.warn(
          `${o.slot}: attempt ${attempts} of ${o.maxRetries + 1} failed: ${e.message} (${why})`,
        );
        if (last) break;
        await sleep(delay(attempts), o.signal);
      }
    }
  } catch (e) {
    await restore();
    throw e;
  }
  const restored = failure ? await restore() : undefined;
  if (failure?.hint) host.info(`${o.slot}: ${failure.hint}`);

  const ended = Date.now();
  const timings: PowerCycleResult["timings"] = { total_ms: ended - started };
  for (const [k, v] of Object.entries(t)) if (v !== undefined) timings[k as keyof Timings] = v;
  if (cooldownMs > 0) timings.cooldown_ms = cooldownMs;
  const result: PowerCycleResult = {
    result: failure ? failure.outcome : "ok",
    slot: o.slot,
    entity: o.entity,
    ...(o.reason ? { reason: o.reason } : {}),
    attempts,
    ...(failure?.httpStatus !== undefined ? { http_status: failure.httpStatus } : {}),
    ...(failure ? { error: failure.message } : {}),
    ...(restored !== undefined ? { power_restored: restored } : {}),
    started_utc: startedUtc,
    ended_utc: new Date(ended).toISOString(),
    timings,
  };
  return parseWith(powerCycleResult, result, `the power-cycle result of ${o.slot}`);
}
