/* SPDX-License-Identifier: ISC */
/* The drone's vector kernels against their plain versions
 * (drone_reference.c): two drones given the same controls and breath, one
 * rendered by drone_render() and one by drone_render_reference(), each in
 * its own random chunks, make the same samples bit for bit, and end in the
 * same state, for every timbre and voicing and through changes of root,
 * voicing and timbre (the partials' quads turning on and off, the Ocean
 * fading in and out).  And at each note's refresh, the turn tables hold
 * the reference's powers of each partial's rotation, in the layout drone.h
 * describes, each partial's ramp is the reference's, and the quads on are
 * those with amplitude now or ahead.  And the Ocean's low-passes in block
 * form are the two one-pole low-passes they stand for, within 1e-5. */
#undef NDEBUG
#include "check.h"
#include "drone_reference.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static Drone fast, plain;
static uint64_t partials_checked; /* by check_tables */
static uint64_t ramps_checked;    /* by check_refresh */

/* After a grid step that refreshed a note: each partial's ramp as the
 * reference makes it from the goal it had before (goal_before), and which
 * quads are on. */
static void
check_refresh(const Drone* d, const float goal_before[DRONE_NOTES][DRONE_HARMONICS])
{
	const uint64_t step = d->step - 1; /* the one just done */
	for (uint32_t n = 0; n < DRONE_NOTES; ++n) {
		const DroneNote* note = &d->note[n];
		if (step * GRID_FRAMES % DRONE_REFRESH_FRAMES != n * GRID_FRAMES || !note->sounding) {
			continue; /* not refreshed at this step */
		}
		for (uint32_t j = 0; j < DRONE_HARMONICS; ++j) {
			float start, grow;
			drone_reference_ramp(goal_before[n][j], note->amp_goal[j], &start, &grow);
			CHECK(memcmp(&start, &note->amp[j], sizeof(float)) == 0 &&
			          memcmp(&grow, &note->grow[j], sizeof(float)) == 0,
			      "note %u slot %u, from %.9g to %.9g: starts at %.9g growing by %.9g, the "
			      "reference at %.9g by %.9g",
			      n, j, goal_before[n][j], note->amp_goal[j], note->amp[j], note->grow[j], start,
			      grow);
			++ramps_checked;
		}
	}
	for (uint32_t q = 0; q < DRONE_QUADS; ++q) {
		CHECK(d->quad_on[q] == drone_reference_quad_on(d, q), "quad %u on: %d", q,
		      (int)d->quad_on[q]);
	}
}

/* A 7 s swell, a function of the grid step as the engine's breath is. */
static float
breath_at(double rate, uint64_t step)
{
	const double t = (double)(step * GRID_FRAMES) / rate;
	return (float)(0.5 + 0.5 * sin(2.0 * M_PI * t / 7.0));
}

/* A grid step's frames rendered by `render` in chunks cut at random. */
static void
render_chunks(Drone* d, void (*render)(Drone*, float*, float*, uint32_t, uint32_t), uint32_t* seed,
              float* left, float* right)
{
	for (uint32_t at = 0; at < GRID_FRAMES;) {
		RNG_XORSHIFT(*seed);
		const uint32_t len = 1u + *seed % (GRID_FRAMES - at);
		render(d, left + at, right + at, len, at);
		at += len;
	}
}

/* Where the tables keep frame j's R^j of the partial in lane l of quad q
 * (drone.h): the pair of frames (a, a + 4) of its half stride, sin R^a |
 * cos R^(a+4) in row 0, cos R^a | sin R^(a+4) in row 1. */
static void
check_tables(const Drone* d)
{
	for (uint32_t q = 0; q < d->quads_on; ++q) {
		if (!d->quad_on[q]) {
			continue; /* silent: its tables wait for the tick that turns it on */
		}
		for (uint32_t l = 0; l < DRONE_LANES; ++l) {
			const DroneReferencePowers p =
			    drone_reference_powers(d->rotation[q][l], d->rotation[q][DRONE_LANES + l]);
			for (uint32_t j = 0; j < DRONE_STRIDE; ++j) {
				const uint32_t half = j / 8, a = j % 4, second = j % 8 / 4;
				const float(*rows)[DRONE_QUAD_WIDTH] = d->pair_turn[q][4 * half + a];
				const float sin_j = rows[second][second * DRONE_LANES + l];
				const float cos_j = rows[1 - second][second * DRONE_LANES + l];
				CHECK(memcmp(&sin_j, &p.s[j], sizeof(float)) == 0 &&
				          memcmp(&cos_j, &p.c[j], sizeof(float)) == 0,
				      "quad %u lane %u frame %u: table (%.9g, %.9g), reference (%.9g, %.9g)", q, l,
				      j, cos_j, sin_j, p.c[j], p.s[j]);
			}
			const float c16 = d->stride_c[q][l], s16 = d->stride_s[q][DRONE_LANES + l];
			CHECK(c16 == p.c[DRONE_STRIDE] && s16 == p.s[DRONE_STRIDE] && d->stride_s[q][l] == -s16,
			      "quad %u lane %u: the turn to the next stride", q, l);
			++partials_checked;
		}
	}
}

/* The Ocean's low-passes in block form, from the coefficient the drone
 * has now, against the two one-pole low-passes they stand for, run frame
 * by frame in double on 16000 frames of noise: the block form's float
 * coefficients and sums round where the recursion does not, so they agree
 * within a part in 1e5 of the output's RMS, not bit for bit.  Returns the
 * worst difference over the RMS. */
static double
check_low_pass(const Drone* d)
{
	const DroneLowPassBlock* b = &d->low_pass_block;
	const double c = d->low_pass_coef;
	CHECK(c > 0.0 && c < 1.0, "a low-pass coefficient of %g", c);
	Rng noise;
	rng_seed(&noise, 5u);
	double y1 = 0.0, y2 = 0.0, worst = 0.0, power = 0.0;
	float block_y1 = 0.0f, block_y2 = 0.0f;
	const uint32_t blocks = 2000;
	for (uint32_t i = 0; i < blocks; ++i) {
		float in[DRONE_NOISE_BLOCK], out[DRONE_NOISE_BLOCK];
		for (uint32_t k = 0; k < DRONE_NOISE_BLOCK; ++k) {
			in[k] = rng_bipolar(&noise);
		}
		drone_reference_low_pass(b, in, block_y1, block_y2, out);
		for (uint32_t k = 0; k < DRONE_NOISE_BLOCK; ++k) {
			y1 += c * (in[k] - y1);
			y2 += c * (y1 - y2);
			worst = fmax(worst, fabs(out[k] - y2));
			power += y2 * y2;
		}
		block_y1 = drone_reference_low_pass_y1(b, in, block_y1);
		block_y2 = out[DRONE_NOISE_BLOCK - 1];
	}
	const double rms = sqrt(power / (blocks * DRONE_NOISE_BLOCK));
	CHECK(worst < 1e-5 * rms, "coefficient %g: the block form is %.3g of the RMS off", c,
	      worst / rms);
	return worst / rms;
}

/* `steps` grid steps with p, both drones; returns the sum of squares. */
static double
run(double rate, const DroneParams* p, uint64_t* step, uint64_t steps, uint32_t* seed)
{
	double power = 0.0;
	for (uint64_t end = *step + steps; *step < end; ++*step) {
		const float breath = breath_at(rate, *step + 1);
		float goal_before[DRONE_NOTES][DRONE_HARMONICS];
		for (uint32_t n = 0; n < DRONE_NOTES; ++n) {
			memcpy(goal_before[n], fast.note[n].amp_goal, sizeof(goal_before[n]));
		}
		drone_grid(&fast, p, breath);
		check_refresh(&fast, goal_before);
		drone_grid(&plain, p, breath);
		float out[2][2][GRID_FRAMES] = {{{0.0f}}};
		render_chunks(&fast, drone_render, seed, out[0][0], out[0][1]);
		render_chunks(&plain, drone_render_reference, seed, out[1][0], out[1][1]);
		for (uint32_t k = 0; k < GRID_FRAMES; ++k) {
			CHECK(memcmp(&out[0][0][k], &out[1][0][k], sizeof(float)) == 0 &&
			          memcmp(&out[0][1][k], &out[1][1][k], sizeof(float)) == 0,
			      "timbre %d voicing %d at %.0f Hz, step %llu frame %u: vector (%.9g, %.9g), "
			      "plain (%.9g, %.9g)",
			      (int)p->timbre, (int)p->voicing, rate, (unsigned long long)*step, k, out[0][0][k],
			      out[0][1][k], out[1][0][k], out[1][1][k]);
			power += (double)out[0][0][k] * out[0][0][k] + (double)out[0][1][k] * out[0][1][k];
		}
		if (*step % 97 == 0) {
			check_tables(&fast);
		}
	}
	/* a silent quad's state is zero, of either sign: its stale turns
	 * (drone_refresh.c, set_rotations) are not the reference's */
	for (uint32_t q = 0; q < DRONE_QUADS; ++q) {
		for (uint32_t k = 0; k < DRONE_QUAD_WIDTH; ++k) {
			CHECK(fast.quad_on[q] ? memcmp(&fast.z[q][k], &plain.z[q][k], sizeof(float)) == 0
			                      : fast.z[q][k] == 0.0f && plain.z[q][k] == 0.0f,
			      "timbre %d voicing %d, quad %u: the state %.9g, the reference's %.9g",
			      (int)p->timbre, (int)p->voicing, q, fast.z[q][k], plain.z[q][k]);
		}
	}
	CHECK(memcmp(fast.noise_rng, plain.noise_rng, sizeof(fast.noise_rng)) == 0 &&
	          memcmp(fast.low_pass, plain.low_pass, sizeof(fast.low_pass)) == 0 &&
	          memcmp(&fast.high_pass, &plain.high_pass, sizeof(fast.high_pass)) == 0,
	      "timbre %d voicing %d: the state after %llu steps", (int)p->timbre, (int)p->voicing,
	      (unsigned long long)*step);
	return power;
}

static void
start(double rate, uint32_t seed)
{
	drone_init(&fast, rate);
	drone_init(&plain, rate);
	drone_reset(&fast, seed);
	drone_reset(&plain, seed);
}

int
main(void)
{
	uint32_t seed = 0x5EED1234u;
	double low_pass_worst = 0.0;
	const DroneParams base = {.root_hz = 110.0f,
	                          .bright = 0.6f,
	                          .breath_depth = 0.6f,
	                          .breath_bright = 0.5f,
	                          .level_db = -6.0f};
	const double second = 48000.0 / GRID_FRAMES;
	/* every timbre with every voicing, a second each */
	for (int t = 0; t < DRONE_TIMBRE_COUNT; ++t) {
		for (int v = 0; v < DRONE_VOICING_COUNT; ++v) {
			DroneParams p = base;
			p.timbre = (DroneTimbre)t;
			p.voicing = (DroneVoicing)v;
			start(48000.0, 7u + (uint32_t)v);
			uint64_t step = 0;
			const double power = run(48000.0, &p, &step, (uint64_t)second, &seed);
			CHECK(power > 1e-3, "timbre %d voicing %d is silent (%g)", t, v, power);
			if (p.timbre == DRONE_OCEAN) {
				low_pass_worst = fmax(low_pass_worst, check_low_pass(&fast));
			}
		}
	}
	/* changes that turn quads on and off and retune the notes, at
	 * other rates: a root gliding down two octaves and up, Major to Single,
	 * Choir to Ocean and back, a high root with the band limit at work */
	const struct {
		double rate;
		DroneParams from, to;
	} changes[] = {
	    {44100.0,
	     {440.0f, DRONE_MAJOR, DRONE_REED, 1.0f, 0.2f, 0.9f, -3.0f},
	     {55.0f, DRONE_SINGLE, DRONE_REED, 0.1f, 0.9f, 0.1f, -12.0f}},
	    {96000.0,
	     {110.0f, DRONE_OPEN, DRONE_CHOIR, 0.5f, 0.5f, 0.5f, -6.0f},
	     {110.0f, DRONE_OPEN, DRONE_OCEAN, 0.5f, 0.5f, 0.5f, -6.0f}},
	    {8000.0,
	     {1200.0f, DRONE_TANPURA, DRONE_WARM, 0.8f, 0.4f, 0.4f, 0.0f},
	     {300.0f, DRONE_MINOR, DRONE_PURE, 0.3f, 0.4f, 0.4f, -20.0f}},
	};
	for (size_t i = 0; i < sizeof(changes) / sizeof(changes[0]); ++i) {
		const double rate = changes[i].rate, steps = rate / GRID_FRAMES;
		start(rate, 99u + (uint32_t)i);
		uint64_t step = 0;
		double power = run(rate, &changes[i].from, &step, (uint64_t)steps, &seed);
		power += run(rate, &changes[i].to, &step, (uint64_t)(2.0 * steps), &seed);
		power += run(rate, &changes[i].from, &step, (uint64_t)steps, &seed);
		CHECK(power > 1e-3, "change %zu is silent (%g)", i, power);
		if (changes[i].from.timbre == DRONE_OCEAN || changes[i].to.timbre == DRONE_OCEAN) {
			low_pass_worst = fmax(low_pass_worst, check_low_pass(&fast));
		}
	}
	CHECK(partials_checked > 100 && ramps_checked > 10000,
	      "the tables of %llu partials checked, %llu ramps", (unsigned long long)partials_checked,
	      (unsigned long long)ramps_checked);
	printf(
	    "the vector kernels and the plain ones: the same samples; the tables of %llu "
	    "partials and %llu ramps as the reference's; the Ocean's low-passes in block form within "
	    "%.2g of the RMS of the plain ones\n",
	    (unsigned long long)partials_checked, (unsigned long long)ramps_checked, low_pass_worst);
	return 0;
}
