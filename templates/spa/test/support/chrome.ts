import { existsSync } from 'node:fs';

/** Where Chrome or Chromium usually is; CHROME_PATH wins. */
const usualPlaces = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
];

export function findChrome(): string {
  const found = process.env.CHROME_PATH ?? usualPlaces.find((place) => existsSync(place));
  if (!found || !existsSync(found)) {
    throw new Error(`No Chrome or Chromium found${process.env.CHROME_PATH ? ` at CHROME_PATH=${process.env.CHROME_PATH}` : ''}: install one, or set CHROME_PATH to its executable`);
  }
  return found;
}
