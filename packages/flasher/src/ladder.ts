import type { RecoveryEvent } from "@hil/contracts";
import { BoardSilentError, BoardUnreachableError } from "./errors";
import type { Flasher, PowerCycleFn } from "./protocol";

/** What a rung did before the board was asked again. */
export type RungOutcome =
  | { ok: true; detail?: string }
  | { ok: false; result: "failed" | "timeout" | "ha_error"; detail: string };

/** One rung of the recovery ladder: an action, then another connection attempt. */
export interface Rung {
  action: "retry" | "hard_reset" | "power_cycle";
  /** In words, for the log and the final error: `hard reset (EN pulsed through RTS)`. */
  what: string;
  /** The action itself (none for a plain retry). Not ok: the board is not asked again on this rung. */
  act?: (reason: string) => Promise<RungOutcome>;
}

export interface LadderOptions {
  /** The journal's step name, e.g. `hil-flash`. */
  step: string;
  /** The first attempt, in words (`connecting with the classic DTR/RTS reset`). */
  first?: string;
  rungs: readonly Rung[];
  /** Names the board in messages: `the board on /dev/ttyUSB0 (slot hut-01)`. */
  subject: string;
  /** What to do when every rung failed (the final error's hint). */
  hint: string;
  /** Each rung's event, as soon as it is known (journal it here). */
  onEvent?: (event: RecoveryEvent) => void;
  log?: (line: string) => void;
}

/**
 * The recovery ladder (a strategy in labgrid's sense: it sees only interfaces). `attempt`
 * reaches the board; when it throws BoardSilentError, the rungs are climbed in order —
 * each does its action and tries again — until one succeeds. Every rung becomes a recovery
 * event. Any other error ends the climb at once: a missing port or a wrong inventory does
 * not get better by power-cycling. After the last rung: BoardUnreachableError saying what
 * was tried.
 */
export async function climbLadder<T>(
  attempt: () => Promise<T>,
  o: LadderOptions,
): Promise<{ value: T; events: RecoveryEvent[] }> {
  const events: RecoveryEvent[] = [];
  const log = o.log ?? (() => undefined);
  const tried: string[] = [];
  let last: BoardSilentError;
  try {
    return { value: await attempt(), events };
  } catch (e) {
    if (!(e instanceof BoardSilentError)) throw e;
    last = e;
    tried.push(`${o.first ?? "connecting"} (${e.detail})`);
  }
  const emit = (action: Rung["action"], result: RecoveryEvent["result"], detail: string) => {
    const event: RecoveryEvent = {
      at: new Date().toISOString(),
      action,
      step: o.step,
      result,
      detail,
    };
    events.push(event);
    o.onEvent?.(event);
  };
  for (const rung of o.rungs) {
    const reason = `${o.subject} did not answer in download mode (${last.detail})`;
    log(`Recovery: ${rung.what}, because ${reason}.`);
    let done = "";
    if (rung.act) {
      const out = await rung.act(reason);
      if (!out.ok) {
        tried.push(`${rung.what}: ${out.result} (${out.detail})`);
        log(`Recovery: ${rung.what} did not work (${out.result}): ${out.detail}.`);
        emit(rung.action, out.result, out.detail);
        continue;
      }
      done = out.detail ? `${out.detail}; ` : "";
    }
    try {
      const value = await attempt();
      log(`Recovery: ${rung.what} worked; the board answers.`);
      emit(rung.action, "ok", `${done}the board answered`);
      return { value, events };
    } catch (e) {
      if (!(e instanceof BoardSilentError)) throw e;
      last = e;
      tried.push(`${rung.what} (${e.detail})`);
      emit(rung.action, "failed", `${done}still no answer: ${e.detail}`);
    }
  }
  throw new BoardUnreachableError(
    `${o.subject[0]!.toUpperCase()}${o.subject.slice(1)} did not answer in download mode. Tried: ${tried.join("; ")}.`,
    o.hint,
    events,
  );
}

/**
 * The rungs a slot allows, from its protocols: a retry with the slot's reset, a hard reset
 * when RTS reaches EN, a power cycle when the slot has power (the callback) — in that order.
 */
export function recoveryRungs(flasher: Flasher, powerCycle?: PowerCycleFn): Rung[] {
  const rungs: Rung[] = [{ action: "retry", what: `a retry with ${flasher.resetDescription}` }];
  const hardReset = flasher.hardReset;
  if (hardReset)
    rungs.push({
      action: "hard_reset",
      what: "a hard reset (EN pulsed through RTS)",
      act: async () => {
        try {
          await hardReset();
          return { ok: true, detail: "EN pulsed" };
        } catch (e) {
          return { ok: false, result: "failed", detail: (e as Error).message };
        }
      },
    });
  if (powerCycle)
    rungs.push({
      action: "power_cycle",
      what: "a power cycle",
      act: async (reason) => {
        try {
          const r = await powerCycle(reason);
          if (r.result === "ok")
            return {
              ok: true,
              detail: `power cycled in ${(r.timings.total_ms / 1000).toFixed(1)} s`,
            };
          return { ok: false, result: r.result, detail: r.error ?? r.result };
        } catch (e) {
          return { ok: false, result: "failed", detail: (e as Error).message };
        }
      },
    });
  return rungs;
}
