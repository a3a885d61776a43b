import { existsSync, mkdtempSync, readFileSync, readdirSync, readlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadInventory } from "@hil/inventory";
import { afterEach, describe, expect, it } from "vitest";
import { entityFor, SimLab, slotIds } from "../src/lab";

const labs: SimLab[] = [];
afterEach(async () => {
  for (const l of labs.splice(0)) await l.close();
});

/** Local addresses of the TCP sockets this process is listening on (from /proc). */
function listeningAddresses(pid: number | "self" = "self"): string[] {
  const inodes = new Set<string>();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (m) inodes.add(m[1]!);
    } catch {
      // fd closed meanwhile
    }
  }
  const out: string[] = [];
  for (const file of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    if (!existsSync(file)) continue;
    for (const line of readFileSync(file, "utf8").split("\n").slice(1)) {
      const f = line.trim().split(/\s+/);
      if (f.length < 10 || f[3] !== "0A" || !inodes.has(f[9]!)) continue; // 0A = LISTEN
      const [hex] = f[1]!.split(":");
      out.push(
        hex!.length === 8
          ? [3, 2, 1, 0].map((i) => parseInt(hex!.slice(i * 2, i * 2 + 2), 16)).join(".")
          : `ipv6:${hex}`,
      );
    }
  }
  return out;
}

describe("SimLab", () => {
  it("serves N boards with a pty, an RFC 2217 server and a relay entity each, only on 127.0.0.1", async () => {
    const dir = mkdtempSync(join(tmpdir(), "lab-"));
    const before = listeningAddresses().length;
    const lab = await SimLab.start({ slots: 3, dir, token: "t0k" });
    labs.push(lab);
    const eps = lab.endpoints();
    expect(eps.map((e) => e.slot)).toEqual(["hut-01", "hut-02", "hut-03"]);
    expect(new Set(eps.map((e) => e.mac)).size).toBe(3);
    for (const e of eps) {
      expect(e.pty).toBe(join(dir, e.slot));
      expect(readlinkSync(e.pty!)).toMatch(/^\/dev\/pts\/\d+$/);
      expect(e.rfc2217).toMatch(/^rfc2217:\/\/127\.0\.0\.1:\d+$/);
      expect(e.ha_url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(e).toMatchObject({
        entity: entityFor(e.slot),
        token: "t0k",
        token_env: "HIL_SIM_HA_TOKEN",
      });
    }
    // One HTTP server for all, one RFC 2217 server per board; nothing on another address.
    const listening = listeningAddresses();
    expect(listening.length - before).toBe(4);
    expect(listening.every((a) => a === "127.0.0.1")).toBe(true);
  });

  it("writes an inventory every hil command accepts through HIL_SLOTS", async () => {
    const dir = mkdtempSync(join(tmpdir(), "lab-"));
    const lab = await SimLab.start({ slots: 2, dir });
    labs.push(lab);
    const file = join(dir, "slots.yaml");
    lab.writeInventory(file, { port: "pty", baseDir: dir });
    const { inventory } = loadInventory(undefined, { HIL_SLOTS: file });
    expect(inventory.slots.map((s) => [s.id, s.label, s.port, s.reset])).toEqual([
      ["hut-01", "esp32-hut-01", join(dir, "hut-01"), "none"],
      ["hut-02", "esp32-hut-02", join(dir, "hut-02"), "none"],
    ]);
    expect(inventory.slots[0]!.mac).toBe(lab.board("hut-01").mac);
    expect(inventory.slots[0]!.power).toMatchObject({
      token_env: "HIL_SIM_HA_TOKEN",
      entity: "switch.hut_01_power",
    });
    for (const d of [inventory.lock_dir, inventory.cache_dir, inventory.state_dir]) {
      expect(d.startsWith(dir)).toBe(true);
      expect(existsSync(d)).toBe(true);
    }
    const rfc = lab.inventory({ baseDir: dir });
    expect(rfc.slots[0]).toMatchObject({ reset: "classic", port: lab.endpoints()[0]!.rfc2217 });
  });

  it("keeps firmware across restarts with persist", async () => {
    const dir = mkdtempSync(join(tmpdir(), "lab-"));
    const a = await SimLab.start({ slots: 1, dir, persist: true, pty: false });
    a.board("hut-01").flash.write(0x20000, Buffer.from("kept"));
    await a.close();
    const b = await SimLab.start({ slots: 1, dir, persist: true, pty: false });
    labs.push(b);
    expect(b.board("hut-01").flash.read(0x20000, 4).toString()).toBe("kept");
  });

  it("names slots and refuses silly counts", () => {
    expect(slotIds(2)).toEqual(["hut-01", "hut-02"]);
    expect(() => slotIds(0)).toThrow(/from 1 to 64/);
    expect(entityFor("hut-12")).toBe("switch.hut_12_power");
  });
});
