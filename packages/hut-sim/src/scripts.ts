/**
 * Ready-made console scripts for the common cases, so tests need not spell them out.
 * Each returns script text for `buildTestFirmware({ script })`.
 */

export interface UnityTest {
  name: string;
  result: "pass" | "fail" | "ignore";
  /** Failure (required for `fail`) or ignore message. */
  message?: string;
  file?: string;
  line?: number;
  /** How long the test runs before its result line (ms). Default 5. */
  durationMs?: number;
  tag?: string;
}

/** Quote a value for a script statement argument. */
export function quote(s: string): string {
  return `"${s.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\$/g, "\\$")}"`;
}

/** Escape text for a `print` statement. */
export function printable(s: string): string {
  return s.replace(/\\/g, "\\\\").replace(/\$/g, "\\$");
}

function testLines(t: UnityTest): string[] {
  const loc = t.file || t.line ? ` at ${t.file ?? "main/test_app_main.c"}:${t.line ?? 42}` : "";
  const msg = t.message !== undefined ? ` ${quote(t.message)}` : "";
  return [
    `print Running ${printable(t.name)}...`,
    `sleep ${t.durationMs ?? 5}ms`,
    `test ${t.result} ${quote(t.name)}${msg}${loc}`,
    `print Test ran in ${t.durationMs ?? 5}ms`,
  ];
}

/** A Unity run that starts at boot (UNITY_BEGIN..UNITY_END in app_main) and then returns. */
export function unityRunScript(tests: UnityTest[], o: { after?: "end" | "hang" } = {}): string {
  return [
    "# Unity run at boot",
    "unity_reset",
    ...tests.flatMap(testLines),
    "unity_summary",
    o.after ?? "end",
    "",
  ].join("\n");
}

/**
 * The ESP-IDF unit-test app: "Press ENTER to see the list of tests.", the numbered
 * menu on an empty line, `*` runs everything, a number runs that test, anything else
 * runs nothing; after a run it waits for the next selection.
 */
export function unityMenuScript(tests: UnityTest[]): string {
  const menu = tests.map(
    (t, i) => `print (${i + 1})\\t"${printable(t.name)}" [${t.tag ?? "test"}]`,
  );
  const lines = [
    "# ESP-IDF unity test menu",
    "print",
    "print Press ENTER to see the list of tests.",
    "menu:",
    "input",
    'if input == "" goto list',
    'if input == "*" goto all',
    ...tests.map((_, i) => `if input == "${i + 1}" goto t${i + 1}`),
    "unity_reset",
    "goto done",
    "list:",
    "print",
    "print Here's the test menu, pick your combo:",
    ...menu,
    "print",
    "print Enter test for running.",
    "goto menu",
    "all:",
    "unity_reset",
    ...tests.flatMap(testLines),
    "goto done",
    ...tests.flatMap((t, i) => [`t${i + 1}:`, "unity_reset", ...testLines(t), "goto done"]),
    "done:",
    "unity_summary",
    "print Enter next test, or 'enter' to see menu",
    "goto menu",
    "",
  ];
  return lines.join("\n");
}

/** Boot, print a banner, then crash the same way on every boot: a boot loop. */
export function bootLoopScript(crash: "panic" | "abort" | "brownout" = "panic"): string {
  return [
    "log I app: starting",
    "sleep 20ms",
    crash === "panic" ? "panic LoadProhibited" : crash,
    "",
  ].join("\n");
}
