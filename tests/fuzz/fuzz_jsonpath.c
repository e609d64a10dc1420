/* SPDX-License-Identifier: MIT
 * libFuzzer: the JSON path evaluator. The input is "PATH\nJSON"; both halves are fuzzed. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "hugi/extract.h"

static hugi_rc sink(const struct hugi_review *r, void *ctx)
{
    (void)r;
    (void)ctx;
    return HUGI_OK;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    const char *nl = memchr(s, '\n', size);
    if (!nl || nl - s > 200)
        return 0;
    char path[256];
    memcpy(path, s, (size_t)(nl - s));
    path[nl - s] = 0;
    static const struct hugi_extract_field fields[] = {
        {"text", "$.t"}, {"rating", "r"}, {"date", "$..d"}, {"author", "a[0].n"}};
    struct hugi_extract_opts o;
    hugi_extract_opts_init(&o);
    o.fetched_at = 1700000000;
    o.preset = HUGI_PRESET_JSONPATH;
    o.items = path;
    o.next = path;
    if (size % 2) {
        o.fields = fields;
        o.nfields = 4;
    }
    struct hugi_extract_result res;
    struct hugi_err err;
    hugi_extract(nl + 1, size - (size_t)(nl - s) - 1, &o, sink, NULL, &res, &err);
    hugi_extract_result_release(&res);
    return 0;
}
