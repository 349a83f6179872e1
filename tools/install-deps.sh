#!/bin/sh
# SPDX-License-Identifier: ISC
# Installs what somascape needs on Debian 12: the one list of packages, used
# by the README's commands and by CI.  With --tests, also the real hosts and
# tools the test suite drives (jalv on JACK, Ardour, lilv's and serd's tools),
# Xvfb for the plugin window's tests, valgrind, clang with its fuzzing
# runtime for the fuzz targets, clang-format for the code's layout, what the benchmark compares with (x42's
# test-signal plugin), and what checks the Debian package (lintian, man-db
# for its man page).
set -e
# file: CPack reads the binaries' types with it for dpkg-shlibdeps.
packages="build-essential cmake pkg-config file
  lv2-dev liblilv-dev libsndfile1-dev libsamplerate0-dev libebur128-dev libcairo2-dev
  libx11-dev libxrandr-dev ffmpeg"
if [ "${1:-}" = "--tests" ]; then
	packages="$packages espeak-ng" # a spoken prompt for the voice tests
	packages="$packages qemu-user" # older CPUs, for the SIMD copies' test
	packages="$packages lilv-utils serdi sordi jackd2 jalv jack-capture ardour
	  valgrind clang libclang-rt-14-dev clang-format x42-plugins lintian man-db
	  xvfb xauth"
elif [ -n "${1:-}" ]; then
	echo "usage: $0 [--tests]" >&2
	exit 2
fi
as_root=""
if [ "$(id -u)" != 0 ]; then
	as_root=sudo
fi
export DEBIAN_FRONTEND=noninteractive
$as_root apt-get update -q
# shellcheck disable=SC2086
$as_root apt-get install -y -q --no-install-recommends $packages
