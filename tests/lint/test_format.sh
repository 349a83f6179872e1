#!/bin/bash
# SPDX-License-Identifier: ISC
# Every C file of the tree laid out as .clang-format says, so that layout
# needs no review: clang-format --dry-run --Werror names any line that is
# not.  Left as they are: tables written by tools (*_table.h) and Ardour's
# ABI header, a copy of theirs.
#   test_format.sh SOURCE_DIR
set -euo pipefail
cd "$1"
mapfile -t files < <(git ls-files '*.c' '*.h' 2> /dev/null ||
	find plugin host-test tests bench tools ttl presets -name '*.[ch]')
keep=()
for f in "${files[@]}"; do
	case "$f" in
	*_table.h | plugin/lv2_inline_display.h) ;;
	*) keep+=("$f") ;;
	esac
done
clang-format --dry-run --Werror "${keep[@]}"
echo "${#keep[@]} files laid out as .clang-format says"
