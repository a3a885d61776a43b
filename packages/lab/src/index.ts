export { parseKeyValueFile, parseWorkflowCommands, type WorkflowCommand } from "./workflow-files";
export {
  GitHubRunner,
  type GitHubJob,
  type GitHubRunnerConfig,
  type GitHubStep,
  type JobResult,
  type ProcessResult,
  type StepResult,
} from "./github-runner";
export { FakeGitHub } from "./fake-github";
export { SAMPLE_SCRIPT, SAMPLE_TESTS, writeSampleBuild } from "./sample";
export { actionsNode, repoRoot } from "./root";
export { HilLab, LAB_REPO, type HilLabOptions } from "./hil-lab";
export {
  DEMO_REPO,
  DEMO_SHA,
  demoSummary,
  runDemo,
  type DemoOptions,
  type DemoResult,
  type DemoSlot,
} from "./demo";
export {
  benchTable,
  measureJobOverhead,
  runBench,
  type BenchFigures,
  type BenchRow,
  type JobOverhead,
} from "./bench";
