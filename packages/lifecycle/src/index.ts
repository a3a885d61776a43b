// @hil/lifecycle: a hardware job from start to end. The runner hooks (GitHub's job started /
// completed, GitLab's pre_build_script / after_script), `hil hook`, `hil step`, `hil cancel`
// and the hardware actions are thin doors onto it. See docs/runner-setup.md.
export { ciJobStatus } from "./ci";
export {
  assertForkAllowed,
  forkGate,
  ForkRefusedError,
  type ForkDecision,
  type ForkGateOptions,
} from "./fork";
export {
  assertNotCancelled,
  cancelSlotJob,
  cancelState,
  JobCancelledError,
  raiseCancelFlag,
  type CancelResult,
  type CancelState,
} from "./cancel";
export {
  beginStep,
  closeDanglingSteps,
  JobStep,
  locateJob,
  openStep,
  enterHardwareStep,
  withHardwareStep,
  type HardwareStep,
  resultOf,
  STEPS_DIR,
  type BeginStepOptions,
  type LocateOptions,
  type OpenStepOptions,
  type StepJob,
  type StepResult,
} from "./step";
export {
  completeJobDir,
  jobCompleted,
  pruneJobDirs,
  STARTED_STEP,
  type CompleteJobOptions,
  type CompleteResult,
  type JobCompletedOptions,
} from "./completed";
export { jobStarted, type JobStartedOptions, type JobStartedResult } from "./started";
export {
  DEFAULT_FORK_LABEL,
  DEFAULT_LEASE_WAIT_SEC,
  DEFAULT_RETENTION_DAYS,
  HOOK_ENV,
  hookSettings,
  type HookSettings,
} from "./settings";
export {
  HOOK_FILES,
  readCompleted,
  readHookState,
  readSlotPointer,
  type CompletedState,
  type HookState,
} from "./state";
export { exportToEnvFiles, runHook, type HookPhase, type RunHookOptions } from "./hook";
