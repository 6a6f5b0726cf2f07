// Debian's headless Chromium through playwright-core, for the browser tests. No request may leave
// the machine: every host but loopback fails to resolve, and Chromium's own background traffic is off.
import { chromium } from 'playwright-core'

export const CHROMIUM = '/usr/bin/chromium'

/** @returns {Promise<import('playwright-core').Browser>} */
export function launchChromium() {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
    ],
  })
}
