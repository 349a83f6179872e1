/* SPDX-License-Identifier: ISC */
/* The tests' one assertion: a failed check names the file, the line, the
 * condition and a message, and ends the test. */
#ifndef SOMASCAPE_CHECK_H
#define SOMASCAPE_CHECK_H

#include <stdio.h>
#include <stdlib.h>

#define CHECK(cond, ...)                                                               \
	do {                                                                               \
		if (!(cond)) {                                                                 \
			fprintf(stderr, "%s:%d: check failed: %s\n  ", __FILE__, __LINE__, #cond); \
			fprintf(stderr, __VA_ARGS__);                                              \
			fprintf(stderr, "\n");                                                     \
			exit(1);                                                                   \
		}                                                                              \
	} while (0)

/* The other form, for tests that report every failure before they end:
 * a failed EXPECT names the file, the line and a message, and counts into
 * expect_failures, which the test's main() returns as its verdict. */
static int expect_failures __attribute__((unused)) = 0;

#define EXPECT(cond, ...)                                                        \
	do {                                                                         \
		if (!(cond)) {                                                           \
			fprintf(stderr, "%s:%d: failed: %s\n  ", __FILE__, __LINE__, #cond); \
			fprintf(stderr, __VA_ARGS__);                                        \
			fputc('\n', stderr);                                                 \
			++expect_failures;                                                   \
		}                                                                        \
	} while (0)

#endif
