import {
  abortCall,
  AddressSource,
  assertFailed,
  brownout,
  guruMeditation,
  interruptWatchdog,
  taskWatchdog,
  type Crash,
} from "./crash";
import { interpolate, type Condition, type ResetReason, type Script } from "./script";

/** What a running app can do on the board. */
export interface AppHost {
  /** Print text (no line ending added); resolves once it has left the UART. */
  write(text: string): Promise<void>;
  line(text: string): Promise<void>;
  log(level: string, tag: string, text: string): Promise<void>;
  sleep(ms: number): Promise<void>;
  /** Next line of input from the host; undefined on timeout. */
  readLine(timeoutMs?: number): Promise<string | undefined>;
  uptimeMs(): number;
  /** Print the crash and reset the chip (never returns normally). */
  crash(c: Crash): Promise<void>;
  /** esp_restart(). */
  restart(): Promise<void>;
  /** Stop: no output, input ignored, until the next reset. */
  hang(): Promise<void>;
  readonly boot: number;
  readonly resetReason: ResetReason;
  readonly mac: string;
  readonly elfSha: string;
}

/** Unity's counters for one run. */
interface UnityState {
  tests: number;
  failures: number;
  ignored: number;
}

const DEFAULT_TEST_FILE = "main/test_app_main.c";

/**
 * Run a console script from the top. Returns when the script ends (`end` or the last
 * line); crash, restart and hang statements hand over to the board.
 */
export async function runScript(script: Script, host: AppHost): Promise<void> {
  const unity: UnityState = { tests: 0, failures: 0, ignored: 0 };
  const addrs = new AddressSource(parseInt(host.elfSha.slice(0, 8) || "1", 16) ^ host.boot);
  let input = "";
  let timedOut = false;
  let pc = 0;
  let busy = 0;
  const vars = () => ({
    boot: host.boot,
    input,
    reset_reason: host.resetReason,
    uptime: host.uptimeMs(),
    mac: host.mac,
    tests: unity.tests,
    failures: unity.failures,
    ignored: unity.ignored,
  });
  const holds = (c: Condition): boolean => {
    switch (c.kind) {
      case "input":
        if (c.op === "~") return (c.value as RegExp).test(input);
        return c.op === "==" ? input === c.value : input !== c.value;
      case "number": {
        const v = host.boot;
        switch (c.op) {
          case "==":
            return v === c.value;
          case "!=":
            return v !== c.value;
          case "<":
            return v < c.value;
          case "<=":
            return v <= c.value;
          case ">":
            return v > c.value;
          case ">=":
            return v >= c.value;
        }
        return false;
      }
      case "reset_reason":
        return c.op === "==" ? host.resetReason === c.value : host.resetReason !== c.value;
      case "timed_out":
        return c.negate ? !timedOut : timedOut;
    }
  };

  while (pc < script.statements.length) {
    const s = script.statements[pc++]!;
    // A script that loops without printing or waiting must not starve the simulator.
    if (++busy > 1000) {
      busy = 0;
      await host.sleep(1);
    }
    switch (s.op) {
      case "print":
        busy = 0;
        if (s.newline) await host.line(interpolate(s.text, vars()));
        else await host.write(interpolate(s.text, vars()));
        break;
      case "log":
        busy = 0;
        await host.log(s.level, s.tag, interpolate(s.text, vars()));
        break;
      case "sleep":
        busy = 0;
        await host.sleep(s.ms);
        break;
      case "input": {
        busy = 0;
        const got = await host.readLine(s.timeoutMs);
        timedOut = got === undefined;
        input = got ?? "";
        break;
      }
      case "goto":
        if (!s.when || holds(s.when)) pc = script.labels.get(s.label)!;
        break;
      case "test": {
        busy = 0;
        unity.tests++;
        const file = s.file ?? DEFAULT_TEST_FILE;
        const line = s.at ?? 20 + 10 * unity.tests;
        let text = `${file}:${line}:${s.name}:`;
        if (s.result === "pass") text += "PASS";
        else if (s.result === "fail") {
          unity.failures++;
          text += `FAIL: ${s.message}`;
        } else {
          unity.ignored++;
          text += s.message ? `IGNORE: ${s.message}` : "IGNORE";
        }
        await host.line(text);
        break;
      }
      case "unity_summary":
        busy = 0;
        await host.line("");
        await host.line("-----------------------");
        await host.line(
          `${unity.tests} Tests ${unity.failures} Failures ${unity.ignored} Ignored `,
        );
        await host.line(unity.failures ? "FAIL" : "OK");
        break;
      case "unity_reset":
        unity.tests = unity.failures = unity.ignored = 0;
        break;
      case "restart":
        await host.restart();
        return;
      case "panic":
        await host.crash(guruMeditation(s.cause, addrs, host.elfSha));
        return;
      case "abort":
        await host.crash(abortCall(addrs, host.elfSha, s.message));
        return;
      case "assert":
        await host.crash(assertFailed(s.expr, s.func, s.file, s.at, addrs, host.elfSha));
        return;
      case "task_wdt":
        await host.crash(taskWatchdog(s.task, host.uptimeMs(), addrs, host.elfSha));
        return;
      case "int_wdt":
        await host.crash(interruptWatchdog(addrs, host.elfSha));
        return;
      case "brownout":
        await host.crash(brownout());
        return;
      case "hang":
        await host.hang();
        return;
      case "end":
        return;
    }
  }
}
