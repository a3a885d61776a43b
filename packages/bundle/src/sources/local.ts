import { stat } from "node:fs/promises";
import { resolve } from "node:path";
import { ConfigurationError } from "@hil/contracts";
import type { BundleSource, Download } from "../source";

/**
 * A bundle on this machine: a bundle directory (verified and used in place) or a zip
 * (extracted safely, and cached like a download). For `hil flash <bundle>`, tests, and GitLab
 * jobs that received the bundle through `needs:`.
 */
export class LocalSource implements BundleSource {
  readonly kind = "local";
  readonly path: string;

  constructor(path: string) {
    this.path = resolve(path);
  }

  describe(): string {
    return `bundle ${this.path}`;
  }

  private async probe() {
    let st;
    try {
      st = await stat(this.path);
    } catch {
      throw new ConfigurationError(`No bundle at ${this.path}: it does not exist.`, {
        hint: "Pass a bundle directory (holding manifest.json) or its zip, as written by `hil bundle` or downloaded from the build job.",
      });
    }
    if (!st.isDirectory() && !st.isFile()) {
      throw new ConfigurationError(`${this.path} is neither a bundle directory nor a zip.`, {
        hint: "Pass a bundle directory (holding manifest.json) or its zip.",
      });
    }
    return st;
  }

  async identity(sha: string): Promise<string | undefined> {
    const st = await this.probe();
    // A directory is used in place; a zip is keyed by where it is and what it holds.
    return st.isDirectory() ? undefined : `local|${this.path}|${st.size}|${st.mtimeMs}|${sha}`;
  }

  async download(): Promise<Download> {
    const st = await this.probe();
    return { kind: st.isDirectory() ? "dir" : "zip", path: this.path };
  }
}
