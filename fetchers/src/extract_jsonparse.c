/* SPDX-License-Identifier: MIT
 * A tolerant JSON reader that builds yajl_tree-shaped values (struct yajl_val_s, so the walkers
 * in extract_json.c read them unchanged) in one arena. It replaces yajl_tree_parse on the
 * extraction path for two reasons: speed (yajl_tree makes one malloc per node, key and string,
 * and a recursive free; on a JSON-LD product page that was a third of the extraction time), and
 * tolerance in the same pass instead of a cleaning copy first: what browsers and lenient readers
 * accept in real pages (raw control characters in strings, trailing commas, `\'` escapes,
 * comments) is accepted here too. What it builds: strings decoded to UTF-8 (\uXXXX with surrogate
 * pairs; a lone surrogate or \u0000 becomes U+FFFD), numbers with their text in u.number.r and
 * u.number.d (flags as yajl sets them for a valid double), objects with keys in document order
 * (a repeated key is kept twice, as yajl_tree does). Free with x_json_free, never yajl_tree_free.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extract_int.h"

#define MAX_DEPTH 256

/* The arena travels in front of the root value. */
struct jdoc {
    struct hugi_arena *arena;
    struct yajl_val_s root;
};

struct jp {
    const char *s;
    size_t n, i;
    struct hugi_arena *a;
    /* children of the containers being read, shared as one stack: a container's children are
     * the top slice when it closes */
    yajl_val *vals;
    const char **keys;
    size_t nstk, capstk;
    int depth;
    char *err;
    size_t errcap;
    bool oom;
    /* script code (x_json_read_prefix, x_json_read_js_call): unquoted keys, `undefined`,
     * `void 0`, `!0`/`!1`, `new Date(…)`, and names bound to a function's arguments */
    bool js;
    const char **bnames; /* the bound names and the values they stand for */
    size_t *blens;
    yajl_val *bvals;
    size_t nb;
};

static bool fail(struct jp *p, const char *what)
{
    if (p->err[0] == 0) {
        if (p->oom)
            snprintf(p->err, p->errcap, "out of memory");
        else if (p->i >= p->n)
            snprintf(p->err, p->errcap, "premature end of JSON (%s)", what);
        else
            snprintf(p->err, p->errcap, "%s at byte %zu", what, p->i);
    }
    return false;
}

static void skip_ws(struct jp *p)
{
    const char *s = p->s;
    size_t i = p->i, n = p->n;
    while (i < n) {
        char c = s[i];
        if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
            i++;
        } else if (c == '/' && i + 1 < n && s[i + 1] == '/') {
            while (i < n && s[i] != '\n')
                i++;
        } else if (c == '/' && i + 1 < n && s[i + 1] == '*') {
            size_t k = i + 2;
            while (k + 1 < n && !(s[k] == '*' && s[k + 1] == '/'))
                k++;
            i = k + 1 < n ? k + 2 : n;
        } else {
            break;
        }
    }
    p->i = i;
}

static bool push(struct jp *p, const char *key, yajl_val v)
{
    if (p->nstk == p->capstk) {
        size_t nc = p->capstk ? p->capstk * 2 : 256;
        yajl_val *nv = realloc(p->vals, nc * sizeof *nv);
        if (nv)
            p->vals = nv;
        const char **nk = nv ? realloc(p->keys, nc * sizeof *nk) : NULL;
        if (!nv || !nk) {
            p->oom = true;
            return fail(p, "out of memory");
        }
        p->keys = nk;
        p->capstk = nc;
    }
    p->keys[p->nstk] = key;
    p->vals[p->nstk++] = v;
    return true;
}

int x_hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c |= 0x20;
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

bool x_hex4(const char *s, size_t left, uint32_t *out)
{
    if (left < 4)
        return false;
    uint32_t v = 0;
    for (int k = 0; k < 4; k++) {
        int h = x_hexval(s[k]);
        if (h < 0)
            return false;
        v = v << 4 | (uint32_t)h;
    }
    *out = v;
    return true;
}

/* Bytes that end a run of plain string content: controls, the quote and the backslash. */
static const bool str_stop[256] = {
    [0x00] = 1, [0x01] = 1, [0x02] = 1, [0x03] = 1, [0x04] = 1, [0x05] = 1, [0x06] = 1,
    [0x07] = 1, [0x08] = 1, [0x09] = 1, [0x0a] = 1, [0x0b] = 1, [0x0c] = 1, [0x0d] = 1,
    [0x0e] = 1, [0x0f] = 1, [0x10] = 1, [0x11] = 1, [0x12] = 1, [0x13] = 1, [0x14] = 1,
    [0x15] = 1, [0x16] = 1, [0x17] = 1, [0x18] = 1, [0x19] = 1, [0x1a] = 1, [0x1b] = 1,
    [0x1c] = 1, [0x1d] = 1, [0x1e] = 1, [0x1f] = 1, ['"'] = 1,  ['\\'] = 1,
};

/* Reads the string whose opening quote is at p->i ('"', or in script code '\'' too); the
 * decoded text (never longer than the source) goes to the arena. */
static char *read_string(struct jp *p)
{
    const char *s = p->s;
    char quote = s[p->i];
    size_t n = p->n, st = p->i + 1, e = st;
    /* the quote is looked for again only past an escaped one: a search from each escape read the
     * rest of the string again for every escape in it */
    const char *q = st < n ? memchr(s + st, quote, n - st) : NULL;
    for (;;) {
        if (!q) {
            fail(p, "unterminated string");
            return NULL;
        }
        const char *bs = memchr(s + e, '\\', (size_t)(q - s) - e);
        if (!bs) {
            e = (size_t)(q - s);
            break;
        }
        e = (size_t)(bs - s) + 2; /* the escaped byte may be the quote */
        if (e > (size_t)(q - s))
            q = e < n ? memchr(s + e, quote, n - e) : NULL;
    }
    /* decoding never grows: an escape of 6 bytes makes at most 3, a pair of 12 makes 4 */
    char *out = hugi_arena_alloc(p->a, e - st + 1);
    if (!out) {
        p->oom = true;
        fail(p, "out of memory");
        return NULL;
    }
    size_t o = 0, i = st;
    while (i < e) {
        size_t r = i;
        while (r < e && !str_stop[(unsigned char)s[r]])
            r++;
        memcpy(out + o, s + i, r - i);
        o += r - i;
        i = r;
        if (i >= e)
            break;
        unsigned char c = (unsigned char)s[i];
        if (c == '"') { /* inside a single-quoted script string */
            out[o++] = '"';
            i++;
            continue;
        }
        if (c != '\\') {
            /* A raw control character: browsers keep line breaks and tabs, so do we; the others
             * become a space. */
            out[o++] = (c == '\n' || c == '\r' || c == '\t') ? (char)c : ' ';
            i++;
            continue;
        }
        char esc = s[i + 1];
        i += 2;
        switch (esc) {
        case 'n':
            out[o++] = '\n';
            break;
        case 't':
            out[o++] = '\t';
            break;
        case 'r':
            out[o++] = '\r';
            break;
        case 'b':
            out[o++] = '\b';
            break;
        case 'f':
            out[o++] = '\f';
            break;
        case 'u': {
            uint32_t cp;
            if (!x_hex4(s + i, e - i, &cp)) {
                /* "\u" without four hex digits: keep the letter, as for an unknown escape */
                out[o++] = 'u';
                break;
            }
            i += 4;
            if (cp >= 0xD800 && cp <= 0xDBFF) {
                uint32_t lo;
                if (i + 1 < e && s[i] == '\\' && s[i + 1] == 'u' &&
                    x_hex4(s + i + 2, e - i - 2, &lo) && lo >= 0xDC00 && lo <= 0xDFFF) {
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                    i += 6;
                } else {
                    cp = 0xFFFD;
                }
            } else if ((cp >= 0xDC00 && cp <= 0xDFFF) || cp == 0) {
                cp = 0xFFFD;
            }
            o += hugi_utf8_encode(cp, out + o);
            break;
        }
        default:
            /* \" \\ \/ and what JSON lacks (\' from PHP and JavaScript authors): the character */
            out[o++] = esc;
            break;
        }
    }
    out[o] = 0;
    p->i = e + 1;
    return out;
}

static yajl_val node(struct jp *p, yajl_type t)
{
    yajl_val v = hugi_arena_alloc(p->a, sizeof *v);
    if (!v) {
        p->oom = true;
        fail(p, "out of memory");
        return NULL;
    }
    memset(v, 0, sizeof *v);
    v->type = t;
    return v;
}

static bool read_value(struct jp *p, yajl_val into);

static bool ident_start(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$';
}

static bool ident_char(char c)
{
    return ident_start(c) || (c >= '0' && c <= '9');
}

/* The length of the identifier at p->i (0 when none). */
static size_t ident_len(const struct jp *p)
{
    size_t i = p->i;
    if (i >= p->n || !ident_start(p->s[i]))
        return 0;
    while (i < p->n && ident_char(p->s[i]))
        i++;
    return i - p->i;
}

/* Script code's values that JSON lacks, at an identifier or '!': a bound name (its argument's
 * value), `undefined`/`void 0`/`NaN`/`Infinity` (null), `!0`/`!1` (true/false: minifiers write
 * booleans so), `new Date(1730600000000)` (its argument). An unknown name is null: state built
 * from a variable the page defined elsewhere. */
static bool read_js_word(struct jp *p, yajl_val v)
{
    const char *s = p->s;
    if (s[p->i] == '!') {
        p->i++;
        if (p->i < p->n && (s[p->i] == '0' || s[p->i] == '1')) {
            v->type = s[p->i] == '0' ? yajl_t_true : yajl_t_false;
            p->i++;
            return true;
        }
        return fail(p, "unexpected character");
    }
    size_t l = ident_len(p);
    if (!l)
        return fail(p, "unexpected character");
    const char *w = s + p->i;
    p->i += l;
    if (l == 4 && memcmp(w, "void", 4) == 0) {
        skip_ws(p);
        yajl_val ignored = node(p, yajl_t_null);
        v->type = yajl_t_null;
        return ignored && read_value(p, ignored);
    }
    if (l == 3 && memcmp(w, "new", 3) == 0) {
        skip_ws(p);
        size_t cl = ident_len(p);
        if (!cl)
            return fail(p, "expected a constructor");
        p->i += cl;
        skip_ws(p);
        if (p->i >= p->n || s[p->i] != '(')
            return fail(p, "expected '('");
        p->i++;
        skip_ws(p);
        if (p->i < p->n && s[p->i] == ')') {
            v->type = yajl_t_null;
        } else if (!read_value(p, v)) {
            return false;
        }
        skip_ws(p);
        if (p->i >= p->n || s[p->i] != ')')
            return fail(p, "expected ')'");
        p->i++;
        return true;
    }
    for (size_t b = 0; b < p->nb; b++)
        if (p->blens[b] == l && memcmp(p->bnames[b], w, l) == 0) {
            /* the argument's value (read before the body); its children are shared, which the
             * arena, freed whole, allows */
            *v = *p->bvals[b];
            return true;
        }
    v->type = yajl_t_null;
    return true;
}

/* Reads an array or object at p->i into v. */
static bool read_container(struct jp *p, yajl_val v, bool object)
{
    if (++p->depth > MAX_DEPTH) {
        snprintf(p->err, p->errcap, "JSON nested deeper than %d", MAX_DEPTH);
        return false;
    }
    char close = object ? '}' : ']';
    size_t base = p->nstk;
    p->i++;
    for (;;) {
        skip_ws(p);
        if (p->i >= p->n)
            return fail(p, object ? "unterminated object" : "unterminated array");
        if (p->s[p->i] == close) {
            p->i++;
            break;
        }
        const char *key = NULL;
        if (object) {
            size_t il = p->js && p->s[p->i] != '"' ? ident_len(p) : 0;
            if (il) { /* script code's unquoted key: {id:1,rating:a} */
                char *k = hugi_arena_strndup(p->a, p->s + p->i, il);
                if (!k) {
                    p->oom = true;
                    return fail(p, "out of memory");
                }
                p->i += il;
                key = k;
            } else if (p->s[p->i] != '"' && !(p->js && p->s[p->i] == '\'')) {
                return fail(p, "expected a key");
            } else {
                key = read_string(p);
            }
            if (!key)
                return false;
            skip_ws(p);
            if (p->i >= p->n || p->s[p->i] != ':')
                return fail(p, "expected ':'");
            p->i++;
            skip_ws(p);
        }
        yajl_val child = node(p, yajl_t_null);
        if (!child || !read_value(p, child) || !push(p, key, child))
            return false;
        skip_ws(p);
        if (p->i < p->n && p->s[p->i] == ',') {
            /* a trailing comma before the close is accepted (the loop sees the close next) */
            p->i++;
            continue;
        }
        if (p->i < p->n && p->s[p->i] == close) {
            p->i++;
            break;
        }
        return fail(p, object ? "expected ',' or '}'" : "expected ',' or ']'");
    }
    size_t cnt = p->nstk - base;
    yajl_val *vals = NULL;
    if (cnt) {
        vals = hugi_arena_alloc(p->a, cnt * sizeof *vals);
        const char **keys = object ? hugi_arena_alloc(p->a, cnt * sizeof *keys) : NULL;
        if (!vals || (object && !keys)) {
            p->oom = true;
            return fail(p, "out of memory");
        }
        memcpy(vals, p->vals + base, cnt * sizeof *vals);
        if (object) {
            memcpy(keys, p->keys + base, cnt * sizeof *keys);
            v->u.object.keys = keys;
        }
    }
    if (object) {
        v->u.object.values = vals;
        v->u.object.len = cnt;
    } else {
        v->u.array.values = vals;
        v->u.array.len = cnt;
    }
    p->nstk = base;
    p->depth--;
    return true;
}

static bool literal(struct jp *p, const char *word)
{
    size_t l = strlen(word);
    if (p->n - p->i >= l && memcmp(p->s + p->i, word, l) == 0) {
        p->i += l;
        return true;
    }
    return false;
}

static bool read_number(struct jp *p, yajl_val v)
{
    const char *s = p->s;
    size_t st = p->i, i = st, n = p->n;
    if (i < n && s[i] == '-')
        i++;
    size_t ds = i;
    while (i < n && s[i] >= '0' && s[i] <= '9')
        i++;
    if (i == ds)
        return fail(p, "unexpected character");
    if (i < n && s[i] == '.') {
        i++;
        size_t fs = i;
        while (i < n && s[i] >= '0' && s[i] <= '9')
            i++;
        if (i == fs)
            return fail(p, "malformed number");
    }
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        if (i < n && (s[i] == '+' || s[i] == '-'))
            i++;
        size_t es = i;
        while (i < n && s[i] >= '0' && s[i] <= '9')
            i++;
        if (i == es)
            return fail(p, "malformed number");
    }
    v->type = yajl_t_number;
    v->u.number.r = hugi_arena_strndup(p->a, s + st, i - st);
    if (!v->u.number.r) {
        p->oom = true;
        return fail(p, "out of memory");
    }
    v->u.number.d = strtod(v->u.number.r, NULL);
    v->u.number.flags = isfinite(v->u.number.d) ? YAJL_NUMBER_DOUBLE_VALID : 0;
    p->i = i;
    return true;
}

static bool read_value(struct jp *p, yajl_val v)
{
    skip_ws(p);
    if (p->i >= p->n)
        return fail(p, "unexpected end of JSON");
    switch (p->s[p->i]) {
    case '{':
        v->type = yajl_t_object;
        return read_container(p, v, true);
    case '[':
        v->type = yajl_t_array;
        return read_container(p, v, false);
    case '\'': /* a script literal's single-quoted string */
        if (!p->js)
            return fail(p, "unexpected character");
        v->type = yajl_t_string;
        v->u.string = read_string(p);
        return v->u.string != NULL;
    case '"':
        v->type = yajl_t_string;
        v->u.string = read_string(p);
        return v->u.string != NULL;
    case 't':
        v->type = yajl_t_true;
        if (literal(p, "true"))
            return true;
        return p->js ? read_js_word(p, v) : fail(p, "unexpected word");
    case 'f':
        v->type = yajl_t_false;
        if (literal(p, "false"))
            return true;
        return p->js ? read_js_word(p, v) : fail(p, "unexpected word");
    case 'n':
        v->type = yajl_t_null;
        if (literal(p, "null"))
            return true;
        return p->js ? read_js_word(p, v) : fail(p, "unexpected word");
    default:
        if (p->js && (ident_start(p->s[p->i]) || p->s[p->i] == '!'))
            return read_js_word(p, v);
        return read_number(p, v);
    }
}

enum doc_mode { DOC_ONE, DOC_SEQ, DOC_PREFIX };

static yajl_val read_doc(const char *s, size_t len, enum doc_mode mode, size_t *end, char *errbuf,
                         size_t errcap);

yajl_val x_json_read(const char *s, size_t len, char *errbuf, size_t errcap)
{
    return read_doc(s, len, DOC_ONE, NULL, errbuf, errcap);
}

yajl_val x_json_read_seq(const char *s, size_t len, char *errbuf, size_t errcap)
{
    return read_doc(s, len, DOC_SEQ, NULL, errbuf, errcap);
}

yajl_val x_json_read_prefix(const char *s, size_t len, size_t *end, char *errbuf, size_t errcap)
{
    return read_doc(s, len, DOC_PREFIX, end, errbuf, errcap);
}

/* A document in an arena of blocks of bs bytes: the arena holds the document record itself, so
 * x_json_free frees both; NULL with "out of memory" in errbuf. */
static struct jdoc *jdoc_new(size_t bs, char *errbuf, size_t errcap)
{
    struct hugi_arena *a = hugi_arena_new(bs);
    struct jdoc *d = a ? hugi_arena_alloc(a, sizeof *d) : NULL;
    if (!d) {
        hugi_arena_free(a);
        snprintf(errbuf, errcap, "out of memory");
        return NULL;
    }
    memset(d, 0, sizeof *d);
    d->arena = a;
    return d;
}

static yajl_val read_doc(const char *s, size_t len, enum doc_mode mode, size_t *end, char *errbuf,
                         size_t errcap)
{
    bool seq = mode == DOC_SEQ;
    errbuf[0] = 0;
    /* Blocks for a 30 KB page's JSON-LD fit the first 64 KiB; a large feed gets large blocks. */
    size_t bs = len < ((size_t)1 << 16) ? ((size_t)1 << 16)
                                        : (len < ((size_t)1 << 22) ? len : ((size_t)1 << 22));
    /* A prefix is tried at every `= {` of a script (script_state), and most attempts fail at
     * their first token: a block sized by what follows (up to 4 MiB) per attempt made a page of
     * many short attempts slow in proportion to its size squared under ASan. */
    if (mode == DOC_PREFIX)
        bs = 4096;
    struct jdoc *d = jdoc_new(bs, errbuf, errcap);
    if (!d)
        return NULL;
    struct hugi_arena *a = d->arena;
    struct jp p = {.s = s, .n = len, .a = a, .err = errbuf, .errcap = errcap};
    p.js = mode == DOC_PREFIX; /* a literal inside script code */
    bool ok = read_value(&p, &d->root);
    if (ok) {
        skip_ws(&p);
        if (p.i < p.n && seq) {
            /* Several values in one block ("{..}{..}", "{..},\n{..}"): an array of them. */
            yajl_val first = node(&p, yajl_t_null);
            ok = first != NULL;
            if (ok) {
                *first = d->root;
                ok = push(&p, NULL, first);
            }
            while (ok && p.i < p.n) {
                if (p.s[p.i] == ',' || p.s[p.i] == ';') {
                    p.i++;
                    skip_ws(&p);
                    continue;
                }
                yajl_val v = node(&p, yajl_t_null);
                ok = v && read_value(&p, v) && push(&p, NULL, v);
                skip_ws(&p);
            }
            if (ok) {
                size_t cnt = p.nstk;
                yajl_val *vals = hugi_arena_alloc(a, cnt * sizeof *vals);
                if (!vals) {
                    p.oom = true;
                    ok = fail(&p, "out of memory");
                } else {
                    memcpy(vals, p.vals, cnt * sizeof *vals);
                    memset(&d->root, 0, sizeof d->root);
                    d->root.type = yajl_t_array;
                    d->root.u.array.values = vals;
                    d->root.u.array.len = cnt;
                }
            }
        } else if (p.i < p.n && mode != DOC_PREFIX) {
            ok = fail(&p, "trailing garbage");
        }
    }
    if (end)
        *end = p.i; /* where the value ended, or where reading failed */
    free(p.vals);
    free(p.keys);
    if (!ok) {
        hugi_arena_free(a);
        return NULL;
    }
    return &d->root;
}

void x_json_free(yajl_val v)
{
    if (!v)
        return;
    struct jdoc *d = (struct jdoc *)((char *)v - offsetof(struct jdoc, root));
    hugi_arena_free(d->arena);
}

/* Where the JavaScript block opened at s[i] ('{') closes, strings and comments skipped; len when
 * it does not. */
static size_t js_block_end(const char *s, size_t len, size_t i)
{
    int depth = 0;
    for (; i < len; i++) {
        char c = s[i];
        if (c == '"' || c == '\'' || c == '`') {
            for (i++; i < len && s[i] != c; i++)
                if (s[i] == '\\')
                    i++;
        } else if (c == '/' && i + 1 < len && s[i + 1] == '*') {
            for (i += 2; i + 1 < len && !(s[i] == '*' && s[i + 1] == '/'); i++)
                ;
            i++;
        } else if (c == '{') {
            depth++;
        } else if (c == '}' && --depth == 0) {
            return i;
        }
    }
    return len;
}

yajl_val x_json_read_js_call(const char *s, size_t len, size_t *end, char *errbuf, size_t errcap)
{
    errbuf[0] = 0;
    *end = 0;
    struct jdoc *d = jdoc_new(len < ((size_t)1 << 16) ? ((size_t)1 << 16) : len, errbuf, errcap);
    if (!d)
        return NULL;
    struct hugi_arena *a = d->arena;
    struct jp p = {.s = s, .n = len, .a = a, .err = errbuf, .errcap = errcap, .js = true};
    size_t cap = 0, body = 0, body_end = 0;
    bool ok = true;
    /* (function(a,b,…){return {…}}(1,"x",…)) or (function(…){…})(…) */
    skip_ws(&p);
    if (p.i < p.n && s[p.i] == '(')
        p.i++;
    skip_ws(&p);
    ok = p.n - p.i > 8 && memcmp(s + p.i, "function", 8) == 0;
    if (ok) {
        p.i += 8;
        skip_ws(&p);
        ok = p.i < p.n && s[p.i] == '(';
        p.i++;
    }
    while (ok) {
        skip_ws(&p);
        if (p.i < p.n && s[p.i] == ')') {
            p.i++;
            break;
        }
        size_t l = ident_len(&p);
        if (!l) {
            ok = fail(&p, "expected a parameter name");
            break;
        }
        if (p.nb == cap) {
            size_t nc = cap ? cap * 2 : 64;
            const char **nn = realloc(p.bnames, nc * sizeof *nn);
            if (nn)
                p.bnames = nn;
            size_t *nl = nn ? realloc(p.blens, nc * sizeof *nl) : NULL;
            if (nl)
                p.blens = nl;
            yajl_val *nv = nl ? realloc(p.bvals, nc * sizeof *nv) : NULL;
            if (!nv) {
                p.oom = true;
                ok = fail(&p, "out of memory");
                break;
            }
            p.bvals = nv;
            cap = nc;
        }
        p.bnames[p.nb] = s + p.i;
        p.blens[p.nb] = l;
        p.bvals[p.nb] = NULL;
        p.nb++;
        p.i += l;
        skip_ws(&p);
        if (p.i < p.n && s[p.i] == ',')
            p.i++;
    }
    if (ok) {
        skip_ws(&p);
        ok = p.i < p.n && s[p.i] == '{';
        body = p.i + 1;
        body_end = ok ? js_block_end(s, len, p.i) : len;
        ok = ok && body_end < len;
        if (!ok)
            fail(&p, "unterminated function body");
    }
    if (ok) {
        /* the arguments first: the body's names stand for them */
        p.i = body_end + 1;
        skip_ws(&p);
        if (p.i < p.n && s[p.i] == ')') {
            p.i++;
            skip_ws(&p);
        }
        ok = p.i < p.n && s[p.i] == '(';
        if (!ok)
            fail(&p, "expected the call's arguments");
        p.i++;
        size_t nb = p.nb;
        p.nb = 0; /* an argument names no parameter */
        for (size_t k = 0; ok; k++) {
            skip_ws(&p);
            if (p.i < p.n && s[p.i] == ')') {
                p.i++;
                break;
            }
            yajl_val v = node(&p, yajl_t_null);
            ok = v && read_value(&p, v);
            if (ok && k < nb)
                p.bvals[k] = v;
            skip_ws(&p);
            if (ok && p.i < p.n && s[p.i] == ',')
                p.i++;
            else if (ok && !(p.i < p.n && s[p.i] == ')'))
                ok = fail(&p, "expected ',' or ')'");
        }
        *end = p.i;
        p.nb = nb;
        for (size_t k = 0; ok && k < p.nb; k++)
            if (!p.bvals[k] && !(p.bvals[k] = node(&p, yajl_t_null)))
                ok = false; /* a parameter without an argument is undefined */
    }
    if (ok) {
        /* the body: `return {…}` */
        p.i = body;
        skip_ws(&p);
        ok = p.n - p.i > 6 && memcmp(s + p.i, "return", 6) == 0;
        if (ok) {
            p.i += 6;
            ok = read_value(&p, &d->root);
        } else {
            fail(&p, "expected 'return'");
        }
    }
    free(p.vals);
    free(p.keys);
    free(p.bnames);
    free(p.blens);
    free(p.bvals);
    if (!ok) {
        hugi_arena_free(a);
        return NULL;
    }
    return &d->root;
}
