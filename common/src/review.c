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
#include <yajl/yajl_tree.h>

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

/* ---- reading ---- */

static hugi_rc get_str(yajl_val root, const char *key, char **dst, struct hugi_err *err)
{
    const char *path[] = {key, NULL};
    yajl_val v = yajl_tree_get(root, path, yajl_t_any);
    if (!v || YAJL_IS_NULL(v))
        return HUGI_OK;
    if (YAJL_IS_STRING(v)) {
        const char *s = YAJL_GET_STRING(v);
        return hugi_review_set(dst, s, strlen(s));
    }
    if (YAJL_IS_NUMBER(v)) { /* ids and products are often numbers in exports */
        const char *s = v->u.number.r;
        return hugi_review_set(dst, s, strlen(s));
    }
    char where[64]; /* formatted only on error: this runs for every field of every record */
    snprintf(where, sizeof where, "$.%s", key);
    return hugi_err_set(err, HUGI_E_PARSE, where, "expected a string");
}

static hugi_rc get_time(yajl_val root, const char *key, int64_t *dst, struct hugi_err *err)
{
    const char *path[] = {key, NULL};
    yajl_val v = yajl_tree_get(root, path, yajl_t_any);
    if (!v || YAJL_IS_NULL(v))
        return HUGI_OK;
    if (YAJL_IS_INTEGER(v)) {
        *dst = YAJL_GET_INTEGER(v);
        return HUGI_OK;
    }
    const char *s = YAJL_IS_STRING(v) ? YAJL_GET_STRING(v) : NULL;
    if (s && hugi_time_parse_iso(s, strlen(s), dst))
        return HUGI_OK;
    char where[64]; /* formatted only on error */
    snprintf(where, sizeof where, "$.%s", key);
    if (s)
        return hugi_err_set(err, HUGI_E_PARSE, where, "expected an ISO-8601 date, got '%.40s'", s);
    return hugi_err_set(err, HUGI_E_PARSE, where, "expected a date string");
}

hugi_rc hugi_review_from_json(const char *line, size_t len, struct hugi_review *r,
                              struct hugi_err *err)
{
    hugi_review_init(r);
    char *z = hugi_strndup(line, len);
    if (!z)
        return HUGI_E_NOMEM;
    char ebuf[256];
    ebuf[0] = '\0';
    yajl_val root = yajl_tree_parse(z, ebuf, sizeof ebuf);
    free(z);
    if (!root) {
        /* yajl's message spans lines; keep the first */
        char *nl = strchr(ebuf, '\n');
        if (nl)
            *nl = '\0';
        return hugi_err_set(err, HUGI_E_PARSE, "$", "invalid JSON: %s", ebuf[0] ? ebuf : "?");
    }
    hugi_rc rc = HUGI_OK;
    if (!YAJL_IS_OBJECT(root)) {
        rc = hugi_err_set(err, HUGI_E_PARSE, "$", "expected an object");
        goto out;
    }
#define GET(f)                                                                                     \
    if (!rc)                                                                                       \
        rc = get_str(root, #f, &r->f, err);
    REVIEW_STRINGS(GET)
#undef GET
    if (!rc)
        rc = get_time(root, "date", &r->date, err);
    if (!rc)
        rc = get_time(root, "fetched_at", &r->fetched_at, err);
    if (!rc) {
        const char *p[] = {"rating", NULL};
        yajl_val v = yajl_tree_get(root, p, yajl_t_any);
        if (v && YAJL_IS_NUMBER(v))
            r->rating = YAJL_GET_DOUBLE(v);
        else if (v && YAJL_IS_STRING(v) && v->u.string && *v->u.string) {
            char *end;
            errno = 0;
            double d = strtod(v->u.string, &end);
            if (*end || errno || !isfinite(d))
                rc = hugi_err_set(err, HUGI_E_PARSE, "$.rating", "expected a number");
            else
                r->rating = d;
        } else if (v && !YAJL_IS_NULL(v) && !YAJL_IS_STRING(v))
            rc = hugi_err_set(err, HUGI_E_PARSE, "$.rating", "expected a number");
        if (!rc && !isnan(r->rating) && (r->rating < 0 || r->rating > 5))
            rc = hugi_err_set(err, HUGI_E_PARSE, "$.rating", "rating %g is outside 0..5",
                              r->rating);
    }
    if (!rc) {
        const char *p[] = {"likes", NULL};
        yajl_val v = yajl_tree_get(root, p, yajl_t_any);
        if (v && YAJL_IS_INTEGER(v) && YAJL_GET_INTEGER(v) >= 0)
            r->likes = (long)YAJL_GET_INTEGER(v);
        else if (v && !YAJL_IS_NULL(v))
            rc = hugi_err_set(err, HUGI_E_PARSE, "$.likes", "expected a count");
    }
    if (!rc && !r->text)
        rc = hugi_err_set(err, HUGI_E_PARSE, "$.text", "missing review text");
out:
    yajl_tree_free(root);
    if (rc)
        hugi_review_release(r);
    return rc;
}
