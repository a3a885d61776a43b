import { describe, expect, it } from "vitest";
import { interpolate, parseDuration, parseScript, ScriptError } from "../src/script";
import { unityMenuScript, unityRunScript, bootLoopScript } from "../src/scripts";

describe("console script parser", () => {
  it("parses every statement", () => {
    const s = parseScript(`
# a comment
start:
print Hello \\x41\\t\${boot}
write no newline
log I app: value=\${input}
sleep 1.5s
input timeout 2s
if input == "1" goto start
if input ~ /^[0-9]+$/i goto start
if boot >= 3 goto start
if reset_reason == SW_CPU_RESET goto start
if timed_out goto start
goto start
test pass "adds numbers" at main/t.c:12
test fail subtracts "Expected 1 Was 2"
test ignore later
unity_summary
unity_reset
restart
panic StoreProhibited
abort ESP_ERROR_CHECK failed
assert "x == 1" in do_thing at main/x.c:7
task_wdt worker
int_wdt
brownout
hang
end
`);
    expect(s.statements.map((x) => x.op)).toEqual([
      "print",
      "print",
      "log",
      "sleep",
      "input",
      "goto",
      "goto",
      "goto",
      "goto",
      "goto",
      "goto",
      "test",
      "test",
      "test",
      "unity_summary",
      "unity_reset",
      "restart",
      "panic",
      "abort",
      "assert",
      "task_wdt",
      "int_wdt",
      "brownout",
      "hang",
      "end",
    ]);
    expect(s.labels.get("start")).toBe(0);
    expect(s.statements[0]).toMatchObject({ op: "print", text: "Hello A\t${boot}", newline: true });
    expect(s.statements[3]).toMatchObject({ ms: 1500 });
    expect(s.statements[4]).toMatchObject({ timeoutMs: 2000 });
    expect(s.statements[11]).toMatchObject({
      result: "pass",
      name: "adds numbers",
      file: "main/t.c",
      at: 12,
    });
    expect(s.statements[12]).toMatchObject({
      result: "fail",
      name: "subtracts",
      message: "Expected 1 Was 2",
    });
    expect(s.statements[19]).toMatchObject({
      expr: "x == 1",
      func: "do_thing",
      file: "main/x.c",
      at: 7,
    });
  });

  it.each([
    ["frobnicate", /line 1: unknown statement "frobnicate"/],
    ["goto nowhere", /line 1: goto to undefined label "nowhere"/],
    ["a:\na:", /line 2: label "a" defined twice/],
    ["sleep soon", /expected a duration/],
    ["panic Kaboom", /unknown panic cause "Kaboom"/],
    ['test fail "x"', /a failing test needs a message/],
    ["if boot = 2 goto x\nx:", /expected boot <op> <number>/],
    ["if input ~ nope goto x\nx:", /expected input ~ \/regex\//],
    ['print "\\q"', /unknown escape/],
    ["log X tag: hi", /expected log <E\|W\|I\|D\|V>/],
  ])("rejects %j with a message naming the line", (text, msg) => {
    expect(() => parseScript(text)).toThrow(ScriptError);
    expect(() => parseScript(text)).toThrow(msg);
  });

  it("interpolates variables, keeping escaped dollars literal", () => {
    const s = parseScript("print boot=${boot} cost=\\$5 ${unknown}");
    const p = s.statements[0] as { text: string };
    expect(interpolate(p.text, { boot: 2 })).toBe("boot=2 cost=$5 ${unknown}");
  });

  it("reads durations", () => {
    expect(parseDuration("250ms", 1)).toBe(250);
    expect(parseDuration("2s", 1)).toBe(2000);
    expect(parseDuration("1m", 1)).toBe(60000);
    expect(parseDuration("40", 1)).toBe(40);
  });

  it("ready-made scripts parse", () => {
    const tests = [
      { name: 'a "quoted" $name', result: "pass" as const },
      { name: "b", result: "fail" as const, message: "Expected 1 Was 2" },
      { name: "c", result: "ignore" as const },
    ];
    expect(() => parseScript(unityRunScript(tests))).not.toThrow();
    expect(() => parseScript(unityMenuScript(tests))).not.toThrow();
    expect(() => parseScript(bootLoopScript("abort"))).not.toThrow();
  });
});
