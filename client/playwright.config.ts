import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { defineConfig } from '@playwright/test';

// The real server (built by the test command) on its own port, with a fresh data folder and a
// known one-time setup token; Debian's Chromium, never a downloaded browser.
// E2E_PORT lets two checkouts run their browser tests side by side (silo and gateway ports follow it).
const port = Number(process.env.E2E_PORT ?? 5187);
const dataDirectory = mkdtempSync(join(tmpdir(), 'workspace-e2e-'));
const configuration = process.env.WORKSPACE_CONFIGURATION ?? 'Debug';
const serverProject = resolve(import.meta.dirname, '../src/Workspace.Server');

export default defineConfig({
  testDir: './e2e',
  timeout: 120_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  reporter: [['list'], ['junit', { outputFile: 'test-results/e2e-junit.xml' }]],
  outputDir: 'test-results/playwright',
  // first-run.spec.ts needs a server not yet set up; every other spec signs the administrator in, which sets it up
  // when it runs first. So first-run runs first, whatever the other files are called.
  projects: [
    { name: 'first-run', testMatch: /first-run\.spec\.ts$/ },
    { name: 'everything else', testIgnore: /first-run\.spec\.ts$/, dependencies: ['first-run'] },
  ],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    locale: 'en-GB',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
        '--no-first-run', '--disable-quic', '--disable-sync'],
    },
  },
  webServer: {
    command: `dotnet "${serverProject}/bin/${configuration}/net10.0/Workspace.Server.dll" --contentRoot "${serverProject}" --urls http://127.0.0.1:${port}`,
    url: `http://127.0.0.1:${port}/healthz`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      Workspace__DataDirectory: dataDirectory,
      Workspace__Setup__Token: 'e2e-setup-token-0123',
      Workspace__Clustering__SiloPort: String(port + 6000),
      Workspace__Clustering__GatewayPort: String(port + 25000),
      // Every spec signs its people in from the same address within minutes; the limits themselves are
      // tested by the .NET functional tests (RateLimitTests), not by tripping them here.
      Workspace__Security__SignInPermitsPerMinute: '300',
      Workspace__Security__InvitationPermitsPerMinute: '300',
    },
  },
});
