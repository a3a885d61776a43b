import { spawn } from "node:child_process";
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { createServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeServer } from "@hil/forge-sim";
import {
  acquireLease,
  claimJobLease,
  createJobDir,
  health,
  KEEPER_ARG,
  leaseStatus,
  recordHealth,
  releaseJobLease,
} from "@hil/lease";
import { cliDist } from "../../../test/helpers/paths";

const CLI = join(import.meta.dirname, "..", "src", "index.ts");
const TSX = import.meta.resolve("tsx");
const SHA = "9f8e7d6c5b4a9f8e7d6c5b4a9f8e7d6c5b4a9f8e";
const TOKEN = "eyJhbGciOiJIUzI1NiJ9.hut-lab-token-that-must-not-leak";

interface Lab {
  dir: string;
  file: string;
  inv: { lock_dir: string; state_dir: string; cache_dir: string; stale_sec: number };
}

/** A temp inventory: hut-01 on a present port (a link to /dev/null, in a by-id dir), hut-02 as given. */
function lab(hut02Port = "present", extra = ""): Lab {
  const dir = mkdtempSync(join(tmpdir(), "hil-cli-"));
  chmodSync(dir, 0o755);
  mkdirSync(join(dir, "by-id"));
  symlinkSync("/dev/null", join(dir, "by-id", "usb-Silicon_Labs_CP2102N-if00-port0"));
  symlinkSync("/dev/zero", join(dir, "by-id", "usb-FTDI_FT232R-if00-port0"));
  const inv = {
    lock_dir: join(dir, "locks"),
    state_dir: join(dir, "state"),
    cache_dir: join(dir, "cache"),
    stale_sec: 5,
  };
  const port =
    hut02Port === "present"
      ? join(dir, "by-id", "usb-FTDI_FT232R-if00-port0")
      : hut02Port.startsWith("/") || hut02Port.includes("://")
        ? hut02Port
        : join(dir, "by-id", hut02Port);
  const file = join(dir, "slots.yaml");
  writeFileSync(
    file,
    `lock_dir: ${inv.lock_dir}
state_dir: ${inv.state_dir}
cache_dir: ${inv.cache_dir}
stale_sec: 5
slots:
  - id: hut-01
    label: esp32-hut-01
    chip: esp32
    port: ${join(dir, "by-id", "usb-Silicon_Labs_CP2102N-if00-port0")}
  - id: hut-02
    label: esp32-hut-02
    chip: esp32
    port: ${port}
${extra}`,
  );
  chmodSync(file, 0o644);
  return { dir, file, inv };
}

/** A 127.0.0.1 port nothing listens on (bound once, then closed). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Run the CLI from source in its own process (asynchronously: the fake Home Assistant runs here). */
function hil(args: string[], env: NodeJS.ProcessEnv = {}, uid?: number): Promise<Run> {
  const child = spawn(process.execPath, ["--import", TSX, CLI, ...args], {
    env: { ...process.env, HIL_SLOT: "", HIL_HA_TOKEN: "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
    ...(uid !== undefined ? { uid, gid: uid } : {}),
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) =>
    child.on("close", (status) => resolve({ status, stdout, stderr })),
  );
}

describe("hil slots", () => {
  it("lists lease state, holder and health; --json; --reset-health", async () => {
    const l = lab();
    const lease = await acquireLease(l.inv, "hut-01", {
      holder: { kind: "job", jobId: "gh-8121934471-1-hil", runner: "esp32-hut-01", commitSha: SHA },
    });
    for (let i = 0; i < 3; i++)
      recordHealth(l.inv, "hut-02", "infra_failure", "no answer after power cycle");

    const table = await hil(["slots", "--inventory", l.file]);
    expect(table.status).toBe(0);
    const [, head, row1, row2] = table.stdout.split("\n");
    expect(head).toMatch(/^SLOT\s+LABEL\s+CHIP\s+PORT\s+LEASE\s+HOLDER\s+SINCE\s+SHA\s+HEALTH$/);
    expect(row1).toContain("held");
    expect(row1).toContain(`job gh-8121934471-1-hil (runner esp32-hut-01 on`);
    expect(row1).toContain(`pid ${process.pid})`);
    expect(row1).toContain(lease.record.since);
    expect(row1).toContain(SHA.slice(0, 12));
    expect(row2).toMatch(/hut-02 .* free .*UNHEALTHY \(3 infra failures in a row since/);

    const json = JSON.parse((await hil(["slots", "--inventory", l.file, "--json"])).stdout) as {
      slots: {
        id: string;
        lease: { state: string; holder?: Record<string, unknown> };
        health: { healthy: boolean };
      }[];
    };
    expect(json.slots[0]!.lease.state).toBe("held");
    expect(json.slots[0]!.lease.holder).toMatchObject({
      job_id: "gh-8121934471-1-hil",
      commit_sha: SHA,
    });
    expect(json.slots[0]!.lease.holder).not.toHaveProperty("token");
    expect(json.slots[1]!.health.healthy).toBe(false);

    const reset = await hil(["slots", "--inventory", l.file, "--reset-health", "hut-02"]);
    expect(reset.stdout).toContain("hut-02: health reset (was UNHEALTHY");
    expect(health(l.inv, "hut-02").healthy).toBe(true);
    await lease.release();
  });
});

describe("hil doctor", () => {
  let ha: FakeServer;
  beforeAll(async () => {
    ha = await new FakeServer()
      .route(
        {
          method: "GET",
          pattern: "/api/",
          handler: ({ req }) =>
            req.headers.authorization === `Bearer ${TOKEN}`
              ? { status: 200, body: { message: "API running." } }
              : { status: 401, body: { message: "Invalid authentication" } },
        },
        {
          method: "GET",
          pattern: "/api/states/:entity",
          handler: ({ params }) =>
            params.entity === "switch.hut_01_power"
              ? { status: 200, body: { entity_id: params.entity, state: "on" } }
              : { status: 404, body: { message: "Entity not found." } },
        },
      )
      .start();
  });
  afterAll(() => ha.stop());

  const power = (entity = "switch.hut_01_power") => `    power:
      url: ${ha.baseUrl}
      token_env: HIL_HA_TOKEN
      entity: ${entity}
`;

  it("passes on a good host, with Home Assistant accepting the token", async () => {
    const l = lab("present", power());
    const r = await hil(["doctor", "--inventory", l.file], { HIL_HA_TOKEN: TOKEN });
    expect(r.stdout).toMatch(
      /^ok\s+hut-02 power\s+Home Assistant at http:\/\/127\.0\.0\.1:\d+ accepts the token in HIL_HA_TOKEN$/m,
    );
    expect(r.stdout).toMatch(
      /^ok\s+lock self-test\s+one slot serializes, different slots do not wait on each other$/m,
    );
    expect(r.stdout).toContain("All checks passed.");
    expect(r.status).toBe(0);
    expect(r.stdout + r.stderr).not.toContain(TOKEN);
  });

  it("fails on a missing port and lists what /dev/serial/by-id has", async () => {
    const l = lab("usb-Espressif_USB_JTAG-if00");
    const r = await hil(["doctor", "--inventory", l.file]);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(
      /^FAIL\s+hut-02 port\s+.*usb-Espressif_USB_JTAG-if00 is missing \(ENOENT\)$/m,
    );
    expect(r.stdout).toMatch(
      /→ .*by-id has: usb-FTDI_FT232R-if00-port0, usb-Silicon_Labs_CP2102N-if00-port0\. Plug the board in/,
    );
    expect(r.stdout).toMatch(/^ok\s+hut-01 port\s+/m);
    expect(r.stdout).toMatch(/1 check\(s\) failed/);
  });

  it("fails on two slots sharing one device", async () => {
    const l = lab("/dev/null"); // hut-01's by-id link points at /dev/null too
    const r = await hil(["doctor", "--inventory", l.file]);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(
      /^FAIL\s+ports\s+slots hut-01 \(.*\) and hut-02 \(\/dev\/null\) share one port, \/dev\/null$/m,
    );
  });

  it("fails when Home Assistant refuses the token, says so, and masks it", async () => {
    const l = lab("present", power());
    const wrong = "wrong-token-0123456789abcdef";
    const r = await hil(["doctor", "--inventory", l.file], { HIL_HA_TOKEN: wrong });
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(
      /^FAIL\s+hut-02 power\s+Home Assistant at .* refused the token in HIL_HA_TOKEN \(HTTP 401\)$/m,
    );
    expect(r.stdout).toContain("create a new long-lived access token");
    expect(r.stdout + r.stderr).not.toContain(wrong);
    // The token went to Home Assistant and nowhere else.
    expect(ha.requests.some((q) => q.headers.authorization === `Bearer ${wrong}`)).toBe(true);
  });

  it("fails on an unset token variable and an unknown entity", async () => {
    const l = lab("present", power("switch.nope"));
    const unset = await hil(["doctor", "--inventory", l.file]);
    expect(unset.stdout).toMatch(
      /FAIL\s+hut-02 power\s+the Home Assistant token variable HIL_HA_TOKEN is not set/,
    );
    const r = await hil(["doctor", "--inventory", l.file], { HIL_HA_TOKEN: TOKEN });
    expect(r.stdout).toMatch(/FAIL\s+hut-02 power\s+Home Assistant has no entity switch\.nope/);
    expect(r.status).toBe(1);
  });

  it("fails on an unreachable RFC 2217 server", async () => {
    const port = await closedPort();
    const l = lab(`rfc2217://127.0.0.1:${port}`);
    const r = await hil(["doctor", "--inventory", l.file, "--slot", "hut-02"]);
    expect(r.stdout).toMatch(
      new RegExp(
        `^FAIL\\s+hut-02 port\\s+cannot connect to 127\\.0\\.0\\.1:${port} for rfc2217://127\\.0\\.0\\.1:${port} \\(ECONNREFUSED\\)$`,
        "m",
      ),
    );
    expect(r.stdout).not.toContain("hut-01 port"); // --slot limits the slot checks
  });

  it("fails on a lock dir the runner's user cannot write", async () => {
    const l = lab();
    mkdirSync(l.inv.lock_dir, { mode: 0o755 });
    let r: Run;
    if (process.getuid?.() === 0) {
      r = await hil(["doctor", "--inventory", l.file], {}, 65534); // root may write anywhere: run as nobody
    } else {
      chmodSync(l.inv.lock_dir, 0o555);
      r = await hil(["doctor", "--inventory", l.file]);
    }
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^FAIL\s+lock dir\s+.*\/locks is not writable by \S+ \(EACCES\)$/m);
    expect(r.stdout).toContain("sudo install -d -m 2775 -g hil");
    expect(r.stdout).not.toContain("lock self-test");
  });

  it("fails on a port the runner's user cannot open, naming the group to join", async () => {
    const l = lab();
    const dev = join(l.dir, "ttyFAKE0");
    writeFileSync(dev, "");
    chmodSync(dev, process.getuid?.() === 0 ? 0o600 : 0o000);
    writeFileSync(l.file, readFileSync(l.file, "utf8").replace(/port: .*FTDI.*/, `port: ${dev}`));
    const r = await hil(
      ["doctor", "--inventory", l.file, "--slot", "hut-02"],
      {},
      process.getuid?.() === 0 ? 65534 : undefined,
    );
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^warn\s+hut-02 port\s+.*ttyFAKE0 is not a character device$/m);
    expect(r.stdout).toMatch(
      /^FAIL\s+hut-02 port\s+.*ttyFAKE0 is not readable and writable by \S+ \(owner group \S+, mode [0-7]+\)$/m,
    );
    expect(r.stdout).toMatch(
      /→ Add the runner's user to that group \(sudo usermod -aG \S+ \S+; usually dialout\)/,
    );
  });

  it("names a broken inventory", async () => {
    const l = lab();
    writeFileSync(l.file, "slots: []\n");
    const r = await hil(["doctor", "--inventory", l.file]);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^FAIL\s+inventory\s+.*slots\.yaml failed validation:/m);
  });

  it("reports an unhealthy slot and resets it with --reset-health once the host checks pass", async () => {
    const broken = lab("usb-unplugged");
    for (let i = 0; i < 3; i++) recordHealth(broken.inv, "hut-02", "infra_failure", "sync failed");
    const refused = await hil([
      "doctor",
      "--inventory",
      broken.file,
      "--slot",
      "hut-02",
      "--reset-health",
    ]);
    expect(refused.stdout).toMatch(
      /^FAIL\s+hut-02 health\s+UNHEALTHY .*; not reset: 1 other check\(s\) failed$/m,
    );
    expect(health(broken.inv, "hut-02").healthy).toBe(false);

    const l = lab();
    for (let i = 0; i < 3; i++) recordHealth(l.inv, "hut-01", "infra_failure", "sync failed");
    const r = await hil(["doctor", "--inventory", l.file, "--slot", "hut-01"]);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(
      /^FAIL\s+hut-01 health\s+UNHEALTHY \(3 infra failures in a row since .*\); last: sync failed$/m,
    );
    const fixed = await hil([
      "doctor",
      "--inventory",
      l.file,
      "--slot",
      "hut-01",
      "--reset-health",
    ]);
    expect(fixed.stdout).toMatch(
      /^ok\s+hut-01 health\s+reset: the host checks pass \(was UNHEALTHY/m,
    );
    expect(fixed.status).toBe(0);
    expect(health(l.inv, "hut-01").healthy).toBe(true);
  });
});

describe("hil lock", () => {
  it("runs a command under the lease, hands it the lease, returns its exit code and releases", async () => {
    const l = lab();
    const script = `echo "token=$HIL_LEASE_TOKEN slot=$HIL_SLOT job=$HIL_JOB_ID"; exit 7`;
    const r = await hil([
      "lock",
      "--inventory",
      l.file,
      "--slot",
      "hut-02",
      "--",
      "sh",
      "-c",
      script,
    ]);
    expect(r.status).toBe(7);
    expect(r.stdout).toMatch(/^token=[0-9a-f]{24} slot=hut-02 job=local-\S+-\d+$/m);
    expect(r.stderr).toMatch(/hil lock: hut-02 leased as local-/);
    expect(leaseStatus(l.inv, "hut-02").state).toBe("free");
  });

  it("lets the command's own hil steps act under its lease", async () => {
    const l = lab();
    const inner = `${process.execPath} --import ${TSX} ${CLI} lock --wait 0 -- sh -c 'echo inner=$HIL_LEASE_TOKEN'; echo outer=$HIL_LEASE_TOKEN`;
    const r = await hil([
      "lock",
      "--inventory",
      l.file,
      "--slot",
      "hut-01",
      "--",
      "sh",
      "-c",
      inner,
    ]);
    expect(r.status).toBe(0);
    const inner1 = /inner=(\w+)/.exec(r.stdout)?.[1];
    expect(inner1).toBeDefined();
    expect(r.stdout).toContain(`outer=${inner1}`); // the nested lock ran under the same lease
    expect(r.stderr).toMatch(/hut-01 under job local-\S+'s lease/);
  });

  it("releases when the command cannot even start", async () => {
    const l = lab();
    const r = await hil([
      "lock",
      "--inventory",
      l.file,
      "--slot",
      "hut-01",
      "--",
      "no-such-command-hil",
    ]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("Cannot run no-such-command-hil: ENOENT");
    expect(leaseStatus(l.inv, "hut-01").state).toBe("free");
  });

  it("forwards signals, returns the command's exit code, releases; a second hil lock --wait 1 names the holder", async () => {
    const l = lab();
    const child = spawn(
      process.execPath,
      [
        "--import",
        TSX,
        CLI,
        "lock",
        "--inventory",
        l.file,
        "--slot",
        "hut-01",
        "--",
        "sh",
        "-c",
        'trap "echo got-TERM; exit 5" TERM; echo ready; while :; do sleep 0.1; done',
      ],
      { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, HIL_SLOT: "" } },
    );
    const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
    expect((await lines.next()).value).toBe("ready");
    const held = leaseStatus(l.inv, "hut-01").holder;
    expect(held).toMatchObject({
      kind: "lock",
      pid: child.pid,
      command: ["sh", "-c", expect.any(String)],
    });

    const second = await hil([
      "lock",
      "--inventory",
      l.file,
      "--slot",
      "hut-01",
      "--wait",
      "1",
      "--",
      "true",
    ]);
    expect(second.status).toBe(1);
    expect(second.stderr).toContain(
      `Slot hut-01 is busy: held by hil lock session ${held!.job_id} (runner ${held!.runner} on ${held!.host}, pid ${child.pid}) since ${held!.since}`,
    );
    expect(second.stderr).toContain("waited 1 s");
    expect(second.stderr).toContain("Waiting up to 1 s for slot hut-01");

    const exit = new Promise<number | null>((resolve) =>
      child.once("exit", (code) => resolve(code)),
    );
    child.kill("SIGTERM");
    expect((await lines.next()).value).toBe("got-TERM");
    expect(await exit).toBe(5);
    expect(leaseStatus(l.inv, "hut-01").state).toBe("free");
  });

  it("returns 128+n when the command dies of signal n", async () => {
    const l = lab();
    const r = await hil([
      "lock",
      "--inventory",
      l.file,
      "--slot",
      "hut-01",
      "--",
      "sh",
      "-c",
      "kill -KILL $$",
    ]);
    expect(r.status).toBe(137);
    expect(leaseStatus(l.inv, "hut-01").state).toBe("free");
  });

  it("refuses a bad --wait", async () => {
    const l = lab();
    const r = await hil([
      "lock",
      "--inventory",
      l.file,
      "--slot",
      "hut-01",
      "--wait",
      "soon",
      "--",
      "true",
    ]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('--wait: expected a number of seconds, got "soon"');
  });
});

describe("bundled hil (dist/index.js, npm run build)", () => {
  it("routes the lease keeper a job-started hook spawns", async () => {
    const l = lab();
    const jobDir = createJobDir(l.inv, "gh-77-1-hil");
    const lease = await claimJobLease(l.inv, {
      slot: "hut-01",
      jobId: "gh-77-1-hil",
      runner: "esp32-hut-01",
      jobDir,
      keeper: { command: process.execPath, args: [cliDist, KEEPER_ARG] },
    });
    expect(leaseStatus(l.inv, "hut-01").holder?.pid).toBe(lease.keeperPid);
    expect(await releaseJobLease(l.inv, "hut-01", { jobDir })).toMatchObject({
      released: true,
      how: "keeper",
    });
  });
});
