#!/usr/bin/env bash
# Debian's Chromium for the dashboard test (tests/python/test_dashboard.py):
# installs the `chromium` package when /usr/bin/chromium is missing. Needs
# root (CI and the developer machines run as root) or sudo; no browser
# download of its own. Prints the path of the browser.
set -euo pipefail
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$CHROMIUM" ]; then
    SUDO=""
    if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update -qq >&2
    # fonts-liberation: metric-compatible fonts, so text renders the same everywhere
    $SUDO apt-get install -y -qq --no-install-recommends chromium fonts-liberation >&2
fi
echo "$CHROMIUM"
