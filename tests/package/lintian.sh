#!/bin/bash
# SPDX-License-Identifier: ISC
# lintian on the package, pedantic and experimental tags included: no error
# and no warning that packaging/lintian-overrides does not explain.  Prints
# lintian's summary.  Usage: lintian.sh DEB
set -u
deb=$1
# lintian warns when run as root (CI is); the warning is not about the package.
report=$(lintian --pedantic --display-experimental --info --show-overrides "$deb" 2>&1 |
	grep -v 'running with root privileges is not recommended')
status=${PIPESTATUS[0]}
echo "$report"
count() { echo "$report" | grep -c "^$1: " ; }
echo "lintian $(lintian --version | awk '{print $2}'): $(count E) errors, $(count W) warnings," \
	"$(count I) info, $(count P) pedantic, $(count X) experimental, $(count O) overridden"
if [ "$status" -ne 0 ] && [ "$(count E)" -eq 0 ]; then
	echo "FAIL lintian exited with $status"
	exit 1
fi
if [ "$(count E)" -ne 0 ] || [ "$(count W)" -ne 0 ]; then
	echo "FAIL lintian: fix each error and warning, or explain it in packaging/lintian-overrides"
	exit 1
fi
echo "ok   lintian clean"
