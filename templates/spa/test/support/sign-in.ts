import type { Page } from 'playwright-core';

/** Fills in the local issuer's sign-in page (the stand-in for Cognito's) as the dev user, then waits to be back on `site`. */
export async function signInAsDevUser(page: Page, site: string) {
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  await page.getByLabel('Username').fill('dev');
  await page.getByLabel('Password').fill('dev-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.origin === site);
}
