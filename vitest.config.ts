import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: [
      "packages/*/__tests__/**/*.test.ts",
      "actions/*/__tests__/**/*.test.ts",
      "runner-hooks/__tests__/**/*.test.ts",
      "test/**/*.test.ts",
    ],
    // Simulated boards move bytes at real line rates; give hardware-shaped tests room.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: "forks",
  },
});
