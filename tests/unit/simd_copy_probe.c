/* SPDX-License-Identifier: ISC */
/* Which copy of a SIMD_CLONES function (simd.h) the loader picks on this
 * CPU: GCC's resolver asks exactly these two questions, in this order, of
 * the same libgcc CPU model.  Prints avx2, avx or default. */
#include <stdio.h>

int
main(void)
{
	__builtin_cpu_init();
	puts(__builtin_cpu_supports("avx2")  ? "avx2"
	     : __builtin_cpu_supports("avx") ? "avx"
	                                     : "default");
	return 0;
}
