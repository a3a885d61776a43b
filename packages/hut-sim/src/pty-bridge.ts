import { spawn, type ChildProcessByStdio } from "node:child_process";
import { existsSync, lstatSync, mkdirSync, readlinkSync, unlinkSync } from "node:fs";
import { dirname, resolve } from "node:path";
import type { Readable, Writable } from "node:stream";
import { ConfigurationError, InfrastructureError } from "@hil/contracts";
import type { SerialPeer, SimBoard } from "./board";

/** Bytes kept for a pty nobody reads before output is dropped, as a UART with no listener loses it. */
const MAX_BACKLOG = 64 * 1024;

export interface PtyBridgeOptions {
  /** socat executable (default `socat` on PATH). */
  socat?: string;
  trace?: (msg: string) => void;
}

/**
 * A real pseudo-terminal for a board: a socat child creates it and links it at `path`
 * (like /dev/serial/by-id/...), and its stdio is the board's UART. Programs open the
 * path with serialport as they would a USB serial adapter, close it and open it again;
 * socat keeps the pty across sessions. A pty has no modem lines: DTR/RTS requests fail
 * on the host side (ENOTTY), so such a slot is reset through its power.
 */
export class PtyBridge {
  readonly path: string;
  private child: ChildProcessByStdio<Writable, Readable, Readable> | undefined;
  private closing = false;
  private detach: (() => void) | undefined;
  private stderr = "";

  constructor(
    private readonly board: SimBoard,
    path: string,
    private readonly options: PtyBridgeOptions = {},
  ) {
    this.path = resolve(path);
  }

  async start(): Promise<this> {
    mkdirSync(dirname(this.path), { recursive: true });
    this.clearStaleLink();
    await this.spawnSocat();
    return this;
  }

  async close(): Promise<void> {
    this.closing = true;
    this.detach?.();
    this.detach = undefined;
    const child = this.child;
    this.child = undefined;
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((r) => child.once("exit", () => r()));
      child.kill("SIGTERM");
      const t = setTimeout(() => child.kill("SIGKILL"), 2000);
      await exited;
      clearTimeout(t);
    }
    this.removeOwnLink();
  }

  private clearStaleLink(): void {
    let st;
    try {
      st = lstatSync(this.path);
    } catch {
      return;
    }
    if (!st.isSymbolicLink())
      throw new ConfigurationError(`${this.path} exists and is not a simulator pty link.`, {
        hint: "Give hil sim another --dir, or remove the file.",
      });
    const target = readlinkSync(this.path);
    if (existsSync(resolve(dirname(this.path), target)))
      throw new ConfigurationError(
        `${this.path} is already served by another simulator (it points at ${target}).`,
        {
          hint: "Stop the other hil sim, or give this one another --dir.",
        },
      );
    unlinkSync(this.path);
  }

  private removeOwnLink(): void {
    try {
      if (lstatSync(this.path).isSymbolicLink()) unlinkSync(this.path);
    } catch {
      // already gone
    }
  }

  private spawnSocat(): Promise<void> {
    const bin = this.options.socat ?? "socat";
    const child = spawn(bin, ["-d", "-d", `PTY,link=${this.path},rawer`, "STDIO"], {
      stdio: ["pipe", "pipe", "pipe"],
    });
    this.child = child;
    this.stderr = "";
    const peer: SerialPeer = {
      hostBaud: undefined,
      receive: (bytes) => {
        if (child.stdin.destroyed || child.stdin.writableLength > MAX_BACKLOG) return;
        child.stdin.write(bytes);
      },
    };
    child.stdin.on("error", () => undefined);
    child.stdout.on("data", (b: Buffer) => this.board.hostWrite(b, peer));
    return new Promise<void>((resolvePromise, reject) => {
      let ready = false;
      let waiting = false;
      const becomeReady = () => {
        if (ready || child.exitCode !== null) return;
        if (!existsSync(this.path)) {
          setTimeout(becomeReady, 5);
          return;
        }
        ready = true;
        this.detach = this.board.attach(peer);
        resolvePromise();
      };
      child.stderr.on("data", (b: Buffer) => {
        this.stderr = (this.stderr + b.toString()).slice(-4000);
        if (!waiting && /starting data transfer loop/.test(this.stderr)) {
          waiting = true;
          becomeReady();
        }
      });
      child.once("error", (e) => {
        if (ready) return;
        reject(
          new InfrastructureError(
            `Cannot start socat for the simulated pty ${this.path}: ${e.message}`,
            {
              hint: "Install socat (apt-get install socat); the simulator uses it to create pseudo-terminals.",
            },
          ),
        );
      });
      child.once("exit", (code, signal) => {
        if (!ready) {
          reject(
            new InfrastructureError(
              `socat exited (${signal ?? code}) before ${this.path} was ready: ${this.stderr.trim()}`,
            ),
          );
          return;
        }
        this.detach?.();
        this.detach = undefined;
        if (this.closing) return;
        // socat died under us: bring the pty back.
        this.options.trace?.(`socat for ${this.path} exited (${signal ?? code}); restarting`);
        this.removeOwnLink();
        setTimeout(() => {
          if (!this.closing) this.spawnSocat().catch((e) => this.options.trace?.(String(e)));
        }, 200);
      });
    });
  }
}
