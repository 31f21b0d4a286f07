import { defineConfig, devices } from '@playwright/test';

const PORT = Number(process.env.E2E_PORT ?? 3199);

// Debian's chromium, never a downloaded browser (no downloads on our machines).
const chromium = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
};

export default defineConfig({
  testDir: 'e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    launchOptions: chromium,
    trace: 'retain-on-failure',
  },
  projects: [
    { name: 'desktop', use: { ...devices['Desktop Chrome'], launchOptions: chromium } },
    {
      name: 'phone',
      use: { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, launchOptions: chromium },
    },
  ],
  webServer: {
    // A fresh embedded database per run (one per port, so two runs can share a machine).
    command: `rm -rf .tmp/e2e-data-${PORT} && DATABASE_URL= MOTCUA_DATA_DIR=.tmp/e2e-data-${PORT} PORT=${PORT} HOST=127.0.0.1 MOTCUA_PUBLIC_URL=http://127.0.0.1:${PORT} LOG_LEVEL=warn MOTCUA_RATE_LIMIT=5000 MOTCUA_TRACK_LIMIT=1000 MOTCUA_DEMO_HISTORY=0 npx tsx scripts/start.ts`,
    url: `http://127.0.0.1:${PORT}/healthz`,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
  },
});
