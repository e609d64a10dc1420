/* SPDX-License-Identifier: MIT
 * Start-up (startup17): the image key of a file is the same whether its bytes come whole or in
 * chunks of any size, and changes with any byte, the length and the order of the files; a model
 * loaded from an image uses the image's tables in place and copies one before changing it; the
 * states' film values come from the image, and a film table that does not fit is refused; the
 * image checksum equals its definition and sees the changes it is there for. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hugi/sent.h"
#include "hugi/textmatch.h"

static uint32_t rnd_state = 12345;
static uint32_t rnd(void)
{
    rnd_state = rnd_state * 1103515245u + 12345u;
    return rnd_state >> 8;
}

static void key_of(struct hugi_sent_key *k, const unsigned char *const *files, const size_t *lens,
                   size_t n)
{
    hugi_sent_key_init(k);
    for (size_t i = 0; i < n; i++)
        hugi_sent_key_add(k, files[i], lens[i]);
}

static bool same_key(const struct hugi_sent_key *a, const struct hugi_sent_key *b)
{
    return !memcmp(a->h, b->h, sizeof(a->h)) && a->nfiles == b->nfiles;
}

/* Chunks of every size from 1 to 70 bytes (across the 32-byte stripes) and random ones give
 * the key of the whole bytes, for lengths 0 to 300 and one of 100,000. */
static void test_key_chunks(void **state)
{
    (void)state;
    size_t big = 100000;
    unsigned char *buf = malloc(big);
    for (size_t i = 0; i < big; i++)
        buf[i] = (unsigned char)rnd();
    size_t lens[] = {0, 1, 7, 31, 32, 33, 63, 64, 65, 95, 300, 100000};
    for (size_t li = 0; li < sizeof(lens) / sizeof(lens[0]); li++) {
        size_t len = lens[li];
        struct hugi_sent_key whole, parts;
        const unsigned char *f[2] = {buf, buf + 7};
        size_t fl[2] = {len, len / 2};
        key_of(&whole, f, fl, 2);
        for (size_t step = 1; step <= 70; step += (len > 1000 ? 23 : 1)) {
            hugi_sent_key_init(&parts);
            for (int j = 0; j < 2; j++) {
                hugi_sent_key_begin(&parts);
                for (size_t at = 0; at < fl[j];) {
                    size_t n = step == 70 ? 1 + rnd() % 97 : step;
                    if (n > fl[j] - at)
                        n = fl[j] - at;
                    hugi_sent_key_more(&parts, f[j] + at, n);
                    at += n;
                }
                hugi_sent_key_end(&parts);
            }
            assert_true(same_key(&whole, &parts));
        }
    }
    free(buf);
}

/* Any one byte changed, a byte more or less (a zero byte too: the last stripe is zero-padded),
 * two files swapped or split differently: another key, in every one of its four words. */
static void test_key_changes(void **state)
{
    (void)state;
    unsigned char a[200], b[200];
    for (size_t i = 0; i < sizeof(a); i++)
        a[i] = (unsigned char)rnd();
    struct hugi_sent_key k0, k1;
    for (size_t len = 1; len <= sizeof(a); len += 13) {
        const unsigned char *f[1] = {a};
        size_t fl[1] = {len};
        key_of(&k0, f, fl, 1);
        for (size_t at = 0; at < len; at++) {
            memcpy(b, a, len);
            b[at] ^= (unsigned char)(1u << (at % 8));
            const unsigned char *g[1] = {b};
            key_of(&k1, g, fl, 1);
            for (int j = 0; j < 4; j++)
                assert_true(k0.h[j] != k1.h[j]);
        }
        /* one zero byte more */
        memcpy(b, a, len);
        b[len] = 0;
        const unsigned char *g[1] = {b};
        size_t gl[1] = {len + 1};
        key_of(&k1, g, gl, 1);
        assert_false(same_key(&k0, &k1));
        gl[0] = len - 1;
        key_of(&k1, g, gl, 1);
        assert_false(same_key(&k0, &k1));
    }
    /* order and the split between files */
    const unsigned char *f2[2] = {a, a + 100};
    size_t l2[2] = {100, 100};
    key_of(&k0, f2, l2, 2);
    const unsigned char *g2[2] = {a + 100, a};
    key_of(&k1, g2, l2, 2);
    assert_false(same_key(&k0, &k1));
    size_t m2[2] = {99, 101};
    const unsigned char *h2[2] = {a, a + 99};
    key_of(&k1, h2, m2, 2);
    assert_false(same_key(&k0, &k1));
    /* an empty file more */
    const unsigned char *f3[3] = {a, a + 100, a};
    size_t l3[3] = {100, 100, 0};
    key_of(&k1, f3, l3, 3);
    assert_false(same_key(&k0, &k1));
}

/* hugi_tm_image_sum by its definition, one lane at a time (what the SSE2 loop must equal). */
static uint64_t rotl(uint64_t x, int r)
{
    return (x << r) | (x >> (64 - r));
}

static uint64_t image_sum_ref(const unsigned char *p, size_t len, uint64_t seed)
{
    const uint64_t P1 = 0x9E3779B185EBCA87ULL, P2 = 0xC2B2AE3D27D4EB4FULL,
                   P3 = 0x165667B19E3779F9ULL, K0 = 0x9FB21C651E98DF25ULL,
                   K1 = 0xC3A5C85C97CB3127ULL, K2 = 0xB492B66FBE98F273ULL,
                   K3 = 0x9AE16A3B2F90404FULL, STEP = 0xD6E8FEB86659FD93ULL;
    uint64_t acc[4] = {seed ^ P1, seed ^ P2, seed ^ P3, seed ^ K3};
    uint64_t key[4] = {K0, K1, K2, K3 ^ seed};
    for (size_t i = 0; i < len; i += 32) {
        unsigned char s[32] = {0};
        memcpy(s, p + i, len - i < 32 ? len - i : 32);
        uint64_t d[4];
        for (int j = 0; j < 4; j++) {
            d[j] = 0;
            for (int b = 7; b >= 0; b--)
                d[j] = d[j] << 8 | s[8 * j + b];
        }
        for (int j = 0; j < 4; j++) {
            uint64_t k = d[j] ^ key[j];
            acc[j] += d[j ^ 1] + (k & 0xFFFFFFFFu) * (k >> 32);
            key[j] += STEP;
        }
    }
    uint64_t h = rotl(acc[0], 1) + rotl(acc[1], 7) + rotl(acc[2], 12) + rotl(acc[3], 18);
    h ^= (uint64_t)len * P1;
    h ^= h >> 33;
    h *= P2;
    h ^= h >> 29;
    h *= P3;
    h ^= h >> 32;
    return h;
}

/* The image checksum equals its definition for every length to 300 and at every alignment,
 * and changes with one bit anywhere, two stripes swapped, the top bits of two words of a lane
 * flipped, the halves of a word swapped, a zero byte more, and the seed. */
static void test_image_sum(void **state)
{
    (void)state;
    size_t big = 5000;
    unsigned char *buf = malloc(big + 8);
    for (size_t i = 0; i < big + 8; i++)
        buf[i] = (unsigned char)rnd();
    for (size_t len = 0; len <= 300; len++)
        for (size_t off = 0; off < 8; off += (len < 100 ? 1 : 7))
            assert_true(hugi_tm_image_sum(buf + off, len, 3) == image_sum_ref(buf + off, len, 3));
    assert_true(hugi_tm_image_sum(buf, big, 7) == image_sum_ref(buf, big, 7));
    uint64_t h0 = hugi_tm_image_sum(buf, big, 3);
    assert_true(hugi_tm_image_sum(buf, big, 4) != h0);
    unsigned char *c = malloc(big + 1);
    for (size_t at = 0; at < big; at += 13) {
        memcpy(c, buf, big);
        c[at] ^= (unsigned char)(1u << (at % 8));
        assert_true(hugi_tm_image_sum(c, big, 3) != h0);
    }
    /* stripes 3 and 9 swapped; 3 and 4 */
    for (int t = 0; t < 2; t++) {
        size_t a = 3 * 32, b = (t ? 4 : 9) * 32;
        memcpy(c, buf, big);
        memcpy(c + a, buf + b, 32);
        memcpy(c + b, buf + a, 32);
        assert_true(hugi_tm_image_sum(c, big, 3) != h0);
    }
    /* bit 63 of word 0 in stripes 2 and 4 */
    memcpy(c, buf, big);
    c[2 * 32 + 7] ^= 0x80;
    c[4 * 32 + 7] ^= 0x80;
    assert_true(hugi_tm_image_sum(c, big, 3) != h0);
    /* the two halves of word 1 of stripe 5 swapped */
    memcpy(c, buf, big);
    memcpy(c + 5 * 32 + 8, buf + 5 * 32 + 12, 4);
    memcpy(c + 5 * 32 + 12, buf + 5 * 32 + 8, 4);
    assert_true(hugi_tm_image_sum(c, big, 3) != h0);
    /* a zero byte more */
    memcpy(c, buf, big);
    c[big] = 0;
    assert_true(hugi_tm_image_sum(c, big + 1, 3) != h0);
    free(c);
    free(buf);
}

static const char small_lex[] = "good\t2.0\nbad\t-2.0\ngreat\t1.5\nnot\t0\tany,negator\n"
                                "좋아\t1.0\n별로\t-1.0\n";

static struct hugi_sent *tsv_model(const char *lex)
{
    struct hugi_err err;
    struct hugi_sent *m = hugi_sent_new();
    assert_int_equal(hugi_sent_load_mem(m, lex, strlen(lex), "lex", &err), HUGI_OK);
    assert_int_equal(hugi_sent_build(m, &err), HUGI_OK);
    return m;
}

static unsigned char *image_of(const char *lex, size_t *len, struct hugi_sent_key *k)
{
    struct hugi_err err;
    struct hugi_sent *m = tsv_model(lex);
    hugi_sent_key_init(k);
    hugi_sent_key_add(k, lex, strlen(lex));
    struct hugi_buf b;
    hugi_buf_init(&b, 0);
    assert_int_equal(hugi_sent_image_write(m, k, &b, &err), HUGI_OK);
    hugi_sent_free(m);
    unsigned char *p = malloc(b.len);
    memcpy(p, b.data, b.len);
    *len = b.len;
    hugi_buf_release(&b);
    return p;
}

static double score_of(const struct hugi_sent *m, const char *s)
{
    struct hugi_err err;
    struct hugi_sent_result r;
    hugi_sent_result_init(&r);
    assert_int_equal(hugi_sent_score(m, s, strlen(s), &r, &err), HUGI_OK);
    double v = r.raw;
    hugi_sent_result_release(&r);
    return v;
}

/* A weight changed on a model loaded from an image changes its scores and not the image
 * (mapped read-only in use: a write there would fault); the model frees what it copied. */
static void test_set_weight_copies(void **state)
{
    (void)state;
    size_t len;
    struct hugi_sent_key k;
    struct hugi_err err;
    unsigned char *img = image_of(small_lex, &len, &k);
    unsigned char *before = malloc(len);
    memcpy(before, img, len);
    struct hugi_sent *m = hugi_sent_new();
    assert_int_equal(hugi_sent_image_load_mem(m, &k, img, len, &err), HUGI_OK);
    double good = score_of(m, "good");
    assert_true(good > 0);
    uint32_t id = hugi_tm_dict_find(hugi_sent_dict(m), "good", 4, HUGI_TM_POL);
    assert_true(id != UINT32_MAX);
    assert_true(hugi_sent_set_weight(m, id, -3.0f));
    assert_true(score_of(m, "good") < 0);
    assert_true(hugi_sent_set_weight(m, id, 1.0f));
    double again = score_of(m, "good");
    assert_true(again > 0 && again < good);
    assert_memory_equal(img, before, len);
    /* a second model from the same bytes still scores with the image's weight */
    struct hugi_sent *m2 = hugi_sent_new();
    assert_int_equal(hugi_sent_image_load_mem(m2, &k, img, len, &err), HUGI_OK);
    assert_true(score_of(m2, "good") == good);
    hugi_sent_free(m2);
    hugi_sent_free(m);
    free(before);
    free(img);
}

static const char film_lex[] = "good\t2.0\nbad\t-2.0\n좋아\t1.0\n별로\t-1.0\n"
                               "영화\t0.9\tany,tag,tag=film\n배우\t0.5\tany,tag,tag=film\n"
                               "연기\t0.4\tany,tag,tag=film\n앱\t-0.7\tany,tag,tag=film\n"
                               "업데이트\t-0.6\tany,tag,tag=film\n";

static void fix_checksum(unsigned char *b, size_t len)
{
    uint32_t version;
    memcpy(&version, b + 8, 4);
    uint64_t h = hugi_tm_image_sum(b + 32, len - 32, version);
    memcpy(b + 24, &h, 8);
}

/* the offset of image section k (the section table starts at byte 96, 16 bytes a section) */
static uint64_t section_off(const unsigned char *img, int k)
{
    uint64_t off;
    memcpy(&off, img + 96 + 16 * k, 8);
    return off;
}

enum { SEC_EXTRA = 11 };

static const char *const film_texts[] = {"영화 배우 연기 좋아", "앱 업데이트 별로",
                                         "영화는 별로",         "good 영화 영화 영화 배우",
                                         "앱앱앱 bad",          ""};

/* The states' film values come from the image, not from a pass at load: scores equal the
 * TSV-built model's (texts with film terms, on the summed path and with evidence). */
static void test_film_from_image(void **state)
{
    (void)state;
    size_t len;
    struct hugi_sent_key k;
    struct hugi_err err;
    unsigned char *img = image_of(film_lex, &len, &k);
    struct hugi_sent *a = tsv_model(film_lex), *b = hugi_sent_new();
    assert_int_equal(hugi_sent_image_load_mem(b, &k, img, len, &err), HUGI_OK);
    struct hugi_sent_result ra, rb;
    hugi_sent_result_init(&ra);
    hugi_sent_result_init(&rb);
    for (int ev = 0; ev < 2; ev++)
        for (size_t i = 0; i < sizeof(film_texts) / sizeof(film_texts[0]); i++) {
            ra.no_evidence = rb.no_evidence = ev == 0;
            const char *t = film_texts[i];
            assert_int_equal(hugi_sent_score(a, t, strlen(t), &ra, &err), HUGI_OK);
            assert_int_equal(hugi_sent_score(b, t, strlen(t), &rb, &err), HUGI_OK);
            assert_true(ra.raw == rb.raw && ra.score == rb.score);
        }
    hugi_sent_result_release(&ra);
    hugi_sent_result_release(&rb);
    hugi_sent_free(a);
    hugi_sent_free(b);
    free(img);
}

/* A film table that does not fit (behind a valid checksum): refused, the model left empty. */
static void test_film_table_checked(void **state)
{
    (void)state;
    size_t len;
    struct hugi_sent_key k;
    struct hugi_err err;
    unsigned char *img = image_of(film_lex, &len, &k);
    struct hugi_sent *m = hugi_sent_new();
    assert_int_equal(hugi_sent_image_load_mem(m, &k, img, len, &err), HUGI_OK);
    size_t n = hugi_sent_entries(m);
    hugi_sent_free(m);
    size_t fo = (size_t)section_off(img, SEC_EXTRA) + n * 8; /* the per-entry table: 8 bytes */
    uint32_t kind, nv;
    uint64_t nst;
    memcpy(&kind, img + fo, 4);
    memcpy(&nv, img + fo + 4, 4);
    memcpy(&nst, img + fo + 8, 8);
    assert_int_equal(kind, 1); /* indexes into distinct values */
    assert_true(nv > 1 && nst > 10);
    struct {
        size_t at, width;
        uint64_t v;
    } bad[] = {
        {fo, 4, 3},                           /* no such kind */
        {fo, 4, 0},                           /* none, while the rest is there */
        {fo, 4, 2},                           /* plain doubles: another length */
        {fo + 4, 4, 0},                       /* no values */
        {fo + 4, 4, 40000},                   /* more values than an index holds */
        {fo + 4, 4, nv + 1},                  /* another length */
        {fo + 8, 8, nst + 1},                 /* another automaton */
        {fo + 16, 2, nv},                     /* the first state's index out of range */
        {fo + 16 + 2 * (nst - 1), 2, 0xFFFF}, /* the last state's */
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        unsigned char *p = malloc(len);
        memcpy(p, img, len);
        memcpy(p + bad[i].at, &bad[i].v, bad[i].width); /* little-endian */
        fix_checksum(p, len);
        m = hugi_sent_new();
        assert_int_equal(hugi_sent_image_load_mem(m, &k, p, len, &err), HUGI_E_PARSE);
        assert_non_null(strstr(err.msg, "film"));
        assert_int_equal(hugi_sent_entries(m), 0);
        hugi_sent_free(m);
        free(p);
    }
    /* every index at its highest value: accepted */
    unsigned char *p = malloc(len);
    memcpy(p, img, len);
    uint16_t top = (uint16_t)(nv - 1);
    for (uint64_t x = 0; x < nst; x++)
        memcpy(p + fo + 16 + 2 * x, &top, 2);
    fix_checksum(p, len);
    m = hugi_sent_new();
    assert_int_equal(hugi_sent_image_load_mem(m, &k, p, len, &err), HUGI_OK);
    hugi_sent_free(m);
    free(p);
    free(img);
    /* a lexicon without film terms: no table, and nothing else is taken for one */
    img = image_of(small_lex, &len, &k);
    m = hugi_sent_new();
    assert_int_equal(hugi_sent_image_load_mem(m, &k, img, len, &err), HUGI_OK);
    n = hugi_sent_entries(m);
    hugi_sent_free(m);
    fo = (size_t)section_off(img, SEC_EXTRA) + n * 8;
    memcpy(&kind, img + fo, 4);
    assert_int_equal(kind, 0);
    free(img);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_key_chunks),      cmocka_unit_test(test_key_changes),
        cmocka_unit_test(test_image_sum),       cmocka_unit_test(test_set_weight_copies),
        cmocka_unit_test(test_film_from_image), cmocka_unit_test(test_film_table_checked),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
