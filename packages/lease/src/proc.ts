import { readFileSync } from "node:fs";

/** Whether a process exists (EPERM: it exists but belongs to another user). */
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

function procStat(pid: number): { comm: string; ppid: number } | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    // "pid (comm) state ppid ...": comm may contain spaces and parentheses.
    const open = text.indexOf("(");
    const close = text.lastIndexOf(")");
    const rest = text.slice(close + 2).split(" ");
    return { comm: text.slice(open + 1, close), ppid: Number(rest[1]) };
  } catch {
    return undefined;
  }
}

/**
 * The nearest ancestor of `from` whose command name matches (Linux /proc), e.g. the GitHub
 * runner's `Runner.Worker` that lives exactly as long as the job: a keeper watching it releases
 * the lease when the job's worker dies, even if the completed hook never runs.
 */
export function findAncestorPid(
  match: RegExp | ((comm: string) => boolean),
  from: number = process.pid,
): number | undefined {
  const test = typeof match === "function" ? match : (c: string) => match.test(c);
  let pid = procStat(from)?.ppid;
  for (let hops = 0; pid && pid > 1 && hops < 64; hops++) {
    const st = procStat(pid);
    if (!st) return undefined;
    if (test(st.comm)) return pid;
    pid = st.ppid;
  }
  return undefined;
}
