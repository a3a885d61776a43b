// `hil test` end to end: the CLI bundle (Node 24) against simulated boards on 127.0.0.1.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { unityRunScript } from "@hil/hut-sim";
import {
  hangScript,
  multiStageMenuScript,
  startJob,
  startLab,
  type TestLab,
} from "../../packages/hil-test/__tests__/sim";
import { bundleNode, cliDist } from "../helpers/paths";

let t: TestLab;
const scratch: string[] = [];
beforeAll(async () => {
  t = await startLab(1);
});
afterAll(async () => {
  await t?.close();
  for (const d of scratch) rmSync(d, { recursive: true, force: true });
});

interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  cwd: string;
}

/** `hil <args>` as a person runs it at a terminal: no CI variables. */
function hil(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  const cwd = mkdtempSync(join(tmpdir(), "hil-cli-"));
  scratch.push(cwd);
  mkdirSync(join(cwd, "main"));
  writeFileSync(join(cwd, "main", "test_pwm.c"), "// pwm tests\n");
  return new Promise((resolve, reject) => {
    const child = spawn(bundleNode(), [cliDist, ...args], {
      cwd,
      env: { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: cwd, HIL_SLOTS: t.file, ...env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? 1, stdout, stderr, cwd });
    });
  });
}

const quick = ["--slot", "hut-01", "--inactivity-timeout", "3", "--timeout", "30"];

describe("hil test", () => {
  it("drives the Unity menu across a multi-stage test and exits 0", async () => {
    t.install(multiStageMenuScript());
    const r = await hil(["test", ...quick, "--unity-menu", "*"]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain("hut-01: success: 2 tests passed — 2 passed, 0 failed, 0 ignored");
    expect(r.stdout).toContain("│ Enter test for running.");
    const log = join(r.cwd, "hil-out", "hut-01", "console.log");
    expect(r.stdout).toContain(`console log: ${log}`);
    expect(readFileSync(log, "utf8")).toContain('#hil sent "2\\n" at the Unity menu (stage)');
    expect(existsSync(join(r.cwd, "hil-out", "hut-01", "junit.xml"))).toBe(true);
  });

  it("exits 1 for a failing test and names its repository file and line", async () => {
    t.install(
      unityRunScript([
        {
          name: "pwm duty",
          result: "fail",
          message: "Expected 512 Was 511",
          file: "/builds/acme/thermostat-fw/main/test_pwm.c",
          line: 88,
        },
      ]),
    );
    const r = await hil(["test", ...quick, "--quiet", "--summary", "summary.md"]);
    expect(r.code).toBe(1);
    expect(r.stdout).not.toContain("│ ");
    expect(r.stderr).toContain("error: main/test_pwm.c:88: pwm duty: Expected 512 Was 511");
    expect(r.stdout).toContain("hut-01: failed (test): 1 of 1 tests failed");
    expect(readFileSync(join(r.cwd, "summary.md"), "utf8")).toMatch(
      /\| ❌ \| pwm duty \| main\/test_pwm\.c:88 \|/,
    );
  });

  it("exits 124 for a hung board and prints the verdict as JSON", async () => {
    t.install(hangScript());
    const r = await hil(["test", ...quick, "--inactivity-timeout", "2", "--json"]);
    expect(r.code).toBe(124);
    expect(JSON.parse(r.stdout)).toMatchObject({
      slot: "hut-01",
      status: "timeout",
      exit_code: 124,
      failure_kind: "test",
      counts: { total: 2, passed: 1, failed: 1, ignored: 0 },
      failures: [{ name: "wifi connects to lab AP" }],
      job_id: null,
    });
  });

  it("exits 124 for a job past its deadline (the keeper's flag) without touching the board, journaling the step", async () => {
    const job = await startJob(t);
    try {
      writeFileSync(join(job.dir, "cancel"), "timeout: the job ran past 1800 s\n");
      const before = t.board().lineStats.rxBytes;
      const r = await hil(["test", ...quick], {
        HIL_JOB_DIR: job.dir,
        HIL_LEASE_TOKEN: job.lease.record.token,
      });
      expect(r.code).toBe(124);
      expect(r.stderr).toContain(
        "ran past its deadline (the job ran past 1800 s); this step does not start.",
      );
      expect(t.board().lineStats.rxBytes).toBe(before);
      expect(job.journal().at(-1)).toMatchObject({
        type: "step",
        step: "hil-test",
        status: "timeout",
        exit_code: 124,
      });
    } finally {
      await job.release();
    }
  });

  it("exits 130 for a cancelled job without touching the board", async () => {
    const job = await startJob(t);
    try {
      writeFileSync(join(job.dir, "cancel"), "cancelled by ada (hil cancel)\n");
      const before = t.board().lineStats.rxBytes;
      const r = await hil(["test", ...quick], {
        HIL_JOB_DIR: job.dir,
        HIL_LEASE_TOKEN: job.lease.record.token,
      });
      expect(r.code).toBe(130);
      expect(r.stderr).toContain(
        "was cancelled (cancelled by ada (hil cancel)); this step does not start.",
      );
      expect(t.board().lineStats.rxBytes).toBe(before);
      expect(job.journal().at(-1)).toMatchObject({
        type: "step",
        status: "cancelled",
        exit_code: 130,
      });
    } finally {
      await job.release();
    }
  });

  it("rejects a bad option value with what to write instead", async () => {
    const r = await hil(["test", ...quick, "--timeout", "soon"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('--timeout: expected a number of seconds, got "soon".');
  });
});
