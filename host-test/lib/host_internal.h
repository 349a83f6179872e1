/* SPDX-License-Identifier: ISC */
/* The host's insides, shared by its two files: host.c (loading,
 * features, instantiation) and host_run.c (the ports and run()).  Nothing
 * else includes this. */
#ifndef SOMASCAPE_HOST_INTERNAL_H
#define SOMASCAPE_HOST_INTERNAL_H

#include "atom_check.h"
#include "host.h"
#include "host_features.h"
#include "host_paths.h"
#include "host_worker.h"

#include <lv2/options/options.h>

#include <stdbool.h>
#include <stdint.h>

#define ATOM_CAPACITY 65536u
/* Bytes past an output's room that must come back untouched: a few, so
 * that the check costs the benchmarks next to nothing. */
#define ATOM_GUARD 16u
#define ATOM_GUARD_BYTE 0xA5u

typedef enum {
	PORT_AUDIO_OUT,
	PORT_CONTROL_IN,
	PORT_CONTROL_OUT,
	PORT_ATOM_IN,
	PORT_ATOM_OUT,
	PORT_OTHER
} PortRole;

typedef struct {
	PortRole role;
	const char* symbol;
	float value;
	void* atom; /* ATOM_CAPACITY bytes, for atom ports */
} HostPort;

struct Host {
	LilvWorld* world;
	const LilvPlugin* plugin;
	LilvInstance* instance;
	double rate;
	uint32_t n_ports;
	HostPort* ports;
	/* the atom ports by direction, so that run() need not look through
	 * all ports */
	HostPort** atom_in;
	HostPort** atom_out;
	uint32_t n_atom_in, n_atom_out;
	int audio_out[2];
	LV2_URID atom_chunk; /* mapped once: run() is hot */
	AtomCheckURIs atom_check;
	uint32_t out_room; /* what an output's atom.size says before run() */
	bool strict;       /* abort on an ill-formed output */
	char output_error[256];

	UriTable uris;
	HostLog log;
	HostLogHook log_hook;
	void* log_hook_data;
	float rate_f;
	int32_t min_block, max_block, nominal_block;
	LV2_Options_Option options[5];

	HostWorker worker;
	HostPaths paths;
	LV2_Inline_Display inline_display; /* given when asked for */
	uint32_t queue_draws;              /* its requests since instantiation */
	LV2_Feature feature_list[10];
	const LV2_Feature* features[11]; /* NULL-terminated, for instantiate and state */
};

#endif
