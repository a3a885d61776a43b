/**
 * What an ESP32 prints that the judge has to recognise: the ROM's boot banner with its reset
 * reason, the second-stage bootloader, the app starting, and the panic handler's crash
 * signatures. Pure functions over one console line (ANSI colours already stripped).
 */

/** How a crash or an unplanned reset showed itself. */
export type CrashKind =
  | "panic"
  | "abort"
  | "assert"
  | "stack_overflow"
  | "stack_smashing"
  | "heap_corruption"
  | "task_wdt"
  | "interrupt_wdt"
  | "brownout"
  | "watchdog_reset"
  | "reset"
  | "external_reset"
  | "backtrace";

export type ResetClass =
  "power" | "external" | "software" | "watchdog" | "brownout" | "deepsleep" | "other";

export interface BootLine {
  /** `0xc` as a number. */
  code: number;
  /** `SW_CPU_RESET`, `RTC_SW_CPU_RST`, `POWERON_RESET`, … as the ROM names it. */
  reason: string;
  resetClass: ResetClass;
}

const BOOT_RE = /rst:0x([0-9a-fA-F]+) \(([A-Z0-9_]+)\)/;

/**
 * The ROM's reset line, printed once per boot by every ESP32 family chip:
 * `rst:0xc (SW_CPU_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)` (ESP32) or
 * `rst:0x1 (POWERON),boot:0x8 (SPI_FAST_FLASH_BOOT)` (S3, C3, …).
 */
export function parseBootLine(line: string): BootLine | undefined {
  if (!line.includes("rst:0x")) return undefined;
  const m = BOOT_RE.exec(line);
  if (!m) return undefined;
  const reason = m[2]!;
  return { code: parseInt(m[1]!, 16), reason, resetClass: classifyReset(reason) };
}

/** Sort a reset reason into what it means for a test run. */
export function classifyReset(reason: string): ResetClass {
  if (reason.includes("BROWN")) return "brownout";
  if (reason.includes("WDT")) return "watchdog";
  if (reason.includes("DEEPSLEEP") || reason.includes("DSLEEP")) return "deepsleep";
  if (reason.includes("SW")) return "software";
  if (reason.includes("POWERON") || reason.includes("GLITCH")) return "power";
  // EXT_CPU_RESET, USB_UART_CHIP_RESET, USB_JTAG_CHIP_RESET: the host pulled a reset line.
  if (reason.includes("EXT") || reason.includes("USB")) return "external";
  return "other";
}

/** Lines the ROM prints between the reset and the bootloader. */
const ROM_LINE =
  /^(ets [A-Z][a-z]{2} |ESP-ROM:|Build:|rst:0x|configsip:|clk_drv:|mode:|load:0x|ho \d|entry 0x|SPIWP:|invalid header|flash read err|waiting for download|Saved PC:)/;
/** Log tags of the second-stage bootloader (`I (31) boot: ESP-IDF v5.1 2nd stage bootloader`). */
const BOOTLOADER_LOG =
  /^[IWEDV] \(\d+\) (boot(\.[a-z0-9]+)?|esp_image|bootloader_[a-z_]+|qio_mode|flash_encrypt|secure_boot[a-z_]*|efuse|boot_comm):/;

/** Is this line from the ROM or the second-stage bootloader (not yet the app)? */
export function isBootChatter(line: string): boolean {
  return line === "" || ROM_LINE.test(line) || BOOTLOADER_LOG.test(line);
}

/** A recognised crash signature, the first line of a crash block. */
export interface CrashSignature {
  kind: CrashKind;
  /** The exception or reason, e.g. `LoadProhibited`, `Interrupt wdt timeout on CPU0`. */
  reason?: string;
  /** Source position an assert names. */
  file?: string;
  line?: number;
}

const GURU_RE = /Guru Meditation Error: Core\s+\d+ panic'ed \(([^)]*)\)/;
const ASSERT_IDF_RE = /assert failed: (\S+) (\S+?):(\d+) \((.*)\)\s*$/;
const ASSERT_NEWLIB_RE = /assertion "(.*)" failed: file "([^"]+)", line (\d+)/;
/** Cheap first check: a line without any of these words cannot carry a signature. */
const MAYBE_CRASH =
  /Guru Meditation|abort\(\) was called|assert|\*\*\*ERROR\*\*\*|Stack smashing|CORRUPT HEAP|Task watchdog got triggered|Brownout detector|Backtrace:/;

/** Does this line start a crash block? */
export function crashSignature(line: string): CrashSignature | undefined {
  if (!MAYBE_CRASH.test(line)) return undefined;
  let m = GURU_RE.exec(line);
  if (m) {
    const reason = m[1]!;
    return { kind: /wdt/i.test(reason) ? "interrupt_wdt" : "panic", reason };
  }
  if (line.includes("abort() was called")) return { kind: "abort", reason: "abort()" };
  if ((m = ASSERT_IDF_RE.exec(line))) {
    return { kind: "assert", reason: m[4]!, file: m[2]!, line: Number(m[3]) };
  }
  if ((m = ASSERT_NEWLIB_RE.exec(line))) {
    return { kind: "assert", reason: m[1]!, file: m[2]!, line: Number(m[3]) };
  }
  if (line.includes("***ERROR*** A stack overflow")) {
    return { kind: "stack_overflow", reason: line.replace(/^.*\*\*\*ERROR\*\*\* /, "") };
  }
  if (line.includes("Stack smashing protect failure")) return { kind: "stack_smashing" };
  if (line.includes("CORRUPT HEAP")) return { kind: "heap_corruption" };
  if (line.includes("Task watchdog got triggered")) return { kind: "task_wdt" };
  if (line.includes("Brownout detector was triggered")) return { kind: "brownout" };
  // A backtrace with no crash line before it: the first line was lost, or the app printed one.
  if (backtraceOf(line)) return { kind: "backtrace" };
  return undefined;
}

/** The panic handler's `Backtrace: 0x400d2c4b:0x3ffb26f0 0x…` line (addresses only). */
export function backtraceOf(line: string): string | undefined {
  const i = line.indexOf("Backtrace:");
  if (i < 0) return undefined;
  const rest = line.slice(i + "Backtrace:".length).trim();
  return rest || undefined;
}

/** The panic handler is done and the chip restarts (or halts). */
export function endsCrashBlock(line: string): boolean {
  return line.startsWith("Rebooting...") || line.startsWith("CPU halted.");
}

/** What kind of crash an unplanned reset is, by its reset reason. */
export function crashKindOfReset(reset: BootLine): CrashKind {
  switch (reset.resetClass) {
    case "watchdog":
      return "watchdog_reset";
    case "brownout":
      return "brownout";
    case "power":
    case "external":
      return "external_reset";
    default:
      return "reset";
  }
}

/**
 * Crashes caused by the lab rather than the firmware: a brown-out (the supply sags: USB port,
 * cable, relay) or a reset from outside while the app ran (power cut, someone else's reset).
 */
export function isInfrastructureCrash(kind: CrashKind): boolean {
  return kind === "brownout" || kind === "external_reset";
}

/** One-line description of a crash kind, for summaries. */
export const CRASH_TITLES: Record<CrashKind, string> = {
  panic: "panic (Guru Meditation Error)",
  abort: "abort() called",
  assert: "assert failed",
  stack_overflow: "stack overflow",
  stack_smashing: "stack smashing detected",
  heap_corruption: "heap corruption",
  task_wdt: "task watchdog triggered",
  interrupt_wdt: "interrupt watchdog timeout",
  brownout: "brown-out: the supply voltage dropped",
  watchdog_reset: "watchdog reset",
  reset: "unexpected reset",
  external_reset: "reset from outside (power or EN line) while the app ran",
  backtrace: "backtrace printed",
};
