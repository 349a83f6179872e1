/* SPDX-License-Identifier: ISC */
#include "cue_recipes.h"

/* loudness_gain is calibrated with tools/cue_loudness.c: struck every 0.5 s
 * at 330 Hz, decay 0.4 s, all measure -27.9 LUFS at gain 1 (EBU R128);
 * cue_match.c carries the match over every decay and pitch.  The sharp
 * sounds keep their knock in short upper partials and noise, but their
 * first partial rings about as long as the soft sine: at the same loudness
 * none is over 1 dB louder than the soft sine in any 20 ms. */
/* clang-format off */
static const CueRecipe recipes[CUE_SOUND_COUNT] = {
	[CUE_SOFT_SINE] = {
		.partial_count = 1,
		.ratio = {1.0f}, .level = {1.0f}, .decay = {1.0f},
		.length = 1.0f, .attack_s = 0.008f,
		.loudness_gain = 0.255f,
	},
	/* church-bell partials (hum, prime, tierce, quint, nominal, ...),
	 * slightly stretched; the hum rings longest */
	[CUE_BELL] = {
		.partial_count = 8,
		.ratio = {0.5f, 1.0f, 1.183f, 1.506f, 2.0f, 2.514f, 2.662f, 3.011f},
		.level = {0.30f, 1.0f, 0.45f, 0.25f, 0.40f, 0.15f, 0.12f, 0.08f},
		.decay = {1.6f, 1.0f, 0.8f, 0.6f, 0.55f, 0.4f, 0.35f, 0.3f},
		.length = 1.2f, .attack_s = 0.002f,
		.loudness_gain = 0.1876f,
	},
	/* free-free bar modes */
	[CUE_CHIME] = {
		.partial_count = 4,
		.ratio = {1.0f, 2.756f, 5.404f, 8.933f},
		.level = {1.0f, 0.55f, 0.30f, 0.15f},
		.decay = {1.0f, 0.6f, 0.4f, 0.3f},
		.length = 1.2f, .attack_s = 0.0015f,
		.loudness_gain = 0.1942f,
	},
	/* a knock of short inharmonic modes and noise over the first mode */
	[CUE_WOODBLOCK] = {
		.partial_count = 4,
		.ratio = {1.0f, 1.58f, 2.32f, 3.73f},
		.level = {1.0f, 0.30f, 0.18f, 0.09f},
		.decay = {1.0f, 0.175f, 0.125f, 0.083f},
		.length = 1.2f, .attack_s = 0.0008f,
		.noise_level = 0.25f, .noise_centre = 4.0f, .noise_q = 1.5f,
		.noise_rise_s = 0.0003f, .noise_length = 0.0375f,
		.loudness_gain = 0.2148f,
	},
	/* a tick of noise and a short overtone on a high ping: not an impulse */
	[CUE_CLICK] = {
		.partial_count = 2,
		.ratio = {4.0f, 6.3f},
		.level = {1.0f, 0.3f},
		.decay = {1.0f, 0.1f},
		.length = 1.0f, .attack_s = 0.0006f,
		.noise_level = 0.12f, .noise_centre = 5.0f, .noise_q = 1.0f,
		.noise_rise_s = 0.0003f, .noise_length = 0.09f,
		.loudness_gain = 0.2119f,
	},
	/* membrane modes an octave under the pitch, dropping slightly */
	[CUE_SOFT_DRUM] = {
		.partial_count = 4,
		.ratio = {0.5f, 0.795f, 1.07f, 1.15f},
		.level = {1.0f, 0.30f, 0.15f, 0.10f},
		.decay = {1.0f, 0.18f, 0.13f, 0.1f},
		.length = 1.3f, .attack_s = 0.0015f,
		.glide_from = 1.2f, .glide_to = 1.0f, .glide_time = 0.067f, .glide_max_s = 0.03f,
		.lowest_hz = 55.0f,
		.noise_level = 0.04f, .noise_centre = 1.0f, .noise_q = 0.7f,
		.noise_rise_s = 0.001f, .noise_length = 0.07f,
		.loudness_gain = 0.2150f,
	},
	/* bowl modes, each a doublet whose halves beat slowly */
	[CUE_SINGING_BOWL] = {
		.partial_count = 8,
		.ratio = {1.0f, 1.0f, 2.71f, 2.71f, 5.15f, 5.15f, 8.43f, 8.43f},
		.level = {0.60f, 0.40f, 0.27f, 0.18f, 0.12f, 0.08f, 0.06f, 0.04f},
		.decay = {1.0f, 1.0f, 0.7f, 0.7f, 0.45f, 0.45f, 0.3f, 0.3f},
		.detune_hz = {-0.45f, 0.45f, -1.1f, 1.1f, -1.8f, 1.8f, -2.6f, 2.6f},
		.length = 2.5f, .attack_s = 0.004f,
		.loudness_gain = 0.1618f,
	},
	/* an octave above the pitch, rising as a bubble does */
	[CUE_WATER_DROP] = {
		.partial_count = 2,
		.ratio = {2.0f, 4.0f},
		.level = {1.0f, 0.08f},
		.decay = {1.0f, 0.5f},
		.length = 0.9f, .attack_s = 0.001f,
		.glide_from = 1.0f, .glide_to = 1.6f, .glide_time = 0.1f,
		.loudness_gain = 0.2488f,
	},
	/* band-passed noise that swells and fades */
	[CUE_BREATH_PUFF] = {
		.partial_count = 0,
		.length = 1.0f, .attack_s = 0.005f,
		.noise_level = 1.0f, .noise_centre = 2.5f, .noise_q = 0.7f,
		.noise_rise_s = 0.015f, .noise_rise = 0.1f, .noise_length = 1.0f,
		.loudness_gain = 0.3796f,
	},
};
/* clang-format on */

const CueRecipe*
cue_recipe(CueSound sound)
{
	return &recipes[(unsigned)sound < CUE_USER_SAMPLE ? sound : CUE_SOFT_SINE];
}

double
cue_voice_ring_s(CueSound sound, double decay_s)
{
	/* a user sample's row is empty: 0 (how long it rings is its own) */
	const CueRecipe* r = &recipes[(unsigned)sound < CUE_SOUND_COUNT ? sound : CUE_SOFT_SINE];
	float longest = 0.0f;
	for (uint32_t k = 0; k < r->partial_count; ++k) {
		longest = r->decay[k] > longest ? r->decay[k] : longest;
	}
	return decay_s * r->length * (longest > 1.0f ? longest : 1.0f);
}
