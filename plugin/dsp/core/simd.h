/* SPDX-License-Identifier: ISC */
/* The hottest loops are compiled three times where the compiler and the C
 * library let the loader pick (GNU ifunc on x86-64 Linux): for AVX2, whose
 * three-operand and eight-float instructions do the same work in far fewer
 * instructions; for AVX (the 2011-2012 CPUs before AVX2, which have its
 * eight-float arithmetic, all the drone needs); and for the baseline
 * (SSE2).  All do the same arithmetic in the same order (no FMA: the DSP
 * is built with -ffp-contract=off), so every machine makes the same
 * samples (tests/unit/test_simd_copies.sh renders the presets with each
 * copy, and with SOMASCAPE_NO_CLONES).  clang gives each cloned function
 * a global resolver named after it, static or not: cloned functions need
 * names unique across the library. */
#ifndef SOMASCAPE_SIMD_H
#define SOMASCAPE_SIMD_H

#include <string.h>

#if defined(__x86_64__) && defined(__GNUC__) && defined(__linux__) && !defined(SOMASCAPE_NO_CLONES)
#define SIMD_CLONES __attribute__((target_clones("avx2", "avx", "default")))
#else
#define SIMD_CLONES
#endif

/* The declaration of a cloned function that another file calls: clang
 * wants it to carry the clones too, GCC (whose clones are local to their
 * file, behind an ifunc of the plain name) wants it plain. */
#if defined(__clang__)
#define SIMD_CLONES_DECL SIMD_CLONES
#else
#define SIMD_CLONES_DECL
#endif

/* Eight floats side by side (GCC/Clang vector extension): one AVX
 * register, two SSE ones, plain scalar code elsewhere.  Loaded, stored
 * and passed by pointer: by value its ABI would differ with AVX. */
typedef float Floats8 __attribute__((vector_size(8 * sizeof(float))));

static inline __attribute__((always_inline)) void
floats8_load(Floats8* v, const float* p)
{
	memcpy(v, p, sizeof(*v));
}

static inline __attribute__((always_inline)) void
floats8_store(float* p, const Floats8* v)
{
	memcpy(p, v, sizeof(*v));
}

#endif
