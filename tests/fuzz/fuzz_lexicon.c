/* SPDX-License-Identifier: MIT
 * libFuzzer: the lexicon TSV loader and automaton build on any bytes; a malformed line must come
 * back as an error naming file:line, never a crash. What loads is then matched against a text
 * made of the input itself. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "hugi/textmatch.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int count(void *ctx, const struct hugi_tm_match *m)
{
    (void)m;
    (*(size_t *)ctx)++;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct hugi_tm_dict *d = hugi_tm_dict_new();
    struct hugi_err err;
    hugi_err_clear(&err);
    hugi_rc rc = hugi_tm_dict_load_mem(d, (const char *)data, size, "fuzz.tsv", &err);
    if (rc != HUGI_OK && strncmp(err.where, "fuzz.tsv:", 9) != 0)
        abort();
    if (hugi_tm_dict_build(d, &err) != HUGI_OK)
        abort();
    struct hugi_tm_text t;
    hugi_tm_text_init(&t);
    if (hugi_tm_normalize(&t, (const char *)data, size, &err) == HUGI_OK) {
        size_t n = 0;
        hugi_tm_match(d, &t, count, &n);
        for (uint32_t i = 0; i < t.len && i < 64; i++)
            (void)hugi_tm_negated(&t, i, i, d, NULL);
    }
    hugi_tm_text_release(&t);
    hugi_tm_dict_free(d);
    return 0;
}
