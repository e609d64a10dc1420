/* SPDX-License-Identifier: MIT
 * libFuzzer: the JSONL review reader (hugi_review_from_json) on arbitrary bytes. A record that
 * reads writes back (hugi_review_to_json) as JSON that reads again to the same record. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "hugi/review.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int same(const char *a, const char *b)
{
    return (!a && !b) || (a && b && !strcmp(a, b));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct hugi_review r, back;
    struct hugi_err err;
    if (hugi_review_from_json((const char *)data, size, &r, &err)) {
        if (r.text || !err.where[0])
            abort(); /* a failure must release the record and say where */
        return 0;
    }
    struct hugi_buf out;
    hugi_buf_init(&out, 0);
    if (hugi_review_to_json(&r, &out))
        abort();
    if (hugi_review_from_json(out.data, out.len - 1, &back, &err))
        abort(); /* what we write, we read */
    if (!same(r.text, back.text) || !same(r.id, back.id) || !same(r.author, back.author) ||
        !same(r.source, back.source) || r.likes != back.likes ||
        !((isnan(r.rating) && isnan(back.rating)) || r.rating == back.rating))
        abort();
    hugi_review_release(&back);
    hugi_review_release(&r);
    hugi_buf_release(&out);
    return 0;
}
