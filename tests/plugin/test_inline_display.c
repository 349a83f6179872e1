/* SPDX-License-Identifier: ISC */
/* Ardour's inline display through lilv, with the test host giving the
 * feature as Ardour does: run() asks for a drawing at most 30 times a
 * second of audio (at any rate and block size) and never without the
 * feature, allocating nothing; render() gives a picture of the asked
 * width whose target stands where the plugin's gaze is. */
#include "plugin_test.h"
#include "rt_calls.h"
#include "view.h"

#include <math.h>
#include <string.h>

static Host*
open_with_display(double rate)
{
	char err[256];
	Host* host = host_new_inline_display(PLUGIN_URI, rate, err, sizeof(err));
	CHECK(host, "cannot open the plugin at %.0f Hz: %s", rate, err);
	host_activate(host);
	return host;
}

/* Requests over `seconds` of audio in blocks cycling through `blocks`. */
static uint32_t
count_requests(Host* host, double seconds, const uint32_t* blocks, size_t n_blocks, long* rt_calls)
{
	static float left[HOST_MAX_BLOCK], right[HOST_MAX_BLOCK];
	const uint64_t total = (uint64_t)llround(seconds * host_rate(host));
	const uint32_t before = host_queue_draws(host);
	uint64_t done = 0;
	*rt_calls = 0;
	for (size_t i = 0; done < total; ++i) {
		const uint64_t left_frames = total - done;
		const uint32_t n =
		    blocks[i % n_blocks] < left_frames ? blocks[i % n_blocks] : (uint32_t)left_frames;
		rt_calls_start();
		host_run(host, left, right, n);
		*rt_calls += rt_calls_stop();
		done += n;
	}
	return host_queue_draws(host) - before;
}

static void
check_rate_of_requests(void)
{
	static const double rates[] = {8000.0, 44100.0, 48000.0, 384000.0};
	static const uint32_t mixed[] = {1, 7, 64, 256, 333, 4096, 8192, 0};
	static const uint32_t even[] = {256};
	for (size_t r = 0; r < sizeof(rates) / sizeof(rates[0]); ++r) {
		Host* host = open_with_display(rates[r]);
		long calls;
		const uint32_t steady = count_requests(host, 10.0, even, 1, &calls);
		CHECK(calls == 0, "run() with the inline display made %ld allocator or lock calls", calls);
		const uint32_t jumbled = count_requests(host, 10.0, mixed, 8, &calls);
		CHECK(calls == 0, "run() with the inline display made %ld allocator or lock calls", calls);
		printf("%6.0f Hz: %u requests in 10 s of blocks of 256, %u in 10 s of mixed blocks\n",
		       rates[r], steady, jumbled);
		CHECK(steady <= 300 && jumbled <= 300, "more than 30 requests a second of audio");
		/* blocks of 256 frames are shorter than a 30th of a second at
		 * 8 kHz and above, so the display is asked for 30 times a second */
		CHECK(steady >= 290, "only %u requests in 10 s: the display lags", steady);
		CHECK(jumbled >= 20, "only %u requests in 10 s of mixed blocks", jumbled);
		host_free(host);
	}

	/* Without the feature, the host's queue_draw is never called. */
	Host* plain = open_plugin(48000.0);
	long calls;
	CHECK(count_requests(plain, 5.0, even, 1, &calls) == 0, "queue_draw without the feature");
	host_free(plain);
}

/* The strip's pixels, as ARGB32 (premultiplied, opaque here). */
static void
pixel_rgb(const LV2_Inline_Display_Image_Surface* img, int x, int y, double rgb[3])
{
	uint32_t px;
	memcpy(&px, img->data + (size_t)y * (size_t)img->stride + (size_t)x * 4, 4);
	rgb[0] = ((px >> 16) & 0xff) / 255.0;
	rgb[1] = ((px >> 8) & 0xff) / 255.0;
	rgb[2] = (px & 0xff) / 255.0;
}

/* The centre of the target's pixels on the strip's field. */
static double
target_x(const LV2_Inline_Display_Image_Surface* img, const ViewLayout* l, const ViewLook* look)
{
	double want[3];
	view_target_rgb(look, want);
	double sum = 0.0;
	long count = 0;
	for (int y = (int)(l->target_y - l->target_r); y <= (int)(l->target_y + l->target_r); ++y) {
		for (int x = 0; x < img->width; ++x) {
			double c[3];
			pixel_rgb(img, x, y, c);
			if (fabs(c[0] - want[0]) < 0.02 && fabs(c[1] - want[1]) < 0.02 &&
			    fabs(c[2] - want[2]) < 0.02) {
				sum += x + 0.5;
				++count;
			}
		}
	}
	CHECK(count > 0, "no target in the inline display");
	return sum / (double)count;
}

/* The look of the Display controls set green at full brightness (pass 0),
 * then back to the defaults (pass 1). */
static ViewLook
look_of(int pass)
{
	ViewLook look;
	view_look_defaults(&look);
	if (pass == 0) {
		look.colour = VIEW_COLOUR_GREEN;
		look.brightness = 1.0f;
	}
	return look;
}

/* Sweep at 0.7 Hz: at every request, the picture render() gives has the
 * target where the plugin's gaze_pos output says the gaze is. */
static void
check_picture(void)
{
	Host* host = open_with_display(48000.0);
	set_control(host, "gaze_mode", 1.0f);
	set_control(host, "gaze_rate", 0.7f);
	set_control(host, "fade_in", 0.0f);
	float left[256], right[256];

	/* The size: the asked width, 5:2, within the greatest height. */
	const LV2_Inline_Display_Image_Surface* img = host_render_inline(host, 200, 1000);
	CHECK(img && img->data, "render() gave no picture");
	CHECK(img->width == 200 && img->height == 80 && img->stride >= 800,
	      "a %dx%d picture (stride %d) for 200 wide", img->width, img->height, img->stride);
	img = host_render_inline(host, 120, 30);
	CHECK(img && img->width == 120 && img->height == 30, "a %dx%d picture for 120 by at most 30",
	      img ? img->width : 0, img ? img->height : 0);
	/* Sizes no host should ask for still give a picture, not a crash. */
	img = host_render_inline(host, 0, 0);
	CHECK(img && img->width == 1 && img->height == 1, "a %dx%d picture for 0 by 0",
	      img ? img->width : 0, img ? img->height : 0);
	img = host_render_inline(host, 1000000, 1000000);
	CHECK(img && img->width == 4096 && img->height == 1639 && img->stride >= 4 * 4096,
	      "a %dx%d picture for a million by a million", img ? img->width : 0,
	      img ? img->height : 0);

	ViewLook look;
	view_look_defaults(&look);
	const ViewLayout l = view_strip_layout(300, 120, &look);
	double worst = 0.0, lowest = 1.0, highest = -1.0;
	int checked = 0;
	while (checked < 60) {
		const uint32_t before = host_queue_draws(host);
		host_run(host, left, right, 256);
		if (host_queue_draws(host) == before) {
			continue;
		}
		float gaze;
		CHECK(host_get(host, "gaze_pos", &gaze), "no gaze_pos output");
		img = host_render_inline(host, 300, 1000);
		CHECK(img && img->width == 300 && img->height == 120, "a %dx%d picture", img->width,
		      img->height);
		const double x = target_x(img, &l, &look);
		const double err = fabs(x - view_target_x(&l, gaze)) / img->width;
		worst = err > worst ? err : worst;
		lowest = gaze < lowest ? gaze : lowest;
		highest = gaze > highest ? gaze : highest;
		++checked;
	}
	printf("inline display: 60 pictures over 2 s of Sweep, gaze %.2f..%.2f, worst target error "
	       "%.2f %% of the width\n",
	       lowest, highest, 100.0 * worst);
	CHECK(highest - lowest > 1.5, "the gaze hardly moved (%.2f..%.2f)", lowest, highest);
	CHECK(worst <= 0.01, "the target is %.2f %% of the width off the gaze", 100.0 * worst);

	/* The look follows the Display controls: a green target at full
	 * brightness, then NaN from the host brings the default back. */
	set_control(host, "display_colour", 3.0f);
	set_control(host, "display_bright", 100.0f);
	for (int pass = 0; pass < 2; ++pass) {
		const uint32_t before = host_queue_draws(host);
		while (host_queue_draws(host) == before) {
			host_run(host, left, right, 256);
		}
		float gaze;
		host_get(host, "gaze_pos", &gaze);
		img = host_render_inline(host, 300, 1000);
		const ViewLook want = look_of(pass);
		const double x = target_x(img, &l, &want);
		CHECK(fabs(x - view_target_x(&l, gaze)) <= 0.01 * img->width,
		      "no target of the look's colour where the gaze is (pass %d)", pass);
		set_control(host, "display_colour", NAN);
		set_control(host, "display_bright", NAN);
	}
	host_free(host);
}

int
main(void)
{
	rt_calls_self_test();
	check_rate_of_requests();
	check_picture();
	return 0;
}
