/** The runner's file formats: GITHUB_OUTPUT / GITHUB_ENV / GITHUB_STATE, and workflow commands. */

/** Parse `name=value` and `name<<DELIM\nvalue\nDELIM` lines, as the runner does. */
export function parseKeyValueFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const value: string[] = [];
      for (i++; i < lines.length && lines[i] !== heredoc[2]; i++) value.push(lines[i]!);
      out[heredoc[1]!] = value.join("\n");
    } else if (line.includes("=")) {
      const at = line.indexOf("=");
      out[line.slice(0, at)] = line.slice(at + 1);
    }
  }
  return out;
}

export interface WorkflowCommand {
  command: string;
  props: Record<string, string>;
  message: string;
}

const unescapeData = (s: string) =>
  s.replace(/%0D/g, "\r").replace(/%0A/g, "\n").replace(/%25/g, "%");
const unescapeProp = (s: string) => unescapeData(s).replace(/%3A/g, ":").replace(/%2C/g, ",");

/** Workflow commands (`::error file=a.c,line=3::msg`) in a step's stdout, decoded. */
export function parseWorkflowCommands(stdout: string): WorkflowCommand[] {
  const cmds: WorkflowCommand[] = [];
  for (const line of stdout.split("\n")) {
    const m = /^::([a-z-]+)( [^:]*)?::(.*)$/.exec(line.replace(/\r$/, ""));
    if (!m) continue;
    const props: Record<string, string> = {};
    for (const kv of (m[2] ?? "").trim().split(",").filter(Boolean)) {
      const at = kv.indexOf("=");
      props[kv.slice(0, at)] = unescapeProp(kv.slice(at + 1));
    }
    cmds.push({ command: m[1]!, props, message: unescapeData(m[3]!) });
  }
  return cmds;
}
