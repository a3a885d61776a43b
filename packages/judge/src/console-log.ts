import { closeSync, mkdirSync, openSync, writeSync } from "node:fs";
import { dirname } from "node:path";
import type { ConsoleLine } from "./types";

/** One log line: `2026-11-21T10:15:02.123Z <text>`. */
export function formatLogLine(at: number, text: string): string {
  return `${new Date(at).toISOString()} ${text}\n`;
}

/**
 * The full console log of a run, one line per console line with the time its first byte
 * arrived, plus `#hil` notes for what the driver did (reset, menu replies). Buffered, so
 * logging never slows the judge; `redact` removes masked secrets before anything hits disk.
 */
export class ConsoleLog {
  private readonly fd: number;
  private buf: string[] = [];
  private size = 0;
  private closed = false;
  // Lines of one chunk share a timestamp: format it once.
  private lastAt = NaN;
  private lastIso = "";

  constructor(
    readonly path: string,
    private readonly redact: (text: string) => string = (t) => t,
  ) {
    mkdirSync(dirname(path), { recursive: true });
    this.fd = openSync(path, "w");
  }

  /** Pass as the judge's `onLine`. */
  readonly line = (l: ConsoleLine): void => {
    if (l.at !== this.lastAt) {
      this.lastAt = l.at;
      this.lastIso = new Date(l.at).toISOString();
    }
    this.push(`${this.lastIso} ${l.text}\n`);
  };

  /** Something the driver did, e.g. `sent "*\n" at the Unity menu`. */
  note(at: number, text: string): void {
    this.push(formatLogLine(at, `#hil ${text}`));
  }

  private push(s: string): void {
    if (this.closed) return;
    this.buf.push(s);
    this.size += s.length;
    if (this.size >= 64 * 1024) this.flush();
  }

  flush(): void {
    if (!this.buf.length) return;
    writeSync(this.fd, this.redact(this.buf.join("")));
    this.buf = [];
    this.size = 0;
  }

  close(): void {
    if (this.closed) return;
    this.flush();
    this.closed = true;
    closeSync(this.fd);
  }
}
