/* SPDX-License-Identifier: ISC */
/* What the build-time Turtle writers (ttlgen, presetgen) share: decimal
 * literals, copying a hand-written head, and finishing a file so that a
 * failed write leaves nothing behind. */
#ifndef SOMASCAPE_TURTLE_WRITE_H
#define SOMASCAPE_TURTLE_WRITE_H

#include <stdio.h>
#include <string.h>

/* A decimal literal (xsd:decimal or double, never an integer): 1 -> "1.0". */
static inline void
turtle_decimal(FILE* out, double v)
{
	char text[64];
	snprintf(text, sizeof(text), "%.9g", v);
	fprintf(out, "%s%s", text, strpbrk(text, ".e") ? "" : ".0");
}

/* Copies the file at `from` to out; says so and returns 0 when it cannot. */
static inline int
turtle_copy_file(const char* tool, const char* from, FILE* out)
{
	FILE* in = fopen(from, "rb");
	if (!in) {
		fprintf(stderr, "%s: cannot read %s\n", tool, from);
		return 0;
	}
	char buf[4096];
	size_t n;
	while ((n = fread(buf, 1, sizeof(buf), in)) > 0) {
		fwrite(buf, 1, n, out);
	}
	fclose(in);
	return 1;
}

/* Closes out; on any write error removes the file, says so and returns 0. */
static inline int
turtle_finish(const char* tool, FILE* out, const char* path)
{
	if (ferror(out) | fclose(out)) {
		fprintf(stderr, "%s: failed writing %s\n", tool, path);
		remove(path);
		return 0;
	}
	return 1;
}

#endif
