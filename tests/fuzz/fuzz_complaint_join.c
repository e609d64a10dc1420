/* SPDX-License-Identifier: MIT
 * libFuzzer: the complaint matcher's joined view (hugi_complaint_join_, 16 bytes at a time where
 * the bytes need no decision) against the byte-by-byte loop it replaced (join_ref.h): the same
 * bytes and the same source offset for each, on any input normalised as categorising does, and
 * on the raw bytes when they are valid UTF-8 without NUL (the view's own cases: spaces next to
 * letters or not, U+FFFD, 않 before a verb, Latin glued to Hangul, at every offset from a block
 * edge). Seeds: corpus/complaint_join. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../complaints/src/internal.h"
#include "hugi/textmatch.h"
#include "join_ref.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(const struct hugi_tm_text *t)
{
    struct hugi_buf out;
    hugi_buf_init(&out, 0);
    uint32_t *src = NULL;
    size_t cap = 0;
    if (hugi_complaint_join_(t, &out, &src, &cap) != HUGI_OK)
        abort();
    char *od = malloc(2 * t->len + 1);
    uint32_t *sr = malloc((2 * t->len + 1) * sizeof *sr);
    if (!od || !sr)
        abort();
    size_t n = ref_join(t->s, t->len, od, sr);
    if (n != out.len || memcmp(od, out.data, n + 1) != 0 || memcmp(sr, src, (n + 1) * sizeof *sr))
        abort();
    free(od);
    free(sr);
    free(src);
    hugi_buf_release(&out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 4096)
        return 0;
    struct hugi_tm_text t;
    hugi_tm_text_init(&t);
    struct hugi_err err;
    if (hugi_tm_normalize(&t, (const char *)data, size, &err) == HUGI_OK)
        check(&t);
    /* the bytes as they are: the view takes any normalised text, and these reach cases the
     * normaliser folds away (runs of spaces, a leading space) */
    if (hugi_utf8_valid((const char *)data, size) && !memchr(data, 0, size)) {
        struct hugi_tm_text raw = t;
        raw.s = (char *)data;
        raw.len = size;
        check(&raw);
    }
    hugi_tm_text_release(&t);
    return 0;
}
