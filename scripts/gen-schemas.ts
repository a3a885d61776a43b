// Writes schemas/*.schema.json from the zod contracts (npm run schemas).
import { writeFileSync, mkdirSync } from "node:fs";
import { PUBLISHED_SCHEMAS, jsonSchemaText } from "../packages/contracts/src/index";

mkdirSync("schemas", { recursive: true });
for (const file of Object.keys(PUBLISHED_SCHEMAS) as (keyof typeof PUBLISHED_SCHEMAS)[]) {
  writeFileSync(`schemas/${file}`, jsonSchemaText(file));
  console.log(`schemas/${file}`);
}
