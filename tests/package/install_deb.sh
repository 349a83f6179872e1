#!/bin/bash
# SPDX-License-Identifier: ISC
# The package installed as a user installs it, then removed: with dpkg -i
# and no LV2_PATH, lv2info finds the plugin in /usr/lib/lv2, the renderer
# renders a preset from /usr/bin, man finds its page; dpkg -r removes every
# file it installed.  Needs root (CI runs as root); without it, says so and
# exits 77 (ctest: skipped).  The package is installed system-wide only for
# the seconds of this script, and always removed at its end.
#   Usage: install_deb.sh DEB VERSION PROBE
set -u
deb=$1
version=$2
probe=$3
uri=https://somascape.dev/lv2/somascape
if [ "$(id -u)" -ne 0 ]; then
	echo "SKIP not root: dpkg -i needs root to install the package (CI runs as root)"
	exit 77
fi
if dpkg-query --show --showformat='${Status}' somascape 2>/dev/null | grep -q installed; then
	echo "FAIL somascape is already installed on this machine; this test would replace and"
	echo "     remove it: remove it first (dpkg -r somascape)"
	exit 1
fi
for path in /usr/lib/lv2/somascape.lv2 /usr/bin/somascape-render; do
	if [ -e "$path" ]; then
		echo "FAIL $path is there already (installed by hand?); dpkg -r would delete it: move"
		echo "     it away first"
		exit 1
	fi
done
failures=0
pass() { echo "ok   $*"; }
fail() { echo "FAIL $*"; failures=$((failures + 1)); }
work=$(mktemp -d)
installed=0
cleanup() {
	[ "$installed" -eq 1 ] && dpkg -r somascape >/dev/null 2>&1
	rm -rf "$work"
}
trap cleanup EXIT
unset LV2_PATH MANPATH

if dpkg -i "$deb" >"$work/dpkg.log" 2>&1; then
	installed=1
	pass "dpkg -i $(basename "$deb")"
else
	cat "$work/dpkg.log"
	installed=1
	echo "FAIL dpkg -i"
	exit 1
fi
files=$(dpkg-query --listfiles somascape)

lv2info "$uri" >"$work/info" 2>&1
grep -q 'Bundle: *file:///usr/lib/lv2/somascape.lv2/' "$work/info" &&
	pass "lv2info finds it in /usr/lib/lv2 with no LV2_PATH" ||
	fail "lv2info: $(head -5 "$work/info")"
grep -Eq '^[[:space:]]+BLS 1 Hz soft tones$' "$work/info" && pass "lv2info lists its presets" ||
	fail "lv2info lists no presets"

[ "$(command -v somascape-render)" = /usr/bin/somascape-render ] &&
	pass "somascape-render is /usr/bin/somascape-render" ||
	fail "somascape-render found at '$(command -v somascape-render)'"
[ "$(somascape-render --version)" = "somascape-render $version" ] &&
	pass "somascape-render --version: $version" ||
	fail "somascape-render --version says '$(somascape-render --version)'"
(cd "$work" && somascape-render --preset "BLS 1 Hz soft tones" --duration 10s -o x.flac) \
	2>"$work/render.err" && [ "$("$probe" info "$work/x.flac")" = "48000 2 480000 flac pcm24" ] &&
	pass "somascape-render renders 10 s of BLS 1 Hz soft tones to FLAC" ||
	fail "the render: $(cat "$work/render.err") $("$probe" info "$work/x.flac" 2>&1)"
examples=/usr/share/doc/somascape/examples
somascape-render --script $examples/basic-exercise.txt --duration 30s --null 2>"$work/script.err" &&
	pass "the shipped script $examples/basic-exercise.txt plays" ||
	fail "the shipped script: $(cat "$work/script.err")"
loudness=$("$probe" loudness "$work/x.flac" 2>&1)
echo "$loudness" | grep -Eq '^-[0-9]' && pass "the render is not silent ($loudness)" ||
	fail "the render's loudness: $loudness"

[ "$(man -w somascape-render 2>&1)" = /usr/share/man/man1/somascape-render.1.gz ] &&
	pass "man -w somascape-render: /usr/share/man/man1/somascape-render.1.gz" ||
	fail "man -w somascape-render: $(man -w somascape-render 2>&1)"
MANPAGER=cat MANWIDTH=80 man somascape-render 2>/dev/null | grep -q "somascape $version" &&
	pass "man somascape-render shows the page of $version" || fail "man somascape-render"

if dpkg -r somascape >"$work/dpkg.log" 2>&1; then
	installed=0
	pass "dpkg -r somascape"
else
	cat "$work/dpkg.log"
	fail "dpkg -r"
fi
left=""
while read -r path; do
	# Folders such as /usr/bin stay for other packages; ours must go.
	if [ -e "$path" ] && { [ ! -d "$path" ] || [[ "$path" == */somascape* ]]; }; then
		left="$left $path"
	fi
done <<<"$files"
[ -z "$left" ] && pass "dpkg -r removed all $(echo "$files" | wc -l) paths it installed" ||
	fail "left behind:$left"
dpkg-query --show --showformat='${Status}' somascape 2>/dev/null | grep -q ' installed' &&
	fail "dpkg still lists somascape as installed" || pass "dpkg no longer lists it"
lv2info "$uri" >/dev/null 2>&1 && fail "lv2info still finds the plugin" ||
	pass "lv2info no longer finds the plugin"
echo "$failures failure(s)"
[ "$failures" -eq 0 ]
