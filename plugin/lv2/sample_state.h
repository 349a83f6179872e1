/* SPDX-License-Identifier: ISC */
/* The cue sample in the plugin's state (sessions and presets): its path,
 * made abstract with the host's state:mapPath on save and absolute again
 * on restore, under the same key as the parameter (somascape#cueSample).
 * A state without the key leaves the sample as it is (presets of controls
 * only do not unload it). */
#ifndef SOMASCAPE_SAMPLE_STATE_H
#define SOMASCAPE_SAMPLE_STATE_H

#include "player.h"
#include "sample_patch.h"
#include "sample_worker.h"

#include <lv2/state/state.h>

/* State thread, which may run beside run(): stores the path of the sample
 * that plays (or is about to, once pending loads land), if any. */
LV2_State_Status sample_state_save(SampleWorker* w, const SamplePatchURIs* uris,
                                   LV2_State_Store_Function store, LV2_State_Handle handle,
                                   const LV2_Feature* const* features);

/* State thread: loads the stored path, through the worker given with the
 * call (the host may run() meanwhile) or else at once. */
LV2_State_Status sample_state_restore(SampleWorker* w, Player* player, const SamplePatchURIs* uris,
                                      LV2_State_Retrieve_Function retrieve, LV2_State_Handle handle,
                                      const LV2_Feature* const* features);

#endif
