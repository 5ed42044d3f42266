import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { call, password, person, signInAdmin } from './people';
import { base32, currentStep, totp } from './totp';

const shots = 'test-results/screenshots';

test('the helper computes RFC 6238 codes (its SHA-1 test vectors)', () => {
  const key = Buffer.from('12345678901234567890');
  expect(totp(key, Math.floor(59 / 30), 8)).toBe('94287082');
  expect(totp(key, Math.floor(1111111109 / 30), 8)).toBe('07081804');
  expect(totp(key, Math.floor(20000000000 / 30), 8)).toBe('65353130');
});

for (const device of [
  { name: 'desktop', viewport: { width: 1280, height: 800 } },
  { name: 'phone', viewport: { width: 390, height: 844 } },
]) {
  test(`a person enrols a second factor on the account page and signs in with password and code (${device.name})`, async ({ browser }) => {
    const errors: string[] = [];
    const admin = await person(browser, errors);
    await signInAdmin(admin.page);
    const group = await call<{ id: string }>(admin.page, 'POST', '/api/groups', {
      name: `Whistleblowers ${device.name}`, thematicArea: 'UNCAC Art. 33', description: 'Protecting reporting persons.', countries: ['MX'], languages: ['es'],
    });
    const invitation = await call<{ url: string }>(admin.page, 'POST', `/api/groups/${group.id}/invitations`, { role: 'member', expiresInDays: 7, maxUses: 1 });
    const email = `rosa.${device.name}.${Date.now()}@cso.example`;

    const { page } = await person(browser, errors, device.viewport);
    await call(page, 'POST', `/api/invitations/${invitation.url.split('/').at(-1)}/register`, { email, password, displayName: 'Rosa', organisation: 'Transparencia MX', country: 'MX' });

    // Enrolment: the QR code with its text alternative, the key in groups of four, a code the test computes from it.
    await page.goto('/account');
    const twoStep = page.getByRole('region', { name: 'Two-step verification' });
    await expect(twoStep).toContainText('Two-step verification is off.');
    await twoStep.getByRole('button', { name: 'Set up two-step verification' }).click();
    await expect(twoStep.getByRole('img', { name: 'QR code that adds your Workspace account to an authenticator app' })).toBeVisible();
    const shown = (await twoStep.locator('#two-step-key').textContent())!;
    expect(shown).toMatch(/^([A-Z2-7]{4} ){7}[A-Z2-7]{4}$/);
    const key = base32(shown);
    const code = twoStep.getByLabel('Code from your authenticator app');
    await expect(code).toBeFocused();
    await expect(code).toHaveAttribute('autocomplete', 'one-time-code');
    await expect(code).toHaveAttribute('inputmode', 'numeric');
    await twoStep.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${shots}/second-factor-enrol-${device.name}.png`, fullPage: true });
    const enrolledStep = currentStep();
    await code.fill(totp(key, enrolledStep));
    await page.keyboard.press('Enter');

    // The recovery codes, once, to download.
    await expect(twoStep.getByRole('heading', { name: 'Save your recovery codes' })).toBeFocused();
    const recovery = await twoStep.locator('#recovery-codes li').allTextContents();
    expect(recovery).toHaveLength(10);
    const downloading = page.waitForEvent('download');
    await twoStep.getByRole('link', { name: 'Download as text' }).click();
    const file = await (await downloading).path();
    expect(readFileSync(file, 'utf8')).toContain(recovery[9]);
    await page.screenshot({ path: `${shots}/second-factor-recovery-codes-${device.name}.png`, fullPage: true });
    await twoStep.getByRole('button', { name: 'I have saved them' }).click();
    await expect(twoStep).toContainText('Recovery codes left: 10.');

    // Signing out, then in: the password alone signs nobody in; the code does.
    await page.getByRole('banner').getByRole('button', { name: 'Sign out', exact: true }).click();
    await expect(page).toHaveURL(/\/sign-in/);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Two-step verification' })).toBeVisible();
    expect((await page.context().cookies()).some((c) => c.name === 'ws_auth')).toBe(false);
    const signInCode = page.getByLabel('Code from your authenticator app');
    await expect(signInCode).toBeFocused();
    await expect(page.getByRole('button', { name: 'Use a recovery code instead' })).toBeVisible();
    await page.screenshot({ path: `${shots}/second-factor-code-step-${device.name}.png`, fullPage: true });

    // By keyboard: to a recovery code and back.
    await page.getByRole('button', { name: 'Use a recovery code instead' }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByLabel('Recovery code')).toBeFocused();
    await page.getByRole('button', { name: 'Use a code from the app instead' }).focus();
    await page.keyboard.press('Enter');
    await expect(signInCode).toBeFocused();
    const usedStep = Math.max(currentStep(), enrolledStep + 1); // each step's code counts once
    await signInCode.fill(totp(key, usedStep));
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: 'Working groups' })).toBeVisible();
    expect((await page.context().cookies()).some((c) => c.name === 'ws_auth')).toBe(true);

    if (device.name === 'desktop') {
      // Turning it off takes the password and a code (the next step's: the last one is spent).
      await page.goto('/account');
      const turnOff = twoStep.locator('details', { hasText: 'Turn off two-step verification' });
      await turnOff.locator('summary').click();
      await turnOff.getByLabel('Current password').fill(password);
      while (currentStep() < usedStep) await page.waitForTimeout(500);
      await turnOff.getByLabel('Code from your authenticator app').fill(totp(key, usedStep + 1));
      await turnOff.getByRole('button', { name: 'Turn off two-step verification' }).click();
      await expect(twoStep).toContainText('Two-step verification is off.');
    }

    expect(errors).toEqual([]);
  });
}

