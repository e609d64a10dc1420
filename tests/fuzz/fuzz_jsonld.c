/* SPDX-License-Identifier: MIT
 * libFuzzer: the JSON-LD walker and the JSON feed presets over the tolerant JSON loader. */
#include <stddef.h>
#include <stdint.h>

#include "hugi/extract.h"

static hugi_rc sink(const struct hugi_review *r, void *ctx)
{
    (void)r;
    (void)ctx;
    return HUGI_OK;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const enum hugi_extract_preset presets[] = {HUGI_PRESET_JSONLD,  HUGI_PRESET_AUTO,
                                                       HUGI_PRESET_YOUTUBE, HUGI_PRESET_REDDIT,
                                                       HUGI_PRESET_TWITTER, HUGI_PRESET_JSON};
    struct hugi_extract_opts o;
    hugi_extract_opts_init(&o);
    o.fetched_at = 1700000000;
    o.preset = presets[size % (sizeof presets / sizeof presets[0])];
    struct hugi_extract_result res;
    struct hugi_err err;
    hugi_extract((const char *)data, size, &o, sink, NULL, &res, &err);
    hugi_extract_result_release(&res);
    return 0;
}
