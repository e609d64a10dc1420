/* SPDX-License-Identifier: MIT
 * libFuzzer: the scorer (normaliser, matcher, rules) on any bytes, with the shipped lexicons.
 * Checks the contract: OK, score in [-1, 1], evidence spans inside the input. */
#include <stdint.h>
#include <stdlib.h>

#include "hugi/sent.h"

static struct hugi_sent *model;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!model) {
        struct hugi_err err;
        model = hugi_sent_new();
        if (hugi_sent_load_defaults(model, HUGI_SOURCE_DIR, &err) != HUGI_OK ||
            hugi_sent_build(model, &err) != HUGI_OK)
            abort();
    }
    struct hugi_sent_result r;
    hugi_sent_result_init(&r);
    struct hugi_err err;
    if (hugi_sent_score(model, (const char *)data, size, &r, &err) != HUGI_OK)
        abort();
    if (!(r.score >= -1.0 && r.score <= 1.0))
        abort();
    for (size_t i = 0; i < r.nev; i++)
        if (r.ev[i].start > r.ev[i].end || r.ev[i].end > size)
            abort();
    (void)hugi_sent_verdict(&r, (double)(size % 6), 5);
    hugi_sent_result_release(&r);
    return 0;
}
