// @hil/hil-test: run a test on a slot's board (reset → read the console → judge → outputs).
// The hil-test action, `hil test`, the demo and the runner hooks are thin doors onto this.
export { runHilTest, STEP, type HilTestOptions, type HilTestRun } from "./run";
export {
  runBoardSession,
  type BoardSession,
  type BoardSessionOptions,
  type JudgeSettings,
  type PowerCycler,
  type ResetMethod,
  type SessionTimings,
} from "./session";
export { BoardConsole, type BoardConsoleOptions, type StampedChunk } from "./console";
export { sourcePaths } from "./source-paths";
export { interruptSignal } from "./interrupt";
export { benchBoardSession, type SessionBenchResult } from "./bench";
