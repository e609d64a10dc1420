/* SPDX-License-Identifier: MIT
 * libFuzzer: the compiled lexicon image loader (hugi_sent_image_load_mem). Any bytes, as they
 * are (the checksum refuses nearly all), then again with the checksum fixed up, so that the
 * structural checks behind it are what the mutations meet. An image that is accepted must be
 * safe to use: texts are scored with it (evidence and summed paths), matched, and its entries
 * and sums walked; ASan/UBSan watch every read. A refused image leaves an empty model. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "hugi/sent.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const texts[] = {
    "좋아요 정말 최고",
    "안좋아요 좋지않아요 별로 안 좋",
    "너무 좋은데 배송이 느려요ㅠㅠ",
    "not good but very bad!!! x y z",
    "ㅋㅋㅋ good 나쁜점 없음 😀",
    "\xff\xfe a",
};

static void use(struct hugi_sent *m)
{
    struct hugi_err err;
    struct hugi_sent_result r;
    hugi_sent_result_init(&r);
    for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
        r.no_evidence = i % 2;
        (void)hugi_sent_score(m, texts[i], strlen(texts[i]), &r, &err);
    }
    hugi_sent_result_release(&r);
    const struct hugi_tm_dict *d = hugi_sent_dict(m);
    size_t n = hugi_tm_dict_count(d);
    volatile size_t sink = 0;
    for (uint32_t i = 0; i < n; i++) {
        const struct hugi_tm_entry *e = hugi_tm_dict_entry(d, i);
        sink += strlen(e->term) + (e->tag ? strlen(e->tag) : 0);
        sink += hugi_tm_dict_find(d, e->term, e->len, (enum hugi_tm_role)e->role);
    }
    const struct hugi_tm_sum *sums = hugi_tm_dict_sums(d);
    for (uint32_t s = 0; sums && s < hugi_tm_dict_states(d); s++) {
        size_t k = 0;
        const struct hugi_tm_sum_entry *se = hugi_tm_sum_entries(d, s, &k);
        for (size_t j = 0; j < k; j++)
            sink += se[j].id;
    }
    (void)sink;
}

static void try_load(const uint8_t *p, size_t size)
{
    struct hugi_err err;
    struct hugi_sent *m = hugi_sent_new();
    if (!m)
        abort();
    if (hugi_sent_image_load_mem(m, NULL, p, size, &err) == HUGI_OK)
        use(m);
    else if (hugi_sent_entries(m) != 0)
        abort(); /* a refused image must leave nothing behind */
    hugi_sent_free(m);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* the loader wants 8-byte alignment (a mapping is page-aligned): a malloc'ed copy */
    uint8_t *p = malloc(size ? size : 1);
    if (!p)
        abort();
    memcpy(p, data, size);
    try_load(p, size);
    if (size >= 32) {
        /* the checksum's seed is the format version (header bytes 8..11) */
        uint32_t version;
        memcpy(&version, p + 8, 4);
        uint64_t h = hugi_tm_image_sum(p + 32, size - 32, version);
        memcpy(p + 24, &h, 8);
        try_load(p, size);
    }
    free(p);
    return 0;
}
