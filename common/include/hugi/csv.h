/* SPDX-License-Identifier: MIT
 * CSV/TSV: a streaming reader for the exports shops actually get (RFC 4180 and its common
 * deviations, in UTF-8, UTF-16 or the Korean CP949/EUC-KR) and a writer for files people open in
 * Excel (UTF-8 BOM, CRLF, formula injection neutralised).
 *
 * Reader rules (RFC 4180 plus what Excel and seller centres write):
 *   - fields separated by the delimiter (detected from the first line: , TAB ; | when not given);
 *     records end at CRLF, LF or a lone CR;
 *   - a field starting with '"' is quoted: delimiters and line breaks inside are data, "" is one
 *     quote; text after the closing quote is kept (lenient) and counted in hugi_csv_warnings();
 *   - a quote inside an unquoted field is data;
 *   - blank lines are skipped;
 *   - encoding: a BOM decides (UTF-8, UTF-16LE/BE); without one, UTF-8 when the first 64 KiB are
 *     valid UTF-8, UTF-16 when they are mostly NUL-interleaved, else CP949 (a superset of EUC-KR)
 *     when they decode as such, else UTF-8. Non-UTF-8 input is converted with iconv; sequences
 *     that do not convert become U+FFFD and are counted. Output fields are UTF-8 (invalid bytes of
 *     UTF-8 input are passed through: repair them where they are stored).
 * Errors name "FILE:LINE" (the line where the record starts). After a record error the reader
 * continues with the next record, so a caller can count bad rows and go on.
 */
#ifndef HUGI_CSV_H
#define HUGI_CSV_H

#include "hugi/core.h"

struct hugi_csv;

struct hugi_csv_opts {
    char delim;           /* 0 = detect */
    const char *encoding; /* NULL = detect; else an iconv name ("utf-8", "cp949", "utf-16le") */
    size_t max_record;    /* bytes of one record, 0 = 16 MiB; longer records are errors */
    bool check_width;     /* a record whose field count differs from the first record's is an
                             error (HUGI_E_PARSE), its fields still readable */
};

/* Opens `path` ("-" = standard input). `name` (may be NULL = path) is used in error locations.
 * opts may be NULL (detect everything, check width). */
hugi_rc hugi_csv_open(struct hugi_csv **out, const char *path, const char *name,
                      const struct hugi_csv_opts *opts, struct hugi_err *err);
/* Reads from memory (borrowed until hugi_csv_free). */
hugi_rc hugi_csv_open_mem(struct hugi_csv **out, const char *name, const char *data, size_t len,
                          const struct hugi_csv_opts *opts, struct hugi_err *err);
void hugi_csv_free(struct hugi_csv *c); /* closes the file; NULL is fine */

/* Reads the next record. *got is false at the end of input (rc HUGI_OK). Errors:
 * HUGI_E_PARSE (width mismatch, unterminated quote at end of input), HUGI_E_LIMIT (record too
 * long: skipped), HUGI_E_IO, HUGI_E_ENCODING (unknown encoding name). *got is true after a width
 * error (the record can be read) and false after the others. */
hugi_rc hugi_csv_next(struct hugi_csv *c, bool *got, struct hugi_err *err);

/* The current record: fields borrowed until the next call. NUL-terminated too, but a field may
 * hold NUL bytes: use len. */
size_t hugi_csv_nfields(const struct hugi_csv *c);
const char *hugi_csv_field(const struct hugi_csv *c, size_t i, size_t *len);
long hugi_csv_line(const struct hugi_csv *c); /* 1-based line where the record starts */

const char *hugi_csv_encoding(const struct hugi_csv *c); /* "UTF-8", "CP949", ...; borrowed */
char hugi_csv_delim(const struct hugi_csv *c);           /* 0 before the first record */
size_t hugi_csv_bad_bytes(const struct hugi_csv *c);     /* sequences replaced by U+FFFD so far */
size_t hugi_csv_warnings(const struct hugi_csv *c);      /* lenient fixes (text after quotes) */

/* ---- writer ------------------------------------------------------------------------------ */
#define HUGI_CSV_BOM "\xEF\xBB\xBF"
enum {
    /* A cell starting with = + - @ TAB or CR is prefixed with ' so that spreadsheets show it as
     * text instead of running it as a formula (OWASP CSV injection). Plain numbers ("-3.5") are
     * left alone. */
    HUGI_CSV_SAFE = 1,
};
/* Appends one field, quoted when it holds the delimiter, a quote, a line break, or white space at
 * either end. Invalid UTF-8 becomes U+FFFD. s may be NULL (empty field). */
hugi_rc hugi_csv_put_field(struct hugi_buf *out, const char *s, size_t len, char delim,
                           unsigned flags);
/* Appends a record: fields[i] (NULL = empty) with lens[i] (lens NULL = strlen), separated by
 * delim, ended by CRLF. */
hugi_rc hugi_csv_put_row(struct hugi_buf *out, const char *const *fields, const size_t *lens,
                         size_t n, char delim, unsigned flags);
/* Whether a cell would be neutralised by HUGI_CSV_SAFE. */
bool hugi_csv_is_formula(const char *s, size_t len);

#endif
