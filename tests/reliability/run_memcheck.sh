#!/bin/bash
# SPDX-License-Identifier: ISC
# The tests through lilv under valgrind memcheck: any invalid read or
# write, use of an uninitialised value, bad free or definite leak fails.
# The programs run side by side, one per core.
#   run_memcheck.sh PROGRAM[:ARGS]...   (ARGS separated by commas)
set -uo pipefail
jobs=$(nproc)
log_dir=$(mktemp -d)
trap 'rm -rf "$log_dir"' EXIT
run_one() {
	local spec=$1 log_dir=$2
	local program=${spec%%:*} args=""
	[[ $spec == *:* ]] && args=${spec#*:}
	local name
	name=$(basename "$program")
	local start=$SECONDS
	# shellcheck disable=SC2086
	if valgrind --tool=memcheck --error-exitcode=99 --leak-check=full \
		--errors-for-leak-kinds=definite --show-leak-kinds=definite \
		--track-origins=yes --num-callers=30 \
		"$program" ${args//,/ } >"$log_dir/$name.log" 2>&1; then
		echo "memcheck ok: $name ($((SECONDS - start)) s): $(grep -o 'ERROR SUMMARY: [0-9]* errors' "$log_dir/$name.log")"
	else
		echo "memcheck FAILED: $name"
		cat "$log_dir/$name.log"
		return 1
	fi
}
export -f run_one
start=$SECONDS
printf '%s\n' "$@" | xargs -P "$jobs" -I{} bash -c 'run_one "$1" "$2"' _ {} "$log_dir"
status=$?
echo "memcheck: $# programs in $((SECONDS - start)) s"
exit $status
