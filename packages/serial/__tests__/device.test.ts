import { describe, expect, it } from "vitest";
import { FakeDevice } from "./fake-device";

describe("StreamedDevice (the Web Serial shape esptool-js uses)", () => {
  it("has no streams until opened, then a readable that delivers what arrived", async () => {
    const d = new FakeDevice();
    expect(d.readable).toBeNull();
    expect(d.writable).toBeNull();
    await d.open({ baudRate: 115200 });
    expect(d.baudRate).toBe(115200);
    d.feed("early"); // kept until someone reads
    const reader = d.readable!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe("early");
    const pending = reader.read();
    d.feed("later");
    expect(new TextDecoder().decode((await pending).value)).toBe("later");
    reader.releaseLock();
  });

  it("gives a fresh readable after a cancel and a fresh writable after a close, while open", async () => {
    const d = new FakeDevice();
    await d.open({ baudRate: 9600 });
    const r1 = d.readable!;
    await r1.getReader().cancel();
    const r2 = d.readable!;
    expect(r2).not.toBe(r1);
    const w1 = d.writable!;
    const writer = w1.getWriter();
    await writer.write(new Uint8Array([1, 2]));
    await writer.close();
    const w2 = d.writable!;
    expect(w2).not.toBe(w1);
    const w = w2.getWriter();
    await w.write(new Uint8Array([3]));
    w.releaseLock();
    expect(d.written.map((b) => [...b])).toEqual([[1, 2], [3]]);
  });

  it("ends the readable on close (readLoop stops) and then has no streams", async () => {
    const d = new FakeDevice();
    await d.open({ baudRate: 9600 });
    const reader = d.readable!.getReader();
    const pending = reader.read();
    await d.close();
    expect((await pending).done).toBe(true);
    reader.releaseLock();
    expect(d.readable).toBeNull();
    expect(d.writable).toBeNull();
  });

  it("errors the readable with a NetworkError when the device is lost", async () => {
    const d = new FakeDevice();
    await d.open({ baudRate: 9600 });
    const reader = d.readable!.getReader();
    const pending = reader.read();
    d.unplug();
    await expect(pending).rejects.toMatchObject({ name: "NetworkError" });
  });
});
