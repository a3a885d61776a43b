import { buildTestFirmware, unityRunScript, type TestFirmware, type UnityTest } from "@hil/hut-sim";

/**
 * The sample firmware the demo builds and flashes: an ESP-IDF build directory (as `idf.py build`
 * leaves it) of a thermostat app whose image carries a Unity test run for the simulated board.
 * `examples/esp-idf-build/` is this, committed (scripts/gen-sample-build.ts; a test keeps the
 * two equal).
 */
export const SAMPLE_TESTS: UnityTest[] = [
  "reads the temperature sensor",
  "reads the humidity sensor",
  "converts celsius to fahrenheit",
  "rounds the display value",
  "holds the setpoint",
  "switches the heater on below the band",
  "switches the heater off above the band",
  "keeps the heater off with the window open",
  "stores the schedule in NVS",
  "restores the schedule after a reboot",
  "parses an MQTT setpoint message",
  "rejects an out-of-range setpoint",
].map((name, i) => ({
  name,
  result: "pass" as const,
  file: i < 4 ? "main/test_sensor.c" : i < 8 ? "main/test_control.c" : "main/test_storage.c",
  line: 20 + 14 * (i % 4),
  durationMs: 40 + 15 * (i % 5),
}));

export const SAMPLE_SCRIPT = [
  "log I thermostat: starting self-test build",
  "log I wifi: connected, ip=10.0.0.42",
  unityRunScript(SAMPLE_TESTS),
].join("\n");

/** Write the sample build directory into `dir`; byte-identical every time. */
export function writeSampleBuild(dir: string): TestFirmware {
  return buildTestFirmware({
    dir,
    script: SAMPLE_SCRIPT,
    projectName: "thermostat",
    version: "1.4.0",
    appSize: 256 * 1024,
    seed: "hil-actions sample thermostat",
    buildTime: new Date("2026-11-01T09:00:00Z"),
  });
}
