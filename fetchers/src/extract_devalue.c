/* SPDX-License-Identifier: MIT
 * Nuxt 3's page payload (`<script id="__NUXT_DATA__" type="application/json">`) is written by
 * devalue: one flat JSON array whose first element is the root, where every value inside an
 * object or an array is the index of another element (so shared and cyclic values are written
 * once), and arrays led by a type name stand for that type (`["ShallowReactive", 1]`,
 * `["Date", "2024-03-05T…"]`, `["Set", 4, 5]`). The review lists inside are ordinary objects
 * once the indices are followed: this file rebuilds that plain JSON so the JSON detection reads
 * it like any page data. */
#include <stdlib.h>
#include <string.h>

#include "extract_int.h"

/* Output ceiling and work budget: a payload that shares one value from many places expands
 * each time it is referenced; a hostile one could expand exponentially. */
#define DEVALUE_MAX_BYTES ((size_t)16 << 20)
#define DEVALUE_MAX_NODES 400000
#define DEVALUE_MAX_DEPTH 64

struct dv {
    yajl_val *el;
    size_t n;
    struct hugi_buf *out;
    long budget;
    hugi_rc rc;
};

/* v as an index into the payload: a JSON integer ≥ 0 below n; -1 otherwise (devalue's negative
 * indices are undefined, holes, NaN and infinities: null here). */
static long index_of(const struct dv *d, yajl_val v)
{
    const char *s = YAJL_IS_NUMBER(v) ? x_jstr(v) : NULL;
    if (!s || !*s || *s == '-')
        return -1;
    long k = 0;
    for (const char *p = s; *p; p++) {
        if (*p < '0' || *p > '9' || k > 100000000L)
            return -1;
        k = k * 10 + (*p - '0');
    }
    return (size_t)k < d->n ? k : -1;
}

static void put(struct dv *d, const char *s, size_t len)
{
    if (!d->rc)
        d->rc = hugi_buf_add(d->out, s, len);
}

static void emit(struct dv *d, long k, int depth);

/* A value as it stands (a literal where an index was expected: tolerated, as a string or a
 * boolean cannot be an index). */
static void emit_literal(struct dv *d, yajl_val v)
{
    if (YAJL_IS_STRING(v)) {
        if (!d->rc)
            d->rc = hugi_json_strz(d->out, v->u.string);
    } else if (YAJL_IS_NUMBER(v))
        put(d, x_jstr(v), strlen(x_jstr(v)));
    else if (YAJL_IS_TRUE(v))
        put(d, "true", 4);
    else if (YAJL_IS_FALSE(v))
        put(d, "false", 5);
    else
        put(d, "null", 4);
}

/* An element of a container: an index followed, anything else as it stands. */
static void emit_ref(struct dv *d, yajl_val v, int depth)
{
    if (YAJL_IS_NUMBER(v))
        emit(d, index_of(d, v), depth);
    else
        emit_literal(d, v);
}

static void emit(struct dv *d, long k, int depth)
{
    if (d->rc)
        return;
    if (k < 0 || depth > DEVALUE_MAX_DEPTH || --d->budget < 0 || d->out->len > DEVALUE_MAX_BYTES) {
        put(d, "null", 4);
        return;
    }
    yajl_val v = d->el[k];
    if (YAJL_IS_OBJECT(v)) {
        put(d, "{", 1);
        for (size_t i = 0; i < v->u.object.len && !d->rc; i++) {
            if (i)
                put(d, ",", 1);
            if (!d->rc)
                d->rc = hugi_json_strz(d->out, v->u.object.keys[i]);
            put(d, ":", 1);
            emit_ref(d, v->u.object.values[i], depth + 1);
        }
        put(d, "}", 1);
        return;
    }
    if (!YAJL_IS_ARRAY(v)) {
        emit_literal(d, v);
        return;
    }
    size_t n = v->u.array.len;
    yajl_val *a = v->u.array.values;
    const char *type = n && YAJL_IS_STRING(a[0]) ? a[0]->u.string : NULL;
    if (type) {
        /* wrappers of one value: Vue's reactive boxes, Nuxt's own */
        static const char *const boxes[] = {"ShallowReactive", "Reactive", "Ref",
                                            "ShallowRef",      "EmptyRef", "EmptyShallowRef",
                                            "Object",          NULL};
        for (int b = 0; boxes[b]; b++)
            if (strcmp(type, boxes[b]) == 0) {
                if (n >= 2)
                    emit_ref(d, a[1], depth + 1);
                else
                    put(d, "null", 4);
                return;
            }
        if ((strcmp(type, "Date") == 0 || strcmp(type, "BigInt") == 0) && n >= 2) {
            emit_literal(d, a[1]);
            return;
        }
        if (strcmp(type, "Set") != 0 && strcmp(type, "Map") != 0 && strcmp(type, "null") != 0) {
            put(d, "null", 4); /* RegExp, typed arrays, a reducer's name: no review there */
            return;
        }
        if (strcmp(type, "null") == 0) {
            /* a null-prototype object: key, value index pairs */
            put(d, "{", 1);
            for (size_t i = 1; i + 1 < n && !d->rc; i += 2) {
                if (i > 1)
                    put(d, ",", 1);
                if (!d->rc)
                    d->rc = hugi_json_strz(d->out, YAJL_IS_STRING(a[i]) ? a[i]->u.string : "");
                put(d, ":", 1);
                emit_ref(d, a[i + 1], depth + 1);
            }
            put(d, "}", 1);
            return;
        }
        a++; /* a Set's members, a Map's keys and values in turn: as a list */
        n--;
    }
    put(d, "[", 1);
    for (size_t i = 0; i < n && !d->rc; i++) {
        if (i)
            put(d, ",", 1);
        emit_ref(d, a[i], depth + 1);
    }
    put(d, "]", 1);
}

/* Whether v reads as a devalue payload: an array of ≥ 2 elements whose first (the root) is a
 * reactive box of an index, or an object whose every value is an index into the array and no
 * object of the array holds anything but numbers (devalue writes every member as an index; a
 * page's list led by a pager, `[{"page":1,"pages":2},{"text":…}]`, is no payload: review10). */
static bool devalue_shape(const struct dv *d)
{
    if (d->n < 2)
        return false;
    yajl_val r = d->el[0];
    if (YAJL_IS_ARRAY(r) && r->u.array.len == 2 && YAJL_IS_STRING(r->u.array.values[0])) {
        const char *t = r->u.array.values[0]->u.string;
        return (strcmp(t, "ShallowReactive") == 0 || strcmp(t, "Reactive") == 0) &&
               index_of(d, r->u.array.values[1]) > 0;
    }
    if (!YAJL_IS_OBJECT(r) || r->u.object.len == 0)
        return false;
    for (size_t i = 0; i < r->u.object.len; i++)
        if (index_of(d, r->u.object.values[i]) <= 0)
            return false;
    for (size_t k = 1; k < d->n; k++) {
        yajl_val o = d->el[k];
        for (size_t i = 0; YAJL_IS_OBJECT(o) && i < o->u.object.len; i++)
            if (!YAJL_IS_NUMBER(o->u.object.values[i]))
                return false;
    }
    return true;
}

yajl_val x_json_devalue(yajl_val v, hugi_rc *rc)
{
    *rc = HUGI_OK;
    if (!YAJL_IS_ARRAY(v))
        return NULL;
    struct hugi_buf out;
    hugi_buf_init(&out, DEVALUE_MAX_BYTES + 4096);
    struct dv d = {v->u.array.values, v->u.array.len, &out, DEVALUE_MAX_NODES, HUGI_OK};
    if (!devalue_shape(&d)) {
        hugi_buf_release(&out);
        return NULL;
    }
    emit(&d, 0, 0);
    yajl_val res = NULL;
    if (d.rc == HUGI_E_NOMEM)
        *rc = d.rc;
    else if (!d.rc && out.len) {
        char eb[120];
        res = x_json_parse(out.data, out.len, eb, sizeof eb);
    }
    hugi_buf_release(&out);
    return res;
}
