/**
 * Errors a user can act on. Every one says what was wrong and what to do; entry points
 * (actions, hooks, CLI) turn them into `setFailed` / exit codes in one place.
 */
export class HilError extends Error {
  override name = "HilError";
  /** What to do about it, shown under the message. */
  readonly hint?: string;
  constructor(message: string, options?: { hint?: string; cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    if (options?.hint) this.hint = options.hint;
  }
}

/** The user's set-up is wrong: inputs, inventory, workflow, tokens. Not a firmware or lab failure. */
export class ConfigurationError extends HilError {
  override name = "ConfigurationError";
}

/** The lab failed: board unreachable after recovery, relay down, lease compromised. */
export class InfrastructureError extends HilError {
  override name = "InfrastructureError";
}

/** Message plus hint, as shown to a user. */
export function describeError(e: unknown): string {
  if (e instanceof HilError) return e.hint ? `${e.message}\n${e.hint}` : e.message;
  if (e instanceof Error) return e.message;
  return String(e);
}
