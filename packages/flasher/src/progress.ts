/**
 * Progress for a log that is not a terminal (Actions logs keep every line): one line each
 * time another `stepPct` percent of the bytes to write has gone, never a carriage-return bar.
 */
export class ProgressLog {
  private next: number;

  constructor(
    private readonly total: number,
    private readonly log: (line: string) => void,
    private readonly stepPct = 10,
  ) {
    this.next = stepPct;
  }

  /** `done` of the total uncompressed bytes are written; `compressed` bytes have crossed the line. */
  update(done: number, compressed: number): void {
    if (this.total <= 0) return;
    const pct = Math.floor((done * 100) / this.total);
    if (pct < this.next) return;
    this.log(`Writing: ${pct}% (${done} of ${this.total} bytes, ${compressed} compressed sent)`);
    this.next = (Math.floor(pct / this.stepPct) + 1) * this.stepPct;
  }
}
