/* SPDX-License-Identifier: MIT
 * libFuzzer: the lexicon learner (feature counting with every option: n-grams across a space,
 * whole Hangul words, Hangul only, Hangul word ends with symbols, a neutral-term mask) on any
 * bytes. The first byte picks the options and the polarity; the rest is one text, learned three
 * times. The written lexicon must load back as a lexicon, and so must what the selection
 * (hugi_sent_learner_select on a model of it, half the terms kept) writes. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "hugi/sent.h"

static struct hugi_tm_dict *neutral;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct hugi_err err;
    if (!neutral) {
        static const char neu[] = "아이폰\t0\ttag=neutral\n폰\t0\ttag=neutral\n"
                                  "iphone\t0\ttag=neutral\n";
        neutral = hugi_tm_dict_new();
        if (!neutral ||
            hugi_tm_dict_load_mem(neutral, neu, sizeof(neu) - 1, "n", &err) != HUGI_OK ||
            hugi_tm_dict_build(neutral, &err) != HUGI_OK)
            abort();
    }
    if (size == 0)
        return 0;
    unsigned o = data[0];
    struct hugi_sent_learn_opts lo = {.min_count = 1,
                                      .min_z = 0.001,
                                      .across = o & 7u,
                                      .eojeol = (o & 8u) != 0,
                                      .hangul_only = (o & 16u) != 0,
                                      .hangul_punct = (o & 128u) != 0,
                                      .neutral = (o & 32u) ? neutral : NULL};
    struct hugi_sent_learner *l = hugi_sent_learner_new(&lo);
    if (!l)
        abort();
    const char *text = (const char *)data + 1;
    for (int k = 0; k < 3; k++)
        if (hugi_sent_learner_add(l, text, size - 1, (o & 64u) ? 1 : -1, &err) != HUGI_OK ||
            hugi_sent_learner_add(l, text, size - 1, (o & 64u) ? -1 : 1, &err) != HUGI_OK)
            abort();
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f || hugi_sent_learner_write(l, f, NULL, NULL, &err) != HUGI_OK)
        abort();
    fclose(f);
    struct hugi_sent *m = hugi_sent_new();
    size_t kept = 0;
    if (!m || hugi_sent_load_mem(m, buf, len, "learned", &err) != HUGI_OK ||
        hugi_sent_build(m, &err) != HUGI_OK ||
        hugi_sent_learner_select(l, m, hugi_sent_entries(m) / 2 + 1, &kept, &err) != HUGI_OK ||
        kept > hugi_sent_entries(m) / 2 + 1)
        abort();
    hugi_sent_free(m);
    free(buf);
    buf = NULL;
    len = 0;
    f = open_memstream(&buf, &len);
    if (!f || hugi_sent_learner_write(l, f, NULL, NULL, &err) != HUGI_OK)
        abort();
    fclose(f);
    hugi_sent_learner_free(l);
    struct hugi_tm_dict *d = hugi_tm_dict_new();
    if (!d || hugi_tm_dict_load_mem(d, buf, len, "learned", &err) != HUGI_OK)
        abort();
    hugi_tm_dict_free(d);
    free(buf);
    return 0;
}
