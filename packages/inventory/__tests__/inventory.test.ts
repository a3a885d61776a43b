import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { describeError } from "@hil/contracts";
import { loadInventory, runnerLabels, selectSlot } from "../src/index";

const example = readFileSync(
  join(import.meta.dirname, "../../contracts/examples/slots.yaml"),
  "utf8",
);

function write(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), "inv-")), "slots.yaml");
  writeFileSync(file, text);
  return file;
}

describe("loadInventory", () => {
  it("reads the documented example, with defaults filled in", () => {
    const { inventory } = loadInventory(write(example));
    expect(inventory.slots.map((s) => s.id)).toEqual(["hut-01", "hut-02"]);
    expect(inventory.slots[1]!.baud).toBe(921600);
    expect(inventory.slots[0]!.power?.max_retries).toBe(2);
  });

  it("uses HIL_SLOTS when no file is given", () => {
    const file = write(example);
    expect(loadInventory(undefined, { HIL_SLOTS: file }).file).toBe(file);
  });

  it("says where it looked and what to do when the file is missing", () => {
    expect(() => loadInventory("/nonexistent/slots.yaml")).toThrow(
      /No slot inventory at \/nonexistent\/slots\.yaml/,
    );
  });

  it("names the file and the line of a YAML mistake", () => {
    const file = write("slots:\n  - id: hut-01\n   label: x\n");
    expect(() => loadInventory(file)).toThrow(
      new RegExp(`${file} is not valid YAML:[\\s\\S]*line 3`),
    );
  });

  it("names the file, the slot and the field of a bad value", () => {
    const file = write(
      example
        .replace("baud: 921600", 'baud: "fast"')
        .replace("port: rfc2217://ser2net.lab:4002", "port: com3"),
    );
    let msg = "";
    try {
      loadInventory(file);
    } catch (e) {
      msg = (e as Error).message;
    }
    expect(msg).toContain(`${file} failed validation`);
    expect(msg).toContain("slots[0] (hut-01).baud: expected number");
    expect(msg).toContain("slots[1] (hut-02).port: expected a device path");
  });

  it("refuses two slots on one port", () => {
    const file = write(
      example.replace(
        "port: rfc2217://ser2net.lab:4002",
        "port: /dev/serial/by-id/usb-Silicon_Labs_CP2102N_USB_to_UART_Bridge_Controller_7a1f-if00-port0",
      ),
    );
    expect(() => loadInventory(file)).toThrow(
      /slots\[1\] \(hut-02\)\.port: .* is already used by slots\[0\] \(hut-01\)/,
    );
  });
});

describe("selectSlot", () => {
  const { inventory, file } = loadInventory(write(example));
  it("prefers the explicit id, then HIL_SLOT, then the runner's label", () => {
    expect(selectSlot(inventory, file, "hut-02", { HIL_SLOT: "hut-01" }).id).toBe("hut-02");
    expect(selectSlot(inventory, file, undefined, { HIL_SLOT: "hut-01" }).id).toBe("hut-01");
    expect(selectSlot(inventory, file, undefined, { RUNNER_NAME: "esp32-hut-02" }).id).toBe(
      "hut-02",
    );
    expect(
      selectSlot(inventory, file, undefined, { CI_RUNNER_TAGS: '["docker", "esp32-hut-01"]' }).id,
    ).toBe("hut-01");
  });
  it("lists the known slots when the wanted one is not there", () => {
    expect(() => selectSlot(inventory, file, "hut-09", {})).toThrow(
      /Slot "hut-09" is not in .*; it has hut-01 \(esp32-hut-01\), hut-02 \(esp32-hut-02\)/,
    );
  });
  it("says how to choose when nothing matches", () => {
    let said = "";
    try {
      selectSlot(inventory, file, undefined, { RUNNER_NAME: "builder-7" });
    } catch (e) {
      said = describeError(e);
    }
    expect(said).toMatch(/No slot chosen: .* \(builder-7\)\.\nSet HIL_SLOT .*slots here: hut-01/);
  });
  it("reads labels from every source", () => {
    expect(
      runnerLabels({ HIL_RUNNER_LABELS: "a, b", CI_RUNNER_TAGS: "c,d", RUNNER_NAME: "e" }),
    ).toEqual(["a", "b", "c", "d", "e"]);
  });
});
