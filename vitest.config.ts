import { defineConfig } from 'vitest/config';

// Separate from vite.config.ts (the web app's root is web/): tests live beside the server code.
export default defineConfig({
  test: {
    root: '.',
    include: ['src/**/*.test.ts', 'bench/**/*.test.ts', 'web/src/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Two cores: integration files each open their own database; more workers only thrash.
    maxWorkers: 2,
  },
});
