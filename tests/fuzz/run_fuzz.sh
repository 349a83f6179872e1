#!/bin/bash
# SPDX-License-Identifier: ISC
# Fuzzes one target for a bounded time, from its seed corpus and its
# regressions; new inputs go to WORK/corpus (not the source tree).  A crash
# fails the test and names the input to keep in tests/fuzz/regressions/.
#   run_fuzz.sh FUZZER NAME SECONDS SEED_CORPUS REGRESSIONS WORK
set -uo pipefail
fuzzer=$1 name=$2 seconds=$3 seeds=$4 regressions=$5 work=$6
mkdir -p "$work/corpus" "$work/artifacts"
log="$work/fuzz.log"
"$fuzzer" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=4096 \
	-print_final_stats=1 -artifact_prefix="$work/artifacts/" \
	"$work/corpus" "$seeds" "$regressions" >"$log" 2>&1
status=$?
execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1)
echo "fuzz_$name: ${execs:-?} executions, ${rate:-?} per second (limit ${seconds} s), $cov, corpus $(ls "$work/corpus" | wc -l) inputs"
if [ $status -ne 0 ]; then
	tail -60 "$log"
	echo "fuzz_$name FAILED; the input is in $work/artifacts/:"
	ls -l "$work/artifacts/"
	echo "keep it as a regression: cp $work/artifacts/<file> tests/fuzz/regressions/$name/"
	exit 1
fi
