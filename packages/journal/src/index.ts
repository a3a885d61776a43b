export { Journal, type JournalInput } from "./journal";
export {
  JOB_FILES,
  jobDirFor,
  jobKey,
  parseCancelFlag,
  readCancelFlag,
  readInvocation,
  timeoutFlagText,
  writeJsonAtomic,
  type CancelFlag,
  type InvocationRead,
} from "./job-dir";
