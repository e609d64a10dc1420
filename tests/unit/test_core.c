/* SPDX-License-Identifier: MIT
 * hugi_core: buffers, UTF-8 repair, JSON escaping, time, the review record's JSONL form. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hugi/core.h"
#include "hugi/review.h"

static void buf_respects_ceiling(void **state)
{
    (void)state;
    struct hugi_buf b;
    hugi_buf_init(&b, 8);
    assert_int_equal(hugi_buf_addstr(&b, "12345678"), HUGI_OK);
    assert_int_equal(hugi_buf_addc(&b, '9'), HUGI_E_LIMIT);
    assert_int_equal(b.len, 8);
    assert_string_equal(b.data, "12345678");
    hugi_buf_reset(&b);
    assert_int_equal(hugi_buf_addf(&b, "%d-%s", 42, "x"), HUGI_OK);
    assert_string_equal(b.data, "42-x");
    hugi_buf_release(&b);
}

static void buf_addf_long(void **state)
{
    (void)state;
    struct hugi_buf b;
    hugi_buf_init(&b, 0);
    char big[1000];
    memset(big, 'a', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    assert_int_equal(hugi_buf_addf(&b, "<%s>", big), HUGI_OK);
    assert_int_equal(b.len, 1001);
    size_t n;
    char *p = hugi_buf_detach(&b, &n);
    assert_int_equal(n, 1001);
    assert_null(b.data);
    free(p);
}

static void arena_allocs(void **state)
{
    (void)state;
    struct hugi_arena *a = hugi_arena_new(64);
    char *s = hugi_arena_strndup(a, "hello", 5);
    void *big = hugi_arena_alloc(a, 1000);
    char *t = hugi_arena_strndup(a, "world", 5);
    assert_non_null(big);
    assert_string_equal(s, "hello");
    assert_string_equal(t, "world");
    assert_int_equal((uintptr_t)big % 16, 0);
    hugi_arena_reset(a);
    assert_non_null(hugi_arena_alloc(a, 10));
    hugi_arena_free(a);
    hugi_arena_free(NULL);
}

static void utf8_repair_replaces_bad_bytes(void **state)
{
    (void)state;
    struct hugi_buf b;
    hugi_buf_init(&b, 0);
    size_t bad = 0;
    /* a lone continuation byte, an overlong '/', a NUL, a truncated Hangul syllable */
    const char in[] = "a\x80"
                      "b\xC0\xAF"
                      "c\0d\xEA\xB0";
    assert_int_equal(hugi_utf8_repair(in, sizeof in - 1, &b, &bad), HUGI_OK);
    assert_int_equal(bad, 5);
    assert_string_equal(b.data, "a\xEF\xBF\xBD"
                                "b\xEF\xBF\xBD\xEF\xBF\xBD"
                                "cd\xEF\xBF\xBD\xEF\xBF\xBD");
    assert_true(hugi_utf8_valid(b.data, b.len));
    hugi_buf_release(&b);
}

static void utf8_nfc_composes_jamo(void **state)
{
    (void)state;
    /* 한 as conjoining jamo (U+1112 U+1161 U+11AB) composes to U+D55C */
    const char in[] = "\xE1\x84\x92\xE1\x85\xA1\xE1\x86\xAB";
    char *out;
    size_t n;
    assert_int_equal(hugi_utf8_nfc(in, sizeof in - 1, &out, &n, NULL), HUGI_OK);
    assert_string_equal(out, "\xED\x95\x9C");
    assert_int_equal(hugi_utf8_ncp(out, n), 1);
    free(out);
}

static void utf8_prefix_keeps_boundaries(void **state)
{
    (void)state;
    const char *s = "가나다abc";
    assert_int_equal(hugi_utf8_prefix(s, strlen(s), 2), 6);
    assert_int_equal(hugi_utf8_prefix(s, strlen(s), 4), 10);
    assert_int_equal(hugi_utf8_prefix(s, strlen(s), 100), strlen(s));
}

static void json_escapes(void **state)
{
    (void)state;
    struct hugi_buf b;
    hugi_buf_init(&b, 0);
    const char in[] = "q\"b\\n\n\x01\xE2\x80\xA8\xFF";
    assert_int_equal(hugi_json_str(&b, in, sizeof in - 1), HUGI_OK);
    assert_string_equal(b.data, "\"q\\\"b\\\\n\\n\\u0001\\u2028\xEF\xBF\xBD\"");
    hugi_buf_reset(&b);
    hugi_json_num(&b, 4.5);
    hugi_buf_addc(&b, ' ');
    hugi_json_num(&b, 3);
    hugi_buf_addc(&b, ' ');
    hugi_json_num(&b, NAN);
    hugi_buf_addc(&b, ' ');
    hugi_json_num(&b, 0.1);
    hugi_buf_addc(&b, ' ');
    /* far outside long long: printed as a float, never converted (UB that UBSan reports) */
    hugi_json_num(&b, 1.2e80);
    hugi_buf_addc(&b, ' ');
    hugi_json_num(&b, -9.5e18);
    assert_string_equal(b.data, "4.5 3 null 0.1 1.2e+80 -9.5e+18");
    hugi_buf_release(&b);
}

/* hugi_json_num searches the shortest precision by halves; it must print what trying every
 * precision from 6 up prints, on any double: random bit patterns, floats widened (they need
 * more digits as doubles), powers of two and their neighbours (the rounding interval is
 * lopsided there), decimals of a few digits. */
static void json_num_linear(double v, char *tmp, size_t n)
{
    for (int prec = 6; prec <= 17; prec++) {
        snprintf(tmp, n, "%.*g", prec, v);
        if (strtod(tmp, NULL) == v)
            return;
    }
}

static void json_num_shortest(void **state)
{
    (void)state;
    struct hugi_buf b;
    hugi_buf_init(&b, 0);
    uint64_t s = 0x9E3779B97F4A7C15u;
    int checked = 0;
    for (int i = 0; i < 40000; i++) {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        double v;
        switch (i % 5) {
        case 0:
            memcpy(&v, &s, sizeof v);
            break;
        case 1: {
            uint32_t x = (uint32_t)s;
            float f;
            memcpy(&f, &x, sizeof f);
            v = f;
            break;
        }
        case 2:
            v = ldexp(1.0, (int)(s % 2000) - 1000);
            break;
        case 3:
            v = (double)((int64_t)(s % 2000001) - 1000000) / 1000.0;
            break;
        default:
            v = nextafter(ldexp(1.0, (int)(s % 200) - 100), (s & 1) ? 0.0 : 1e300);
        }
        if (!isfinite(v) || (fabs(v) < 1e15 && v == (double)(long long)v))
            continue;
        char want[40];
        json_num_linear(v, want, sizeof want);
        hugi_buf_reset(&b);
        assert_int_equal(hugi_json_num(&b, v), HUGI_OK);
        assert_string_equal(b.data, want);
        checked++;
    }
    assert_true(checked > 30000);
    hugi_buf_release(&b);
}

static void time_iso_roundtrip(void **state)
{
    (void)state;
    int64_t t;
    char out[21];
    assert_true(hugi_time_parse_iso("2024-01-15T09:30:00+09:00", 25, &t));
    hugi_time_format(t, out);
    assert_string_equal(out, "2024-01-15T00:30:00Z");
    assert_true(hugi_time_parse_iso("2024-02-29", 10, &t));
    hugi_time_format(t, out);
    assert_string_equal(out, "2024-02-29T00:00:00Z");
    assert_false(hugi_time_parse_iso("2023-02-29", 10, &t));
    assert_false(hugi_time_parse_iso("2024-01-15T25:00", 16, &t));
    assert_false(hugi_time_parse_iso("2024-01-15x", 11, &t));
    assert_true(hugi_time_parse_iso("1969-12-31T23:59:59.5Z", 22, &t));
    assert_int_equal(t, -1);
    hugi_time_format(t, out);
    assert_string_equal(out, "1969-12-31T23:59:59Z");
}

/* A display zone moves the clock and, across midnight, the date (and the year); the label says
 * which zone it is. */
static void time_format_zone_crosses_days(void **state)
{
    (void)state;
    int64_t t;
    char out[28], zone[8];
    assert_true(hugi_time_parse_iso("2026-01-15T10:00:00Z", 20, &t));
    hugi_time_format_zone(t, 9 * 3600, out);
    assert_string_equal(out, "2026-01-15 19:00 KST");
    hugi_time_format_zone(t, 0, out);
    assert_string_equal(out, "2026-01-15 10:00 UTC");
    /* 15:00 UTC is past midnight in Seoul: the next day */
    assert_true(hugi_time_parse_iso("2026-01-15T15:00:00Z", 20, &t));
    hugi_time_format_zone(t, 9 * 3600, out);
    assert_string_equal(out, "2026-01-16 00:00 KST");
    /* 14:59:59 UTC is still the same day there; seconds are not shown */
    hugi_time_format_zone(t - 1, 9 * 3600, out);
    assert_string_equal(out, "2026-01-15 23:59 KST");
    /* west of UTC, early UTC hours are the day before; the year too on 1 January */
    assert_true(hugi_time_parse_iso("2026-01-01T04:59:00Z", 20, &t));
    hugi_time_format_zone(t, -5 * 3600, out);
    assert_string_equal(out, "2025-12-31 23:59 -05:00");
    hugi_time_format_zone(t + 60, -5 * 3600, out);
    assert_string_equal(out, "2026-01-01 00:00 -05:00");
    /* half-hour zones and a leap day reached from the day after */
    assert_true(hugi_time_parse_iso("2024-02-29T20:00:00Z", 20, &t));
    hugi_time_format_zone(t, 5 * 3600 + 1800, out);
    assert_string_equal(out, "2024-03-01 01:30 +05:30");
    assert_true(hugi_time_parse_iso("2024-03-01T02:00:00Z", 20, &t));
    hugi_time_format_zone(t, -10 * 3600, out);
    assert_string_equal(out, "2024-02-29 16:00 -10:00");
    hugi_time_format_zone(HUGI_NO_TIME, 9 * 3600, out);
    assert_string_equal(out, "");
    hugi_tz_label(-(3 * 3600 + 1800), zone);
    assert_string_equal(zone, "-03:30");
    hugi_tz_label(14 * 3600, zone);
    assert_string_equal(zone, "+14:00");
}

static void review_json_roundtrip(void **state)
{
    (void)state;
    struct hugi_review r, back;
    hugi_review_init(&r);
    hugi_review_set(&r.source, "shop", 4);
    hugi_review_set(&r.text, "배송이 \"너무\" 늦어요\n", strlen("배송이 \"너무\" 늦어요\n"));
    hugi_review_set(&r.author, "김*", strlen("김*"));
    r.rating = 2;
    hugi_time_parse_iso("2024-01-15", 10, &r.date);
    r.likes = 3;
    assert_int_equal(hugi_review_ensure_id(&r), HUGI_OK);
    assert_memory_equal(r.id, "h:", 2);
    assert_int_equal(strlen(r.id), 18);

    struct hugi_buf b;
    hugi_buf_init(&b, 0);
    assert_int_equal(hugi_review_to_json(&r, &b), HUGI_OK);
    assert_int_equal(b.data[b.len - 1], '\n');
    struct hugi_err err;
    assert_int_equal(hugi_review_from_json(b.data, b.len, &back, &err), HUGI_OK);
    assert_string_equal(back.text, r.text);
    assert_string_equal(back.id, r.id);
    assert_null(back.product);
    assert_true(back.rating == 2);
    assert_true(back.date == r.date);
    assert_int_equal(back.likes, 3);
    hugi_review_release(&back);
    hugi_review_release(&r);
    hugi_buf_release(&b);
}

static void review_id_is_stable_and_distinct(void **state)
{
    (void)state;
    struct hugi_review a, b;
    hugi_review_init(&a);
    hugi_review_init(&b);
    a.author = hugi_strdup("ab");
    a.text = hugi_strdup("c");
    b.author = hugi_strdup("a");
    b.text = hugi_strdup("bc");
    hugi_review_ensure_id(&a);
    hugi_review_ensure_id(&b);
    assert_string_not_equal(a.id, b.id);
    /* pinned: ids are stored, so the hash must never change between versions */
    assert_string_equal(a.id, "h:3d6bc67d3b25ad43");
    hugi_review_release(&a);
    hugi_review_release(&b);
}

static void review_json_errors_name_the_field(void **state)
{
    (void)state;
    struct hugi_review r;
    struct hugi_err err;
    const char *bad[] = {"{\"text\":\"x\",\"rating\":\"five\"}",
                         "{\"text\":5.5e}",
                         "[1]",
                         "{\"rating\":3}",
                         "{\"text\":\"x\",\"date\":\"yesterday\"}",
                         "{\"text\":\"x\",\"author\":{}}"};
    const char *where[] = {"$.rating", "$", "$", "$.text", "$.date", "$.author"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        hugi_err_clear(&err);
        assert_int_equal(hugi_review_from_json(bad[i], strlen(bad[i]), &r, &err), HUGI_E_PARSE);
        assert_string_equal(err.where, where[i]);
        assert_null(r.text);
    }
}

static void rc_names(void **state)
{
    (void)state;
    assert_string_equal(hugi_rc_name(HUGI_E_PARSE), "parse");
    assert_string_equal(hugi_strerror(HUGI_OK), "success");
    assert_string_equal(hugi_rc_name((hugi_rc)9999), "unknown");
    struct hugi_err e;
    hugi_err_set(&e, HUGI_E_IO, "a.csv:3", "cannot read '%s'", "x");
    char out[300];
    assert_string_equal(hugi_err_format(&e, out, sizeof out), "cannot read 'x' (a.csv:3)");
}

/* hugi_utf8_valid as it was: every code point decoded (hugi_utf8_decode). */
static bool valid_by_decoding(const char *s, size_t len)
{
    uint32_t cp;
    for (size_t i = 0; i < len;) {
        if ((unsigned char)s[i] < 0x80) {
            i++;
            continue;
        }
        size_t n = hugi_utf8_decode(s + i, len - i, &cp);
        if (!n)
            return false;
        i += n;
    }
    return true;
}

/* The byte-range validator (startup17) agrees with decoding: every string of one to three
 * bytes, every four-byte one whose last two bytes are among the edges of the continuation
 * range, and random mixes of valid forms, broken bytes and ASCII runs at every alignment
 * (the eight-byte skip). */
static void utf8_valid_agrees_with_decoding(void **state)
{
    (void)state;
    unsigned char b[64];
    for (uint32_t x = 0; x < (1u << 24); x++) {
        b[0] = (unsigned char)x;
        b[1] = (unsigned char)(x >> 8);
        b[2] = (unsigned char)(x >> 16);
        for (size_t n = (x < 256 ? 1 : x < 65536 ? 2 : 3); n <= 3; n++)
            if (hugi_utf8_valid((char *)b, n) != valid_by_decoding((char *)b, n))
                fail_msg("%zu bytes %02x %02x %02x", n, b[0], b[1], b[2]);
    }
    static const unsigned char edge[] = {0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0xBF, 0xC0, 0xFF};
    for (unsigned c0 = 0; c0 < 256; c0++)
        for (unsigned c1 = 0; c1 < 256; c1++)
            for (size_t e2 = 0; e2 < sizeof edge; e2++)
                for (size_t e3 = 0; e3 < sizeof edge; e3++) {
                    unsigned char q[4] = {(unsigned char)c0, (unsigned char)c1, edge[e2], edge[e3]};
                    assert_int_equal(hugi_utf8_valid((char *)q, 4),
                                     valid_by_decoding((char *)q, 4));
                }
    static const char *const parts[] = {"a",
                                        "hello wo",
                                        "\xea\xb0\x80",
                                        "\xed\x9f\xbf",
                                        "\xed\xa0\x80",
                                        "\xc3\xa9",
                                        "\xf0\x9f\x98\x80",
                                        "\xf4\x90\x80\x80",
                                        "\xe0\x9f\xbf",
                                        "\x80",
                                        "\xff",
                                        "\xe1\x80",
                                        " ",
                                        "12345678"};
    uint32_t r = 7;
    for (int t = 0; t < 200000; t++) {
        size_t n = 0;
        while (n < 40) {
            r = r * 1103515245u + 12345u;
            const char *p = parts[(r >> 8) % (sizeof parts / sizeof parts[0])];
            size_t k = strlen(p);
            if ((r >> 20) % 8 == 0 && t % 3 == 0)
                p = parts[0], k = 1; /* mostly valid, so breaks come late */
            memcpy(b + n, p, k);
            n += k;
        }
        for (size_t off = 0; off < 8; off++)
            assert_int_equal(hugi_utf8_valid((char *)b + off, n - off),
                             valid_by_decoding((char *)b + off, n - off));
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(utf8_valid_agrees_with_decoding),
        cmocka_unit_test(buf_respects_ceiling),
        cmocka_unit_test(buf_addf_long),
        cmocka_unit_test(arena_allocs),
        cmocka_unit_test(utf8_repair_replaces_bad_bytes),
        cmocka_unit_test(utf8_nfc_composes_jamo),
        cmocka_unit_test(utf8_prefix_keeps_boundaries),
        cmocka_unit_test(json_escapes),
        cmocka_unit_test(json_num_shortest),
        cmocka_unit_test(time_iso_roundtrip),
        cmocka_unit_test(review_json_roundtrip),
        cmocka_unit_test(review_id_is_stable_and_distinct),
        cmocka_unit_test(review_json_errors_name_the_field),
        cmocka_unit_test(rc_names),
        cmocka_unit_test(time_format_zone_crosses_days),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
