/** Where an annotation points: shown inline on the diff by GitHub, in the log elsewhere. */
export interface Annotation {
  file?: string;
  line?: number;
  title?: string;
}

/**
 * Everything a library may ask of the CI system it runs under. Libraries in `packages/`
 * take a Host and never import `@actions/core`: the GitHub implementation lives in
 * `@hil/actions-kit`; terminal, GitLab and recording ones live here.
 */
export interface Host {
  info(message: string): void;
  debug(message: string): void;
  warn(message: string, where?: Annotation): void;
  error(message: string, where?: Annotation): void;
  /** Run `fn` inside a collapsible log group. */
  group<T>(name: string, fn: () => Promise<T>): Promise<T>;
  /** Never show `secret` again in any log line, summary or file written through this host. */
  maskSecret(secret: string): void;
  /** Remove every masked secret from `text` (for reports and files written outside the host). */
  redact(text: string): string;
  setOutput(name: string, value: string | number | boolean): void;
  /** Append Markdown to the job summary. */
  writeSummary(markdown: string): Promise<void>;
}
