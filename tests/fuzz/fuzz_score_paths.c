/* SPDX-License-Identifier: MIT
 * libFuzzer, differential: the scorer's summed path (no evidence asked for: learned n-grams
 * summed per automaton state) against the one-by-one path, with the shipped lexicons, on any
 * bytes. Same label and language, raw scores within 1e-9 (only the order of a sum differs). */
#include <math.h>
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
    struct hugi_sent_result a, b;
    hugi_sent_result_init(&a);
    hugi_sent_result_init(&b);
    a.no_evidence = true;
    struct hugi_err err;
    if (hugi_sent_score(model, (const char *)data, size, &a, &err) != HUGI_OK ||
        hugi_sent_score(model, (const char *)data, size, &b, &err) != HUGI_OK)
        abort();
    if (a.label != b.label || a.lang != b.lang || fabs(a.raw - b.raw) > 1e-9 ||
        fabs(a.neg_clause - b.neg_clause) > 1e-9 || !(a.score >= -1.0 && a.score <= 1.0))
        abort();
    hugi_sent_result_release(&a);
    hugi_sent_result_release(&b);
    return 0;
}
