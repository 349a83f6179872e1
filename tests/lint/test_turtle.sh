#!/bin/bash
# SPDX-License-Identifier: ISC
# The bundle's Turtle: every file parses (serdi), and validates against the
# installed LV2 schemas (sord_validate, whose exit code misses some errors,
# so its "Found N errors" line is read).
set -u
bundle=$1
status=0
for ttl in "$bundle"/*.ttl; do
	if ! serdi -q -o ntriples "$ttl" >/dev/null; then
		echo "serdi cannot parse $ttl"
		status=1
	fi
done
# The LV2 specifications only (lv2-dev's bundles), not other plugins' Turtle.
schemas=$(dpkg -L lv2-dev | grep -E '^/usr/lib/lv2/[^/]+/[^/]+\.ttl$' | grep -v '/eg-')
report=$(sord_validate $schemas "$bundle"/*.ttl 2>&1)
summary=$(echo "$report" | grep -E '^Found [0-9]+ errors')
echo "sord_validate: $summary"
if [ "$summary" = "" ] || ! echo "$summary" | grep -q '^Found 0 errors'; then
	echo "$report" | grep -v '^$' | head -40
	status=1
fi
exit $status
