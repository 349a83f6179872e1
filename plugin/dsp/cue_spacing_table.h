/* SPDX-License-Identifier: ISC */
/* Made by tools/cue_loudness.c --spacing-table: dB per ring time (rows,
 * cue_match_ring_s) and spacing (columns, cue_match_spacing_s). */
	{-4.27f, -2.04f, 0.00f, 0.00f, -0.00f, -0.00f, -0.00f, -0.00f},
	{-4.27f, -2.04f, 0.00f, -0.00f, 0.00f, 0.00f, 0.00f, 0.00f},
	{-4.27f, -2.04f, 0.00f, -0.00f, -0.00f, 0.00f, 0.00f, 0.00f},
	{-4.30f, -2.08f, 0.00f, 0.00f, 0.00f, -0.00f, -0.00f, -0.00f},
	{-5.24f, -3.02f, 0.00f, 0.06f, 0.08f, 0.13f, 0.13f, 0.13f},
	{-5.24f, -3.02f, 0.00f, 1.55f, 2.15f, 2.26f, 2.26f, 2.26f},
	{-5.15f, -3.01f, 0.00f, 3.03f, 3.92f, 4.35f, 4.35f, 4.35f},
	{-4.24f, -2.71f, 0.00f, 2.96f, 5.99f, 7.25f, 7.85f, 7.85f},
