import type { ConsoleJudge } from "./judge";
import type { JudgeEvent, JudgeResult } from "./types";

/** A chunk from the console, with the time it arrived when the console knows it. */
export type ConsoleChunk = Uint8Array | string | { data: Uint8Array | string; at: number };

export interface DriveOptions {
  judge: ConsoleJudge;
  /** The console's output as it arrives; ends when the port closes. */
  read: AsyncIterable<ConsoleChunk>;
  /** Send text to the board (menu replies). Without it the menu cannot be driven. */
  write?: (text: string) => Promise<void> | void;
  /** The clock (default Date.now); the same one the judge's `startedAt` came from. */
  now?: () => number;
  /** Polled between chunks: the job's cancellation flag. */
  cancelled?: () => boolean;
  /** How often to look at `cancelled` while the console is quiet (default 250 ms). */
  pollMs?: number;
  /** Every event, as it happens (progress lines, the console log's notes). */
  onEvent?: (e: JudgeEvent) => void;
}

/**
 * Run a judge against a live console: feed it what arrives, answer the Unity menu when it
 * says so, wake it at its deadlines (time-outs) and when the job is cancelled, and stop
 * reading once there is a verdict. The judge stays pure; this is the only place with timers.
 */
export async function judgeConsole(o: DriveOptions): Promise<JudgeResult> {
  const now = o.now ?? Date.now;
  const poll = o.pollMs ?? 250;
  const it = o.read[Symbol.asyncIterator]();
  let pending: Promise<IteratorResult<ConsoleChunk>> | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const handle = async (events: JudgeEvent[]) => {
    for (const e of events) {
      o.onEvent?.(e);
      if (e.type === "menu" && e.reply !== undefined && o.write) await o.write(e.reply);
    }
  };

  try {
    while (!o.judge.done) {
      if (o.cancelled?.()) {
        await handle(o.judge.cancel(now()));
        break;
      }
      pending ??= it.next();
      const wait = Math.max(0, Math.min(poll, o.judge.nextDeadline() - now()));
      const next = await Promise.race([
        pending,
        new Promise<"tick">((resolve) => {
          timer = setTimeout(() => resolve("tick"), wait);
        }),
      ]);
      clearTimeout(timer);
      if (next === "tick") {
        await handle(o.judge.tick(now()));
        continue;
      }
      pending = undefined;
      if (next.done) {
        await handle(o.judge.portLost(now(), "the console stream ended"));
        break;
      }
      const c = next.value;
      const [data, at] =
        typeof c === "string" || c instanceof Uint8Array ? [c, now()] : [c.data, c.at];
      await handle(o.judge.feed(data, at));
    }
  } catch (e) {
    await handle(o.judge.portLost(now(), (e as Error).message));
  } finally {
    clearTimeout(timer);
    // Stop the source; a read still in flight is abandoned.
    void it.return?.()?.catch(() => undefined);
  }
  return o.judge.result!;
}
