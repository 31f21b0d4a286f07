import { defineConfig } from 'vitest/config';

// Separate from vite.config.ts (the web app's root is web/): tests live beside the server code.
export default defineConfig({
  test: {
    root: '.',
    // The web app's logic that is not layout (formatters, rules in web/src/lib) is tested here too,
    // in node: those modules are pure functions of their arguments.
    include: ['src/**/*.test.ts', 'bench/**/*.test.ts', 'web/src/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Two cores: integration files each open their own database; more workers only thrash.
    maxWorkers: 2,
  },
});
