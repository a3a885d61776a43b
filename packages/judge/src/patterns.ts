import { ConfigurationError } from "@hil/contracts";

/** An `expect` or `fail` pattern: plain text (substring match) or a regular expression. */
export interface Pattern {
  /** As the user wrote it, for messages: `Hello` or `/boot: \d+ ms/i`. */
  source: string;
  /** Does this console line match? */
  test(line: string): boolean;
}

const REGEX_LITERAL = /^\/(.*)\/([a-z]*)$/s;
const ALLOWED_FLAGS = new Set(["i", "m", "s", "u", "v"]);

/**
 * One pattern as the action input gives it: `/regex/flags` is a regular expression (flags
 * from `imsuv`; `g` and `y` make no sense on single lines and are refused), anything else is
 * plain text matched as a substring. Surrounding whitespace is ignored.
 */
export function parsePattern(raw: string, input = "pattern"): Pattern {
  const source = raw.trim();
  if (!source) throw new ConfigurationError(`An empty ${input} was given.`);
  const m = REGEX_LITERAL.exec(source);
  if (!m || m[1] === "") {
    return { source, test: (line) => line.includes(source) };
  }
  const [, body, flags] = m as unknown as [string, string, string];
  const bad = [...flags].filter((f) => !ALLOWED_FLAGS.has(f));
  if (bad.length) {
    throw new ConfigurationError(
      `The ${input} ${source} has flag${bad.length > 1 ? "s" : ""} ${bad.join("")} that a line match cannot use.`,
      { hint: "Use only the flags i, m, s, u or v (each line is matched on its own)." },
    );
  }
  let re: RegExp;
  try {
    re = new RegExp(body, flags);
  } catch (e) {
    throw new ConfigurationError(
      `The ${input} ${source} is not a valid regular expression: ${(e as Error).message}.`,
      {
        hint: "Fix the expression, or drop the surrounding slashes to match the text literally.",
      },
    );
  }
  return { source, test: (line) => re.test(line) };
}

/**
 * Patterns one per line, as a multi-line action input gives them (blank lines are skipped;
 * a `#` is ordinary text, as ESP-IDF banners start with it), or already a list.
 */
export function parsePatterns(
  spec: string | readonly string[] | undefined,
  input = "pattern",
): Pattern[] {
  if (spec === undefined) return [];
  const lines = typeof spec === "string" ? spec.split(/\r?\n/) : spec;
  return lines
    .map((l) => l.trim())
    .filter((l) => l !== "")
    .map((l) => parsePattern(l, input));
}
