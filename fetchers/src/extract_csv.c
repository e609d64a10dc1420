/* SPDX-License-Identifier: MIT
 * CSV and TSV exports (seller centres, app-store scrapers, Play Console): RFC 4180 quoting with
 * "" escapes and line breaks inside quoted fields, the delimiter guessed from the header line
 * (tab, comma, semicolon), columns mapped to review fields by their names (x_field_for_key).
 * Exact duplicate rows (scrapers re-fetching a page) come out once: the dedupe key is the whole
 * row. A minimal reader of our own: the shared hugi/csv.h had not landed when this was written. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extract_int.h"

#define MAX_COLS 256

struct field {
    const char *s; /* into the input, or into `unq` when it had "" escapes */
    size_t len;
};

struct row {
    struct field f[MAX_COLS];
    int n;
    struct hugi_buf unq[MAX_COLS]; /* unescaped copies, reused */
};

/* Reads one record starting at *pos; returns false at the end of input. */
static bool read_row(const char *s, size_t len, size_t *pos, char delim, struct row *r,
                     size_t *line, bool *oom)
{
    size_t i = *pos;
    if (i >= len)
        return false;
    r->n = 0;
    for (;;) {
        struct field *f = r->n < MAX_COLS ? &r->f[r->n] : NULL;
        if (i < len && s[i] == '"') {
            i++;
            size_t st = i;
            bool esc = false;
            while (i < len) {
                if (s[i] == '"') {
                    if (i + 1 < len && s[i + 1] == '"') {
                        esc = true;
                        i += 2;
                        continue;
                    }
                    break;
                }
                if (s[i] == '\n')
                    (*line)++;
                i++;
            }
            size_t en = i;
            if (i < len)
                i++; /* closing quote */
            /* Anything between the closing quote and the delimiter is kept, as Excel does. */
            size_t tail = i;
            while (i < len && s[i] != delim && s[i] != '\n' && s[i] != '\r')
                i++;
            if (f) {
                if (esc || i > tail) {
                    struct hugi_buf *b = &r->unq[r->n];
                    hugi_buf_reset(b);
                    for (size_t k = st; k < en; k++) {
                        if (s[k] == '"' && k + 1 < en && s[k + 1] == '"')
                            k++;
                        if (hugi_buf_addc(b, s[k]))
                            *oom = true;
                    }
                    if (i > tail && hugi_buf_add(b, s + tail, i - tail))
                        *oom = true;
                    f->s = b->data ? b->data : "";
                    f->len = b->len;
                } else {
                    f->s = s + st;
                    f->len = en - st;
                }
            }
        } else {
            size_t st = i;
            while (i < len && s[i] != delim && s[i] != '\n' && s[i] != '\r')
                i++;
            if (f) {
                f->s = s + st;
                f->len = i - st;
            }
        }
        if (f)
            r->n++;
        if (i < len && s[i] == delim) {
            i++;
            continue;
        }
        if (i < len && s[i] == '\r')
            i++;
        if (i < len && s[i] == '\n')
            i++;
        (*line)++;
        break;
    }
    *pos = i;
    return true;
}

static char guess_delim(const char *s, size_t len)
{
    size_t tabs = 0, commas = 0, semis = 0;
    bool q = false;
    for (size_t i = 0; i < len && s[i] != '\n'; i++) {
        if (s[i] == '"')
            q = !q;
        if (q)
            continue;
        tabs += s[i] == '\t';
        commas += s[i] == ',';
        semis += s[i] == ';';
    }
    if (tabs >= commas && tabs >= semis && tabs)
        return '\t';
    if (semis > commas)
        return ';';
    return ',';
}

hugi_rc x_csv(struct xctx *x, const char *s, size_t len)
{
    char delim = guess_delim(s, len);
    struct row *r = calloc(1, sizeof *r);
    if (!r)
        return HUGI_E_NOMEM;
    for (int i = 0; i < MAX_COLS; i++)
        hugi_buf_init(&r->unq[i], 1 << 24);
    size_t pos = 0, line = 1;
    bool oom = false;
    hugi_rc rc = HUGI_OK;
    /* Column → field, the best-ranked column winning each field. */
    const char *colfield[MAX_COLS] = {0};
    int best[16];
    int bestcol[16];
    static const char *const names[] = {"text", "title", "author", "rating",    "date",   "id",
                                        "url",  "lang",  "likes",  "parent_id", "product"};
    for (int i = 0; i < 16; i++) {
        best[i] = 1 << 20;
        bestcol[i] = -1;
    }
    if (!read_row(s, len, &pos, delim, r, &line, &oom)) {
        rc = x_fail(x, HUGI_E_PARSE, "line 1", "empty CSV");
        goto out;
    }
    int ncols = r->n;
    for (int c = 0; c < ncols; c++) {
        int rank;
        const char *f = x_field_for_key(r->f[c].s, r->f[c].len, &rank);
        if (!f)
            continue;
        for (int k = 0; k < 11; k++) {
            if (strcmp(names[k], f) == 0 && rank < best[k]) {
                best[k] = rank;
                bestcol[k] = c;
            }
        }
    }
    int mapped = 0;
    for (int k = 0; k < 11; k++)
        if (bestcol[k] >= 0) {
            colfield[bestcol[k]] = names[k];
            mapped++;
        }
    if (!mapped) {
        rc = x_fail(x, HUGI_E_PARSE, "line 1",
                    "no column of the header names a review field (text, content, review, ...)");
        goto out;
    }
    for (;;) {
        size_t row_line = line;
        if (!read_row(s, len, &pos, delim, r, &line, &oom))
            break;
        if (oom) {
            rc = HUGI_E_NOMEM;
            break;
        }
        if (r->n == 1 && r->f[0].len == 0)
            continue; /* blank line */
        uint64_t key = HUGI_HASH_SEED;
        for (int c = 0; c < r->n; c++) {
            key = hugi_hash64(r->f[c].s, r->f[c].len, key);
            key = hugi_hash64("\x1f", 1, key);
        }
        struct hugi_review rv;
        hugi_review_init(&rv);
        for (int c = 0; c < r->n && c < ncols && !rc; c++) {
            const char *f = colfield[c];
            if (!f || r->f[c].len == 0)
                continue;
            const char *v = r->f[c].s;
            size_t vl = r->f[c].len;
            if (strcmp(f, "rating") == 0) {
                x_set_rating_text(x, &rv, v, vl);
            } else if (strcmp(f, "date") == 0) {
                rc = x_set_date(x, &rv, v, vl);
            } else if (strcmp(f, "likes") == 0) {
                char tmp[32];
                size_t n = vl < 31 ? vl : 31;
                memcpy(tmp, v, n);
                tmp[n] = 0;
                long l = strtol(tmp, NULL, 10);
                if (l >= 0 && tmp[0] >= '0' && tmp[0] <= '9')
                    rv.likes = l;
            } else {
                char **dst = strcmp(f, "text") == 0      ? &rv.text
                             : strcmp(f, "title") == 0   ? &rv.title
                             : strcmp(f, "author") == 0  ? &rv.author
                             : strcmp(f, "id") == 0      ? &rv.id
                             : strcmp(f, "url") == 0     ? &rv.url
                             : strcmp(f, "lang") == 0    ? &rv.lang
                             : strcmp(f, "product") == 0 ? &rv.product
                                                         : &rv.parent_id;
                rc = x_set(dst, v, vl);
            }
        }
        if (!rc)
            rc = x_id_from_url(&rv);
        if (rc) {
            hugi_review_release(&rv);
            break;
        }
        if (!rv.text && isnan(rv.rating) && !rv.title && !rv.author && !rv.date_raw) {
            char w[32];
            snprintf(w, sizeof w, "line %zu", row_line);
            x_warn(x, w, "row without any review field skipped");
            hugi_review_release(&rv);
            continue;
        }
        /* Exact duplicate rows are a scraper's re-fetch; but a row with only a text says
         * nothing about who wrote it, and two customers may write the same words. */
        bool anonymous = !rv.id && !rv.author && !rv.date_raw;
        rc = x_emit_in(x, &rv, key, anonymous ? X_NO_DEDUPE : X_ANY_CONTAINER);
        if (rc)
            break;
    }
out:
    for (int i = 0; i < MAX_COLS; i++)
        hugi_buf_release(&r->unq[i]);
    free(r);
    return rc;
}
