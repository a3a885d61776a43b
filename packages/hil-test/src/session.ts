import {
  ConfigurationError,
  describeError,
  HilError,
  type PowerCycleResult,
  type RecoveryEvent,
  type Slot,
} from "@hil/contracts";
import type { Host } from "@hil/host";
import {
  ConsoleJudge,
  type ConsoleLine,
  type ConsoleLog,
  type JudgeEvent,
  type JudgeOptions,
  type JudgeResult,
  judgeConsole,
} from "@hil/judge";
import type { SerialDevice } from "@hil/serial";
import { BoardConsole } from "./console";

/**
 * Cut and restore the slot's power (the power-cycle library, injected so this package does not
 * depend on it). `reason` says why, for its log. The caller journals the power cycle as a
 * `recovery` entry; the callback should not.
 */
export type PowerCycler = (reason: string) => Promise<PowerCycleResult>;

/** What the judge is told, minus what the session decides (start, resets, the log). */
export type JudgeSettings = Pick<
  JudgeOptions,
  | "timeoutMs"
  | "inactivityMs"
  | "expect"
  | "fail"
  | "unity"
  | "unityMenu"
  | "relativize"
  | "bootLoopBoots"
  | "bootLoopWindowMs"
  | "crashGraceMs"
  | "unitySettleMs"
>;

/** How the board was brought into the app before reading. */
export type ResetMethod = "reset" | "power" | "none";

/** Milliseconds since the session began (opening the port) at which things happened. */
export interface SessionTimings {
  /** The port is open. */
  portOpenMs?: number;
  /** The reset (or power cycle) is done and judging starts. */
  resetDoneMs?: number;
  firstByteMs?: number;
  /** The first byte once the reset (or power cycle) was done: the board booting. */
  bootByteMs?: number;
  firstLineMs?: number;
  appStartedMs?: number;
  endMs?: number;
}

export interface BoardSessionOptions {
  slot: Slot;
  host: Host;
  judge: JudgeSettings;
  /** Where every console line goes, timestamped (and `#hil` notes of what the driver did). */
  log: ConsoleLog;
  /** Reset by power instead of the slot's reset strategy. Needs `power` and the slot's `power:`. */
  powerCycle?: boolean;
  power?: PowerCycler;
  /** Show each console line in the step's log as it arrives (default true). */
  echo?: boolean;
  /**
   * The job's cancellation flag (or the step being interrupted): polled every `pollMs` while
   * reading; returns why once cancelled.
   */
  cancelled?: () => string | undefined;
  /** How often `cancelled` is polled (default 250 ms). */
  pollMs?: number;
  /** Aborted when the slot's lease is lost: the board is someone else's now. */
  leaseSignal?: AbortSignal;
  /**
   * How long the board may stay silent after the reset, or after the driver sent it something
   * (a menu reply), before it counts as not answering: an infrastructure failure (dead board,
   * broken TX line), not a hang of the firmware. Default min(10 s, ¾ of the inactivity timeout).
   */
  answerMs?: number;
  /** A recovery rung the session took (a power cycle of a silent board), as it happens. */
  onRecovery?: (e: Omit<RecoveryEvent, "step">) => void;
  /** Use this device instead of opening the slot's port. */
  device?: SerialDevice;
  now?: () => number;
}

export interface BoardSession {
  result: JudgeResult;
  /** When the session began (ms since the epoch); `timings` count from here. */
  startedAt: number;
  reset: ResetMethod;
  /** The port opened, so the board (or at least its adapter) was there. */
  portOpened: boolean;
  /** Console bytes received after the reset. */
  bytes: number;
  /** The port failed or went away while reading. */
  portLost: boolean;
  powerCycles: number;
  timings: SessionTimings;
}

const secs = (ms: number) => `${+(ms / 1000).toFixed(1)} s`;

/**
 * One test run on a board: open its console at `console_baud`, reset it into the app (RTS pulse
 * through the slot's reset strategy, or a power cycle when asked; `reset: none` judges the
 * running board as it is), and judge what it prints with `judgeConsole`, answering the Unity
 * menu. A board that prints nothing after the reset, or does not answer what was sent to it, is
 * an infrastructure failure; with `power` it gets one power cycle first (a `recovery`).
 * A port that cannot be opened, a reset or power cycle that fails, a port lost while reading and
 * a lost lease become infrastructure verdicts too, so they are published like any other run;
 * set-up mistakes (a pty with `reset: classic`, power asked but not configured) throw a
 * ConfigurationError.
 */
export async function runBoardSession(o: BoardSessionOptions): Promise<BoardSession> {
  const now = o.now ?? Date.now;
  const t0 = now();
  const timings: SessionTimings = {};
  const { slot, host, log } = o;
  const method: ResetMethod = o.powerCycle ? "power" : slot.reset === "none" ? "none" : "reset";
  if (method === "power") {
    if (!slot.power)
      throw new ConfigurationError(
        `power-cycle is set, but slot ${slot.id} has no power: in the inventory.`,
        {
          hint: "Add the slot's Home Assistant relay (power: url, token_env, entity) to the inventory, or drop power-cycle to reset through the serial port.",
        },
      );
    if (!o.power)
      throw new ConfigurationError(
        `power-cycle is set, but this build of hil-test cannot switch power.`,
        { hint: "Use a hil-actions release with power cycling, or drop power-cycle." },
      );
  }
  const inactivityMs = o.judge.inactivityMs ?? 60_000;
  const answerMs = o.answerMs ?? Math.min(10_000, Math.round(inactivityMs * 0.75));
  const echo = o.echo ?? true;
  let powerCycles = 0;

  const onLine = (l: ConsoleLine) => {
    log.line(l);
    if (l.n === 1) timings.firstLineMs = l.at - t0;
    // Prefixed, so a console line can never read as a workflow command (`::error::`).
    if (echo) host.info(`│ ${l.text}`);
  };
  const newJudge = (startedAt: number, initialReset: boolean) =>
    new ConsoleJudge({ ...o.judge, startedAt, initialReset, onLine });

  /** A verdict without reading: the board could not be reached at all. */
  const unreachable = (e: unknown, what: string): BoardSession => {
    const at = now();
    const judge = newJudge(t0, false);
    const hint = e instanceof HilError ? e.hint : undefined;
    judge.infrastructureFailure(at, `${what}: ${(e as Error).message ?? String(e)}`, hint);
    log.note(at, `${what}: ${describeError(e)}`);
    timings.endMs = at - t0;
    return {
      result: judge.result!,
      startedAt: t0,
      reset: method,
      portOpened: what !== "cannot open the console",
      bytes: 0,
      portLost: false,
      powerCycles,
      timings,
    };
  };

  const cyclePower = async (reason: string): Promise<PowerCycleResult> => {
    log.note(now(), `power cycle: ${reason}`);
    host.info(`Power-cycling ${slot.id} (${reason}).`);
    let r: PowerCycleResult;
    try {
      r = await o.power!(reason);
    } catch (e) {
      const at = new Date(now()).toISOString();
      o.onRecovery?.({ at, action: "power_cycle", result: "failed", detail: describeError(e) });
      throw e;
    }
    powerCycles++;
    o.onRecovery?.({
      at: r.ended_utc,
      action: "power_cycle",
      result: r.result,
      detail: r.error ? `${reason}: ${r.error}` : reason,
    });
    log.note(now(), `power cycle: ${r.result}${r.error ? ` (${r.error})` : ""}`);
    return r;
  };

  log.note(t0, `opening ${slot.port} at ${slot.console_baud} baud`);
  let con: BoardConsole;
  try {
    con = await BoardConsole.open({
      port: slot.port,
      baud: slot.console_baud,
      now,
      ...(o.device ? { device: o.device } : {}),
    });
  } catch (e) {
    if (e instanceof ConfigurationError) throw e;
    return unreachable(e, "cannot open the console");
  }
  timings.portOpenMs = now() - t0;

  const timers = new Set<ReturnType<typeof setTimeout> | ReturnType<typeof setInterval>>();
  let inflight: Promise<unknown> | undefined;
  let onLeaseLost: (() => void) | undefined;
  try {
    // Output from before the reset belongs to the previous run. Without a reset (or before a
    // power cycle) a port's backlog would pass for the board's output now: wait it out.
    const dropped = method === "reset" ? con.discard() : await con.settle(slot.console_baud);
    if (dropped)
      log.note(
        now(),
        `dropped ${dropped} bytes received before the ${method === "none" ? "run" : "reset"}`,
      );
    const mark = con.bytes;
    if (method === "reset") {
      log.note(now(), `reset (${slot.reset}): EN pulled low through RTS`);
      try {
        await con.resetToApp(slot.reset);
      } catch (e) {
        if (e instanceof ConfigurationError) throw e;
        return unreachable(e, "cannot reset the board");
      }
    } else if (method === "power") {
      let r: PowerCycleResult;
      try {
        r = await cyclePower("reset by power (power-cycle)");
      } catch (e) {
        if (e instanceof ConfigurationError) throw e;
        return unreachable(e, "cannot power-cycle the board");
      }
      if (r.result !== "ok")
        return unreachable(
          new HilError(`${r.result}${r.error ? `: ${r.error}` : ""}`, {
            hint: "Check the slot's Home Assistant relay (hil doctor checks the url, token and entity).",
          }),
          "the power cycle failed",
        );
    } else {
      host.info(
        `Slot ${slot.id} has reset: none: judging the running board's console from now on, without a reset ` +
          `(set power-cycle: true to start it from a fresh boot).`,
      );
      log.note(now(), "reset: none: not resetting; judging the running board");
    }
    const startedAt = now();
    con.mark();
    timings.resetDoneMs = startedAt - t0;
    const j = newJudge(startedAt, method !== "none");

    const emit = (events: JudgeEvent[]) => {
      for (const e of events) onEvent(e);
    };
    const onEvent = (e: JudgeEvent) => {
      switch (e.type) {
        case "app-started":
          timings.appStartedMs ??= e.at - t0;
          break;
        case "boot":
          if (!e.expected) host.info(`▸ reboot: ${e.reason}`);
          break;
        case "menu":
          if (e.reply !== undefined) {
            log.note(e.at, `sent ${JSON.stringify(e.reply)} at the Unity menu (${e.prompt})`);
            host.info(`▸ Unity menu (${e.prompt}): sent ${JSON.stringify(e.reply)}`);
          }
          break;
        case "test": {
          const t = e.test;
          const icon = t.status === "passed" ? "✔" : t.status === "failed" ? "✘" : "○";
          const where = t.file ? ` (${t.file}${t.line ? `:${t.line}` : ""})` : "";
          host.info(
            `▸ ${icon} ${t.name}${t.status === "failed" ? `: ${t.message ?? "failed"}${where}` : ""}`,
          );
          break;
        }
        case "crash":
          host.info(`▸ crash: ${e.crash.title}${e.crash.test ? ` in "${e.crash.test}"` : ""}`);
          break;
        case "done":
          log.note(e.at, `verdict: ${e.result.status}: ${e.result.reason}`);
          break;
        default:
      }
    };

    // Silence watchdogs: no byte since `since` within `ms` → `then` (unless judged already).
    const watch = (since: number, ms: number, then: () => void) => {
      const t = setTimeout(() => {
        timers.delete(t);
        if (!j.done && con.bytes === since) then();
      }, ms);
      timers.add(t);
      return t;
    };
    const silentAfterReset = (how: string) => {
      if (o.power && slot.power && powerCycles === 0) {
        // No expectReset(): the board never came up, so its boot is no unplanned reset.
        inflight = (async () => {
          const cycleMark = con.bytes;
          try {
            const r = await cyclePower(
              `silent board: no output within ${secs(answerMs)} of ${how}`,
            );
            if (j.done) return;
            if (r.result !== "ok") {
              emit(
                j.infrastructureFailure(
                  now(),
                  `the board printed nothing after ${how}, and the power cycle that followed failed (${r.result}${r.error ? `: ${r.error}` : ""})`,
                  "Check the board's supply and the slot's Home Assistant relay.",
                ),
              );
            } else if (con.bytes === cycleMark) {
              watch(cycleMark, answerMs, () => silentAfterReset("a power cycle"));
            }
          } catch (e) {
            if (!j.done)
              emit(
                j.infrastructureFailure(
                  now(),
                  `the board printed nothing after ${how}; the power cycle failed: ${(e as Error).message}`,
                  e instanceof HilError ? e.hint : undefined,
                ),
              );
          }
        })();
        return;
      }
      emit(
        j.infrastructureFailure(
          now(),
          `the board printed nothing within ${secs(answerMs)} of ${how}` +
            (powerCycles ? ` (after ${powerCycles} power cycle${powerCycles > 1 ? "s" : ""})` : ""),
          `Check that the board is powered and its USB cable or serial adapter works, that ${slot.port} is the board's console ` +
            `and console_baud (${slot.console_baud}) is the app's baud rate` +
            (slot.power ? "; hil power-cycle restarts it." : "."),
        ),
      );
    };
    if (method !== "none") {
      const how = method === "power" ? "a power cycle" : "the reset";
      watch(mark, answerMs, () => silentAfterReset(how));
    }

    let answerTimer: ReturnType<typeof setTimeout> | undefined;
    const write = async (text: string) => {
      const since = con.bytes;
      await con.write(text);
      if (answerTimer) {
        clearTimeout(answerTimer);
        timers.delete(answerTimer);
      }
      answerTimer = watch(since, answerMs, () =>
        emit(
          j.infrastructureFailure(
            now(),
            `the board did not answer: nothing came back within ${secs(answerMs)} of sending ${JSON.stringify(text)}`,
            "What is sent does not reach the board: check the serial adapter's TX line to the board's RX, and that " +
              "the app reads its console on this UART (CONFIG_ESP_CONSOLE_UART). A firmware that hung exactly then looks the same: re-run to tell.",
          ),
        ),
      );
    };

    if (o.leaseSignal) {
      const signal = o.leaseSignal;
      onLeaseLost = () =>
        emit(
          j.infrastructureFailure(
            now(),
            `the slot's lease was lost while testing: ${describeError(signal.reason)}`,
            "Someone else may have used the board meanwhile; re-run the job.",
          ),
        );
      if (signal.aborted) onLeaseLost();
      else signal.addEventListener("abort", onLeaseLost, { once: true });
    }

    if (o.cancelled) {
      const cancelled = o.cancelled;
      const poll = setInterval(() => {
        const why = j.done ? undefined : cancelled();
        if (why !== undefined) emit(j.cancel(now(), why));
      }, o.pollMs ?? 250);
      timers.add(poll);
    }

    const result = await judgeConsole({ judge: j, read: con.chunks(), write, now, onEvent });
    timings.endMs = now() - t0;
    if (con.firstByteAt !== undefined) timings.firstByteMs = con.firstByteAt - t0;
    if (con.firstByteAfterMark !== undefined) timings.bootByteMs = con.firstByteAfterMark - t0;
    return {
      result,
      startedAt: t0,
      reset: method,
      portOpened: true,
      bytes: con.bytes,
      portLost: con.lost,
      powerCycles,
      timings,
    };
  } finally {
    for (const t of timers) clearTimeout(t as ReturnType<typeof setTimeout>);
    if (onLeaseLost) o.leaseSignal?.removeEventListener("abort", onLeaseLost);
    // A power cycle still under way finishes before the port closes: never leave the board off.
    await inflight?.catch(() => undefined);
    await con.close();
  }
}
