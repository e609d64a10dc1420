/* SPDX-License-Identifier: MIT
 * libFuzzer: the feed and export readers — CSV/TSV (delimiter guess, quoting, header mapping),
 * JSONL, RSS/Atom/App Store XML over libxml2, the built-in page layouts, and charset handling
 * (BOM, UTF-16, the CP949 guess) in front of them. */
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
    static const enum hugi_extract_preset presets[] = {HUGI_PRESET_CSV,    HUGI_PRESET_JSONL,
                                                       HUGI_PRESET_RSS,    HUGI_PRESET_APPSTORE,
                                                       HUGI_PRESET_LAYOUT, HUGI_PRESET_GOOGLEPLAY};
    struct hugi_extract_opts o;
    hugi_extract_opts_init(&o);
    o.fetched_at = 1700000000;
    o.url = "https://example.com/feed?page=1";
    o.preset = presets[size % (sizeof presets / sizeof presets[0])];
    struct hugi_extract_result res;
    struct hugi_err err;
    hugi_extract((const char *)data, size, &o, sink, NULL, &res, &err);
    hugi_extract_result_release(&res);
    return 0;
}
