import { Agent, request } from "undici";
import { z } from "zod";
import { ConfigurationError } from "@hil/contracts";
import { PowerError } from "../errors";

export interface HomeAssistantClientOptions {
  /** Base URL, e.g. `http://homeassistant.local:8123`. */
  url: string;
  /** Long-lived access token. Never logged, never part of an error. */
  token: string;
  /** Where the token came from, for hints: `the variable HIL_HA_TOKEN`, `the ha-token input`. */
  tokenSource?: string;
}

export interface RequestOptions {
  /** Deadline of this request, ms. */
  timeoutMs: number;
  /** Stops the request early (cancellation); its reason is rethrown as is. */
  signal?: AbortSignal;
}

/** A state object as `GET /api/states/<entity_id>` returns it (the fields hil reads). */
export const entityState = z.looseObject({
  entity_id: z.string(),
  state: z.string(),
  last_changed: z.string().optional(),
  last_updated: z.string().optional(),
});
export type EntityState = z.infer<typeof entityState>;

const NETWORK_WORDS: Record<string, string> = {
  ECONNREFUSED: "connection refused",
  ECONNRESET: "connection reset",
  EPIPE: "connection closed",
  UND_ERR_SOCKET: "connection closed",
  UND_ERR_CLOSED: "connection closed",
  ENOTFOUND: "host name not found",
  EAI_AGAIN: "host name lookup failed",
  EHOSTUNREACH: "host unreachable",
  ENETUNREACH: "network unreachable",
  EHOSTDOWN: "host down",
};
const TIMEOUT_CODES = new Set([
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
  "ETIMEDOUT",
]);

/** Check a Home Assistant base URL; returns it without a trailing slash. */
export function homeAssistantBaseUrl(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new ConfigurationError(`The Home Assistant URL "${url}" is not a valid URL.`, {
      hint: "Set slots[].power.url to the base URL, e.g. http://homeassistant.local:8123.",
    });
  }
  if (u.protocol !== "http:" && u.protocol !== "https:") {
    throw new ConfigurationError(
      `The Home Assistant URL "${url}" uses ${u.protocol.replace(/:$/, "")}; expected http or https.`,
      { hint: "Set slots[].power.url to the base URL, e.g. http://homeassistant.local:8123." },
    );
  }
  if (u.username || u.password) {
    // Say nothing of what is in it: it may be a password.
    throw new ConfigurationError("The Home Assistant URL carries a user name or password.", {
      hint: "Remove them from slots[].power.url; the long-lived access token goes in the variable named by token_env.",
    });
  }
  if (u.search || u.hash) {
    throw new ConfigurationError(
      `The Home Assistant URL "${url}" has a query or fragment; expected a base URL.`,
      { hint: "Set slots[].power.url to e.g. http://homeassistant.local:8123." },
    );
  }
  return u.toString().replace(/\/+$/, "");
}

const oneLine = (s: string) => s.replace(/\s+/g, " ").trim().slice(0, 200);

function errorCode(e: unknown): string | undefined {
  let cur: unknown = e;
  for (let i = 0; i < 4 && cur; i++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === "string") return code;
    cur = (cur as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * The slice of Home Assistant's REST API hil needs, over undici: `GET /api/`,
 * `GET /api/states/<entity>`, `POST /api/services/<domain>/<service>`. Every call has a
 * deadline; every failure is a PowerError (outcome, HTTP status, retryable, hint) whose text
 * never contains the token.
 */
export class HomeAssistantClient {
  readonly baseUrl: string;
  private readonly token: string;
  private readonly tokenSource: string;
  private readonly agent = new Agent({ keepAliveTimeout: 4_000, connections: 4 });

  constructor(options: HomeAssistantClientOptions) {
    this.baseUrl = homeAssistantBaseUrl(options.url);
    this.tokenSource = options.tokenSource ?? "the configured token";
    const token = options.token.trim();
    if (!token) {
      throw new ConfigurationError(`The Home Assistant token (${this.tokenSource}) is empty.`, {
        hint: "Create a long-lived access token in Home Assistant (your profile → Security) and store it there.",
      });
    }
    if (!/^[\x21-\x7e]+$/.test(token)) {
      throw new ConfigurationError(
        `The Home Assistant token (${this.tokenSource}) contains spaces, line breaks or other characters a token never has.`,
        { hint: "Copy the long-lived access token again, whole and on one line." },
      );
    }
    this.token = token;
  }

  /** `GET /api/`: `API running.` when the URL and token are right. */
  async ping(o: RequestOptions): Promise<string> {
    const body = await this.json("GET", "/api/", undefined, o);
    return String((body as { message?: unknown } | null)?.message ?? "");
  }

  /** `GET /api/states/<entity>`; a 404 names the entity. */
  async getState(entity: string, o: RequestOptions): Promise<EntityState> {
    const body = await this.json(
      "GET",
      `/api/states/${encodeURIComponent(entity)}`,
      undefined,
      o,
      entity,
    );
    const parsed = entityState.safeParse(body);
    if (!parsed.success) {
      throw new PowerError(
        `Home Assistant at ${this.baseUrl} answered GET /api/states/${entity} with something that is not a state object.`,
        {
          outcome: "ha_error",
          retryable: false,
          configuration: true,
          hint: "Is the inventory's url the Home Assistant base URL (http://host:8123)?",
        },
      );
    }
    return parsed.data;
  }

  /** `POST /api/services/<domain>/<service>` with `data` (e.g. `{entity_id}`); the states that changed. */
  async callService(
    domain: string,
    service: string,
    data: Record<string, unknown>,
    o: RequestOptions,
  ): Promise<unknown[]> {
    const body = await this.json(
      "POST",
      `/api/services/${encodeURIComponent(domain)}/${encodeURIComponent(service)}`,
      data,
      o,
    );
    return Array.isArray(body) ? body : [];
  }

  async close(): Promise<void> {
    await this.agent.close().catch(() => undefined);
  }

  private async json(
    method: "GET" | "POST",
    path: string,
    data: unknown,
    o: RequestOptions,
    entity?: string,
  ): Promise<unknown> {
    const what = `${method} ${path}`;
    const timeoutMs = Math.max(1, Math.round(o.timeoutMs));
    const deadline = AbortSignal.timeout(timeoutMs);
    const signal = o.signal ? AbortSignal.any([o.signal, deadline]) : deadline;
    let status: number;
    let text: string;
    try {
      const res = await request(`${this.baseUrl}${path}`, {
        method,
        dispatcher: this.agent,
        signal,
        headers: {
          authorization: `Bearer ${this.token}`,
          accept: "application/json",
          ...(data === undefined ? {} : { "content-type": "application/json" }),
        },
        ...(data === undefined ? {} : { body: JSON.stringify(data) }),
      });
      status = res.statusCode;
      text = await res.body.text();
    } catch (e) {
      if (o.signal?.aborted) throw o.signal.reason as Error;
      throw this.networkError(e, what, timeoutMs, deadline.aborted);
    }
    if (status < 200 || status > 299) throw this.statusError(status, text, what, entity);
    try {
      return text === "" ? null : JSON.parse(text);
    } catch {
      throw new PowerError(
        `Home Assistant at ${this.baseUrl} answered ${what} with something that is not JSON: ${oneLine(text) || "(empty)"}`,
        {
          outcome: "ha_error",
          retryable: false,
          configuration: true,
          hint: "Is the inventory's url the Home Assistant base URL (http://host:8123), not a proxy's login page?",
        },
      );
    }
  }

  private networkError(e: unknown, what: string, timeoutMs: number, late: boolean): PowerError {
    const code = errorCode(e);
    if (late || (code && TIMEOUT_CODES.has(code))) {
      return new PowerError(
        `Home Assistant at ${this.baseUrl} did not answer ${what} within ${timeoutMs / 1000} s.`,
        {
          outcome: "timeout",
          retryable: true,
          hint: "Home Assistant is slow, overloaded or hung: look at its system log; raise slots[].power.timeout_sec if it is just slow.",
          cause: e,
        },
      );
    }
    const words = code ? (NETWORK_WORDS[code] ?? code) : (e as Error)?.message || String(e);
    const tls = code && /CERT|TLS|SSL|SELF_SIGNED/.test(code);
    return new PowerError(
      `Home Assistant at ${this.baseUrl} is unreachable (${words}) on ${what}.`,
      {
        outcome: "ha_error",
        retryable: !tls,
        hint: tls
          ? "The server's certificate is not trusted: give Node its CA with NODE_EXTRA_CA_CERTS, or use the http URL on the lab network."
          : "Check that Home Assistant runs, and that slots[].power.url names it and is reachable from this host (hil doctor checks it).",
        cause: e,
      },
    );
  }

  private statusError(status: number, text: string, what: string, entity?: string): PowerError {
    const body = oneLine(text);
    const said = body ? `: ${body}` : "";
    if (status === 401) {
      return new PowerError(
        `Home Assistant at ${this.baseUrl} refused the token (HTTP 401 on ${what}).`,
        {
          outcome: "ha_error",
          httpStatus: status,
          retryable: false,
          configuration: true,
          hint: `The token in ${this.tokenSource} is wrong, revoked or expired: create a new long-lived access token in Home Assistant (your profile → Security) and store it there.`,
        },
      );
    }
    if (status === 403) {
      return new PowerError(
        `Home Assistant at ${this.baseUrl} does not let the token's user do ${what} (HTTP 403${said}).`,
        {
          outcome: "ha_error",
          httpStatus: status,
          retryable: false,
          configuration: true,
          hint: `Use a token (${this.tokenSource}) of a Home Assistant user allowed to control the relay.`,
        },
      );
    }
    if (status === 404 && entity) {
      return new PowerError(
        `Home Assistant at ${this.baseUrl} has no entity ${entity} (HTTP 404 on ${what}).`,
        {
          outcome: "ha_error",
          httpStatus: status,
          retryable: false,
          configuration: true,
          hint: "Check slots[].power.entity against Home Assistant's entity list (Settings → Devices & services → Entities).",
        },
      );
    }
    const transient = status >= 500 || status === 408 || status === 429;
    return new PowerError(
      `Home Assistant at ${this.baseUrl} answered HTTP ${status} to ${what}${said}.`,
      {
        outcome: "ha_error",
        httpStatus: status,
        retryable: transient,
        configuration: !transient,
        hint: transient
          ? "Home Assistant failed: look at its system log (Settings → System → Logs)."
          : status === 404 || status === 405
            ? "Is the inventory's url the Home Assistant base URL (http://host:8123) with the api integration enabled?"
            : "Home Assistant refused the request: check slots[].power.entity and its domain (switch, input_boolean, light).",
      },
    );
  }
}
