/* SPDX-License-Identifier: ISC */
/* No aliasing in the drone.  The brightest settings (brightness 100 %,
 * breath brightness 100 %, root 440 Hz, the Open voicing whose top note is
 * 2.25 x the root, held at the top of the inhale) are rendered at 44.1 kHz
 * and at 192 kHz, and looked at through a Blackman-Harris window (side
 * lobes below -92 dB):
 *  1. at 44.1 kHz every spectral line above -80 dB re the strongest lies on
 *     a partial the recipe makes (root x interval x harmonic, allowing for
 *     the chorus detune and the window's main lobe): a partial folded back
 *     from above Nyquist would land between them;
 *  2. the 192 kHz render, low-passed at 20 kHz by summing its spectrum
 *     below 20 kHz, has the same energy as the 44.1 kHz one (within
 *     0.25 dB: partials of different notes that coincide, such as 3 x 440
 *     and 2 x 660 Hz, add with a phase that rounding makes differ a little
 *     between rates), and has nothing above 20 kHz that could have
 *     folded. */
#include "engine.h"
#include "spectra.h"

#include "check.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

static Engine engine;

/* Power spectrum (n/2 bins) of n frames of the left channel from 1.5 s. */
static double*
spectrum(float timbre, double rate, uint32_t n)
{
	Controls c;
	controls_defaults(&c);
	c.gaze_mode = 0.0f;
	c.fade_in = 0.0f;
	c.drone_root = 440.0f;
	c.drone_voicing = 6.0f; /* Open: 1, 3/2, 9/4 */
	c.drone_timbre = timbre;
	c.drone_bright = 100.0f;
	c.breath_bright = 100.0f;
	c.breath_in = 0.5f;
	c.breath_hold_in = 20.0f; /* full inhale from 0.5 s */
	c.drone_level = -6.0f;
	engine_init(&engine, rate);
	engine_set_controls(&engine, &c);
	const uint32_t skip = (uint32_t)(1.5 * rate);
	float* left = malloc((skip + n) * sizeof(float));
	float* right = malloc((skip + n) * sizeof(float));
	for (uint32_t done = 0; done < skip + n; done += 512) {
		const uint32_t k = skip + n - done < 512 ? skip + n - done : 512;
		engine_process(&engine, left + done, right + done, k);
	}
	double* re = calloc(n, sizeof(double));
	double* im = calloc(n, sizeof(double));
	for (uint32_t i = 0; i < n; ++i) {
		const double x = 2.0 * M_PI * i / n;
		const double w = 0.35875 - 0.48829 * cos(x) + 0.14128 * cos(2 * x) - 0.01168 * cos(3 * x);
		re[i] = w * left[skip + i];
	}
	fft(re, im, n);
	double* power = malloc(n / 2 * sizeof(double));
	for (uint32_t k = 0; k < n / 2; ++k) {
		power[k] = re[k] * re[k] + im[k] * im[k];
	}
	free(left);
	free(right);
	free(re);
	free(im);
	return power;
}

static const double root_hz = 440.0;
static const double open_ratio[3] = {1.0, 1.5, 2.25};

/* Whether hz is (within the chorus detune and the main lobe) a partial of
 * the Open voicing on 440 Hz. */
static bool
on_a_partial(double hz, double bin_hz)
{
	for (int n = 0; n < 3; ++n) {
		for (int h = 1; h <= 12; ++h) {
			const double f = root_hz * open_ratio[n] * h;
			if (fabs(hz - f) <= 0.004 * f + 12.0 * bin_hz) {
				return true;
			}
		}
	}
	return false;
}

static double
energy_below(const double* p, uint32_t bins, double bin_hz, double hz)
{
	double e = 0.0;
	for (uint32_t k = 0; k < bins && k * bin_hz < hz; ++k) {
		e += p[k];
	}
	return e;
}

int
main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	static const char* const names[] = {"Pure", "Warm", "Reed", "Choir"};
	const uint32_t n44 = 65536, n192 = 262144;
	for (int t = 0; t < 4; ++t) {
		double* p44 = spectrum((float)t, 44100.0, n44);
		double* p192 = spectrum((float)t, 192000.0, n192);
		const double bin44 = 44100.0 / n44, bin192 = 192000.0 / n192;

		double peak = 0.0;
		for (uint32_t k = 0; k < n44 / 2; ++k) {
			peak = fmax(peak, p44[k]);
		}
		double worst_db = -300.0, worst_hz = 0.0;
		for (uint32_t k = 1; k < n44 / 2; ++k) {
			if (!on_a_partial(k * bin44, bin44)) {
				const double db = 10.0 * log10(p44[k] / peak + 1e-30);
				if (db > worst_db) {
					worst_db = db;
					worst_hz = k * bin44;
				}
			}
		}
		/* by Parseval the summed power grows as n^2 for the same signal */
		const double n44sq = (double)n44 * n44, n192sq = (double)n192 * n192;
		const double e44 = energy_below(p44, n44 / 2, bin44, 20000.0) / n44sq;
		const double e192 = energy_below(p192, n192 / 2, bin192, 20000.0) / n192sq;
		const double above = energy_below(p192, n192 / 2, bin192, 96000.0) / n192sq - e192;
		printf("%-5s: strongest line off the partials at 44.1 kHz %.1f dB (at %.0f Hz); "
		       "energy below 20 kHz 44.1 vs 192 kHz %+.3f dB; above 20 kHz at 192 kHz %.1f dB\n",
		       names[t], worst_db, worst_hz, 10.0 * log10(e44 / e192),
		       10.0 * log10(fmax(above, 1e-30) / e192));
		CHECK(worst_db < -80.0, "main");
		CHECK(fabs(10.0 * log10(e44 / e192)) < 0.25, "main");
		CHECK(10.0 * log10(fmax(above, 1e-30) / e192) < -100.0, "main");
		free(p44);
		free(p192);
	}
	return 0;
}
