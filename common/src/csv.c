/* SPDX-License-Identifier: MIT
 * CSV reader and writer (see hugi/csv.h for the rules). The reader is two layers: a decoder that
 * turns the input, in whatever encoding it is, into UTF-8 chunk by chunk (iconv for everything
 * but UTF-8), and a byte-at-a-time RFC 4180 state machine over the decoded text. Memory stays flat
 * whatever the file size: one raw chunk, one decoded chunk, one record.
 */
#include "hugi/csv.h"
#include "hugi/transcode.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define CHUNK              65536
#define DEFAULT_MAX_RECORD (16u << 20)
#define MAX_FIELDS         100000

struct field {
    size_t off, len;
};

struct hugi_csv {
    char *name;
    FILE *fp;        /* NULL for memory input */
    bool close_fp;   /* false for stdin */
    const char *mem; /* memory input */
    size_t mem_len, mem_pos;
    bool raw_eof;

    /* raw bytes not yet decoded (an incomplete multibyte sequence at a chunk's end) */
    char raw[CHUNK + 8];
    size_t raw_len;

    enum { ENC_UTF8, ENC_ICONV } enc;
    char enc_name[32];
    iconv_t cd;
    bool detected;

    /* decoded UTF-8 and the parser's position in it */
    struct hugi_buf dec;
    size_t dpos;

    char delim;
    struct hugi_csv_opts opts;
    long line;     /* current line (1-based) */
    long rec_line; /* line where the current record started */
    struct hugi_buf rec;
    struct field *fields;
    size_t nfields, capfields;
    size_t width; /* 0 until the first record */
    size_t bad, warnings;
    hugi_rc ioerr;
    int ioerrno;
};

/* ---- input ------------------------------------------------------------------------------- */

/* Appends up to `want` raw bytes to c->raw; sets raw_eof at the end. */
static hugi_rc read_raw(struct hugi_csv *c, size_t want)
{
    if (c->raw_eof)
        return HUGI_OK;
    if (want > sizeof c->raw - c->raw_len)
        want = sizeof c->raw - c->raw_len;
    if (c->mem) {
        size_t n = c->mem_len - c->mem_pos;
        if (n > want)
            n = want;
        memcpy(c->raw + c->raw_len, c->mem + c->mem_pos, n);
        c->mem_pos += n;
        c->raw_len += n;
        if (c->mem_pos == c->mem_len)
            c->raw_eof = true;
        return HUGI_OK;
    }
    size_t got = 0;
    while (got < want) {
        size_t r = fread(c->raw + c->raw_len + got, 1, want - got, c->fp);
        got += r;
        if (r == 0) {
            if (ferror(c->fp)) {
                c->ioerrno = errno;
                return HUGI_E_IO;
            }
            c->raw_eof = true;
            break;
        }
    }
    c->raw_len += got;
    return HUGI_OK;
}

/* Whether s is valid UTF-8, allowing an incomplete sequence at the very end (a chunk boundary)
 * unless the input ends there. */
static bool utf8_ok_prefix(const char *s, size_t len, bool at_eof)
{
    size_t i = 0;
    while (i < len) {
        unsigned char b = (unsigned char)s[i];
        if (b < 0x80) {
            i++;
            continue;
        }
        uint32_t cp;
        size_t n = hugi_utf8_decode(s + i, len - i, &cp);
        if (n) {
            i += n;
            continue;
        }
        size_t need = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 0;
        if (!at_eof && need && len - i < need) {
            /* truncated by the chunk: the bytes present must still be continuation bytes */
            for (size_t j = i + 1; j < len; j++)
                if (((unsigned char)s[j] & 0xC0) != 0x80)
                    return false;
            return true;
        }
        return false;
    }
    return true;
}

static hugi_rc use_iconv(struct hugi_csv *c, const char *name, struct hugi_err *err)
{
    c->cd = iconv_open("UTF-8", name);
    if (c->cd == (iconv_t)-1) {
        c->cd = NULL;
        return hugi_err_set(err, HUGI_E_ENCODING, c->name, "unsupported encoding '%s'", name);
    }
    c->enc = ENC_ICONV;
    snprintf(c->enc_name, sizeof c->enc_name, "%s", name);
    return HUGI_OK;
}

/* Whether the sample converts from `name` without an invalid sequence. */
static bool converts(const char *name, const char *s, size_t len, bool at_eof)
{
    iconv_t cd = iconv_open("UTF-8", name);
    if (cd == (iconv_t)-1)
        return false;
    char out[4096];
    char *in = (char *)s;
    size_t inleft = len;
    bool ok = true;
    while (inleft > 0) {
        char *o = out;
        size_t oleft = sizeof out;
        size_t r = iconv(cd, &in, &inleft, &o, &oleft);
        if (r != (size_t)-1)
            break;
        if (errno == E2BIG)
            continue;
        if (errno == EINVAL && !at_eof)
            break; /* incomplete at the sample's end */
        ok = false;
        break;
    }
    iconv_close(cd);
    return ok;
}

/* Decides the encoding from the first chunk (BOM, then content), dropping a BOM. */
static hugi_rc detect_encoding(struct hugi_csv *c, struct hugi_err *err)
{
    c->detected = true;
    hugi_rc rc = read_raw(c, CHUNK);
    if (rc)
        return rc;
    const unsigned char *u = (const unsigned char *)c->raw;
    size_t bom = 0;
    const char *enc = NULL;
    if (c->raw_len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
        bom = 3;
        enc = "UTF-8";
    } else if (c->raw_len >= 2 && u[0] == 0xFF && u[1] == 0xFE) {
        bom = 2;
        enc = "UTF-16LE";
    } else if (c->raw_len >= 2 && u[0] == 0xFE && u[1] == 0xFF) {
        bom = 2;
        enc = "UTF-16BE";
    }
    if (bom) {
        memmove(c->raw, c->raw + bom, c->raw_len - bom);
        c->raw_len -= bom;
    }
    if (c->opts.encoding && *c->opts.encoding) {
        const char *e = c->opts.encoding;
        if (!strcasecmp(e, "utf-8") || !strcasecmp(e, "utf8")) {
            snprintf(c->enc_name, sizeof c->enc_name, "UTF-8");
            return HUGI_OK;
        }
        if (!strcasecmp(e, "euc-kr") || !strcasecmp(e, "euckr") || !strcasecmp(e, "uhc"))
            e = "CP949"; /* a superset: seller centres labelled EUC-KR often write CP949 */
        return use_iconv(c, e, err);
    }
    if (enc && !strcmp(enc, "UTF-8")) {
        snprintf(c->enc_name, sizeof c->enc_name, "UTF-8");
        return HUGI_OK;
    }
    if (enc)
        return use_iconv(c, enc, err);
    if (utf8_ok_prefix(c->raw, c->raw_len, c->raw_eof)) {
        snprintf(c->enc_name, sizeof c->enc_name, "UTF-8");
        return HUGI_OK;
    }
    /* UTF-16 without a BOM: text is mostly ASCII, so one byte of each pair is NUL */
    size_t even0 = 0, odd0 = 0, pairs = c->raw_len / 2;
    for (size_t i = 0; i + 1 < c->raw_len; i += 2) {
        even0 += u[i] == 0;
        odd0 += u[i + 1] == 0;
    }
    if (pairs >= 2 && odd0 * 10 >= pairs * 3 && even0 * 10 < pairs)
        return use_iconv(c, "UTF-16LE", err);
    if (pairs >= 2 && even0 * 10 >= pairs * 3 && odd0 * 10 < pairs)
        return use_iconv(c, "UTF-16BE", err);
    if (converts("CP949", c->raw, c->raw_len, c->raw_eof))
        return use_iconv(c, "CP949", err);
    snprintf(c->enc_name, sizeof c->enc_name, "UTF-8"); /* broken UTF-8: repaired downstream */
    return HUGI_OK;
}

/* Decodes c->raw into c->dec (which the parser has fully consumed). */
static hugi_rc decode(struct hugi_csv *c)
{
    hugi_buf_reset(&c->dec);
    c->dpos = 0;
    if (c->enc == ENC_UTF8) {
        hugi_rc rc = hugi_buf_add(&c->dec, c->raw, c->raw_len);
        c->raw_len = 0;
        return rc;
    }
    char *in = c->raw;
    size_t inleft = c->raw_len;
    while (inleft > 0) {
        enum hugi_iconv_stop stop;
        hugi_rc rc = hugi_iconv_run(c->cd, &in, &inleft, &c->dec, &stop);
        if (rc)
            return rc;
        if (stop == HUGI_ICONV_END)
            break;
        if (stop == HUGI_ICONV_INCOMPLETE && !c->raw_eof)
            break; /* an incomplete sequence: wait for the next chunk */
        /* invalid, or a truncated sequence at the end of input: replace one byte and go on */
        rc = hugi_iconv_replace(c->cd, &in, &inleft, &c->dec);
        if (rc)
            return rc;
        c->bad++;
    }
    memmove(c->raw, in, inleft);
    c->raw_len = inleft;
    return HUGI_OK;
}

/* Makes decoded bytes available; false at the end of input or on an I/O error (c->ioerr). */
static bool refill(struct hugi_csv *c)
{
    for (;;) {
        if (c->raw_len == 0 && c->raw_eof)
            return false;
        hugi_rc rc = read_raw(c, CHUNK);
        if (!rc)
            rc = decode(c);
        if (rc) {
            c->ioerr = rc;
            return false;
        }
        if (c->dec.len > 0)
            return true;
        if (c->raw_eof && c->raw_len == 0)
            return false;
    }
}

#define CSV_EOF (-1)
static inline int rd(struct hugi_csv *c)
{
    if (c->dpos == c->dec.len && !refill(c))
        return CSV_EOF;
    return (unsigned char)c->dec.data[c->dpos++];
}
static inline int peek(struct hugi_csv *c)
{
    if (c->dpos == c->dec.len && !refill(c))
        return CSV_EOF;
    return (unsigned char)c->dec.data[c->dpos];
}

/* The delimiter: the most frequent of , TAB ; | on the first line, outside quotes. */
static void detect_delim(struct hugi_csv *c)
{
    static const char cand[] = {',', '\t', ';', '|'};
    size_t counts[4] = {0};
    bool quoted = false;
    for (size_t i = c->dpos; i < c->dec.len; i++) {
        char ch = c->dec.data[i];
        if (ch == '"')
            quoted = !quoted;
        if (quoted)
            continue;
        if (ch == '\n' || ch == '\r')
            break;
        for (int k = 0; k < 4; k++)
            counts[k] += ch == cand[k];
    }
    int best = 0;
    for (int k = 1; k < 4; k++)
        if (counts[k] > counts[best])
            best = k;
    c->delim = cand[best];
}

/* ---- open / free ------------------------------------------------------------------------- */
static hugi_rc csv_new(struct hugi_csv **out, const char *name, const struct hugi_csv_opts *opts,
                       struct hugi_err *err)
{
    struct hugi_csv *c = calloc(1, sizeof *c);
    if (!c)
        return hugi_err_set(err, HUGI_E_NOMEM, name, "out of memory");
    c->name = hugi_strdup(name);
    if (!c->name) {
        free(c);
        return hugi_err_set(err, HUGI_E_NOMEM, name, "out of memory");
    }
    if (opts)
        c->opts = *opts;
    else
        c->opts.check_width = true;
    if (!c->opts.max_record)
        c->opts.max_record = DEFAULT_MAX_RECORD;
    c->delim = c->opts.delim;
    hugi_buf_init(&c->dec, 0);
    hugi_buf_init(&c->rec, c->opts.max_record);
    c->line = 1;
    *out = c;
    return HUGI_OK;
}

hugi_rc hugi_csv_open(struct hugi_csv **out, const char *path, const char *name,
                      const struct hugi_csv_opts *opts, struct hugi_err *err)
{
    *out = NULL;
    bool is_stdin = !strcmp(path, "-");
    if (!name)
        name = is_stdin ? "(stdin)" : path;
    FILE *fp = is_stdin ? stdin : fopen(path, "rb");
    if (!fp) {
        int e = errno;
        hugi_rc rc = hugi_err_set(err, e == ENOENT ? HUGI_E_NOTFOUND : HUGI_E_IO, name,
                                  "cannot open: %s", strerror(e));
        if (err)
            err->sys_errno = e;
        return rc;
    }
    struct hugi_csv *c = NULL;
    hugi_rc rc = csv_new(&c, name, opts, err);
    if (rc) {
        if (!is_stdin)
            fclose(fp);
        return rc;
    }
    c->fp = fp;
    c->close_fp = !is_stdin;
    *out = c;
    return HUGI_OK;
}

hugi_rc hugi_csv_open_mem(struct hugi_csv **out, const char *name, const char *data, size_t len,
                          const struct hugi_csv_opts *opts, struct hugi_err *err)
{
    *out = NULL;
    struct hugi_csv *c = NULL;
    hugi_rc rc = csv_new(&c, name ? name : "(memory)", opts, err);
    if (rc)
        return rc;
    c->mem = data ? data : "";
    c->mem_len = data ? len : 0;
    if (c->mem_len == 0)
        c->raw_eof = true;
    *out = c;
    return HUGI_OK;
}

void hugi_csv_free(struct hugi_csv *c)
{
    if (!c)
        return;
    if (c->close_fp && c->fp)
        fclose(c->fp);
    if (c->cd)
        iconv_close(c->cd);
    hugi_buf_release(&c->dec);
    hugi_buf_release(&c->rec);
    free(c->fields);
    free(c->name);
    free(c);
}

/* ---- the record parser ------------------------------------------------------------------- */
static hugi_rc end_field(struct hugi_csv *c, size_t start)
{
    if (c->nfields == c->capfields) {
        if (c->capfields >= MAX_FIELDS)
            return HUGI_E_LIMIT;
        size_t ncap = c->capfields ? c->capfields * 2 : 32;
        struct field *nf = realloc(c->fields, ncap * sizeof *nf);
        if (!nf)
            return HUGI_E_NOMEM;
        c->fields = nf;
        c->capfields = ncap;
    }
    c->fields[c->nfields].off = start;
    c->fields[c->nfields].len = c->rec.len - start;
    c->nfields++;
    /* each field NUL-terminated in the record buffer, as a convenience */
    return hugi_buf_addc(&c->rec, '\0');
}

static hugi_rc rec_err(struct hugi_csv *c, struct hugi_err *err, hugi_rc code, long line,
                       const char *fmt, ...) __attribute__((format(printf, 5, 6)));
static hugi_rc rec_err(struct hugi_csv *c, struct hugi_err *err, hugi_rc code, long line,
                       const char *fmt, ...)
{
    char where[300];
    snprintf(where, sizeof where, "%s:%ld", c->name, line);
    va_list ap;
    va_start(ap, fmt);
    hugi_err_setv(err, code, where, fmt, ap);
    va_end(ap);
    return code;
}

enum { S_START, S_UNQUOTED, S_QUOTED, S_AFTER_QUOTE };

hugi_rc hugi_csv_next(struct hugi_csv *c, bool *got, struct hugi_err *err)
{
    *got = false;
    if (!c->detected) {
        hugi_rc rc = detect_encoding(c, err);
        if (rc == HUGI_E_IO)
            return rec_err(c, err, rc, c->line, "cannot read: %s", strerror(c->ioerrno));
        if (rc)
            return rc;
        if (!c->delim) {
            peek(c);
            detect_delim(c);
        }
    }
    const int delim = (unsigned char)c->delim;
    for (;;) {
        hugi_buf_reset(&c->rec);
        c->nfields = 0;
        c->rec_line = c->line;
        bool too_long = false, any_quote = false;
        long quote_line = 0;
        int state = S_START;
        size_t start = 0;
        hugi_rc rc = HUGI_OK;
        bool at_eof = false;
        for (;;) {
            int ch = rd(c);
            if (ch == CSV_EOF) {
                at_eof = true;
                break;
            }
            if (ch == '\r') {
                /* CRLF, or a lone CR (old Mac exports): both end a line */
                if (peek(c) == '\n')
                    c->dpos++;
                ch = '\n';
                c->line++;
            } else if (ch == '\n') {
                c->line++;
            }
            bool eol = false;
            switch (state) {
            case S_START:
                if (ch == '"') {
                    state = S_QUOTED;
                    any_quote = true;
                    quote_line = c->line;
                    continue;
                }
                if (ch == delim) {
                    rc = end_field(c, start);
                    start = c->rec.len;
                    break;
                }
                if (ch == '\n') {
                    eol = true;
                    break;
                }
                state = S_UNQUOTED;
                rc = hugi_buf_addc(&c->rec, (char)ch);
                break;
            case S_UNQUOTED:
                if (ch == delim) {
                    rc = end_field(c, start);
                    start = c->rec.len;
                    state = S_START;
                } else if (ch == '\n') {
                    eol = true;
                } else {
                    rc = hugi_buf_addc(&c->rec, (char)ch);
                }
                break;
            case S_QUOTED:
                if (ch == '"')
                    state = S_AFTER_QUOTE;
                else
                    rc = hugi_buf_addc(&c->rec, (char)ch); /* CRLF inside stays one \n */
                break;
            case S_AFTER_QUOTE:
                if (ch == '"') {
                    rc = hugi_buf_addc(&c->rec, '"');
                    state = S_QUOTED;
                } else if (ch == delim) {
                    rc = end_field(c, start);
                    start = c->rec.len;
                    state = S_START;
                } else if (ch == '\n') {
                    eol = true;
                } else {
                    c->warnings++; /* "abc"def: keep the text, as Excel does */
                    rc = hugi_buf_addc(&c->rec, (char)ch);
                    state = S_UNQUOTED;
                }
                break;
            }
            if (rc == HUGI_E_LIMIT) {
                /* too long: keep reading to the record's end, but store nothing more */
                too_long = true;
                hugi_buf_reset(&c->rec);
                c->nfields = 0;
                start = 0;
                rc = HUGI_OK;
            }
            if (rc)
                return rec_err(c, err, rc, c->rec_line, "out of memory");
            if (eol)
                break;
        }
        if (c->ioerr)
            return rec_err(c, err, c->ioerr, c->line, "cannot read: %s",
                           c->ioerr == HUGI_E_IO ? strerror(c->ioerrno) : "out of memory");
        bool empty = c->nfields == 0 && c->rec.len == 0 && state != S_AFTER_QUOTE && !any_quote;
        if (at_eof && empty && state == S_START)
            return HUGI_OK; /* end of input */
        if (state == S_QUOTED) {
            /* the quote never closed: everything up to the end of input was swallowed */
            c->nfields = 0;
            return rec_err(c, err, HUGI_E_PARSE, quote_line,
                           "unterminated quoted field (opened here, runs to the end of input)");
        }
        if (too_long) {
            c->nfields = 0;
            return rec_err(c, err, HUGI_E_LIMIT, c->rec_line, "record longer than %zu bytes",
                           c->opts.max_record);
        }
        if (empty)
            continue; /* a blank line */
        rc = end_field(c, start);
        if (rc == HUGI_E_LIMIT)
            return rec_err(c, err, rc, c->rec_line, "more than %d fields", MAX_FIELDS);
        if (rc)
            return rec_err(c, err, rc, c->rec_line, "out of memory");
        *got = true;
        if (c->width == 0)
            c->width = c->nfields;
        else if (c->opts.check_width && c->nfields != c->width)
            return rec_err(c, err, HUGI_E_PARSE, c->rec_line, "expected %zu fields, found %zu",
                           c->width, c->nfields);
        return HUGI_OK;
    }
}

size_t hugi_csv_nfields(const struct hugi_csv *c)
{
    return c->nfields;
}

const char *hugi_csv_field(const struct hugi_csv *c, size_t i, size_t *len)
{
    if (i >= c->nfields) {
        if (len)
            *len = 0;
        return NULL;
    }
    if (len)
        *len = c->fields[i].len;
    return c->rec.data + c->fields[i].off;
}

long hugi_csv_line(const struct hugi_csv *c)
{
    return c->rec_line;
}

const char *hugi_csv_encoding(const struct hugi_csv *c)
{
    return c->enc_name[0] ? c->enc_name : "UTF-8";
}

char hugi_csv_delim(const struct hugi_csv *c)
{
    return c->delim;
}

size_t hugi_csv_bad_bytes(const struct hugi_csv *c)
{
    return c->bad;
}

size_t hugi_csv_warnings(const struct hugi_csv *c)
{
    return c->warnings;
}

/* ---- writer ------------------------------------------------------------------------------ */
static bool plain_number(const char *s, size_t len)
{
    size_t i = 0;
    if (i < len && (s[i] == '-' || s[i] == '+'))
        i++;
    size_t digits = 0;
    while (i < len && s[i] >= '0' && s[i] <= '9') {
        i++;
        digits++;
    }
    if (i < len && s[i] == '.') {
        i++;
        while (i < len && s[i] >= '0' && s[i] <= '9') {
            i++;
            digits++;
        }
    }
    if (!digits)
        return false;
    if (i < len && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        if (i < len && (s[i] == '-' || s[i] == '+'))
            i++;
        size_t ed = 0;
        while (i < len && s[i] >= '0' && s[i] <= '9') {
            i++;
            ed++;
        }
        if (!ed)
            return false;
    }
    return i == len;
}

bool hugi_csv_is_formula(const char *s, size_t len)
{
    if (!len || !strchr("=+-@\t\r", s[0]) || s[0] == '\0')
        return false;
    return !plain_number(s, len);
}

hugi_rc hugi_csv_put_field(struct hugi_buf *out, const char *s, size_t len, char delim,
                           unsigned flags)
{
    if (!s || !len)
        return HUGI_OK;
    struct hugi_buf fixed;
    hugi_buf_init(&fixed, 0);
    if (!hugi_utf8_valid(s, len) || memchr(s, '\0', len)) {
        hugi_rc rc = hugi_utf8_repair(s, len, &fixed, NULL);
        if (rc) {
            hugi_buf_release(&fixed);
            return rc;
        }
        s = fixed.data ? fixed.data : "";
        len = fixed.len;
    }
    bool formula = (flags & HUGI_CSV_SAFE) && hugi_csv_is_formula(s, len);
    bool quote = formula && (s[0] == '\t' || s[0] == '\r');
    for (size_t i = 0; i < len && !quote; i++)
        quote = s[i] == delim || s[i] == '"' || s[i] == '\n' || s[i] == '\r';
    if (len && (s[0] == ' ' || s[0] == '\t' || s[len - 1] == ' ' || s[len - 1] == '\t'))
        quote = true;
    hugi_rc rc = HUGI_OK;
    if (quote)
        rc = hugi_buf_addc(out, '"');
    if (!rc && formula)
        rc = hugi_buf_addc(out, '\'');
    size_t from = 0;
    for (size_t i = 0; i < len && !rc && quote; i++) {
        if (s[i] == '"') {
            rc = hugi_buf_add(out, s + from, i + 1 - from); /* the quote, then its double */
            if (!rc)
                rc = hugi_buf_addc(out, '"');
            from = i + 1;
        }
    }
    if (!rc)
        rc = hugi_buf_add(out, s + from, len - from);
    if (!rc && quote)
        rc = hugi_buf_addc(out, '"');
    hugi_buf_release(&fixed);
    return rc;
}

hugi_rc hugi_csv_put_row(struct hugi_buf *out, const char *const *fields, const size_t *lens,
                         size_t n, char delim, unsigned flags)
{
    hugi_rc rc = HUGI_OK;
    for (size_t i = 0; i < n && !rc; i++) {
        if (i)
            rc = hugi_buf_addc(out, delim);
        if (!rc && fields[i])
            rc = hugi_csv_put_field(out, fields[i], lens ? lens[i] : strlen(fields[i]), delim,
                                    flags);
    }
    if (!rc)
        rc = hugi_buf_add(out, "\r\n", 2);
    return rc;
}
