import type { Annotation, Host } from "./host";
import { Redactor } from "./redactor";

export interface RecordedLine {
  level: "info" | "debug" | "warn" | "error" | "group";
  message: string;
  where?: Annotation;
}

/** A Host that keeps everything, redacted as a real host would, for tests and for embedding. */
export class RecordingHost implements Host {
  readonly lines: RecordedLine[] = [];
  readonly outputs: Record<string, string> = {};
  summary = "";
  private readonly redactor = new Redactor();

  constructor(private readonly echo?: (line: string) => void) {}

  private push(level: RecordedLine["level"], message: string, where?: Annotation): void {
    const line: RecordedLine = { level, message: this.redactor.redact(message) };
    if (where) line.where = where;
    this.lines.push(line);
    this.echo?.(`${level}: ${line.message}`);
  }

  info(m: string): void {
    this.push("info", m);
  }
  debug(m: string): void {
    this.push("debug", m);
  }
  warn(m: string, a?: Annotation): void {
    this.push("warn", m, a);
  }
  error(m: string, a?: Annotation): void {
    this.push("error", m, a);
  }
  async group<T>(name: string, fn: () => Promise<T>): Promise<T> {
    this.push("group", name);
    return fn();
  }
  maskSecret(secret: string): void {
    this.redactor.add(secret);
  }
  redact(text: string): string {
    return this.redactor.redact(text);
  }
  setOutput(name: string, value: string | number | boolean): void {
    this.outputs[name] = this.redactor.redact(String(value));
  }
  async writeSummary(markdown: string): Promise<void> {
    this.summary += this.redactor.redact(markdown) + "\n";
  }
  /** Every line, joined: what a user would have read. */
  text(): string {
    return this.lines.map((l) => l.message).join("\n");
  }
}
