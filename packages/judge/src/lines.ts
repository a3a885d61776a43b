/**
 * Bytes from a serial console to lines, streaming: each chunk is scanned once for newlines
 * (no rescans of what came before), UTF-8 sequences split across chunks are decoded whole,
 * and a line that never ends is cut at `maxLine` characters so memory stays bounded.
 */
export class LineSplitter {
  private readonly decoder = new TextDecoder("utf-8");
  private partial = "";
  private partialAt = 0;
  /** Characters decoded, and how many of them were not valid UTF-8 (U+FFFD): a wrong baud rate shows. */
  chars = 0;
  badChars = 0;

  constructor(
    private readonly maxLine: number,
    /** Called with each complete line (cleaned) and the time its first byte arrived. */
    private readonly emit: (text: string, at: number) => void,
  ) {}

  push(chunk: Uint8Array | string, at: number): void {
    const s = typeof chunk === "string" ? chunk : this.decoder.decode(chunk, { stream: true });
    this.chars += s.length;
    if (s.includes("\ufffd")) this.badChars += s.split("\ufffd").length - 1;
    let pos = 0;
    for (let nl = s.indexOf("\n"); nl >= 0; nl = s.indexOf("\n", pos)) {
      // Drop the CR of a CRLF here, so the common line costs a single slice.
      const end = nl > pos && s.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      if (this.partial) {
        const text = this.partial + s.slice(pos, end);
        this.partial = "";
        this.emit(cleanLine(text), this.partialAt);
      } else {
        this.emit(cleanLine(s.slice(pos, end)), at);
      }
      pos = nl + 1;
    }
    if (pos < s.length) {
      if (!this.partial) this.partialAt = at;
      this.partial += pos === 0 ? s : s.slice(pos);
      while (this.partial.length > this.maxLine) {
        this.emit(cleanLine(this.partial.slice(0, this.maxLine)), this.partialAt);
        this.partial = this.partial.slice(this.maxLine);
        this.partialAt = at;
      }
    }
  }

  /** The unfinished last line, if any (e.g. a prompt without a newline). */
  get pending(): string {
    return this.partial;
  }

  /** Emit the unfinished last line, if any. */
  flush(): void {
    const rest = this.partial + this.decoder.decode();
    this.partial = "";
    if (rest) this.emit(cleanLine(rest), this.partialAt);
  }
}

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;?]*[A-Za-z]/g;
// eslint-disable-next-line no-control-regex
const LEADING_JUNK = /^[\u0000-\u0008\u000b-\u001f\u00ff\ufffd]+/;

/**
 * A console line as the judge reads it: no trailing CR, no ANSI colour codes (ESP-IDF logs
 * are coloured), no reset glitch bytes in front (a reset often leaves `\xff\x00` before the
 * ROM's `ets Jun  8 2016`).
 */
export function cleanLine(raw: string): string {
  let text = raw;
  if (text.endsWith("\r")) text = text.slice(0, -1);
  if (text.includes("\u001b")) text = text.replace(ANSI, "");
  const c = text.charCodeAt(0);
  if (c < 0x20 || c === 0xff || c === 0xfffd) text = text.replace(LEADING_JUNK, "");
  return text;
}
