import { appendFileSync } from "node:fs";
import type { Annotation } from "./host";
import { TerminalHost } from "./terminal";

export interface GitLabHostOptions {
  /** dotenv report file for outputs (`artifacts:reports:dotenv`). */
  dotenvFile?: string;
  /** Markdown file the summary is appended to (publish it as an artifact). */
  summaryFile?: string;
  verbose?: boolean;
  out?: (line: string) => void;
  err?: (line: string) => void;
}

const ESC = "\u001b";

/**
 * A Host for GitLab CI jobs: collapsible log sections, outputs as a dotenv report,
 * the summary as a Markdown artifact. Secrets are redacted here as well, because
 * GitLab masks only variables it was told about in the project settings.
 */
export class GitLabHost extends TerminalHost {
  private section = 0;

  constructor(private readonly gl: GitLabHostOptions = {}) {
    super({
      ...(gl.summaryFile ? { summaryFile: gl.summaryFile } : {}),
      ...(gl.verbose ? { verbose: gl.verbose } : {}),
      ...(gl.out ? { out: gl.out } : {}),
      ...(gl.err ? { err: gl.err } : {}),
    });
  }

  override async group<T>(name: string, fn: () => Promise<T>): Promise<T> {
    const id = `hil_${++this.section}`;
    const now = () => Math.floor(Date.now() / 1000);
    this.info(`${ESC}[0Ksection_start:${now()}:${id}[collapsed=false]\r${ESC}[0K${name}`);
    try {
      return await fn();
    } finally {
      this.info(`${ESC}[0Ksection_end:${now()}:${id}\r${ESC}[0K`);
    }
  }

  override setOutput(name: string, value: string | number | boolean): void {
    super.setOutput(name, value);
    if (this.gl.dotenvFile) {
      const key = name.toUpperCase().replace(/[^A-Z0-9_]/g, "_");
      const v = this.redact(String(value)).replace(/\n/g, " ");
      appendFileSync(this.gl.dotenvFile, `HIL_${key}=${v}\n`);
    }
  }

  override warn(message: string, a?: Annotation): void {
    super.warn(`${ESC}[33m${message}${ESC}[0m`, a);
  }

  override error(message: string, a?: Annotation): void {
    super.error(`${ESC}[31m${message}${ESC}[0m`, a);
  }
}
