import { InfrastructureError } from "@hil/contracts";

/** How a failed switch shows in the power-cycle result (contract `powerCycleOutcome` minus ok). */
export type PowerFailure = "timeout" | "ha_error";

export interface PowerErrorOptions {
  outcome: PowerFailure;
  hint?: string;
  /** HTTP status of the failing call, when the relay's server answered with one. */
  httpStatus?: number;
  /** Whether another attempt may help (a 5xx, a refused connection, a timeout: yes; a bad token: no). */
  retryable: boolean;
  /** The user's set-up is at fault (token, entity, URL), not the lab. */
  configuration?: boolean;
  cause?: unknown;
}

/**
 * A relay that could not be switched or read. Drivers throw it; the power cycle turns it into
 * its result (`timeout` / `ha_error`, HTTP status, retried or not). Never carries the token.
 */
export class PowerError extends InfrastructureError {
  override name = "PowerError";
  readonly outcome: PowerFailure;
  readonly httpStatus?: number;
  readonly retryable: boolean;
  readonly configuration: boolean;

  constructor(message: string, options: PowerErrorOptions) {
    super(message, {
      ...(options.hint ? { hint: options.hint } : {}),
      ...(options.cause !== undefined ? { cause: options.cause } : {}),
    });
    this.outcome = options.outcome;
    if (options.httpStatus !== undefined) this.httpStatus = options.httpStatus;
    this.retryable = options.retryable;
    this.configuration = options.configuration ?? false;
  }
}
