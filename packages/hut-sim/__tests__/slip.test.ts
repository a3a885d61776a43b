import { describe, expect, it } from "vitest";
import { SlipDecoder, slipEncode, type SlipEvent } from "../src/slip";

function decodeAll(...chunks: number[][]): SlipEvent[] {
  const out: SlipEvent[] = [];
  const d = new SlipDecoder((e) => out.push(e));
  for (const c of chunks) d.push(Buffer.from(c));
  return out;
}

describe("SLIP", () => {
  it("escapes 0xC0 and 0xDB inside a frame", () => {
    expect([...slipEncode(Buffer.from([0x01, 0xc0, 0x02, 0xdb, 0x03]))]).toEqual([
      0xc0, 0x01, 0xdb, 0xdc, 0x02, 0xdb, 0xdd, 0x03, 0xc0,
    ]);
  });

  it("round-trips arbitrary payloads, split anywhere", () => {
    const payload = Buffer.from(Array.from({ length: 600 }, (_, i) => (i * 37) & 0xff));
    const wire = [...slipEncode(payload)];
    for (const cut of [1, 7, 300, wire.length - 1]) {
      const ev = decodeAll(wire.slice(0, cut), wire.slice(cut));
      expect(ev).toHaveLength(1);
      expect(ev[0]).toMatchObject({ type: "frame" });
      expect((ev[0] as { payload: Buffer }).payload.equals(payload)).toBe(true);
    }
  });

  it("ignores noise between frames and treats 0xC0 0xC0 as a start", () => {
    const ev = decodeAll([0x41, 0x42, 0x0a, 0xc0, 0xc0, 0x01, 0x02, 0xc0, 0x55, 0xc0, 0x03, 0xc0]);
    expect(ev.map((e) => (e.type === "frame" ? [...e.payload] : e.type))).toEqual([
      [0x01, 0x02],
      [0x03],
    ]);
  });

  it("reports a bad escape and drops that frame only", () => {
    const ev = decodeAll([0xc0, 0x01, 0xdb, 0x11, 0x02, 0xc0, 0xc0, 0x09, 0xc0]);
    expect(ev[0]).toEqual({ type: "error", reason: "invalid SLIP escape 0xdb 0x11" });
    expect(ev[1]).toMatchObject({ type: "frame" });
  });

  it("drops frames over the size limit", () => {
    const out: SlipEvent[] = [];
    const d = new SlipDecoder((e) => out.push(e), 8);
    d.push(Buffer.from([0xc0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0xc0]));
    expect(out).toEqual([{ type: "error", reason: "frame longer than 8 bytes" }]);
  });
});
