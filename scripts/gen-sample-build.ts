// Writes examples/esp-idf-build/, the sample ESP-IDF build the demo packs and flashes.
import { rmSync } from "node:fs";
import { writeSampleBuild } from "../packages/lab/src/sample";

const dir = "examples/esp-idf-build";
rmSync(dir, { recursive: true, force: true });
const fw = writeSampleBuild(dir);
for (const i of fw.images)
  console.log(`${dir}/${i.file} (${i.size} bytes at 0x${i.offset.toString(16)})`);
