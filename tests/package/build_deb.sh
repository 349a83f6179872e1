#!/bin/bash
# SPDX-License-Identifier: ISC
# Builds the Debian package with CPack from the build folder and checks it:
# its name and version are the project's, Depends was worked out by
# dpkg-shlibdeps, and it holds the bundle, the renderer, the compressed man
# page and the documents where Debian puts them.  Prints its size and its
# Depends line.  Usage: build_deb.sh BUILD_DIR OUT_DIR VERSION
set -u
build=$1
out=$2
version=$3
failures=0
pass() { echo "ok   $*"; }
fail() { echo "FAIL $*"; failures=$((failures + 1)); }

rm -rf "$out"
mkdir -p "$out"
if ! cpack -G DEB -B "$out" --config "$build/CPackConfig.cmake" >"$out/cpack.log" 2>&1; then
	cat "$out/cpack.log"
	echo "FAIL cpack -G DEB"
	exit 1
fi
arch=$(dpkg --print-architecture)
deb="$out/somascape_${version}-1_${arch}.deb"
if [ ! -f "$deb" ]; then
	ls "$out"
	echo "FAIL no $deb"
	exit 1
fi
pass "cpack made $(basename "$deb")"

field() { dpkg-deb --field "$deb" "$1"; }
[ "$(field Package)" = somascape ] && pass "Package: somascape" || fail "Package: $(field Package)"
[ "$(field Version)" = "${version}-1" ] && pass "Version: ${version}-1, the project's" ||
	fail "Version: $(field Version), not the project's ${version}-1"
depends=$(field Depends)
# dpkg-shlibdeps writes versioned Depends for the libraries the binaries
# link: libc, lilv (the renderer's host), libsndfile (both).
for library in libc6 liblilv-0-0 libsndfile1 libsamplerate0; do
	echo "$depends" | grep -Eq "(^|, )$library \(>= [^)]+\)" &&
		pass "Depends names $library with a version" || fail "Depends lacks $library: $depends"
done
description=$(field Description)
[ "$(echo "$description" | wc -l)" -ge 5 ] && pass "a long description" ||
	fail "the description has no long part"

contents=$(dpkg-deb --contents "$deb" | awk '{print $6}' | sed 's|^\./|/|')
for path in /usr/bin/somascape-render \
	/usr/lib/lv2/somascape.lv2/somascape.so /usr/lib/lv2/somascape.lv2/somascape.ttl \
	/usr/lib/lv2/somascape.lv2/manifest.ttl /usr/lib/lv2/somascape.lv2/presets.ttl \
	/usr/share/man/man1/somascape-render.1.gz /usr/share/doc/somascape/README.md \
	/usr/share/doc/somascape/copyright /usr/share/doc/somascape/changelog.Debian.gz \
	/usr/share/doc/somascape/examples/basic-exercise.txt; do
	echo "$contents" | grep -qx "$path" && pass "holds $path" || fail "lacks $path"
done
stray=$(echo "$contents" | grep -Ev '^/usr/(bin|lib/lv2|share/(man|doc|lintian))/' | grep -v '/$')
[ -z "$stray" ] && pass "nothing outside /usr/bin, /usr/lib/lv2, /usr/share" ||
	fail "files elsewhere: $stray"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
dpkg-deb --extract "$deb" "$tmp"
gzip -t "$tmp/usr/share/man/man1/somascape-render.1.gz" && pass "the man page is gzipped" ||
	fail "the man page is not gzip"
for binary in usr/bin/somascape-render usr/lib/lv2/somascape.lv2/somascape.so; do
	sections=$(readelf --sections --wide "$tmp/$binary")
	echo "$sections" | grep -Eq '\.(symtab|comment) ' && fail "$binary is not stripped" ||
		pass "$binary stripped"
done

echo "package: $(basename "$deb"), $(stat -c %s "$deb") bytes, installed size $(field Installed-Size) KiB"
echo "Depends: $depends"
echo "$failures failure(s)"
[ "$failures" -eq 0 ]
