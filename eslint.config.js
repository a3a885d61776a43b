// @ts-check
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["**/dist/**", "node_modules/**", ".tools/**", "schemas/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { process: "readonly", console: "readonly", Buffer: "readonly", URL: "readonly" },
    },
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
      "@typescript-eslint/consistent-type-imports": "error",
    },
  },
  {
    // Libraries stay host-agnostic: only the actions kit and the actions themselves may talk to @actions/core.
    files: ["packages/**/*.ts"],
    ignores: ["packages/actions-kit/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
            {
              name: "@actions/core",
              message:
                "Libraries take a Host (packages/host); only packages/actions-kit imports @actions/core.",
            },
          ],
        },
      ],
    },
  },
);
