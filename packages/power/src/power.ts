/**
 * The power protocol (STYLE.md "Hardware behind small interfaces"): what the recovery ladder,
 * hil-test and ha-power-cycle see of a relay. The Home Assistant driver implements it; another
 * relay backend (a PDU, a USB hub's port power) implements the same four calls and nothing
 * that calls them changes.
 */

/** What a relay reports. `unavailable`: it is known but cannot be reached; `unknown`: anything else. */
export type PowerState = "on" | "off" | "unavailable" | "unknown";

export interface PowerCallOptions {
  /** Stop waiting (cancellation, a lost lease). Each call also has its own deadline. */
  signal?: AbortSignal;
}

export interface PowerCycleTimings {
  /** Switching off until the relay confirmed it. */
  offMs: number;
  /** Confirmed off until switching on. */
  unpoweredMs: number;
  /** Switching on until the relay confirmed it. */
  onMs: number;
  settleMs: number;
}

export interface CycleCallOptions extends PowerCallOptions {
  /** How long the board stays unpowered, ms. */
  offMs: number;
  /** How long to wait after power returns, ms. */
  settleMs: number;
  /** Called right before power is switched back on (e.g. to mark the console). */
  beforeOn?: () => void;
}

export interface Power {
  /** What is switched, for messages: `switch.hut_01_power on Home Assistant http://ha.lab:8123`. */
  readonly label: string;
  /** The state the relay reports now. */
  state(options?: PowerCallOptions): Promise<PowerState>;
  /** Switch on and wait until the relay confirms it; resolves with the milliseconds it took. */
  on(options?: PowerCallOptions): Promise<number>;
  /** Switch off and wait until the relay confirms it; resolves with the milliseconds it took. */
  off(options?: PowerCallOptions): Promise<number>;
  /** Off, wait, on, settle: one attempt, no retries (see cycleSlotPower for the full policy). */
  cycle(options: CycleCallOptions): Promise<PowerCycleTimings>;
  /** Release connections. */
  close(): Promise<void>;
}

/** Resolve after `ms`, or reject with the signal's reason when it aborts first. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(signal.reason as Error);
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason as Error);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** `cycle` for any driver in terms of its on/off: off, wait offMs, on, wait settleMs. */
export async function cycleWith(power: Power, o: CycleCallOptions): Promise<PowerCycleTimings> {
  const call = o.signal ? { signal: o.signal } : {};
  const offMs = await power.off(call);
  const dark = Date.now();
  await sleep(o.offMs, o.signal);
  o.beforeOn?.();
  const unpoweredMs = Date.now() - dark;
  const onMs = await power.on(call);
  const settled = Date.now();
  await sleep(o.settleMs, o.signal);
  return { offMs, unpoweredMs, onMs, settleMs: Date.now() - settled };
}
