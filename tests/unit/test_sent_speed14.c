/* SPDX-License-Identifier: MIT
 * Session twelve's walk (speed14; bench/README.md "Session twelve: throughput (speed14)"):
 * hugi_tm_match_split finds a hashed transition (a state of more than 12 children, or the root on
 * a code point above its dense table) in a table whose slot holds a copy of the child's hot
 * record, and goes on from that copy; a state without children carries the children (or hash key),
 * count and failure link of its failure state, so the walk does not read that state's record
 * first. Checked against a brute-force matcher that compares every term with the text at every
 * end: where summed entries end, a position whose state counts exactly them; the not-summed ones
 * listed, each once. Lexicons with states of 1 to 40 children at depths 0 to 3, code points of one
 * to four bytes (four-byte ones at the root are hashed), and random texts over the same alphabet;
 * built, and loaded from an image (the slots are made from the image's hash table then). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hugi/core.h"
#include "hugi/textmatch.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* 40 symbols: ASCII, two-byte, Hangul, four-byte (root transitions above the dense table) */
static const char *const sym[] = {"a",  "b",  "c",  "d",  "e",  "f",  "g",  "h", "i",    "j",
                                  "k",  "l",  "m",  "n",  "é",  "ж",  "ß",  "א", "가",   "나",
                                  "다", "좋", "아", "요", "힣", "中", "ア", "😀", "🙃", "𝄞",
                                  "𐍈",  "🍜",  "o",  "p",  "q",  "r",  "s",  "t", "u",    "v"};

static uint32_t rnd(uint32_t *s)
{
    *s = *s * 1103515245u + 12345u;
    return *s >> 8;
}

/* The lexicon: every symbol alone (the root's children), "x" + each of 40 symbols (a state of
 * 40 children), "y" + the first 13 and "z" + the first 12 (just over and at the scan limit),
 * "좋" + sym + sym for 20 x 14 (depth two with many children), and random terms of 1-4 symbols. */
static size_t make_lexicon(char *lex, size_t cap, uint32_t seed)
{
    size_t o = 0;
    for (size_t k = 0; k < N(sym); k++)
        o += (size_t)snprintf(lex + o, cap - o, "%s\t1\tany\n", sym[k]);
    for (size_t k = 0; k < N(sym); k++)
        o += (size_t)snprintf(lex + o, cap - o, "x%s\t1\tany\n", sym[k]);
    for (size_t k = 0; k < 13; k++)
        o += (size_t)snprintf(lex + o, cap - o, "y%s\t1\tany\n", sym[k]);
    for (size_t k = 0; k < 12; k++)
        o += (size_t)snprintf(lex + o, cap - o, "z%s\t1\tany\n", sym[k]);
    for (size_t j = 0; j < 20; j++)
        for (size_t k = 0; k < 14; k++)
            o += (size_t)snprintf(lex + o, cap - o, "좋%s%s\t1\tany\n", sym[j + 14], sym[k]);
    uint32_t s = seed;
    for (int n = 0; n < 400; n++) {
        char term[64];
        size_t tl = 0;
        for (uint32_t w = 1 + rnd(&s) % 4; w > 0; w--)
            tl += (size_t)snprintf(term + tl, sizeof term - tl, "%s", sym[rnd(&s) % N(sym)]);
        o += (size_t)snprintf(lex + o, cap - o, "%s\t1\tany\n", term);
    }
    return o;
}

/* split against every entry compared at every end of the normalised text */
static void check_text(const struct hugi_tm_dict *d, const char *text)
{
    struct hugi_err err;
    struct hugi_tm_text t;
    hugi_tm_text_init(&t);
    assert_int_equal(hugi_tm_normalize(&t, text, strlen(text), &err), HUGI_OK);
    struct hugi_tm_match *arr = NULL;
    uint32_t *gidx = NULL;
    struct hugi_tm_pos *pos = NULL;
    size_t n = 0, cap = 0, npos = 0, cappos = 0, total = 0;
    assert_int_equal(
        hugi_tm_match_split(d, &t, &arr, &gidx, &n, &cap, &pos, &npos, &cappos, &total, &err),
        HUGI_OK);
    const struct hugi_tm_sum *sums = hugi_tm_dict_sums(d);
    size_t ne = hugi_tm_dict_count(d), p = 0, listed = 0, all = 0;
    for (size_t e = 1; e <= t.len; e++) {
        size_t summed = 0, rest = 0;
        for (uint32_t id = 0; id < ne; id++) {
            const struct hugi_tm_entry *en = hugi_tm_dict_entry(d, id);
            if (en->len == 0 || en->len > e || memcmp(t.s + e - en->len, en->term, en->len) != 0)
                continue;
            if (hugi_tm_dict_summed(d, id)) {
                summed++;
                continue;
            }
            rest++;
            bool found = false;
            for (size_t k = 0; k < n && !found; k++)
                found = arr[k].entry == id && arr[k].end == e && arr[k].start == e - en->len;
            if (!found)
                fail_msg("\"%s\": entry %u ending at %zu not listed", text, id, e);
        }
        size_t here = 0;
        for (size_t k = 0; k < n; k++)
            here += arr[k].end == e;
        if (here != rest)
            fail_msg("\"%s\": %zu listed at %zu, %zu expected", text, here, e, rest);
        listed += here;
        if (summed) {
            if (p >= npos || pos[p].end != e)
                fail_msg("\"%s\": no position at %zu (%zu summed)", text, e, summed);
            if (sums[pos[p].state].cnt != summed)
                fail_msg("\"%s\": position at %zu counts %u, %zu end there", text, e,
                         sums[pos[p].state].cnt, summed);
            p++;
        }
        all += summed + rest;
    }
    assert_int_equal(listed, n);
    assert_int_equal(p, npos);
    assert_int_equal(total, all);
    free(arr);
    free(gidx);
    free(pos);
    hugi_tm_text_release(&t);
}

static void check_dict(const struct hugi_tm_dict *d, uint32_t seed)
{
    char text[512];
    uint32_t s = seed;
    for (int k = 0; k < 300; k++) {
        size_t o = 0;
        for (uint32_t w = rnd(&s) % 40; w > 0; w--) {
            uint32_t r = rnd(&s) % 64;
            /* mostly the lexicon's own symbols, the x/y/z/좋 heads often, now and then a space */
            const char *c = r < 40   ? sym[r]
                            : r < 46 ? "x"
                            : r < 50 ? "y"
                            : r < 54 ? "z"
                            : r < 60 ? "좋"
                                     : " ";
            o += (size_t)snprintf(text + o, sizeof text - o, "%s", c);
        }
        text[o] = 0;
        check_text(d, text);
    }
}

static void test_walk_against_brute_force(void **state)
{
    (void)state;
    static char lex[65536];
    for (uint32_t seed = 1; seed <= 3; seed++) {
        size_t o = make_lexicon(lex, sizeof lex, seed);
        struct hugi_err err;
        struct hugi_tm_dict *d = hugi_tm_dict_new();
        assert_int_equal(hugi_tm_dict_load_mem(d, lex, o, "t", &err), HUGI_OK);
        assert_int_equal(hugi_tm_dict_build(d, &err), HUGI_OK);
        size_t ne = hugi_tm_dict_count(d);
        float *val = malloc(ne * sizeof(*val));
        assert_non_null(val);
        /* all summed, none summed (every match listed), every third */
        for (int mode = 0; mode < 3; mode++) {
            for (size_t i = 0; i < ne; i++)
                val[i] = mode == 0 || (mode == 2 && i % 3 == 0) ? 1.0f : NAN;
            assert_int_equal(hugi_tm_dict_sum_prepare(d, val, NULL, NULL, &err), HUGI_OK);
            check_dict(d, seed * 7 + (uint32_t)mode);
            /* the same from an image: the slots are made from the image's hash table */
            uint8_t key[HUGI_TM_IMAGE_KEY] = {0};
            struct hugi_buf b;
            hugi_buf_init(&b, 0);
            assert_int_equal(hugi_tm_dict_image(d, key, NULL, 0, &b, &err), HUGI_OK);
            void *copy = aligned_alloc(64, (b.len + 63) & ~(size_t)63);
            assert_non_null(copy);
            memcpy(copy, b.data, b.len);
            struct hugi_tm_dict *di = hugi_tm_dict_new();
            assert_int_equal(hugi_tm_dict_load_image(di, copy, b.len, key, NULL, NULL, &err),
                             HUGI_OK);
            check_dict(di, seed * 7 + (uint32_t)mode);
            hugi_tm_dict_free(di);
            free(copy);
            hugi_buf_release(&b);
        }
        free(val);
        hugi_tm_dict_free(d);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_walk_against_brute_force),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
