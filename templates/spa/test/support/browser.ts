import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { inject } from 'vitest';

export const site = inject('site');

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: inject('chrome'),
    // No sandbox (tests often run as root in CI), and nothing that reaches the network on its own.
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

/** Every console error (content-security-policy violations among them), failed page script and failed request of the page. */
export function watchForProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    // A failed request is reported below, with its address.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) problems.push(`console: ${message.text()}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`${response.status()} ${response.request().method()} ${response.url()}`);
  });
  page.on('pageerror', (error) => problems.push(`script: ${error.message}`));
  return problems;
}

/** Saves what the page shows under test-results/browser/ (or $SCREENSHOT_DIR), for a person to look at. */
export async function screenshot(page: Page, name: string): Promise<string> {
  const folder = process.env.SCREENSHOT_DIR ?? join('test-results', 'browser');
  mkdirSync(folder, { recursive: true });
  const path = join(folder, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
