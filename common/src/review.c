/* SPDX-License-Identifier: MIT
 * The review record and its JSONL form. JSONL is how every subcommand talks to the next one, so
 * the writer must never emit invalid JSON whatever bytes a page held, and the reader must name the
 * field that was wrong. */
#include "hugi/review.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yajl/yajl_parse.h>

void hugi_review_init(struct hugi_review *r)
{
    memset(r, 0, sizeof *r);
    r->rating = NAN;
    r->date = HUGI_NO_TIME;
    r->likes = -1;
    r->fetched_at = HUGI_NO_TIME;
}

#define REVIEW_STRINGS(X)                                                                          \
    X(source) X(product) X(id) X(author) X(date_raw) X(lang) X(title) X(text) X(url) X(parent_id)

void hugi_review_release(struct hugi_review *r)
{
#define FREE_FIELD(f) free(r->f);
    REVIEW_STRINGS(FREE_FIELD)
#undef FREE_FIELD
    hugi_review_init(r);
}

hugi_rc hugi_review_copy(struct hugi_review *dst, const struct hugi_review *src)
{
    *dst = *src;
    bool oom = false;
#define DUP_FIELD(f)                                                                               \
    dst->f = hugi_strdup(src->f);                                                                  \
    oom |= src->f && !dst->f;
    REVIEW_STRINGS(DUP_FIELD)
#undef DUP_FIELD
    if (oom) {
        hugi_review_release(dst);
        return HUGI_E_NOMEM;
    }
    return HUGI_OK;
}

hugi_rc hugi_review_set(char **field, const char *s, size_t len)
{
    char *v = NULL;
    if (s) {
        hugi_rc rc = hugi_utf8_nfc(s, len, &v, NULL, NULL);
        if (rc)
            return rc;
    }
    free(*field);
    *field = v;
    return HUGI_OK;
}

hugi_rc hugi_review_ensure_id(struct hugi_review *r)
{
    if (r->id && r->id[0])
        return HUGI_OK;
    /* Fields joined with a separator that cannot occur in valid text, so ("ab","c") and
     * ("a","bc") hash differently. */
    uint64_t h = HUGI_HASH_SEED;
    const char *parts[] = {r->author, r->date_raw, r->text};
    for (size_t i = 0; i < 3; i++) {
        const char *p = parts[i] ? parts[i] : "";
        h = hugi_hash64(p, strlen(p), h);
        h = hugi_hash64("\xff", 1, h);
    }
    char id[24];
    snprintf(id, sizeof id, "h:%016llx", (unsigned long long)h);
    free(r->id);
    r->id = hugi_strdup(id);
    return r->id ? HUGI_OK : HUGI_E_NOMEM;
}

static hugi_rc put_key(struct hugi_buf *o, const char *key, bool first)
{
    hugi_rc rc = first ? HUGI_OK : hugi_buf_addc(o, ',');
    if (!rc)
        rc = hugi_buf_addc(o, '"');
    if (!rc)
        rc = hugi_buf_addstr(o, key);
    if (!rc)
        rc = hugi_buf_add(o, "\":", 2);
    return rc;
}

static hugi_rc put_time(struct hugi_buf *o, int64_t t)
{
    char iso[21];
    hugi_time_format(t, iso);
    return iso[0] ? hugi_json_strz(o, iso) : hugi_buf_add(o, "null", 4);
}

hugi_rc hugi_review_to_json(const struct hugi_review *r, struct hugi_buf *o)
{
    size_t start = o->len;
    hugi_rc rc = hugi_buf_addc(o, '{');
#define PUT_STR(key, val, first)                                                                   \
    if (!rc)                                                                                       \
        rc = put_key(o, key, first);                                                               \
    if (!rc)                                                                                       \
        rc = hugi_json_strz(o, val);
    PUT_STR("source", r->source, true)
    PUT_STR("product", r->product, false)
    PUT_STR("id", r->id, false)
    PUT_STR("author", r->author, false)
    if (!rc)
        rc = put_key(o, "rating", false);
    if (!rc)
        rc = hugi_json_num(o, r->rating);
    if (!rc)
        rc = put_key(o, "date", false);
    if (!rc)
        rc = put_time(o, r->date);
    PUT_STR("date_raw", r->date_raw, false)
    PUT_STR("lang", r->lang, false)
    PUT_STR("title", r->title, false)
    PUT_STR("text", r->text ? r->text : "", false)
    PUT_STR("url", r->url, false)
    PUT_STR("parent_id", r->parent_id, false)
#undef PUT_STR
    if (!rc)
        rc = put_key(o, "likes", false);
    if (!rc)
        rc = r->likes >= 0 ? hugi_buf_addf(o, "%ld", r->likes) : hugi_buf_add(o, "null", 4);
    if (!rc)
        rc = put_key(o, "fetched_at", false);
    if (!rc)
        rc = put_time(o, r->fetched_at);
    if (!rc)
        rc = hugi_buf_add(o, "}\n", 2);
    if (rc) {
        o->len = start;
        if (o->data)
            o->data[start] = '\0';
    }
    return rc;
}

/* ---- reading ----
 * yajl's event parser straight into a table of the known top-level keys (first occurrence wins,
 * as a lookup in a tree would give), then the same checks, in a fixed order, as before: the
 * error reported for a record with several bad fields does not depend on key order. No tree is
 * built: this runs once per line of a million-line import. */

enum jtype { J_ABSENT, J_NULL, J_BOOL, J_NUMBER, J_STRING, J_COMPOUND };
struct jval {
    enum jtype type;
    size_t off, len; /* string or number text in jctx.text (NUL-terminated there) */
};

#define JFIELDS(X) REVIEW_STRINGS(X) X(date) X(fetched_at) X(rating) X(likes)
enum jfield {
#define JF_ENUM(f) JF_##f,
    JFIELDS(JF_ENUM)
#undef JF_ENUM
        JF_COUNT
};
static const char *const jfield_names[] = {
#define JF_NAME(f) #f,
    JFIELDS(JF_NAME)
#undef JF_NAME
};

struct jctx {
    int depth; /* 0 outside the root; 1 directly inside the root object */
    bool root_object;
    bool root_seen;
    int cur; /* field of the current top-level key, or -1 */
    struct jval v[JF_COUNT];
    struct hugi_buf text;
    bool oom;
};

/* Records a top-level value of the current key (first occurrence only). */
static void jset(struct jctx *c, enum jtype type, const char *s, size_t len)
{
    if (c->depth != 1 || c->cur < 0 || c->v[c->cur].type != J_ABSENT)
        return;
    struct jval *v = &c->v[c->cur];
    v->type = type;
    if (s) {
        v->off = c->text.len;
        v->len = len;
        if (hugi_buf_add(&c->text, s, len) || hugi_buf_addc(&c->text, '\0'))
            c->oom = true;
    }
}

static void jscalar_root(struct jctx *c)
{
    if (c->depth == 0)
        c->root_seen = true; /* a scalar as the whole document */
}

static int j_null(void *ctx)
{
    struct jctx *c = ctx;
    jscalar_root(c);
    jset(c, J_NULL, NULL, 0);
    return !c->oom;
}
static int j_bool(void *ctx, int b)
{
    (void)b;
    struct jctx *c = ctx;
    jscalar_root(c);
    jset(c, J_BOOL, NULL, 0);
    return !c->oom;
}
static int j_number(void *ctx, const char *s, size_t len)
{
    struct jctx *c = ctx;
    jscalar_root(c);
    jset(c, J_NUMBER, s, len);
    return !c->oom;
}
static int j_string(void *ctx, const unsigned char *s, size_t len)
{
    struct jctx *c = ctx;
    jscalar_root(c);
    jset(c, J_STRING, (const char *)s, len);
    return !c->oom;
}
static int j_start_compound(struct jctx *c, bool is_map)
{
    if (c->depth == 0 && !c->root_seen) {
        c->root_seen = true;
        c->root_object = is_map;
    } else {
        jset(c, J_COMPOUND, NULL, 0);
    }
    c->depth++;
    return 1;
}
static int j_start_map(void *ctx)
{
    return j_start_compound(ctx, true);
}
static int j_start_array(void *ctx)
{
    return j_start_compound(ctx, false);
}
static int j_end(void *ctx)
{
    struct jctx *c = ctx;
    c->depth--;
    if (c->depth == 1)
        c->cur = -1;
    return 1;
}
static int j_map_key(void *ctx, const unsigned char *key, size_t len)
{
    struct jctx *c = ctx;
    if (c->depth != 1)
        return 1;
    c->cur = -1;
    for (int f = 0; f < JF_COUNT; f++) {
        if (strlen(jfield_names[f]) == len && !memcmp(jfield_names[f], key, len)) {
            c->cur = f;
            break;
        }
    }
    return 1;
}

static const yajl_callbacks jcallbacks = {
    j_null,      j_bool,    NULL,  NULL,          j_number, j_string,
    j_start_map, j_map_key, j_end, j_start_array, j_end,
};

/* The text of a string or number value; "" for other types. */
static const char *jtext(const struct jctx *c, enum jfield f)
{
    const struct jval *v = &c->v[f];
    if ((v->type != J_STRING && v->type != J_NUMBER) || !c->text.data)
        return "";
    return c->text.data + v->off;
}

/* An integer as yajl's tree would accept it: optional sign, digits only, no overflow. */
static bool jinteger(const char *s, long long *out)
{
    const char *p = s;
    bool neg = *p == '-';
    if (*p == '-' || *p == '+')
        p++;
    if (!*p)
        return false;
    unsigned long long v = 0;
    for (; *p; p++) {
        if (*p < '0' || *p > '9')
            return false;
        if (v > (9223372036854775807ULL - (unsigned)(*p - '0')) / 10)
            return false;
        v = v * 10 + (unsigned)(*p - '0');
    }
    *out = neg ? -(long long)v : (long long)v;
    return true;
}

static hugi_rc get_str(const struct jctx *c, enum jfield f, char **dst, struct hugi_err *err)
{
    const struct jval *v = &c->v[f];
    if (v->type == J_ABSENT || v->type == J_NULL)
        return HUGI_OK;
    /* numbers too: ids and products are often numbers in exports */
    if (v->type == J_STRING || v->type == J_NUMBER)
        return hugi_review_set(dst, jtext(c, f), v->len); /* NUL bytes are dropped there */
    char where[64]; /* formatted only on error: this runs for every field of every record */
    snprintf(where, sizeof where, "$.%s", jfield_names[f]);
    return hugi_err_set(err, HUGI_E_PARSE, where, "expected a string");
}

static hugi_rc get_time(const struct jctx *c, enum jfield f, int64_t *dst, struct hugi_err *err)
{
    const struct jval *v = &c->v[f];
    if (v->type == J_ABSENT || v->type == J_NULL)
        return HUGI_OK;
    long long i;
    if (v->type == J_NUMBER && jinteger(jtext(c, f), &i)) {
        *dst = i;
        return HUGI_OK;
    }
    const char *s = v->type == J_STRING ? jtext(c, f) : NULL;
    if (s && hugi_time_parse_iso(s, strlen(s), dst))
        return HUGI_OK;
    char where[64]; /* formatted only on error */
    snprintf(where, sizeof where, "$.%s", jfield_names[f]);
    if (s)
        return hugi_err_set(err, HUGI_E_PARSE, where, "expected an ISO-8601 date, got '%.40s'", s);
    return hugi_err_set(err, HUGI_E_PARSE, where, "expected a date string");
}

hugi_rc hugi_review_from_json(const char *line, size_t len, struct hugi_review *r,
                              struct hugi_err *err)
{
    hugi_review_init(r);
    struct jctx c;
    memset(&c, 0, sizeof c);
    c.cur = -1;
    hugi_buf_init(&c.text, 0);
    yajl_handle h = yajl_alloc(&jcallbacks, NULL, &c);
    if (!h)
        return HUGI_E_NOMEM;
    yajl_config(h, yajl_allow_comments, 1);
    /* a NUL ends the record, as it did when lines were C strings */
    size_t n = strnlen(line, len);
    yajl_status st = yajl_parse(h, (const unsigned char *)line, n);
    if (st == yajl_status_ok)
        st = yajl_complete_parse(h);
    hugi_rc rc = HUGI_OK;
    if (c.oom) {
        rc = HUGI_E_NOMEM;
    } else if (st != yajl_status_ok) {
        unsigned char *msg = yajl_get_error(h, 1, (const unsigned char *)line, n);
        char ebuf[256];
        snprintf(ebuf, sizeof ebuf, "%s", msg ? (const char *)msg : "?");
        if (msg)
            yajl_free_error(h, msg);
        /* yajl's message spans lines; keep the first */
        char *nl = strchr(ebuf, '\n');
        if (nl)
            *nl = '\0';
        rc = hugi_err_set(err, HUGI_E_PARSE, "$", "invalid JSON: %s", ebuf[0] ? ebuf : "?");
    } else if (!c.root_object) {
        rc = hugi_err_set(err, HUGI_E_PARSE, "$", "expected an object");
    }
    yajl_free(h);
    if (rc)
        goto out;
#define GET(f)                                                                                     \
    if (!rc)                                                                                       \
        rc = get_str(&c, JF_##f, &r->f, err);
    REVIEW_STRINGS(GET)
#undef GET
    if (!rc)
        rc = get_time(&c, JF_date, &r->date, err);
    if (!rc)
        rc = get_time(&c, JF_fetched_at, &r->fetched_at, err);
    if (!rc) {
        const struct jval *v = &c.v[JF_rating];
        const char *s = jtext(&c, JF_rating);
        if (v->type == J_NUMBER) {
            r->rating = strtod(s, NULL);
        } else if (v->type == J_STRING && *s) {
            char *end;
            errno = 0;
            double d = strtod(s, &end);
            if (*end || errno || !isfinite(d))
                rc = hugi_err_set(err, HUGI_E_PARSE, "$.rating", "expected a number");
            else
                r->rating = d;
        } else if (v->type == J_BOOL || v->type == J_COMPOUND) {
            rc = hugi_err_set(err, HUGI_E_PARSE, "$.rating", "expected a number");
        }
        if (!rc && !isnan(r->rating) && (r->rating < 0 || r->rating > 5))
            rc =
                hugi_err_set(err, HUGI_E_PARSE, "$.rating", "rating %g is outside 0..5", r->rating);
    }
    if (!rc) {
        const struct jval *v = &c.v[JF_likes];
        long long i;
        if (v->type == J_NUMBER && jinteger(jtext(&c, JF_likes), &i) && i >= 0)
            r->likes = (long)i;
        else if (v->type != J_ABSENT && v->type != J_NULL)
            rc = hugi_err_set(err, HUGI_E_PARSE, "$.likes", "expected a count");
    }
    if (!rc && !r->text)
        rc = hugi_err_set(err, HUGI_E_PARSE, "$.text", "missing review text");
out:
    hugi_buf_release(&c.text);
    if (rc)
        hugi_review_release(r);
    return rc;
}
