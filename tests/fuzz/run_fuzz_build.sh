#!/bin/bash
# SPDX-License-Identifier: ISC
# Configures and builds the fuzz targets with clang (tests/fuzz/CMakeLists.txt).
#   run_fuzz_build.sh SOURCE BUILD
set -euo pipefail
start=$SECONDS
CC=clang cmake -S "$1/tests/fuzz" -B "$2" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$2" -j"$(nproc)"
echo "fuzz targets built in $((SECONDS - start)) s"
