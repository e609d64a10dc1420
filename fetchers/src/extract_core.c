/* SPDX-License-Identifier: MIT
 * hugi_extract(): decode the body to UTF-8 (HTTP charset, BOM, <meta charset>, a CP949 guess for
 * undeclared Korean exports), pick the preset (or detect it from the first bytes and the shape),
 * and funnel every review through x_emit, which fills the configured names, builds ids and drops
 * duplicates. The presets themselves live in extract_json.c, extract_html.c, extract_xml.c and
 * extract_csv.c. */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "extract_int.h"
#include "hugi/transcode.h"

static const char *const preset_names[] = {
#define X(e, name) name,
    HUGI_EXTRACT_PRESETS(X)
#undef X
};

const char *hugi_extract_preset_name(enum hugi_extract_preset p)
{
    if ((unsigned)p >= HUGI_PRESET_COUNT_)
        return "?";
    return preset_names[p];
}

bool hugi_extract_preset_from_name(const char *name, enum hugi_extract_preset *out)
{
    for (int i = 0; name && i < HUGI_PRESET_COUNT_; i++) {
        if (strcmp(name, preset_names[i]) == 0) {
            *out = (enum hugi_extract_preset)i;
            return true;
        }
    }
    /* Common spellings people write in configs. */
    if (name && (strcmp(name, "json-ld") == 0 || strcmp(name, "ld+json") == 0)) {
        *out = HUGI_PRESET_JSONLD;
        return true;
    }
    if (name && (strcmp(name, "atom") == 0 || strcmp(name, "tsv") == 0)) {
        *out = name[0] == 'a' ? HUGI_PRESET_RSS : HUGI_PRESET_CSV;
        return true;
    }
    return false;
}

void hugi_extract_opts_init(struct hugi_extract_opts *o)
{
    memset(o, 0, sizeof *o);
    o->preset = HUGI_PRESET_AUTO;
    o->fetched_at = HUGI_NO_TIME;
}

void hugi_extract_result_release(struct hugi_extract_result *res)
{
    if (!res)
        return;
    free(res->next_url);
    free(res->next_cursor);
    free(res->charset);
    memset(res, 0, sizeof *res);
}

bool x_utf8_valid(const char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        /* pages are mostly ASCII: eight bytes a step until one has its high bit set */
        while (i + 8 <= len) {
            uint64_t w;
            memcpy(&w, s + i, 8);
            if (w & 0x8080808080808080ULL)
                break;
            i += 8;
        }
        /* at most 7 bytes: the word that stopped the loop holds a byte >= 0x80 (or the end) */
        while (i < len && (unsigned char)s[i] < 0x80)
            i++;
        if (i >= len)
            break;
        /* a UTF-8 sequence is made of bytes >= 0x80 only: check the whole run at once */
        size_t j = i;
        while (j < len && (unsigned char)s[j] >= 0x80)
            j++;
        if (!hugi_utf8_valid(s + i, j - i))
            return false;
        i = j;
    }
    return true;
}

const char *x_memmem(const char *h, size_t hl, const char *n, size_t nl)
{
    return hugi_memmem(h, hl, n, nl);
}

const char *x_strcasestr(const char *h, const char *n)
{
    size_t nl = strlen(n);
    for (; *h; h++)
        if (strncasecmp(h, n, nl) == 0)
            return h;
    return NULL;
}

/* ---- messages ---------------------------------------------------------------------------- */

void x_warn(struct xctx *x, const char *where, const char *fmt, ...)
{
    x->res->nwarnings++;
    if (x->res->warning[0])
        return;
    char msg[200];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (!where)
        where = x->at;
    if (where)
        snprintf(x->res->warning, sizeof x->res->warning, "%s (%s: %s)", msg, x->name, where);
    else
        snprintf(x->res->warning, sizeof x->res->warning, "%s (%s)", msg, x->name);
}

hugi_rc x_fail(struct xctx *x, hugi_rc code, const char *where, const char *fmt, ...)
{
    char place[256];
    if (where)
        snprintf(place, sizeof place, "%s: %s", x->name, where);
    else
        snprintf(place, sizeof place, "%s", x->name);
    va_list ap;
    va_start(ap, fmt);
    hugi_err_setv(x->err, code, place, fmt, ap);
    va_end(ap);
    return code;
}

/* ---- field setters ----------------------------------------------------------------------- */

hugi_rc x_set(char **field, const char *s, size_t len)
{
    if (!s)
        return HUGI_OK;
    size_t n;
    const char *t = hugi_str_trim(s, len, &n);
    if (n == 0)
        return HUGI_OK;
    return hugi_review_set(field, t, n);
}

hugi_rc x_set_ws(char **field, const char *s, size_t len)
{
    if (!s)
        return HUGI_OK;
    struct hugi_buf b;
    hugi_buf_init(&b, 0);
    bool sp = false;
    hugi_rc rc = HUGI_OK;
    for (size_t i = 0; i < len && !rc; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
            sp = true;
            continue;
        }
        /* U+00A0 (&nbsp;) counts as space too: pages pad with it. */
        if (c == 0xC2 && i + 1 < len && (unsigned char)s[i + 1] == 0xA0) {
            sp = true;
            i++;
            continue;
        }
        if (sp && b.len)
            rc = hugi_buf_addc(&b, ' ');
        sp = false;
        if (!rc)
            rc = hugi_buf_addc(&b, (char)c);
    }
    if (!rc && b.len)
        rc = hugi_review_set(field, b.data, b.len);
    hugi_buf_release(&b);
    return rc;
}

hugi_rc x_set_date(struct xctx *x, struct hugi_review *r, const char *s, size_t len)
{
    size_t n;
    const char *t = s ? hugi_str_trim(s, len, &n) : NULL;
    if (!t || n == 0)
        return HUGI_OK;
    /* the closing half of a bracket the date was set in, "(Posted on 7/14/2025)" read after
     * its " on ": no part of the date */
    if (n > 1 && (t[n - 1] == ')' || t[n - 1] == ']') && !memchr(t, t[n - 1] == ')' ? '(' : '[', n))
        n--;
    hugi_rc rc = hugi_review_set(&r->date_raw, t, n);
    if (rc)
        return rc;
    int64_t d;
    if (hugi_extract_date(t, n, x->now, &d))
        r->date = d;
    else
        x_warn(x, NULL, "cannot parse date '%.60s'", r->date_raw);
    return HUGI_OK;
}

void x_set_rating_text(struct xctx *x, struct hugi_review *r, const char *s, size_t len)
{
    double v;
    if (s && hugi_extract_rating(s, len, x->scale, &v))
        r->rating = v;
}

static hugi_rc set_once(char **dst, const char *s, size_t len)
{
    if (*dst || !s)
        return HUGI_OK;
    size_t n;
    const char *t = hugi_str_trim(s, len, &n);
    if (n == 0)
        return HUGI_OK;
    *dst = hugi_strndup(t, n);
    return *dst ? HUGI_OK : HUGI_E_NOMEM;
}

/* Resolves a link against the page URL: enough of RFC 3986 for links pages write (absolute,
 * scheme-relative, host-relative, query-only, path-relative). A copy; NULL only without memory. */
char *x_resolve_url(struct xctx *x, const char *t, size_t n)
{
    const char *base = x->o->url;
    bool absolute = false;
    for (size_t i = 0; i < n; i++) {
        char c = t[i];
        if (c == ':') {
            absolute = i > 0;
            break;
        }
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '+' || c == '-' || c == '.'))
            break;
    }
    if (absolute || !base || !strstr(base, "://") || n == 0)
        return hugi_strndup(t, n);
    struct hugi_buf b;
    hugi_buf_init(&b, 1 << 16);
    const char *p = strstr(base, "://") + 3;
    const char *host_end = p + strcspn(p, "/?#");
    size_t keep;
    hugi_rc rc = HUGI_OK;
    if (n >= 2 && t[0] == '/' && t[1] == '/')
        keep = (size_t)(strstr(base, "://") + 1 - base);
    else if (t[0] == '/')
        keep = (size_t)(host_end - base);
    else if (t[0] == '?')
        keep = strcspn(base, "?#");
    else {
        size_t q = strcspn(base, "?#");
        keep = q;
        while (keep > (size_t)(host_end - base) && base[keep - 1] != '/')
            keep--;
        if (keep == (size_t)(host_end - base)) {
            rc = hugi_buf_add(&b, base, keep);
            if (!rc)
                rc = hugi_buf_addc(&b, '/');
            keep = 0;
        }
    }
    if (!rc && keep)
        rc = hugi_buf_add(&b, base, keep);
    if (!rc)
        rc = hugi_buf_add(&b, t, n);
    char *out = rc ? NULL : hugi_buf_detach(&b, NULL);
    hugi_buf_release(&b);
    return out;
}

hugi_rc x_set_next_url(struct xctx *x, const char *s, size_t len)
{
    size_t n;
    const char *t = s ? hugi_str_trim(s, len, &n) : NULL;
    if (!t || n == 0 || x->res->next_url)
        return HUGI_OK;
    x->res->next_url = x_resolve_url(x, t, n);
    return x->res->next_url ? HUGI_OK : HUGI_E_NOMEM;
}

hugi_rc x_set_next_cursor(struct xctx *x, const char *s, size_t len)
{
    return set_once(&x->res->next_cursor, s, len);
}

/* ---- emit + dedupe ------------------------------------------------------------------------ */

/* The dedupe key only lives for one call, so it need not be hugi_hash64 (byte-wise FNV, stable
 * across versions): eight bytes a step, then a splitmix64 finish. */
static uint64_t mix64(uint64_t h)
{
    h ^= h >> 30;
    h *= 0xbf58476d1ce4e5b9ULL;
    h ^= h >> 27;
    h *= 0x94d049bb133111ebULL;
    h ^= h >> 31;
    return h;
}

static uint64_t key_hash(const char *p, size_t len, uint64_t h)
{
    h ^= len * 0x9e3779b97f4a7c15ULL;
    while (len >= 8) {
        uint64_t w;
        memcpy(&w, p, 8);
        h = (h ^ w) * 0x100000001b3ULL;
        h ^= h >> 29;
        p += 8;
        len -= 8;
    }
    uint64_t w = 0;
    memcpy(&w, p, len);
    h = (h ^ w) * 0x100000001b3ULL;
    return mix64(h);
}

uint64_t x_review_key(const struct hugi_review *r)
{
    uint64_t h = HUGI_HASH_SEED ^ 0x9e37;
    /* A source id decides alone: the same id is the same review. */
    if (r->id && r->id[0]) {
        h = key_hash(r->id, strlen(r->id), h);
        return h ? h : 1;
    }
    const char *parts[] = {r->author, r->date_raw, r->title, r->text, r->parent_id};
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
        const char *p = parts[i] ? parts[i] : "";
        /* the length folded in per part keeps ("ab","c") apart from ("a","bc") */
        h = key_hash(p, strlen(p), h + i);
    }
    double rt = isnan(r->rating) ? -1 : r->rating;
    h = key_hash((const char *)&rt, sizeof rt, h);
    return h ? h : 1;
}

/* Open addressing over (key, container) pairs. A key seen before is a duplicate when either
 * side is X_ANY_CONTAINER or the containers differ: the same review shown in two places of a
 * page is one review, while two identical entries of one list are the site's own two records
 * (double submissions) and both count. */
static bool seen_add(struct xctx *x, uint64_t key, uint64_t container, bool *oom)
{
    if ((x->nseen + 1) * 2 > x->capseen) {
        size_t ncap = x->capseen ? x->capseen * 2 : 256;
        struct xseen *n = calloc(ncap, sizeof *n);
        if (!n) {
            *oom = true;
            return false;
        }
        for (size_t i = 0; i < x->capseen; i++) {
            if (!x->seen[i].key)
                continue;
            size_t j = x->seen[i].key & (ncap - 1);
            while (n[j].key)
                j = (j + 1) & (ncap - 1);
            n[j] = x->seen[i];
        }
        free(x->seen);
        x->seen = n;
        x->capseen = ncap;
    }
    size_t j = key & (x->capseen - 1);
    while (x->seen[j].key) {
        if (x->seen[j].key == key) {
            if (container == X_ANY_CONTAINER || x->seen[j].container == X_ANY_CONTAINER ||
                x->seen[j].container != container)
                return true;
            return false;
        }
        j = (j + 1) & (x->capseen - 1);
    }
    x->seen[j].key = key;
    x->seen[j].container = container;
    x->nseen++;
    return false;
}

hugi_rc x_emit_or_drop(struct xctx *x, struct hugi_review *r, hugi_rc rc)
{
    if (rc) {
        hugi_review_release(r);
        return rc;
    }
    return x_emit(x, r, 0);
}

hugi_rc x_emit(struct xctx *x, struct hugi_review *r, uint64_t key)
{
    return x_emit_in(x, r, key, X_ANY_CONTAINER);
}

hugi_rc x_emit_in(struct xctx *x, struct hugi_review *r, uint64_t key, uint64_t container)
{
    hugi_rc rc = HUGI_OK;
    if (!r->text)
        r->text = hugi_strdup("");
    if (!r->text) {
        rc = HUGI_E_NOMEM;
        goto out;
    }
    if (!key)
        key = x_review_key(r);
    bool oom = false;
    if (container != X_NO_DEDUPE && seen_add(x, key, container, &oom)) {
        x->res->nduplicates++;
        goto out;
    }
    if (oom) {
        rc = HUGI_E_NOMEM;
        goto out;
    }
    if (x->o->source && !r->source)
        r->source = hugi_strdup(x->o->source);
    if (x->o->product && !r->product)
        r->product = hugi_strdup(x->o->product);
    else if (!r->product && x->page_product)
        r->product = hugi_strdup(x->page_product); /* reviews in a one-product page's markup */
    if (x->o->lang && x->o->lang[0] && !r->lang)
        r->lang = hugi_strdup(x->o->lang);
    if (r->fetched_at == HUGI_NO_TIME)
        r->fetched_at = x->now;
    rc = hugi_review_ensure_id(r);
    if (!rc) {
        x->res->nreviews++;
        if (x->cb)
            rc = x->cb(r, x->cbctx);
    }
out:
    hugi_review_release(r);
    return rc;
}

/* ---- charset ------------------------------------------------------------------------------ */

/* Canonical iconv name; EUC-KR pages are read as CP949 (its superset: Windows-made Korean text
 * declared as EUC-KR routinely holds the extended syllables, and strict EUC-KR fails on them). */
static const char *canon_charset(const char *cs, size_t n, char *tmp, size_t cap)
{
    if (n >= cap)
        n = cap - 1;
    for (size_t i = 0; i < n; i++) {
        char c = cs[i];
        tmp[i] = (c >= 'a' && c <= 'z') ? (char)(c - 32) : c;
    }
    tmp[n] = 0;
    if (strcmp(tmp, "UTF8") == 0 || strcmp(tmp, "UTF-8") == 0 || strcmp(tmp, "US-ASCII") == 0 ||
        strcmp(tmp, "ASCII") == 0)
        return "UTF-8";
    if (strcmp(tmp, "EUC-KR") == 0 || strcmp(tmp, "EUCKR") == 0 ||
        strcmp(tmp, "KS_C_5601-1987") == 0 || strcmp(tmp, "KSC5601") == 0 ||
        strcmp(tmp, "UHC") == 0 || strcmp(tmp, "CP949") == 0 || strcmp(tmp, "WINDOWS-949") == 0 ||
        strcmp(tmp, "X-WINDOWS-949") == 0)
        return "CP949";
    if (strcmp(tmp, "SJIS") == 0 || strcmp(tmp, "SHIFT_JIS") == 0 || strcmp(tmp, "X-SJIS") == 0)
        return "CP932";
    return tmp;
}

static hugi_rc convert(struct xctx *x, const char *from, const char *s, size_t len, bool strict,
                       struct hugi_buf *out)
{
    iconv_t cd = iconv_open("UTF-8", from);
    if (cd == (iconv_t)-1)
        return x_fail(x, HUGI_E_ENCODING, NULL, "unknown charset '%s'", from);
    char *in = (char *)s;
    size_t inleft = len;
    size_t nbad = 0;
    hugi_rc rc = hugi_buf_grow(out, 0); /* an empty page still gives a terminated buffer */
    while (!rc && inleft) {
        enum hugi_iconv_stop stop;
        rc = hugi_iconv_run(cd, &in, &inleft, out, &stop);
        if (rc || stop == HUGI_ICONV_END)
            break;
        /* invalid or truncated sequence: one byte becomes U+FFFD, counted */
        if (strict) {
            rc = HUGI_E_ENCODING;
            break;
        }
        nbad++;
        rc = hugi_iconv_replace(cd, &in, &inleft, out);
    }
    iconv_close(cd);
    if (!rc && out->data)
        out->data[out->len] = 0;
    if (!rc && nbad)
        x_warn(x, NULL, "%zu %s not valid %s", nbad, nbad == 1 ? "byte" : "bytes", from);
    return rc;
}

/* <meta charset="x"> or <meta http-equiv content="...; charset=x"> in the first 4 KiB, or
 * <?xml encoding="x"?>. */
static bool sniff_meta(const char *s, size_t len, const char **cs, size_t *n)
{
    size_t lim = len < 4096 ? len : 4096;
    for (size_t i = 0; i + 8 < lim; i++) {
        if ((s[i] | 0x20) != 'c' && s[i] != 'e')
            continue;
        size_t klen;
        if (strncasecmp(s + i, "charset", 7) == 0)
            klen = 7;
        else if (strncmp(s + i, "encoding", 8) == 0 && i > 5)
            klen = 8;
        else
            continue;
        size_t j = i + klen;
        while (j < lim && s[j] == ' ')
            j++;
        if (j >= lim || s[j] != '=')
            continue;
        j++;
        while (j < lim && (s[j] == ' ' || s[j] == '"' || s[j] == '\''))
            j++;
        size_t k = j;
        while (k < lim &&
               (s[k] == '-' || s[k] == '_' || s[k] == ':' || s[k] == '.' ||
                (s[k] >= '0' && s[k] <= '9') || ((s[k] | 0x20) >= 'a' && (s[k] | 0x20) <= 'z')))
            k++;
        if (k > j) {
            *cs = s + j;
            *n = k - j;
            return true;
        }
    }
    return false;
}

static bool looks_utf16le(const char *s, size_t len)
{
    /* ASCII text in UTF-16LE: every odd byte zero in the first few characters. */
    if (len < 8)
        return false;
    for (size_t i = 1; i < 8; i += 2)
        if (s[i] != 0 || s[i - 1] == 0)
            return false;
    return true;
}

/* Decodes into `out` when needed; body and len then point at it. */
static hugi_rc decode_body(struct xctx *x, const char **body, size_t *len, struct hugi_buf *out)
{
    const char *s = *body;
    size_t n = *len;
    const char *cs = NULL;
    bool from_meta = false;
    char tmp[64];
    if (n >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0) {
        *body = s + 3;
        *len = n - 3;
        cs = "UTF-8";
    } else if (n >= 2 && memcmp(s, "\xff\xfe", 2) == 0) {
        cs = "UTF-16LE";
        s += 2;
        n -= 2;
    } else if (n >= 2 && memcmp(s, "\xfe\xff", 2) == 0) {
        cs = "UTF-16BE";
        s += 2;
        n -= 2;
    } else if (x->o->charset && x->o->charset[0]) {
        cs = canon_charset(x->o->charset, strlen(x->o->charset), tmp, sizeof tmp);
    } else if (looks_utf16le(s, n)) {
        cs = "UTF-16LE";
    } else {
        const char *m;
        size_t mn;
        if (sniff_meta(s, n, &m, &mn)) {
            cs = canon_charset(m, mn, tmp, sizeof tmp);
            from_meta = true;
        }
        /* A page that says UTF-16 in a meta tag but arrived as bytes we can read as ASCII is
         * lying (the tag survived a re-save); trust the bytes. */
        if (cs && strncmp(cs, "UTF-16", 6) == 0)
            cs = NULL;
    }
    if (!cs || strcmp(cs, "UTF-8") == 0) {
        if ((!cs || from_meta) && !x_utf8_valid(*body, *len)) {
            /* Undeclared (or declared UTF-8 by a <meta> a template copied) and not UTF-8:
             * Korean exports and old shop templates are CP949; take that when the whole body
             * decodes cleanly, else keep the bytes (invalid ones become U+FFFD later). */
            hugi_rc rc = convert(x, "CP949", *body, *len, true, out);
            if (rc == HUGI_OK) {
                x->res->charset = hugi_strdup("CP949");
                *body = out->data;
                *len = out->len;
                return HUGI_OK;
            }
            if (rc != HUGI_E_ENCODING)
                return rc;
            hugi_buf_reset(out);
            x_warn(x, NULL, "input is not valid UTF-8 and no charset is declared");
        }
        x->res->charset = hugi_strdup("UTF-8");
        return x->res->charset ? HUGI_OK : HUGI_E_NOMEM;
    }
    hugi_rc rc = convert(x, cs, s, n, false, out);
    if (rc)
        return rc;
    x->res->charset = hugi_strdup(cs);
    *body = out->data ? out->data : "";
    *len = out->len;
    /* A converted byte order mark (U+FEFF) at the start would hide the first byte from detection.
     */
    if (*len >= 3 && memcmp(*body, "\xef\xbb\xbf", 3) == 0) {
        *body += 3;
        *len -= 3;
    }
    return HUGI_OK;
}

/* ---- detection + dispatch ----------------------------------------------------------------- */

static size_t skip_ws(const char *s, size_t len, size_t i)
{
    while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
        i++;
    return i;
}

static hugi_rc run_html(struct xctx *x, const char *s, size_t len, enum hugi_extract_preset want);

/* A "load more" endpoint's answer: the next reviews as markup inside JSON (`{"html": "<li
 * class=…>…", "hasMore": true}`). The longest string of the top object, or of an object one
 * level below it (`data.html`), that starts as markup; NULL when there is none. */
static const char *json_markup(yajl_val v, int depth, size_t *out_len)
{
    const char *best = NULL;
    size_t bl = 0;
    if (!YAJL_IS_OBJECT(v))
        return NULL;
    for (size_t i = 0; i < v->u.object.len; i++) {
        yajl_val c = v->u.object.values[i];
        size_t cl = 0;
        const char *cs = NULL;
        if (YAJL_IS_STRING(c)) {
            cs = c->u.string;
            cl = strlen(cs);
            size_t k = skip_ws(cs, cl, 0);
            if (cl - k < 64 || cs[k] != '<' || !memchr(cs + k, '>', cl - k))
                cs = NULL;
        } else if (depth < 1) {
            cs = json_markup(c, depth + 1, &cl);
        }
        if (cs && cl > bl) {
            best = cs;
            bl = cl;
        }
    }
    *out_len = bl;
    return best;
}

static hugi_rc run_json(struct xctx *x, const char *s, size_t len, enum hugi_extract_preset want)
{
    char eb[200];
    yajl_val root = x_json_parse(s, len, eb, sizeof eb);
    if (!root) {
        /* Several JSON values a line is JSONL. */
        if (want == HUGI_PRESET_AUTO || want == HUGI_PRESET_JSONL) {
            const char *nl = memchr(s, '\n', len);
            if (nl && want == HUGI_PRESET_AUTO) {
                x->res->used = HUGI_PRESET_JSONL;
                return x_jsonl(x, s, len);
            }
        }
        return x_fail(x, HUGI_E_PARSE, "$", "%s", eb);
    }
    hugi_rc rc;
    if (want == HUGI_PRESET_JSONPATH) {
        x->res->used = want;
        rc = x_jsonpath_items(x, root);
    } else if (want == HUGI_PRESET_JSONLD) {
        x->res->used = want;
        rc = x_jsonld_value(x, root);
    } else {
        enum hugi_extract_preset used = want;
        rc = x_json_feed(x, root, want, &used);
        x->res->used = used;
        if (rc == HUGI_E_NOTFOUND && want != HUGI_PRESET_AUTO)
            rc = x_fail(x, HUGI_E_PARSE, "$", "not a %s response", hugi_extract_preset_name(want));
        else if (rc == HUGI_E_NOTFOUND) {
            size_t ml = 0;
            const char *m = json_markup(root, 0, &ml);
            if (m) {
                hugi_rc hr = run_html(x, m, ml, HUGI_PRESET_AUTO);
                if ((hr == HUGI_OK && x->res->nreviews) || (hr && hr != HUGI_E_NOTFOUND)) {
                    x_json_free(root);
                    return hr;
                }
                /* no review in the markup: the JSON's own message, not the page's */
                hugi_err_clear(x->err);
                x->res->used = used;
            }
            rc = x_fail(x, HUGI_E_NOTFOUND, "$", "no known review shape in this JSON");
        }
    }
    x_json_free(root);
    return rc;
}

/* A page a server sent instead of the one asked for: a CDN's "Access Denied", a bot check
 * ("Just a moment...", "Robot Check", a captcha). Said only when no review was found, so that
 * the user refetches instead of writing an XPath for it. `why` gets the title or the marker. */
static bool blocked_page(const char *s, size_t len, char *why, size_t cap)
{
    static const char *const titles[] = {
        "access denied",
        "just a moment",
        "attention required",
        "robot check",
        "are you a robot",
        "are you a human",
        "403 forbidden",
        "429 too many requests",
        "too many requests",
        "pardon our interruption",
        "request unsuccessful",
        "security check",
        "captcha",
        "\xeb\xb3\xb4\xec\x95\x88 \xed\x99\x95\xec\x9d\xb8",             /* 보안 확인 */
        "\xec\xa0\x91\xea\xb7\xbc\xec\x9d\xb4 \xea\xb1\xb0\xeb\xb6\x80", /* 접근이 거부 */
        NULL};
    static const char *const marks[] = {"g-recaptcha",
                                        "h-captcha",
                                        "cf-challenge",
                                        "challenge-platform",
                                        "captcha-delivery",
                                        "enable javascript and cookies to continue",
                                        NULL};
    size_t lim = len < 65536 ? len : 65536;
    const char *t = NULL;
    for (size_t i = 0; i + 7 <= lim; i++)
        if (s[i] == '<' && strncasecmp(s + i, "<title", 6) == 0) {
            const char *gt = memchr(s + i, '>', lim - i);
            t = gt ? gt + 1 : NULL;
            break;
        }
    if (t) {
        const char *end = memchr(t, '<', (size_t)(s + lim - t));
        size_t tl = end ? (size_t)(end - t) : 0;
        while (tl && (*t == ' ' || *t == '\n' || *t == '\r' || *t == '\t'))
            t++, tl--;
        for (int k = 0; titles[k] && tl < 120; k++) {
            size_t kl = strlen(titles[k]);
            for (size_t j = 0; j + kl <= tl; j++)
                if (strncasecmp(t + j, titles[k], kl) == 0) {
                    snprintf(why, cap, "title '%.*s'", (int)(tl < 60 ? tl : 60), t);
                    return true;
                }
        }
    }
    /* a short page only: a shop's real page may well load a captcha for its login form */
    if (len > 32768)
        return false;
    for (int k = 0; marks[k]; k++) {
        size_t kl = strlen(marks[k]);
        for (size_t j = 0; j + kl <= lim; j++)
            if (strncasecmp(s + j, marks[k], kl) == 0) {
                snprintf(why, cap, "'%.60s'", marks[k]);
                return true;
            }
    }
    return false;
}

/* A widget that draws its reviews in an iframe whose page the host writes inline (`<iframe
 * srcdoc="&lt;div class=&quot;review&quot;…">`): each such page (at most four, not again inside
 * one) is read as a page of its own once its entities are decoded. HUGI_E_NOTFOUND when none
 * gave a review. */
static hugi_rc srcdoc_pages(struct xctx *x, const char *s, size_t len)
{
    size_t before = x->res->nreviews;
    int seen = 0;
    for (size_t i = 0; i + 8 < len && seen < 4;) {
        const char *p = x_memmem(s + i, len - i, "srcdoc", 6);
        if (!p)
            break;
        size_t at = (size_t)(p - s), j = at + 6;
        i = j;
        if (at == 0 || !(s[at - 1] == ' ' || s[at - 1] == '\t' || s[at - 1] == '\n'))
            continue;
        while (j < len && (s[j] == ' ' || s[j] == '\n'))
            j++;
        if (j >= len || s[j] != '=')
            continue;
        for (j++; j < len && (s[j] == ' ' || s[j] == '\n');)
            j++;
        if (j >= len || (s[j] != '"' && s[j] != '\''))
            continue;
        const char *e = memchr(s + j + 1, s[j], len - j - 1);
        if (!e)
            break;
        i = (size_t)(e - s) + 1;
        seen++;
        struct hugi_buf b;
        hugi_buf_init(&b, 64u << 20);
        hugi_rc rc = x_html_decode(&b, s + j + 1, (size_t)(e - s) - j - 1);
        if (!rc && b.len) {
            x->in_srcdoc = true;
            rc = run_html(x, b.data, b.len, HUGI_PRESET_AUTO);
            x->in_srcdoc = false;
        }
        hugi_buf_release(&b);
        if (rc == HUGI_E_NOMEM)
            return rc;
    }
    return x->res->nreviews > before ? HUGI_OK : HUGI_E_NOTFOUND;
}

static hugi_rc run_html(struct xctx *x, const char *s, size_t len, enum hugi_extract_preset want)
{
    size_t nblocks = 0, nitems = 0;
    hugi_rc rc;
    if (want == HUGI_PRESET_JSONLD || want == HUGI_PRESET_MICRODATA) {
        x->res->used = want;
        return x_html_jsonld_microdata(x, s, len, want == HUGI_PRESET_JSONLD,
                                       want == HUGI_PRESET_MICRODATA, &nblocks, &nitems);
    }
    if (want == HUGI_PRESET_XPATH) {
        x->res->used = want;
        return x_xpath_html(x, s, len);
    }
    if (want == HUGI_PRESET_LISTING) {
        x->res->used = want;
        rc = x_html_listing(x, s, len);
        if (rc == HUGI_E_NOTFOUND)
            rc = x_fail(x, HUGI_E_PARSE, NULL, "no list in this page reads as reviews");
        return rc;
    }
    if (want == HUGI_PRESET_GOOGLEPLAY || want == HUGI_PRESET_LAYOUT) {
        x->res->used = want;
        rc = x_html_layouts(x, s, len);
        if (rc == HUGI_E_NOTFOUND)
            rc = x_fail(x, HUGI_E_PARSE, NULL, "no known %s layout in this page",
                        want == HUGI_PRESET_LAYOUT ? "review page" : "Google Play review");
        return rc;
    }
    /* AUTO: JSON-LD first (the richest and most reliable), microdata when JSON-LD gave nothing,
     * then the built-in layouts. */
    rc = x_html_jsonld_microdata(x, s, len, true, false, &nblocks, &nitems);
    x->res->used = HUGI_PRESET_JSONLD;
    if (rc || x->res->nreviews)
        return rc;
    rc = x_html_jsonld_microdata(x, s, len, false, true, &nblocks, &nitems);
    if (rc || x->res->nreviews) {
        x->res->used = HUGI_PRESET_MICRODATA;
        return rc;
    }
    /* A layout whose items read as no review at all is another site's markup under the same
     * class name (a shop theme's `single-review` is not Google Play's): the stages after it
     * answer, and its warnings are forgotten. */
    size_t nwarn = x->res->nwarnings;
    char warning[sizeof x->res->warning];
    memcpy(warning, x->res->warning, sizeof warning);
    rc = x_html_layouts(x, s, len);
    bool layout_empty = rc == HUGI_OK && !x->res->nreviews;
    if (rc != HUGI_E_NOTFOUND && !layout_empty) {
        x->res->used = HUGI_PRESET_LAYOUT;
        return rc;
    }
    if (layout_empty) {
        x->res->nwarnings = nwarn;
        memcpy(x->res->warning, warning, sizeof warning);
    }
    /* Framework page data last: it is the least certain (the generic shape finder). */
    rc = x_html_json_scripts(x, s, len);
    if (rc != HUGI_E_NOTFOUND) {
        x->res->used = HUGI_PRESET_JSON;
        return rc;
    }
    /* A list that reads as reviews by its shape: a guess, so only when nothing above answered
     * (a page with a Product block but reviews only in its markup gets here too). */
    rc = x_html_listing(x, s, len);
    if (rc != HUGI_E_NOTFOUND) {
        x->res->used = HUGI_PRESET_LISTING;
        return rc;
    }
    if (!x->in_srcdoc && x_memmem(s, len, "srcdoc", 6)) {
        rc = srcdoc_pages(x, s, len);
        if (rc != HUGI_E_NOTFOUND)
            return rc;
    }
    if (layout_empty) {
        x->res->used = HUGI_PRESET_LAYOUT;
        return HUGI_OK;
    }
    /* Structured data without reviews (an AggregateRating only) is an answer: none. */
    if (nitems) {
        x->res->used = HUGI_PRESET_MICRODATA;
        return HUGI_OK;
    }
    if (nblocks)
        return HUGI_OK;
    char why[96];
    if (blocked_page(s, len, why, sizeof why))
        return x_fail(x, HUGI_E_NOTFOUND, NULL,
                      "looks like an access-denied or bot-check page (%s), not the reviews; fetch "
                      "it again more slowly, or save the page a browser shows",
                      why);
    return x_fail(x, HUGI_E_NOTFOUND, NULL,
                  "no JSON-LD, microdata or known review layout; use --preset xpath");
}

static bool looks_xml_feed(const char *s, size_t len)
{
    size_t lim = len < 2048 ? len : 2048;
    for (size_t i = 0; i + 5 < lim; i++) {
        if (s[i] != '<')
            continue;
        const char *t = s + i + 1;
        size_t rest = lim - i - 1;
        if (*t == '?' || *t == '!')
            continue;
        return (rest >= 3 && memcmp(t, "rss", 3) == 0) ||
               (rest >= 4 && memcmp(t, "feed", 4) == 0) ||
               (rest >= 7 && memcmp(t, "rdf:RDF", 7) == 0) ||
               (rest >= 8 && memcmp(t, "Document", 8) == 0);
    }
    return false;
}

/* Blanks and JavaScript comments: JSONP servers put one before the call (Express's res.jsonp()
 * an empty block comment against content sniffing, Google's APIs a `// API callback` line). */
static size_t skip_js_space(const char *s, size_t len, size_t i)
{
    for (;;) {
        i = skip_ws(s, len, i);
        if (len - i < 2 || s[i] != '/' || (s[i + 1] != '*' && s[i + 1] != '/'))
            return i;
        const char *e = s[i + 1] == '*' ? x_memmem(s + i + 2, len - i - 2, "*/", 2)
                                        : memchr(s + i + 2, '\n', len - i - 2);
        if (!e)
            return i;
        i = (size_t)(e - s) + (s[i + 1] == '*' ? 2 : 1);
    }
}

/* JSON an API wrapped so that a page cannot read it as script: a JSONP callback
 * (`jQuery1124_17044({…});`, `cb({…})`, Korean shops' review APIs) or an XSSI guard before it
 * (Google's `)]}'`, `while(1);`, `for(;;);`). True with the JSON inside in *in / *in_len. */
static bool json_unwrap(const char *s, size_t len, const char **in, size_t *in_len)
{
    size_t i = skip_js_space(s, len, 0);
    static const char *const guards[] = {")]}'", "while(1);", "for(;;);"};
    for (size_t g = 0; g < sizeof guards / sizeof *guards; g++) {
        size_t gl = strlen(guards[g]);
        if (len - i >= gl && memcmp(s + i, guards[g], gl) == 0) {
            i = skip_ws(s, len, i + gl);
            if (i < len && s[i] == ',')
                i = skip_ws(s, len, i + 1);
            if (i < len && (s[i] == '{' || s[i] == '[')) {
                *in = s + i;
                *in_len = len - i;
                return true;
            }
            return false;
        }
    }
    /* Express's guard before the call: `typeof cb === 'function' && cb(…)` */
    if (len - i > 7 && memcmp(s + i, "typeof ", 7) == 0) {
        const char *amp = x_memmem(s + i, len - i < 300 ? len - i : 300, "&&", 2);
        if (!amp)
            return false;
        i = skip_ws(s, len, (size_t)(amp - s) + 2);
    }
    /* callback name: a JavaScript identifier path, then '(' */
    size_t j = i;
    while (j < len && (isalnum((unsigned char)s[j]) || s[j] == '_' || s[j] == '$' || s[j] == '.'))
        j++;
    if (j == i || isdigit((unsigned char)s[i]) || j - i > 200)
        return false;
    j = skip_ws(s, len, j);
    if (j >= len || s[j] != '(')
        return false;
    size_t b = skip_ws(s, len, j + 1);
    if (b >= len || (s[b] != '{' && s[b] != '['))
        return false;
    size_t e = len;
    while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\n' || s[e - 1] == '\r' ||
                     s[e - 1] == ';'))
        e--;
    if (e <= b || s[e - 1] != ')')
        return false;
    *in = s + b;
    *in_len = e - 1 - b;
    return true;
}

/* A string holding a page fragment: at least 64 bytes, starting (after space) as a tag. */
static bool markup_string(const char *cs, size_t cl)
{
    size_t k = skip_ws(cs, cl, 0);
    return cl - k >= 64 && cs[k] == '<' && memchr(cs + k, '>', cl - k);
}

/* An AJAX answer sent as commands, JSON values each after a `&&&` line (`["append",
 * "#review_list", "<div …>"]`, a shop's "more reviews" call): the fragments of markup in them, in
 * order, joined and read as one page. Other chunks (scripts to run, `["loaded"]`) hold none. */
static hugi_rc run_chunks(struct xctx *x, const char *s, size_t len)
{
    struct hugi_buf page;
    hugi_buf_init(&page, len + 64);
    hugi_rc rc = HUGI_OK;
    size_t i = 0;
    while (i < len && !rc) {
        const char *sep = x_memmem(s + i, len - i, "&&&", 3);
        size_t end = sep ? (size_t)(sep - s) : len;
        size_t b = skip_ws(s, end, i);
        if (b < end && (s[b] == '[' || s[b] == '{')) {
            char eb[200];
            yajl_val v = x_json_parse(s + b, end - b, eb, sizeof eb);
            if (v) {
                size_t n = YAJL_IS_ARRAY(v)    ? v->u.array.len
                           : YAJL_IS_OBJECT(v) ? v->u.object.len
                                               : 0;
                yajl_val *vals = YAJL_IS_ARRAY(v)    ? v->u.array.values
                                 : YAJL_IS_OBJECT(v) ? v->u.object.values
                                                     : NULL;
                for (size_t k = 0; k < n && !rc; k++)
                    if (YAJL_IS_STRING(vals[k]) &&
                        markup_string(vals[k]->u.string, strlen(vals[k]->u.string))) {
                        rc = hugi_buf_addstr(&page, vals[k]->u.string);
                        if (!rc)
                            rc = hugi_buf_addc(&page, '\n');
                    }
                x_json_free(v);
            }
        }
        i = sep ? end + 3 : len;
    }
    if (!rc && page.len)
        rc = run_html(x, page.data, page.len, HUGI_PRESET_AUTO);
    else if (!rc)
        rc = x_fail(x, HUGI_E_NOTFOUND, "$", "no markup in these '&&&' chunks");
    hugi_buf_release(&page);
    return rc;
}

static hugi_rc dispatch(struct xctx *x, const char *s, size_t len)
{
    enum hugi_extract_preset want = x->o->preset;
    size_t i = skip_ws(s, len, 0);
    switch (want) {
    case HUGI_PRESET_CSV:
        x->res->used = want;
        return x_csv(x, s, len);
    case HUGI_PRESET_JSONL:
        x->res->used = want;
        return x_jsonl(x, s, len);
    case HUGI_PRESET_XPATH:
    case HUGI_PRESET_LAYOUT:
    case HUGI_PRESET_LISTING:
    case HUGI_PRESET_MICRODATA:
        return run_html(x, s, len, want);
    case HUGI_PRESET_RSS:
        x->res->used = want;
        return x_xml_feed(x, s, len, want, &x->res->used);
    case HUGI_PRESET_JSONPATH:
    case HUGI_PRESET_YOUTUBE:
    case HUGI_PRESET_REDDIT:
    case HUGI_PRESET_TWITTER:
    case HUGI_PRESET_JSON: {
        const char *in;
        size_t in_len;
        if (!(i < len && (s[i] == '{' || s[i] == '[')) && json_unwrap(s, len, &in, &in_len))
            return run_json(x, in, in_len, want);
        return run_json(x, s, len, want);
    }
    case HUGI_PRESET_JSONLD:
        if (i < len && (s[i] == '{' || s[i] == '['))
            return run_json(x, s, len, want);
        return run_html(x, s, len, want);
    case HUGI_PRESET_APPSTORE:
        if (i < len && (s[i] == '{' || s[i] == '['))
            return run_json(x, s, len, want);
        if (i < len && s[i] == '<') {
            x->res->used = want;
            return x_xml_feed(x, s, len, want, &x->res->used);
        }
        x->res->used = want;
        return x_csv(x, s, len);
    case HUGI_PRESET_GOOGLEPLAY:
        if (i < len && (s[i] == '{' || s[i] == '['))
            return run_json(x, s, len, want);
        if (i < len && s[i] == '<')
            return run_html(x, s, len, want);
        x->res->used = want;
        return x_csv(x, s, len);
    default:
        break;
    }
    if (i >= len)
        return x_fail(x, HUGI_E_NOTFOUND, NULL, "empty input");
    if (s[i] == '{' || s[i] == '[')
        return run_json(x, s, len, HUGI_PRESET_AUTO);
    if (len - i > 3 && memcmp(s + i, "&&&", 3) == 0)
        return run_chunks(x, s + i, len - i);
    const char *in;
    size_t in_len;
    if (json_unwrap(s, len, &in, &in_len))
        return run_json(x, in, in_len, HUGI_PRESET_AUTO);
    if (s[i] == '<') {
        if (looks_xml_feed(s + i, len - i)) {
            hugi_rc rc = x_xml_feed(x, s, len, HUGI_PRESET_AUTO, &x->res->used);
            if (rc != HUGI_E_NOTFOUND)
                return rc;
        } else if (len - i >= 5 && memcmp(s + i, "<?xml", 5) == 0) {
            /* an XML document that is no feed: an API's or an export's own elements */
            hugi_rc rc = x_xml_generic(x, s, len);
            if (rc != HUGI_E_NOTFOUND)
                return rc;
        }
        return run_html(x, s, len, HUGI_PRESET_AUTO);
    }
    /* a site's robots.txt saved instead of a page: its rules would be read as a CSV header */
    if (len - i >= 11 && strncasecmp(s + i, "user-agent:", 11) == 0)
        return x_fail(x, HUGI_E_PARSE, "line 1",
                      "a robots.txt file (User-agent rules), not reviews; hugi fetch reads it "
                      "itself to decide what it may fetch");
    x->res->used = HUGI_PRESET_CSV;
    return x_csv(x, s, len);
}

hugi_rc hugi_extract(const char *body, size_t len, const struct hugi_extract_opts *opts,
                     hugi_extract_cb cb, void *ctx, struct hugi_extract_result *res,
                     struct hugi_err *err)
{
    struct hugi_extract_result local;
    if (!res)
        res = &local;
    memset(res, 0, sizeof *res);
    struct hugi_extract_opts defaults;
    if (!opts) {
        hugi_extract_opts_init(&defaults);
        opts = &defaults;
    }
    struct xctx x = {.o = opts, .cb = cb, .cbctx = ctx, .res = res, .err = err};
    x.name = opts->name ? opts->name : (opts->url ? opts->url : "input");
    x.now = opts->fetched_at != HUGI_NO_TIME ? opts->fetched_at : hugi_now();
    x.scale = opts->rating_scale > 0 ? opts->rating_scale : 5;
    size_t max = opts->max_bytes ? opts->max_bytes : (size_t)64 << 20;
    if (len > max)
        return x_fail(&x, HUGI_E_LIMIT, NULL, "input of %zu bytes is over the %zu byte limit", len,
                      max);
    if (!body)
        body = "";
    /* a saved file still compressed (a page saved from the raw response, `curl` without
     * --compressed, a rotated .gz log): its bytes would be read as a CSV of garbage */
    if (len >= 2 && (unsigned char)body[0] == 0x1f && (unsigned char)body[1] == 0x8b)
        return x_fail(&x, HUGI_E_PARSE, NULL,
                      "gzip-compressed input; decompress it first (gunzip, or curl --compressed)");
    if (len >= 4 && !memcmp(body, "PK\x03\x04", 4))
        return x_fail(&x, HUGI_E_PARSE, NULL,
                      "a ZIP archive (an .xlsx workbook?); save the sheet as CSV and extract that");
    struct hugi_buf dec;
    hugi_buf_init(&dec, max * 4 + 64);
    hugi_rc rc = decode_body(&x, &body, &len, &dec);
    if (!rc)
        rc = dispatch(&x, body, len);
    hugi_buf_release(&dec);
    free(x.seen);
    free(x.page_product);
    if (res == &local)
        hugi_extract_result_release(&local);
    return rc;
}
