import { describe, expect, it } from "vitest";
import { judgeConsole } from "../src/drive";
import { ConsoleJudge } from "../src/judge";
import { fixture } from "./replay";

/**
 * A fake board on the other end of a console: it prints a transcript and, where the transcript
 * has `#> "..."`, waits until the driver has written exactly that.
 */
function board(name: string) {
  const written: string[] = [];
  let wake: (() => void) | undefined;
  const write = (text: string) => {
    written.push(text);
    wake?.();
  };
  async function* read(): AsyncGenerator<string> {
    let sent = 0;
    for (const line of fixture(name).split("\n")) {
      if (line.startsWith("#> ")) {
        const want = JSON.parse(line.slice(3)) as string;
        while (written.length <= sent) await new Promise<void>((r) => (wake = r));
        if (written[sent] !== want)
          throw new Error(
            `board expected ${JSON.stringify(want)}, got ${JSON.stringify(written[sent])}`,
          );
        sent++;
        continue;
      }
      if (line === "#! end") {
        await new Promise(() => undefined); // silent from here on
      }
      if (line.startsWith("#@")) continue;
      yield line + "\r\n";
      await new Promise((r) => setImmediate(r));
    }
  }
  return { read: read(), write, written };
}

describe("judgeConsole", () => {
  it("drives the Unity menu of a live console through a multi-stage test", async () => {
    const b = board("menu-multistage.txt");
    const judge = new ConsoleJudge({ startedAt: Date.now(), unityMenu: "*" });
    const result = await judgeConsole({ judge, read: b.read, write: b.write });
    expect(result.status).toBe("success");
    expect(result.counts.passed).toBe(3);
    expect(b.written).toEqual(["\n", "*\n", "1\n", "\n", "2\n", "2\n", "3\n"]);
  });

  it("wakes the judge when the board goes quiet", async () => {
    const b = board("hang.txt");
    const judge = new ConsoleJudge({ startedAt: Date.now(), inactivityMs: 1_500 });
    const result = await judgeConsole({ judge, read: b.read, pollMs: 50 });
    expect(result.status).toBe("timeout");
    expect(result.tests.at(-1)).toMatchObject({
      name: "wifi connects to lab AP",
      cutShort: "timeout",
    });
  });

  it("stops for the cancellation flag", async () => {
    const b = board("hang.txt");
    let cancel = false;
    const judge = new ConsoleJudge({ startedAt: Date.now() });
    const done = judgeConsole({ judge, read: b.read, cancelled: () => cancel, pollMs: 20 });
    setTimeout(() => (cancel = true), 100);
    expect((await done).status).toBe("cancelled");
  });

  it("a console that ends or fails is a lost port", async () => {
    async function* ends() {
      yield { data: "I (10) app: hello\r\n", at: Date.now() };
    }
    const r1 = await judgeConsole({
      judge: new ConsoleJudge({ startedAt: Date.now() }),
      read: ends(),
    });
    expect(r1).toMatchObject({ status: "failed", failureKind: "infrastructure" });
    expect(r1.reason).toContain("the console stream ended");

    async function* fails(): AsyncGenerator<string> {
      yield "I (10) app: hello\r\n";
      throw new Error("read EIO /dev/ttyUSB0");
    }
    const r2 = await judgeConsole({
      judge: new ConsoleJudge({ startedAt: Date.now() }),
      read: fails(),
    });
    expect(r2.reason).toBe("lost the console: read EIO /dev/ttyUSB0");
  });
});
