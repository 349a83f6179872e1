/* SPDX-License-Identifier: ISC */
/* The ABI of Ardour's inline display extension, as Ardour's
 * ardour/lv2_extensions.h defines it (no Debian package installs that
 * header): for the plugin and for the test host. */
#ifndef SOMASCAPE_LV2_INLINE_DISPLAY_H
#define SOMASCAPE_LV2_INLINE_DISPLAY_H

#include <lv2/core/lv2.h>

#include <stdint.h>

#define LV2_INLINEDISPLAY_URI "http://harrisonconsoles.com/lv2/inlinedisplay"
#define LV2_INLINEDISPLAY__interface LV2_INLINEDISPLAY_URI "#interface"
#define LV2_INLINEDISPLAY__queue_draw LV2_INLINEDISPLAY_URI "#queue_draw"
#define LV2_INLINEDISPLAY__in_gui LV2_INLINEDISPLAY_URI "#in_gui"

typedef void* LV2_Inline_Display_Handle;

/* ARGB32, premultiplied (cairo's CAIRO_FORMAT_ARGB32); the plugin owns
 * the pixels until cleanup. */
typedef struct {
	unsigned char* data;
	int            width;
	int            height;
	int            stride;
} LV2_Inline_Display_Image_Surface;

/* The host's feature: queue_draw is called from run(). */
typedef struct {
	LV2_Inline_Display_Handle handle;
	void (*queue_draw)(LV2_Inline_Display_Handle handle);
} LV2_Inline_Display;

/* The plugin's extension data: render is called in the host's GUI thread
 * with the width to fill and the greatest height. */
typedef struct {
	LV2_Inline_Display_Image_Surface* (*render)(LV2_Handle instance, uint32_t w, uint32_t h);
} LV2_Inline_Display_Interface;

#endif
