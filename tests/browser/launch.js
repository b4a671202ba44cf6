// The system's Chromium, headless, as every browser test starts it: no sandbox (CI
// runs as root), and nothing that would reach another host.
"use strict";
const { chromium } = require("playwright-core");

module.exports = function launch(executablePath) {
  return chromium.launch({
    executablePath,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync"],
  });
};
