/* SPDX-License-Identifier: ISC */
/* Invariants checked in the Debug and sanitizer builds (SOMASCAPE_CHECKS,
 * set by CMake) and compiled out of the plugin, which must not pay for
 * them: a broken one names itself and aborts. */
#ifndef SOMASCAPE_CUE_CHECKS_H
#define SOMASCAPE_CUE_CHECKS_H

#ifdef SOMASCAPE_CHECKS
#include <stdio.h>
#include <stdlib.h>
#define CUE_CHECK(cond) \
	((cond)             \
	     ? (void)0      \
	     : (fprintf(stderr, "%s:%d: invariant broken: %s\n", __FILE__, __LINE__, #cond), abort()))
#else
#define CUE_CHECK(cond) ((void)0)
#endif

#endif
