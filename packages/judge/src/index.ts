export { ConsoleJudge, resolveSelection, type JudgeOptions } from "./judge";
export type {
  BootRecord,
  ConsoleLine,
  Crash,
  JudgeEvent,
  JudgeResult,
  PatternOutcome,
  TestCase,
} from "./types";
export { parsePattern, parsePatterns, type Pattern } from "./patterns";
export { LineSplitter, cleanLine } from "./lines";
export {
  CRASH_TITLES,
  classifyReset,
  crashSignature,
  parseBootLine,
  type BootLine,
  type CrashKind,
  type ResetClass,
} from "./esp";
export {
  parseMenuEntry,
  parseMenuPrompt,
  parseRunning,
  parseSummary,
  parseUnityResult,
  resetTokens,
  type MenuPrompt,
  type MenuTest,
  type UnityResultLine,
  type UnitySummary,
} from "./unity";
export { junitXml, testLocation, type JunitOptions } from "./junit";
export {
  annotate,
  countsLine,
  exitCodeOf,
  journalEntries,
  publishJudgement,
  relativeTo,
  setOutputs,
  summaryMarkdown,
  type JudgeJournalEntry,
  type JudgePaths,
  type PresentOptions,
} from "./publish";
export { ConsoleLog, formatLogLine } from "./console-log";
export { judgeConsole, type ConsoleChunk, type DriveOptions } from "./drive";
export { benchJudge, benchJudgeDetailed, syntheticConsole, type BenchResult } from "./bench";
