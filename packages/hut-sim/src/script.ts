import { ConfigurationError } from "@hil/contracts";

/**
 * The console script a test firmware image carries for the simulator (docs/simulator.md
 * "Console scripts"). One statement per line; `#` starts a comment line; `name:` is a
 * label. The app runs it from the top on every boot.
 */

export type Condition =
  | { kind: "input"; op: "==" | "!=" | "~"; value: string | RegExp }
  | { kind: "number"; name: "boot"; op: "==" | "!=" | "<" | "<=" | ">" | ">="; value: number }
  | { kind: "reset_reason"; op: "==" | "!="; value: string }
  | { kind: "timed_out"; negate: boolean };

export type Statement = { line: number } & (
  | { op: "print"; text: string; newline: boolean }
  | { op: "log"; level: string; tag: string; text: string }
  | { op: "sleep"; ms: number }
  | { op: "input"; timeoutMs?: number }
  | { op: "goto"; label: string; when?: Condition }
  | {
      op: "test";
      result: "pass" | "fail" | "ignore";
      name: string;
      message?: string;
      file?: string;
      at?: number;
    }
  | { op: "unity_summary" }
  | { op: "unity_reset" }
  | { op: "restart" }
  | { op: "panic"; cause: string }
  | { op: "abort"; message?: string }
  | { op: "assert"; expr: string; func: string; file: string; at: number }
  | { op: "task_wdt"; task: string }
  | { op: "int_wdt" }
  | { op: "brownout" }
  | { op: "hang" }
  | { op: "end" }
);

export interface Script {
  statements: Statement[];
  labels: Map<string, number>;
}

export class ScriptError extends ConfigurationError {
  override name = "ScriptError";
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`console script line ${line}: ${message}`, {
      hint: "See docs/simulator.md (Console scripts) for the statements the simulator understands.",
    });
  }
}

/** Reset reasons the ROM prints (`rst:0x1 (POWERON_RESET)`), by name. */
export const RESET_REASONS = {
  POWERON_RESET: 0x1,
  SW_RESET: 0x3,
  OWDT_RESET: 0x4,
  DEEPSLEEP_RESET: 0x5,
  SDIO_RESET: 0x6,
  TG0WDT_SYS_RESET: 0x7,
  TG1WDT_SYS_RESET: 0x8,
  RTCWDT_SYS_RESET: 0x9,
  INTRUSION_RESET: 0xa,
  TGWDT_CPU_RESET: 0xb,
  SW_CPU_RESET: 0xc,
  RTCWDT_CPU_RESET: 0xd,
  EXT_CPU_RESET: 0xe,
  RTCWDT_BROWN_OUT_RESET: 0xf,
  RTCWDT_RTC_RESET: 0x10,
} as const;
export type ResetReason = keyof typeof RESET_REASONS;

/** Exception causes a `panic` statement accepts, with their Xtensa EXCCAUSE. */
export const PANIC_CAUSES: Record<string, number> = {
  IllegalInstruction: 0x00,
  IntegerDivideByZero: 0x06,
  LoadStoreAlignment: 0x09,
  InstrFetchProhibited: 0x14,
  LoadProhibited: 0x1c,
  StoreProhibited: 0x1d,
};

const LABEL = /^([A-Za-z_][A-Za-z0-9_-]*):$/;

/** Stands for an escaped `\$` until interpolation is done. */
export const LITERAL_DOLLAR = "\uE000";

/** Replace `${boot}`, `${input}`, … in printed text; `\$` gives a literal dollar. */
export function interpolate(text: string, vars: Record<string, string | number>): string {
  return text
    .replace(/\$\{([A-Za-z_]+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m))
    .replaceAll(LITERAL_DOLLAR, "$");
}

/** Split a statement's arguments: bare words and "double quoted strings". */
export function tokenize(s: string, line: number): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < s.length) {
    if (s[i] === " " || s[i] === "\t") {
      i++;
      continue;
    }
    if (s[i] === '"') {
      let v = "";
      i++;
      while (i < s.length && s[i] !== '"') {
        if (s[i] === "\\" && i + 1 < s.length) {
          v += s.slice(i, i + 2);
          i += 2;
        } else v += s[i++];
      }
      if (s[i] !== '"') throw new ScriptError(line, "unterminated string");
      i++;
      out.push(unescape(v, line));
      continue;
    }
    let w = "";
    while (i < s.length && s[i] !== " " && s[i] !== "\t") w += s[i++];
    out.push(w);
  }
  return out;
}

/** Backslash escapes in text: \\ \t \r \n \e \$ \" \xHH. */
export function unescape(s: string, line: number): string {
  return s.replace(/\\(x[0-9a-fA-F]{2}|.)/g, (_, e: string) => {
    if (e.startsWith("x") && e.length === 3) return String.fromCharCode(parseInt(e.slice(1), 16));
    const map: Record<string, string> = {
      "\\": "\\",
      t: "\t",
      r: "\r",
      n: "\n",
      e: "\x1b",
      $: LITERAL_DOLLAR,
      '"': '"',
    };
    const v = map[e];
    if (v === undefined) throw new ScriptError(line, `unknown escape \\${e}`);
    return v;
  });
}

/** `250ms`, `2s`, `1.5s`, `1m`, or a bare number of milliseconds. */
export function parseDuration(s: string, line: number): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(s);
  if (!m) throw new ScriptError(line, `expected a duration like 250ms or 2s, got "${s}"`);
  const n = Number(m[1]);
  return Math.round(m[2] === "s" ? n * 1000 : m[2] === "m" ? n * 60_000 : n);
}

function parseCondition(toks: string[], line: number): Condition {
  const [name, op, ...rest] = toks;
  const raw = rest.join(" ");
  if (name === "timed_out" && toks.length === 1) return { kind: "timed_out", negate: false };
  if (name === "!timed_out" && toks.length === 1) return { kind: "timed_out", negate: true };
  if (name === "input") {
    if (op === "~") {
      const m = /^\/(.*)\/([a-z]*)$/.exec(raw);
      if (!m) throw new ScriptError(line, `expected input ~ /regex/, got "${raw}"`);
      try {
        return { kind: "input", op: "~", value: new RegExp(m[1]!, m[2]) };
      } catch (e) {
        throw new ScriptError(line, `bad regular expression: ${(e as Error).message}`);
      }
    }
    if ((op === "==" || op === "!=") && rest.length === 1)
      return { kind: "input", op, value: rest[0]! };
    throw new ScriptError(line, 'expected input == "text", input != "text" or input ~ /regex/');
  }
  if (name === "boot") {
    const ops = ["==", "!=", "<", "<=", ">", ">="] as const;
    const o = ops.find((x) => x === op);
    const n = Number(raw);
    if (!o || rest.length !== 1 || !Number.isInteger(n))
      throw new ScriptError(line, "expected boot <op> <number>, e.g. boot >= 3");
    return { kind: "number", name: "boot", op: o, value: n };
  }
  if (name === "reset_reason") {
    if ((op !== "==" && op !== "!=") || rest.length !== 1 || !(rest[0]! in RESET_REASONS))
      throw new ScriptError(
        line,
        `expected reset_reason == NAME with NAME one of ${Object.keys(RESET_REASONS).join(", ")}`,
      );
    return { kind: "reset_reason", op, value: rest[0]! };
  }
  throw new ScriptError(
    line,
    `unknown condition "${toks.join(" ")}" (use input, boot, reset_reason or timed_out)`,
  );
}

/** `at file:line` suffix shared by test and assert. */
function takeLocation(toks: string[], line: number): { file?: string; at?: number } {
  const i = toks.indexOf("at");
  if (i < 0) return {};
  const loc = toks[i + 1];
  const m = loc ? /^(.+):(\d+)$/.exec(loc) : null;
  if (!m || toks.length !== i + 2)
    throw new ScriptError(line, "expected at <file>:<line> at the end");
  toks.splice(i, 2);
  return { file: m[1], at: Number(m[2]) };
}

/** Parse a script; throws ScriptError naming the line of the first mistake. */
export function parseScript(text: string): Script {
  const statements: Statement[] = [];
  const labels = new Map<string, number>();
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, idx) => {
    const line = idx + 1;
    const trimmed = raw.trim();
    if (trimmed === "" || trimmed.startsWith("#")) return;
    const label = LABEL.exec(trimmed);
    if (label) {
      if (labels.has(label[1]!)) throw new ScriptError(line, `label "${label[1]}" defined twice`);
      labels.set(label[1]!, statements.length);
      return;
    }
    const sp = trimmed.search(/\s/);
    const word = sp < 0 ? trimmed : trimmed.slice(0, sp);
    const rest = sp < 0 ? "" : trimmed.slice(sp + 1);
    const none = () => {
      if (rest.trim() !== "") throw new ScriptError(line, `${word} takes no arguments`);
    };
    switch (word) {
      case "print":
      case "write":
        statements.push({
          line,
          op: "print",
          text: unescape(rest, line),
          newline: word === "print",
        });
        return;
      case "log": {
        const m = /^([EWIDV])\s+([^:\s]+):\s?(.*)$/.exec(rest);
        if (!m) throw new ScriptError(line, "expected log <E|W|I|D|V> <tag>: <message>");
        statements.push({ line, op: "log", level: m[1]!, tag: m[2]!, text: unescape(m[3]!, line) });
        return;
      }
      case "sleep":
        statements.push({ line, op: "sleep", ms: parseDuration(rest.trim(), line) });
        return;
      case "input": {
        const t = tokenize(rest, line);
        if (t.length === 0) statements.push({ line, op: "input" });
        else if (t.length === 2 && t[0] === "timeout")
          statements.push({ line, op: "input", timeoutMs: parseDuration(t[1]!, line) });
        else throw new ScriptError(line, "expected input or input timeout <duration>");
        return;
      }
      case "goto": {
        const t = tokenize(rest, line);
        if (t.length !== 1) throw new ScriptError(line, "expected goto <label>");
        statements.push({ line, op: "goto", label: t[0]! });
        return;
      }
      case "if": {
        const g = rest.lastIndexOf(" goto ");
        if (g < 0) throw new ScriptError(line, "expected if <condition> goto <label>");
        const target = rest.slice(g + 6).trim();
        if (!LABEL.test(`${target}:`)) throw new ScriptError(line, `bad label "${target}"`);
        const condText = rest.slice(0, g).trim();
        const regex = /^input\s+~\s+/;
        const condToks = regex.test(condText)
          ? ["input", "~", condText.replace(regex, "")]
          : tokenize(condText, line);
        statements.push({ line, op: "goto", label: target, when: parseCondition(condToks, line) });
        return;
      }
      case "test": {
        const t = tokenize(rest, line);
        const loc = takeLocation(t, line);
        const [result, name, message, ...extra] = t;
        if (result !== "pass" && result !== "fail" && result !== "ignore")
          throw new ScriptError(
            line,
            "expected test pass|fail|ignore <name> [message] [at file:line]",
          );
        if (!name || extra.length)
          throw new ScriptError(
            line,
            "expected test <result> <name> [message] [at file:line] (quote names with spaces)",
          );
        if (result === "fail" && !message)
          throw new ScriptError(
            line,
            'a failing test needs a message, e.g. test fail "adds" "Expected 3 Was 4"',
          );
        statements.push({
          line,
          op: "test",
          result,
          name,
          ...(message ? { message } : {}),
          ...loc,
        });
        return;
      }
      case "unity_summary":
      case "unity_reset":
      case "restart":
      case "int_wdt":
      case "brownout":
      case "hang":
      case "end":
        none();
        statements.push({ line, op: word });
        return;
      case "panic": {
        const cause = rest.trim() || "LoadProhibited";
        if (!(cause in PANIC_CAUSES))
          throw new ScriptError(
            line,
            `unknown panic cause "${cause}"; one of ${Object.keys(PANIC_CAUSES).join(", ")}`,
          );
        statements.push({ line, op: "panic", cause });
        return;
      }
      case "abort":
        statements.push({
          line,
          op: "abort",
          ...(rest.trim() ? { message: unescape(rest.trim(), line) } : {}),
        });
        return;
      case "assert": {
        const t = tokenize(rest, line);
        const loc = takeLocation(t, line);
        let func = "app_main";
        const inAt = t.indexOf("in");
        if (inAt >= 0) {
          if (inAt !== t.length - 2)
            throw new ScriptError(
              line,
              "expected assert <expr> [in <function>] [at <file>:<line>]",
            );
          func = t[inAt + 1]!;
          t.splice(inAt, 2);
        }
        if (t.length !== 1)
          throw new ScriptError(line, 'expected assert "<expression>" (quote it)');
        statements.push({
          line,
          op: "assert",
          expr: t[0]!,
          func,
          file: loc.file ?? "main/main.c",
          at: loc.at ?? 42,
        });
        return;
      }
      case "task_wdt":
        statements.push({ line, op: "task_wdt", task: rest.trim() || "main" });
        return;
      default:
        throw new ScriptError(line, `unknown statement "${word}"`);
    }
  });
  for (const s of statements)
    if (s.op === "goto" && !labels.has(s.label))
      throw new ScriptError(s.line, `goto to undefined label "${s.label}"`);
  return { statements, labels };
}
