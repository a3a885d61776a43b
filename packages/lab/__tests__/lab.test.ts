import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  GitHubRunner,
  parseKeyValueFile,
  parseWorkflowCommands,
  repoRoot,
  writeSampleBuild,
} from "../src";

const scratch: string[] = [];
afterAll(() => {
  for (const d of scratch) rmSync(d, { recursive: true, force: true });
});
const temp = () => {
  const d = mkdtempSync(join(tmpdir(), "hil-lab-test-"));
  scratch.push(d);
  return d;
};

function files(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.set(relative(dir, p), readFileSync(p));
    }
  };
  walk(dir);
  return out;
}

describe("the sample ESP-IDF build", () => {
  it("in examples/esp-idf-build is what writeSampleBuild writes, byte for byte", () => {
    const committed = files(join(repoRoot(), "examples", "esp-idf-build"));
    const dir = temp();
    writeSampleBuild(dir);
    // project_description.json names its build dir; the committed one was written in place.
    const fresh = new Map(
      [...files(dir)].map(([name, bytes]) => [
        name,
        Buffer.from(bytes.toString("latin1").replaceAll(dir, "examples/esp-idf-build"), "latin1"),
      ]),
    );
    expect([...committed.keys()].sort()).toEqual([...fresh.keys()].sort());
    for (const [name, bytes] of fresh)
      expect(
        committed.get(name)?.equals(bytes),
        `${name} differs: run npx tsx scripts/gen-sample-build.ts`,
      ).toBe(true);
    expect(committed.has("flasher_args.json")).toBe(true);
  });
});

describe("the runner's file formats", () => {
  it("reads name=value and heredoc entries as the runner does", () => {
    expect(
      parseKeyValueFile(
        "a=1\nurl=http://x/?q=a=b\nsummary<<EOF_1\nline one\nline=two\nEOF_1\nb=\n",
      ),
    ).toEqual({ a: "1", url: "http://x/?q=a=b", summary: "line one\nline=two", b: "" });
  });

  it("decodes workflow commands with their properties", () => {
    expect(
      parseWorkflowCommands(
        "plain line\n::error file=main/a.c,line=12,title=a%3Ab%2Cc::100%25 wrong%0Anext\n::add-mask::secret\r\n",
      ),
    ).toEqual([
      {
        command: "error",
        props: { file: "main/a.c", line: "12", title: "a:b,c" },
        message: "100% wrong\nnext",
      },
      { command: "add-mask", props: {}, message: "secret" },
    ]);
  });
});

describe("the GitHub runner emulator", () => {
  const runner = (env: Record<string, string> = {}) =>
    new GitHubRunner({
      root: repoRoot(),
      name: "esp32-hut-09",
      node: process.execPath,
      workDir: temp(),
      env,
    });
  const job = {
    repository: "acme/fw",
    sha: "a".repeat(40),
    runId: 5,
    job: "hil",
    apiUrl: "http://127.0.0.1:9",
  };

  it("gives steps the runner's variables, carries GITHUB_ENV forward and skips after a failure", async () => {
    const r = await runner().runJob(job, [
      {
        name: "one",
        run: 'echo "FOO=bar" >> "$GITHUB_ENV"; echo "out=$RUNNER_NAME/$GITHUB_SHA" >> "$GITHUB_OUTPUT"',
      },
      { name: "two", run: 'test "$FOO" = bar && exit 3' },
      { name: "three", run: "true" },
      { name: "four", run: "true", if: "always" },
    ]);
    expect(r.steps.map((s) => s.conclusion)).toEqual(["success", "failure", "skipped", "success"]);
    expect(r.steps[0]!.outputs.out).toBe(`esp32-hut-09/${"a".repeat(40)}`);
    expect(r.steps[1]!.exitCode).toBe(3);
    expect(r.conclusion).toBe("failure");
  });

  it("fails the job when the job-started hook fails, and still runs the completed hook", async () => {
    const dir = temp();
    const started = join(dir, "started.sh");
    const completed = join(dir, "completed.sh");
    const { writeFileSync } = await import("node:fs");
    writeFileSync(started, "echo no slot for you; exit 1\n");
    writeFileSync(completed, 'echo "completed for $GITHUB_JOB"\n');
    const r = await runner({
      ACTIONS_RUNNER_HOOK_JOB_STARTED: started,
      ACTIONS_RUNNER_HOOK_JOB_COMPLETED: completed,
    }).runJob(job, [{ name: "step", run: "true" }]);
    expect(r.started?.exitCode).toBe(1);
    expect(r.steps[0]!.conclusion).toBe("skipped");
    expect(r.completed?.stdout).toBe("completed for hil\n");
    expect(r.conclusion).toBe("failure");
  });

  it("cancels a running step with SIGINT and marks it cancelled", async () => {
    const r = await runner().runJob(job, [
      {
        name: "long",
        run: "trap 'echo interrupted; exit 130' INT; sleep 20 >/dev/null 2>&1 & wait",
        cancelAfterMs: 300,
      },
      { name: "cleanup", run: "echo cleanup", if: "always" },
    ]);
    expect(r.steps[0]!.conclusion).toBe("cancelled");
    expect(r.steps[0]!.stdout).toContain("interrupted");
    expect(r.steps[1]!.conclusion).toBe("success");
    expect(r.conclusion).toBe("cancelled");
  });
});
