const MASK = "***";

/** Replaces registered secrets in text. Shared by every Host so no output path forgets one. */
export class Redactor {
  private secrets: string[] = [];

  add(secret: string): void {
    // Very short values would mask ordinary words; real tokens are long.
    if (secret.length < 4 || this.secrets.includes(secret)) return;
    this.secrets.push(secret);
    // Longest first, so a secret containing another is masked whole.
    this.secrets.sort((a, b) => b.length - a.length);
  }

  redact(text: string): string {
    let out = text;
    for (const s of this.secrets) out = out.split(s).join(MASK);
    return out;
  }
}
