/* SPDX-License-Identifier: MIT
 * libFuzzer: HTML extraction — the light tokenizer (JSON-LD blocks, microdata), charset sniffing,
 * the built-in layouts, the listing heuristic and the xpath preset over libxml2's HTML parser. */
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
    static const struct hugi_extract_field fields[] = {
        {"author", ".//*[@itemprop='author']"}, {"text", "p"}, {"rating", "@class"}};
    struct hugi_extract_opts o;
    hugi_extract_opts_init(&o);
    o.fetched_at = 1700000000;
    o.url = "https://example.com/a/b?x=1";
    switch (size % 5) {
    case 0:
        o.preset = HUGI_PRESET_AUTO;
        break;
    case 1:
        o.preset = HUGI_PRESET_MICRODATA;
        break;
    case 2:
        o.preset = HUGI_PRESET_JSONLD;
        break;
    case 3:
        o.preset = HUGI_PRESET_LISTING;
        break;
    default:
        o.preset = HUGI_PRESET_XPATH;
        o.items = "//div | //li";
        o.fields = fields;
        o.nfields = 3;
        o.next = "//a[@rel='next']/@href";
    }
    struct hugi_extract_result res;
    struct hugi_err err;
    hugi_extract((const char *)data, size, &o, sink, NULL, &res, &err);
    hugi_extract_result_release(&res);
    return 0;
}
