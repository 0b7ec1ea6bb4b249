#!/usr/bin/env bash
# Installs Debian's Chromium for the browser tests (tests/test_web_browser.py), which drive it through
# Playwright's Python package: no browser is downloaded by Playwright. Needs root (or sudo) and apt-get;
# elsewhere it says so and exits 0, and the browser tests skip with the reason.
set -euo pipefail

if [ -x /usr/bin/chromium ]; then
    echo "chromium: $(/usr/bin/chromium --version 2>/dev/null || echo present at /usr/bin/chromium)"
    exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "install-chromium: no apt-get here; install Chromium at /usr/bin/chromium to run the browser tests" >&2
    exit 0
fi
if [ "$(id -u)" -eq 0 ]; then
    SUDO=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO="sudo -n"
else
    echo "install-chromium: needs root to run apt-get; the browser tests will be skipped" >&2
    exit 0
fi
export DEBIAN_FRONTEND=noninteractive
if ! { $SUDO apt-get update -qq && $SUDO apt-get install -y -qq chromium >/dev/null; }; then
    echo "install-chromium: apt-get could not install chromium; the browser tests will be skipped" >&2
    exit 0
fi
echo "chromium: $(/usr/bin/chromium --version 2>/dev/null || echo installed)"
