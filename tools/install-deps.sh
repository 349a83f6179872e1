#!/bin/sh
# SPDX-License-Identifier: ISC
# Installs what somascape needs to build and test on Debian 12: the one list
# of packages, used by the README's commands and by CI.
set -e
packages="build-essential cmake pkg-config
  lv2-dev liblilv-dev libsndfile1-dev libsamplerate0-dev libebur128-dev libcairo2-dev
  lilv-utils serdi sordi sndfile-programs
  jackd2 jalv jack-capture ardour"
as_root=""
if [ "$(id -u)" != 0 ]; then
	as_root=sudo
fi
export DEBIAN_FRONTEND=noninteractive
$as_root apt-get update -q
# shellcheck disable=SC2086
$as_root apt-get install -y -q --no-install-recommends $packages
