/* SPDX-License-Identifier: MIT
 * libFuzzer: the CSV reader on arbitrary bytes (every encoding path: BOMs, UTF-16 and CP949
 * detection, iconv errors), and the writer/reader round trip: fields written by hugi_csv_put_row
 * read back unchanged. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "hugi/csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void round_trip(const char *const *f, const size_t *lens, size_t n)
{
    struct hugi_buf out;
    hugi_buf_init(&out, 0);
    hugi_buf_addstr(&out, HUGI_CSV_BOM);
    if (hugi_csv_put_row(&out, f, lens, n, ',', 0)) {
        hugi_buf_release(&out);
        return;
    }
    struct hugi_csv *c;
    struct hugi_csv_opts o = {.delim = ',', .encoding = "utf-8", .check_width = false};
    if (hugi_csv_open_mem(&c, "rt", out.data, out.len, &o, NULL))
        abort();
    bool got;
    if (hugi_csv_next(c, &got, NULL) || !got || hugi_csv_nfields(c) != n)
        abort();
    for (size_t i = 0; i < n; i++) {
        size_t len;
        const char *v = hugi_csv_field(c, i, &len);
        if (len != lens[i] || memcmp(v, f[i], len))
            abort();
    }
    hugi_csv_free(c);
    hugi_buf_release(&out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct hugi_csv *c;
    struct hugi_csv_opts o = {.max_record = 4096, .check_width = true};
    if (size && data[0] == 'E')
        o.encoding = "cp949"; /* also drive iconv with bytes it must reject */
    if (hugi_csv_open_mem(&c, "fuzz.csv", (const char *)data, size, &o, NULL))
        return 0;
    for (int guard = 0; guard < 100000; guard++) {
        bool got;
        struct hugi_err err;
        hugi_rc rc = hugi_csv_next(c, &got, &err);
        if (rc && !strchr(err.where, ':'))
            abort();
        if (!got) {
            if (rc == HUGI_OK || rc == HUGI_E_PARSE || rc == HUGI_E_ENCODING)
                break;
            continue;
        }
        size_t n = hugi_csv_nfields(c);
        if (n < 2 || n > 64)
            continue;
        /* the round trip holds for valid UTF-8 without CR or NUL (CRLF inside a quoted field
         * reads back as LF by design; the writer repairs invalid UTF-8) */
        const char *f[64];
        size_t lens[64];
        bool ok = true;
        for (size_t i = 0; i < n && ok; i++) {
            f[i] = hugi_csv_field(c, i, &lens[i]);
            ok = hugi_utf8_valid(f[i], lens[i]) && !memchr(f[i], '\r', lens[i]) &&
                 !memchr(f[i], '\0', lens[i]);
        }
        if (ok)
            round_trip(f, lens, n);
    }
    hugi_csv_free(c);
    return 0;
}
