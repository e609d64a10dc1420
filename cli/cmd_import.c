/* SPDX-License-Identifier: MIT
 * `hugi import FILE...`: reviews from seller-centre exports (CSV/TSV in UTF-8, UTF-16 or CP949,
 * and hugi's JSONL) into the store.
 *
 * Rules: a bad row is reported as FILE:LINE with the reason and counted, never dropped quietly;
 * --strict turns the first bad row into an abort with nothing imported (the whole import is one
 * transaction then). Otherwise rows are committed in batches, so a killed import keeps what it
 * committed and a rerun finishes the rest: the upsert makes the rows already stored "unchanged",
 * never duplicates. Memory stays flat: one record at a time.
 */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli.h"
#include "hugi/config.h"
#include "hugi/csv.h"
#include "hugi/extract.h"
#include "hugi/review.h"
#include "hugi/store.h"

static const char usage[] =
    "usage: hugi import [options] FILE...\n"
    "\n"
    "Import reviews from seller-centre exports (CSV, TSV or JSONL; '-' reads standard input)\n"
    "into the store. Korean and English column names are recognised (상품번호, 리뷰내용, 평점,\n"
    "작성자, 작성일, 리뷰번호, product_id, review, rating, author, date, id, ...).\n"
    "\n"
    "Options:\n"
    "  -p, --product ID       product of every review (overrides a product column)\n"
    "  -s, --source NAME      source name of every review (default: a source column, else\n"
    "                         'import')\n"
    "  -m, --map COL=FIELD,...  read column COL as FIELD (text, rating, author, date, id,\n"
    "                         product, product_name, title, url, likes, lang, source,\n"
    "                         parent_id, date_raw, fetched_at, or 'ignore'); COL may be #N\n"
    "                         for the N-th column\n"
    "      --scale N          CSV ratings are on a 1..N scale (converted to 1..5; default 5)\n"
    "      --strict           abort at the first bad row, importing nothing\n"
    "  -f, --format FMT       csv, tsv or jsonl (default: from the file name or content)\n"
    "      --encoding ENC     CSV character set (default: detected; utf-8, cp949, utf-16...)\n"
    "      --tz OFFSET        time zone of dates without one, e.g. +09:00 (default UTC)\n"
    "\n"
    "Prints a summary line per file: read, new, edited, unchanged, rejected.\n"
    "Exit: 0 all rows imported, 3 some rows rejected, 1 nothing could be imported or --strict\n"
    "failed, 2 usage or configuration error.\n"
    "\n";

/* ---- the fields a column can fill -------------------------------------------------------- */
/* The order the header is matched in (a column goes to the first field that wants it); the
 * names a header may have come from extract's table (hugi_extract_field_of_name), which
 * `hugi extract` reads too. */
enum field {
    F_PRODUCT = HUGI_XF_PRODUCT,
    F_PRODUCT_NAME = HUGI_XF_PRODUCT_NAME,
    F_ID = HUGI_XF_ID,
    F_TEXT = HUGI_XF_TEXT,
    F_RATING = HUGI_XF_RATING,
    F_AUTHOR = HUGI_XF_AUTHOR,
    F_DATE = HUGI_XF_DATE,
    F_TITLE = HUGI_XF_TITLE,
    F_URL = HUGI_XF_URL,
    F_LIKES = HUGI_XF_LIKES,
    F_LANG = HUGI_XF_LANG,
    F_SOURCE = HUGI_XF_SOURCE,
    F_PARENT_ID = HUGI_XF_PARENT_ID,
    F_DATE_RAW = HUGI_XF_DATE_RAW,
    F_FETCHED_AT = HUGI_XF_FETCHED_AT,
    F_COUNT = HUGI_XF_COUNT,
    F_IGNORE = F_COUNT,
};

/* Lower-cases ASCII and drops ' ', '_', '-', '.', and a BOM or U+FEFF anywhere. */
static void norm_name(const char *s, size_t len, char *out, size_t cap)
{
    size_t n = 0;
    for (size_t i = 0; i < len && n + 1 < cap; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (ch == 0xEF && i + 2 < len && (unsigned char)s[i + 1] == 0xBB &&
            (unsigned char)s[i + 2] == 0xBF) {
            i += 2;
            continue;
        }
        if (ch == ' ' || ch == '_' || ch == '-' || ch == '.' || ch == '\t' || ch == '"')
            continue;
        out[n++] = (char)tolower(ch);
    }
    out[n] = '\0';
}

static int field_by_name(const char *name)
{
    if (!strcmp(name, "ignore") || !strcmp(name, "-"))
        return F_IGNORE;
    for (int f = 0; f < F_COUNT; f++)
        if (!strcmp(hugi_extract_field_name((enum hugi_xfield)f), name))
            return f;
    return -1;
}

/* ---- options and counts ------------------------------------------------------------------ */
struct map_item {
    char *col; /* header name or "#N" */
    int field;
};

struct opts {
    const char *product, *source, *format, *encoding;
    double scale;
    bool strict;
    int64_t tz; /* seconds east of UTC for dates without a zone */
    struct map_item *map;
    size_t nmap;
};

#define IMPORT_PIPE 512

struct job {
    struct opts *o;
    struct hugi_store *store;
    int64_t run_id;
    long batch, in_batch;
    struct hugi_store_counts c;     /* this file */
    struct hugi_store_counts total; /* all files */
    /* new, edited and unchanged as of the last commit: what a rollback leaves stored */
    struct hugi_store_counts committed;
    long date_warnings;
    long shown; /* bad-row messages printed */
    char *last_product_named;
    const char *name; /* file name for messages */
    /* reviews read but not yet stored: they go to the store together (hugi_store_reviews_put,
     * one round trip for many on PostgreSQL) */
    struct hugi_review pend[IMPORT_PIPE];
    long pend_line[IMPORT_PIPE];
    size_t npend;
};

#define MAX_SHOWN 50

static void reject(struct job *j, long line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void reject(struct job *j, long line, const char *fmt, ...)
{
    j->c.rejected++;
    if (j->shown++ >= MAX_SHOWN) {
        if (j->shown == MAX_SHOWN + 1)
            cli_error("more bad rows follow; only the count is shown (%s)", j->name);
        return;
    }
    char msg[600];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (line > 0)
        cli_error("%s (%s:%ld)", msg, j->name, line);
    else
        cli_error("%s (%s)", msg, j->name);
}

/* ---- value parsers ----------------------------------------------------------------------- */

/* A rating as exports write it: "4", "4.5", "4,5", "4점", "4/5", "5 stars", "★★★★☆".
 * Returns false when it is not a rating; *scale_out gets "/N" when present. */
static bool parse_rating(const char *s, size_t len, double *v, double *scale_out)
{
    size_t n;
    s = hugi_str_trim(s, len, &n);
    if (!n)
        return false;
    /* stars: count the filled ones (U+2605), the empty (U+2606) give the scale */
    size_t filled = 0, empty = 0, other = 0;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t k = hugi_utf8_decode(s + i, n - i, &cp);
        if (!k) {
            other++;
            i++;
            continue;
        }
        if (cp == 0x2605)
            filled++;
        else if (cp == 0x2606)
            empty++;
        else if (cp != ' ')
            other++;
        i += k;
    }
    if (filled + empty > 0 && other == 0) {
        *v = (double)filled;
        if (empty)
            *scale_out = (double)(filled + empty);
        return true;
    }
    char num[64];
    size_t i = 0, m = 0;
    if (i < n && (s[i] == '+' || s[i] == '-'))
        num[m++] = s[i++];
    size_t digits = 0;
    while (i < n && m + 1 < sizeof num &&
           (isdigit((unsigned char)s[i]) || s[i] == '.' || s[i] == ',')) {
        if (isdigit((unsigned char)s[i]))
            digits++;
        num[m++] = s[i] == ',' ? '.' : s[i];
        i++;
    }
    num[m] = '\0';
    if (!digits)
        return false;
    char *end;
    double d = strtod(num, &end);
    if (*end || !isfinite(d))
        return false;
    /* what may follow: a unit, or "/N", or "out of N" */
    while (i < n && s[i] == ' ')
        i++;
    const char *rest = s + i;
    size_t rlen = n - i;
    if (rlen && rest[0] == '/') {
        char tmp[32];
        size_t tl = rlen - 1 < sizeof tmp - 1 ? rlen - 1 : sizeof tmp - 1;
        memcpy(tmp, rest + 1, tl);
        tmp[tl] = '\0';
        double sc;
        if (!hugi_parse_double(tmp, &sc) || sc < 1)
            return false;
        *scale_out = sc;
        *v = d;
        return true;
    }
    static const char *const units[] = {"", "점", "개", "stars", "star", "점 만점", "/5"};
    for (size_t u = 0; u < sizeof units / sizeof units[0]; u++) {
        if (strlen(units[u]) == rlen && !strncasecmp(rest, units[u], rlen)) {
            *v = d;
            return true;
        }
    }
    return false;
}

static bool two(const char *s, int *v)
{
    if (!isdigit((unsigned char)s[0]))
        return false;
    *v = s[0] - '0';
    if (isdigit((unsigned char)s[1]))
        *v = *v * 10 + s[1] - '0';
    return true;
}

/* Dates as exports write them: ISO-8601 (with T or a space), 2024.01.15[.] [HH:MM[:SS]],
 * 2024/01/15, 24.01.15, 2024년 1월 15일 [HH:MM], epoch seconds. No zone = `tz`. */
static bool parse_date(const char *s, size_t len, int64_t tz, int64_t *out)
{
    size_t n;
    s = hugi_str_trim(s, len, &n);
    if (!n || n > 64)
        return false;
    if (hugi_time_parse_iso(s, n, out)) {
        /* an explicit zone is honoured by the parser; only zone-less times get tz */
        bool zoned = s[n - 1] == 'Z' || s[n - 1] == 'z' ||
                     (n > 16 && (memchr(s + 16, '+', n - 16) || memchr(s + 16, '-', n - 16)));
        if (!zoned)
            *out -= tz;
        return true;
    }
    char buf[72];
    memcpy(buf, s, n);
    buf[n] = '\0';
    /* all digits: epoch seconds (or milliseconds) */
    bool alldig = true;
    for (size_t i = 0; i < n; i++)
        alldig &= isdigit((unsigned char)buf[i]) != 0;
    if (alldig && n >= 9 && n <= 13) {
        long long v = strtoll(buf, NULL, 10);
        *out = n == 13 ? v / 1000 : v;
        return true;
    }
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, se = 0;
    const char *p = buf;
    /* year */
    int yd = 0;
    while (isdigit((unsigned char)p[yd]))
        yd++;
    if (yd != 4 && yd != 2)
        return false;
    y = atoi(p);
    if (yd == 2)
        y += 2000;
    p += yd;
    bool korean = !strncmp(p, "년", 3);
    if (korean)
        p += 3;
    else if (*p == '.' || *p == '/' || *p == '-')
        p++;
    else
        return false;
    while (*p == ' ')
        p++;
    if (!two(p, &mo))
        return false;
    p += mo >= 10 || (p[0] == '0') ? 2 : 1;
    if (korean) {
        if (strncmp(p, "월", 3))
            return false;
        p += 3;
    } else if (*p == '.' || *p == '/' || *p == '-') {
        p++;
    } else {
        return false;
    }
    while (*p == ' ')
        p++;
    if (!two(p, &d))
        return false;
    p += d >= 10 || p[0] == '0' ? 2 : 1;
    if (korean) {
        if (!strncmp(p, "일", 3))
            p += 3;
    } else if (*p == '.') {
        p++;
    }
    while (*p == ' ')
        p++;
    /* optional weekday in parentheses: (월) (Mon) */
    if (*p == '(') {
        const char *close = strchr(p, ')');
        if (!close)
            return false;
        p = close + 1;
        while (*p == ' ')
            p++;
    }
    bool pm = false, am = false;
    if (!strncmp(p, "오후", 6)) {
        pm = true;
        p += 6;
    } else if (!strncmp(p, "오전", 6)) {
        am = true;
        p += 6;
    }
    while (*p == ' ')
        p++;
    if (*p) {
        if (!two(p, &h))
            return false;
        p += h >= 10 || p[0] == '0' ? 2 : 1;
        if (*p != ':')
            return false;
        p++;
        if (!two(p, &mi) || !isdigit((unsigned char)p[1]))
            return false;
        p += 2;
        if (*p == ':') {
            p++;
            if (!two(p, &se) || !isdigit((unsigned char)p[1]))
                return false;
            p += 2;
        }
        while (*p == ' ')
            p++;
        if (*p)
            return false;
        if (pm && h < 12)
            h += 12;
        if (am && h == 12)
            h = 0;
    }
    if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || se > 60)
        return false;
    static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (d > mdays[mo - 1])
        return false;
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (mo == 2 && d == 29 && !leap)
        return false;
    *out = hugi_time_from_civil(y, mo, d, h, mi, se) - tz;
    return true;
}

/* Converts a rating on 1..scale to 1..5 (linear); false when out of range. */
static bool convert_rating(double v, double scale, double *out)
{
    if (v < 1 - 1e-9 || v > scale + 1e-9)
        return false;
    *out = scale == 5 ? v : 1 + (v - 1) * 4 / (scale - 1);
    *out = round(*out * 1000) / 1000; /* 3 decimals are plenty, and keep output stable */
    return true;
}

/* ---- storing reviews ---------------------------------------------------------------------- */

/* Drops the reviews waiting to be stored (after a failure: the import rolls back). */
static void drop_pending(struct job *j)
{
    for (size_t i = 0; i < j->npend; i++)
        hugi_review_release(&j->pend[i]);
    j->npend = 0;
}

/* Stores the reviews waiting, in their order, and counts them. */
static int flush_pending(struct job *j)
{
    if (!j->npend)
        return 0;
    struct hugi_err err;
    hugi_err_clear(&err);
    enum hugi_store_put_result res[IMPORT_PIPE];
    size_t failed = 0;
    hugi_rc rc =
        hugi_store_reviews_put(j->store, j->pend, j->npend, j->run_id, res, NULL, &failed, &err);
    /* on failure the import rolls back: nothing of this call counts (and res[] is not filled) */
    size_t done = rc ? 0 : j->npend;
    for (size_t i = 0; i < done; i++) {
        if (res[i] == HUGI_STORE_NEW)
            j->c.added++;
        else if (res[i] == HUGI_STORE_EDITED)
            j->c.edited++;
        else
            j->c.unchanged++;
    }
    if (rc) {
        char msg[600];
        hugi_err_format(&err, msg, sizeof msg);
        /* the store's messages mostly say what could not be done already */
        cli_error("%s%s (%s:%ld)", strncmp(msg, "cannot ", 7) ? "cannot store the review: " : "",
                  msg, j->name, j->pend_line[failed]);
    }
    drop_pending(j);
    return rc ? -1 : 0;
}

/* Queues r for the store (taking its fields: r is left empty) and commits every `batch`. */
static int put_review(struct job *j, struct hugi_review *r, const char *product_name, long line)
{
    struct hugi_err err;
    hugi_err_clear(&err);
    if (product_name && r->product &&
        (!j->last_product_named || strcmp(j->last_product_named, r->product))) {
        /* in order with the reviews before it */
        if (flush_pending(j))
            return -1;
        hugi_rc rc = hugi_store_product_put(j->store, r->product, product_name, &err);
        free(j->last_product_named);
        j->last_product_named = hugi_strdup(r->product);
        if (rc) {
            char msg[600];
            hugi_err_format(&err, msg, sizeof msg);
            cli_error("cannot store the review: %s (%s:%ld)", msg, j->name, line);
            return -1;
        }
    }
    j->pend[j->npend] = *r;
    j->pend_line[j->npend++] = line;
    hugi_review_init(r);
    if (j->npend == IMPORT_PIPE && flush_pending(j))
        return -1;
    if (++j->in_batch >= j->batch && !j->o->strict) {
        j->in_batch = 0;
        if (flush_pending(j))
            return -1;
        bool ok = !hugi_store_commit(j->store, &err);
        if (ok) {
            j->committed.added = j->total.added + j->c.added;
            j->committed.edited = j->total.edited + j->c.edited;
            j->committed.unchanged = j->total.unchanged + j->c.unchanged;
        }
        if (!ok || hugi_store_begin(j->store, &err)) {
            cli_error_err("cannot commit", &err);
            return -1;
        }
    }
    return 0;
}

/* Fills the common parts: overrides, defaults, id. */
static hugi_rc finish_review(struct job *j, struct hugi_review *r)
{
    hugi_rc rc = HUGI_OK;
    if (j->o->source)
        rc = hugi_review_set(&r->source, j->o->source, strlen(j->o->source));
    else if (!r->source || !*r->source)
        rc = hugi_review_set(&r->source, "import", 6);
    if (!rc && j->o->product)
        rc = hugi_review_set(&r->product, j->o->product, strlen(j->o->product));
    if (!rc && !r->text)
        rc = hugi_review_set(&r->text, "", 0);
    if (!rc && r->fetched_at == HUGI_NO_TIME)
        r->fetched_at = hugi_now();
    if (!rc)
        rc = hugi_review_ensure_id(r);
    return rc;
}

/* ---- JSONL ------------------------------------------------------------------------------- */
#define MAX_LINE (16u << 20)

static int import_jsonl(struct job *j, FILE *fp)
{
    struct hugi_buf line;
    hugi_buf_init(&line, MAX_LINE);
    long lineno = 0;
    int status = 0;
    char chunk[65536];
    size_t have = 0, pos = 0;
    bool eof = false, too_long = false;
    for (;;) {
        /* one line into `line`, in chunks, so a 1 GB file streams */
        hugi_buf_reset(&line);
        too_long = false;
        bool got_line = false;
        for (;;) {
            if (pos == have) {
                if (eof)
                    break;
                have = fread(chunk, 1, sizeof chunk, fp);
                pos = 0;
                if (have == 0) {
                    eof = true;
                    if (ferror(fp)) {
                        cli_error("cannot read '%s'", j->name);
                        status = -1;
                    }
                    break;
                }
            }
            char *nl = memchr(chunk + pos, '\n', have - pos);
            size_t n = nl ? (size_t)(nl - (chunk + pos)) : have - pos;
            if (!too_long && hugi_buf_add(&line, chunk + pos, n) == HUGI_E_LIMIT) {
                too_long = true;
                hugi_buf_reset(&line);
            }
            pos += n;
            got_line = true;
            if (nl) {
                pos++;
                break;
            }
        }
        if (status || !got_line)
            break;
        lineno++;
        j->c.read++;
        if (too_long) {
            reject(j, lineno, "line longer than %u bytes", MAX_LINE);
            continue;
        }
        char *s = line.data ? line.data : "";
        size_t len = line.len;
        if (lineno == 1 && len >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3)) {
            s += 3;
            len -= 3;
        }
        size_t tl;
        const char *t = hugi_str_trim(s, len, &tl);
        if (tl == 0) {
            j->c.read--; /* blank lines are not records */
            continue;
        }
        struct hugi_review r;
        struct hugi_err err;
        hugi_err_clear(&err);
        hugi_rc rc = hugi_review_from_json(t, tl, &r, &err);
        if (rc == HUGI_E_NOMEM) {
            cli_error("out of memory");
            status = -1;
            break;
        }
        if (rc) {
            if (err.where[0])
                reject(j, lineno, "%s: %s", err.where, err.msg);
            else
                reject(j, lineno, "%s", err.msg);
            continue;
        }
        if (isfinite(r.rating)) {
            double v;
            /* hugi JSONL ratings are on 1..5 already (--scale is for CSV columns) */
            if (!convert_rating(r.rating, 5, &v)) {
                reject(j, lineno, "rating %g out of range 1..5", r.rating);
                hugi_review_release(&r);
                continue;
            }
            r.rating = v;
        }
        rc = finish_review(j, &r);
        if (rc) {
            hugi_review_release(&r);
            cli_error("out of memory");
            status = -1;
            break;
        }
        if (put_review(j, &r, NULL, lineno)) {
            hugi_review_release(&r);
            status = -1;
            break;
        }
        hugi_review_release(&r);
        if (j->o->strict && j->c.rejected)
            break;
    }
    hugi_buf_release(&line);
    return status;
}

/* ---- CSV --------------------------------------------------------------------------------- */
static int import_csv(struct job *j, const char *path, bool tsv)
{
    struct hugi_csv_opts co = {
        .delim = tsv ? '\t' : 0, .encoding = j->o->encoding, .check_width = true};
    struct hugi_csv *csv;
    struct hugi_err err;
    hugi_err_clear(&err);
    if (hugi_csv_open(&csv, path, j->name, &co, &err)) {
        cli_error_err("cannot read the file", &err);
        return -1;
    }
    bool got;
    hugi_rc rc = hugi_csv_next(csv, &got, &err);
    if (rc == HUGI_OK && !got) {
        hugi_csv_free(csv);
        cli_warn("'%s' is empty", j->name);
        return 0;
    }
    if (rc && !got) {
        cli_error_err("cannot read the header", &err);
        hugi_csv_free(csv);
        return -1;
    }
    /* the header: which column fills which field */
    size_t ncol = hugi_csv_nfields(csv);
    int col_of[F_COUNT];
    for (int f = 0; f < F_COUNT; f++)
        col_of[f] = -1;
    char(*names)[128] = calloc(ncol ? ncol : 1, sizeof *names);
    bool *taken = calloc(ncol ? ncol : 1, sizeof *taken);
    if (!names || !taken) {
        free(names);
        free(taken);
        hugi_csv_free(csv);
        cli_error("out of memory");
        return -1;
    }
    for (size_t i = 0; i < ncol; i++) {
        size_t len;
        const char *h = hugi_csv_field(csv, i, &len);
        norm_name(h, len, names[i], sizeof names[i]);
    }
    int status = 0;
    for (size_t m = 0; m < j->o->nmap; m++) {
        const char *col = j->o->map[m].col;
        long idx = -1;
        if (col[0] == '#') {
            long v;
            if (hugi_parse_long(col + 1, &v) && v >= 1 && (size_t)v <= ncol)
                idx = v - 1;
        } else {
            char want[128];
            norm_name(col, strlen(col), want, sizeof want);
            for (size_t i = 0; i < ncol && idx < 0; i++)
                if (!strcmp(names[i], want))
                    idx = (long)i;
        }
        if (idx < 0) {
            cli_error("--map: no column '%s' in the header of '%s'", col, j->name);
            status = -2;
            break;
        }
        taken[idx] = true;
        if (j->o->map[m].field != F_IGNORE)
            col_of[j->o->map[m].field] = (int)idx;
    }
    /* each header's field and rank by the shared table; per field the best-ranked column not
     * taken by --map, in the order of enum field */
    for (int f = 0; f < F_COUNT && !status; f++) {
        int best = -1, best_rank = 0;
        for (size_t i = 0; i < ncol; i++) {
            size_t len;
            const char *h = hugi_csv_field(csv, i, &len);
            int rank;
            if (!taken[i] && hugi_extract_field_of_name(h, len, HUGI_XF_HEADER, &rank) == f &&
                (best < 0 || rank < best_rank)) {
                best = (int)i;
                best_rank = rank;
            }
        }
        if (best >= 0) {
            col_of[f] = best;
            taken[best] = true;
        }
    }
    if (!status && col_of[F_TEXT] < 0 && col_of[F_RATING] < 0) {
        struct hugi_buf cols;
        hugi_buf_init(&cols, 4096);
        for (size_t i = 0; i < ncol && i < 30; i++) {
            size_t len;
            const char *h = hugi_csv_field(csv, i, &len);
            hugi_buf_addf(&cols, "%s'%.*s'", i ? ", " : "", (int)(len > 60 ? 60 : len), h);
        }
        cli_error("no review text or rating column in '%s' (columns: %s); use --map COLUMN=text",
                  j->name, cols.data ? cols.data : "none");
        hugi_buf_release(&cols);
        status = -2;
    }
    if (!status && cli_verbosity > 0) {
        for (int f = 0; f < F_COUNT; f++)
            if (col_of[f] >= 0)
                cli_info("%s: column %d '%s' -> %s", j->name, col_of[f] + 1, names[col_of[f]],
                         hugi_extract_field_name((enum hugi_xfield)f));
        for (size_t i = 0; i < ncol; i++)
            if (!taken[i])
                cli_info("%s: column %zu '%s' ignored", j->name, i + 1, names[i]);
        cli_info("%s: encoding %s, delimiter '%s'", j->name, hugi_csv_encoding(csv),
                 hugi_csv_delim(csv) == '\t' ? "\\t" : (char[]){hugi_csv_delim(csv), 0});
    }
    free(names);
    free(taken);

    while (!status) {
        rc = hugi_csv_next(csv, &got, &err);
        if (rc == HUGI_OK && !got)
            break;
        long line = hugi_csv_line(csv);
        if (rc == HUGI_E_IO || rc == HUGI_E_NOMEM || rc == HUGI_E_ENCODING) {
            cli_error_err("cannot read the file", &err);
            status = -1;
            break;
        }
        j->c.read++;
        if (rc) {
            /* a ragged row, an unterminated quote, an oversize record: counted, reported */
            char msg[300];
            snprintf(msg, sizeof msg, "%s", err.msg);
            j->c.rejected++;
            if (j->shown++ < MAX_SHOWN)
                cli_error("%s (%s)", msg, err.where);
            if (j->o->strict)
                break;
            continue;
        }
        struct hugi_review r;
        hugi_review_init(&r);
        const char *product_name = NULL;
        size_t pn_len = 0;
        bool bad = false;
        hugi_rc frc = HUGI_OK;
        for (int f = 0; f < F_COUNT && !bad && !frc; f++) {
            if (col_of[f] < 0)
                continue;
            size_t len;
            const char *v = hugi_csv_field(csv, (size_t)col_of[f], &len);
            size_t tl;
            const char *t = hugi_str_trim(v, len, &tl);
            switch (f) {
            case F_TEXT:
                frc = hugi_review_set(&r.text, t, tl);
                break;
            case F_RATING: {
                if (!tl)
                    break;
                double val, sc = j->o->scale;
                if (!parse_rating(t, tl, &val, &sc)) {
                    reject(j, line, "cannot parse rating '%.*s'", (int)(tl > 40 ? 40 : tl), t);
                    bad = true;
                } else if (!convert_rating(val, sc, &r.rating)) {
                    reject(j, line, "rating '%.*s' out of range 1..%g (see --scale)",
                           (int)(tl > 40 ? 40 : tl), t, sc);
                    bad = true;
                }
                break;
            }
            case F_DATE:
                if (!tl)
                    break;
                frc = hugi_review_set(&r.date_raw, t, tl);
                if (!frc && !parse_date(t, tl, j->o->tz, &r.date)) {
                    j->date_warnings++;
                    if (cli_verbosity > 0)
                        cli_warn("cannot parse date '%.*s'; kept as text (%s:%ld)",
                                 (int)(tl > 40 ? 40 : tl), t, j->name, line);
                }
                break;
            case F_DATE_RAW:
                if (tl)
                    frc = hugi_review_set(&r.date_raw, t, tl);
                break;
            case F_FETCHED_AT:
                if (tl && !hugi_time_parse_iso(t, tl, &r.fetched_at))
                    r.fetched_at = HUGI_NO_TIME;
                break;
            case F_LIKES: {
                if (!tl)
                    break;
                char tmp[32];
                long lv;
                snprintf(tmp, sizeof tmp, "%.*s", (int)(tl < 31 ? tl : 31), t);
                if (hugi_parse_long(tmp, &lv) && lv >= 0)
                    r.likes = lv;
                else if (cli_verbosity > 0)
                    cli_warn("cannot parse likes '%s'; ignored (%s:%ld)", tmp, j->name, line);
                break;
            }
            case F_PRODUCT_NAME:
                product_name = t;
                pn_len = tl;
                break;
            default: {
                char **dst = f == F_PRODUCT     ? &r.product
                             : f == F_ID        ? &r.id
                             : f == F_AUTHOR    ? &r.author
                             : f == F_TITLE     ? &r.title
                             : f == F_URL       ? &r.url
                             : f == F_LANG      ? &r.lang
                             : f == F_SOURCE    ? &r.source
                             : f == F_PARENT_ID ? &r.parent_id
                                                : NULL;
                if (dst && tl)
                    frc = hugi_review_set(dst, t, tl);
                break;
            }
            }
        }
        char *pname = NULL;
        if (!frc && !bad && product_name && pn_len) {
            frc = hugi_review_set(&pname, product_name, pn_len);
            if (!frc && !r.product && !j->o->product)
                frc = hugi_review_set(&r.product, pname, strlen(pname));
        }
        if (!frc && !bad && (!r.text || !*r.text) && !isfinite(r.rating)) {
            reject(j, line, "empty review: no text and no rating");
            bad = true;
        }
        if (!frc && !bad)
            frc = finish_review(j, &r);
        if (frc) {
            cli_error("out of memory");
            status = -1;
        } else if (!bad && put_review(j, &r, pname, line)) {
            status = -1;
        }
        free(pname);
        hugi_review_release(&r);
        if (j->o->strict && j->c.rejected)
            break;
    }
    if (hugi_csv_bad_bytes(csv))
        cli_warn("%zu byte sequences in '%s' were not valid %s and became U+FFFD",
                 hugi_csv_bad_bytes(csv), j->name, hugi_csv_encoding(csv));
    hugi_csv_free(csv);
    return status;
}

/* ---- the command ------------------------------------------------------------------------- */
static int parse_map(struct opts *o, const char *arg)
{
    char *copy = hugi_strdup(arg);
    if (!copy)
        return -1;
    char *save = copy;
    for (char *item = copy; item && *item;) {
        char *comma = strchr(item, ',');
        if (comma)
            *comma = '\0';
        char *eq = strrchr(item, '=');
        if (!eq || eq == item) {
            free(save);
            return cli_usage_error("import", "--map: expected COLUMN=FIELD, got '%s'", item);
        }
        *eq = '\0';
        int f = field_by_name(eq + 1);
        if (f < 0) {
            cli_error("--map: unknown field '%s'", eq + 1);
            fprintf(stderr, "fields: text rating author date id product product_name title url "
                            "likes lang source parent_id date_raw fetched_at ignore\n");
            free(save);
            return HUGI_EXIT_USAGE;
        }
        struct map_item *nm = realloc(o->map, (o->nmap + 1) * sizeof *nm);
        if (!nm) {
            free(save);
            return -1;
        }
        o->map = nm;
        o->map[o->nmap].col = hugi_strdup(item);
        o->map[o->nmap].field = f;
        o->nmap++;
        item = comma ? comma + 1 : NULL;
    }
    free(save);
    return 0;
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && !strcasecmp(s + n - m, suffix);
}

/* csv, tsv or jsonl: from --format, the extension, else the first byte. */
static const char *guess_format(const char *path, FILE *fp)
{
    if (ends_with(path, ".jsonl") || ends_with(path, ".ndjson") || ends_with(path, ".json"))
        return "jsonl";
    if (ends_with(path, ".tsv") || ends_with(path, ".tab"))
        return "tsv";
    if (ends_with(path, ".csv"))
        return "csv";
    int ch;
    while ((ch = getc(fp)) == ' ' || ch == '\t' || ch == '\r' || ch == '\n')
        ;
    if (ch != EOF)
        ungetc(ch, fp);
    return ch == '{' ? "jsonl" : "csv";
}

static void free_opts(struct opts *o)
{
    for (size_t i = 0; i < o->nmap; i++)
        free(o->map[i].col);
    free(o->map);
}

int hugi_cmd_import(int argc, char **argv)
{
    static const struct option longopts[] = {CLI_COMMON_LONGOPTS,
                                             {"product", required_argument, NULL, 'p'},
                                             {"source", required_argument, NULL, 's'},
                                             {"map", required_argument, NULL, 'm'},
                                             {"scale", required_argument, NULL, 'S'},
                                             {"strict", no_argument, NULL, 'X'},
                                             {"format", required_argument, NULL, 'f'},
                                             {"encoding", required_argument, NULL, 'E'},
                                             {"tz", required_argument, NULL, 'Z'},
                                             {NULL, 0, NULL, 0}};
    struct opts o = {.scale = 5};
    int c, ret;
    while ((c = getopt_long(argc, argv, CLI_COMMON_SHORTOPTS "p:s:m:f:", longopts, NULL)) != -1) {
        if (cli_common_opt(c, optarg))
            continue;
        switch (c) {
        case 'h':
            fputs(usage, stdout);
            fputs(cli_common_help, stdout);
            free_opts(&o);
            return HUGI_EXIT_OK;
        case 'p':
            o.product = optarg;
            break;
        case 's':
            o.source = optarg;
            break;
        case 'm':
            ret = parse_map(&o, optarg);
            if (ret) {
                free_opts(&o);
                return ret < 0 ? HUGI_EXIT_FAIL : ret;
            }
            break;
        case 'S':
            if (!hugi_parse_double(optarg, &o.scale) || o.scale < 2 || o.scale > 1000) {
                free_opts(&o);
                return cli_usage_error("import", "--scale: expected a number 2..1000, got '%s'",
                                       optarg);
            }
            break;
        case 'X':
            o.strict = true;
            break;
        case 'f':
            if (strcmp(optarg, "csv") && strcmp(optarg, "tsv") && strcmp(optarg, "jsonl")) {
                free_opts(&o);
                return cli_usage_error("import", "--format: expected csv, tsv or jsonl, got '%s'",
                                       optarg);
            }
            o.format = optarg;
            break;
        case 'E':
            o.encoding = optarg;
            break;
        case 'Z':
            if (!hugi_parse_tz(optarg, &o.tz)) {
                free_opts(&o);
                return cli_usage_error("import", "--tz: expected +HH:MM, -HH:MM or UTC, got '%s'",
                                       optarg);
            }
            break;
        default:
            free_opts(&o);
            return cli_bad_option("import", c, argv);
        }
    }
    if (optind >= argc) {
        free_opts(&o);
        return cli_usage_error("import", "no file to import");
    }
    if (o.source && !*o.source) {
        free_opts(&o);
        return cli_usage_error("import", "--source: empty name");
    }
    int exit_code = HUGI_EXIT_OK;
    struct hugi_config *cfg = cli_config_load(&exit_code);
    if (!cfg) {
        free_opts(&o);
        return exit_code;
    }
    long batch = 50000;
    hugi_config_int(cfg, "store", NULL, "batch", &batch, NULL);
    struct hugi_store *store = cli_store_open(cfg, false, &exit_code);
    hugi_config_free(cfg);
    if (!store) {
        free_opts(&o);
        return exit_code;
    }
    struct job j = {.o = &o, .store = store, .batch = batch};
    struct hugi_err err;
    hugi_err_clear(&err);
    struct hugi_buf note;
    hugi_buf_init(&note, 4096);
    for (int i = optind; i < argc; i++)
        hugi_buf_addf(&note, "%s%s", i > optind ? " " : "", argv[i]);
    if (hugi_store_run_start(store, "import", note.data, &j.run_id, &err) ||
        hugi_store_begin(store, &err)) {
        hugi_buf_release(&note);
        cli_error_err("cannot start the import", &err);
        hugi_store_close(store);
        free_opts(&o);
        return HUGI_EXIT_FAIL;
    }
    hugi_buf_release(&note);

    int status = 0; /* -1 failure, -2 usage */
    for (int i = optind; i < argc && !status; i++) {
        const char *path = argv[i];
        j.name = strcmp(path, "-") ? path : "(stdin)";
        memset(&j.c, 0, sizeof j.c);
        j.date_warnings = 0;
        j.shown = 0;
        FILE *fp = strcmp(path, "-") ? fopen(path, "rb") : stdin;
        if (!fp) {
            cli_error("cannot open '%s': %s", path, strerror(errno));
            status = -1;
            break;
        }
        const char *fmt = o.format ? o.format : guess_format(path, fp);
        if (!strcmp(fmt, "jsonl")) {
            status = import_jsonl(&j, fp);
            if (fp != stdin)
                fclose(fp);
        } else {
            /* the CSV reader does its own reading (and encoding detection) */
            if (fp != stdin)
                fclose(fp);
            status = import_csv(&j, path, !strcmp(fmt, "tsv"));
        }
        if (!status)
            status = flush_pending(&j);
        drop_pending(&j);
        if (o.strict && j.c.rejected) {
            status = -1;
        }
        if (!status && cli_verbosity >= 0) {
            printf("%s: read %ld, new %ld, edited %ld, unchanged %ld, rejected %ld\n", j.name,
                   j.c.read, j.c.added, j.c.edited, j.c.unchanged, j.c.rejected);
            if (j.date_warnings)
                cli_warn("%ld dates in '%s' not understood, kept as text (-v lists them)",
                         j.date_warnings, j.name);
        }
        j.total.read += j.c.read;
        j.total.added += j.c.added;
        j.total.edited += j.c.edited;
        j.total.unchanged += j.c.unchanged;
        j.total.rejected += j.c.rejected;
        if (!status && j.c.rejected && j.c.read == j.c.rejected && j.c.read > 0)
            j.total.failed++;
    }
    const char *run_status;
    bool rolled_back = status != 0; /* what is not committed is gone */
    if (status) {
        hugi_store_rollback(store, NULL);
        if (o.strict && j.c.rejected)
            cli_error("--strict: '%s' has a bad row; nothing was imported", j.name);
        else if (o.strict)
            cli_error("nothing was imported");
        else if (j.committed.added + j.committed.edited + j.committed.unchanged > 0)
            cli_error("the import stopped; rows committed before the error are kept, "
                      "run it again to finish");
        run_status = "failed";
        exit_code = status == -2 ? HUGI_EXIT_USAGE : HUGI_EXIT_FAIL;
    } else if (hugi_store_commit(store, &err)) {
        cli_error_err("cannot commit the import", &err);
        hugi_store_rollback(store, NULL); /* the transaction is over; say so to the store */
        rolled_back = true;
        run_status = "failed";
        exit_code = HUGI_EXIT_FAIL;
    } else if (j.total.failed || (j.total.rejected && j.total.read == j.total.rejected)) {
        run_status = "failed";
        exit_code = HUGI_EXIT_FAIL;
    } else if (j.total.rejected) {
        run_status = "partial";
        exit_code = HUGI_EXIT_PARTIAL;
    } else {
        run_status = "ok";
    }
    if (rolled_back) {
        /* the run counts what is stored (--strict commits nothing before the end) */
        j.total.added = j.committed.added;
        j.total.edited = j.committed.edited;
        j.total.unchanged = j.committed.unchanged;
    }
    if (hugi_store_run_finish(store, j.run_id, run_status, &j.total, &err))
        cli_error_err("cannot record the end of the import", &err);
    cli_info("store %s, run %lld: %s", hugi_store_path(store), (long long)j.run_id, run_status);
    free(j.last_product_named);
    hugi_store_close(store);
    free_opts(&o);
    return exit_code;
}
