#!/bin/bash
# SPDX-License-Identifier: ISC
# The whole test suite again, in a build with AddressSanitizer and
# UndefinedBehaviorSanitizer: configures and builds SOURCE in BUILD (a
# sub-build of the ordinary one), then runs its ctest on every core.
#   run_sanitized.sh SOURCE BUILD
set -euo pipefail
source_dir=$1
build_dir=$2
jobs=$(nproc)
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:strict_string_checks=1:detect_stack_use_after_return=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
start=$(date +%s)
cmake -S "$source_dir" -B "$build_dir" -DSOMASCAPE_SANITIZE=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build_dir" -j"$jobs" >/dev/null
built=$(date +%s)
echo "sanitizer build: $((built - start)) s"
ctest --test-dir "$build_dir" --output-on-failure -j"$jobs" --timeout 600
echo "sanitizer tests: $(($(date +%s) - built)) s"
