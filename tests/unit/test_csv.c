/* SPDX-License-Identifier: MIT
 * The CSV reader (quotes, embedded line breaks, CRLF, BOMs, UTF-16, CP949, delimiters, ragged
 * rows, chunk boundaries, limits) and the writer (quoting, formula neutralisation). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "hugi/csv.h"
#include "hugi/transcode.h"

/* Reads all records of `data` into one string: fields joined by '|', records by '\n'; errors as
 * "!where msg". */
static char *dump(const char *data, size_t len, const struct hugi_csv_opts *o)
{
    struct hugi_csv *c;
    struct hugi_err err;
    assert_int_equal(hugi_csv_open_mem(&c, "t.csv", data, len, o, &err), HUGI_OK);
    struct hugi_buf b;
    hugi_buf_init(&b, 0);
    hugi_buf_addstr(&b, "");
    for (int guard = 0; guard < 100000; guard++) {
        bool got;
        hugi_err_clear(&err);
        hugi_rc rc = hugi_csv_next(c, &got, &err);
        if (rc) {
            hugi_buf_addf(&b, "!%s %s\n", err.where, err.msg);
            if (!got) {
                if (rc == HUGI_E_PARSE && strstr(err.msg, "unterminated"))
                    break;
                continue;
            }
        }
        if (!got)
            break;
        for (size_t i = 0; i < hugi_csv_nfields(c); i++) {
            size_t fl;
            const char *f = hugi_csv_field(c, i, &fl);
            if (i)
                hugi_buf_addc(&b, '|');
            hugi_buf_add(&b, f, fl);
        }
        hugi_buf_addf(&b, "@%ld\n", hugi_csv_line(c));
    }
    hugi_csv_free(c);
    return hugi_buf_detach(&b, NULL);
}

static void check(const char *data, const char *want)
{
    char *got = dump(data, strlen(data), NULL);
    assert_string_equal(got, want);
    free(got);
}

static void test_basic_quotes_newlines(void **state)
{
    (void)state;
    check("a,b,c\n1,2,3\n", "a|b|c@1\n1|2|3@2\n");
    check("a,b\n\"x, y\",\"say \"\"hi\"\"\"\n", "a|b@1\nx, y|say \"hi\"@2\n");
    /* an embedded line break: the next record's line number counts it */
    check("a,b\n\"line1\nline2\",z\nq,r\n", "a|b@1\nline1\nline2|z@2\nq|r@4\n");
    /* CRLF everywhere, also inside quotes (becomes \n) */
    check("a,b\r\n\"x\r\ny\",2\r\n", "a|b@1\nx\ny|2@2\n");
    /* lone CR line ends */
    check("a,b\r1,2\r", "a|b@1\n1|2@2\n");
    /* no final newline, empty fields, blank lines skipped */
    check("a,b,c\n\n,,\n\n1,,3", "a|b|c@1\n||@3\n1||3@5\n");
    /* a quote inside an unquoted field is data */
    check("a,b\n5\" screen,ok\n", "a|b@1\n5\" screen|ok@2\n");
    /* empty quoted field, and "" alone on a line is a record with one empty field */
    check("a\n\"\"\nx\n", "a@1\n@2\nx@3\n");
}

static void test_lenient_after_quote(void **state)
{
    (void)state;
    struct hugi_csv *c;
    struct hugi_err err;
    const char *d = "a,b\n\"abc\"def,x\n";
    assert_int_equal(hugi_csv_open_mem(&c, "t.csv", d, strlen(d), NULL, &err), HUGI_OK);
    bool got;
    assert_int_equal(hugi_csv_next(c, &got, &err), HUGI_OK);
    assert_int_equal(hugi_csv_next(c, &got, &err), HUGI_OK);
    assert_true(got);
    assert_string_equal(hugi_csv_field(c, 0, NULL), "abcdef");
    assert_int_equal(hugi_csv_warnings(c), 1);
    assert_null(hugi_csv_field(c, 5, NULL));
    hugi_csv_free(c);
}

static void test_ragged_and_unterminated(void **state)
{
    (void)state;
    check("a,b,c\n1,2\n4,5,6\n7,8,9,10\n",
          "a|b|c@1\n!t.csv:2 expected 3 fields, found 2\n1|2@2\n4|5|6@3\n"
          "!t.csv:4 expected 3 fields, found 4\n7|8|9|10@4\n");
    check("a,b\n1,\"never closed\n2,3\n",
          "a|b@1\n!t.csv:2 unterminated quoted field (opened here, runs to the end of input)\n");
    struct hugi_csv_opts o = {.check_width = false};
    char *got = dump("a,b,c\n1,2\n", 10, &o);
    assert_string_equal(got, "a|b|c@1\n1|2@2\n");
    free(got);
}

static void test_delimiters(void **state)
{
    (void)state;
    check("a\tb\tc\n1\t2,5\t3\n", "a|b|c@1\n1|2,5|3@2\n");
    check("a;b\n1;2\n", "a|b@1\n1|2@2\n");
    check("a|b\n1|2\n", "a|b@1\n1|2@2\n");
    /* a comma inside a quoted header does not count */
    check("\"x,y\"\tb\n1\t2\n", "x,y|b@1\n1|2@2\n");
    struct hugi_csv_opts o = {.delim = ';', .check_width = true};
    char *got = dump("a,b;c\n", 6, &o);
    assert_string_equal(got, "a,b|c@1\n");
    free(got);
}

static void test_encodings(void **state)
{
    (void)state;
    /* UTF-8 with BOM */
    check("\xEF\xBB\xBF상품,리뷰\n1,좋아요\n", "상품|리뷰@1\n1|좋아요@2\n");
    /* CP949 without BOM: 상품,리뷰 / 1,배송 느려요 / 2,똠방각하 (똠 is CP949-only) */
    static const char cp949[] = "\xbb\xf3\xc7\xb0,\xb8\xae\xba\xe4\n"
                                "1,\xb9\xe8\xbc\xdb \xb4\xc0\xb7\xc1\xbf\xe4\n"
                                "2,\x8c\x63\xb9\xe6\xb0\xa2\xc7\xcf\n";
    struct hugi_csv *c;
    struct hugi_err err;
    char *got = dump(cp949, sizeof cp949 - 1, NULL);
    assert_string_equal(got, "상품|리뷰@1\n1|배송 느려요@2\n2|똠방각하@3\n");
    free(got);
    assert_int_equal(hugi_csv_open_mem(&c, "t", cp949, sizeof cp949 - 1, NULL, &err), HUGI_OK);
    bool g;
    assert_int_equal(hugi_csv_next(c, &g, &err), HUGI_OK);
    assert_string_equal(hugi_csv_encoding(c), "CP949");
    hugi_csv_free(c);
    /* told it is EUC-KR: read as CP949 all the same */
    struct hugi_csv_opts o = {.encoding = "euc-kr", .check_width = true};
    got = dump(cp949, sizeof cp949 - 1, &o);
    assert_string_equal(got, "상품|리뷰@1\n1|배송 느려요@2\n2|똠방각하@3\n");
    free(got);
    /* UTF-16LE and BE with BOM: "a,후\n1,기\n" */
    static const char le[] = "\xFF\xFE"
                             "a\0,\0\xC4\xD6\n\0"
                             "1\0,\0\x30\xAE\n\0";
    got = dump(le, sizeof le - 1, NULL);
    assert_string_equal(got, "a|후@1\n1|기@2\n");
    free(got);
    static const char be[] = "\xFE\xFF"
                             "\0a\0,\xD6\xC4\0\n"
                             "\0001\0,\xAE\x30\0\n";
    got = dump(be, sizeof be - 1, NULL);
    assert_string_equal(got, "a|후@1\n1|기@2\n");
    free(got);
    /* UTF-16LE without a BOM, detected from the NUL pattern */
    static const char le_nobom[] = "a\0,\0b\0\n\0"
                                   "1\0,\0\xC4\xD6\n\0";
    got = dump(le_nobom, sizeof le_nobom - 1, NULL);
    assert_string_equal(got, "a|b@1\n1|후@2\n");
    free(got);
    /* broken bytes in something that is neither: kept for the store to repair */
    got = dump("a,b\n1,\xff\xfe\xfd x\n", 12, NULL);
    assert_string_equal(got, "a|b@1\n1|\xff\xfe\xfd x@2\n");
    free(got);
    /* CP949 told, and iconv reports the last sequence invalid having consumed it all (glibc
     * does so for \xa2\xe8): one replacement, nothing read past the input */
    o.encoding = "cp949";
    got = dump("E/\xa2\xe8", 4, &o);
    assert_non_null(strstr(got, "E/\xEF\xBF\xBD"));
    free(got);
    /* an encoding iconv does not know */
    o.encoding = "klingon-8";
    assert_int_equal(hugi_csv_open_mem(&c, "t", "a\n", 2, &o, &err), HUGI_OK);
    assert_int_equal(hugi_csv_next(c, &g, &err), HUGI_E_ENCODING);
    hugi_csv_free(c);
}

/* The shared iconv step (hugi/transcode.h) that the CSV reader and the page decoder both use:
 * where it stops, and a replacement that never steps past the input. */
static void test_iconv_steps(void **state)
{
    (void)state;
    iconv_t cd = iconv_open("UTF-8", "CP949");
    assert_true(cd != (iconv_t)-1);
    struct hugi_buf out;
    hugi_buf_init(&out, 0);
    enum hugi_iconv_stop stop;
    /* 후기 then the first byte of a syllable: incomplete, the byte kept for more input */
    char text[] = "\xc8\xc4\xb1\xe2\xb8";
    char *in = text;
    size_t left = 5;
    assert_int_equal(hugi_iconv_run(cd, &in, &left, &out, &stop), HUGI_OK);
    assert_int_equal(stop, HUGI_ICONV_INCOMPLETE);
    assert_int_equal(left, 1);
    assert_string_equal(out.data, "후기");
    /* glibc takes both bytes of \xa2\xe8 and calls them invalid: the replacement must not skip
     * a byte that is not there */
    char tail[] = "\xa2\xe8";
    in = tail;
    left = 2;
    assert_int_equal(hugi_iconv_run(cd, &in, &left, &out, &stop), HUGI_OK);
    if (stop == HUGI_ICONV_INVALID) {
        size_t before = left;
        assert_int_equal(hugi_iconv_replace(cd, &in, &left, &out), HUGI_OK);
        assert_int_equal(left, before ? before - 1 : 0);
        assert_true(in <= tail + 2);
        assert_non_null(strstr(out.data, "\xEF\xBF\xBD"));
    }
    /* an invalid lead byte in the middle: one replacement, then the rest converts */
    char mid[] = "\xff\xb8\xae";
    in = mid;
    left = 3;
    hugi_buf_reset(&out);
    assert_int_equal(hugi_iconv_run(cd, &in, &left, &out, &stop), HUGI_OK);
    assert_int_equal(stop, HUGI_ICONV_INVALID);
    assert_int_equal(hugi_iconv_replace(cd, &in, &left, &out), HUGI_OK);
    assert_int_equal(hugi_iconv_run(cd, &in, &left, &out, &stop), HUGI_OK);
    assert_int_equal(stop, HUGI_ICONV_END);
    assert_int_equal(left, 0);
    assert_string_equal(out.data, "\xEF\xBF\xBD리");
    hugi_buf_release(&out);
    iconv_close(cd);
}

/* Multibyte characters and CRLF split across the 64 KiB chunk boundary, in UTF-8 and CP949. */
static void test_chunk_boundaries(void **state)
{
    (void)state;
    for (int variant = 0; variant < 2; variant++) {
        struct hugi_buf in, want;
        hugi_buf_init(&in, 0);
        hugi_buf_init(&want, 0);
        hugi_buf_addstr(&in, variant ? "\xb8\xae\xba\xe4,n\r\n" : "리뷰,n\r\n");
        hugi_buf_addstr(&want, "리뷰|n@1\n");
        long line = 2;
        for (int i = 0; in.len < 200000; i++) {
            /* vary the record length so the boundary falls on every byte offset */
            int pad = i % 7;
            hugi_buf_addstr(&in, variant ? "\xb9\xe8\xbc\xdb" : "배송");
            hugi_buf_addstr(&want, "배송");
            for (int k = 0; k < pad; k++) {
                hugi_buf_addstr(&in, variant ? "\xc7\xb0" : "품");
                hugi_buf_addstr(&want, "품");
            }
            hugi_buf_addf(&in, ",%d\r\n", i);
            hugi_buf_addf(&want, "|%d@%ld\n", i, line++);
        }
        char *got = dump(in.data, in.len, NULL);
        assert_string_equal(got, want.data);
        free(got);
        hugi_buf_release(&in);
        hugi_buf_release(&want);
    }
}

static void test_record_limit(void **state)
{
    (void)state;
    struct hugi_buf in;
    hugi_buf_init(&in, 0);
    hugi_buf_addstr(&in, "a,b\n1,\"");
    for (int i = 0; i < 5000; i++)
        hugi_buf_addstr(&in, "xxxxxxxxxx\n");
    hugi_buf_addstr(&in, "\"\n2,ok\n");
    struct hugi_csv_opts o = {.max_record = 1000, .check_width = true};
    char *got = dump(in.data, in.len, &o);
    assert_string_equal(got, "a|b@1\n!t.csv:2 record longer than 1000 bytes\n2|ok@5003\n");
    free(got);
    hugi_buf_release(&in);
}

static void test_file_input(void **state)
{
    (void)state;
    char path[] = "/tmp/hugi-test-csv-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    const char *d = "x,y\n1,2\n";
    assert_int_equal(write(fd, d, strlen(d)), (ssize_t)strlen(d));
    close(fd);
    struct hugi_csv *c;
    struct hugi_err err;
    assert_int_equal(hugi_csv_open(&c, path, "in.csv", NULL, &err), HUGI_OK);
    bool got;
    assert_int_equal(hugi_csv_next(c, &got, &err), HUGI_OK);
    assert_int_equal(hugi_csv_next(c, &got, &err), HUGI_OK);
    assert_true(got);
    assert_string_equal(hugi_csv_field(c, 1, NULL), "2");
    assert_int_equal(hugi_csv_next(c, &got, &err), HUGI_OK);
    assert_false(got);
    assert_int_equal(hugi_csv_delim(c), ',');
    hugi_csv_free(c);
    unlink(path);
    assert_int_equal(hugi_csv_open(&c, path, NULL, NULL, &err), HUGI_E_NOTFOUND);
    assert_string_equal(err.where, path);
    /* empty input */
    assert_int_equal(hugi_csv_open_mem(&c, "e", "", 0, NULL, &err), HUGI_OK);
    assert_int_equal(hugi_csv_next(c, &got, &err), HUGI_OK);
    assert_false(got);
    hugi_csv_free(c);
    hugi_csv_free(NULL);
}

static void test_writer(void **state)
{
    (void)state;
    struct hugi_buf b;
    hugi_buf_init(&b, 0);
    const char *row[] = {"plain", "a,b", "say \"hi\"", "two\nlines", NULL, " pad", "한글"};
    assert_int_equal(hugi_csv_put_row(&b, row, NULL, 7, ',', 0), HUGI_OK);
    assert_string_equal(b.data,
                        "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",,\" pad\",한글\r\n");
    hugi_buf_reset(&b);
    const char *evil[] = {"=HYPERLINK(\"http://x\")",
                          "+1+1",
                          "-2+3",
                          "@SUM(A1)",
                          "\tx",
                          "-3.5",
                          "+82",
                          "1e5",
                          "a=b",
                          "-"};
    assert_int_equal(hugi_csv_put_row(&b, evil, NULL, 10, ',', HUGI_CSV_SAFE), HUGI_OK);
    assert_string_equal(b.data, "\"'=HYPERLINK(\"\"http://x\"\")\",'+1+1,'-2+3,'@SUM(A1),"
                                "\"'\tx\",-3.5,+82,1e5,a=b,'-\r\n");
    hugi_buf_reset(&b);
    /* invalid UTF-8 and NUL become U+FFFD / dropped */
    assert_int_equal(hugi_csv_put_field(&b,
                                        "a\xff"
                                        "b",
                                        3, ',', 0),
                     HUGI_OK);
    assert_string_equal(b.data, "a\xEF\xBF\xBD"
                                "b");
    assert_true(hugi_csv_is_formula("=1", 2));
    assert_false(hugi_csv_is_formula("-1", 2));
    assert_false(hugi_csv_is_formula("", 0));
    hugi_buf_release(&b);
}

/* What the writer writes, the reader reads back unchanged. */
static void test_round_trip(void **state)
{
    (void)state;
    const char *row[] = {"id", "리뷰 \"quoted\", with comma", "multi\nline", "", "tab\there"};
    struct hugi_buf b;
    hugi_buf_init(&b, 0);
    hugi_buf_addstr(&b, HUGI_CSV_BOM);
    hugi_csv_put_row(&b, row, NULL, 5, ',', 0);
    hugi_csv_put_row(&b, row, NULL, 5, ',', 0);
    struct hugi_csv *c;
    struct hugi_err err;
    assert_int_equal(hugi_csv_open_mem(&c, "rt", b.data, b.len, NULL, &err), HUGI_OK);
    for (int r = 0; r < 2; r++) {
        bool got;
        assert_int_equal(hugi_csv_next(c, &got, &err), HUGI_OK);
        assert_true(got);
        assert_int_equal(hugi_csv_nfields(c), 5);
        for (size_t i = 0; i < 5; i++)
            assert_string_equal(hugi_csv_field(c, i, NULL), row[i]);
    }
    hugi_csv_free(c);
    hugi_buf_release(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_basic_quotes_newlines),
        cmocka_unit_test(test_lenient_after_quote),
        cmocka_unit_test(test_ragged_and_unterminated),
        cmocka_unit_test(test_delimiters),
        cmocka_unit_test(test_encodings),
        cmocka_unit_test(test_chunk_boundaries),
        cmocka_unit_test(test_record_limit),
        cmocka_unit_test(test_iconv_steps),
        cmocka_unit_test(test_file_input),
        cmocka_unit_test(test_writer),
        cmocka_unit_test(test_round_trip),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
