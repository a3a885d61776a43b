import { performance } from "node:perf_hooks";
import { ConsoleJudge } from "./judge";

const BOOT = [
  "ets Jun  8 2016 00:22:57",
  "",
  "rst:0x1 (POWERON_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)",
  "configsip: 0, SPIWP:0xee",
  "mode:DIO, clock div:2",
  "load:0x3fff0030,len:7104",
  "entry 0x4008064c",
  "\u001b[0;32mI (31) boot: ESP-IDF v5.2.1 2nd stage bootloader\u001b[0m",
  "\u001b[0;32mI (245) cpu_start: Pro cpu start user code\u001b[0m",
  "\u001b[0;32mI (305) main_task: Calling app_main()\u001b[0m",
];

/**
 * A console transcript of about `bytes` bytes shaped like an ESP-IDF Unity run: boot log,
 * coloured log lines from the tests, `Running …` and PASS lines, then the summary.
 */
export function syntheticConsole(bytes: number): { text: string; tests: number } {
  const parts: string[] = [BOOT.join("\r\n") + "\r\n"];
  let size = parts[0]!.length;
  let tests = 0;
  while (size < bytes) {
    tests++;
    const block =
      `Running sensor sample ${tests}...\r\n` +
      `\u001b[0;32mI (${1000 + tests}) sensor: sample ${tests} ok: t=21.5C rh=40% p=1013hPa\u001b[0m\r\n` +
      `\u001b[0;33mW (${1001 + tests}) i2c: bus busy, retrying transaction on port 0 (attempt 1)\u001b[0m\r\n` +
      `I (${1002 + tests}) wifi: state: run -> run (0x0), rssi -61, channel 6, beacon ok\r\n` +
      `/builds/acme/fw/components/sensor/test/test_sensor.c:${40 + (tests % 200)}:sensor sample ${tests}:PASS\r\n`;
    parts.push(block);
    size += block.length;
  }
  parts.push(`\r\n-----------------------\r\n${tests} Tests 0 Failures 0 Ignored \r\nOK\r\n`);
  return { text: parts.join(""), tests };
}

export interface BenchResult {
  mbPerSec: number;
  bytes: number;
  lines: number;
  ms: number;
  tests: number;
}

/**
 * Judge about `bytes` of synthetic ESP-IDF console in 4 KiB chunks (as a serial port
 * delivers them), with an expect and two fail patterns, and measure the throughput.
 */
export function benchJudgeDetailed(bytes = 32 * 1024 * 1024, chunkSize = 4096): BenchResult {
  const { text, tests } = syntheticConsole(bytes);
  const data = new TextEncoder().encode(text);
  const t0 = 1_800_000_000_000;
  const judge = new ConsoleJudge({
    startedAt: t0,
    timeoutMs: 86_400_000,
    inactivityMs: 86_400_000,
    expect: "/main_task: Calling app_main/",
    fail: ["/E \\(\\d+\\) sensor:/", "HEAP CORRUPTED"],
  });
  const started = performance.now();
  let at = t0;
  for (let i = 0; i < data.length && !judge.done; i += chunkSize) {
    judge.feed(data.subarray(i, i + chunkSize), (at += 1));
  }
  judge.tick(at + 10_000);
  const ms = performance.now() - started;
  const r = judge.result;
  if (!r || r.status !== "success" || r.counts.passed !== tests) {
    throw new Error(
      `benchJudge: the synthetic run was judged ${r?.status ?? "not at all"} (${r?.reason}), expected ${tests} passes`,
    );
  }
  return {
    mbPerSec: data.length / 1e6 / (ms / 1000),
    bytes: data.length,
    lines: r.lines,
    ms,
    tests,
  };
}

/** MB/s of console judged (see benchJudgeDetailed). */
export function benchJudge(bytes?: number): number {
  return benchJudgeDetailed(bytes).mbPerSec;
}
