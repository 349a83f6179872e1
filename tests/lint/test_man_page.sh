#!/bin/bash
# SPDX-License-Identifier: ISC
# The man page of somascape-render against the program: the options it
# describes are those --help lists (long and short names, none missing on
# either side), so are the session script's steps, and man reads it without a warning (lintian's check) with a
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
# tags SECTION: the tags (the line after each .TP) of a section of the page,
# as text: no font macro or escape, no quotes, roff's \- read as -.
tags() {
	awk -v section="$1" '/^\.SH / { inside = ($2 == section); next }
	                     inside && tag { print; tag = 0; next }
	                     inside && /^\.TP/ { tag = 1 }' "$page" |
		sed -E 's/^\.[A-Z]+ +//; s/\\f[A-Z]//g; s/\\-/-/g; s/"//g'
}
man_options=$(tags OPTIONS | grep -oE '(^| )--?[a-zA-Z][a-z-]*' | tr -d ' ' | sort -u)
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

# The script steps: --help's "TIME then one of  preset ... | set ... | end"
# against the tags of the man page's SESSION SCRIPTS section.
help_steps=$("$render" --help | awk '/^A script has one step/ { on = 1; next } /^e\.g\./ { on = 0 }
                                      on' | tr '|' '\n' | awk 'NF { print $1 }' | sort -u)
man_steps=$(tags SESSION | awk '{ print $1 }' | sort -u)
echo "--help's script steps:   $(echo $help_steps)"
echo "man page's script steps: $(echo $man_steps)"
[ "$(echo "$help_steps" | wc -l)" -ge 5 ] && [ "$help_steps" = "$man_steps" ] &&
	pass "the man page describes the script steps of --help" ||
	fail "script steps differ: --help $(echo $help_steps), man page $(echo $man_steps)"

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
