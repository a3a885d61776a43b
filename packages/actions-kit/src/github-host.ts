import { ciContext } from "@hil/ci";
import * as core from "@actions/core";
import type { Annotation, Host } from "@hil/host";
import { Redactor } from "@hil/host";

function props(a?: Annotation): core.AnnotationProperties {
  const p: core.AnnotationProperties = {};
  if (a?.file) p.file = a.file;
  if (a?.line) p.startLine = a.line;
  if (a?.title) p.title = a.title;
  return p;
}

/** The Host of a GitHub Actions step: workflow commands, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY. */
export class GitHubHost implements Host {
  private readonly redactor = new Redactor();

  info(message: string): void {
    core.info(this.redactor.redact(message));
  }
  debug(message: string): void {
    core.debug(this.redactor.redact(message));
  }
  warn(message: string, where?: Annotation): void {
    core.warning(this.redactor.redact(message), props(where));
  }
  error(message: string, where?: Annotation): void {
    core.error(this.redactor.redact(message), props(where));
  }
  group<T>(name: string, fn: () => Promise<T>): Promise<T> {
    return core.group(this.redactor.redact(name), fn);
  }
  maskSecret(secret: string): void {
    core.setSecret(secret);
    this.redactor.add(secret);
  }
  redact(text: string): string {
    return this.redactor.redact(text);
  }
  setOutput(name: string, value: string | number | boolean): void {
    core.setOutput(name, this.redactor.redact(String(value)));
  }
  async writeSummary(markdown: string): Promise<void> {
    if (!ciContext().files.summary) return;
    await core.summary.addRaw(this.redactor.redact(markdown), true).write();
  }
}
