import { mkdtempSync, writeFileSync, appendFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Invocation } from "@hil/contracts";
import { Journal, type JournalInput } from "@hil/journal";

export const SHA = "9fceb02d0ae598e95dc970b74767f19372d61af8";

export function invocation(over: Partial<Invocation> = {}): Invocation {
  return {
    schema_version: "ws2.invocation.v1",
    job_id: "gh-8121934471-1-hil",
    target_role: "runner",
    requested_by: "octocat",
    request_utc: "2026-11-21T10:15:02Z",
    command: ["hil-flash", "hil-test"],
    timeout_sec: 1800,
    lock_key: "hut-02",
    commit_sha: SHA,
    repo: "acme/thermostat-fw",
    lane: "local-hil",
    slot: "hut-02",
    ...over,
  };
}

export const at = (sec: number) =>
  new Date(Date.parse("2026-11-21T10:15:02Z") + sec * 1000).toISOString();

/** The journal of a job that flashed, power-cycled once and ran 13 tests with one failure. */
export function failingJournal(): JournalInput[] {
  return [
    {
      type: "board",
      at: at(5),
      step: "hil-flash",
      chip: "esp32",
      mac: "24:6f:28:aa:bb:02",
      port: "rfc2217://127.0.0.1:4002",
    },
    {
      type: "recovery",
      at: at(29),
      step: "hil-flash",
      event: {
        at: at(29),
        action: "power_cycle",
        step: "hil-flash",
        result: "ok",
        detail: "board silent after hard reset",
      },
    },
    {
      type: "flash",
      at: at(40),
      step: "hil-flash",
      bytes: 1048576,
      compressed_bytes: 612000,
      sectors_written: 150,
      sectors_skipped: 106,
      seconds: 7.1,
    },
    {
      type: "step",
      at: at(41),
      step: "hil-flash",
      status: "success",
      exit_code: 0,
      summary: "flashed 1 MiB",
    },
    {
      type: "tests",
      at: at(95),
      step: "hil-test",
      counts: { total: 13, passed: 12, failed: 1, ignored: 0 },
      failures: [
        {
          name: "test_pwm_duty",
          file: "main/test_pwm.c",
          line: 88,
          message: "Expected 512 Was 511",
        },
      ],
    },
    { type: "artifact", at: at(95), step: "hil-test", path: "hil-out/hut-02/console.log" },
    { type: "artifact", at: at(95), step: "hil-test", path: "hil-out/hut-02/junit.xml" },
    {
      type: "step",
      at: at(96),
      step: "hil-test",
      status: "failed",
      exit_code: 1,
      failure_kind: "test",
      summary: "1 of 13 tests failed",
    },
  ];
}

/** A job directory as the job-started hook leaves it, with journal entries appended. */
export function jobDir(inv: Invocation | null, entries: JournalInput[] = []): string {
  const dir = mkdtempSync(join(tmpdir(), "hil-job-"));
  if (inv) writeFileSync(join(dir, "invocation.json"), JSON.stringify(inv, null, 2));
  const j = new Journal(join(dir, "journal.jsonl"));
  for (const e of entries) j.append(e);
  return dir;
}

/** Append half a line, as a step killed mid-write leaves it. */
export function tearJournal(dir: string): void {
  appendFileSync(
    join(dir, "journal.jsonl"),
    '{"type":"step","at":"2026-11-21T10:16:40Z","step":"hil-te',
  );
}
