import { appendFileSync, mkdirSync, readFileSync } from "node:fs";
import { dirname } from "node:path";
import { journalEntry, parseWith, type JournalEntry } from "@hil/contracts";

/** An entry as a step writes it: `at` is filled in when absent. */
export type JournalInput = JournalEntry extends infer E
  ? E extends { at: string }
    ? Omit<E, "at"> & { at?: string }
    : never
  : never;

/**
 * A job's journal: JSON lines appended with O_APPEND, so steps in separate processes
 * (and a hook that runs while a step is being killed) never interleave half lines.
 */
export class Journal {
  constructor(readonly path: string) {}

  append(entry: JournalInput): JournalEntry {
    const full = parseWith(
      journalEntry,
      { at: new Date().toISOString(), ...entry },
      `journal entry for ${this.path}`,
    );
    mkdirSync(dirname(this.path), { recursive: true });
    // One write() of one line: atomic for appends far below PIPE_BUF-sized pages on local fs.
    appendFileSync(this.path, JSON.stringify(full) + "\n");
    return full;
  }

  /**
   * Every valid entry, in order. A torn last line (a step killed mid-write) or a line from a
   * newer version is skipped and counted, never fatal: the report must still be written.
   */
  read(): { entries: JournalEntry[]; skipped: number } {
    let text: string;
    try {
      text = readFileSync(this.path, "utf8");
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") return { entries: [], skipped: 0 };
      throw e;
    }
    const entries: JournalEntry[] = [];
    let skipped = 0;
    for (const line of text.split("\n")) {
      if (!line.trim()) continue;
      try {
        const r = journalEntry.safeParse(JSON.parse(line));
        if (r.success) entries.push(r.data);
        else skipped++;
      } catch {
        skipped++;
      }
    }
    return { entries, skipped };
  }
}
