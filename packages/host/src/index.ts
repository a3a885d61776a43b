export type { Annotation, Host } from "./host";
export { Redactor } from "./redactor";
export { cell, markdownTable } from "./markdown";
export { TerminalHost, type TerminalHostOptions } from "./terminal";
export { GitLabHost, type GitLabHostOptions } from "./gitlab";
export { RecordingHost, type RecordedLine } from "./recording";
export { hostForCi } from "./for-ci";
