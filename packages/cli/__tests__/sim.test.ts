import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createInterface } from "node:readline";
import { loadInventory } from "@hil/inventory";
import { describe, expect, it } from "vitest";
import { runSim } from "../src/commands/sim";

const root = fileURLToPath(new URL("../../..", import.meta.url));

describe("hil sim", () => {
  it("refuses bad options with a message that says what was wrong", async () => {
    const io = { out: () => undefined, err: () => undefined };
    const base = {
      slots: "2",
      dir: mkdtempSync(join(tmpdir(), "sim-")),
      port: "rfc2217",
      start: "app",
    };
    await expect(runSim({ ...base, slots: "zero" }, io, Promise.resolve("x"))).rejects.toThrow(
      /--slots must be a whole number from 1 to 64, got "zero"/,
    );
    await expect(runSim({ ...base, port: "usb" }, io, Promise.resolve("x"))).rejects.toThrow(
      /--port must be pty or rfc2217/,
    );
    await expect(runSim({ ...base, start: "later" }, io, Promise.resolve("x"))).rejects.toThrow(
      /--start must be app or download/,
    );
  });

  it("prints one JSON line per board and writes the inventory (in process, RFC 2217 only)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sim-"));
    const out: string[] = [];
    let stop!: (s: string) => void;
    const stopped = new Promise<string>((r) => (stop = r));
    const run = runSim(
      {
        slots: "3",
        dir,
        port: "rfc2217",
        start: "download",
        pty: false,
        inventory: join(dir, "inv.yaml"),
      },
      { out: (s) => (out.push(s), out.length === 3 && stop("test")), err: () => undefined },
      stopped,
    );
    await run;
    const lines = out.map((l) => JSON.parse(l) as Record<string, string>);
    expect(lines.map((l) => l.slot)).toEqual(["hut-01", "hut-02", "hut-03"]);
    expect(lines.every((l) => l.pty === undefined && /^rfc2217:/.test(l.rfc2217!))).toBe(true);
    expect(loadInventory(join(dir, "inv.yaml")).inventory.slots).toHaveLength(3);
    await expect(
      runSim(
        { slots: "1", dir, port: "pty", start: "app", pty: false },
        { out: () => undefined, err: () => undefined },
        stopped,
      ),
    ).rejects.toThrow(/--port pty needs the pty doors/);
  });

  it("serves boards as a separate process until SIGTERM: JSON lines, inventory, admin route, clean exit", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sim-"));
    const inv = join(dir, "slots.yaml");
    const child = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        join(root, "packages/cli/src/index.ts"),
        "sim",
        "--slots",
        "2",
        "--inventory",
        inv,
        "--dir",
        dir,
      ],
      {
        cwd: root,
        env: { ...process.env, HIL_SIM_HA_TOKEN: "test-token" },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let stderr = "";
    child.stderr.on("data", (b) => (stderr += b));
    const exited = new Promise<number | null>((r) => child.on("exit", (code) => r(code)));
    const lines: Record<string, string>[] = [];
    const rl = createInterface({ input: child.stdout });
    await new Promise<void>((res, rej) => {
      rl.on("line", (l) => {
        lines.push(JSON.parse(l));
        if (lines.length === 2) res();
      });
      void exited.then((code) => rej(new Error(`hil sim exited (${code}): ${stderr}`)));
    });
    try {
      expect(lines.map((l) => l.slot)).toEqual(["hut-01", "hut-02"]);
      for (const l of lines) {
        expect(l).toMatchObject({
          token: "test-token",
          token_env: "HIL_SIM_HA_TOKEN",
          pty: join(dir, l.slot!),
        });
        expect(l.rfc2217).toMatch(/^rfc2217:\/\/127\.0\.0\.1:\d+$/);
        expect(existsSync(l.pty!)).toBe(true);
      }
      expect(lines[0]!.mac).not.toBe(lines[1]!.mac);
      const { inventory } = loadInventory(undefined, { HIL_SLOTS: inv });
      expect(inventory.slots.map((s) => s.port)).toEqual(lines.map((l) => l.rfc2217));
      expect(readFileSync(inv, "utf8")).not.toContain("test-token"); // the inventory names the env var only
      const state = await fetch(`${lines[0]!.ha_url}/api/states/${lines[0]!.entity}`, {
        headers: { authorization: "Bearer test-token" },
      });
      expect((await state.json()) as object).toMatchObject({ state: "on" });
      const fault = await fetch(`${lines[1]!.admin}/fault`, {
        method: "POST",
        body: JSON.stringify({ hang_after_boot: true }),
      });
      expect(((await fault.json()) as { faults: object }).faults).toEqual({ hangAfterBoot: true });
    } finally {
      child.kill("SIGTERM");
    }
    expect(await exited).toBe(0);
    expect(stderr).toContain("SIGTERM, shutting down");
    // The pty links are gone and no socat serving this dir survived.
    expect(existsSync(join(dir, "hut-01"))).toBe(false);
    const survivors = readdirSync("/proc")
      .filter((p) => /^\d+$/.test(p))
      .filter((p) => {
        try {
          return readFileSync(`/proc/${p}/cmdline`, "utf8").includes(dir);
        } catch {
          return false;
        }
      });
    expect(survivors).toEqual([]);
  });
});
