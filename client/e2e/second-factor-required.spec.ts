import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { password, person } from './people';
import { base32, currentStep, totp } from './totp';

const shots = 'test-results/screenshots';

// This needs a server with Workspace:Accounts:RequireSecondFactor on: it starts its own, next to the
// shared one (its ports follow E2E_PORT, offset so that side-by-side checkouts do not collide).
const port = Number(process.env.E2E_PORT ?? 5187) + 1000;
const baseURL = `http://127.0.0.1:${port}`;
const adminEmail = 'admin@required.example';
let server: ChildProcess | undefined;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  const project = resolve(import.meta.dirname, '../../src/Workspace.Server');
  const configuration = process.env.WORKSPACE_CONFIGURATION ?? 'Debug';
  server = spawn('dotnet', [`${project}/bin/${configuration}/net10.0/Workspace.Server.dll`, '--contentRoot', project, '--urls', baseURL], {
    stdio: 'ignore',
    env: {
      ...process.env,
      Workspace__DataDirectory: mkdtempSync(join(tmpdir(), 'workspace-e2e-2fa-')),
      Workspace__Clustering__SiloPort: String(port + 6000),
      Workspace__Clustering__GatewayPort: String(port + 25000),
      Workspace__Accounts__RequireSecondFactor: 'AdministratorsAndFacilitators',
      Workspace__Setup__AdminEmail: adminEmail,
      Workspace__Setup__AdminPassword: password,
      Workspace__Setup__AdminDisplayName: 'Ana Administradora',
      Workspace__Setup__AdminOrganisation: 'Roundtable Secretariat',
      Workspace__Setup__AdminCountry: 'CR',
    },
  });
  for (const started = Date.now(); Date.now() - started < 100_000; await new Promise((r) => setTimeout(r, 500))) {
    try {
      if ((await fetch(`${baseURL}/healthz`)).ok) return;
    } catch { /* not listening yet */ }
  }
  throw new Error('The server with RequireSecondFactor did not start.');
});

test.afterAll(() => { server?.kill(); });

test('the administrator, required to use a second factor, is sent to set it up at sign-in and continues after', async ({ browser }) => {
  const errors: string[] = [];
  const { page, allowed } = await person(browser, errors, { width: 390, height: 844 }, baseURL);
  allowed.push(/403 \(Forbidden\)/);
  await page.goto('/sign-in?next=/');
  await page.getByLabel('Email').fill(adminEmail);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();

  // Wherever they go, the page that asks for enrolment first.
  await expect(page).toHaveURL(/\/account\/two-step-verification$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Set up two-step verification' })).toBeVisible();
  expect((await page.request.get('/api/groups')).status()).toBe(403);
  await page.goto('/admin/operations');
  await expect(page).toHaveURL(/\/account\/two-step-verification$/);
  const key = base32((await page.locator('#two-step-key').textContent())!);
  await expect(page.getByRole('img', { name: 'QR code that adds your Workspace account to an authenticator app' })).toBeVisible();
  await page.screenshot({ path: `${shots}/second-factor-required-phone.png`, fullPage: true });

  await page.getByLabel('Code from your authenticator app').fill(totp(key, currentStep()));
  await page.keyboard.press('Enter');
  await expect(page.locator('#recovery-codes li')).toHaveCount(10);
  await page.getByRole('button', { name: 'I have saved them' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Working groups' })).toBeVisible();
  expect((await page.request.get('/api/groups')).status()).toBe(200);
  expect(errors).toEqual([]);
});
