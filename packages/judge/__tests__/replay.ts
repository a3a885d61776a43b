import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ConsoleJudge, type JudgeOptions } from "../src/judge";
import type { ConsoleLine, JudgeEvent, JudgeResult } from "../src/types";

export const T0 = Date.parse("2026-11-21T10:15:00Z");
export const fixture = (name: string) =>
  readFileSync(join(import.meta.dirname, "fixtures", name), "utf8");

export interface Replay {
  judge: ConsoleJudge;
  result: JudgeResult;
  events: JudgeEvent[];
  /** What the judge asked the driver to send, in order. */
  replies: string[];
  /** What the transcript says was sent (`#> "..."` lines), in order. */
  scripted: string[];
  log: ConsoleLine[];
}

/**
 * Play a console transcript into a judge as a board would send it: each line with CRLF,
 * `pace` ms apart, optionally cut into `chunk`-byte pieces. Directives (not console output):
 * `#> "<json string>"` is what the driver sends at that point (the judge must ask for exactly
 * that), `#@ +<ms>` lets time pass, `#! end` means the board prints nothing more.
 */
export function replay(
  name: string,
  options: Partial<JudgeOptions> = {},
  { pace = 3, chunk = 0 }: { pace?: number; chunk?: number } = {},
): Replay {
  const log: ConsoleLine[] = [];
  const judge = new ConsoleJudge({ startedAt: T0, onLine: (l) => log.push(l), ...options });
  const events: JudgeEvent[] = [];
  const replies: string[] = [];
  const scripted: string[] = [];
  const take = (es: JudgeEvent[]) => {
    for (const e of es) {
      events.push(e);
      if (e.type === "menu" && e.reply !== undefined) replies.push(e.reply);
    }
  };
  let at = T0 + 20;
  const lines = fixture(name).split("\n");
  if (lines.at(-1) === "") lines.pop();
  for (const line of lines) {
    if (line.startsWith("#> ")) {
      scripted.push(JSON.parse(line.slice(3)) as string);
      continue;
    }
    const wait = /^#@ \+(\d+)$/.exec(line);
    if (wait) {
      at += Number(wait[1]);
      take(judge.tick(at));
      continue;
    }
    if (line === "#! end") break;
    const bytes = Buffer.from(line + "\r\n", "utf8");
    if (chunk > 0) {
      for (let i = 0; i < bytes.length; i += chunk)
        take(judge.feed(bytes.subarray(i, i + chunk), at));
    } else {
      take(judge.feed(bytes, at));
    }
    at += pace;
  }
  if (!judge.done) take(judge.tick(at + 5_000));
  if (!judge.done) take(judge.tick(at + 10 * 3_600_000));
  return { judge, result: judge.result!, events, replies, scripted, log };
}
