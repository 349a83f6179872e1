#!/bin/bash
# SPDX-License-Identifier: ISC
# The README's promise that every machine makes the same samples: the
# AVX2, AVX and baseline (SSE2) copies of the cloned functions (simd.h),
# and a build with one plain copy (SOMASCAPE_NO_CLONES), render every
# preset and a few heavy sessions to the same bytes.
#
# The loader picks a copy from the CPU's own answer to cpuid, so each copy
# is forced by the CPU it runs on: natively, and in qemu's user-mode
# emulator as a Sandy Bridge (AVX, no AVX2) and a Nehalem (SSE4.2, no
# AVX).  simd_copy_probe asks the resolver's questions on each and must
# name the copy expected; qemu also faults on any instruction that CPU
# lacks, so a run that ends well used no wider copy.
#   test_simd_copies.sh SOURCE_DIR BUILD_DIR PROBE [SECONDS]
set -euo pipefail
source_dir=$1
build=$(cd "$2" && pwd)
probe=$3
seconds=${4:-6}
plain_build=$build/no-clones
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() {
	echo "test_simd_copies: $*" >&2
	exit 1
}
command -v qemu-x86_64 > /dev/null ||
	fail "qemu-x86_64 is missing (tools/install-deps.sh --tests installs qemu-user)"

# One plain copy: the plugin and the renderer alone, built beside.
start=$(date +%s)
cmake -S "$source_dir" -B "$plain_build" -DCMAKE_BUILD_TYPE=Release \
	-DCMAKE_C_FLAGS=-DSOMASCAPE_NO_CLONES > /dev/null
cmake --build "$plain_build" -j2 --target somascape somascape_ttl somascape_presets \
	somascape-render > /dev/null
echo "the build without clones: $(($(date +%s) - start)) s"
ifuncs() {
	readelf -sW "$1/lv2/somascape.lv2/somascape.so" | grep -c ' IFUNC ' || true
}
[ "$(ifuncs "$build")" -gt 0 ] || fail "the plugin in $build has no cloned functions"
[ "$(ifuncs "$plain_build")" -eq 0 ] || fail "the plugin in $plain_build still has clones"

# copy NAME BUILD RUNNER...: renders every session with BUILD's renderer
# through RUNNER (empty: natively) into $dir/NAME.
sessions=()
while IFS=$'\t' read -r label _; do
	sessions+=("--preset	$label")
done < <(LV2_PATH="$build/lv2" "$build/host-test/somascape-render" --list-presets)
[ "${#sessions[@]}" -ge 10 ] || fail "only ${#sessions[@]} presets listed"
# the heaviest: every layer, the Ocean, a Choir in Open voicing on
# headphones at 96 kHz, odd blocks
sessions+=("--set	drone_timbre=4	--set	drone_voicing=3	--set	gaze_space=1	--block	7"
	"--set	drone_timbre=3	--set	drone_voicing=6	--set	drone_bright=90	--rate	96000	--set	chime_mode=2"
	"--set	gaze_mode=Hold	--set	cue_sound=8	--set	gaze_hold=5	--rate	44100	--block	1000")
copy() {
	local name=$1 from=$2
	shift 2
	mkdir -p "$dir/$name"
	for i in "${!sessions[@]}"; do
		local args
		IFS=$'\t' read -r -a args <<< "${sessions[$i]}"
		LV2_PATH="$from/lv2" "$@" "$from/host-test/somascape-render" --duration "$seconds" \
			--bits 32f "${args[@]}" -o "$dir/$name/$i.wav" 2> "$dir/$name.log" ||
			fail "$name: session ${sessions[$i]} failed: $(cat "$dir/$name.log")"
	done
}
# forced NAME CPU: the copy qemu's CPU makes the resolver pick, checked
forced() {
	local got
	got=$(qemu-x86_64 -cpu "$2" "$probe" 2> /dev/null)
	[ "$got" = "$1" ] || fail "as a $2 the resolver would pick the $got copy, not $1"
	copy "$1" "$build" qemu-x86_64 -cpu "$2"
}
start=$(date +%s)
copy plain "$plain_build"
native=$("$probe")
copy "$native" "$build"
[ "$native" = avx2 ] || forced avx2 Haswell
forced avx SandyBridge
forced default Nehalem
echo "renders: $(($(date +%s) - start)) s"

for name in avx2 avx default; do
	for i in "${!sessions[@]}"; do
		cmp -s "$dir/plain/$i.wav" "$dir/$name/$i.wav" ||
			fail "the $name copy differs from the plain build: ${sessions[$i]}"
	done
done
echo "${#sessions[@]} sessions of $seconds s: the avx2, avx and default copies and the" \
	"build without clones make the same samples"
