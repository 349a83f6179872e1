#!/bin/bash
# SPDX-License-Identifier: ISC
# One version: somascape-render --version and the Turtle's lv2:minorVersion
# and lv2:microVersion are CMake's project VERSION (0.MINOR.MICRO), and the
# minor is even (a release); the README's install line names the package of
# this version.  The package's own version is checked where it is built
# (package/build_deb.sh).
#   Usage: test_version.sh RENDER TTL README VERSION DEB_VERSION
set -u
render=$1
ttl=$2
readme=$3
version=$4
deb_version=$5
failures=0
pass() { echo "ok   $*"; }
fail() { echo "FAIL $*"; failures=$((failures + 1)); }

said=$("$render" --version)
[ "$said" = "somascape-render $version" ] && pass "somascape-render --version: $said" ||
	fail "somascape-render --version says '$said', CMake's version is $version"
# The plugin's own triples, as N-Triples: "<plugin> <lv2:minorVersion> 2 ."
value() {
	serdi -i turtle -o ntriples "$ttl" |
		awk -v p="<http://lv2plug.in/ns/lv2core#$1>" \
			'$1 == "<https://somascape.dev/lv2/somascape>" && $2 == p { print $3 }' |
		sed -E 's/^"([0-9]+)".*/\1/'
}
minor=$(value minorVersion)
micro=$(value microVersion)
[ "0.$minor.$micro" = "$version" ] && pass "the Turtle says 0.$minor.$micro" ||
	fail "the Turtle says 0.$minor.$micro, CMake's version is $version"
[ -n "$minor" ] && [ $((minor % 2)) -eq 0 ] && pass "lv2:minorVersion $minor is even: a release" ||
	fail "lv2:minorVersion '$minor' is not even: a development version"
grep -q "apt install \./somascape_${deb_version}_" "$readme" &&
	pass "the README installs somascape_$deb_version" ||
	fail "the README's apt install line is not for somascape_$deb_version"
echo "$failures failure(s)"
[ "$failures" -eq 0 ]
