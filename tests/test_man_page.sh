#!/bin/bash
# SPDX-License-Identifier: ISC
# The man page of somascape-render against the program: the options it
# describes are those --help lists (long and short names, none missing on
# either side), and man reads it without a warning (lintian's check) with a
# NAME line that whatis understands.  Usage: test_man_page.sh RENDER MAN_PAGE
set -u
render=$1
page=$2
failures=0
pass() { echo "ok   $*"; }
fail() { echo "FAIL $*"; failures=$((failures + 1)); }

# --help's option lines start with "  -x, --name" or "      --name"; the
# lines that continue a description are indented further.
help_options=$("$render" --help | grep -E '^(  -[a-zA-Z], |      )--[a-z]' |
	sed -E 's/^ +//; s/^(-[a-zA-Z]), /\1 /; s/^((-[a-zA-Z] )?--[a-z][a-z-]*).*/\1/' |
	tr ' ' '\n' | sort -u)
# The man page's options are the tags (the line after .TP) of its OPTIONS
# section, with roff's \- read as -.
man_options=$(awk '/^\.SH / { in_options = ($2 == "OPTIONS") ; next }
                   in_options && tag { print; tag = 0; next }
                   in_options && /^\.TP/ { tag = 1 }' "$page" |
	sed 's/\\-/-/g' | grep -oE '(^| )--?[a-zA-Z][a-z-]*' | tr -d ' ' | sort -u)
echo "--help lists:   $(echo $help_options)"
echo "man page lists: $(echo $man_options)"
[ "$(echo "$help_options" | wc -l)" -ge 10 ] && pass "found --help's options" ||
	fail "found only $(echo "$help_options" | wc -l) options in --help"
missing=$(comm -23 <(echo "$help_options") <(echo "$man_options"))
extra=$(comm -13 <(echo "$help_options") <(echo "$man_options"))
[ -z "$missing" ] && pass "the man page has every option of --help" ||
	fail "the man page lacks $(echo $missing)"
[ -z "$extra" ] && pass "every option of the man page is in --help" ||
	fail "the man page has options --help does not: $(echo $extra)"

# As lintian reads it: man's warnings, in UTF-8, 80 columns.
warnings=$(LC_ALL=C.UTF-8 MANROFFSEQ='' MANWIDTH=80 \
	man --warnings -E UTF-8 -l -Tutf8 -Z "$page" 2>&1 >/dev/null)
[ -z "$warnings" ] && pass "man reads it without a warning" || fail "man warns: $warnings"
whatis=$(lexgrog "$page" 2>&1)
echo "$whatis" | grep -q 'somascape-render - render a somascape session' &&
	pass "whatis entry: ${whatis#*: }" || fail "lexgrog cannot parse its NAME: $whatis"
grep -q '@[A-Z_]*@' "$page" && fail "the page has an unreplaced @VARIABLE@" ||
	pass "its version is filled in"
echo "$failures failure(s)"
[ "$failures" -eq 0 ]
