// The system's browser, headless, as every browser test starts it, from the driver's
// first argument, ENGINE:PATH: `chromium:/usr/bin/chromium` (no sandbox, as CI runs as
// root, and nothing that would reach another host) or `firefox:/usr/bin/firefox-esr`
// (Debian's ESR, driven over WebDriver BiDi; playwright-core is pinned to the last
// release whose BiDi commands Firefox 153 ESR knows).
"use strict";
const { chromium, firefox } = require("playwright-core");

const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync"];

/* Firefox's own calls home: updates, telemetry, safe-browsing lists, add-on metadata. */
const FIREFOX_PREFS = {
  "app.update.enabled": false,
  "browser.safebrowsing.malware.enabled": false,
  "browser.safebrowsing.phishing.enabled": false,
  "browser.safebrowsing.downloads.enabled": false,
  "datareporting.policy.dataSubmissionEnabled": false,
  "toolkit.telemetry.enabled": false,
  "extensions.getAddons.cache.enabled": false,
  "network.captive-portal-service.enabled": false,
  "network.connectivity-service.enabled": false,
};

/* Launches the browser of `spec`; `{ dark: true }` asks for one whose pages prefer the
 * dark scheme, for engines that cannot switch an open page's scheme (Firefox, whose
 * BiDi has no media emulation in the playwright-core that drives Firefox 153 ESR). */
function launch(spec, { dark = false } = {}) {
  const split = spec.indexOf(":");
  const engine = spec.slice(0, split);
  const executablePath = spec.slice(split + 1);
  if (engine === "chromium") {
    return chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  }
  if (engine === "firefox") {
    const scheme = dark ? { "layout.css.prefers-color-scheme.content-override": 0 } : {};
    return firefox.launch({ channel: "moz-firefox", executablePath, firefoxUserPrefs: { ...FIREFOX_PREFS, ...scheme } });
  }
  throw new Error(`unknown browser ${JSON.stringify(spec)}: give chromium:PATH or firefox:PATH`);
}

module.exports = launch;
