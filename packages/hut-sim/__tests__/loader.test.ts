import { createHash } from "node:crypto";
import { deflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { FlashMemory } from "../src/flash";
import { Loader } from "../src/loader";
import { buildCommand, checksum, Op, SYNC_PAYLOAD } from "../src/protocol";
import { Esp32Registers } from "../src/registers";

interface Response {
  op: number;
  value: number;
  body: Buffer;
}

function setup() {
  const flash = new FlashMemory({ size: 1024 * 1024 });
  let baud = 115200;
  const mac = Buffer.from([0x24, 0x6f, 0x28, 0x01, 0x02, 0x03]);
  const registers = new Esp32Registers({
    mac,
    flashSize: flash.size,
    baud: () => baud,
    strap: () => 0x03,
  });
  const sent: Buffer[] = [];
  const left: string[] = [];
  const loader = new Loader({
    flash,
    registers,
    send: (p) => sent.push(Buffer.from(p)),
    txDrained: async () => undefined,
    setBaud: (b) => (baud = b),
    leaveLoader: (how) => left.push(how),
  });
  const responses = (): Response[] =>
    sent
      .filter((p) => p[0] === 0x01)
      .map((p) => ({ op: p[1]!, value: p.readUInt32LE(4), body: p.subarray(8) }));
  /** Send a command and let the loader finish with it (including post-processing). */
  const cmd = async (op: number, data: Buffer = Buffer.alloc(0), chk = 0): Promise<Response[]> => {
    const before = responses().length;
    loader.onFrame(buildCommand(op, data, chk));
    await loader.whenIdle();
    return responses().slice(before);
  };
  return { flash, loader, sent, left, responses, cmd, getBaud: () => baud, mac };
}

const u32 = (...v: number[]) => {
  const b = Buffer.alloc(v.length * 4);
  v.forEach((x, i) => b.writeUInt32LE(x >>> 0, i * 4));
  return b;
};
const dataCmd = (payload: Buffer, seq: number) =>
  Buffer.concat([u32(payload.length, seq, 0, 0), payload]);

async function uploadStub(s: ReturnType<typeof setup>) {
  const text = Buffer.alloc(100, 0x11);
  await s.cmd(Op.MEM_BEGIN, u32(text.length, 1, 0x1800, 0x40080000));
  await s.cmd(Op.MEM_DATA, dataCmd(text, 0), checksum(text));
  await s.cmd(Op.MEM_END, u32(0, 0x40080010));
}

describe("ROM loader (ESP32)", () => {
  it("answers SYNC eight times with the ROM's value and four status bytes", async () => {
    const s = setup();
    const r = await s.cmd(Op.SYNC, SYNC_PAYLOAD);
    expect(r).toHaveLength(8);
    for (const x of r) {
      expect(x.op).toBe(Op.SYNC);
      expect(x.value).toBe(0x20120707);
      expect([...x.body]).toEqual([0, 0, 0, 0]);
    }
  });

  it("reads the chip magic and the factory MAC from eFuse", async () => {
    const s = setup();
    const [magic] = await s.cmd(Op.READ_REG, u32(0x40001000));
    expect(magic!.value).toBe(0x00f01d83);
    const [w1] = await s.cmd(Op.READ_REG, u32(0x3ff5a000 + 4));
    const [w2] = await s.cmd(Op.READ_REG, u32(0x3ff5a000 + 8));
    expect(w1!.value).toBe(0x28010203);
    expect(w2!.value & 0xffff).toBe(0x246f);
  });

  it("answers unsupported commands (GET_SECURITY_INFO on ESP32) as the ROM does", async () => {
    const s = setup();
    const r = await s.cmd(Op.GET_SECURITY_INFO);
    expect(r).toHaveLength(8);
    for (const x of r) {
      expect(x.op).not.toBe(Op.GET_SECURITY_INFO); // esptool relies on the op not matching
      expect([...x.body.subarray(0, 2)]).toEqual([1, 0x05]);
    }
  });

  it("writes flash, rejects bad checksums with ROM error 0x07, and gives MD5 as hex text", async () => {
    const s = setup();
    const block = Buffer.alloc(0x400, 0x5a);
    expect((await s.cmd(Op.FLASH_BEGIN, u32(0x400, 1, 0x400, 0x20000)))[0]!.body[0]).toBe(0);
    const bad = await s.cmd(Op.FLASH_DATA, dataCmd(block, 0), checksum(block) ^ 1);
    expect([...bad[0]!.body]).toEqual([1, 0x07, 0, 0]);
    const ok = await s.cmd(Op.FLASH_DATA, dataCmd(block, 0), checksum(block));
    expect([...ok[0]!.body]).toEqual([0, 0, 0, 0]);
    const [md5] = await s.cmd(Op.SPI_FLASH_MD5, u32(0x20000, 0x400, 0, 0));
    expect(md5!.body.subarray(0, 32).toString("ascii")).toBe(
      createHash("md5").update(block).digest("hex"),
    );
    expect(md5!.body).toHaveLength(36);
  });

  it("answers CHANGE_BAUDRATE at the old speed, then switches", async () => {
    const s = setup();
    const r = await s.cmd(Op.CHANGE_BAUDRATE, u32(921600, 0));
    expect(r[0]!.op).toBe(Op.CHANGE_BAUDRATE);
    expect(s.getBaud()).toBe(921600);
  });

  it("runs uploaded RAM code: after MEM_END the stub greets with OHAI", async () => {
    const s = setup();
    await uploadStub(s);
    expect(s.sent.at(-1)!.toString()).toBe("OHAI");
    expect(s.loader.mode).toBe("stub");
  });

  it("does not start anything when MEM_END jumps where nothing was loaded", async () => {
    const s = setup();
    await s.cmd(Op.MEM_BEGIN, u32(4, 1, 0x1800, 0x40080000));
    await s.cmd(Op.MEM_DATA, dataCmd(Buffer.alloc(4), 0), checksum(Buffer.alloc(4)));
    await s.cmd(Op.MEM_END, u32(0, 0x40090000));
    expect(s.sent.some((p) => p.toString() === "OHAI")).toBe(false);
    expect(s.loader.mode).toBe("rom");
  });

  it("leaves the loader on FLASH_END: 0 reboots, 1 runs the user code", async () => {
    const s = setup();
    await s.cmd(Op.FLASH_END, u32(1));
    await s.cmd(Op.FLASH_END, u32(0));
    expect(s.left).toEqual(["run", "reboot"]);
  });
});

describe("flasher stub", () => {
  it("answers SYNC eight times with value 0 and two status bytes", async () => {
    const s = setup();
    await uploadStub(s);
    const r = await s.cmd(Op.SYNC, SYNC_PAYLOAD);
    expect(r).toHaveLength(8);
    expect(r.every((x) => x.value === 0 && x.body.length === 2 && x.body[0] === 0)).toBe(true);
  });

  it("writes compressed data across blocks and reports a raw 16-byte MD5", async () => {
    const s = setup();
    await uploadStub(s);
    const image = Buffer.from(Array.from({ length: 50_000 }, (_, i) => (i * 7) % 251));
    const z = deflateSync(image, { level: 9 });
    const bs = 0x1000;
    const blocks = Math.ceil(z.length / bs);
    expect(
      (await s.cmd(Op.FLASH_DEFL_BEGIN, u32(image.length, blocks, bs, 0x30000)))[0]!.body,
    ).toHaveLength(2);
    for (let i = 0; i < blocks; i++) {
      const b = z.subarray(i * bs, (i + 1) * bs);
      const [r] = await s.cmd(Op.FLASH_DEFL_DATA, dataCmd(b, i), checksum(b));
      expect([...r!.body]).toEqual([0, 0]);
    }
    const [end] = await s.cmd(Op.FLASH_DEFL_END, u32(1));
    expect([...end!.body]).toEqual([0, 0]);
    const [md5] = await s.cmd(Op.SPI_FLASH_MD5, u32(0x30000, image.length, 0, 0));
    expect(md5!.body.subarray(0, 16).toString("hex")).toBe(
      createHash("md5").update(image).digest("hex"),
    );
    expect(s.flash.read(0x30000, image.length).equals(image)).toBe(true);
  });

  it("reports a bad checksum as 0xC1 and a decompression failure on the next command", async () => {
    const s = setup();
    await uploadStub(s);
    await s.cmd(Op.FLASH_DEFL_BEGIN, u32(1000, 1, 0x4000, 0x40000));
    const junk = Buffer.alloc(64, 0x77);
    const [bad] = await s.cmd(Op.FLASH_DEFL_DATA, dataCmd(junk, 0), checksum(junk) ^ 0xff);
    expect([...bad!.body]).toEqual([0xc1, 0x00]);
    // A good checksum is acknowledged at once; inflating it fails afterwards...
    const [ack] = await s.cmd(Op.FLASH_DEFL_DATA, dataCmd(junk, 0), checksum(junk));
    expect([...ack!.body]).toEqual([0, 0]);
    // ...and the next command carries the inflate error (0xC7) instead of running.
    const [next] = await s.cmd(Op.READ_REG, u32(0x40001000));
    expect(next!.value).toBe(0);
    expect([...next!.body]).toEqual([0xc7, 0x00]);
  });

  it("refuses FLASH_END before all announced data arrived", async () => {
    const s = setup();
    await uploadStub(s);
    await s.cmd(Op.FLASH_BEGIN, u32(0x2000, 1, 0x1000, 0x50000));
    const b = Buffer.alloc(0x1000, 1);
    await s.cmd(Op.FLASH_DATA, dataCmd(b, 0), checksum(b));
    const [r] = await s.cmd(Op.FLASH_END, u32(1));
    expect([...r!.body]).toEqual([0xc0, 0x00]);
  });

  it("serves READ_FLASH as acknowledged raw frames followed by the MD5", async () => {
    const s = setup();
    await uploadStub(s);
    s.flash.write(0x1000, Buffer.from("0123456789abcdef0123456789"));
    const before = s.sent.length;
    s.loader.onFrame(buildCommand(Op.READ_FLASH, u32(0x1000, 26, 10, 64)));
    const got: Buffer[] = [];
    for (let total = 0; got.length < 3;) {
      await new Promise((r) => setTimeout(r, 5));
      const fresh = s.sent.slice(before + 1 + got.length);
      for (const f of fresh) {
        got.push(f);
        total += f.length;
        s.loader.onFrame(u32(total));
      }
    }
    expect(Buffer.concat(got).toString()).toBe("0123456789abcdef0123456789");
    await new Promise((r) => setTimeout(r, 10));
    expect(s.sent.at(-1)!.toString("hex")).toBe(
      createHash("md5").update("0123456789abcdef0123456789").digest("hex"),
    );
  });

  it("rejects ERASE_REGION that is not sector aligned, erases when it is", async () => {
    const s = setup();
    await uploadStub(s);
    s.flash.write(0x3000, Buffer.from([0]));
    expect([...(await s.cmd(Op.ERASE_REGION, u32(0x3001, 0x1000)))[0]!.body]).toEqual([0xc0, 0x00]);
    expect([...(await s.cmd(Op.ERASE_REGION, u32(0x3000, 0x1000)))[0]!.body]).toEqual([0, 0]);
    expect(s.flash.read(0x3000, 1)[0]).toBe(0xff);
  });

  it("answers GET_SECURITY_INFO as unimplemented and unknown commands as invalid", async () => {
    const s = setup();
    await uploadStub(s);
    expect([...(await s.cmd(Op.GET_SECURITY_INFO))[0]!.body]).toEqual([0xff, 0x00]);
    const [r] = await s.cmd(0x77);
    expect(r!.op).toBe(0x77);
    expect([...r!.body]).toEqual([0xc3, 0x00]);
  });
});
