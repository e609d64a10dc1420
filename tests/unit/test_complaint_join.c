/* SPDX-License-Identifier: MIT
 * The complaint matcher's joined view (hugi_complaint_join_) copies runs of bytes that need no
 * decision 16 at a time; it must give exactly the bytes and source offsets of the byte-by-byte
 * loop it replaced (tests/fuzz/join_ref.h) on every text: here 40,000 texts built from the
 * pieces that decide something (spaces next to letters or not, U+FFFD, 않 before a verb or not,
 * Latin next to Hangul, digits, punctuation), of every length around the 16-byte blocks, raw
 * and normalised. fuzz_complaint_join does the same on any bytes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../complaints/src/internal.h"
#include "../fuzz/join_ref.h"
#include "hugi/textmatch.h"

static const char *const pieces[] = {
    " ",
    " ",
    " ",
    "a",
    "Z",
    "7",
    ".",
    ",",
    "한",
    "글",
    "않",
    "돼",
    "와",
    "안",
    "배",
    "송",
    "\xef\xbf\xbd",
    "ㅋ",
    "é",
    "😀",
    "\xef\xbc\x81",
    "ui",
    "앱",
    "not",
    "않 와",
};

static void compare(const char *s, size_t len)
{
    struct hugi_tm_text t;
    hugi_tm_text_init(&t);
    struct hugi_err err;
    struct hugi_buf out;
    hugi_buf_init(&out, 0);
    uint32_t *src = NULL;
    size_t cap = 0;
    char *od = malloc(2 * len + 8);
    uint32_t *sr = malloc((2 * len + 8) * sizeof *sr);
    assert_non_null(od);
    assert_non_null(sr);
    for (int pass = 0; pass < 2; pass++) {
        struct hugi_tm_text v;
        if (pass == 0) {
            /* raw: any valid text without NUL, runs of spaces and a leading space included */
            hugi_tm_text_init(&v);
            v.s = (char *)s;
            v.len = len;
        } else {
            assert_int_equal(hugi_tm_normalize(&t, s, len, &err), HUGI_OK);
            v = t;
        }
        assert_int_equal(hugi_complaint_join_(&v, &out, &src, &cap), HUGI_OK);
        size_t n = ref_join(v.s, v.len, od, sr);
        assert_int_equal(out.len, n);
        assert_memory_equal(out.data, od, n + 1);
        assert_memory_equal(src, sr, (n + 1) * sizeof *sr);
    }
    free(od);
    free(sr);
    free(src);
    hugi_buf_release(&out);
    hugi_tm_text_release(&t);
}

static void test_join_same_as_byte_loop(void **state)
{
    (void)state;
    uint64_t x = 0x9E3779B97F4A7C15ULL;
    char buf[512];
    size_t npieces = sizeof pieces / sizeof pieces[0];
    for (int i = 0; i < 40000; i++) {
        size_t len = 0;
        size_t want = (size_t)(i % 97);
        while (len < want) {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            const char *p = pieces[x % npieces];
            size_t pl = strlen(p);
            if (len + pl >= sizeof buf)
                break;
            memcpy(buf + len, p, pl);
            len += pl;
        }
        buf[len] = '\0';
        compare(buf, len);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_join_same_as_byte_loop),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
