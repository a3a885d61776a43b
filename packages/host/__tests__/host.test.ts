import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { GitLabHost, markdownTable, RecordingHost, TerminalHost } from "../src/index";

describe("TerminalHost", () => {
  it("masks secrets in every line and output, indents groups", async () => {
    const out: string[] = [];
    const err: string[] = [];
    const host = new TerminalHost({ out: (l) => out.push(l), err: (l) => err.push(l) });
    host.maskSecret("s3cr3t-token-value");
    await host.group("flash", async () => {
      host.info("using token s3cr3t-token-value");
      host.warn("bad token s3cr3t-token-value", { file: "slots.yaml", line: 4 });
    });
    host.setOutput("token", "x s3cr3t-token-value");
    expect(out).toEqual(["▸ flash", "  using token ***"]);
    expect(err).toEqual(["  warning: slots.yaml:4: bad token ***"]);
    expect(host.outputs.get("token")).toBe("x ***");
  });

  it("appends the summary to a file, redacted", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "host-")), "summary.md");
    const host = new TerminalHost({ summaryFile: file, out: () => {} });
    host.maskSecret("abcdef123456");
    await host.writeSummary(markdownTable(["a", "b"], [["x|y", "abcdef123456"]]));
    expect(readFileSync(file, "utf8")).toBe("| a | b |\n| --- | --- |\n| x\\|y | *** |\n\n");
  });
});

describe("GitLabHost", () => {
  it("writes collapsible sections and a dotenv report", async () => {
    const dir = mkdtempSync(join(tmpdir(), "gl-"));
    const out: string[] = [];
    const host = new GitLabHost({ dotenvFile: join(dir, "hil.env"), out: (l) => out.push(l) });
    await host.group("Flash hut-01", async () => host.info("writing"));
    host.setOutput("bytes-written", 4096);
    // eslint-disable-next-line no-control-regex -- GitLab section markers are escape sequences
    expect(out[0]).toMatch(/section_start:\d+:hil_1\[collapsed=false\]\r\u001b\[0KFlash hut-01/);
    expect(out[2]).toMatch(/section_end:\d+:hil_1/);
    expect(readFileSync(join(dir, "hil.env"), "utf8")).toBe("HIL_BYTES_WRITTEN=4096\n");
  });
});

describe("RecordingHost", () => {
  it("keeps lines, outputs and summary, redacted", async () => {
    const host = new RecordingHost();
    host.maskSecret("tok-123456");
    host.error("401 with tok-123456", { file: "a.c", line: 3 });
    await host.writeSummary("tok-123456");
    expect(host.lines).toEqual([
      { level: "error", message: "401 with ***", where: { file: "a.c", line: 3 } },
    ]);
    expect(host.summary).toBe("***\n");
  });
});
