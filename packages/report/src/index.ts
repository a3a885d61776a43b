export {
  assembleReport,
  decideStatus,
  type AssembleInput,
  type Cause,
  type JobIdentity,
  type WorkflowStatus,
} from "./assemble";
export { humanSummary, nextAction, testsLine, whereLine } from "./text";
export { identityFromCi, loadJob, type LoadedJob } from "./job";
export {
  checkConclusion,
  explainForgeError,
  fit,
  forgeFromCi,
  githubState,
  gitlabState,
  statusContext,
  type ForgeTarget,
  type GitHubTarget,
  type GitLabTarget,
  type PublishOutcome,
} from "./forge";
export { publishGitHub, type GitHubPost } from "./github";
export { publishGitLab, type GitLabPost } from "./gitlab";
export { reportMarkdown } from "./markdown";
export type { RetryOptions } from "./retry";
export {
  currentExecutor,
  finishJob,
  publishPending,
  publishReport,
  REPORT_FILE,
  writeReport,
  type FinishOptions,
  type FinishResult,
  type PublishOptions,
} from "./finish";
