/* SPDX-License-Identifier: ISC */
/* Made by tools/cue_loudness.c --spacing-table: dB per ring time (rows,
 * cue_match_ring_s) and spacing (columns, cue_match_spacing_s). */
	{-4.27f, -2.04f, 0.00f, 0.00f, 0.00f, -0.00f, -0.00f, -0.00f},
	{-4.27f, -2.04f, 0.00f, -0.00f, -0.00f, -0.00f, -0.00f, -0.00f},
	{-4.27f, -2.04f, 0.00f, -0.00f, -0.00f, -0.00f, -0.00f, -0.00f},
	{-4.30f, -2.08f, 0.00f, 0.00f, 0.00f, -0.00f, -0.00f, -0.00f},
	{-5.21f, -3.01f, 0.00f, 0.06f, 0.08f, 0.13f, 0.13f, 0.13f},
	{-5.14f, -2.96f, 0.00f, 1.54f, 2.15f, 2.25f, 2.25f, 2.25f},
	{-5.00f, -2.83f, 0.00f, 3.00f, 3.88f, 4.31f, 4.31f, 4.31f},
	{-4.07f, -2.34f, 0.00f, 2.95f, 5.95f, 7.19f, 7.79f, 7.79f},
