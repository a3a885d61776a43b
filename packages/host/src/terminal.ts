import { appendFileSync } from "node:fs";
import type { Annotation, Host } from "./host";
import { Redactor } from "./redactor";

export interface TerminalHostOptions {
  /** Where the summary goes; nothing is written when absent. */
  summaryFile?: string;
  /** Print debug lines. */
  verbose?: boolean;
  out?: (line: string) => void;
  err?: (line: string) => void;
}

function where(a?: Annotation): string {
  if (!a?.file) return "";
  return `${a.file}${a.line ? `:${a.line}` : ""}: `;
}

/** A Host for people at a terminal and for scripts (the `hil` CLI, runner hooks). */
export class TerminalHost implements Host {
  readonly outputs = new Map<string, string>();
  protected readonly redactor = new Redactor();
  private depth = 0;
  private readonly out: (line: string) => void;
  private readonly err: (line: string) => void;

  constructor(private readonly options: TerminalHostOptions = {}) {
    this.out = options.out ?? ((l) => process.stdout.write(l + "\n"));
    this.err = options.err ?? ((l) => process.stderr.write(l + "\n"));
  }

  private indent(msg: string): string {
    const pad = "  ".repeat(this.depth);
    return this.redactor.redact(msg).replace(/^/gm, pad);
  }

  info(message: string): void {
    this.out(this.indent(message));
  }
  debug(message: string): void {
    if (this.options.verbose) this.out(this.indent(`debug: ${message}`));
  }
  warn(message: string, a?: Annotation): void {
    this.err(this.indent(`warning: ${where(a)}${message}`));
  }
  error(message: string, a?: Annotation): void {
    this.err(this.indent(`error: ${where(a)}${message}`));
  }
  async group<T>(name: string, fn: () => Promise<T>): Promise<T> {
    this.out(this.indent(`▸ ${name}`));
    this.depth++;
    try {
      return await fn();
    } finally {
      this.depth--;
    }
  }
  maskSecret(secret: string): void {
    this.redactor.add(secret);
  }
  redact(text: string): string {
    return this.redactor.redact(text);
  }
  setOutput(name: string, value: string | number | boolean): void {
    this.outputs.set(name, this.redactor.redact(String(value)));
  }
  async writeSummary(markdown: string): Promise<void> {
    if (this.options.summaryFile)
      appendFileSync(this.options.summaryFile, this.redactor.redact(markdown) + "\n");
  }
}
