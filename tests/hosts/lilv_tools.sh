#!/bin/bash
# SPDX-License-Identifier: ISC
# lilv's own tools on the bundle.  lv2info: the class, every port of
# plugin/ports.def with its range and default, every preset of the manifest.
# (lv2info 0.24 prints no units: lint_metadata checks them through lilv.)
# lv2bench: runs the plugin; it prints nothing and exits 0 when it skips
# one, so its output must name the URI.
# Usage: lilv_tools.sh PORTS_DEF BUNDLE   (LV2_PATH must find the bundle)
source "$(dirname "$0")/lib.sh"
ports_def=$1
bundle=$2
uri=https://somascape.dev/lv2/somascape
need lv2info lv2bench
status=0

timeout 30 lv2info "$uri" >"$work/info" 2>&1 || fail "lv2info failed: $(cat "$work/info")"
grep -qE '^[[:space:]]+Class:[[:space:]]+Generator Plugin$' "$work/info" ||
	{ echo "lv2info: class is not Generator"; status=1; }

# "symbol min max default" per control, as lv2info shows them and as
# ports.def writes them ("-" where an output has no default).
awk '/^\tPort [0-9]+:/ { if (sym != "") print sym, min, max, def; sym = ""; min = max = def = "-" }
     /^\t\tSymbol:/  { sym = $2 }
     /^\t\tMinimum:/ { min = $2 }
     /^\t\tMaximum:/ { max = $2 }
     /^\t\tDefault:/ { def = $2 }
     END { if (sym != "") print sym, min, max, def }' "$work/info" | sort >"$work/shown"
awk -F', *' '/^CONTROL_IN\(/  { sub(/^CONTROL_IN\(/, "", $1); print $1, $5, $7, $6 }
             /^CONTROL_OUT\(/ { sub(/^CONTROL_OUT\(/, "", $1); print $1, $5, $6, "-" }
             /^(AUDIO_OUT|ATOM_IN|ATOM_OUT|MIDI_OUT)\(/ { sub(/^[A-Z_]+\(/, "", $1); print $1, "-", "-", "-" }' \
	"$ports_def" | sort >"$work/declared"
shown_count=$(wc -l <"$work/shown")
declared_count=$(wc -l <"$work/declared")
echo "lv2info shows $shown_count ports; ports.def declares $declared_count"
[ "$shown_count" -eq "$declared_count" ] || status=1
# Same symbols, and each number equal to within float precision.
join -a1 -a2 -e missing -o 0,1.2,1.3,1.4,2.2,2.3,2.4 "$work/declared" "$work/shown" | awk '
	function same(a, b) { return a == b || (a != "missing" && b != "missing" && a != "-" && b != "-" &&
	                      (a - b) ^ 2 <= 1e-10 * (1 + a ^ 2)) }
	!(same($2, $5) && same($3, $6) && same($4, $7)) {
		printf "port %s: ports.def min %s max %s default %s; lv2info shows %s %s %s\n", $1, $2, $3, $4, $5, $6, $7
		bad = 1 }
	END { exit bad }' || status=1

# Every preset label of the manifest under lv2info's "Presets:".
awk '/^\tPresets:/ { on = 1; sub(/^\tPresets:[[:space:]]*/, ""); if ($0 != "") print; next }
     on && /^\t[[:space:]]+[^[:space:]]/ { sub(/^[[:space:]]+/, ""); print; next }
     on { exit }' "$work/info" | sort >"$work/presets_shown"
sed -n 's/^[[:space:]]*rdfs:label "\(.*\)" ;$/\1/p' "$bundle/manifest.ttl" | sort >"$work/presets_declared"
echo "lv2info shows $(wc -l <"$work/presets_shown") presets; the manifest has $(wc -l <"$work/presets_declared")"
if ! diff "$work/presets_declared" "$work/presets_shown"; then
	echo "lv2info's presets differ from the manifest's (< manifest, > lv2info)"
	status=1
fi

timeout 60 lv2bench -b 256 -n 480000 "$uri" >"$work/bench" 2>&1
bench_status=$?
cat "$work/bench"
if [ "$bench_status" -ne 0 ] || ! grep -qE "^[0-9.]+ $uri\$" "$work/bench"; then
	echo "lv2bench did not run the plugin (status $bench_status)"
	status=1
fi
[ "$status" -eq 0 ] && echo "lilv tools: ok"
exit "$status"
