#!/usr/bin/env bash
# Installs what the browser, PostgreSQL, proxy, single sign-on and certificate tests need from Debian's
# packages, when it can: Chromium, nginx, PostgreSQL, Node.js with npm (the test OpenID provider), a Chinese font.
# Without root or apt it only reports; the tests then skip (and fail under REQUIRE_FULL=1).
set -u
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
[ -x /usr/sbin/nginx ] || need+=(nginx)  # the reverse proxy in front of several app processes (deploy/nginx.conf)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
command -v npm >/dev/null || need+=(nodejs npm)
[ -e /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ] || need+=(fonts-wqy-microhei)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "installing ${need[*]} from Debian packages..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -q "${need[@]}" >/dev/null 2>&1 || { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q "${need[@]}" >/dev/null; }
else
  echo "cannot install ${need[*]} (needs root and apt-get): those tests will be skipped"
fi
exit 0
