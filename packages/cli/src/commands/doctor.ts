import type { Command } from "commander";
import { ConfigurationError, describeError } from "@hil/contracts";
import { TerminalHost } from "@hil/host";
import { checkHost, loadInventory, selectSlot, type Check } from "@hil/inventory";
import {
  currentUser,
  describeHolder,
  health,
  leaseStatus,
  lockSelfTest,
  resetHealth,
  thisHost,
} from "@hil/lease";
import { inventoryOption, seconds, slotOption } from "./common";
import { describeHealth } from "./slots";

interface DoctorOptions {
  inventory?: string;
  slot?: string;
  json?: boolean;
  resetHealth?: boolean;
  timeout: string;
}

const LABEL: Record<Check["status"], string> = { ok: "ok  ", warn: "warn", fail: "FAIL" };

/**
 * Every check of `hil doctor`: the inventory, the host checks of @hil/inventory, then per slot
 * its lease and health, and the lock self-test on the real lock dir.
 */
export async function doctorChecks(opts: DoctorOptions, host: TerminalHost): Promise<Check[]> {
  let loaded;
  try {
    loaded = loadInventory(opts.inventory);
  } catch (e) {
    return [{ status: "fail", subject: "inventory", message: describeError(e) }];
  }
  const { file, inventory } = loaded;
  const only = opts.slot ? selectSlot(inventory, file, opts.slot).id : undefined;
  const slots = inventory.slots.filter((s) => !only || s.id === only);
  const checks: Check[] = [
    {
      status: "ok",
      subject: "inventory",
      message: `${file} is valid: ${inventory.slots.map((s) => s.id).join(", ")}`,
    },
  ];
  checks.push(
    ...(await checkHost(inventory, {
      ...(only ? { slot: only } : {}),
      timeoutMs: seconds(opts.timeout, "--timeout") * 1000,
      maskSecret: (s) => host.maskSecret(s),
    })),
  );
  const lockDirOk = checks.find((c) => c.subject === "lock dir")?.status === "ok";
  if (lockDirOk) {
    const t = await lockSelfTest(inventory);
    const bad = t.checks.filter((c) => !c.ok);
    checks.push(
      bad.length
        ? {
            status: "fail",
            subject: "lock self-test",
            message: bad.map((c) => `${c.what}: ${c.detail ?? "failed"}`).join("; "),
            hint: "The lock dir does not behave like a local POSIX file system (mkdir/rename); over NFS, check the mount options.",
          }
        : {
            status: "ok",
            subject: "lock self-test",
            message: "one slot serializes, different slots do not wait on each other",
          },
    );
  }
  for (const s of slots) {
    const l = leaseStatus(inventory, s.id);
    checks.push(
      l.state === "stale"
        ? {
            status: "warn",
            subject: `${s.id} lease`,
            slot: s.id,
            message: `stale: ${l.holder ? describeHolder(l.holder) : "no holder record"}`,
            hint: "Its holder died; the next claim takes it over.",
          }
        : {
            status: "ok",
            subject: `${s.id} lease`,
            slot: s.id,
            message: l.holder ? `held by ${describeHolder(l.holder)}` : "free",
          },
    );
    const h = health(inventory, s.id);
    checks.push(
      h.healthy
        ? { status: "ok", subject: `${s.id} health`, slot: s.id, message: describeHealth(h) }
        : {
            status: "fail",
            subject: `${s.id} health`,
            slot: s.id,
            message: `${describeHealth(h)}${h.last?.detail ? `; last: ${h.last.detail}` : ""}`,
            hint: `Jobs on ${s.id} fail fast until it is reset. Fix the board, then run hil doctor --slot ${s.id} --reset-health.`,
          },
    );
  }
  if (opts.resetHealth && only) {
    const subject = `${only} health`;
    const line = checks.find((c) => c.subject === subject)!;
    const blocking = checks.filter((c) => c.status === "fail" && c !== line);
    if (blocking.length) {
      Object.assign(line, {
        status: "fail",
        message: `${line.message}; not reset: ${blocking.length} other check(s) failed`,
        hint: "Fix those first, or override with hil slots --reset-health.",
      });
    } else {
      resetHealth(inventory, only, `${currentUser()} (hil doctor)`);
      Object.assign(line, {
        status: "ok",
        message: `reset: the host checks pass (was ${line.message})`,
        hint: undefined,
      });
    }
  }
  return checks;
}

export function registerDoctor(program: Command): void {
  program
    .command("doctor")
    .description("check this host: ports, permissions, lock dir, Home Assistant, inventory")
    .option(...inventoryOption)
    .option(...slotOption)
    .option("--json", "print JSON")
    .option("--reset-health", "with --slot: mark the slot healthy again when its checks pass")
    .option("--timeout <seconds>", "time limit of each network check", "3")
    .action(async (opts: DoctorOptions) => {
      if (opts.resetHealth && !opts.slot) {
        throw new ConfigurationError("--reset-health needs --slot: say which slot to reset.");
      }
      const host = new TerminalHost();
      const checks = await doctorChecks(opts, host);
      const failed = checks.filter((c) => c.status === "fail").length;
      const warned = checks.filter((c) => c.status === "warn").length;
      if (opts.json) {
        host.info(JSON.stringify({ ok: failed === 0, host: thisHost(), checks }, null, 2));
      } else {
        const width = Math.max(...checks.map((c) => c.subject.length));
        host.info(`hil doctor on ${thisHost()} as ${currentUser()}`);
        for (const c of checks) {
          host.info(`${LABEL[c.status]}  ${c.subject.padEnd(width)}  ${c.message}`);
          if (c.hint && c.status !== "ok") host.info(`      ${" ".repeat(width)}  → ${c.hint}`);
        }
        host.info(
          failed
            ? `${failed} check(s) failed${warned ? `, ${warned} warning(s)` : ""}.`
            : `All checks passed${warned ? ` (${warned} warning(s))` : ""}.`,
        );
      }
      process.exitCode = failed ? 1 : 0;
    });
}
