/* SPDX-License-Identifier: MIT
 * JSON in: a tolerant loader over yajl_tree (pages put comments, raw newlines and CDATA wrappers
 * in their JSON-LD), the schema.org JSON-LD walker, the API feed presets (YouTube commentThreads,
 * Reddit Listings and morechildren, X/Twitter API v2, App Store customer-reviews JSON), and the
 * generic shape finder that maps the keys of an array of review-like objects by name (Olive Young
 * and google-play-scraper exports, most shop APIs). */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "extract_int.h"

#define MAX_DEPTH 256

/* ---- loading ------------------------------------------------------------------------------ */

static bool starts(const char *s, size_t len, const char *p)
{
    size_t n = strlen(p);
    return len >= n && memcmp(s, p, n) == 0;
}

static bool ends(const char *s, size_t len, const char *p)
{
    size_t n = strlen(p);
    return len >= n && memcmp(s + len - n, p, n) == 0;
}

yajl_val x_json_parse(const char *s, size_t len, char *errbuf, size_t errcap)
{
    /* Unwrap what HTML authors put around JSON-LD. */
    for (int again = 1; again;) {
        again = 0;
        s = hugi_str_trim(s, len, &len);
        static const char *const pre[] = {"<!--", "//<![CDATA[", "<![CDATA[", "/*<![CDATA[*/"};
        static const char *const post[] = {"-->", "//]]>", "]]>", "/*]]>*/", ";"};
        for (size_t i = 0; i < sizeof pre / sizeof pre[0]; i++)
            if (starts(s, len, pre[i])) {
                s += strlen(pre[i]);
                len -= strlen(pre[i]);
                again = 1;
            }
        for (size_t i = 0; i < sizeof post / sizeof post[0]; i++)
            if (ends(s, len, post[i])) {
                len -= strlen(post[i]);
                again = 1;
            }
    }
    if (len == 0) {
        snprintf(errbuf, errcap, "empty JSON");
        return NULL;
    }
    struct hugi_buf b;
    hugi_buf_init(&b, 0);
    if (!hugi_utf8_valid(s, len)) {
        if (hugi_utf8_repair(s, len, &b, NULL)) {
            snprintf(errbuf, errcap, "out of memory");
            return NULL;
        }
        /* repair copied it: clean in place below from a second buffer */
    }
    struct hugi_buf c;
    hugi_buf_init(&c, 0);
    const char *in = b.data ? b.data : s;
    size_t n = b.data ? b.len : len;
    bool str = false;
    int depth = 0;
    size_t run = 0; /* start of the bytes not yet copied */
    hugi_rc rc = hugi_buf_grow(&c, n + 16);
    for (size_t i = 0; i < n && !rc; i++) {
        unsigned char ch = (unsigned char)in[i];
        if (str) {
            if (ch == '\\')
                i++;
            else if (ch == '"')
                str = false;
            else if (ch < 0x20) {
                /* A raw control character in a string: yajl rejects it, browsers accept it. */
                const char *esc = ch == '\n'   ? "\\n"
                                  : ch == '\r' ? "\\r"
                                  : ch == '\t' ? "\\t"
                                               : " ";
                rc = hugi_buf_add(&c, in + run, i - run);
                if (!rc)
                    rc = hugi_buf_addstr(&c, esc);
                run = i + 1;
            }
            continue;
        }
        if (ch == '"')
            str = true;
        else if (ch == '[' || ch == '{') {
            if (++depth > MAX_DEPTH) {
                hugi_buf_release(&b);
                hugi_buf_release(&c);
                snprintf(errbuf, errcap, "JSON nested deeper than %d", MAX_DEPTH);
                return NULL;
            }
        } else if (ch == ']' || ch == '}')
            depth--;
    }
    if (!rc && run < n)
        rc = hugi_buf_add(&c, in + run, n - run);
    if (rc || !c.data) {
        hugi_buf_release(&b);
        hugi_buf_release(&c);
        snprintf(errbuf, errcap, "out of memory");
        return NULL;
    }
    hugi_buf_release(&b);
    errbuf[0] = 0;
    yajl_val v = yajl_tree_parse(c.data, errbuf, errcap);
    if (!v) {
        /* yajl's message spans lines; keep the first. */
        char *nl = strchr(errbuf, '\n');
        if (nl)
            *nl = 0;
        if (!errbuf[0])
            snprintf(errbuf, errcap, "malformed JSON");
    }
    hugi_buf_release(&c);
    return v;
}

yajl_val x_jget(yajl_val v, const char *key)
{
    if (!YAJL_IS_OBJECT(v))
        return NULL;
    for (size_t i = 0; i < v->u.object.len; i++)
        if (strcmp(v->u.object.keys[i], key) == 0)
            return v->u.object.values[i];
    return NULL;
}

yajl_val x_jpath(yajl_val v, const char *dotted)
{
    char key[128];
    while (v && *dotted) {
        size_t n = strcspn(dotted, ".");
        if (n >= sizeof key)
            return NULL;
        memcpy(key, dotted, n);
        key[n] = 0;
        v = x_jget(v, key);
        dotted += n;
        if (*dotted == '.')
            dotted++;
    }
    return v;
}

const char *x_jstr(yajl_val v)
{
    if (YAJL_IS_STRING(v))
        return v->u.string;
    if (YAJL_IS_NUMBER(v))
        return v->u.number.r;
    return NULL;
}

bool x_jnum(yajl_val v, double *out)
{
    if (YAJL_IS_NUMBER(v)) {
        *out = strtod(v->u.number.r, NULL);
        return isfinite(*out);
    }
    if (YAJL_IS_STRING(v) && v->u.string[0]) {
        char *end;
        const char *s = v->u.string;
        while (*s == ' ')
            s++;
        *out = strtod(s, &end);
        while (*end == ' ')
            end++;
        return end != s && !*end && isfinite(*out);
    }
    return false;
}

hugi_rc x_set_j(char **field, yajl_val v)
{
    const char *s = x_jstr(v);
    return s ? x_set(field, s, strlen(s)) : HUGI_OK;
}

void x_set_rating_j(struct xctx *x, struct hugi_review *r, yajl_val v)
{
    double val, best = x->scale, worst = 0, out;
    if (YAJL_IS_OBJECT(v)) {
        yajl_val rv = x_jget(v, "ratingValue");
        if (!rv)
            rv = x_jget(v, "value");
        double b;
        if (x_jnum(x_jget(v, "bestRating"), &b) && b > 0)
            best = b;
        x_jnum(x_jget(v, "worstRating"), &worst);
        if (x_jnum(rv, &val)) {
            if (hugi_extract_rating_scale(val, best, worst, &out))
                r->rating = out;
        } else if (YAJL_IS_STRING(rv)) {
            x_set_rating_text(x, r, rv->u.string, strlen(rv->u.string));
        }
        return;
    }
    if (x_jnum(v, &val)) {
        if (hugi_extract_rating_scale(val, best, worst, &out))
            r->rating = out;
        return;
    }
    if (YAJL_IS_STRING(v))
        x_set_rating_text(x, r, v->u.string, strlen(v->u.string));
}

hugi_rc x_set_date_j(struct xctx *x, struct hugi_review *r, yajl_val v)
{
    const char *s = x_jstr(v);
    if (!s)
        return HUGI_OK;
    return x_set_date(x, r, s, strlen(s));
}

/* Text that may hold markup (JSON-LD bodies, YouTube textDisplay): tags dropped, entities
 * decoded, <br> and </p> kept as line breaks. */
static hugi_rc set_html_text(char **field, const char *s)
{
    size_t len = strlen(s);
    bool markup = memchr(s, '<', len) || memchr(s, '&', len);
    if (!markup)
        return x_set(field, s, len);
    struct hugi_buf t, d;
    hugi_buf_init(&t, 0);
    hugi_buf_init(&d, 0);
    hugi_rc rc = HUGI_OK;
    for (size_t i = 0; i < len && !rc; i++) {
        if (s[i] == '<' && i + 1 < len &&
            (isalpha((unsigned char)s[i + 1]) || s[i + 1] == '/' || s[i + 1] == '!')) {
            const char *gt = memchr(s + i, '>', len - i);
            if (!gt)
                break;
            if (strncasecmp(s + i, "<br", 3) == 0 || strncasecmp(s + i, "</p", 3) == 0)
                rc = hugi_buf_addc(&t, '\n');
            i = (size_t)(gt - s);
            continue;
        }
        rc = hugi_buf_addc(&t, s[i]);
    }
    if (!rc)
        rc = x_html_decode(&d, t.data ? t.data : "", t.len);
    if (!rc)
        rc = x_set(field, d.data, d.len);
    hugi_buf_release(&t);
    hugi_buf_release(&d);
    return rc;
}

/* ---- JSON-LD ------------------------------------------------------------------------------- */

static bool type_is(yajl_val v, const char *want, bool suffix_review)
{
    yajl_val t = x_jget(v, "@type");
    size_t n = YAJL_IS_ARRAY(t) ? t->u.array.len : 1;
    for (size_t i = 0; i < n; i++) {
        yajl_val e = YAJL_IS_ARRAY(t) ? t->u.array.values[i] : t;
        if (!YAJL_IS_STRING(e))
            continue;
        const char *s = e->u.string;
        const char *slash = strrchr(s, '/');
        if (slash)
            s = slash + 1;
        const char *colon = strrchr(s, ':');
        if (colon)
            s = colon + 1;
        if (strcmp(s, want) == 0)
            return true;
        /* UserReview, CriticReview, EmployerReview, ... */
        if (suffix_review) {
            size_t sl = strlen(s);
            if (sl > 6 && strcmp(s + sl - 6, "Review") == 0)
                return true;
        }
    }
    return false;
}

static const char *person_name(yajl_val a)
{
    if (YAJL_IS_ARRAY(a))
        a = a->u.array.len ? a->u.array.values[0] : NULL;
    if (YAJL_IS_STRING(a))
        return a->u.string;
    if (YAJL_IS_OBJECT(a)) {
        const char *s = x_jstr(x_jget(a, "name"));
        if (!s)
            s = x_jstr(x_jget(a, "alternateName"));
        if (!s)
            s = x_jstr(x_jget(a, "givenName"));
        return s;
    }
    return NULL;
}

static hugi_rc jsonld_review(struct xctx *x, yajl_val v, uint64_t container)
{
    struct hugi_review r;
    hugi_review_init(&r);
    hugi_rc rc = HUGI_OK;
    yajl_val id = x_jget(v, "@id");
    if (!id)
        id = x_jget(v, "identifier");
    if (YAJL_IS_OBJECT(id))
        id = x_jget(id, "value");
    rc = x_set_j(&r.id, id);
    const char *a = person_name(x_jget(v, "author"));
    if (!rc && a)
        rc = set_html_text(&r.author, a);
    /* datePublished only: dateCreated/dateModified describe the record, not when the review
     * was published, and pages fill them with import dates. */
    yajl_val d = x_jget(v, "datePublished");
    if (!rc)
        rc = x_set_date_j(x, &r, d);
    static const char *const text_keys[] = {"reviewBody", "description", "text", "comment"};
    for (size_t i = 0; !rc && !r.text && i < 4; i++) {
        const char *t = x_jstr(x_jget(v, text_keys[i]));
        if (t)
            rc = set_html_text(&r.text, t);
    }
    const char *title = x_jstr(x_jget(v, "name"));
    if (!title)
        title = x_jstr(x_jget(v, "headline"));
    if (!rc && title)
        rc = set_html_text(&r.title, title);
    yajl_val rr = x_jget(v, "reviewRating");
    if (!rr)
        rr = x_jget(v, "ratingValue");
    if (rr)
        x_set_rating_j(x, &r, rr);
    const char *lang = x_jstr(x_jget(v, "inLanguage"));
    if (!rc && lang)
        rc = x_set(&r.lang, lang, strlen(lang));
    if (!rc)
        rc = x_set_j(&r.url, x_jget(v, "url"));
    if (rc) {
        hugi_review_release(&r);
        return rc;
    }
    if (!r.text && isnan(r.rating) && !r.title && !r.author) {
        hugi_review_release(&r);
        x_warn(x, NULL, "JSON-LD Review with no text, rating, title or author skipped");
        return HUGI_OK;
    }
    return x_emit_in(x, &r, 0, container);
}

static bool reviewish(yajl_val v)
{
    return x_jget(v, "reviewBody") || x_jget(v, "reviewRating") ||
           (x_jget(v, "author") && (x_jget(v, "description") || x_jget(v, "datePublished")));
}

static hugi_rc jsonld_walk(struct xctx *x, yajl_val v, const char *key, int depth,
                           uint64_t container)
{
    if (depth > MAX_DEPTH)
        return HUGI_OK;
    if (YAJL_IS_ARRAY(v)) {
        uint64_t list = ++x->container_seq;
        for (size_t i = 0; i < v->u.array.len; i++) {
            hugi_rc rc = jsonld_walk(x, v->u.array.values[i], key, depth + 1, list);
            if (rc)
                return rc;
        }
        return HUGI_OK;
    }
    if (!YAJL_IS_OBJECT(v))
        return HUGI_OK;
    /* An AggregateRating is a summary, never a review, wherever it sits (even under "review"). */
    if (type_is(v, "AggregateRating", false) || type_is(v, "Rating", false))
        return HUGI_OK;
    bool under_review = key && (strcmp(key, "review") == 0 || strcmp(key, "reviews") == 0);
    if (type_is(v, "Review", true) || (under_review && !x_jget(v, "@type") && reviewish(v)))
        return jsonld_review(x, v, container);
    for (size_t i = 0; i < v->u.object.len; i++) {
        hugi_rc rc = jsonld_walk(x, v->u.object.values[i], v->u.object.keys[i], depth + 1,
                                 ++x->container_seq);
        if (rc)
            return rc;
    }
    return HUGI_OK;
}

hugi_rc x_jsonld_value(struct xctx *x, yajl_val root)
{
    return jsonld_walk(x, root, NULL, 0, ++x->container_seq);
}

/* ---- field names ---------------------------------------------------------------------------- */

static const struct {
    const char *field;
    const char *keys; /* normalised names, best first, space-separated */
} key_table[] = {
    {"text", "reviewbody reviewtext reviewcontent content contents text review body comment "
             "commenttext document message opinion description"},
    {"title", "title reviewtitle subject headline summary"},
    {"author", "author authorname username userid2 writer nickname membernickname reviewer "
               "reviewername user displayname authordisplayname screenname name"},
    {"rating", "rating starrating reviewscore reviewrating ratingvalue score stars star rate "
               "grade"},
    {"date", "date reviewsubmitdateandtime createdat createddatetime createddate created "
             "datepublished publishedat postedat posted writedate regdate registerdate reviewdate "
             "datetime time timestamp at updated updatedat reviewlastupdatedateandtime "
             "reviewsubmitmillissinceepoch"},
    {"id", "reviewid id reviewno commentid uuid"},
    {"url", "url reviewlink link permalink"},
    {"lang", "lang language reviewerlanguage locale"},
    {"likes", "likes likecount thumbsupcount thumbsup helpful helpfulcount upvotes votecount "
              "usefulcount recommendcount"},
    {"parent_id", "parentid"},
    {"product", "productid product goodsno goodsnumber packagename appid itemid sku"},
};

const char *x_field_for_key(const char *key, size_t len, int *rank)
{
    char k[64];
    size_t n = 0;
    for (size_t i = 0; i < len && n + 1 < sizeof k; i++) {
        unsigned char c = (unsigned char)key[i];
        if (isalnum(c))
            k[n++] = (char)tolower(c);
    }
    k[n] = 0;
    if (!n)
        return NULL;
    for (size_t f = 0; f < sizeof key_table / sizeof key_table[0]; f++) {
        const char *p = key_table[f].keys;
        int pos = 0;
        while (*p) {
            size_t wl = strcspn(p, " ");
            if (wl == n && memcmp(p, k, n) == 0) {
                if (rank)
                    *rank = pos;
                return key_table[f].field;
            }
            p += wl;
            while (*p == ' ')
                p++;
            pos++;
        }
    }
    return NULL;
}

/* ---- generic: map an object's keys ---------------------------------------------------------- */

struct ranks {
    int r[16];
};

static int field_slot(const char *f)
{
    static const char *const names[] = {"text", "title", "author", "rating",    "date",   "id",
                                        "url",  "lang",  "likes",  "parent_id", "product"};
    for (int i = 0; i < 11; i++)
        if (strcmp(names[i], f) == 0)
            return i;
    return -1;
}

/* Sets one named field of r from a JSON value. */
static hugi_rc set_field_j(struct xctx *x, struct hugi_review *r, const char *f, yajl_val v)
{
    if (strcmp(f, "rating") == 0) {
        x_set_rating_j(x, r, v);
        return HUGI_OK;
    }
    if (strcmp(f, "date") == 0) {
        if (r->date_raw) {
            free(r->date_raw);
            r->date_raw = NULL;
        }
        return x_set_date_j(x, r, v);
    }
    if (strcmp(f, "likes") == 0) {
        double d;
        if (x_jnum(v, &d) && d >= 0 && d < 1e15)
            r->likes = (long)d;
        return HUGI_OK;
    }
    if (strcmp(f, "author") == 0 && YAJL_IS_OBJECT(v)) {
        const char *s = person_name(v);
        return s ? x_set(&r->author, s, strlen(s)) : HUGI_OK;
    }
    char **dst = strcmp(f, "text") == 0        ? &r->text
                 : strcmp(f, "title") == 0     ? &r->title
                 : strcmp(f, "author") == 0    ? &r->author
                 : strcmp(f, "id") == 0        ? &r->id
                 : strcmp(f, "url") == 0       ? &r->url
                 : strcmp(f, "lang") == 0      ? &r->lang
                 : strcmp(f, "parent_id") == 0 ? &r->parent_id
                 : strcmp(f, "product") == 0   ? &r->product
                                               : NULL;
    if (!dst)
        return HUGI_OK;
    const char *s = x_jstr(v);
    if (!s)
        return HUGI_OK;
    free(*dst);
    *dst = NULL;
    if (dst == &r->text)
        return set_html_text(dst, s);
    return x_set(dst, s, strlen(s));
}

/* Maps keys by name; nested objects one level down fill what is still missing (Olive Young keeps
 * the nickname in profileDto.memberNickname). */
static hugi_rc map_object(struct xctx *x, struct hugi_review *r, yajl_val o, struct ranks *rk,
                          int depth)
{
    for (size_t i = 0; i < o->u.object.len; i++) {
        const char *k = o->u.object.keys[i];
        yajl_val v = o->u.object.values[i];
        if (YAJL_IS_OBJECT(v)) {
            if (depth == 0) {
                hugi_rc rc = map_object(x, r, v, rk, 1);
                if (rc)
                    return rc;
            }
            /* an author object is still an author */
            if (!(x_field_for_key(k, strlen(k), NULL) &&
                  strcmp(x_field_for_key(k, strlen(k), NULL), "author") == 0))
                continue;
        }
        int rank;
        const char *f = x_field_for_key(k, strlen(k), &rank);
        if (!f || YAJL_IS_ARRAY(v) || YAJL_IS_NULL(v))
            continue;
        if (YAJL_IS_STRING(v) && !v->u.string[0])
            continue;
        int slot = field_slot(f);
        int eff = rank + depth * 100;
        if (slot < 0 || rk->r[slot] <= eff)
            continue;
        rk->r[slot] = eff;
        hugi_rc rc = set_field_j(x, r, f, v);
        if (rc)
            return rc;
    }
    return HUGI_OK;
}

/* "…&reviewid=gp:AOqp…" in a review link is the review's id (Play Console exports, Play web
 * permalinks). Only a whole parameter name counts ("userReviewId=" is another thing). */
hugi_rc x_id_from_url(struct hugi_review *r)
{
    if (r->id || !r->url)
        return HUGI_OK;
    for (const char *p = r->url; (p = x_strcasestr(p, "reviewid=")); p++) {
        if (p == r->url || !(p[-1] == '?' || p[-1] == '&' || p[-1] == '#' || p[-1] == ';'))
            continue;
        p += 9;
        size_t n = strcspn(p, "&#");
        return n ? x_set(&r->id, p, n) : HUGI_OK;
    }
    return HUGI_OK;
}

static hugi_rc generic_item(struct xctx *x, yajl_val o, uint64_t container)
{
    struct hugi_review r;
    hugi_review_init(&r);
    struct ranks rk;
    for (int i = 0; i < 16; i++)
        rk.r[i] = 1 << 20;
    hugi_rc rc = map_object(x, &r, o, &rk, 0);
    if (!rc)
        rc = x_id_from_url(&r);
    if (rc) {
        hugi_review_release(&r);
        return rc;
    }
    if (!r.text && isnan(r.rating) && !r.title) {
        hugi_review_release(&r);
        x_warn(x, NULL, "item without text, title or rating skipped");
        return HUGI_OK;
    }
    return x_emit_in(x, &r, 0, container);
}

/* How review-like an array of objects is: objects with a text-like key and some other field. */
static int array_score(yajl_val a)
{
    int score = 0;
    size_t n = a->u.array.len < 20 ? a->u.array.len : 20;
    for (size_t i = 0; i < n; i++) {
        yajl_val o = a->u.array.values[i];
        if (!YAJL_IS_OBJECT(o))
            return 0;
        bool text = false, other = false;
        for (size_t k = 0; k < o->u.object.len; k++) {
            const char *f = x_field_for_key(o->u.object.keys[k], strlen(o->u.object.keys[k]), NULL);
            if (!f)
                continue;
            if (strcmp(f, "text") == 0 && YAJL_IS_STRING(o->u.object.values[k]))
                text = true;
            else if (strcmp(f, "rating") == 0 || strcmp(f, "date") == 0 || strcmp(f, "author") == 0)
                other = true;
        }
        if (text && other)
            score += 2;
        else if (text)
            score += 1;
    }
    return score;
}

static void best_array(yajl_val v, int depth, yajl_val *best, int *best_score)
{
    if (depth > 8 || !v)
        return;
    if (YAJL_IS_ARRAY(v)) {
        int s = array_score(v);
        if (s > *best_score) {
            *best_score = s;
            *best = v;
        }
        for (size_t i = 0; i < v->u.array.len && i < 50; i++)
            if (YAJL_IS_OBJECT(v->u.array.values[i]) || YAJL_IS_ARRAY(v->u.array.values[i]))
                best_array(v->u.array.values[i], depth + 1, best, best_score);
    } else if (YAJL_IS_OBJECT(v)) {
        for (size_t i = 0; i < v->u.object.len; i++)
            best_array(v->u.object.values[i], depth + 1, best, best_score);
    }
}

static hugi_rc generic(struct xctx *x, yajl_val root)
{
    yajl_val best = NULL;
    int score = 0;
    best_array(root, 0, &best, &score);
    if (!best)
        return HUGI_E_NOTFOUND;
    uint64_t list = ++x->container_seq;
    for (size_t i = 0; i < best->u.array.len; i++) {
        hugi_rc rc = generic_item(x, best->u.array.values[i], list);
        if (rc)
            return rc;
    }
    return HUGI_OK;
}

/* ---- YouTube -------------------------------------------------------------------------------- */

static hugi_rc youtube_comment(struct xctx *x, yajl_val c, const char *parent, yajl_val video)
{
    yajl_val sn = x_jget(c, "snippet");
    if (!YAJL_IS_OBJECT(sn))
        return HUGI_OK;
    struct hugi_review r;
    hugi_review_init(&r);
    hugi_rc rc = x_set_j(&r.id, x_jget(c, "id"));
    if (!rc)
        rc = x_set_j(&r.author, x_jget(sn, "authorDisplayName"));
    /* textOriginal is what the author typed; textDisplay is HTML (links, &#39;, <br>). */
    const char *t = x_jstr(x_jget(sn, "textOriginal"));
    if (!rc && t)
        rc = x_set(&r.text, t, strlen(t));
    else if (!rc && (t = x_jstr(x_jget(sn, "textDisplay"))))
        rc = set_html_text(&r.text, t);
    if (!rc)
        rc = x_set_date_j(x, &r, x_jget(sn, "publishedAt"));
    double likes;
    if (x_jnum(x_jget(sn, "likeCount"), &likes) && likes >= 0)
        r.likes = (long)likes;
    const char *p = parent ? parent : x_jstr(x_jget(sn, "parentId"));
    if (!rc && p)
        rc = x_set(&r.parent_id, p, strlen(p));
    const char *vid = x_jstr(video ? video : x_jget(sn, "videoId"));
    if (!rc && vid && r.id) {
        struct hugi_buf u;
        hugi_buf_init(&u, 4096);
        rc = hugi_buf_addf(&u, "https://www.youtube.com/watch?v=%s&lc=%s", vid, r.id);
        if (!rc)
            rc = x_set(&r.url, u.data, u.len);
        hugi_buf_release(&u);
    }
    if (rc) {
        hugi_review_release(&r);
        return rc;
    }
    return x_emit(x, &r, 0);
}

static hugi_rc youtube(struct xctx *x, yajl_val root)
{
    yajl_val items = x_jget(root, "items");
    if (!YAJL_IS_ARRAY(items))
        return HUGI_E_NOTFOUND;
    for (size_t i = 0; i < items->u.array.len; i++) {
        yajl_val it = items->u.array.values[i];
        yajl_val top = x_jpath(it, "snippet.topLevelComment");
        hugi_rc rc;
        if (top) {
            yajl_val video = x_jpath(it, "snippet.videoId");
            rc = youtube_comment(x, top, NULL, video);
            const char *pid = x_jstr(x_jget(top, "id"));
            if (!pid)
                pid = x_jstr(x_jget(it, "id"));
            yajl_val reps = x_jpath(it, "replies.comments");
            for (size_t k = 0; !rc && YAJL_IS_ARRAY(reps) && k < reps->u.array.len; k++)
                rc = youtube_comment(x, reps->u.array.values[k], pid, video);
        } else {
            rc = youtube_comment(x, it, NULL, NULL);
        }
        if (rc)
            return rc;
    }
    /* The API hands out a nextPageToken even on a short last page; a page shorter than
     * resultsPerPage is the last one, so no cursor is reported for it. */
    const char *tok = x_jstr(x_jget(root, "nextPageToken"));
    double total, per;
    bool last = items->u.array.len == 0 ||
                (x_jnum(x_jpath(root, "pageInfo.totalResults"), &total) &&
                 x_jnum(x_jpath(root, "pageInfo.resultsPerPage"), &per) && total < per);
    if (tok && !last)
        return x_set_next_cursor(x, tok, strlen(tok));
    return HUGI_OK;
}

static bool is_youtube(yajl_val root)
{
    const char *k = x_jstr(x_jget(root, "kind"));
    if (k && strncmp(k, "youtube#comment", 15) == 0)
        return true;
    yajl_val items = x_jget(root, "items");
    if (!YAJL_IS_ARRAY(items) || !items->u.array.len)
        return false;
    yajl_val it = items->u.array.values[0];
    k = x_jstr(x_jget(it, "kind"));
    return (k && strncmp(k, "youtube#comment", 15) == 0) || x_jpath(it, "snippet.topLevelComment");
}

/* ---- Reddit --------------------------------------------------------------------------------- */

static hugi_rc reddit_walk(struct xctx *x, yajl_val v, int depth);

static hugi_rc reddit_comment(struct xctx *x, yajl_val d, int depth)
{
    struct hugi_review r;
    hugi_review_init(&r);
    hugi_rc rc = HUGI_OK;
    const char *name = x_jstr(x_jget(d, "name"));
    const char *id = x_jstr(x_jget(d, "id"));
    if (name)
        rc = x_set(&r.id, name, strlen(name));
    else if (id) {
        char buf[128];
        snprintf(buf, sizeof buf, "t1_%s", id);
        rc = x_set(&r.id, buf, strlen(buf));
    }
    const char *a = x_jstr(x_jget(d, "author"));
    /* "[deleted]" is Reddit's placeholder, not a user. */
    if (!rc && a && strcmp(a, "[deleted]") != 0)
        rc = x_set(&r.author, a, strlen(a));
    if (!rc)
        rc = x_set_j(&r.text, x_jget(d, "body"));
    if (!rc)
        rc = x_set_date_j(x, &r, x_jget(d, "created_utc"));
    if (!rc)
        rc = x_set_j(&r.parent_id, x_jget(d, "parent_id"));
    double sc;
    if (x_jnum(x_jget(d, "score"), &sc) && sc >= 0)
        r.likes = (long)sc;
    const char *pl = x_jstr(x_jget(d, "permalink"));
    if (!rc && pl) {
        struct hugi_buf u;
        hugi_buf_init(&u, 8192);
        rc = hugi_buf_addf(&u, "%s%s", pl[0] == '/' ? "https://www.reddit.com" : "", pl);
        if (!rc)
            rc = x_set(&r.url, u.data, u.len);
        hugi_buf_release(&u);
    }
    if (!rc)
        rc = x_emit(x, &r, 0);
    else
        hugi_review_release(&r);
    /* replies: a Listing, or "" when there are none. */
    yajl_val rep = x_jget(d, "replies");
    if (!rc && YAJL_IS_OBJECT(rep))
        rc = reddit_walk(x, rep, depth + 1);
    return rc;
}

static hugi_rc reddit_walk(struct xctx *x, yajl_val v, int depth)
{
    if (depth > MAX_DEPTH)
        return HUGI_OK;
    if (YAJL_IS_ARRAY(v)) {
        for (size_t i = 0; i < v->u.array.len; i++) {
            hugi_rc rc = reddit_walk(x, v->u.array.values[i], depth + 1);
            if (rc)
                return rc;
        }
        return HUGI_OK;
    }
    const char *kind = x_jstr(x_jget(v, "kind"));
    yajl_val d = x_jget(v, "data");
    if (!kind || !YAJL_IS_OBJECT(d))
        return HUGI_OK;
    if (strcmp(kind, "Listing") == 0) {
        const char *after = x_jstr(x_jget(d, "after"));
        yajl_val ch = x_jget(d, "children");
        hugi_rc rc = reddit_walk(x, ch, depth + 1);
        if (!rc && after && depth <= 1)
            rc = x_set_next_cursor(x, after, strlen(after));
        return rc;
    }
    if (strcmp(kind, "t1") == 0)
        return reddit_comment(x, d, depth);
    /* t3 is the post itself (not a review of it); "more" is a stub for /api/morechildren. */
    return HUGI_OK;
}

static bool is_reddit(yajl_val root)
{
    yajl_val v = root;
    if (YAJL_IS_ARRAY(v) && v->u.array.len)
        v = v->u.array.values[0];
    const char *k = x_jstr(x_jget(v, "kind"));
    if (k && (strcmp(k, "Listing") == 0 || strcmp(k, "t1") == 0))
        return true;
    return x_jpath(root, "json.data.things") != NULL;
}

static hugi_rc reddit(struct xctx *x, yajl_val root)
{
    yajl_val things = x_jpath(root, "json.data.things");
    if (things)
        return reddit_walk(x, things, 0);
    return reddit_walk(x, root, 0);
}

/* ---- X / Twitter API v2 -------------------------------------------------------------------- */

static bool is_twitter(yajl_val root)
{
    yajl_val d = x_jget(root, "data");
    if (YAJL_IS_ARRAY(d) && d->u.array.len)
        d = d->u.array.values[0];
    if (!YAJL_IS_OBJECT(d) || !YAJL_IS_STRING(x_jget(d, "text")) || !x_jget(d, "id"))
        return false;
    return x_jget(d, "edit_history_tweet_ids") || x_jget(d, "author_id") ||
           x_jget(d, "created_at") || x_jget(root, "includes") ||
           x_jpath(root, "meta.result_count");
}

static hugi_rc tweet(struct xctx *x, yajl_val t, yajl_val users)
{
    struct hugi_review r;
    hugi_review_init(&r);
    /* Ids are strings longer than 2^53: copied as text, never through a double. */
    hugi_rc rc = x_set_j(&r.id, x_jget(t, "id"));
    if (!rc)
        rc = x_set_j(&r.text, x_jget(t, "text"));
    if (!rc)
        rc = x_set_date_j(x, &r, x_jget(t, "created_at"));
    const char *lang = x_jstr(x_jget(t, "lang"));
    if (!rc && lang && strcmp(lang, "und") != 0 && strcmp(lang, "zxx") != 0)
        rc = x_set(&r.lang, lang, strlen(lang));
    const char *aid = x_jstr(x_jget(t, "author_id"));
    for (size_t i = 0; !rc && aid && YAJL_IS_ARRAY(users) && i < users->u.array.len; i++) {
        yajl_val u = users->u.array.values[i];
        const char *uid = x_jstr(x_jget(u, "id"));
        if (uid && strcmp(uid, aid) == 0) {
            const char *un = x_jstr(x_jget(u, "username"));
            if (!un)
                un = x_jstr(x_jget(u, "name"));
            if (un)
                rc = x_set(&r.author, un, strlen(un));
            break;
        }
    }
    double likes;
    if (x_jnum(x_jpath(t, "public_metrics.like_count"), &likes) && likes >= 0)
        r.likes = (long)likes;
    yajl_val refs = x_jget(t, "referenced_tweets");
    for (size_t i = 0; !rc && YAJL_IS_ARRAY(refs) && i < refs->u.array.len; i++) {
        yajl_val rf = refs->u.array.values[i];
        const char *ty = x_jstr(x_jget(rf, "type"));
        if (ty && strcmp(ty, "replied_to") == 0)
            rc = x_set_j(&r.parent_id, x_jget(rf, "id"));
    }
    if (!rc && r.id) {
        char u[256];
        snprintf(u, sizeof u, "https://x.com/i/web/status/%.100s", r.id);
        rc = x_set(&r.url, u, strlen(u));
    }
    if (rc) {
        hugi_review_release(&r);
        return rc;
    }
    return x_emit(x, &r, 0);
}

static hugi_rc twitter(struct xctx *x, yajl_val root)
{
    yajl_val d = x_jget(root, "data");
    yajl_val users = x_jpath(root, "includes.users");
    hugi_rc rc = HUGI_OK;
    if (YAJL_IS_OBJECT(d))
        rc = tweet(x, d, users);
    for (size_t i = 0; !rc && YAJL_IS_ARRAY(d) && i < d->u.array.len; i++)
        rc = tweet(x, d->u.array.values[i], users);
    const char *tok = x_jstr(x_jpath(root, "meta.next_token"));
    if (!rc && tok)
        rc = x_set_next_cursor(x, tok, strlen(tok));
    return rc;
}

/* ---- App Store customer-reviews JSON ------------------------------------------------------- */

static const char *label(yajl_val v)
{
    if (YAJL_IS_OBJECT(v))
        v = x_jget(v, "label");
    return x_jstr(v);
}

static hugi_rc appstore_entry(struct xctx *x, yajl_val e, size_t idx, bool many)
{
    char where[96];
    if (many)
        snprintf(where, sizeof where, "$.feed.entry[%zu]", idx);
    else
        snprintf(where, sizeof where, "$.feed.entry");
    if (!YAJL_IS_OBJECT(e))
        return x_fail(x, HUGI_E_PARSE, where, "expected an object");
    yajl_val content = x_jget(e, "content");
    yajl_val rating = x_jget(e, "im:rating");
    /* The first entry of older feeds describes the app itself: no rating, no content. */
    if (!content && !rating)
        return HUGI_OK;
    if (content && !label(content)) {
        char w2[128];
        snprintf(w2, sizeof w2, "%s.content", where);
        return x_fail(x, HUGI_E_PARSE, w2, "expected a string");
    }
    struct hugi_review r;
    hugi_review_init(&r);
    hugi_rc rc = HUGI_OK;
    const char *s;
    if ((s = label(x_jget(e, "id"))))
        rc = x_set(&r.id, s, strlen(s));
    if (!rc && (s = label(x_jpath(e, "author.name"))))
        rc = x_set(&r.author, s, strlen(s));
    if (!rc && (s = label(x_jget(e, "title"))))
        rc = x_set(&r.title, s, strlen(s));
    if (!rc && (s = label(content)))
        rc = x_set(&r.text, s, strlen(s));
    if (!rc && (s = label(x_jget(e, "updated"))))
        rc = x_set_date(x, &r, s, strlen(s));
    if (!rc && (s = label(rating)))
        x_set_rating_text(x, &r, s, strlen(s));
    double v;
    const char *vc = label(x_jget(e, "im:voteSum"));
    if (vc && sscanf(vc, "%lf", &v) == 1 && v >= 0)
        r.likes = (long)v;
    yajl_val href = x_jpath(e, "link.attributes.href");
    if (!rc && href)
        rc = x_set_j(&r.url, href);
    if (rc) {
        hugi_review_release(&r);
        return rc;
    }
    return x_emit(x, &r, 0);
}

static hugi_rc appstore(struct xctx *x, yajl_val root)
{
    yajl_val feed = x_jget(root, "feed");
    if (!YAJL_IS_OBJECT(feed))
        return HUGI_E_NOTFOUND;
    yajl_val entry = x_jget(feed, "entry");
    hugi_rc rc = HUGI_OK;
    if (YAJL_IS_ARRAY(entry)) {
        for (size_t i = 0; !rc && i < entry->u.array.len; i++)
            rc = appstore_entry(x, entry->u.array.values[i], i, true);
    } else if (entry) {
        rc = appstore_entry(x, entry, 0, false);
    }
    yajl_val links = x_jget(feed, "link");
    for (size_t i = 0; !rc && YAJL_IS_ARRAY(links) && i < links->u.array.len; i++) {
        yajl_val at = x_jget(links->u.array.values[i], "attributes");
        const char *rel = x_jstr(x_jget(at, "rel"));
        const char *h = x_jstr(x_jget(at, "href"));
        if (rel && h && strcmp(rel, "next") == 0)
            rc = x_set_next_url(x, h, strlen(h));
    }
    return rc;
}

static bool is_appstore(yajl_val root)
{
    yajl_val feed = x_jget(root, "feed");
    return YAJL_IS_OBJECT(feed) && (x_jget(feed, "entry") || x_jget(feed, "author"));
}

static bool is_jsonld(yajl_val root)
{
    yajl_val v = root;
    if (YAJL_IS_ARRAY(v) && v->u.array.len)
        v = v->u.array.values[0];
    return x_jget(v, "@context") || x_jget(v, "@type") || x_jget(v, "@graph");
}

hugi_rc x_json_feed(struct xctx *x, yajl_val root, enum hugi_extract_preset want,
                    enum hugi_extract_preset *used)
{
    switch (want) {
    case HUGI_PRESET_YOUTUBE:
        return youtube(x, root);
    case HUGI_PRESET_REDDIT:
        return is_reddit(root) ? reddit(x, root) : HUGI_E_NOTFOUND;
    case HUGI_PRESET_TWITTER:
        return x_jget(root, "data") ? twitter(x, root) : HUGI_E_NOTFOUND;
    case HUGI_PRESET_APPSTORE:
        return appstore(x, root);
    case HUGI_PRESET_GOOGLEPLAY:
    case HUGI_PRESET_JSON:
        return generic(x, root);
    default:
        break;
    }
    if (is_youtube(root)) {
        *used = HUGI_PRESET_YOUTUBE;
        return youtube(x, root);
    }
    if (is_reddit(root)) {
        *used = HUGI_PRESET_REDDIT;
        return reddit(x, root);
    }
    if (is_twitter(root)) {
        *used = HUGI_PRESET_TWITTER;
        return twitter(x, root);
    }
    if (is_appstore(root)) {
        *used = HUGI_PRESET_APPSTORE;
        return appstore(x, root);
    }
    if (is_jsonld(root)) {
        *used = HUGI_PRESET_JSONLD;
        return x_jsonld_value(x, root);
    }
    *used = HUGI_PRESET_JSON;
    return generic(x, root);
}

/* ---- JSONL ----------------------------------------------------------------------------------- */

hugi_rc x_jsonl(struct xctx *x, const char *s, size_t len)
{
    size_t line = 0;
    for (size_t i = 0; i < len;) {
        const char *nl = memchr(s + i, '\n', len - i);
        size_t e = nl ? (size_t)(nl - s) : len;
        line++;
        size_t n;
        const char *t = hugi_str_trim(s + i, e - i, &n);
        i = e + 1;
        if (n == 0)
            continue;
        char eb[160];
        yajl_val v = x_json_parse(t, n, eb, sizeof eb);
        char where[32];
        snprintf(where, sizeof where, "line %zu", line);
        if (!v)
            return x_fail(x, HUGI_E_PARSE, where, "%s", eb);
        hugi_rc rc = HUGI_OK;
        if (YAJL_IS_OBJECT(v))
            rc = generic_item(x, v, X_ANY_CONTAINER);
        else
            x_warn(x, where, "not a JSON object");
        yajl_tree_free(v);
        if (rc)
            return rc;
    }
    return HUGI_OK;
}

/* ---- JSON path ------------------------------------------------------------------------------ */

enum seg_kind { SEG_KEY, SEG_INDEX, SEG_ALL };
struct seg {
    enum seg_kind kind;
    bool deep; /* reached through ".." */
    char key[96];
    long index;
};

static hugi_rc jp_compile(const char *p, struct seg *segs, size_t cap, size_t *nseg, char *eb,
                          size_t ecap)
{
    size_t n = 0;
    size_t i = 0;
    size_t len = strlen(p);
    bool deep = false;
    if (i < len && (p[i] == '$' || p[i] == '@'))
        i++;
    else if (len && p[0] != '.' && p[0] != '[') {
        /* "a.b" is taken as "$.a.b" */
        goto key;
    }
    while (i < len) {
        deep = false;
        if (p[i] == '.') {
            i++;
            if (i < len && p[i] == '.') {
                deep = true;
                i++;
            }
            if (i < len && p[i] == '[')
                goto bracket;
            if (i < len && p[i] == '*') {
                if (n >= cap)
                    goto toolong;
                segs[n++] = (struct seg){.kind = SEG_ALL, .deep = deep};
                i++;
                continue;
            }
        key:
            if (n >= cap)
                goto toolong;
            {
                size_t s = i;
                while (i < len && p[i] != '.' && p[i] != '[')
                    i++;
                if (i == s || i - s >= sizeof segs[0].key) {
                    snprintf(eb, ecap, "empty or long key at offset %zu in '%s'", s, p);
                    return HUGI_E_USAGE;
                }
                segs[n] = (struct seg){.kind = SEG_KEY, .deep = deep};
                memcpy(segs[n].key, p + s, i - s);
                n++;
            }
            continue;
        }
        if (p[i] != '[') {
            snprintf(eb, ecap, "unexpected '%c' at offset %zu in '%s'", p[i], i, p);
            return HUGI_E_USAGE;
        }
    bracket:
        i++;
        if (n >= cap)
            goto toolong;
        if (i < len && p[i] == '*') {
            segs[n++] = (struct seg){.kind = SEG_ALL, .deep = deep};
            i++;
        } else if (i < len && (p[i] == '\'' || p[i] == '"')) {
            char q = p[i++];
            size_t s = i;
            while (i < len && p[i] != q)
                i++;
            if (i >= len || i - s >= sizeof segs[0].key) {
                snprintf(eb, ecap, "unterminated quoted key in '%s'", p);
                return HUGI_E_USAGE;
            }
            segs[n] = (struct seg){.kind = SEG_KEY, .deep = deep};
            memcpy(segs[n].key, p + s, i - s);
            n++;
            i++;
        } else {
            char *end;
            long v = strtol(p + i, &end, 10);
            if (end == p + i) {
                snprintf(eb, ecap, "expected an index, '*' or a quoted key at offset %zu in '%s'",
                         i, p);
                return HUGI_E_USAGE;
            }
            segs[n++] = (struct seg){.kind = SEG_INDEX, .deep = deep, .index = v};
            i = (size_t)(end - p);
        }
        if (i >= len || p[i] != ']') {
            snprintf(eb, ecap, "expected ']' at offset %zu in '%s'", i, p);
            return HUGI_E_USAGE;
        }
        i++;
    }
    *nseg = n;
    return HUGI_OK;
toolong:
    snprintf(eb, ecap, "path '%s' has too many steps", p);
    return HUGI_E_USAGE;
}

static int jp_eval(const struct seg *segs, size_t nseg, size_t k, yajl_val v, x_jp_fn fn, void *ctx,
                   int depth);

/* Applies segs[k] (not deep) to v. */
static int jp_step(const struct seg *segs, size_t nseg, size_t k, yajl_val v, x_jp_fn fn, void *ctx,
                   int depth)
{
    const struct seg *s = &segs[k];
    if (s->kind == SEG_KEY) {
        yajl_val c = x_jget(v, s->key);
        return c ? jp_eval(segs, nseg, k + 1, c, fn, ctx, depth + 1) : 0;
    }
    if (s->kind == SEG_INDEX) {
        if (!YAJL_IS_ARRAY(v))
            return 0;
        long n = (long)v->u.array.len;
        long i = s->index < 0 ? n + s->index : s->index;
        return (i >= 0 && i < n)
                   ? jp_eval(segs, nseg, k + 1, v->u.array.values[i], fn, ctx, depth + 1)
                   : 0;
    }
    size_t n = YAJL_IS_ARRAY(v) ? v->u.array.len : YAJL_IS_OBJECT(v) ? v->u.object.len : 0;
    for (size_t i = 0; i < n; i++) {
        yajl_val c = YAJL_IS_ARRAY(v) ? v->u.array.values[i] : v->u.object.values[i];
        int r = jp_eval(segs, nseg, k + 1, c, fn, ctx, depth + 1);
        if (r)
            return r;
    }
    return 0;
}

static int jp_deep(const struct seg *segs, size_t nseg, size_t k, yajl_val v, x_jp_fn fn, void *ctx,
                   int depth)
{
    if (depth > MAX_DEPTH)
        return 0;
    int r = jp_step(segs, nseg, k, v, fn, ctx, depth);
    if (r)
        return r;
    size_t n = YAJL_IS_ARRAY(v) ? v->u.array.len : YAJL_IS_OBJECT(v) ? v->u.object.len : 0;
    for (size_t i = 0; i < n; i++) {
        yajl_val c = YAJL_IS_ARRAY(v) ? v->u.array.values[i] : v->u.object.values[i];
        r = jp_deep(segs, nseg, k, c, fn, ctx, depth + 1);
        if (r)
            return r;
    }
    return 0;
}

static int jp_eval(const struct seg *segs, size_t nseg, size_t k, yajl_val v, x_jp_fn fn, void *ctx,
                   int depth)
{
    if (depth > MAX_DEPTH)
        return 0;
    if (k == nseg)
        return fn(v, ctx);
    if (segs[k].deep)
        return jp_deep(segs, nseg, k, v, fn, ctx, depth);
    return jp_step(segs, nseg, k, v, fn, ctx, depth);
}

hugi_rc x_jsonpath_eval(const char *path, yajl_val root, x_jp_fn fn, void *ctx, char *errbuf,
                        size_t errcap)
{
    struct seg segs[32];
    size_t n = 0;
    hugi_rc rc = jp_compile(path, segs, 32, &n, errbuf, errcap);
    if (rc)
        return rc;
    jp_eval(segs, n, 0, root, fn, ctx, 0);
    return HUGI_OK;
}

static int first_cb(yajl_val v, void *ctx)
{
    *(yajl_val *)ctx = v;
    return 1;
}

struct items_ctx {
    struct xctx *x;
    hugi_rc rc;
    size_t n;
};

static int item_cb(yajl_val v, void *ctx)
{
    struct items_ctx *ic = ctx;
    struct xctx *x = ic->x;
    ic->n++;
    if (!x->o->nfields) {
        if (YAJL_IS_OBJECT(v))
            ic->rc = generic_item(x, v, 1);
        return ic->rc != HUGI_OK;
    }
    struct hugi_review r;
    hugi_review_init(&r);
    for (size_t i = 0; i < x->o->nfields && !ic->rc; i++) {
        const struct hugi_extract_field *f = &x->o->fields[i];
        yajl_val got = NULL;
        char eb[160];
        ic->rc = x_jsonpath_eval(f->selector, v, first_cb, &got, eb, sizeof eb);
        if (ic->rc) {
            x_fail(x, ic->rc, f->selector, "%s", eb);
            break;
        }
        if (got)
            ic->rc = set_field_j(x, &r, f->name, got);
    }
    if (!ic->rc)
        ic->rc = x_id_from_url(&r);
    if (ic->rc) {
        hugi_review_release(&r);
        return 1;
    }
    if (!r.text && isnan(r.rating) && !r.title) {
        char w[48];
        snprintf(w, sizeof w, "item %zu", ic->n);
        x_warn(x, w, "no text, title or rating");
        hugi_review_release(&r);
        return 0;
    }
    ic->rc = x_emit_in(x, &r, 0, 1);
    return ic->rc != HUGI_OK;
}

hugi_rc x_jsonpath_items(struct xctx *x, yajl_val root)
{
    if (!x->o->items || !x->o->items[0])
        return x_fail(x, HUGI_E_USAGE, NULL, "the jsonpath preset needs an items path");
    struct items_ctx ic = {.x = x};
    char eb[160];
    hugi_rc rc = x_jsonpath_eval(x->o->items, root, item_cb, &ic, eb, sizeof eb);
    if (rc)
        return x_fail(x, rc, x->o->items, "%s", eb);
    if (ic.rc)
        return ic.rc;
    if (x->o->next && x->o->next[0]) {
        yajl_val got = NULL;
        rc = x_jsonpath_eval(x->o->next, root, first_cb, &got, eb, sizeof eb);
        if (rc)
            return x_fail(x, rc, x->o->next, "%s", eb);
        const char *s = x_jstr(got);
        if (s && (strncmp(s, "http://", 7) == 0 || strncmp(s, "https://", 8) == 0 || s[0] == '/'))
            return x_set_next_url(x, s, strlen(s));
        if (s)
            return x_set_next_cursor(x, s, strlen(s));
    }
    return HUGI_OK;
}
