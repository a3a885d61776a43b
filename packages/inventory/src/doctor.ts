import {
  constants,
  accessSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmdirSync,
  statSync,
} from "node:fs";
import { connect } from "node:net";
import { userInfo } from "node:os";
import { dirname, join } from "node:path";
import type { Inventory, PowerConfig, Slot } from "@hil/contracts";

/**
 * `hil doctor`'s host checks: does this host satisfy its slot inventory? Each check is one line
 * with ok / warn / fail and, when it is not ok, what to do. Nothing here changes the host except
 * creating missing lock/state/cache dirs (as the lease would) and a probe dir it removes again.
 */

export type CheckStatus = "ok" | "warn" | "fail";

export interface Check {
  status: CheckStatus;
  /** What was checked: `inventory`, `hut-01 port`, `lock dir`, `hut-01 power`… */
  subject: string;
  message: string;
  /** What to do, when status is not ok. */
  hint?: string;
  /** The slot the check is about, if any. */
  slot?: string;
}

export interface HostCheckOptions {
  env?: NodeJS.ProcessEnv;
  /** Only this slot's checks (plus the host-wide ones). */
  slot?: string;
  /** Time limit of each network check (rfc2217 connect, Home Assistant), default 3000 ms. */
  timeoutMs?: number;
  /** Called with every secret before it is used, so the caller's Host masks it. */
  maskSecret?: (secret: string) => void;
}

function user(env: NodeJS.ProcessEnv): string {
  try {
    return userInfo().username;
  } catch {
    return env.USER || `uid ${process.getuid?.()}`;
  }
}

function groupName(gid: number): string {
  try {
    for (const line of readFileSync("/etc/group", "utf8").split("\n")) {
      const [name, , id] = line.split(":");
      if (Number(id) === gid) return name!;
    }
  } catch {
    // no /etc/group
  }
  return String(gid);
}

const code = (e: unknown) => (e as NodeJS.ErrnoException).code ?? (e as Error).message;

function listDir(dir: string): string {
  try {
    const names = readdirSync(dir);
    return names.length ? `${dir} has: ${names.join(", ")}` : `${dir} is empty`;
  } catch (e) {
    return code(e) === "ENOENT"
      ? `${dir} does not exist: no USB serial adapter is plugged in (or udev has not created the links)`
      : `${dir} cannot be listed (${code(e)})`;
  }
}

function checkDevice(slot: Slot, env: NodeJS.ProcessEnv): Check[] {
  const subject = `${slot.id} port`;
  const base = { subject, slot: slot.id };
  let st;
  try {
    st = statSync(slot.port);
  } catch (e) {
    return [
      {
        ...base,
        status: "fail",
        message: `${slot.port} is missing (${code(e)})`,
        hint: `${listDir(dirname(slot.port))}. Plug the board in, or point slots[].port of ${slot.id} at one of those.`,
      },
    ];
  }
  const out: Check[] = [];
  if (!st.isCharacterDevice()) {
    out.push({
      ...base,
      status: "warn",
      message: `${slot.port} is not a character device`,
      hint: "A serial port is a character device (/dev/serial/by-id/... links to /dev/ttyUSB*/ttyACM*).",
    });
  }
  try {
    accessSync(slot.port, constants.R_OK | constants.W_OK);
  } catch {
    const group = groupName(st.gid);
    out.push({
      ...base,
      status: "fail",
      message: `${slot.port} is not readable and writable by ${user(env)} (owner group ${group}, mode ${(st.mode & 0o777).toString(8)})`,
      hint: `Add the runner's user to that group (sudo usermod -aG ${group} ${user(env)}; usually dialout), then restart the runner service: group changes need a new login.`,
    });
    return out;
  }
  if (!slot.port.startsWith("/dev/serial/by-id/") && /^\/dev\/tty/.test(slot.port)) {
    out.push({
      ...base,
      status: "warn",
      message: `${slot.port} can name another board after a replug or reboot`,
      hint: `Use its stable link: ${listDir("/dev/serial/by-id")}.`,
    });
  }
  out.unshift({
    ...base,
    status: "ok",
    message: `${slot.port} is present, read/write for ${user(env)}`,
  });
  return out;
}

function rfc2217(port: string): { host: string; port: number } {
  const u = new URL(port);
  return { host: u.hostname, port: Number(u.port) };
}

function tcpConnect(host: string, port: number, timeoutMs: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (err?: string) => {
      socket.destroy();
      resolve(err);
    };
    socket.setTimeout(timeoutMs, () => done(`timed out after ${timeoutMs / 1000} s`));
    socket.once("connect", () => done());
    socket.once("error", (e) => done(code(e)));
  });
}

async function checkRfc2217(slot: Slot, timeoutMs: number): Promise<Check> {
  const { host, port } = rfc2217(slot.port);
  const err = await tcpConnect(host, port, timeoutMs);
  const base = { subject: `${slot.id} port`, slot: slot.id };
  return err
    ? {
        ...base,
        status: "fail",
        message: `cannot connect to ${host}:${port} for ${slot.port} (${err})`,
        hint: "Is the RFC 2217 serial server (ser2net, esp_rfc2217_server) running and listening there? Check the host, port and firewall.",
      }
    : { ...base, status: "ok", message: `${slot.port} accepts connections` };
}

/** Slots whose ports are the same device (two by-id links to one tty) or the same server port. */
function sharedPorts(slots: Slot[]): Check[] {
  const byTarget = new Map<string, Slot[]>();
  for (const s of slots) {
    let key: string;
    if (s.port.startsWith("/")) {
      try {
        key = realpathSync(s.port);
      } catch {
        continue; // missing: reported by its own check
      }
    } else {
      const { host, port } = rfc2217(s.port);
      key = `rfc2217://${host.toLowerCase()}:${port}`;
    }
    byTarget.set(key, [...(byTarget.get(key) ?? []), s]);
  }
  const out: Check[] = [];
  for (const [target, users] of byTarget) {
    if (users.length < 2) continue;
    out.push({
      status: "fail",
      subject: "ports",
      message: `slots ${users.map((s) => `${s.id} (${s.port})`).join(" and ")} share one port, ${target}`,
      hint: "Each slot needs its own board and port; two slots on one port flash and reset each other's board.",
    });
  }
  return out;
}

function checkWritableDir(subject: string, dir: string, env: NodeJS.ProcessEnv): Check {
  try {
    mkdirSync(dir, { recursive: true });
    const probe = join(dir, `.doctor-${process.pid}`);
    mkdirSync(probe);
    rmdirSync(probe);
    return { status: "ok", subject, message: `${dir} is writable` };
  } catch (e) {
    return {
      status: "fail",
      subject,
      message: `${dir} is not writable by ${user(env)} (${code(e)})`,
      hint: `Create it for the runner's group: sudo install -d -m 2775 -g hil ${dir}, and add the runner's user to group hil (sudo usermod -aG hil ${user(env)}).`,
    };
  }
}

async function checkHomeAssistant(
  power: PowerConfig,
  slots: Slot[],
  env: NodeJS.ProcessEnv,
  opts: HostCheckOptions,
): Promise<Check[]> {
  const subject = `${slots.map((s) => s.id).join(", ")} power`;
  const base = { subject, ...(slots.length === 1 ? { slot: slots[0]!.id } : {}) };
  const token = env[power.token_env];
  if (!token) {
    return [
      {
        ...base,
        status: "fail",
        message: `the Home Assistant token variable ${power.token_env} is not set`,
        hint: `Put a long-lived access token (Home Assistant: your profile → Security → Long-lived access tokens) in the runner's .env as ${power.token_env}=…`,
      },
    ];
  }
  opts.maskSecret?.(token);
  const timeoutMs = opts.timeoutMs ?? 3000;
  const url = power.url.replace(/\/+$/, "");
  const get = (path: string) =>
    fetch(`${url}${path}`, {
      headers: { Authorization: `Bearer ${token}`, Accept: "application/json" },
      signal: AbortSignal.timeout(timeoutMs),
    });
  let res: Response;
  try {
    res = await get("/api/");
  } catch (e) {
    const cause = (e as { cause?: unknown }).cause;
    const why =
      (e as Error).name === "TimeoutError"
        ? `timed out after ${timeoutMs / 1000} s`
        : code(cause ?? e);
    return [
      {
        ...base,
        status: "fail",
        message: `Home Assistant at ${url} is unreachable (${why})`,
        hint: "Check the url in the inventory, that Home Assistant runs, and that this host can reach it.",
      },
    ];
  }
  if (res.status === 401 || res.status === 403) {
    return [
      {
        ...base,
        status: "fail",
        message: `Home Assistant at ${url} refused the token in ${power.token_env} (HTTP ${res.status})`,
        hint: `The token is wrong, revoked or expired: create a new long-lived access token and put it in ${power.token_env}.`,
      },
    ];
  }
  if (!res.ok) {
    return [
      {
        ...base,
        status: "fail",
        message: `Home Assistant at ${url} answered HTTP ${res.status} to GET /api/`,
        hint: "Is that the Home Assistant base URL (http://host:8123)? Check its logs.",
      },
    ];
  }
  const out: Check[] = [
    {
      ...base,
      status: "ok",
      message: `Home Assistant at ${url} accepts the token in ${power.token_env}`,
    },
  ];
  for (const s of slots) {
    const entity = s.power!.entity;
    try {
      const r = await get(`/api/states/${encodeURIComponent(entity)}`);
      if (r.status === 404) {
        out.push({
          status: "fail",
          subject: `${s.id} power`,
          slot: s.id,
          message: `Home Assistant has no entity ${entity}`,
          hint: "Check slots[].power.entity against Home Assistant's entity list (Settings → Entities).",
        });
      }
    } catch {
      // reachability was reported above
    }
  }
  return out;
}

/** Run every host check for a loaded inventory. */
export async function checkHost(inv: Inventory, opts: HostCheckOptions = {}): Promise<Check[]> {
  const env = opts.env ?? process.env;
  const timeoutMs = opts.timeoutMs ?? 3000;
  const slots = opts.slot ? inv.slots.filter((s) => s.id === opts.slot) : inv.slots;
  const checks: Check[] = [];
  for (const s of slots) {
    checks.push(
      ...(s.port.startsWith("/") ? checkDevice(s, env) : [await checkRfc2217(s, timeoutMs)]),
    );
  }
  checks.push(...sharedPorts(inv.slots));
  checks.push(checkWritableDir("lock dir", inv.lock_dir, env));
  checks.push(checkWritableDir("state dir", inv.state_dir, env));
  checks.push(checkWritableDir("cache dir", inv.cache_dir, env));
  // One Home Assistant check per (url, token variable), naming the slots that use it.
  const groups = new Map<string, Slot[]>();
  for (const s of slots) {
    if (!s.power) continue;
    const key = `${s.power.url} ${s.power.token_env}`;
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  for (const group of groups.values()) {
    checks.push(
      ...(await checkHomeAssistant(group[0]!.power!, group, env, { ...opts, timeoutMs })),
    );
  }
  return checks;
}
