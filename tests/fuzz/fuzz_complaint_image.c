/* SPDX-License-Identifier: MIT
 * libFuzzer: the compiled complaint taxonomy image (hugi_complaint_tax_image_load_mem): the
 * dictionary part is textmatch's image (fuzz_lexicon_image fuzzes its checks too), the caller
 * section the taxonomy's categories, entry table, cue names, rules and vetoes. Any bytes as they
 * are (the checksum refuses nearly all), then again with the checksum fixed up, so that the
 * checks behind it are what the mutations meet. An accepted image must be safe to use: texts
 * are categorised with it and its categories listed; ASan/UBSan watch every read. Seed:
 * corpus/complaint_image/mini.img, the image of tests/data/complaint_image's taxonomy (every
 * kind of line). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "hugi/complaint.h"
#include "hugi/textmatch.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const texts[] = {
    "배송이 안 와요 배터리가 고장났어요",
    "앱이 자꾸 꺼져요 튕겨요 앱 오류",
    "충전하다 불이 났어요 화재 위험 배송 걱정했는데 빨리 왔어요",
    "the battery broke but late delivery, not broken",
    "배송이안와 않와요 \xff\xfe 배송 빨라",
};

static void use(const struct hugi_complaint_tax *t)
{
    struct hugi_err err;
    struct hugi_complaint_match m;
    hugi_complaint_match_init(&m);
    struct hugi_buf out;
    hugi_buf_init(&out, 0);
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        if (hugi_complaint_categorize(t, texts[i], strlen(texts[i]), &m, &err) != HUGI_OK)
            continue;
        hugi_buf_reset(&out);
        (void)hugi_complaint_cats_json(t, m.cats, &out);
        (void)hugi_complaint_evidence_json(t, &m, texts[i], strlen(texts[i]), &out);
    }
    volatile size_t sink = 0;
    for (int i = 0; i < hugi_complaint_tax_count(t); i++)
        sink += strlen(hugi_complaint_tax_key(t, i)) + hugi_complaint_tax_critical(t, i);
    sink += hugi_complaint_tax_critical_mask(t);
    (void)sink;
    hugi_buf_release(&out);
    hugi_complaint_match_release(&m);
}

static void try_load(const uint8_t *p, size_t size)
{
    struct hugi_err err;
    struct hugi_complaint_tax *t = NULL;
    if (hugi_complaint_tax_image_load_mem(&t, NULL, p, size, &err) == HUGI_OK)
        use(t);
    else if (t)
        abort(); /* a refused image gives no taxonomy */
    hugi_complaint_tax_free(t);
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
