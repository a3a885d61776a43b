import { PANIC_CAUSES, type ResetReason } from "./script";

/**
 * What an ESP-IDF v5 app prints when it dies, and which reset follows. The text follows
 * the panic handler's layout (esp_system/panic.c, port/panic_handler.c) so tools that
 * scan consoles for "Guru Meditation", "abort() was called", "Backtrace:" or
 * "Brownout detector was triggered" see what a real board prints.
 */
export interface Crash {
  /** Console output, one entry per line (empty strings are blank lines). */
  lines: string[];
  /** The reset the chip performs afterwards. */
  reset: ResetReason;
}

/** Deterministic pseudo-random addresses so a given image crashes the same way each time. */
export class AddressSource {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0 || 0x9e3779b9;
  }
  private next(): number {
    // xorshift32
    let x = this.s;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.s = x >>> 0;
    return this.s;
  }
  code(): number {
    return (0x400d0000 + ((this.next() % 0x30000) & ~3) + 3) >>> 0;
  }
  iram(): number {
    return (0x40080000 + ((this.next() % 0x10000) & ~3) + 2) >>> 0;
  }
  stack(): number {
    return (0x3ffb2000 + ((this.next() % 0x1000) & ~0xf)) >>> 0;
  }
}

const hex = (n: number) => `0x${(n >>> 0).toString(16).padStart(8, "0")}`;

function backtrace(a: AddressSource, frames: number, first?: number): string {
  const parts: string[] = [];
  let sp = a.stack();
  for (let i = 0; i < frames; i++) {
    const pc = i === 0 && first !== undefined ? first : i === frames - 1 ? a.iram() : a.code();
    parts.push(`${hex(pc)}:${hex(sp)}`);
    sp += 0x20;
  }
  return `Backtrace: ${parts.join(" ")}`;
}

function tail(elfSha: string): string[] {
  return ["", "", "", "", `ELF file SHA256: ${elfSha.slice(0, 16)}`, "", "Rebooting..."];
}

/** `panic <cause>`: an unhandled CPU exception. */
export function guruMeditation(cause: string, a: AddressSource, elfSha: string): Crash {
  const exccause = PANIC_CAUSES[cause] ?? 0x1c;
  const pc = a.code();
  const reg = (name: string, v: number) => `${name.padEnd(8)}: ${hex(v)}  `;
  const r = () => a.code() & 0x3fffffff;
  const rows = [
    [reg("PC", pc), reg("PS", 0x00060830), reg("A0", 0x80000000 | r()), reg("A1", a.stack())],
    [reg("A2", 0), reg("A3", a.stack()), reg("A4", 0), reg("A5", 0)],
    [reg("A6", 0), reg("A7", 0), reg("A8", 0x80000000 | r()), reg("A9", a.stack())],
    [reg("A10", 0), reg("A11", 0), reg("A12", 0), reg("A13", 0)],
    [reg("A14", 0), reg("A15", 0), reg("SAR", 0x00000004), reg("EXCCAUSE", exccause)],
    [reg("EXCVADDR", 0), reg("LBEG", a.iram()), reg("LEND", a.iram()), reg("LCOUNT", 0)],
  ];
  return {
    lines: [
      `Guru Meditation Error: Core  0 panic'ed (${cause}). Exception was unhandled.`,
      "",
      "Core  0 register dump:",
      ...rows.map((cols) => cols.join("")),
      "",
      "",
      backtrace(a, 4, pc),
      ...tail(elfSha),
    ],
    reset: "SW_CPU_RESET",
  };
}

/** `abort`: abort() called by the app (or by an ESP_ERROR_CHECK). */
export function abortCall(a: AddressSource, elfSha: string, message?: string): Crash {
  const pc = a.code();
  return {
    lines: [
      ...(message ? [message] : []),
      "",
      `abort() was called at PC ${hex(pc)} on core 0`,
      "",
      "",
      backtrace(a, 6),
      ...tail(elfSha),
    ],
    reset: "SW_CPU_RESET",
  };
}

/** `assert`: a failed assert() in ESP-IDF v5 format. */
export function assertFailed(
  expr: string,
  func: string,
  file: string,
  line: number,
  a: AddressSource,
  elfSha: string,
): Crash {
  return {
    lines: [
      "",
      `assert failed: ${func} ${file.split("/").pop()}:${line} (${expr})`,
      "",
      "",
      backtrace(a, 5),
      ...tail(elfSha),
    ],
    reset: "SW_CPU_RESET",
  };
}

/** `task_wdt`: the task watchdog fires (CONFIG_ESP_TASK_WDT_PANIC=y), then abort(). */
export function taskWatchdog(
  task: string,
  uptimeMs: number,
  a: AddressSource,
  elfSha: string,
): Crash {
  const t = `E (${uptimeMs}) task_wdt:`;
  return {
    lines: [
      `${t} Task watchdog got triggered. The following tasks/users did not reset the watchdog in time:`,
      `${t}  - IDLE0 (CPU 0)`,
      `${t} Tasks currently running:`,
      `${t} CPU 0: ${task}`,
      `${t} CPU 1: IDLE1`,
      `${t} Aborting.`,
      "",
      `abort() was called at PC ${hex(a.code())} on core 0`,
      "",
      "",
      backtrace(a, 4),
      ...tail(elfSha),
    ],
    reset: "SW_CPU_RESET",
  };
}

/** `int_wdt`: the interrupt watchdog (a core stuck with interrupts off). */
export function interruptWatchdog(a: AddressSource, elfSha: string): Crash {
  const crash = guruMeditation("LoadProhibited", a, elfSha);
  crash.lines[0] = "Guru Meditation Error: Core  0 panic'ed (Interrupt wdt timeout on CPU0).";
  return crash;
}

/** `brownout`: the supply sagged; the brown-out ISR prints and restarts the chip. */
export function brownout(): Crash {
  return { lines: ["", "Brownout detector was triggered", ""], reset: "SW_CPU_RESET" };
}
