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

/* How deep the generic walks look for a review list: a React Query page keeps its reviews at
 * props.pageProps.dehydratedState.queries[1].state.data.pages[0].reviews, ten levels down. */
#define GEN_DEPTH 12

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

static yajl_val parse(const char *s, size_t len, bool seq, char *errbuf, size_t errcap);

yajl_val x_json_parse(const char *s, size_t len, char *errbuf, size_t errcap)
{
    return parse(s, len, false, errbuf, errcap);
}

yajl_val x_json_parse_block(const char *s, size_t len, char *errbuf, size_t errcap)
{
    return parse(s, len, true, errbuf, errcap);
}

static yajl_val parse(const char *s, size_t len, bool seq, char *errbuf, size_t errcap)
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
    if (!x_utf8_valid(s, len)) {
        if (hugi_utf8_repair(s, len, &b, NULL)) {
            snprintf(errbuf, errcap, "out of memory");
            return NULL;
        }
        s = b.data;
        len = b.len;
    }
    /* Raw control characters, trailing commas, comments and unknown escapes are the reader's
     * business (extract_jsonparse.c): no cleaning copy here. */
    yajl_val v =
        seq ? x_json_read_seq(s, len, errbuf, errcap) : x_json_read(s, len, errbuf, errcap);
    hugi_buf_release(&b);
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
    /* a JSON-LD value object ({"@value": "…", "@language": "de"}) is its value */
    if (YAJL_IS_OBJECT(v))
        v = x_jget(v, "@value");
    if (YAJL_IS_STRING(v))
        return v->u.string;
    if (YAJL_IS_NUMBER(v))
        return v->u.number.r;
    return NULL;
}

bool x_jnum(yajl_val v, double *out)
{
    if (YAJL_IS_OBJECT(v)) /* a JSON-LD value object */
        v = x_jget(v, "@value");
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
        /* "4,5": a decimal comma (German, French, Korean shops write ratings so) */
        if (*end == ',' && end != s && end[1] >= '0' && end[1] <= '9' && !strchr(s, '.')) {
            char tmp[64];
            size_t n = strlen(s);
            if (n < sizeof tmp) {
                memcpy(tmp, s, n + 1);
                tmp[end - s] = '.';
                char *e2;
                *out = strtod(tmp, &e2);
                end = (char *)s + (e2 - tmp);
            }
        }
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
        /* a review platform's `{"min": 1, "max": 5, "rating": 2}` */
        if (!rv)
            rv = x_jget(v, "rating");
        /* a score kept with its parts, `{"total": 4.5, "kindness": 5, "cleanliness": 4}`: the
         * whole (a stay app's), never a part */
        if (!rv)
            rv = x_jget(v, "total");
        if (!rv)
            rv = x_jget(v, "overall");
        double b;
        /* schema.org's names, else an XML element's attributes (GData's max/min) */
        if ((x_jnum(x_jget(v, "bestRating"), &b) || x_jnum(x_jget(v, "max"), &b)) && b > 0)
            best = b;
        if (!x_jnum(x_jget(v, "worstRating"), &worst) && !x_jnum(x_jget(v, "min"), &worst))
            worst = 0;
        if (x_jnum(rv, &val)) {
            if (hugi_extract_rating_scale(val, best, worst, &out))
                r->rating = out;
        } else if (YAJL_IS_STRING(rv)) {
            /* "4 stars" with bestRating 10: the text is read on the stated scale */
            double sc = x->scale;
            x->scale = best;
            x_set_rating_text(x, r, rv->u.string, strlen(rv->u.string));
            x->scale = sc;
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

/* The length of a tag of the few kinds review text carries ("<br/>", "</p>", "<b>", "<a href>")
 * starting at s, or 0 when s does not start one. */
static size_t known_tag(const char *s, size_t n)
{
    static const char *const names[] = {"br",  "p", "b",  "i",  "em", "strong", "u",   "span",
                                        "div", "a", "ul", "ol", "li", "small",  "font"};
    size_t i = 1;
    if (i < n && s[i] == '/')
        i++;
    size_t st = i;
    while (i < n && isalpha((unsigned char)s[i]))
        i++;
    size_t nl = i - st;
    if (!nl || i >= n || !(s[i] == '>' || s[i] == ' ' || s[i] == '/'))
        return 0;
    bool ok = false;
    for (size_t k = 0; k < sizeof names / sizeof names[0] && !ok; k++)
        ok = strlen(names[k]) == nl && strncasecmp(names[k], s + st, nl) == 0;
    if (!ok)
        return 0;
    const char *gt = memchr(s + i, '>', n - i);
    return gt ? (size_t)(gt - s) + 1 : 0;
}

/* Text that may hold markup (JSON-LD bodies, YouTube textDisplay): tags dropped, entities
 * decoded, <br> and </p> kept as line breaks. */
/* A like count; negative or absurd numbers are not counts and leave it unknown. */
static bool set_likes(struct hugi_review *r, double v)
{
    if (!(v >= 0 && v < 1e15))
        return false;
    r->likes = (long)v;
    return true;
}
static bool set_likes_j(struct hugi_review *r, yajl_val v)
{
    double d;
    if (x_jnum(v, &d))
        return set_likes(r, d);
    /* a count as a page prints it: "1.2K", "3M" (YouTube comment scrapers keep it so) */
    if (YAJL_IS_STRING(v)) {
        char *end;
        d = strtod(v->u.string, &end);
        if (end != v->u.string && !end[1] && d >= 0 && (*end == 'K' || *end == 'k'))
            return set_likes(r, d * 1000 + 0.5);
        if (end != v->u.string && !end[1] && d >= 0 && *end == 'M')
            return set_likes(r, d * 1000000 + 0.5);
    }
    return false;
}

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
    /* Entities escaped twice ("&amp;amp;", "&amp;#8211;": a CMS that escapes its already
     * escaped text) are entities after the first decoding: decoded once more */
    if (!rc && d.len && memchr(d.data, '&', d.len) &&
        (x_memmem(d.data, d.len, "&amp;", 5) || x_memmem(d.data, d.len, "&quot;", 6) ||
         x_memmem(d.data, d.len, "&#", 2) || x_memmem(d.data, d.len, "&lt;", 4) ||
         x_memmem(d.data, d.len, "&gt;", 4) || x_memmem(d.data, d.len, "&apos;", 6))) {
        hugi_buf_reset(&t);
        rc = x_html_decode(&t, d.data, d.len);
        if (!rc) {
            hugi_buf_reset(&d);
            rc = hugi_buf_add(&d, t.data ? t.data : "", t.len);
        }
    }
    /* Markup escaped twice ("&lt;br&gt;" in Shopify and WordPress JSON-LD) is markup after the
     * decoding: a second pass removes the tags review text uses, and nothing else ("<3" and
     * "a < b" stay). */
    if (!rc && d.len && memchr(d.data, '<', d.len)) {
        hugi_buf_reset(&t);
        for (size_t i = 0; i < d.len && !rc; i++) {
            size_t tl = d.data[i] == '<' ? known_tag(d.data + i, d.len - i) : 0;
            if (tl) {
                if (strncasecmp(d.data + i, "<br", 3) == 0 ||
                    strncasecmp(d.data + i, "</p", 3) == 0)
                    rc = hugi_buf_addc(&t, '\n');
                i += tl - 1;
                continue;
            }
            rc = hugi_buf_addc(&t, d.data[i]);
        }
        if (!rc)
            rc = x_set(field, t.data ? t.data : "", t.len);
    } else if (!rc) {
        rc = x_set(field, d.data, d.len);
    }
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

static const char *own_name(yajl_val a)
{
    const char *s = x_jstr(x_jget(a, "name"));
    if (!s)
        s = x_jstr(x_jget(a, "alternateName"));
    if (!s)
        s = x_jstr(x_jget(a, "givenName"));
    return s;
}

/* The node with this @id anywhere under v (depth-bounded) that says more than its @id (with
 * `named`: that has a name), or NULL. */
static yajl_val find_node(yajl_val v, const char *id, bool named, int depth)
{
    if (!v || depth > 64)
        return NULL;
    if (YAJL_IS_ARRAY(v)) {
        for (size_t i = 0; i < v->u.array.len; i++) {
            yajl_val n = find_node(v->u.array.values[i], id, named, depth + 1);
            if (n)
                return n;
        }
        return NULL;
    }
    if (!YAJL_IS_OBJECT(v))
        return NULL;
    const char *vid = x_jstr(x_jget(v, "@id"));
    if (vid && strcmp(vid, id) == 0 && (named ? own_name(v) != NULL : v->u.object.len > 1))
        return v;
    for (size_t i = 0; i < v->u.object.len; i++) {
        yajl_val n = find_node(v->u.object.values[i], id, named, depth + 1);
        if (n)
            return n;
    }
    return NULL;
}

/* The document's nodes that have an @id, in find_node's order (preorder, same depth bound),
 * sorted by id: a page whose reviews each point at their own author or product node would
 * otherwise rescan the whole document per review (quadratic on a large @graph). */
struct ld_id {
    const char *id;
    yajl_val node;
    size_t seq;
};

static bool collect_ids(struct xctx *x, yajl_val v, int depth)
{
    if (!v || depth > 64)
        return true;
    if (YAJL_IS_ARRAY(v)) {
        for (size_t i = 0; i < v->u.array.len; i++)
            if (!collect_ids(x, v->u.array.values[i], depth + 1))
                return false;
        return true;
    }
    if (!YAJL_IS_OBJECT(v))
        return true;
    const char *vid = x_jstr(x_jget(v, "@id"));
    if (vid) {
        if (x->nld_ids == x->capld_ids) {
            size_t nc = x->capld_ids ? x->capld_ids * 2 : 64;
            struct ld_id *ni =
                nc < SIZE_MAX / sizeof *ni ? realloc(x->ld_ids, nc * sizeof *ni) : NULL;
            if (!ni)
                return false;
            x->ld_ids = ni;
            x->capld_ids = nc;
        }
        x->ld_ids[x->nld_ids] = (struct ld_id){vid, v, x->nld_ids};
        x->nld_ids++;
    }
    for (size_t i = 0; i < v->u.object.len; i++)
        if (!collect_ids(x, v->u.object.values[i], depth + 1))
            return false;
    return true;
}

static int ld_id_cmp(const void *a, const void *b)
{
    const struct ld_id *p = a, *q = b;
    int c = strcmp(p->id, q->id);
    return c ? c : (p->seq > q->seq) - (p->seq < q->seq);
}

/* find_node(x->ld_root, id, named, 0), through the index (built on first use; on OOM the
 * plain scan). */
static yajl_val ld_find(struct xctx *x, const char *id, bool named)
{
    if (!x->ld_root)
        return NULL;
    if (!x->ld_ids_built) {
        x->ld_ids_built = true;
        if (collect_ids(x, x->ld_root, 0)) {
            qsort(x->ld_ids, x->nld_ids, sizeof *x->ld_ids, ld_id_cmp);
        } else {
            free(x->ld_ids);
            x->ld_ids = NULL;
            x->nld_ids = x->capld_ids = 0;
            x->ld_ids_failed = true;
        }
    }
    if (x->ld_ids_failed)
        return find_node(x->ld_root, id, named, 0);
    size_t lo = 0, hi = x->nld_ids;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(x->ld_ids[mid].id, id) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (; lo < x->nld_ids && strcmp(x->ld_ids[lo].id, id) == 0; lo++) {
        yajl_val v = x->ld_ids[lo].node;
        if (named ? own_name(v) != NULL : v->u.object.len > 1)
            return v;
    }
    return NULL;
}

/* An author: a string, a Person/Organization, the first of an array, or a reference
 * {"@id": "..."} to a node elsewhere in the document (Yoast-style @graph pages); x is NULL
 * outside a JSON-LD document. */
static const char *person_name_in(struct xctx *x, yajl_val a)
{
    if (YAJL_IS_ARRAY(a))
        a = a->u.array.len ? a->u.array.values[0] : NULL;
    if (YAJL_IS_STRING(a))
        return a->u.string;
    if (YAJL_IS_OBJECT(a)) {
        const char *s = own_name(a);
        const char *id = x_jstr(x_jget(a, "@id"));
        if (!s && id && x) {
            yajl_val n = ld_find(x, id, true);
            s = n ? own_name(n) : NULL;
        }
        return s;
    }
    return NULL;
}

const char *x_field_for_key(const char *key, size_t len, int *rank);
static bool not_a_name(const char *s);

/* A person in an API's own shape: its `name`, else its best author-named key with a name in it
 * (`displayName`, `username`, `nickname`; an empty display name passes to the next), else a
 * handle (`handle`, `acct`, `login`, `screen_name`: Bluesky, Mastodon, GitHub). */
static const char *person_name_at(yajl_val a, bool nested);
static const char *person_name(yajl_val a)
{
    return person_name_at(a, false);
}

/* A federated account's handle with its server (`acct` "maya@other.example" beside `username`
 * "maya"): the one name no other server's user shares; NULL unless it extends name. */
static const char *federated_handle(yajl_val a, const char *name)
{
    yajl_val v = YAJL_IS_OBJECT(a) ? x_jget(a, "acct") : NULL;
    if (!name || !YAJL_IS_STRING(v))
        return NULL;
    const char *acct = v->u.string;
    size_t sl = strlen(name);
    if (sl && strncmp(acct, name, sl) == 0 && acct[sl] == '@' && acct[sl + 1] && !strchr(acct, ' '))
        return acct;
    return NULL;
}

static const char *person_name_at(yajl_val a, bool nested)
{
    if (YAJL_IS_ARRAY(a))
        a = a->u.array.len ? a->u.array.values[0] : NULL;
    const char *s = person_name_in(NULL, a);
    if ((s && *s && !not_a_name(s)) || !YAJL_IS_OBJECT(a))
        return s;
    int best = 1 << 20;
    s = NULL;
    for (size_t i = 0; i < a->u.object.len; i++) {
        const char *k = a->u.object.keys[i], *v = x_jstr(a->u.object.values[i]);
        int rank = 1 << 20;
        const char *f = x_field_for_key(k, strlen(k), &rank);
        if (!YAJL_IS_STRING(a->u.object.values[i]) || !v || !*v || not_a_name(v))
            continue;
        if (!f || strcmp(f, "author") != 0) {
            char nk[16];
            size_t n = hugi_extract_name_norm(k, strlen(k), nk, sizeof nk);
            bool handle = (n == 6 && !memcmp(nk, "handle", 6)) ||
                          (n == 4 && !memcmp(nk, "acct", 4)) || (n == 5 && !memcmp(nk, "login", 5));
            if (!handle)
                continue;
            rank = 5000;
        }
        if (rank < best) {
            best = rank;
            s = v;
        }
    }
    const char *acct = s ? federated_handle(a, s) : NULL;
    if (acct)
        s = acct;
    /* a reviewer object keeping the name in its profile (`reviewer.profile.nickname`) */
    yajl_val prof = s || nested ? NULL : x_jget(a, "profile");
    if (prof && YAJL_IS_OBJECT(prof))
        s = person_name_at(prof, true);
    return s;
}

/* A person named in two halves (`{"first_name": "Olivia", "last_name": "Grant"}`: review
 * platforms' reviewer objects): when person_name() chose the first name, the family name beside
 * it, else NULL. Nothing is joined when the object has a whole name of its own. */
static const char *family_name_beside(yajl_val a, const char *first)
{
    if (YAJL_IS_ARRAY(a))
        a = a->u.array.len ? a->u.array.values[0] : NULL;
    if (!YAJL_IS_OBJECT(a))
        return NULL;
    bool chose_first = false;
    const char *last = NULL;
    for (size_t i = 0; i < a->u.object.len; i++) {
        const char *k = a->u.object.keys[i];
        yajl_val v = a->u.object.values[i];
        char nk[24];
        size_t n = hugi_extract_name_norm(k, strlen(k), nk, sizeof nk);
        if (!YAJL_IS_STRING(v) || !v->u.string[0])
            continue;
        if ((n == 9 && !memcmp(nk, "firstname", 9)) || (n == 9 && !memcmp(nk, "givenname", 9)))
            chose_first = chose_first || v->u.string == first;
        else if ((n == 8 && !memcmp(nk, "lastname", 8)) ||
                 (n == 10 && !memcmp(nk, "familyname", 10)) ||
                 (n == 7 && !memcmp(nk, "surname", 7)))
            last = v->u.string;
    }
    return chose_first && last && !not_a_name(last) ? last : NULL;
}

/* A resource path or a link is nobody's name: Google's Business Profile API calls a review's
 * resource path its `name` ("accounts/1/locations/2/reviews/AbF"). */
static bool not_a_name(const char *s)
{
    if (strncmp(s, "http://", 7) == 0 || strncmp(s, "https://", 8) == 0)
        return true;
    if (strchr(s, ' '))
        return false;
    int slashes = 0;
    for (; *s; s++)
        slashes += *s == '/';
    return slashes >= 2;
}

static bool type_is(yajl_val v, const char *want, bool suffix_review);

static bool is_product(yajl_val v)
{
    return type_is(v, "Product", false) || type_is(v, "ProductGroup", false) ||
           type_is(v, "ProductModel", false) || type_is(v, "IndividualProduct", false);
}

/* productGroupID: a ProductGroup's (Google's variant markup) own id, before its name */
const char *const x_product_keys[] = {"sku",    "productID", "gtin13", "gtin",
                                      "gtin14", "gtin12",    "gtin8",  "productGroupID",
                                      "mpn",    "name",      NULL};

/* The product a JSON-LD review is about, as an id (x_product_keys in order), or NULL. */

static const char *product_key(yajl_val p)
{
    if (!YAJL_IS_OBJECT(p))
        return NULL;
    for (const char *const *k = x_product_keys; *k; k++) {
        const char *s = x_jstr(x_jget(p, *k));
        if (s && *s)
            return s;
    }
    return NULL;
}

/* Keeps the page's product while it names only one: a category page lists many, and reviews in
 * its markup are then nobody's in particular. */
static void page_product_seen(struct xctx *x, const char *key)
{
    if (!key || (x->page_product && strcmp(x->page_product, key) == 0))
        return;
    if (x->page_products++ == 0) {
        x->page_product = hugi_strdup(key); /* NULL on no memory: just no fallback */
        return;
    }
    free(x->page_product);
    x->page_product = NULL;
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
    /* A configured product id names the shop's product and wins (x_emit fills it in); without
     * one, the product the page says the review is about, so that per-product complaints work
     * on a plain list of URLs. */
    if (!rc && !x->o->product) {
        yajl_val item = x_jget(v, "itemReviewed");
        const char *ref = x_jstr(x_jget(item, "@id"));
        if (ref && YAJL_IS_OBJECT(item) && item->u.object.len == 1 && x->ld_root) {
            /* {"@id": …}: a node of the @graph */
            if (!x->ld_item_ref || strcmp(x->ld_item_ref, ref) != 0) {
                x->ld_item_ref = ref;
                x->ld_item_node = ld_find(x, ref, false);
            }
            item = x->ld_item_node;
        }
        const char *pk = product_key(item);
        if (!pk)
            pk = product_key(x->ld_product);
        if (pk)
            rc = set_html_text(&r.product, pk);
    }
    yajl_val av = x_jget(v, "author");
    if (YAJL_IS_ARRAY(av) && av->u.array.len > 1) {
        /* Several authors (co-written reviews, books): all names, in order, ", "-joined. */
        struct hugi_buf names;
        hugi_buf_init(&names, 1 << 16);
        for (size_t i = 0; !rc && i < av->u.array.len; i++) {
            const char *n = person_name_in(x, av->u.array.values[i]);
            if (n && *n)
                rc = hugi_buf_addf(&names, "%s%s", names.len ? ", " : "", n);
        }
        if (!rc && names.len)
            rc = set_html_text(&r.author, names.data);
        hugi_buf_release(&names);
    } else {
        const char *a = person_name_in(x, av);
        if (!rc && a)
            rc = set_html_text(&r.author, a);
    }
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
    /* a Rating node of the @graph referred to by its @id, as authors are */
    const char *rid =
        YAJL_IS_OBJECT(rr) && rr->u.object.len == 1 ? x_jstr(x_jget(rr, "@id")) : NULL;
    if (rid) {
        yajl_val node = ld_find(x, rid, false);
        if (node)
            rr = node;
    }
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
    /* a rating with no words and no date, written by the shop itself (an Organization, a
     * Store): the product's average put in a Review for a rich snippet, no customer's review */
    if (!r.text && !r.title && r.date == HUGI_NO_TIME && !r.date_raw && YAJL_IS_OBJECT(av) &&
        (type_is(av, "Organization", false) || type_is(av, "Store", false) ||
         type_is(av, "OnlineStore", false) || type_is(av, "LocalBusiness", false) ||
         type_is(av, "Corporation", false) || type_is(av, "Brand", false))) {
        hugi_review_release(&r);
        x_warn(x, NULL, "JSON-LD Review by an organization with no text skipped");
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
    /* An AggregateRating is a summary, never a review, wherever it sits (even under "review");
     * but the reviews a page nests inside it (`"aggregateRating": {…, "review": […]}`, the
     * microdata habit carried into JSON-LD) are reviews still */
    if (type_is(v, "AggregateRating", false) || type_is(v, "Rating", false)) {
        yajl_val inner = x_jget(v, "review");
        if (!inner)
            inner = x_jget(v, "reviews");
        return inner && (YAJL_IS_ARRAY(inner) || YAJL_IS_OBJECT(inner))
                   ? jsonld_walk(x, inner, "review", depth + 1, ++x->container_seq)
                   : HUGI_OK;
    }
    bool under_review = key && (strcmp(key, "review") == 0 || strcmp(key, "reviews") == 0);
    /* reviewBody and reviewRating are properties of a Review only: an untyped node holding
     * one (with a text, an author or a date beside it) is a Review wherever it sits, under
     * hasPart, an ItemList's ListItem.item or a mainEntity as well as under review. */
    bool own_props =
        !x_jget(v, "@type") &&
        (x_jget(v, "reviewBody") ||
         (x_jget(v, "reviewRating") && (x_jget(v, "author") || x_jget(v, "datePublished"))));
    if (type_is(v, "Review", true) || own_props ||
        (under_review && !x_jget(v, "@type") && reviewish(v)))
        return jsonld_review(x, v, container);
    yajl_val outer = x->ld_product;
    if (is_product(v)) {
        x->ld_product = v;
        page_product_seen(x, product_key(v));
    }
    hugi_rc rc = HUGI_OK;
    for (size_t i = 0; !rc && i < v->u.object.len; i++)
        rc = jsonld_walk(x, v->u.object.values[i], v->u.object.keys[i], depth + 1,
                         ++x->container_seq);
    x->ld_product = outer;
    return rc;
}

hugi_rc x_jsonld_value(struct xctx *x, yajl_val root)
{
    yajl_val saved = x->ld_root, saved_product = x->ld_product;
    x->ld_root = root;
    x->ld_product = NULL;
    hugi_rc rc = jsonld_walk(x, root, NULL, 0, ++x->container_seq);
    x->ld_root = saved;
    x->ld_product = saved_product;
    x->ld_item_ref = NULL; /* it pointed into this document */
    x->ld_item_node = NULL;
    free(x->ld_ids);
    x->ld_ids = NULL;
    x->nld_ids = x->capld_ids = 0;
    x->ld_ids_built = x->ld_ids_failed = false;
    return rc;
}

/* ---- field names ---------------------------------------------------------------------------- */

/* Names no table lists, read by the words inside them ("Review Stars", "Review Created (UTC)",
 * "구매자 이름", "reviewerNickName"): ranked after every exact name. Words that mark something
 * else (a developer's reply, an id, a count, a link, an image, an app version) rule a name
 * out first. */
static bool x_word_in(const char *const *arr, size_t n, const char *s)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(arr[i], s) == 0)
            return true;
    return false;
}

/* Korean shops' back ends name fields with clipped words, camelCase or snake_case: `gdasCont`,
 * `gdasScrVal`, `evlPnt`, `mbrNickNm`, `regDt`, `gdasSeq`. Read by the words (split at case
 * changes, '_', '-', digits): a last word cont/cntt/ctnt/txt is a text; a word scr/pnt/evl/grd a
 * rating; nick, or nm after mbr/mem/usr/user/wrtr/writer/buyer/cust, an author; a last word
 * dt/dtm/dttm/ymd a date; seq or no after a word naming the review itself (review, rvw, gdas,
 * cmt, comment, bbs, board, post, evl, wrt) its id — never an order's, a product's or a member's
 * number, which many reviews share; no name with a word of an order, a delivery, a notice, a
 * Q&A, a product or an option (`dlvCont`, `qnaCont`, `ansCont`, `prdNm`). Ranked after every
 * other rule. */
static const char *abbrev_field(const char *key, size_t len, int *rank)
{
    char w[8][12];
    size_t nw = 0, wl = 0;
    for (size_t i = 0; i <= len && nw < 8; i++) {
        unsigned char c = i < len ? (unsigned char)key[i] : 0;
        bool cut = !isalpha(c) || (isupper(c) && wl && islower((unsigned char)key[i - 1]));
        if (cut && wl) {
            w[nw][wl < 11 ? wl : 11] = 0;
            nw++;
            wl = 0;
        }
        if (isalpha(c) && nw < 8) {
            if (wl < 11)
                w[nw][wl] = (char)tolower(c);
            wl++;
        } else if (c >= 0x80)
            return NULL; /* not an ASCII name */
    }
    if (!nw)
        return NULL;
    /* an order's, a delivery's, a notice's or a Q&A's fields (dlvCont, qnaCont, ansCont) */
    static const char *const other_w[] = {"ord",    "order", "dlv", "delivery", "memo", "ntc",
                                          "notice", "faq",   "qna", "inq",      "ans",  "rpl",
                                          "rply",   "cs",    "ask", "qst",      "prd",  "opt"};
    for (size_t i = 0; i < nw; i++)
        if (x_word_in(other_w, sizeof other_w / sizeof *other_w, w[i]))
            return NULL;
    const char *last = w[nw - 1];
    /* "cnts" is contents clipped (`rvwCnts`, `ntcCnts`); a count is clipped to "cnt" */
    static const char *const text_w[] = {"cont", "cntt", "ctnt", "cnts", "txt"};
    static const char *const rating_w[] = {"scr", "pnt", "evl", "grd"};
    static const char *const person_w[] = {"mbr",  "mem",    "usr",   "user",
                                           "wrtr", "writer", "buyer", "cust"};
    static const char *const date_w[] = {"dt", "dtm", "dttm", "dts", "ymd"};
    static const char *const own_w[] = {"review",  "rvw",      "gdas",       "cmt", "comment",
                                        "bbs",     "board",    "post",       "evl", "wrt",
                                        "opinion", "feedback", "testimonial"};
#define X_IN(arr, s) x_word_in(arr, sizeof arr / sizeof *arr, s)
    const char *f = NULL;
    if (X_IN(text_w, last))
        f = "text";
    for (size_t i = 0; !f && i < nw; i++)
        if (X_IN(rating_w, w[i]))
            f = "rating";
    for (size_t i = 0; !f && i < nw; i++)
        if (strcmp(w[i], "nick") == 0 || (i && strcmp(w[i], "nm") == 0 && X_IN(person_w, w[i - 1])))
            f = "author";
    if (!f && X_IN(date_w, last))
        f = "date";
    if (!f && nw >= 2 && (strcmp(last, "seq") == 0 || strcmp(last, "no") == 0) &&
        X_IN(own_w, w[nw - 2]))
        f = "id";
#undef X_IN
    if (f && rank)
        *rank = 1100;
    return f;
}

/* k (a normalised name) with the words that hold a field word by accident blanked out:
 * senTIMEnt, canDIDATE... "sentiment" is no time, "account" no count, "discontent" no content. */
static void blank_false_friends(const char *k, char *out, size_t cap)
{
    static const char *const friends[] = {"sentiment",  "candidate", "validat",  "mandate",
                                          "account",    "nobody",    "somebody", "entitle",
                                          "discontent", "pretext",   "mustard"};
    size_t n = strlen(k);
    if (n >= cap)
        n = cap - 1;
    memcpy(out, k, n);
    out[n] = 0;
    for (size_t i = 0; i < sizeof friends / sizeof *friends; i++)
        for (char *p = strstr(out, friends[i]); p; p = strstr(p, friends[i]))
            memset(p, '#', strlen(friends[i]));
}

static bool excluded_name(const char *k0)
{
    char k[64];
    blank_false_friends(k0, k, sizeof k);
    /* 답변 (answer), 댓글 (comment under a review), 판매자 (seller), 관리자 (admin): the shop's
     * side ("adminCommentContent" is its reply, the text of a photo-only review is empty) */
    static const char not_review[] =
        "reply response answer owner developer seller admin manager staff merchant vendor "
        "count url link image img avatar photo thumb "
        "version country locale location email phone product item option verified context type "
        "format status lang vote weight "
        "\xeb\x8b\xb5\xeb\xb3\x80 \xeb\x8c\x93\xea\xb8\x80 "
        "\xed\x8c\x90\xeb\xa7\xa4\xec\x9e\x90 \xea\xb4\x80\xeb\xa6\xac\xec\x9e\x90";
    for (const char *w = not_review; *w;) {
        size_t wl = strcspn(w, " ");
        char word[32];
        if (wl < sizeof word) {
            memcpy(word, w, wl);
            word[wl] = 0;
            if (strstr(k, word))
                return true;
        }
        w += wl;
        while (*w == ' ')
            w++;
    }
    return false;
}

static bool pros_cons_key(const char *key);
static const char *partial_field(const char *k0, const char *key, size_t len, int *rank)
{
    /* the comment answered: `parent_comment_id`, `reply_to_reply_id`, `in_reply_to_id`; a
     * reply's bare `reply_id` (TikTok) after them. Read before the exclusions: "reply" there
     * is somebody else's text, here the link to the comment answered. */
    {
        const char *pk = k0;
        size_t pn = strlen(k0);
        /* numbered as Korean back ends number comments: `parentCommentNo`, `parentSeq` */
        bool numbered = (pn > 2 && strcmp(pk + pn - 2, "no") == 0) ||
                        (pn > 3 && strcmp(pk + pn - 3, "seq") == 0);
        bool idn = (pn > 2 && strcmp(pk + pn - 2, "id") == 0) ||
                   (numbered && (strstr(pk, "comment") || strstr(pk, "cmt") ||
                                 strstr(pk, "review") || strstr(pk, "reply")));
        if (idn) {
            bool to = strncmp(pk, "parent", 6) == 0 || strncmp(pk, "replyto", 7) == 0 ||
                      strncmp(pk, "inreplyto", 9) == 0;
            if (to || strcmp(pk, "replyid") == 0) {
                if (rank)
                    *rank = to ? 960 : 961;
                return "parent_id";
            }
        }
    }
    /* the comment answered, named without "id" (`parent_comment`: a short id string) */
    if (strcmp(k0, "parentcomment") == 0) {
        if (rank)
            *rank = 960;
        return "parent_id";
    }
    /* a count of the readers' approvals named with more words than the table lists
     * (`helpfulTrueCount` beside `helpfulFalseCount`, `helpfulVotesCount`, `likesCnt`): the
     * likes, read before the exclusions (which refuse any other count); never the disapprovals */
    {
        size_t kn = strlen(k0);
        static const char *const approve[] = {"helpful", "like", "upvote", "useful", "recommend"};
        static const char *const against[] = {"not",       "false",   "down",
                                              "unhelpful", "dislike", "negative"};
        bool counted = (kn > 5 && strcmp(k0 + kn - 5, "count") == 0) ||
                       (kn > 3 && strcmp(k0 + kn - 3, "cnt") == 0) ||
                       (kn > 3 && strcmp(k0 + kn - 3, "num") == 0);
        bool ok = counted && !strstr(k0, "review") && !strstr(k0, "comment");
        bool yes = false;
        for (size_t i = 0; ok && i < sizeof approve / sizeof *approve; i++)
            yes = yes || strncmp(k0, approve[i], strlen(approve[i])) == 0;
        for (size_t i = 0; yes && i < sizeof against / sizeof *against; i++)
            if (strstr(k0 + 4, against[i]))
                yes = false;
        /* every vote cast, for and against (`helpfulTotalCount`, `helpfulAllCount`, the votes
         * on a review's helpfulness, `helpfulnessCount`: "3 of 10 found this helpful" has 10
         * there): no likes */
        if (yes && (strstr(k0 + 4, "total") || strstr(k0 + 4, "allc") ||
                    strncmp(k0, "helpfulness", 11) == 0))
            yes = false;
        if (yes) {
            if (rank)
                *rank = 1200;
            return "likes";
        }
    }
    /* who made the record, by a verb and "by" (`created_by`, `added_by`, `authored_by`: a person
     * or a person's id), never when ("created" alone is a date); who changed it since is not
     * who wrote it (`updated_by`) */
    {
        size_t kn = strlen(k0);
        if (kn > 6 && strcmp(k0 + kn - 2, "by") == 0) {
            static const char *const made[] = {"creat", "add", "author", "post", "writ", "submit"};
            for (size_t i = 0; i < sizeof made / sizeof *made; i++)
                if (strncmp(k0, made[i], strlen(made[i])) == 0) {
                    if (rank)
                        *rank = 1050;
                    return "author";
                }
            return NULL;
        }
    }
    if (excluded_name(k0))
        return NULL;
    char k[64];
    blank_false_friends(k0, k, sizeof k);
    size_t n = strlen(k);
    /* a person named by a last word "user" (`externalUser`, `reviewUser`: a shop platform's
     * name of a guest reviewer), after every other author name */
    if (n > 6 && strcmp(k + n - 4, "user") == 0) {
        if (rank)
            *rank = 1090;
        return "author";
    }
    if (n > 2 && strcmp(k + n - 2, "id") == 0)
        return NULL;
    /* a period's bounds (startDate, end_time, promoEndDate), matched at the name's ends: inside
     * it "end" is part of other words (writtEN_DAte, recommENDed, extENDed) */
    static const char *const bounds[] = {"startdate", "starttime", "enddate", "endtime"};
    if (strncmp(k, "start", 5) == 0 || strncmp(k, "end", 3) == 0)
        return NULL;
    for (size_t i = 0; i < sizeof bounds / sizeof *bounds; i++) {
        size_t bl = strlen(bounds[i]);
        if (n >= bl && memcmp(k + n - bl, bounds[i], bl) == 0)
            return NULL;
    }
    static const struct {
        const char *word, *field;
    } words[] = {
        {"date", "date"},
        {"time", "date"},
        {"created", "date"},
        {"published", "date"},
        {"\xec\x9e\x91\xec\x84\xb1\xec\x9d\xbc", "date"}, /* 작성일 */
        {"\xeb\x82\xa0\xec\xa7\x9c", "date"},             /* 날짜 */
        {"\xeb\x93\xb1\xeb\xa1\x9d\xec\x9d\xbc", "date"}, /* 등록일 */
        {"\xec\x9d\xbc\xec\x9e\x90", "date"},             /* 일자: 구매일자 */
        {"\xec\x9d\xbc\xec\x8b\x9c", "date"},             /* 일시 */
        {"\xea\xb5\xac\xeb\xa7\xa4\xec\x9d\xbc", "date"}, /* 구매일: the day bought */
        {"rating", "rating"},
        {"star", "rating"},
        {"score", "rating"},
        {"\xed\x8f\x89\xec\xa0\x90", "rating"}, /* 평점 */
        {"\xeb\xb3\x84\xec\xa0\x90", "rating"}, /* 별점 */
        {"title", "title"},
        {"headline", "title"},
        {"subject", "title"},
        {"\xec\xa0\x9c\xeb\xaa\xa9", "title"},                         /* 제목 */
        {"\xed\x97\xa4\xeb\x93\x9c\xeb\x9d\xbc\xec\x9d\xb8", "title"}, /* 헤드라인 */
        {"author", "author"},
        {"nickname", "author"},
        {"username", "author"},
        {"reviewer", "author"},
        {"writer", "author"},
        {"customername", "author"},
        {"consumername", "author"},
        {"\xec\x9e\x91\xec\x84\xb1\xec\x9e\x90", "author"}, /* 작성자 */
        {"\xeb\x8b\x89\xeb\x84\xa4\xec\x9e\x84", "author"}, /* 닉네임 */
        {"\xea\xb5\xac\xeb\xa7\xa4\xec\x9e\x90", "author"}, /* 구매자 */
        {"text", "text"},
        {"content", "text"},
        {"body", "text"},
        {"comment", "text"},
        {"review", "text"},
        {"\xeb\x82\xb4\xec\x9a\xa9", "text"}, /* 내용 */
        {"\xeb\xa6\xac\xeb\xb7\xb0", "text"}, /* 리뷰 */
        {"\xed\x9b\x84\xea\xb8\xb0", "text"}, /* 후기 */
    };
    /* `lastModified` (a Play review's only time), `timestamp_updated` beside
     * `timestamp_created` (whose "date" would else match first, in "upDATEd"): after every other
     * date word, the review being written before it was edited */
    if ((n > 8 && strcmp(k + n - 8, "modified") == 0) ||
        ((strstr(k, "updated") || strstr(k, "edited")) &&
         (strstr(k, "date") || strstr(k, "time")))) {
        if (rank)
            *rank = 1990;
        return "date";
    }
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
        if (strstr(k, words[i].word)) {
            if (rank)
                *rank = 1000 + (int)i;
            /* "a month ago" beside the time itself (Places' relativePublishTimeDescription
             * and publishTime): the phrase only when nothing better is there */
            if (rank && strcmp(words[i].field, "date") == 0 && strstr(k, "relative"))
                *rank = 14000;
            /* what was liked or not (`prosText`, `negativeText`): a part of the review
             * (pros_cons_text), its text only when no other key holds one */
            if (rank && strcmp(words[i].field, "text") == 0 && pros_cons_key(k0))
                *rank = 1995;
            return words[i].field;
        }
    }
    return abbrev_field(key, len, rank);
}

const char *x_field_for_key(const char *key, size_t len, int *rank)
{
    char k[64];
    size_t n = hugi_extract_name_norm(key, len, k, sizeof k);
    if (!n)
        return NULL;
    int pos;
    enum hugi_xfield f = hugi_extract_field_of_norm(k, n, 0, &pos);
    /* A product's name stands for it only when no id does (the table lists names apart, for
     * import's product_name column); source, date_raw and fetched_at are no extracted fields
     * and are read by the rules below, as any name the table does not list. */
    if (f == HUGI_XF_PRODUCT_NAME) {
        if (rank)
            *rank = 30 + pos; /* after the ids, before a key one level down */
        return "product";
    }
    if (f != HUGI_XF_NONE && f != HUGI_XF_SOURCE && f != HUGI_XF_DATE_RAW &&
        f != HUGI_XF_FETCHED_AT) {
        if (rank)
            *rank = pos;
        return hugi_extract_field_name(f);
    }
    /* a date named with its zone, `date_gmt` beside a local `date` (WordPress): the zoned one
     * first */
    if (n > 3 && (strcmp(k + n - 3, "gmt") == 0 || strcmp(k + n - 3, "utc") == 0)) {
        int p2;
        if (hugi_extract_field_of_norm(k, n - 3, 0, &p2) == HUGI_XF_DATE) {
            if (rank)
                *rank = -1;
            return "date";
        }
    }
    /* a field's published version (a takeout's `review_text_published`,
     * `five_star_rating_published`): the stem names it */
    if (n > 9 && strcmp(k + n - 9, "published") == 0) {
        const char *sf = x_field_for_key(k, n - 9, rank);
        if (sf && strcmp(sf, "date") != 0)
            return sf;
    }
    /* An id named after what it numbers ("itemReviewNo", "productReviewId", "goodsReviewSeq"),
     * not a parent's or a reply's. */
    static const char *const id_ends[] = {
        "reviewid",         "reviewno",      "reviewseq", "reviewuid",
        "commentid",        "commentno",     "rateid", /* reviewRateId */
        "recommendationid", "testimonialid", "opinionid", "postngid",
        "postingid",        "articleno"}; /* boards */
    /* the id named first, as some carts name columns (`id_product_comment`, `id_review`): an id
     * of the review itself when the rest ends naming it */
    if (n >= 8 && strncmp(k, "id", 2) == 0 && !strstr(k, "parent") && !strstr(k, "reply") &&
        !strstr(k, "answer") &&
        (strcmp(k + n - 6, "review") == 0 || strcmp(k + n - 7, "comment") == 0)) {
        if (rank)
            *rank = 950;
        return "id";
    }
    if (!strstr(k, "parent") && !strstr(k, "reply") && !strstr(k, "answer"))
        for (size_t i = 0; i < sizeof id_ends / sizeof *id_ends; i++) {
            size_t el = strlen(id_ends[i]);
            if (n >= el && memcmp(k + n - el, id_ends[i], el) == 0) {
                if (rank)
                    *rank = 950;
                return "id";
            }
        }
    /* A timestamp named by the event it records: camelCase "writtenAt", "reviewAt",
     * snake_case "written_at". Ranked after every listed name, and a record's edits after
     * the others (the review was published before it was edited). */
    if (len > 3 &&
        ((key[len - 2] == 'A' && key[len - 1] == 't' && islower((unsigned char)key[len - 3])) ||
         ((key[len - 3] == '_' || key[len - 3] == ' ' || key[len - 3] == '-') &&
          (key[len - 2] == 'a' || key[len - 2] == 'A') && key[len - 1] == 't' &&
          isalpha((unsigned char)key[len - 4])))) {
        static const char *const later[] = {"updat", "modif", "edit", "delet", "expir", "chang"};
        /* when a tool saw the post, not when it was written (Bluesky's indexedAt beside the
         * record's createdAt): after every other date, a nested one's too */
        static const char *const seen[] = {"index", "crawl", "scrap", "sync", "import", "cache"};
        bool edit = false, tool = false;
        for (size_t i = 0; i < sizeof later / sizeof *later; i++)
            edit = edit || strstr(k, later[i]);
        for (size_t i = 0; i < sizeof seen / sizeof *seen; i++)
            tool = tool || strstr(k, seen[i]);
        if (rank)
            *rank = tool ? 15000 : edit ? 990 : 980;
        return "date";
    }
    return partial_field(k, key, len, rank);
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
/* A text kept as runs: Telegram's export writes a message with links or bold parts as an array
 * of strings and `{"type": "link", "text": "…"}` objects. True when every element is one. */
static bool text_runs(yajl_val v)
{
    if (!YAJL_IS_ARRAY(v) || !v->u.array.len || v->u.array.len > 4096)
        return false;
    for (size_t i = 0; i < v->u.array.len; i++) {
        yajl_val e = v->u.array.values[i];
        if (!YAJL_IS_STRING(e) && !YAJL_IS_STRING(x_jget(e, "text")))
            return false;
    }
    return true;
}

/* An author kept as a line of text (`"reviewAuthorAttribution": {"text": "Samira"}`): the
 * line, when short and on one line; else NULL */
static const char *attribution_line(yajl_val v)
{
    const char *line = YAJL_IS_OBJECT(v) ? x_jstr(x_jget(v, "text")) : NULL;
    return line && *line && strlen(line) <= 60 && !strchr(line, '\n') ? line : NULL;
}

/* A time kept as an object of its forms, `"createdAt": {"utcDateTime": "2025-03-05T08:30:00Z",
 * "localDate": "…"}`: its first string under a date name (a zoned or UTC one first) */
static yajl_val date_member(yajl_val v)
{
    yajl_val best = NULL;
    int best_rank = 1 << 20;
    for (size_t i = 0; YAJL_IS_OBJECT(v) && i < v->u.object.len; i++) {
        const char *k = v->u.object.keys[i];
        int rank = 1 << 20;
        const char *f = x_field_for_key(k, strlen(k), &rank);
        if (!f || strcmp(f, "date") != 0 || !YAJL_IS_STRING(v->u.object.values[i]))
            continue;
        char nk[32];
        hugi_extract_name_norm(k, strlen(k), nk, sizeof nk);
        if (strstr(nk, "utc") || strstr(nk, "iso"))
            rank = -1;
        if (rank < best_rank) {
            best_rank = rank;
            best = v->u.object.values[i];
        }
    }
    return best;
}

static hugi_rc set_field_j(struct xctx *x, struct hugi_review *r, const char *f, yajl_val v)
{
    if (strcmp(f, "rating") == 0) {
        if (!x->no_ratings)
            x_set_rating_j(x, r, v);
        return HUGI_OK;
    }
    if (strcmp(f, "date") == 0) {
        if (r->date_raw) {
            free(r->date_raw);
            r->date_raw = NULL;
        }
        if (YAJL_IS_OBJECT(v) && x_jget(v, "seconds"))
            v = x_jget(v, "seconds");
        else if (YAJL_IS_OBJECT(v) && date_member(v))
            v = date_member(v);
        return x_set_date_j(x, r, v);
    }
    if (strcmp(f, "likes") == 0) {
        const char *t = YAJL_IS_STRING(v) ? v->u.string : NULL;
        if (set_likes_j(r, v))
            return HUGI_OK;
        if (t && *t >= '0' && *t <= '9') {
            /* "12 people found this helpful", "1,024 helpful votes" */
            long n = 0;
            for (; (*t >= '0' && *t <= '9') || (*t == ',' && t[1] >= '0' && t[1] <= '9'); t++)
                if (*t != ',' && n < 1000000000L)
                    n = n * 10 + (*t - '0');
            r->likes = n;
        } else if (t && (strncasecmp(t, "one ", 4) == 0 || strncasecmp(t, "a ", 2) == 0)) {
            r->likes = 1;
        }
        return HUGI_OK;
    }
    /* an author object, or list ("reviewer": [{"name": "Dave"}], Best Buy), names its (first)
     * person */
    if (strcmp(f, "author") == 0 && (YAJL_IS_OBJECT(v) || YAJL_IS_ARRAY(v))) {
        const char *s = person_name(v);
        const char *line = !s ? attribution_line(v) : NULL;
        if (line)
            return x_set(&r->author, line, strlen(line));
        const char *last = s ? family_name_beside(v, s) : NULL;
        if (!last)
            return s ? x_set(&r->author, s, strlen(s)) : HUGI_OK;
        struct hugi_buf b;
        hugi_buf_init(&b, 0);
        hugi_rc rc = hugi_buf_addf(&b, "%s %s", s, last);
        if (!rc)
            rc = x_set(&r->author, b.data, b.len);
        hugi_buf_release(&b);
        return rc;
    }
    if (strcmp(f, "text") == 0 && text_runs(v)) {
        struct hugi_buf b;
        hugi_buf_init(&b, 1 << 24);
        hugi_rc rc = HUGI_OK;
        for (size_t i = 0; i < v->u.array.len && !rc; i++) {
            yajl_val e = v->u.array.values[i];
            rc = hugi_buf_addstr(&b, YAJL_IS_STRING(e) ? e->u.string : x_jstr(x_jget(e, "text")));
        }
        if (!rc)
            rc = hugi_buf_addc(&b, 0);
        if (!rc && b.len > 1) {
            free(r->text);
            r->text = NULL;
            rc = x_set(&r->text, b.data, b.len - 1);
        }
        hugi_buf_release(&b);
        return rc;
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
    /* a parent id of 0 (or -1) is a comment's way of saying it has none: a top-level comment */
    if (dst == &r->parent_id && (strcmp(s, "0") == 0 || strcmp(s, "-1") == 0))
        return HUGI_OK;
    free(*dst);
    *dst = NULL;
    /* a search API marks the words it matched in titles and names as well (`<b>무선청소기</b>
     * 후기`, Naver's and Kakao's open APIs) and escapes their quotes: markup is no title */
    if (dst == &r->text || dst == &r->title || dst == &r->author)
        return set_html_text(dst, s);
    return x_set(dst, s, strlen(s));
}

/* Whether key, its name normalised, is one of the count names. */
static bool key_listed(const char *key, const char *const *names, size_t count)
{
    char k[32];
    size_t n = hugi_extract_name_norm(key, strlen(key), k, sizeof k);
    for (size_t i = 0; i < count; i++)
        if (n == strlen(names[i]) && memcmp(k, names[i], n) == 0)
            return true;
    return false;
}

/* A person's id shown masked ("abc***", "kim*****"): Korean shops print the buyer's login id so,
 * and then it is the name the review shows. An unmasked `userId` is a key into another table,
 * never an author. */
/* A buyer's name masked as shops print it: a short word (≤ 32 bytes, no space) with a run of
 * '*' inside or at its end and at least one letter or digit kept (`김*영`, `ab12***`). */
static bool masked_name(const char *s)
{
    size_t n = strlen(s), stars = 0, kept = 0;
    if (n < 2 || n > 32 || s[0] == '*')
        return false;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '*')
            stars++;
        else if (c == ' ' || c == '/' || c == ':')
            return false;
        else
            kept++;
    }
    return stars && kept;
}

static bool masked_person_id(const char *key, yajl_val v)
{
    static const char *const names[] = {"userid",   "memberid", "loginid", "customerid", "buyerid",
                                        "writerid", "memid",    "mbrid",   "usrid",      "custid"};
    if (!YAJL_IS_STRING(v))
        return false;
    if (strstr(v->u.string, "**") && key_listed(key, names, sizeof names / sizeof *names))
        return true;
    char k[64];
    size_t kn = hugi_extract_name_norm(key, strlen(key), k, sizeof k);
    /* more words before the id of a person (`mbrLoginId`, `memberLoginId`) */
    if (strstr(v->u.string, "**") && kn > 7 && strcmp(k + kn - 7, "loginid") == 0)
        return true;
    /* a name masked as shops print buyers (`김*영`, `ab***`) under any key ending in "name"
     * (`ownerName`: the review's owner, not the shop's) */
    return kn > 4 && strcmp(k + kn - 4, "name") == 0 && masked_name(v->u.string);
}

/* Maps keys by name; nested objects one level down fill what is still missing (Olive Young keeps
 * the nickname in profileDto.memberNickname), ranked after every key of the item's own, read by
 * its words or not: the item's `full_text` before its user's `description`. An object under an
 * author key (`user`, `author`) gives the author only: the rest is the person's profile (a bio
 * is no review text, a profile link no review link). Keys starting "__" are a tool's or a
 * schema's bookkeeping (twarc's `__twarc` request URL, `__typename`). */
enum nest { NEST_ALL, NEST_AUTHOR, NEST_PRODUCT };

/* An object that is a person's profile by its key: Mastodon's `account`, Trustpilot's
 * `consumer`, Olive Young's `profileDto`, a `member`, a `customer`. It gives the author only (its
 * bio, its link and its creation date are the person's, not the review's). */
static bool person_object(const char *nk)
{
    static const char *const whole[] = {"member", "consumer", "customer", "buyer",
                                        "poster", "creator",  "sender"};
    if (strstr(nk, "profile") || strstr(nk, "account"))
        return true;
    for (size_t i = 0; i < sizeof whole / sizeof *whole; i++)
        if (strcmp(nk, whole[i]) == 0)
            return true;
    return false;
}

/* A text kept as an object of its renderings, WordPress REST's `"content": {"rendered": "<p>…"}`
 * (`raw` only with edit rights), is its rendered string; anything else is itself. */
static yajl_val rendered(yajl_val v)
{
    yajl_val s = YAJL_IS_OBJECT(v) ? x_jget(v, "rendered") : NULL;
    if (!s || !YAJL_IS_STRING(s))
        s = YAJL_IS_OBJECT(v) ? x_jget(v, "raw") : NULL;
    /* the whole of a text kept beside its language or its cut form (`"text": {"full": "…",
     * "language": "en"}`) */
    if (!s || !YAJL_IS_STRING(s))
        s = YAJL_IS_OBJECT(v) ? x_jget(v, "full") : NULL;
    if (!s || !YAJL_IS_STRING(s))
        s = YAJL_IS_OBJECT(v) ? x_jget(v, "plain") : NULL;
    return s && YAJL_IS_STRING(s) ? s : v;
}

/* A list of one-key wrappers, each naming whose words it holds (`"comments": [{"userComment":
 * {…}}, {"developerComment": {…}}]`, the Play Developer API's review): the customer's object, the
 * first wrapper whose key names nobody else (a developer's, a seller's, an owner's reply is the
 * shop's answer); NULL when v is no such list. */
static bool excluded_name(const char *k0);
static yajl_val wrapped_own(yajl_val v)
{
    if (!YAJL_IS_ARRAY(v) || !v->u.array.len || v->u.array.len > 16)
        return NULL;
    yajl_val own = NULL;
    for (size_t i = 0; i < v->u.array.len; i++) {
        yajl_val w = v->u.array.values[i];
        if (!YAJL_IS_OBJECT(w) || w->u.object.len != 1 || !YAJL_IS_OBJECT(w->u.object.values[0]))
            return NULL;
        char nk[64];
        hugi_extract_name_norm(w->u.object.keys[0], strlen(w->u.object.keys[0]), nk, sizeof nk);
        if (!own && !excluded_name(nk))
            own = w->u.object.values[0];
    }
    return own;
}

/* The Play Developer API writes a review's title and text as one string, "Title\tText" (a
 * review without a title as "\tText"): a single tab after a one-line head of at most 160 bytes
 * splits them, when the review has no title of its own. */
static hugi_rc tab_title(struct hugi_review *r)
{
    const char *t = r->text, *tab = t ? strchr(t, '\t') : NULL;
    if (!tab || r->title || tab == t || strchr(tab + 1, '\t') || !tab[1] || tab - t > 160 ||
        memchr(t, '\n', (size_t)(tab - t)))
        return HUGI_OK;
    hugi_rc rc = x_set_ws(&r->title, t, (size_t)(tab - t));
    char *body = NULL;
    if (!rc)
        rc = x_set(&body, tab + 1, strlen(tab + 1));
    if (rc) {
        free(body);
        return rc;
    }
    free(r->text);
    r->text = body;
    return HUGI_OK;
}

/* Pros and cons written apart (a stay's "pros"/"cons", "liked"/"disliked", 장점/단점): the review's
 * words are both, joined, when it has no text of its own. */
static bool pros_cons_key(const char *key)
{
    static const char *const names[] = {
        "pros",
        "cons",
        "liked",
        "disliked",
        "positive",
        "negative",
        "positivetext",
        "negativetext",
        "prostext",
        "constext",
        "positivereview",
        "negativereview",
        "goodpoints",
        "badpoints",
        "\xec\x9e\xa5\xec\xa0\x90",                          /* 장점 */
        "\xeb\x8b\xa8\xec\xa0\x90",                          /* 단점 */
        "\xec\xa2\x8b\xec\x9d\x80\xec\xa0\x90",              /* 좋은점 */
        "\xec\x95\x84\xec\x89\xac\xec\x9a\xb4\xec\xa0\x90"}; /* 아쉬운점 */
    return key_listed(key, names, sizeof names / sizeof *names);
}

/* The liked and disliked parts of o (or of an object one level down: `textDetails` holding
 * `positiveText` and `negativeText`) joined by line breaks into b; how many there were. */
static size_t pros_cons_parts(yajl_val o, int depth, struct hugi_buf *b, const char *text,
                              bool *text_is_part, hugi_rc *rc)
{
    size_t parts = 0;
    for (size_t i = 0; !*rc && i < o->u.object.len; i++) {
        yajl_val v = o->u.object.values[i];
        if (YAJL_IS_OBJECT(v) && depth < 1) {
            parts += pros_cons_parts(v, depth + 1, b, text, text_is_part, rc);
            continue;
        }
        if (!YAJL_IS_STRING(v) || !v->u.string[0] || !pros_cons_key(o->u.object.keys[i]))
            continue;
        if (text && strcmp(text, v->u.string) == 0)
            *text_is_part = true;
        if (b->len)
            *rc = hugi_buf_add(b, "\n", 1);
        if (!*rc)
            *rc = hugi_buf_add(b, v->u.string, strlen(v->u.string));
        parts++;
    }
    return parts;
}

/* A review printed as what was liked and what was not: both parts are its text. A text already
 * read from one of the parts (the nested `positiveText` read as a text key) gives way to both. */
static hugi_rc pros_cons_text(struct hugi_review *r, yajl_val o)
{
    if (!YAJL_IS_OBJECT(o))
        return HUGI_OK;
    struct hugi_buf b;
    hugi_buf_init(&b, 0);
    hugi_rc rc = HUGI_OK;
    bool text_is_part = false;
    size_t parts = pros_cons_parts(o, 0, &b, r->text, &text_is_part, &rc);
    bool use = !r->text ? parts > 0 : parts >= 2 && text_is_part;
    if (!rc && use && b.len && !(rc = hugi_buf_addc(&b, 0))) {
        free(r->text);
        r->text = NULL;
        rc = set_html_text(&r->text, b.data);
    }
    hugi_buf_release(&b);
    return rc;
}

/* An Apollo cache reference, `{"__ref": "User:u1"}`, is the entry it names (x->ref_root is the
 * cache while its reviews are read); anything else is itself. */
static yajl_val deref(const struct xctx *x, yajl_val v)
{
    if (!x->ref_root || !YAJL_IS_OBJECT(v) || v->u.object.len != 1)
        return v;
    const char *ref = x_jstr(x_jget(v, "__ref"));
    yajl_val to = ref ? x_jget(x->ref_root, ref) : NULL;
    return to && YAJL_IS_OBJECT(to) ? to : v;
}

static hugi_rc federated_author(struct hugi_review *r, yajl_val account)
{
    const char *acct = federated_handle(account, r->author);
    if (!acct)
        return HUGI_OK;
    free(r->author);
    r->author = NULL;
    return x_set(&r->author, acct, strlen(acct));
}

static bool opaque_id(const char *s)
{
    size_t n = strlen(s), digits = 0;
    if (n < 3 || n > 24)
        return false;
    for (const char *p = s; *p; p++) {
        if (*p >= '0' && *p <= '9')
            digits++;
        else if (!(*p >= 'A' && *p <= 'Z') && *p != '_' && *p != '-')
            return false;
    }
    return digits > 0 && digits < n;
}

static hugi_rc map_object(struct xctx *x, struct hugi_review *r, yajl_val o, struct ranks *rk,
                          int depth, enum nest mode)
{
    for (size_t i = 0; i < o->u.object.len; i++) {
        const char *k = o->u.object.keys[i];
        yajl_val v = deref(x, o->u.object.values[i]);
        if (k[0] == '_' && k[1] == '_')
            continue;
        const char *kf = x_field_for_key(k, strlen(k), NULL);
        bool author_key = kf && strcmp(kf, "author") == 0;
        if (kf && (strcmp(kf, "text") == 0 || strcmp(kf, "title") == 0))
            v = rendered(v);
        /* a post's reference to what it answers, `"reply": {"parent": {"uri": "…"}}` (AT
         * Protocol records): the parent's id */
        if (YAJL_IS_OBJECT(v) && depth <= 1 && !r->parent_id) {
            char rk2[16];
            size_t rl = hugi_extract_name_norm(k, strlen(k), rk2, sizeof rk2);
            yajl_val par = rl == 5 && !memcmp(rk2, "reply", 5) ? x_jget(v, "parent") : NULL;
            const char *pu = YAJL_IS_OBJECT(par) ? x_jstr(x_jget(par, "uri")) : NULL;
            if (!pu && YAJL_IS_OBJECT(par))
                pu = x_jstr(x_jget(par, "id"));
            if (pu && *pu) {
                hugi_rc rc = x_set(&r->parent_id, pu, strlen(pu));
                if (rc)
                    return rc;
                continue;
            }
        }
        /* the message answered, kept in a reference object: `"reference": {"messageId": …}`
         * (a chat exporter), `"message_reference": {"message_id": …}` (a chat API) */
        if (YAJL_IS_OBJECT(v) && depth == 0 && !r->parent_id) {
            char rk3[24];
            hugi_extract_name_norm(k, strlen(k), rk3, sizeof rk3);
            if (strcmp(rk3, "reference") == 0 || strcmp(rk3, "messagereference") == 0 ||
                strcmp(rk3, "referencedmessage") == 0) {
                const char *pid = x_jstr(x_jget(v, "messageId"));
                if (!pid)
                    pid = x_jstr(x_jget(v, "message_id"));
                if (!pid)
                    pid = x_jstr(x_jget(v, "id"));
                if (pid && *pid) {
                    hugi_rc rc = x_set(&r->parent_id, pid, strlen(pid));
                    if (rc)
                        return rc;
                }
                continue;
            }
        }
        yajl_val wrapped = depth == 0 ? wrapped_own(v) : NULL;
        if (wrapped) {
            hugi_rc rc = map_object(x, r, wrapped, rk, 1, NEST_ALL);
            if (!rc)
                rc = tab_title(r);
            if (rc)
                return rc;
            continue;
        }
        if (YAJL_IS_OBJECT(v)) {
            if (depth == 0) {
                /* what the object is decides what it may give: a product's object its id (never
                 * its name as an author, its id as the review's); somebody else's (an owner's
                 * reply, a seller's answer) nothing */
                char nk[64];
                hugi_extract_name_norm(k, strlen(k), nk, sizeof nk);
                bool product = (kf && strcmp(kf, "product") == 0) || strstr(nk, "product") ||
                               strstr(nk, "goods") || strstr(nk, "item");
                /* Instagram's comment `owner` is the commenter's profile (a username); a shop
                 * owner's reply object holds a text instead */
                bool owner = strcmp(nk, "owner") == 0 && x_jget(v, "username");
                /* a like count kept as an object: Instagram's `edge_liked_by: {"count": 14}` */
                yajl_val cnt = x_jget(v, "count");
                size_t nkl = strlen(nk);
                bool like_obj = cnt && YAJL_IS_NUMBER(cnt) &&
                                ((kf && strcmp(kf, "likes") == 0) ||
                                 (nkl >= 7 && strcmp(nk + nkl - 7, "likedby") == 0));
                if (like_obj) {
                    int slot = field_slot("likes");
                    int eff = 500 + depth * 10000;
                    if (slot >= 0 && rk->r[slot] > eff) {
                        rk->r[slot] = eff;
                        hugi_rc rc = set_field_j(x, r, "likes", cnt);
                        if (rc)
                            return rc;
                    }
                    continue;
                }
                enum nest m = author_key || owner || person_object(nk) ? NEST_AUTHOR
                              : product                                ? NEST_PRODUCT
                                                                       : NEST_ALL;
                if (m == NEST_ALL && excluded_name(nk))
                    continue;
                hugi_rc rc = map_object(x, r, v, rk, 1, m);
                if (rc)
                    return rc;
                rc = federated_author(r, v);
                if (rc)
                    return rc;
            }
            /* an author object is still an author, and a rating object that holds its value
             * a rating (`{"value": "4", "max": "5"}`: XML's <rating value="4" max="5"/> read
             * as JSON); one without (`{"average": 4.5, "count": 12}`) claims nothing */
            /* a protobuf Timestamp, `{"seconds": "1731000000", "nanos": 0}` */
            bool date_obj =
                kf && strcmp(kf, "date") == 0 && (x_jget(v, "seconds") || date_member(v));
            bool rating_obj =
                kf && strcmp(kf, "rating") == 0 &&
                (x_jget(v, "ratingValue") || x_jget(v, "value") ||
                 (x_jget(v, "rating") && !YAJL_IS_OBJECT(x_jget(v, "rating"))) ||
                 YAJL_IS_NUMBER(x_jget(v, "total")) || YAJL_IS_NUMBER(x_jget(v, "overall")));
            if (!author_key && !rating_obj && !date_obj)
                continue;
        }
        int rank;
        const char *f = x_field_for_key(k, strlen(k), &rank);
        if (!f && masked_person_id(k, v)) {
            f = "author";
            rank = 970;
        }
        /* a bare `parent` holding an id (a comment API's `"parent": 6120045501`, WordPress's
         * `"parent": 41`); as an object it is somebody's record */
        if (!f && depth == 0 && (YAJL_IS_STRING(v) || YAJL_IS_NUMBER(v)) &&
            strcmp(k, "parent") == 0) {
            f = "parent_id";
            rank = 965;
        }
        /* a number under an author name is a key into a users table (WordPress's `"author": 3`
         * beside `author_name`), never the name shown */
        if (f && strcmp(f, "author") == 0 && YAJL_IS_NUMBER(v))
            continue;
        /* an opaque id under an author name (a chat export's `"user": "U024BE7LH"`: capitals
         * and digits, no lowercase, no space) is the name only when no person object names one */
        if (f && strcmp(f, "author") == 0 && YAJL_IS_STRING(v) && opaque_id(v->u.string))
            rank += 20000;
        /* a chat export's sender, `"from": "Sanne"` (never a period's start: no digit) */
        if (!f && depth == 0 && strcmp(k, "from") == 0 && YAJL_IS_STRING(v) &&
            !strpbrk(v->u.string, "0123456789") && v->u.string[0]) {
            f = "author";
            rank = 975;
        }
        /* a comment's id under a short name, after every other id: TikTok's `cid`, a database
         * row's `pk` (Instagram, Threads). JSON only: a CSV's `cid` column is a customer's. */
        if (!f && depth == 0 && (YAJL_IS_STRING(v) || YAJL_IS_NUMBER(v)) &&
            (strcmp(k, "cid") == 0 || strcmp(k, "pk") == 0)) {
            f = "id";
            rank = 990;
        }
        if (mode == NEST_PRODUCT && (!f || strcmp(f, "product") != 0)) {
            /* the product object's own id, sku or code names it */
            char nk[16];
            size_t nl = hugi_extract_name_norm(k, strlen(k), nk, sizeof nk);
            bool own = (nl == 2 && !memcmp(nk, "id", 2)) || (nl == 3 && !memcmp(nk, "sku", 3)) ||
                       (nl == 4 && !memcmp(nk, "code", 4)) || (nl == 2 && !memcmp(nk, "no", 2));
            f = own ? "product" : NULL;
            rank = 20;
        }
        /* a list of languages ("langs": ["en"]) names the post's first */
        if (f && strcmp(f, "lang") == 0 && YAJL_IS_ARRAY(v))
            v = v->u.array.len && YAJL_IS_STRING(v->u.array.values[0]) ? v->u.array.values[0]
                                                                       : NULL;
        if (!v || !f || YAJL_IS_NULL(v) ||
            (YAJL_IS_ARRAY(v) && strcmp(f, "author") != 0 &&
             !(strcmp(f, "text") == 0 && text_runs(v))))
            continue;
        if (mode == NEST_AUTHOR && strcmp(f, "author") != 0)
            continue;
        if (YAJL_IS_STRING(v) && !v->u.string[0])
            continue;
        if (YAJL_IS_STRING(v) && strcmp(f, "author") == 0 && not_a_name(v->u.string))
            continue;
        /* an author object or list that names nobody ({}, []) leaves the slot to the next name */
        if ((YAJL_IS_OBJECT(v) || YAJL_IS_ARRAY(v)) && strcmp(f, "author") == 0) {
            const char *pn = person_name(v);
            if ((!pn || !*pn) && !attribution_line(v))
                continue;
        }
        int slot = field_slot(f);
        int eff = rank + depth * 10000;
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

/* The best rating an item states next to its rating (Bazaarvoice "RatingRange": 5, "maxRating",
 * "bestRating", "outOf"), or 0. */
static double item_scale(yajl_val o)
{
    static const char *const keys[] = {"ratingrange", "bestrating", "maxrating",
                                       "ratingscale", "ratingmax",  "outof"};
    for (size_t i = 0; i < o->u.object.len; i++) {
        char k[32];
        size_t n = 0;
        for (const char *p = o->u.object.keys[i]; *p && n + 1 < sizeof k; p++)
            if (isalnum((unsigned char)*p))
                k[n++] = (char)tolower((unsigned char)*p);
        k[n] = 0;
        for (size_t j = 0; j < sizeof keys / sizeof keys[0]; j++) {
            double v;
            if (strcmp(k, keys[j]) == 0 && x_jnum(o->u.object.values[i], &v) && v > 0 && v <= 100)
                return v;
        }
    }
    return 0;
}

static yajl_val edge_node(yajl_val o);
static int array_score(yajl_val *vals, size_t len, bool all_text, bool strict);
static hugi_rc generic_item(struct xctx *x, yajl_val o, uint64_t container, const char *key);

/* A list of answers kept inside a comment: Instagram's `replies: {"data": […]}` and
 * `preview_child_comments`, TikTok's `reply_comment`. NULL when the key names none. */
static yajl_val nested_replies(const char *key, yajl_val v)
{
    char k[64];
    hugi_extract_name_norm(key, strlen(key), k, sizeof k);
    /* a social graph keeps a comment's replies as its own `comments` edge ({"data": […]}) */
    bool edge = strstr(k, "comment") && YAJL_IS_OBJECT(v) && x_jget(v, "data");
    if (!edge && !strstr(k, "repl") && !strstr(k, "child") && !strstr(k, "subcomment"))
        return NULL;
    if (YAJL_IS_OBJECT(v)) {
        yajl_val d = x_jget(v, "data");
        if (!d)
            d = x_jget(v, "comments");
        v = d;
    }
    return v && YAJL_IS_ARRAY(v) && v->u.array.len ? v : NULL;
}

/* The replies nested in a comment, each with the comment as its parent. Only under a comment
 * without a rating: under a rated review a reply list is the shop's answers (round nine's rule
 * for pages), and only when the replies share a text key with the comment (a seller's
 * `commentContent` under a buyer's `reviewContent` is no reply of the same kind). */
static hugi_rc generic_replies(struct xctx *x, yajl_val o, const struct hugi_review *r,
                               uint64_t container, int depth)
{
    if (!isnan(r->rating) || !r->id || depth > 4)
        return HUGI_OK;
    for (size_t i = 0; i < o->u.object.len; i++) {
        yajl_val arr = nested_replies(o->u.object.keys[i], o->u.object.values[i]);
        if (!arr || array_score(arr->u.array.values, arr->u.array.len, false, false) <= 0)
            continue;
        for (size_t j = 0; j < arr->u.array.len; j++) {
            yajl_val c = edge_node(arr->u.array.values[j]);
            /* the comment's own object when the replies sit beside it (a thread view) */
            yajl_val mine = YAJL_IS_OBJECT(o) ? o : NULL;
            if (mine && edge_node(mine) != mine)
                mine = edge_node(mine);
            bool same = false;
            for (size_t a = 0; YAJL_IS_OBJECT(c) && mine && a < c->u.object.len && !same; a++) {
                const char *ck = c->u.object.keys[a];
                const char *cf = x_field_for_key(ck, strlen(ck), NULL);
                yajl_val cv = c->u.object.values[a], ov = x_jget(mine, ck);
                same = cf && strcmp(cf, "text") == 0 && ov;
                /* or both keep the words in a record of one name (`record.text`) */
                same = same || (YAJL_IS_OBJECT(cv) && ov && YAJL_IS_OBJECT(ov) &&
                                x_jget(cv, "text") && x_jget(ov, "text"));
            }
            if (!same)
                continue;
            const char *saved = x->reply_parent;
            x->reply_parent = r->id;
            hugi_rc rc = generic_item(x, arr->u.array.values[j], container, NULL);
            x->reply_parent = saved;
            if (rc)
                return rc;
        }
    }
    return HUGI_OK;
}

/* YouTube's reply ids are the comment's id, a dot and the reply's own ("Ugz….9zY…"): a scraper's
 * flat list that marks an item `"reply": true` keeps its parent so. */
static hugi_rc dotted_parent(yajl_val o, struct hugi_review *r)
{
    if (r->parent_id || !r->id)
        return HUGI_OK;
    const char *dot = strrchr(r->id, '.');
    if (!dot || dot == r->id || !dot[1])
        return HUGI_OK;
    for (size_t i = 0; i < o->u.object.len; i++) {
        char k[16];
        size_t n =
            hugi_extract_name_norm(o->u.object.keys[i], strlen(o->u.object.keys[i]), k, sizeof k);
        if (((n == 5 && !memcmp(k, "reply", 5)) || (n == 7 && !memcmp(k, "isreply", 7))) &&
            YAJL_IS_TRUE(o->u.object.values[i]))
            return x_set(&r->parent_id, r->id, (size_t)(dot - r->id));
    }
    return HUGI_OK;
}

/* A thread's comment (a `depth` in the tree, or a link to the comment it answers, even a null
 * one) whose only rating-named key is `score` counts votes (a link aggregator's points), not
 * stars: 5 points are no 5 of 5. */
static bool comment_vote_score(yajl_val o)
{
    if (!YAJL_IS_OBJECT(o))
        return false;
    bool score = false, threaded = false, other = false;
    for (size_t i = 0; i < o->u.object.len; i++) {
        const char *k0 = o->u.object.keys[i];
        char k[32];
        size_t n = hugi_extract_name_norm(k0, strlen(k0), k, sizeof k);
        int rank;
        const char *f = x_field_for_key(k0, strlen(k0), &rank);
        if (n == 5 && !memcmp(k, "score", 5))
            score = true;
        else if (f && strcmp(f, "rating") == 0)
            other = true;
        if ((n == 5 && !memcmp(k, "depth", 5)) || (f && strcmp(f, "parent_id") == 0))
            threaded = true;
    }
    return score && threaded && !other;
}

/* The id of an item, as its best-ranked id key gives it (a string or an integer), or NULL. */
static const char *item_own_id(yajl_val o)
{
    const char *best = NULL;
    int best_rank = 1 << 20;
    for (size_t i = 0; YAJL_IS_OBJECT(o) && i < o->u.object.len; i++) {
        const char *k = o->u.object.keys[i];
        yajl_val v = o->u.object.values[i];
        int rank;
        const char *f = x_field_for_key(k, strlen(k), &rank);
        if (!f || strcmp(f, "id") != 0 || rank >= best_rank)
            continue;
        if ((YAJL_IS_STRING(v) || YAJL_IS_NUMBER(v)) && x_jstr(v) && x_jstr(v)[0]) {
            best = x_jstr(v);
            best_rank = rank;
        }
    }
    return best;
}

/* Whether item s holds the number v under the normalised key target. */
static bool item_numbered(yajl_val s, const char *target, yajl_val v)
{
    for (size_t m = 0; YAJL_IS_OBJECT(s) && m < s->u.object.len; m++) {
        char sk[64];
        const char *sk0 = s->u.object.keys[m];
        hugi_extract_name_norm(sk0, strlen(sk0), sk, sizeof sk);
        yajl_val sv = s->u.object.values[m];
        if (strcmp(sk, target) == 0 && YAJL_IS_NUMBER(sv) && strcmp(x_jstr(sv), x_jstr(v)) == 0)
            return true;
    }
    return false;
}

/* A small whole number (a post's place) held by v, or -1. */
static long long post_number(yajl_val v)
{
    const char *s = YAJL_IS_NUMBER(v) ? x_jstr(v) : NULL;
    long long k = 0;
    if (!s || !*s)
        return -1;
    for (; *s; s++) {
        if (*s < '0' || *s > '9' || k > 1000000000LL)
            return -1;
        k = k * 10 + (*s - '0');
    }
    return k;
}

/* A reply that names the post it answers by that post's place in the thread, not its id
 * (`"reply_to_post_number": 2` beside `"post_number": 2`, a forum's topic): `reply_to_X` names
 * the item of the same list whose `X` holds that value; its id is the parent. The item the
 * numbers point at is tried first (a topic numbers its posts in order: post 2 sits five places
 * before post 7), then the list, within x->list_visits: replies to posts the list does not hold
 * would otherwise cost the list's length squared (review10). */
static hugi_rc numbered_parent(struct xctx *x, yajl_val o, struct hugi_review *r)
{
    if (r->parent_id || !x->list || !YAJL_IS_ARRAY(x->list) || !YAJL_IS_OBJECT(o))
        return HUGI_OK;
    yajl_val *items = x->list->u.array.values;
    size_t n_items = x->list->u.array.len;
    for (size_t i = 0; i < o->u.object.len; i++) {
        const char *k0 = o->u.object.keys[i];
        yajl_val v = o->u.object.values[i];
        char k[64];
        size_t n = hugi_extract_name_norm(k0, strlen(k0), k, sizeof k);
        if (n <= 7 || memcmp(k, "replyto", 7) != 0 || !YAJL_IS_NUMBER(v))
            continue;
        const char *target = k + 7; /* "postnumber" */
        if (!(n - 7 > 6 && strcmp(k + n - 6, "number") == 0) &&
            !(n - 7 > 2 && strcmp(k + n - 2, "no") == 0))
            continue;
        long long want = post_number(v), own = -1;
        for (size_t m = 0; want >= 0 && m < o->u.object.len && own < 0; m++) {
            char ok[64];
            hugi_extract_name_norm(o->u.object.keys[m], strlen(o->u.object.keys[m]), ok, sizeof ok);
            if (strcmp(ok, target) == 0)
                own = post_number(o->u.object.values[m]);
        }
        long long guess = own >= 0 ? (long long)x->list_i - (own - want) : -1;
        if (guess >= 0 && (size_t)guess < n_items && items[guess] != o &&
            item_numbered(items[guess], target, v)) {
            const char *pid = item_own_id(items[guess]);
            return pid ? x_set(&r->parent_id, pid, strlen(pid)) : HUGI_OK;
        }
        for (size_t j = 0; j < n_items && x->list_visits > 0; j++, x->list_visits--) {
            yajl_val s = items[j];
            if (s == o || !item_numbered(s, target, v))
                continue;
            const char *pid = item_own_id(s);
            return pid ? x_set(&r->parent_id, pid, strlen(pid)) : HUGI_OK;
        }
    }
    return HUGI_OK;
}

/* The object in the document that an id points at, kept apart from the items: JSON:API's
 * `included` resource of that type and id (its `attributes`), or a normalised store's entry
 * (normalizr's `users: {byId: {"u-77": {…}}}`, an entity adapter's `entities`, or the table
 * itself keyed by id) under the plural of what the key names (`userId` → `users`). */
static yajl_val find_table(yajl_val v, const char *plural, int depth)
{
    if (depth > 6 || !YAJL_IS_OBJECT(v))
        return NULL;
    for (size_t i = 0; i < v->u.object.len; i++) {
        const char *k = v->u.object.keys[i];
        char nk[32];
        hugi_extract_name_norm(k, strlen(k), nk, sizeof nk);
        if (strcmp(nk, plural) == 0 && YAJL_IS_OBJECT(v->u.object.values[i]))
            return v->u.object.values[i];
    }
    for (size_t i = 0; i < v->u.object.len; i++) {
        yajl_val t = find_table(v->u.object.values[i], plural, depth + 1);
        if (t)
            return t;
    }
    return NULL;
}

/* One entry of an id index: the person name of the entry a (type, id) pair points at. The
 * type is "" for a table keyed by id alone. */
struct ref_ix {
    const char *type, *id, *name;
    size_t seq;
};

static int ref_ix_cmp(const void *a, const void *b)
{
    const struct ref_ix *p = a, *q = b;
    int c = strcmp(p->type, q->type);
    if (!c)
        c = strcmp(p->id, q->id);
    return c ? c : (p->seq > q->seq) - (p->seq < q->seq);
}

/* Sorts e and keeps the first entry (in document order) of each (type, id): what a scan from
 * the start would have found. Returns the count kept. */
static size_t ref_ix_finish(struct ref_ix *e, size_t n)
{
    if (!n)
        return 0;
    qsort(e, n, sizeof *e, ref_ix_cmp);
    size_t k = 1;
    for (size_t i = 1; i < n; i++)
        if (strcmp(e[i].type, e[k - 1].type) != 0 || strcmp(e[i].id, e[k - 1].id) != 0)
            e[k++] = e[i];
    return k;
}

static const struct ref_ix *ref_ix_find(const struct ref_ix *e, size_t n, const char *type,
                                        const char *id)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(e[mid].type, type);
        if (!c)
            c = strcmp(e[mid].id, id);
        if (!c)
            return &e[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

/* JSON:API's `included` resources that carry a person name, by (type, id) */
static int inc_ix_build(struct xref_tab *x, yajl_val inc)
{
    size_t n = inc->u.array.len;
    struct ref_ix *e = n && n < SIZE_MAX / sizeof *e ? malloc(n * sizeof *e) : NULL;
    if (n && !e)
        return -1;
    size_t k = 0;
    for (size_t j = 0; j < n; j++) {
        yajl_val v = inc->u.array.values[j];
        const char *et = x_jstr(x_jget(v, "type")), *ei = x_jstr(x_jget(v, "id"));
        if (!et || !ei)
            continue;
        yajl_val at = x_jget(v, "attributes");
        const char *pn = person_name(YAJL_IS_OBJECT(at) ? at : v);
        if (pn && *pn) /* a resource without a name never answered the scan either */
            e[k++] = (struct ref_ix){et, ei, pn, j};
    }
    x->ix = e;
    x->nix = ref_ix_finish(e, k);
    return 1;
}

/* A normalised table's entries by key (the person name, or NULL when the entry has none) */
static int tab_ix_build(struct xref_tab *x, yajl_val t)
{
    size_t n = t->u.object.len;
    struct ref_ix *e = n && n < SIZE_MAX / sizeof *e ? malloc(n * sizeof *e) : NULL;
    if (n && !e)
        return -1;
    for (size_t j = 0; j < n; j++) {
        yajl_val v = t->u.object.values[j];
        e[j] =
            (struct ref_ix){"", t->u.object.keys[j], YAJL_IS_OBJECT(v) ? person_name(v) : NULL, j};
    }
    x->ix = e;
    x->nix = ref_ix_finish(e, n);
    return 1;
}

static void ref_ix_reset(struct xctx *x)
{
    free(x->refs.inc.ix);
    free(x->refs.people.ix);
    for (size_t i = 0; i < sizeof x->refs.tabs / sizeof *x->refs.tabs; i++)
        free(x->refs.tabs[i].ix);
    memset(&x->refs, 0, sizeof x->refs);
}

/* Tables of people anywhere in the document, whatever they are called: a list of objects each
 * with an `id` and a person name (Zendesk's sideloaded `users`, a forum's `members`, Ember's
 * `people`), or an object whose every member is a person keyed by id (normalizr's `members:
 * {"m1": {…}}`). A table whose entries carry a text or a rating is a list of reviews, and one
 * whose entries carry a price, a stock, a brand or a product code a list of goods: never a table
 * of people. Collected once a document into one id index (the first entry of an id in
 * document order wins). */
struct people_acc {
    struct ref_ix *e;
    size_t n, cap;
    bool oom;
};

static bool review_fields_in(yajl_val o)
{
    for (size_t i = 0; i < o->u.object.len; i++) {
        const char *k = o->u.object.keys[i];
        const char *f = x_field_for_key(k, strlen(k), NULL);
        double d;
        /* a member's tier under a rating name (`"grade": "GOLD"`) rates nothing */
        if (f && (strcmp(f, "text") == 0 ||
                  (strcmp(f, "rating") == 0 && x_jnum(o->u.object.values[i], &d))))
            return true;
    }
    return false;
}

static void people_add(struct people_acc *a, const char *id, const char *name)
{
    if (a->oom || !id || !*id || !name || !*name)
        return;
    if (a->n == a->cap) {
        size_t nc = a->cap ? a->cap * 2 : 16;
        struct ref_ix *ne = nc < SIZE_MAX / sizeof *ne ? realloc(a->e, nc * sizeof *ne) : NULL;
        if (!ne) {
            a->oom = true;
            return;
        }
        a->e = ne;
        a->cap = nc;
    }
    a->e[a->n] = (struct ref_ix){"", id, name, a->n};
    a->n++;
}

static bool person_id_key(const char *k);

/* A person entry's id: its `id`, `_id`, else a key that is an id of a person (`customerNo`,
 * `memberId`: the name the items refer to it by) */
static const char *entry_id(yajl_val e)
{
    const char *id = x_jstr(x_jget(e, "id"));
    if (!id)
        id = x_jstr(x_jget(e, "_id"));
    for (size_t i = 0; !id && i < e->u.object.len; i++)
        if (!YAJL_IS_OBJECT(e->u.object.values[i]) && person_id_key(e->u.object.keys[i]))
            id = x_jstr(e->u.object.values[i]);
    return id;
}

/* An entry for goods: a key naming a price, a stock, a brand or a product code (a shop's
 * sideloaded `products` are {id, name, price}: their names are no authors) */
static bool goods_fields_in(yajl_val o)
{
    for (size_t i = 0; i < o->u.object.len; i++) {
        char nk[32];
        const char *k = o->u.object.keys[i];
        hugi_extract_name_norm(k, strlen(k), nk, sizeof nk);
        if (strstr(nk, "price") || strstr(nk, "stock") || strstr(nk, "brand") ||
            !strcmp(nk, "sku") || !strcmp(nk, "gtin") || !strcmp(nk, "mpn"))
            return true;
    }
    return false;
}

static bool person_entry(yajl_val e)
{
    return YAJL_IS_OBJECT(e) && !review_fields_in(e) && !goods_fields_in(e) && person_name(e);
}

static void people_collect(struct people_acc *a, yajl_val v, int depth)
{
    if (depth > 8 || a->oom || (!YAJL_IS_OBJECT(v) && !YAJL_IS_ARRAY(v)))
        return;
    bool arr = YAJL_IS_ARRAY(v);
    size_t len = arr ? v->u.array.len : v->u.object.len;
    yajl_val *vals = arr ? v->u.array.values : v->u.object.values;
    bool table = len > 0;
    for (size_t i = 0; i < len && table; i++) {
        yajl_val e = vals[i];
        if (arr)
            table = person_entry(e) && entry_id(e);
        else /* keyed by id: no key names a field (`author`, `user` of one review) */
            table = person_entry(e) &&
                    !x_field_for_key(v->u.object.keys[i], strlen(v->u.object.keys[i]), NULL);
    }
    if (table) {
        for (size_t i = 0; i < len; i++) {
            const char *id = arr ? entry_id(vals[i]) : v->u.object.keys[i];
            people_add(a, id, person_name(vals[i]));
        }
        return;
    }
    for (size_t i = 0; i < len; i++)
        people_collect(a, vals[i], depth + 1);
}

/* The name of the person the document keeps under id in a table of people, or NULL (the index
 * built on the first call; "" only builds it) */
static const char *people_name(struct xctx *x, const char *id)
{
    struct xref_tab *p = &x->refs.people;
    if (!x->gen_root || !id)
        return NULL;
    if (!p->state) {
        struct people_acc a = {0};
        people_collect(&a, x->gen_root, 0);
        if (a.oom) {
            free(a.e);
            p->state = -1;
        } else {
            p->ix = a.e;
            p->nix = ref_ix_finish(a.e, a.n);
            p->state = 1;
        }
    }
    const struct ref_ix *hit = p->state > 0 && *id ? ref_ix_find(p->ix, p->nix, "", id) : NULL;
    return hit ? hit->name : NULL;
}

/* A key that refers to a person by id: one naming an author (`posted_by`, `writer`), or an id
 * of one (person_id_key) */
static bool person_ref_key(const char *k)
{
    const char *f = x_field_for_key(k, strlen(k), NULL);
    return (f && strcmp(f, "author") == 0) || person_id_key(k);
}

/* An id of a person: `requester_id`, `authorId`, `memberNo`, `customerNo` */
static bool person_id_key(const char *k)
{
    const char *f;
    char nk[32];
    size_t n = hugi_extract_name_norm(k, strlen(k), nk, sizeof nk);
    /* `userKey`, `memberKey`: a key into a map of people (`userMap`) */
    size_t cut = n > 2 && strcmp(nk + n - 2, "id") == 0    ? 2
                 : n > 2 && strcmp(nk + n - 2, "no") == 0  ? 2
                 : n > 3 && strcmp(nk + n - 3, "key") == 0 ? 3
                                                           : 0;
    if (!cut || n - cut < 4)
        return false;
    nk[n - cut] = 0;
    f = x_field_for_key(nk, n - cut, NULL);
    return (f && strcmp(f, "author") == 0) || person_object(nk);
}

static const char *referenced_author(struct xctx *x, yajl_val o)
{
    if (!x->gen_root || !YAJL_IS_OBJECT(o))
        return NULL;
    /* JSON:API: `relationships.author.data: {"type": "customers", "id": "c-501"}` */
    yajl_val rel = x_jget(o, "relationships"), inc = x_jget(x->gen_root, "included");
    for (size_t i = 0; YAJL_IS_OBJECT(rel) && YAJL_IS_ARRAY(inc) && i < rel->u.object.len; i++) {
        const char *k = rel->u.object.keys[i];
        char nk[64];
        hugi_extract_name_norm(k, strlen(k), nk, sizeof nk);
        const char *f = x_field_for_key(k, strlen(k), NULL);
        if (!(f && strcmp(f, "author") == 0) && !person_object(nk))
            continue;
        yajl_val d = x_jget(rel->u.object.values[i], "data");
        const char *ty = x_jstr(x_jget(d, "type")), *id = x_jstr(x_jget(d, "id"));
        struct xref_tab *ri = &x->refs.inc;
        if (ty && id && !ri->state)
            ri->state = inc_ix_build(ri, inc);
        if (ty && id && ri->state > 0) {
            const struct ref_ix *hit = ref_ix_find(ri->ix, ri->nix, ty, id);
            if (hit)
                return hit->name;
            continue;
        }
        for (size_t j = 0; ty && id && j < inc->u.array.len; j++) {
            yajl_val e = inc->u.array.values[j];
            const char *et = x_jstr(x_jget(e, "type")), *ei = x_jstr(x_jget(e, "id"));
            if (et && ei && strcmp(et, ty) == 0 && strcmp(ei, id) == 0) {
                yajl_val at = x_jget(e, "attributes");
                const char *pn = person_name(YAJL_IS_OBJECT(at) ? at : e);
                if (pn && *pn)
                    return pn;
            }
        }
    }
    /* a normalised store: `userId` beside the item, the users kept by id elsewhere */
    static const char *const who[] = {"user",     "author",   "writer", "member",
                                      "customer", "reviewer", "buyer",  "account"};
    for (size_t i = 0; i < o->u.object.len; i++) {
        const char *k = o->u.object.keys[i];
        const char *id = x_jstr(o->u.object.values[i]);
        char nk[32];
        size_t n = hugi_extract_name_norm(k, strlen(k), nk, sizeof nk);
        if (!id || !*id || n < 4 || n > 12 || strcmp(nk + n - 2, "id") != 0)
            continue;
        nk[n - 2] = 0;
        size_t wi = 0;
        while (wi < sizeof who / sizeof *who && strcmp(nk, who[wi]) != 0)
            wi++;
        if (wi == sizeof who / sizeof *who)
            continue;
        _Static_assert(sizeof who / sizeof *who <= sizeof x->refs.tabs / sizeof *x->refs.tabs,
                       "a table slot per person word");
        struct xref_tab *rt = &x->refs.tabs[wi];
        if (!rt->looked) {
            char plural[16]; /* nk is 2-10 bytes here */
            size_t pl = strlen(nk);
            memcpy(plural, nk, pl);
            plural[pl] = 's';
            plural[pl + 1] = 0;
            rt->table = find_table(x->gen_root, plural, 0);
            rt->looked = true;
        }
        yajl_val t = rt->table;
        yajl_val by = x_jget(t, "byId");
        if (!YAJL_IS_OBJECT(by))
            by = x_jget(t, "entities");
        yajl_val tab = YAJL_IS_OBJECT(by) ? by : t;
        if (YAJL_IS_OBJECT(tab) && !rt->state)
            rt->state = tab_ix_build(rt, tab);
        const char *pn;
        if (YAJL_IS_OBJECT(tab) && rt->state > 0) {
            const struct ref_ix *hit = ref_ix_find(rt->ix, rt->nix, "", id);
            pn = hit ? hit->name : NULL;
        } else {
            yajl_val e = x_jget(tab, id);
            pn = YAJL_IS_OBJECT(e) ? person_name(e) : NULL;
        }
        if (pn && *pn)
            return pn;
    }
    /* any other table of people in the document, by any key that refers to a person (none
     * looked at when the document holds no such table: the index is built once) */
    people_name(x, "");
    for (size_t i = 0; x->refs.people.nix && i < o->u.object.len; i++) {
        const char *id = x_jstr(o->u.object.values[i]);
        if (id && !YAJL_IS_OBJECT(o->u.object.values[i]) && person_ref_key(o->u.object.keys[i])) {
            const char *pn = people_name(x, id);
            if (pn)
                return pn;
        }
    }
    return NULL;
}

/* A comment's place kept as a materialised path, `"path": "0.90001.90007"` (Lemmy; an ltree
 * column): the last step is the comment itself, the one before it its parent (a top comment's
 * path is "0.<id>"). Looked for in the item and its objects one level down. */
static hugi_rc path_parent(yajl_val o, struct hugi_review *r)
{
    for (size_t lvl = 0; lvl < 2; lvl++) {
        size_t nc = lvl ? o->u.object.len : 1;
        for (size_t c = 0; c < nc; c++) {
            yajl_val h = lvl ? o->u.object.values[c] : o;
            const char *p = YAJL_IS_OBJECT(h) ? x_jstr(x_jget(h, "path")) : NULL;
            if (!p || strspn(p, "0123456789.") != strlen(p))
                continue;
            const char *last = strrchr(p, '.');
            if (!last || strcmp(last + 1, r->id) != 0)
                continue;
            const char *prev = last;
            while (prev > p && prev[-1] != '.')
                prev--;
            size_t pl = (size_t)(last - prev);
            if (!pl || (pl == 1 && *prev == '0'))
                return HUGI_OK; /* a top comment */
            return x_set(&r->parent_id, prev, pl);
        }
    }
    return HUGI_OK;
}

static bool service_item(yajl_val o);
/* A chat message addressed by its timestamp (Slack's `ts`: `conversations.replies` and
 * `chat.update` name a message by it) whose thread is named by the first message's timestamp
 * (`thread_ts`): the `ts` is the message's id when it has no other, and a reply's parent is the
 * thread's head (`parent_user_id` names a person, never a message). The head carries its own
 * `ts` as `thread_ts` and has no parent. */
static bool slack_ts(const char *s)
{
    size_t d = 0;
    while (s[d] >= '0' && s[d] <= '9')
        d++;
    return d >= 9 && s[d] == '.' && s[d + 1] >= '0' && s[d + 1] <= '9';
}

static hugi_rc thread_ts_parent(yajl_val o, struct hugi_review *r)
{
    yajl_val tv = x_jget(o, "ts"), hv = x_jget(o, "thread_ts");
    const char *ts = YAJL_IS_STRING(tv) ? tv->u.string : NULL;
    const char *th = YAJL_IS_STRING(hv) ? hv->u.string : NULL;
    if (!ts || !slack_ts(ts) || (th && !slack_ts(th)))
        return HUGI_OK;
    hugi_rc rc = HUGI_OK;
    if (!r->id || strncmp(r->id, "h:", 2) == 0)
        rc = x_set(&r->id, ts, strlen(ts));
    if (!rc && th) {
        free(r->parent_id);
        r->parent_id = NULL;
        if (strcmp(th, ts) != 0)
            rc = x_set(&r->parent_id, th, strlen(th));
    }
    return rc;
}

/* A rating a customer gave to something the item records (a helpdesk conversation's
 * `conversation_rating`, a ticket's `satisfaction_rating` or `satisfaction_survey`, a `csat`:
 * `{"rating": 5, "remark": "…"}`) when
 * the item has no text of its own at its top: the member, named for a rating or feedback, that
 * holds a number under a rating name and a text, else NULL. Its words are the review, not the
 * conversation's first message kept deeper in the item. */
static yajl_val rated_member(yajl_val o)
{
    if (!YAJL_IS_OBJECT(o))
        return NULL;
    yajl_val found = NULL;
    for (size_t i = 0; i < o->u.object.len; i++) {
        const char *k = o->u.object.keys[i];
        yajl_val v = o->u.object.values[i];
        if (found || !YAJL_IS_OBJECT(v))
            continue;
        char nk[48];
        hugi_extract_name_norm(k, strlen(k), nk, sizeof nk);
        if (!strstr(nk, "rating") && !strstr(nk, "feedback") && !strstr(nk, "satisf") &&
            !strstr(nk, "survey") && !strstr(nk, "csat"))
            continue;
        bool num = false, text = false;
        for (size_t j = 0; j < v->u.object.len; j++) {
            const char *ik = v->u.object.keys[j];
            yajl_val iv = v->u.object.values[j];
            const char *g = x_field_for_key(ik, strlen(ik), NULL);
            double d;
            if (g && strcmp(g, "rating") == 0 && YAJL_IS_NUMBER(iv) && x_jnum(iv, &d) && d > 0)
                num = true;
            if (g && strcmp(g, "text") == 0 && YAJL_IS_STRING(iv) && iv->u.string[0])
                text = true;
        }
        if (num && text)
            found = v;
    }
    /* only for an item without a text at its top (looked at last: most items have no such
     * member, and naming a key is the costly part) */
    for (size_t i = 0; found && i < o->u.object.len; i++) {
        const char *k = o->u.object.keys[i];
        const char *f = x_field_for_key(k, strlen(k), NULL);
        if (f && strcmp(f, "text") == 0 && YAJL_IS_STRING(o->u.object.values[i]))
            return NULL;
    }
    return found;
}

static hugi_rc generic_item(struct xctx *x, yajl_val o, uint64_t container, const char *key)
{
    if (service_item(o)) {
        x_warn(x, NULL, "a service message (a join, a pin, a bot's post) skipped");
        return HUGI_OK;
    }
    struct hugi_review r;
    hugi_review_init(&r);
    struct ranks rk;
    for (int i = 0; i < 16; i++)
        rk.r[i] = 1 << 20;
    yajl_val outer = o; /* a thread view's node keeps the replies beside its post */
    o = edge_node(o);
    yajl_val rated = rated_member(o), holder = rated ? o : NULL;
    if (rated)
        o = rated;
    double saved = x->scale, sc = item_scale(o);
    if (sc > 0)
        x->scale = sc;
    hugi_rc rc = map_object(x, &r, o, &rk, 0, NEST_ALL);
    x->scale = saved;
    if (!rc)
        rc = pros_cons_text(&r, o);
    if (!rc)
        rc = x_id_from_url(&r);
    const char *ra = !rc && !r.author ? referenced_author(x, o) : NULL;
    if (ra)
        rc = x_set(&r.author, ra, strlen(ra));
    /* an author given as the id of a person the document keeps in a table (`"author": "u7"`
     * beside `"people": [{"id": "u7", "name": …}]`) is that person */
    const char *byid = !rc && r.author && !ra ? people_name(x, r.author) : NULL;
    if (byid && strcmp(byid, r.author) != 0)
        rc = x_set(&r.author, byid, strlen(byid));
    /* a rating of a conversation is known by the conversation's id (not by an id of the
     * person or the agent nested in the rating) */
    const char *hid = !rc && holder && !x_jget(rated, "id") ? x_jstr(x_jget(holder, "id")) : NULL;
    if (hid)
        rc = x_set(&r.id, hid, strlen(hid));
    /* a review keyed by its id carries the id as its key */
    if (!rc && key && !r.id)
        rc = x_set(&r.id, key, strlen(key));
    if (!rc && !r.parent_id && x->reply_parent)
        rc = x_set(&r.parent_id, x->reply_parent, strlen(x->reply_parent));
    if (!rc && YAJL_IS_OBJECT(o))
        rc = dotted_parent(o, &r);
    if (!rc && YAJL_IS_OBJECT(o))
        rc = thread_ts_parent(o, &r);
    if (!rc && !r.parent_id && r.id)
        rc = path_parent(o, &r);
    if (!rc)
        rc = numbered_parent(x, o, &r);
    if (!rc && !isnan(r.rating) && comment_vote_score(o))
        r.rating = NAN;
    /* a top comment that names itself as its parent (a blog's `parentCommentNo` equal to its
     * `commentNo` at reply level 1) has none */
    if (!rc && r.parent_id && r.id && strcmp(r.parent_id, r.id) == 0) {
        free(r.parent_id);
        r.parent_id = NULL;
    }
    if (rc) {
        hugi_review_release(&r);
        return rc;
    }
    if (!r.text && isnan(r.rating) && !r.title) {
        hugi_review_release(&r);
        x_warn(x, NULL, "item without text, title or rating skipped");
        return HUGI_OK;
    }
    /* the comment is emitted (and released) first: its id and rating are kept for the replies */
    char *pid = r.id && YAJL_IS_OBJECT(o) && isnan(r.rating) ? hugi_strdup(r.id) : NULL;
    rc = x_emit_in(x, &r, 0, container);
    if (!rc && pid) {
        struct hugi_review head;
        hugi_review_init(&head);
        head.id = pid;
        x->reply_depth++;
        rc = generic_replies(x, o, &head, container, x->reply_depth);
        if (!rc && outer != o && YAJL_IS_OBJECT(outer))
            rc = generic_replies(x, outer, &head, container, x->reply_depth);
        x->reply_depth--;
        hugi_review_release(&head);
    } else {
        free(pid);
    }
    return rc;
}

/* A GraphQL connection's edge, `{"node": {…}, "cursor": "…"}`, stands for its node: the node
 * says what it is (`__typename`) and holds the fields, its author two levels down (Instagram's
 * `node.owner.username`) where the edge would put it three. */
static yajl_val edge_node(yajl_val o)
{
    yajl_val nd = YAJL_IS_OBJECT(o) && o->u.object.len <= 2 ? x_jget(o, "node") : NULL;
    if (nd && YAJL_IS_OBJECT(nd))
        return nd;
    /* a thread view's node (`{"$type": "…threadViewPost", "post": {…}, "replies": […]}`) stands
     * for its one object: beside it only its type and lists of its replies */
    if (YAJL_IS_OBJECT(o) && o->u.object.len >= 2 && o->u.object.len <= 4) {
        yajl_val one = NULL;
        bool other = false, replies = false;
        for (size_t i = 0; i < o->u.object.len && !other; i++) {
            const char *k = o->u.object.keys[i];
            yajl_val v = o->u.object.values[i];
            char nk[64];
            hugi_extract_name_norm(k, strlen(k), nk, sizeof nk);
            if (YAJL_IS_OBJECT(v)) {
                /* never the shop's side (`{"reply": {…}, "replies": […]}`) */
                other = one != NULL || excluded_name(nk);
                one = v;
            } else if (YAJL_IS_ARRAY(v) && (strstr(nk, "repl") || strstr(nk, "child"))) {
                replies = true;
            } else if (!(YAJL_IS_STRING(v) && (k[0] == '$' || strcmp(k, "__typename") == 0))) {
                other = true;
            }
        }
        if (one && !other && replies)
            return one;
    }
    /* a GeoJSON Feature (a map export: Takeout's saved reviews) stands for its `properties`; the
     * rest is its geometry */
    const char *ty = YAJL_IS_OBJECT(o) ? x_jstr(x_jget(o, "type")) : NULL;
    yajl_val props = ty && strcmp(ty, "Feature") == 0 ? x_jget(o, "properties") : NULL;
    if (props && YAJL_IS_OBJECT(props))
        return props;
    /* an item that only wraps one object (`{"post": {…}}` in a Threads thread, `{"review":
     * {…}}`) stands for it the same way */
    if (YAJL_IS_OBJECT(o) && o->u.object.len == 1 && YAJL_IS_OBJECT(o->u.object.values[0]) &&
        !(o->u.object.keys[0][0] == '_' && o->u.object.keys[0][1] == '_')) {
        /* never the shop's side's (`{"developerComment": {…}}`): that one is no review */
        char nk[64];
        hugi_extract_name_norm(o->u.object.keys[0], strlen(o->u.object.keys[0]), nk, sizeof nk);
        if (!excluded_name(nk))
            return o->u.object.values[0];
    }
    return o;
}

/* Whether `s`, lowercased (its first 63 bytes), holds any of `words` (lowercase). */
static bool names_any(const char *s, const char *const *words, size_t nwords)
{
    char k[64];
    size_t n = 0;
    for (; *s && n + 1 < sizeof k; s++)
        k[n++] = (char)tolower((unsigned char)*s);
    k[n] = 0;
    for (size_t j = 0; j < nwords; j++)
        if (strstr(k, words[j]))
            return true;
    return false;
}

/* An object with a price or a review count (a product), or one that says what it is (`kind` in
 * Google APIs, GraphQL's `__typename`, `@type`) and names something other than a review: a video, a
 * product, an article, a question... Their lists have titles, descriptions and dates as reviews do
 * (a YouTube videoListResponse). A kind naming a review, comment, rating or the like never counts
 * here, whatever else it says
 * ("youtube#commentThread", "ProductReview"). */
static bool other_kind(yajl_val o)
{
    o = edge_node(o);
    /* a price or a count of reviews makes a product (or its aggregate), never one review */
    static const char *const product_keys[] = {"price",
                                               "saleprice",
                                               "listprice",
                                               "originalprice",
                                               "discountprice",
                                               "reviewcount",
                                               "reviewscount",
                                               "ratingcount",
                                               "numreviews",
                                               "totalreviews",
                                               "\xea\xb0\x80\xea\xb2\xa9",             /* 가격 */
                                               "\xed\x8c\x90\xeb\xa7\xa4\xea\xb0\x80", /* 판매가 */
                                               "\xeb\xa6\xac\xeb\xb7\xb0\xec\x88\x98"}; /* 리뷰수 */
    for (size_t i = 0; i < o->u.object.len; i++) {
        char k[32];
        size_t n =
            hugi_extract_name_norm(o->u.object.keys[i], strlen(o->u.object.keys[i]), k, sizeof k);
        for (size_t j = 0; j < sizeof product_keys / sizeof *product_keys; j++)
            if (n == strlen(product_keys[j]) && memcmp(k, product_keys[j], n) == 0)
                return true;
    }
    /* JSON:API's resource objects say what they are by `type` beside their `attributes` */
    bool jsonapi = YAJL_IS_OBJECT(x_jget(o, "attributes"));
    static const char *const keys[] = {"kind", "__typename", "@type", "type"};
    static const char *const reviewish[] = {"review",      "comment", "rating",     "feedback",
                                            "testimonial", "opinion", "evaluation", "reply",
                                            "tweet",       "message"};
    static const char *const other[] = {
        "video",   "channel", "playlist",     "searchresult", "subscription", "product",
        "article", "posting", "category",     "question",     "answer",       "faq",
        "recipe",  "event",   "organization", "person",       "user",         "offer",
        "volume",  "place",   "store",        "image",        "sidecar"};
    for (size_t i = 0; i < sizeof keys / sizeof *keys; i++) {
        const char *v = i < 3 || jsonapi ? x_jstr(x_jget(o, keys[i])) : NULL;
        if (v && names_any(v, reviewish, sizeof reviewish / sizeof *reviewish))
            return false;
        if (v && names_any(v, other, sizeof other / sizeof *other))
            return true;
    }
    return false;
}

/* How review-like an array of objects is: objects with a text-like key and some other field. */
/* A shop's own post: a title tagged as a notice ("[공지] 설 연휴 배송 안내", "[Notice] …",
 * "[이벤트] …", "[안내] …") or written by the shop's administrator (관리자, 운영자, admin). A list
 * of nothing else is a notice board, whatever the key it sits under ("list", "data"). */
bool x_notice_post(const char *title, const char *author)
{
    static const char *const tags[] = {"[\xea\xb3\xb5\xec\xa7\x80",             /* [공지 */
                                       "[\xec\x95\x88\xeb\x82\xb4",             /* [안내 */
                                       "[\xec\x9d\xb4\xeb\xb2\xa4\xed\x8a\xb8", /* [이벤트 */
                                       "[notice",
                                       "[announcement",
                                       "[event",
                                       NULL};
    static const char *const admins[] = {"\xea\xb4\x80\xeb\xa6\xac\xec\x9e\x90", /* 관리자 */
                                         "\xec\x9a\xb4\xec\x98\x81\xec\x9e\x90", /* 운영자 */
                                         "admin", "administrator", NULL};
    while (title && (*title == ' ' || *title == '\n' || *title == '\t' || *title == '\r'))
        title++;
    for (int t = 0; title && tags[t]; t++)
        if (strncasecmp(title, tags[t], strlen(tags[t])) == 0)
            return true;
    for (int t = 0; author && admins[t]; t++)
        if (strcasecmp(author, admins[t]) == 0)
            return true;
    return false;
}

static bool notice_item(yajl_val o)
{
    for (size_t k = 0; k < o->u.object.len; k++) {
        const char *v = x_jstr(o->u.object.values[k]);
        const char *f = x_field_for_key(o->u.object.keys[k], strlen(o->u.object.keys[k]), NULL);
        if (!v || !f)
            continue;
        if ((strcmp(f, "title") == 0 || strcmp(f, "text") == 0) && x_notice_post(v, NULL))
            return true;
        if (strcmp(f, "author") == 0 && x_notice_post(NULL, v))
            return true;
    }
    return false;
}

/* An item that says by its keys it is something else than a review: a question (`questionId`,
 * `questionTitle`, `inquiryNo`, 문의…), a tally (`count`, `percentage`, `ratio` beside a text
 * with no author, date nor id: a rating histogram's rows "5 최고 900 75%", a review summary's
 * "가성비가 좋다는 의견이 많아요 41"), or a catalogue entry (a `name` and a `description`
 * and no other text: a shop's branches, places, products without a price). */
static bool other_item(yajl_val o)
{
    bool tally = false, person = false, name = false, desc = false, text = false, title = false,
         whole = false, counted = false, rated = false;
    for (size_t i = 0; i < o->u.object.len; i++) {
        const char *key = o->u.object.keys[i];
        char k[64];
        size_t n = hugi_extract_name_norm(key, strlen(key), k, sizeof k);
        if (strncmp(k, "question", 8) == 0 || strstr(k, "inquir") || strncmp(k, "qna", 3) == 0 ||
            strstr(k, "\xeb\xac\xb8\xec\x9d\x98") ||
            strstr(k, "\xec\xa7\x88\xeb\xac\xb8")) /* 문의 질문 */
            return true;
        if ((n == 5 && !memcmp(k, "count", 5)) || (n == 10 && !memcmp(k, "percentage", 10)) ||
            (n == 7 && !memcmp(k, "percent", 7)) || (n == 5 && !memcmp(k, "ratio", 5)))
            tally = tally || YAJL_IS_NUMBER(o->u.object.values[i]);
        name = name || (n == 4 && !memcmp(k, "name", 4));
        desc = desc || (n == 11 && !memcmp(k, "description", 11));
        const char *f = x_field_for_key(key, strlen(key), NULL);
        if (f && (!strcmp(f, "id") || !strcmp(f, "date") ||
                  (!strcmp(f, "author") && !(n == 4 && !memcmp(k, "name", 4)))))
            person = true;
        if (f && !strcmp(f, "text") && !(n == 11 && !memcmp(k, "description", 11)))
            text = true;
        title = title || (f && !strcmp(f, "title"));
        yajl_val rv = o->u.object.values[i];
        if (YAJL_IS_NUMBER(rv) && ((n == 5 && !memcmp(k, "posts", 5)) || !strcmp(k, "postcount") ||
                                   !strcmp(k, "postscount") || !strcmp(k, "commentcount") ||
                                   !strcmp(k, "commentscount") || !strcmp(k, "numcomments")))
            counted = true;
        if (f && !strcmp(f, "rating"))
            rated = true;
        if (f && !strcmp(f, "rating") && YAJL_IS_NUMBER(rv))
            whole = whole || floor(YAJL_GET_DOUBLE(rv)) == YAJL_GET_DOUBLE(rv);
    }
    if (tally && !person)
        return true;
    /* a title beside a count of its own posts or comments, unrated: a discussion thread or an
     * article (a comment service's thread list), whose comments are the reviews */
    if (title && counted && !rated)
        return true;
    /* a `title` and a `description` with no author, date nor id, and no whole-star rating: an
     * app store's or a shop's entry (similar apps with their average score 4.1), not
     * somebody's review (a bare export of titled reviews rates them 1 to 5) */
    return desc && !text && (name || (title && !person && !whole));
}

/* strict: only items with a text and a rating count (page data of framework-built pages, where
 * product and article lists have texts, names and dates too) */
/* A chat's service message: a `subtype` naming a join, a departure, a bot, a pin or a
 * channel's topic (Slack's export), or a `type` of `service`/`system` (Telegram's export). No
 * person wrote it. */
static bool service_item(yajl_val o)
{
    if (!YAJL_IS_OBJECT(o))
        return false;
    const char *t = x_jstr(x_jget(o, "type"));
    if (t && (strcmp(t, "service") == 0 || strcmp(t, "system") == 0))
        return true;
    const char *st = x_jstr(x_jget(o, "subtype"));
    static const char *const ev[] = {"join",    "leave",   "bot",      "pinned",   "topic",
                                     "purpose", "archive", "channel_", "tombstone"};
    for (size_t i = 0; st && i < sizeof ev / sizeof *ev; i++)
        if (strstr(st, ev[i]))
            return true;
    return false;
}

/* A placeholder where a post was: AT Protocol's `{"$type": "…#notFoundPost", "notFound":
 * true}` and `…#blockedPost` in a thread's replies. It neither counts for nor against its list. */
static bool gone_item(yajl_val o)
{
    if (!YAJL_IS_OBJECT(o))
        return false;
    const char *t = x_jstr(x_jget(o, "$type"));
    return YAJL_IS_TRUE(x_jget(o, "notFound")) || YAJL_IS_TRUE(x_jget(o, "blocked")) ||
           (t && (strstr(t, "notFound") || strstr(t, "blockedPost")));
}

static int array_score(yajl_val *vals, size_t len, bool all_text, bool strict)
{
    int score = 0;
    size_t n = len < 20 ? len : 20, notices = 0, others = 0;
    for (size_t i = 0; i < n; i++) {
        yajl_val o = YAJL_IS_OBJECT(vals[i]) ? edge_node(vals[i]) : NULL;
        notices += o && notice_item(o);
        others += o && other_item(o);
    }
    if (n && (notices == n || others == n))
        return 0;
    for (size_t i = 0; i < n; i++) {
        if (gone_item(vals[i]) || service_item(vals[i]))
            continue;
        yajl_val o = edge_node(vals[i]);
        if (!YAJL_IS_OBJECT(o) || other_kind(o))
            return 0;
        bool text = false, other = false, masked = false, dated = false;
        /* the item's own keys, and those of its objects one level down, as map_object reads
         * them (PowerReviews keeps the text in "details", the rating in "metrics") */
        for (int level = 0; level < 2; level++) {
            for (size_t j = 0; j < (level ? o->u.object.len : 1); j++) {
                yajl_val h = level ? o->u.object.values[j] : o;
                yajl_val own = level ? wrapped_own(h) : NULL;
                if (own)
                    h = own;
                if (!YAJL_IS_OBJECT(h))
                    continue;
                if (level) { /* as map_object: no profile, no bookkeeping */
                    const char *hk = o->u.object.keys[j];
                    const char *hf = x_field_for_key(hk, strlen(hk), NULL);
                    if ((hk[0] == '_' && hk[1] == '_') || (hf && strcmp(hf, "author") == 0))
                        continue;
                    /* nor the shop's side (`developerComment`, `ownerReply`) */
                    char hn[64];
                    hugi_extract_name_norm(hk, strlen(hk), hn, sizeof hn);
                    if (YAJL_IS_OBJECT(h) && excluded_name(hn))
                        continue;
                }
                for (size_t k = 0; k < h->u.object.len; k++) {
                    const char *f =
                        x_field_for_key(h->u.object.keys[k], strlen(h->u.object.keys[k]), NULL);
                    if (!f && masked_person_id(h->u.object.keys[k], h->u.object.values[k]))
                        masked = true;
                    else if (f && strcmp(f, "date") == 0)
                        dated = true;
                    if (!level && YAJL_IS_STRING(h->u.object.values[k]) &&
                        h->u.object.values[k]->u.string[0] && pros_cons_key(h->u.object.keys[k]))
                        text = true;
                    if (!f)
                        continue;
                    if (strcmp(f, "text") == 0 &&
                        (YAJL_IS_STRING(rendered(h->u.object.values[k])) ||
                         text_runs(h->u.object.values[k])))
                        text = true;
                    else if (strcmp(f, "rating") == 0 ||
                             (!strict && (strcmp(f, "date") == 0 || strcmp(f, "author") == 0)))
                        other = true;
                }
            }
        }
        /* a buyer's masked name beside a date: a review even without a rating (page data
         * lists products and articles, never with masked names) */
        if (text && masked && dated)
            other = true;
        if (text && other)
            score += 2;
        else if (text && !strict)
            score += 1;
        else if (all_text)
            return 0;
    }
    return score;
}

/* A list named for what is no review: questions and their answers (`inquiries`, `qnaList`,
 * `questions`), replies (`replies`, `answers`, also `reviewReplies`: somebody's
 * answer to a review is no review), news, articles, notices, topics or tags (not orders nor
 * menus: a buyer's order history may hold each order's review, and their prices refuse them
 * where they hold none).
 * Their items have texts, authors and dates as reviews do (a shop's Q&A endpoint, a game's news
 * feed, a seller's reply list). Of the other names, one that also says review, comment, rating,
 * feedback, testimonial, 리뷰 or 후기 stays a candidate (`orderReviews`). */
static bool other_list_name(const char *key)
{
    if (!key)
        return false;
    char k[64];
    hugi_extract_name_norm(key, strlen(key), k, sizeof k);
    static const char *const replies[] = {"repl", "answer", "\xeb\x8b\xb5\xeb\xb3\x80"}; /* 답변 */
    for (size_t i = 0; i < sizeof replies / sizeof *replies; i++)
        if (strstr(k, replies[i]))
            return true;
    static const char *const reviewish[] = {"review",
                                            "comment",
                                            "rating",
                                            "feedback",
                                            "testimonial",
                                            "\xeb\xa6\xac\xeb\xb7\xb0",  /* 리뷰 */
                                            "\xed\x9b\x84\xea\xb8\xb0"}; /* 후기 */
    for (size_t i = 0; i < sizeof reviewish / sizeof *reviewish; i++)
        if (strstr(k, reviewish[i]))
            return false;
    static const char *const other[] = {"question",
                                        "inquir",
                                        "enquir",
                                        "qna",
                                        "faq",
                                        "news",
                                        "responses",
                                        "article",
                                        "ticket", /* a helpdesk's tickets: subjects and
                                                     descriptions, nobody's review */
                                        "notice",
                                        "announce",
                                        "topic",
                                        "keyword",
                                        "hashtag",
                                        "quote",     /* sayings and their authors; a shop's price
                                                        quotes */
                                        "macro",     /* a helpdesk's canned answers and */
                                        "template",  /* reply templates: a title, a text, a date */
                                        "coupon",    /* a shop's offers and its messages to the */
                                        "promotion", /* customer: a title, a description and */
                                        "notification", /* a date, but nobody's review */
                                        "\xec\xbf\xa0\xed\x8f\xb0", /* 쿠폰 */
                                        "\xec\x95\x8c\xeb\xa6\xbc", /* 알림 */
                                        "caption", /* a post's own words (Instagram's
                                                      edge_media_to_caption), not a reply */
                                        "\xeb\xac\xb8\xec\x9d\x98",  /* 문의 */
                                        "\xec\xa7\x88\xeb\xac\xb8",  /* 질문 */
                                        "\xea\xb3\xb5\xec\xa7\x80"}; /* 공지 */
    for (size_t i = 0; i < sizeof other / sizeof *other; i++)
        if (strstr(k, other[i]))
            return true;
    return false;
}

/* A shop's review board kept as a board's `articles` (a hosted shop's board API): every item
 * rated 1 to 5 by a rating-named key, as a news or blog article never is. */
static bool rated_articles(const char *key, yajl_val arr)
{
    char k[64];
    hugi_extract_name_norm(key, strlen(key), k, sizeof k);
    if (!strstr(k, "article") || !YAJL_IS_ARRAY(arr) || !arr->u.array.len)
        return false;
    for (size_t i = 0; i < arr->u.array.len && i < 20; i++) {
        yajl_val o = arr->u.array.values[i];
        bool rated = false;
        for (size_t j = 0; YAJL_IS_OBJECT(o) && j < o->u.object.len && !rated; j++) {
            const char *f = x_field_for_key(o->u.object.keys[j], strlen(o->u.object.keys[j]), NULL);
            double d;
            rated = f && strcmp(f, "rating") == 0 && x_jnum(o->u.object.values[j], &d) && d >= 1 &&
                    d <= 5;
        }
        if (!rated)
            return false;
    }
    return true;
}

/* A list of a thread view's nodes, each a post beside the list of its own replies (`replies:
 * [{"post": {…}, "replies": […]}]`): the comments of a thread, though the list is named for
 * replies (its head post, outside any list, is the one they answer). */
static bool thread_nodes(yajl_val arr)
{
    if (!YAJL_IS_ARRAY(arr) || !arr->u.array.len)
        return false;
    for (size_t i = 0; i < arr->u.array.len && i < 20; i++) {
        yajl_val o = arr->u.array.values[i];
        if (gone_item(o))
            continue;
        if (!YAJL_IS_OBJECT(o) || edge_node(o) == o)
            return false;
        bool rl = false;
        for (size_t j = 0; j < o->u.object.len && !rl; j++) {
            char nk[64];
            hugi_extract_name_norm(o->u.object.keys[j], strlen(o->u.object.keys[j]), nk, sizeof nk);
            rl =
                YAJL_IS_ARRAY(o->u.object.values[j]) && (strstr(nk, "repl") || strstr(nk, "child"));
        }
        if (!rl)
            return false;
    }
    return true;
}

/* parent: the object holding v (NULL at the top), key: the key v sits under; *best_parent gets
 * the best list's. */
/* in_arr: v sits inside an array (its siblings at the same path come out with it); of two lists
 * that score the same, such a one wins (a Threads thread's one head post and its reply threads
 * of one post each: the replies are the comments). */
/* A form tool's responses (`responses`, a name refused for a shop's answers): every item (of
 * the first ten) holds answers to questions */
struct form_titles;
static size_t answer_pairs(const struct form_titles *ft, yajl_val o, const char **keys,
                           yajl_val *vals, size_t cap);
static yajl_val rated_member(yajl_val o);
/* Items (the first ten) each holding a customer's rating of them with words (a ticket list's
 * `satisfaction_survey`): the ratings are reviews though the list is named for tickets */
static bool rated_members(yajl_val arr)
{
    if (!arr->u.array.len)
        return false;
    for (size_t i = 0; i < arr->u.array.len && i < 10; i++)
        if (!rated_member(arr->u.array.values[i]))
            return false;
    return true;
}

static bool form_responses(yajl_val arr)
{
    if (!arr->u.array.len)
        return false;
    for (size_t i = 0; i < arr->u.array.len && i < 10; i++)
        if (!YAJL_IS_OBJECT(arr->u.array.values[i]) ||
            !answer_pairs(NULL, arr->u.array.values[i], NULL, NULL, 0))
            return false;
    return true;
}

static void best_array_in(yajl_val v, yajl_val parent, const char *key, int depth, bool strict,
                          yajl_val *best, yajl_val *best_parent, int *best_score, bool in_arr,
                          bool *best_in_arr);
static void best_array(yajl_val v, yajl_val parent, const char *key, int depth, bool strict,
                       yajl_val *best, yajl_val *best_parent, int *best_score)
{
    bool bi = false;
    best_array_in(v, parent, key, depth, strict, best, best_parent, best_score, false, &bi);
}

static void best_array_in(yajl_val v, yajl_val parent, const char *key, int depth, bool strict,
                          yajl_val *best, yajl_val *best_parent, int *best_score, bool in_arr,
                          bool *best_in_arr)
{
    if (depth > GEN_DEPTH || !v)
        return;
    if (YAJL_IS_ARRAY(v)) {
        int s = other_list_name(key) && !rated_articles(key, v) && !thread_nodes(v) &&
                        !form_responses(v) && !rated_members(v)
                    ? 0
                    : array_score(v->u.array.values, v->u.array.len, false, strict);
        if (s > *best_score || (s > 0 && s == *best_score && in_arr && !*best_in_arr)) {
            *best_score = s;
            *best = v;
            *best_parent = parent;
            *best_in_arr = in_arr;
        }
        for (size_t i = 0; i < v->u.array.len && i < 50; i++)
            if (YAJL_IS_OBJECT(v->u.array.values[i]) || YAJL_IS_ARRAY(v->u.array.values[i]))
                best_array_in(v->u.array.values[i], NULL, NULL, depth + 1, strict, best,
                              best_parent, best_score, true, best_in_arr);
    } else if (YAJL_IS_OBJECT(v)) {
        /* reviews keyed by their id ({"r1": {...}, "r2": {...}}, Firebase-style exports): an
         * object whose every value is a review-like object with a text */
        if (v->u.object.len >= 2) {
            int s = array_score(v->u.object.values, v->u.object.len, true, strict);
            if (s > *best_score) {
                *best_score = s;
                *best = v;
                *best_parent = parent;
                *best_in_arr = false;
            }
        }
        /* a post's caption is its own words, wrapped or not (Instagram's
         * edge_media_to_caption: {"edges": [{"node": {"text": …}}]}): no list inside is a reply */
        if (key && x_strcasestr(key, "caption"))
            return;
        for (size_t i = 0; i < v->u.object.len; i++)
            best_array_in(v->u.object.values[i], v, v->u.object.keys[i], depth + 1, strict, best,
                          best_parent, best_score, in_arr, best_in_arr);
    }
}

/* The value under o's best-ranked key for `field` (x_field_for_key) among those whose value is
 * usable: a number (numeric) or a non-empty string or number's text; NULL when none is. */
static yajl_val best_field_value(yajl_val o, const char *field, bool numeric)
{
    if (!YAJL_IS_OBJECT(o))
        return NULL;
    int best_rank = 1 << 20;
    yajl_val best = NULL;
    for (size_t k = 0; k < o->u.object.len; k++) {
        int rank = 1 << 20;
        const char *key = o->u.object.keys[k];
        const char *f = x_field_for_key(key, strlen(key), &rank);
        yajl_val v = o->u.object.values[k];
        if (!f || strcmp(f, field) != 0 || rank >= best_rank)
            continue;
        double num;
        const char *sv = numeric ? NULL : x_jstr(v); /* a string, or a number's text */
        if (numeric ? !x_jnum(v, &num) : !sv || !sv[0])
            continue;
        best = v;
        best_rank = rank;
    }
    return best;
}

/* The product a list's container names beside it ({"productId": "K-100", "reviews": [...]}):
 * a scalar under a product key of the object holding the list, or NULL. */
static char *container_product(yajl_val parent)
{
    yajl_val v = parent ? best_field_value(parent, "product", false) : NULL;
    return v ? hugi_strdup(x_jstr(v)) : NULL;
}

/* Pagination hints an unknown API gives beside its list: a cursor ("nextPageToken",
 * "nextPaginationToken", "next_token", "nextCursor", "endCursor") or a next URL ("next",
 * "next_page_url", "nextUrl", "next_link") at the top or one object down ("pagination",
 * "paging", "meta", "links", "pageInfo"). */
static hugi_rc generic_next(struct xctx *x, yajl_val v, int depth)
{
    if (!YAJL_IS_OBJECT(v) || depth > 1)
        return HUGI_OK;
    static const char *const cursors[] = {"nextpagetoken", "nextpaginationtoken", "nexttoken",
                                          "nextcursor",    "endcursor",           "cursor"};
    static const char *const urls[] = {"next",     "nextpageurl", "nexturl",
                                       "nextlink", "nextpage",    "odatanextlink"};
    hugi_rc rc = HUGI_OK;
    for (size_t i = 0; i < v->u.object.len && !rc; i++) {
        char k[32];
        size_t n = 0;
        for (const char *p = v->u.object.keys[i]; *p && n + 1 < sizeof k; p++)
            if (isalnum((unsigned char)*p))
                k[n++] = (char)tolower((unsigned char)*p);
        k[n] = 0;
        yajl_val val = v->u.object.values[i];
        const char *sv = YAJL_IS_STRING(val) ? val->u.string : NULL;
        /* HAL's link object, `"_links": {"next": {"href": "…"}}` */
        const char *href =
            YAJL_IS_OBJECT(val) && strcmp(k, "next") == 0 ? x_jstr(x_jget(val, "href")) : NULL;
        if (href && href[0]) {
            rc = x_set_next_url(x, href, strlen(href));
            continue;
        }
        if (YAJL_IS_OBJECT(val)) {
            rc = generic_next(x, val, depth + 1);
            continue;
        }
        if (!sv || !sv[0])
            continue;
        for (size_t c = 0; c < sizeof cursors / sizeof cursors[0]; c++)
            if (strcmp(k, cursors[c]) == 0)
                rc = x_set_next_cursor(x, sv, strlen(sv));
        for (size_t u = 0; !rc && u < sizeof urls / sizeof urls[0]; u++)
            if (strcmp(k, urls[u]) == 0 && (strstr(sv, "://") || sv[0] == '/' || sv[0] == '?'))
                rc = x_set_next_url(x, sv, strlen(sv));
    }
    return rc;
}

/* Whether the document holds an empty list under a name lists of reviews go by: the last page
 * of a paged API ({"data": [], "next": null}), a product nobody reviewed. That is an answer
 * (no reviews), not an unknown shape. */
static bool empty_review_list(yajl_val v, int depth)
{
    if (!YAJL_IS_OBJECT(v) || depth > 3)
        return false;
    static const char *const names[] = {"reviews", "review", "comments", "items",
                                        "results", "data",   "list",     "records",
                                        "entries", "entry",  "rows",     "content"};
    for (size_t i = 0; i < v->u.object.len; i++) {
        yajl_val e = v->u.object.values[i];
        if (YAJL_IS_ARRAY(e) && e->u.array.len == 0) {
            char k[32];
            size_t n = 0;
            for (const char *p = v->u.object.keys[i]; *p && n + 1 < sizeof k; p++)
                if (isalnum((unsigned char)*p))
                    k[n++] = (char)tolower((unsigned char)*p);
            k[n] = 0;
            for (size_t j = 0; j < sizeof names / sizeof names[0]; j++)
                if (strcmp(k, names[j]) == 0)
                    return true;
        } else if (YAJL_IS_OBJECT(e) && empty_review_list(e, depth + 1)) {
            return true;
        }
    }
    return false;
}

/* The scale of a list's ratings when neither the item nor the configuration says it: the largest
 * rating of the list (each item's best-named rating key) above 5 means 10, above 10 means 100
 * (AliExpress "buyerEval": 20-100) when none is below 10. A list of 10-scale ratings that all stay
 * at 5 or below reads as 5: nothing in the data can tell. */
/* The highest and lowest rating value of a list's items that state no scale of their own. */
struct scale_acc {
    double top, low;
};

static void scale_add(struct scale_acc *a, yajl_val o)
{
    if (!YAJL_IS_OBJECT(o) || item_scale(o) > 0)
        return;
    double v = -1;
    yajl_val rv = best_field_value(o, "rating", true);
    if (rv)
        x_jnum(rv, &v);
    if (v > a->top)
        a->top = v;
    if (v >= 0 && v < a->low)
        a->low = v;
}

/* The list's rating scale from its values: 10 or 100, 0 for the default, -1 when the values
 * are no ratings at all. */
double x_values_scale(double top, double low)
{
    /* a 100 scale's lowest stars are 20: a list with values below 10 beside ones above 10
     * counts something else ("score": 42, 7 and 3 are a comment list's votes, none of them a
     * rating), as does one with a value above 100 (6355 upvotes) */
    if (top > 100 || (top > 10 && low < 10))
        return -1;
    if (top > 10)
        return 100;
    return top > 5 ? 10 : 0;
}

static double scale_result(const struct scale_acc *a)
{
    return x_values_scale(a->top, a->low);
}

static double list_scale(yajl_val best, bool keyed)
{
    size_t n = keyed ? best->u.object.len : best->u.array.len;
    struct scale_acc a = {0, 1e9};
    for (size_t i = 0; i < n && i < 200; i++)
        scale_add(&a, keyed ? best->u.object.values[i] : best->u.array.values[i]);
    return scale_result(&a);
}

/* One list of the generic preset: its items, on the list's own rating scale, with the product
 * the object holding it names. */
/* The path of objects from v down to target, target included: objs[i] and the key that led
 * into it, keys[i] (NULL for the root; an array's elements take the array's key: XML's
 * <Product> siblings become "Product": [{…}, {…}]). */
static bool obj_chain(yajl_val v, yajl_val target, const char *key, int depth, yajl_val *objs,
                      const char **keys, int *n)
{
    if (!v || depth > GEN_DEPTH || *n >= 10)
        return false;
    if (v == target) {
        objs[*n] = v;
        keys[(*n)++] = key;
        return true;
    }
    if (YAJL_IS_ARRAY(v)) {
        for (size_t i = 0; i < v->u.array.len; i++)
            if (obj_chain(v->u.array.values[i], target, key, depth + 1, objs, keys, n))
                return true;
        return false;
    }
    if (!YAJL_IS_OBJECT(v))
        return false;
    int at = (*n)++;
    objs[at] = v;
    keys[at] = key;
    for (size_t i = 0; i < v->u.object.len; i++)
        if (obj_chain(v->u.object.values[i], target, v->u.object.keys[i], depth + 1, objs, keys, n))
            return true;
    (*n)--;
    return false;
}

/* The product named two or three levels above a list: a feed that nests each product's
 * reviews, `<Product id="SKU-100"><Reviews><Review>…` read as JSON, or
 * `{"product": {"id": "P1", "reviews": {"items": […]}}}`: an ancestor with a product key, or
 * one under a product key (`Product`, `item`, `goods…`) with an id, sku or code of its own. */
struct ancestors {
    yajl_val objs[10];
    const char *keys[10];
    int n;
};

static char *outer_product(const struct ancestors *a)
{
    /* a->objs[n-1] holds the list; look at it and the one above it */
    for (int i = a->n - 1; i >= 0 && i >= a->n - 2; i--) {
        yajl_val v = best_field_value(a->objs[i], "product", false);
        if (v)
            return hugi_strdup(x_jstr(v));
        char nk[64];
        if (!a->keys[i])
            continue;
        hugi_extract_name_norm(a->keys[i], strlen(a->keys[i]), nk, sizeof nk);
        if (!strstr(nk, "product") && !strstr(nk, "goods") && strcmp(nk, "item") != 0)
            continue;
        static const char *const own[] = {"id", "sku", "code", "no"};
        for (size_t k = 0; k < sizeof own / sizeof *own; k++) {
            const char *sv = x_jstr(x_jget(a->objs[i], own[k]));
            if (sv && *sv)
                return hugi_strdup(sv);
        }
    }
    return NULL;
}

static hugi_rc generic_list(struct xctx *x, yajl_val best, yajl_val best_parent,
                            const struct ancestors *anc)
{
    uint64_t list = ++x->container_seq;
    bool keyed = YAJL_IS_OBJECT(best);
    size_t n = keyed ? best->u.object.len : best->u.array.len;
    double saved = x->scale, sc = x->o->rating_scale > 0 ? 0 : list_scale(best, keyed);
    bool saved_no = x->no_ratings;
    if (sc > 0)
        x->scale = sc;
    x->no_ratings = sc < 0;
    /* the container's product stands in for items that name none (a configured one wins, and
     * a page's own product is kept) */
    char *saved_product = x->page_product;
    char *cp = x->o->product || x->page_product ? NULL : container_product(best_parent);
    if (!cp && !x->o->product && !x->page_product && anc)
        cp = outer_product(anc);
    if (cp)
        x->page_product = cp;
    hugi_rc rc = HUGI_OK;
    yajl_val saved_list = x->list;
    size_t saved_i = x->list_i, saved_visits = x->list_visits;
    x->list = best;
    x->list_visits = (size_t)1 << 20;
    /* warnings about an item name it: the list's key and the item's index or key, after the
     * place around (a JSONL line) */
    const char *lkey = NULL, *saved_at = x->at;
    for (size_t k = 0; YAJL_IS_OBJECT(best_parent) && k < best_parent->u.object.len && !lkey; k++)
        if (best_parent->u.object.values[k] == best)
            lkey = best_parent->u.object.keys[k];
    char at[200];
    for (size_t i = 0; i < n && !rc; i++) {
        x->list_i = i;
        if (keyed)
            snprintf(at, sizeof at, "%s%s%.60s%s%.60s", saved_at ? saved_at : "",
                     saved_at ? ": " : "", lkey ? lkey : "", lkey ? "." : "",
                     best->u.object.keys[i]);
        else
            snprintf(at, sizeof at, "%s%s%.60s[%zu]", saved_at ? saved_at : "",
                     saved_at ? ": " : "", lkey ? lkey : "", i);
        x->at = at;
        rc = generic_item(x, keyed ? best->u.object.values[i] : best->u.array.values[i], list,
                          keyed ? best->u.object.keys[i] : NULL);
    }
    x->at = saved_at;
    x->list = saved_list;
    x->list_i = saved_i;
    x->list_visits = saved_visits;
    x->scale = saved;
    x->no_ratings = saved_no;
    if (cp) {
        x->page_product = saved_product;
        free(cp);
    }
    return rc;
}

/* Where a value sits, keys joined by '.' and every array index as "[]": the pages a scraper
 * saved side by side (`[{"page":1,"data":{"reviews":[…]}}, {"page":2,…}]`) and the products of
 * a list each with its reviews (`[{"id":…,"reviews":[…]}, …]`) hold their lists at one path. */
struct jpath {
    char p[512];
    size_t n;
};

/* Appends a key (NULL: an array index); false, the path unchanged, when it would not fit: such a
 * path matches nothing, and the walkers skip what lies under it (a sibling's long key must not
 * end the walk for the rest of the document). */
static bool jpath_push(struct jpath *jp, const char *key)
{
    size_t kl = key ? strlen(key) : 2;
    if (jp->n + kl + 2 >= sizeof jp->p)
        return false;
    if (key) {
        jp->p[jp->n++] = '.';
        memcpy(jp->p + jp->n, key, kl);
        jp->n += kl;
    } else {
        memcpy(jp->p + jp->n, "[]", 2);
        jp->n += 2;
    }
    jp->p[jp->n] = 0;
    return true;
}

/* The path of target under v, walked as best_array walks (depth 8, 50 elements an array). */
static bool jpath_find(yajl_val v, yajl_val target, int depth, struct jpath *jp)
{
    if (v == target)
        return true;
    if (depth > GEN_DEPTH || !v)
        return false;
    if (YAJL_IS_ARRAY(v)) {
        for (size_t i = 0; i < v->u.array.len && i < 50; i++) {
            size_t was = jp->n;
            if (!jpath_push(jp, NULL))
                continue;
            if (jpath_find(v->u.array.values[i], target, depth + 1, jp))
                return true;
            jp->n = was;
            jp->p[was] = 0;
        }
    } else if (YAJL_IS_OBJECT(v)) {
        for (size_t i = 0; i < v->u.object.len; i++) {
            size_t was = jp->n;
            if (!jpath_push(jp, v->u.object.keys[i]))
                continue;
            if (jpath_find(v->u.object.values[i], target, depth + 1, jp))
                return true;
            jp->n = was;
            jp->p[was] = 0;
        }
    }
    return false;
}

/* Every review-like array at the path `want`, in document order. */
static hugi_rc lists_at(struct xctx *x, yajl_val v, yajl_val parent, const char *key, int depth,
                        struct jpath *jp, const char *want, struct ancestors *anc)
{
    if (depth > GEN_DEPTH || !v)
        return HUGI_OK;
    /* only the branches on the chosen list's path: a scraper's thousand pages side by side
     * are each visited once, and every one of them (not the first fifty) is read */
    size_t pl = strlen(jp->p);
    if (strncmp(jp->p, want, pl) != 0)
        return HUGI_OK;
    if (YAJL_IS_ARRAY(v) && strcmp(jp->p, want) == 0) {
        if (array_score(v->u.array.values, v->u.array.len, false, x->strict_generic) > 0)
            return generic_list(x, v, parent, anc);
        return HUGI_OK;
    }
    hugi_rc rc = HUGI_OK;
    if (YAJL_IS_ARRAY(v)) {
        for (size_t i = 0; i < v->u.array.len && !rc; i++) {
            size_t was = jp->n;
            if (!jpath_push(jp, NULL))
                continue;
            rc = lists_at(x, v->u.array.values[i], NULL, key, depth + 1, jp, want, anc);
            jp->n = was;
            jp->p[was] = 0;
        }
    } else if (YAJL_IS_OBJECT(v)) {
        /* the object and the key that led here, for the product named above the list (an
         * array's elements take the array's key) */
        bool pushed = anc->n < 10;
        if (pushed) {
            anc->objs[anc->n] = v;
            anc->keys[anc->n] = key;
            anc->n++;
        }
        for (size_t i = 0; i < v->u.object.len && !rc; i++) {
            size_t was = jp->n;
            if (!jpath_push(jp, v->u.object.keys[i]))
                continue;
            rc = lists_at(x, v->u.object.values[i], v, v->u.object.keys[i], depth + 1, jp, want,
                          anc);
            jp->n = was;
            jp->p[was] = 0;
        }
        if (pushed)
            anc->n--;
    }
    return rc;
}

/* Apollo Client's normalised cache (`window.__APOLLO_STATE__`): every entity at the top under
 * "Type:id" with its `__typename`, links between them as `{"__ref": "Type:id"}`. The entries
 * whose type says review (or comment, rating, feedback…) are the list, read with their
 * references followed (the author's `User` entry). *done is false when root is no such cache
 * or holds no review entry. */
static hugi_rc ref_cache(struct xctx *x, yajl_val root, bool *done)
{
    *done = false;
    if (!YAJL_IS_OBJECT(root) || root->u.object.len < 2)
        return HUGI_OK;
    size_t typed = 0, n = root->u.object.len;
    for (size_t i = 0; i < n; i++) {
        const char *k = root->u.object.keys[i], *c = strchr(k, ':');
        yajl_val v = root->u.object.values[i];
        typed += c && c != k && YAJL_IS_OBJECT(v) && x_jstr(x_jget(v, "__typename"));
    }
    if (typed < 2 || typed * 2 < n)
        return HUGI_OK;
    yajl_val *vals = malloc(n * sizeof *vals);
    if (!vals)
        return HUGI_E_NOMEM;
    size_t m = 0;
    static const char *const reviewish[] = {"review", "comment", "rating", "feedback",
                                            "testimonial"};
    for (size_t i = 0; i < n; i++) {
        const char *t = x_jstr(x_jget(root->u.object.values[i], "__typename"));
        char low[64];
        size_t l = 0;
        for (; t && t[l] && l + 1 < sizeof low; l++)
            low[l] = (char)tolower((unsigned char)t[l]);
        low[l] = 0;
        for (size_t w = 0; t && w < sizeof reviewish / sizeof *reviewish; w++)
            if (strstr(low, reviewish[w])) {
                vals[m++] = root->u.object.values[i];
                break;
            }
    }
    hugi_rc rc = HUGI_OK;
    if (m) {
        struct yajl_val_s list;
        memset(&list, 0, sizeof list);
        list.type = yajl_t_array;
        list.u.array.values = vals;
        list.u.array.len = m;
        x->ref_root = root;
        if (array_score(vals, m, false, x->strict_generic) > 0) {
            *done = true;
            rc = generic_list(x, &list, NULL, NULL);
        }
        x->ref_root = NULL;
    }
    free(vals);
    return rc;
}

/* An Apollo cache kept inside the page data, not at its top: Next.js pages hand it over in
 * `props.pageProps.__APOLLO_STATE__` (or `apolloState`, `initialApolloState`). The first object
 * down to four levels that reads as a cache. */
static hugi_rc nested_ref_cache(struct xctx *x, yajl_val v, int depth, bool *done)
{
    hugi_rc rc = ref_cache(x, v, done);
    if (rc || *done || depth >= 4 || !YAJL_IS_OBJECT(v))
        return rc;
    for (size_t i = 0; i < v->u.object.len && !rc && !*done; i++)
        if (YAJL_IS_OBJECT(v->u.object.values[i]))
            rc = nested_ref_cache(x, v->u.object.values[i], depth + 1, done);
    return rc;
}

/* A header of names for a table of rows: enough of them name review fields (a text or a rating,
 * and one more). */
static bool review_header(yajl_val h)
{
    if (!YAJL_IS_ARRAY(h) || h->u.array.len < 2)
        return false;
    bool core = false;
    size_t named = 0;
    for (size_t i = 0; i < h->u.array.len; i++) {
        const char *k =
            YAJL_IS_STRING(h->u.array.values[i]) ? h->u.array.values[i]->u.string : NULL;
        if (!k)
            return false;
        const char *f = x_field_for_key(k, strlen(k), NULL);
        named += f != NULL;
        core = core || (f && (!strcmp(f, "text") || !strcmp(f, "rating")));
    }
    return core && named >= 2;
}

/* A table kept as JSON: Datasette's `{"columns": [names], "rows": [[…], …]}`, the Sheets API's
 * `{"values": [[header…], [row…], …]}`. Each row is read as the object its header names, a cell
 * per column. *done is false when root (or an object one level down) holds no such table. */
static hugi_rc json_table(struct xctx *x, yajl_val root, bool *done)
{
    *done = false;
    yajl_val at = NULL, head = NULL, rows = NULL;
    for (size_t lvl = 0; lvl < 2 && !at; lvl++) {
        if (lvl && !YAJL_IS_OBJECT(root))
            break;
        size_t nc = lvl ? root->u.object.len : 1;
        for (size_t c = 0; c < nc && !at; c++) {
            yajl_val o = lvl ? root->u.object.values[c] : root;
            if (!YAJL_IS_OBJECT(o))
                continue;
            yajl_val cols = x_jget(o, "columns"), rw = x_jget(o, "rows");
            yajl_val vals = x_jget(o, "values");
            if (review_header(cols) && YAJL_IS_ARRAY(rw)) {
                at = o;
                head = cols;
                rows = rw;
            } else if (YAJL_IS_ARRAY(vals) && vals->u.array.len >= 2 &&
                       review_header(vals->u.array.values[0])) {
                at = o;
                head = vals->u.array.values[0];
                rows = vals;
            }
        }
    }
    if (!at)
        return HUGI_OK;
    size_t first = head == (rows->u.array.len ? rows->u.array.values[0] : NULL) ? 1 : 0;
    size_t n = rows->u.array.len - first, nk = head->u.array.len;
    struct yajl_val_s *objs = calloc(n ? n : 1, sizeof *objs);
    yajl_val *items = calloc(n ? n : 1, sizeof *items);
    const char **keys = calloc(nk, sizeof *keys);
    if (!objs || !items || !keys) {
        free(objs);
        free(items);
        free(keys);
        return HUGI_E_NOMEM;
    }
    for (size_t k = 0; k < nk; k++)
        keys[k] = head->u.array.values[k]->u.string;
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        yajl_val row = rows->u.array.values[first + i];
        if (!YAJL_IS_ARRAY(row))
            continue;
        objs[m].type = yajl_t_object;
        objs[m].u.object.keys = keys;
        objs[m].u.object.values = row->u.array.values; /* the row's cells, in column order */
        objs[m].u.object.len = row->u.array.len < nk ? row->u.array.len : nk;
        items[m] = &objs[m];
        m++;
    }
    hugi_rc rc = HUGI_OK;
    /* rows read as any list's items: a price list's rows are products, not reviews */
    if (m && array_score(items, m, false, x->strict_generic) > 0) {
        struct yajl_val_s list;
        memset(&list, 0, sizeof list);
        list.type = yajl_t_array;
        list.u.array.values = items;
        list.u.array.len = m;
        *done = true;
        rc = generic_list(x, &list, at, NULL);
    }
    free(objs);
    free(items);
    free(keys);
    return rc;
}

/* A database's export keeps every value wrapped in its type: DynamoDB's attribute values
 * (`{"S": "Kenji"}`, `{"N": "4"}`, `{"M": {…}}`, `{"L": […]}`) and Firestore's REST values
 * (`{"stringValue": …}`, `{"integerValue": "4"}`, `{"timestampValue": …}`, `{"mapValue":
 * {"fields": {…}}}`, `{"arrayValue": {"values": […]}}`). 1 for the first family, 2 for the
 * second, 0 for anything else. A null's wrapper is no value and stays (read as nothing). */
static int typed_family(yajl_val v)
{
    if (!YAJL_IS_OBJECT(v) || v->u.object.len != 1)
        return 0;
    static const char *const dyn[] = {"S", "N", "BOOL", "M", "L", "SS", "NS"};
    static const char *const fs[] = {"stringValue",  "integerValue",   "doubleValue",
                                     "booleanValue", "timestampValue", "mapValue",
                                     "arrayValue",   "referenceValue"};
    const char *k = v->u.object.keys[0];
    for (size_t i = 0; i < sizeof dyn / sizeof *dyn; i++)
        if (strcmp(k, dyn[i]) == 0)
            return 1;
    for (size_t i = 0; i < sizeof fs / sizeof *fs; i++)
        if (strcmp(k, fs[i]) == 0)
            return 2;
    return 0;
}

static size_t typed_count(yajl_val v, int depth, int fam, size_t enough)
{
    if (depth > 64 || (!YAJL_IS_OBJECT(v) && !YAJL_IS_ARRAY(v)))
        return 0;
    size_t n = typed_family(v) == fam;
    size_t len = YAJL_IS_OBJECT(v) ? v->u.object.len : v->u.array.len;
    for (size_t i = 0; i < len && n < enough; i++)
        n += typed_count(YAJL_IS_OBJECT(v) ? v->u.object.values[i] : v->u.array.values[i],
                         depth + 1, fam, enough - n);
    return n;
}

/* What a wrapper of family fam stands for: the value, or a map's object, a list's array. */
static yajl_val typed_inner(yajl_val v, int fam)
{
    if (typed_family(v) != fam)
        return v;
    const char *k = v->u.object.keys[0];
    yajl_val in = v->u.object.values[0];
    if (fam == 2 && strcmp(k, "mapValue") == 0)
        return x_jget(in, "fields") ? x_jget(in, "fields") : in;
    if (fam == 2 && strcmp(k, "arrayValue") == 0)
        return x_jget(in, "values") ? x_jget(in, "values") : in;
    return in;
}

/* Replaces, in place, every wrapper under v by what it holds; a Firestore document (`{"name":
 * "projects/…/documents/…", "fields": {…}}`) by its fields. */
static void typed_unwrap(yajl_val v, int depth, int fam)
{
    if (depth > 64 || (!YAJL_IS_OBJECT(v) && !YAJL_IS_ARRAY(v)))
        return;
    size_t len = YAJL_IS_OBJECT(v) ? v->u.object.len : v->u.array.len;
    yajl_val *vals = YAJL_IS_OBJECT(v) ? v->u.object.values : v->u.array.values;
    for (size_t i = 0; i < len; i++) {
        yajl_val c = vals[i];
        for (int guard = 0; guard < 8 && typed_family(c) == fam; guard++)
            c = typed_inner(c, fam);
        const char *nm = fam == 2 ? x_jstr(x_jget(c, "name")) : NULL;
        yajl_val fields = nm && strstr(nm, "/documents/") ? x_jget(c, "fields") : NULL;
        if (fields && YAJL_IS_OBJECT(fields))
            c = fields;
        vals[i] = c;
        typed_unwrap(c, depth + 1, fam);
    }
}

static hugi_rc generic_in(struct xctx *x, yajl_val root)
{
    /* a database export whose values are wrapped in their types is read as the plain JSON */
    for (int fam = 1; fam <= 2; fam++)
        if (typed_count(root, 0, fam, 4) >= 4)
            typed_unwrap(root, 0, fam);
    yajl_val best = NULL, best_parent = NULL;
    int score = 0;
    bool cached = false;
    hugi_rc crc = nested_ref_cache(x, root, 0, &cached);
    if (!crc && !cached)
        crc = json_table(x, root, &cached);
    if (crc || cached)
        return crc;
    best_array(root, NULL, NULL, 0, x->strict_generic, &best, &best_parent, &score);
    if (!best)
        return empty_review_list(root, 0) ? HUGI_OK : HUGI_E_NOTFOUND;
    struct jpath jp = {.n = 0};
    jp.p[0] = 0;
    hugi_rc rc;
    /* an array inside an array: its siblings at the same path are the same list's other pages */
    if (YAJL_IS_ARRAY(best) && jpath_find(root, best, 0, &jp) && strstr(jp.p, "[]")) {
        char want[sizeof jp.p];
        memcpy(want, jp.p, sizeof want);
        struct jpath walk = {.n = 0};
        walk.p[0] = 0;
        struct ancestors anc = {.n = 0};
        rc = lists_at(x, root, NULL, NULL, 0, &walk, want, &anc);
    } else {
        struct ancestors anc = {.n = 0};
        bool found =
            best_parent && obj_chain(root, best_parent, NULL, 0, anc.objs, anc.keys, &anc.n);
        rc = generic_list(x, best, best_parent, found ? &anc : NULL);
    }
    if (rc)
        return rc;
    return generic_next(x, root, 0);
}

/* A response kept as a string inside another: SvelteKit's fetched data (`{"status": 200,
 * "body": "{\"reviews\": […]}"}`), a proxy's or a log's `payload`/`response`. A string under
 * such a key that reads as a JSON object or array is read in its place for the call; at most 8
 * of them, each restored afterwards (the trees are their own and freed). */
#define EMB_MAX 8
struct embedded {
    yajl_val *slot, orig, tree;
};

static bool embedding_key(const char *k)
{
    static const char *const names[] = {"body", "payload", "response", "json",
                                        "data", "result",  "value"};
    char nk[16];
    hugi_extract_name_norm(k, strlen(k), nk, sizeof nk);
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (strcmp(nk, names[i]) == 0)
            return true;
    return false;
}

static hugi_rc embed_json(yajl_val v, int depth, struct embedded *e, size_t *n)
{
    if (depth > 8 || *n >= EMB_MAX || (!YAJL_IS_OBJECT(v) && !YAJL_IS_ARRAY(v)))
        return HUGI_OK;
    size_t len = YAJL_IS_OBJECT(v) ? v->u.object.len : v->u.array.len;
    yajl_val *vals = YAJL_IS_OBJECT(v) ? v->u.object.values : v->u.array.values;
    for (size_t i = 0; i < len && *n < EMB_MAX; i++) {
        yajl_val c = vals[i];
        if (YAJL_IS_STRING(c) && YAJL_IS_OBJECT(v) && embedding_key(v->u.object.keys[i])) {
            const char *t = c->u.string;
            while (*t == ' ' || *t == '\n' || *t == '\r' || *t == '\t')
                t++;
            if ((*t != '{' && *t != '[') || strlen(t) < 16)
                continue;
            char eb[64];
            yajl_val tree = x_json_read(t, strlen(t), eb, sizeof eb);
            if (!tree)
                continue;
            if (!YAJL_IS_OBJECT(tree) && !YAJL_IS_ARRAY(tree)) {
                x_json_free(tree);
                continue;
            }
            e[*n] = (struct embedded){.slot = &vals[i], .orig = c, .tree = tree};
            (*n)++;
            vals[i] = tree;
            continue;
        }
        hugi_rc rc = embed_json(c, depth + 1, e, n);
        if (rc)
            return rc;
    }
    return HUGI_OK;
}

/* A form tool's response keeps its answers apart from its own keys, each naming its question:
 * Typeform's `"answers": [{"field": {"ref": "rating"}, "type": "number", "number": 9}, …]` (the
 * value under its type, a choice's `label`), SurveyMonkey's `pages[].questions[]` (`heading`,
 * `answers[0].simple_text` or `text`), Google Forms' `"answers": {"<questionId>": {"textAnswers":
 * {"answers": [{"value": "4"}]}}}` (the question's title from the form's `items` beside the
 * responses, when the document holds them). Such an item is read, for the call, as if each
 * answer were a key of its own named by its question (a question worded as a sentence is named
 * by what it asks for, as a CSV header is: "How would you rate …?" the rating): the item's key
 * arrays are replaced by longer copies, restored afterwards. */
struct flat_saved {
    yajl_val obj;
    const char **keys;
    yajl_val *vals;
    size_t len;
};

static const char *answer_key(yajl_val a, yajl_val *val)
{
    yajl_val fld = x_jget(a, "field");
    const char *k = x_jstr(x_jget(fld, "ref"));
    if (!k)
        k = x_jstr(x_jget(fld, "title"));
    const char *ty = x_jstr(x_jget(a, "type"));
    yajl_val v = ty ? x_jget(a, ty) : NULL;
    if (YAJL_IS_OBJECT(v) && x_jget(v, "label")) /* a choice: {"label": "Yes"} */
        v = x_jget(v, "label");
    if (!k || !v || !(YAJL_IS_STRING(v) || YAJL_IS_NUMBER(v)))
        return NULL;
    *val = v;
    return k;
}

static bool plain_value(yajl_val v)
{
    return v && (YAJL_IS_STRING(v) || YAJL_IS_NUMBER(v));
}

/* A question's wording as a key: the field a sentence asks for, else the wording itself */
static const char *question_key(const char *q)
{
    const char *f = q ? x_csv_header_field(q, strlen(q)) : NULL;
    return f ? f : q;
}

/* The Google Forms questions' titles by question id: the form items whose question has an id
 * (the form's `items`, looked for at the top and one level down; at most 512 items), sorted by id
 * and then by their place, so that the first item of an id names it. Built once a document: a
 * look-up per answer into the items themselves read them all again for every answer. */
struct form_title {
    const char *qid, *title;
    size_t at;
};
struct form_titles {
    struct form_title *t;
    size_t n;
};

static int form_title_cmp(const void *pa, const void *pb)
{
    const struct form_title *a = pa, *b = pb;
    int c = strcmp(a->qid, b->qid);
    return c ? c : (a->at > b->at) - (a->at < b->at);
}

static hugi_rc form_titles_build(yajl_val root, struct form_titles *ft)
{
    ft->t = NULL;
    ft->n = 0;
    yajl_val items = x_jget(root, "items");
    for (size_t i = 0; !YAJL_IS_ARRAY(items) && YAJL_IS_OBJECT(root) && i < root->u.object.len; i++)
        items = x_jget(root->u.object.values[i], "items");
    if (!YAJL_IS_ARRAY(items) || !items->u.array.len)
        return HUGI_OK;
    size_t m = items->u.array.len < 512 ? items->u.array.len : 512;
    ft->t = malloc(m * sizeof *ft->t);
    if (!ft->t)
        return HUGI_E_NOMEM;
    for (size_t i = 0; i < m; i++) {
        yajl_val it = items->u.array.values[i];
        const char *id = x_jstr(x_jpath(it, "questionItem.question.questionId"));
        if (id)
            ft->t[ft->n++] = (struct form_title){id, x_jstr(x_jget(it, "title")), i};
    }
    qsort(ft->t, ft->n, sizeof *ft->t, form_title_cmp);
    return HUGI_OK;
}

/* A Google Forms question's title (NULL when no item has its id, or that item no title) */
static const char *form_title(const struct form_titles *ft, const char *qid)
{
    size_t lo = 0, hi = ft ? ft->n : 0;
    while (lo < hi) { /* the first entry whose id is not below qid */
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(ft->t[mid].qid, qid) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return ft && lo < ft->n && strcmp(ft->t[lo].qid, qid) == 0 ? ft->t[lo].title : NULL;
}

/* The (question, value) pairs of one response, written to keys/vals up to cap; the count found */
static size_t answer_pairs(const struct form_titles *ft, yajl_val o, const char **keys,
                           yajl_val *vals, size_t cap)
{
    size_t k = 0;
    yajl_val an = x_jget(o, "answers");
    if (YAJL_IS_ARRAY(an) && an->u.array.len <= 256) {
        for (size_t j = 0; j < an->u.array.len; j++) {
            yajl_val v;
            const char *nm = answer_key(an->u.array.values[j], &v);
            if (nm && k < cap) {
                keys[k] = nm;
                vals[k] = v;
            }
            k += nm != NULL;
        }
    } else if (YAJL_IS_OBJECT(an) && an->u.object.len <= 256) {
        for (size_t j = 0; j < an->u.object.len; j++) {
            yajl_val a = an->u.object.values[j];
            yajl_val ta = x_jpath(a, "textAnswers.answers");
            yajl_val v = YAJL_IS_ARRAY(ta) && ta->u.array.len
                             ? x_jget(ta->u.array.values[0], "value")
                             : NULL;
            if (!plain_value(v))
                continue;
            const char *qid = x_jstr(x_jget(a, "questionId"));
            if (!qid)
                qid = an->u.object.keys[j];
            if (k < cap) {
                const char *t = form_title(ft, qid);
                keys[k] = t ? question_key(t) : qid;
                vals[k] = v;
            }
            k++;
        }
    }
    yajl_val pages = x_jget(o, "pages");
    for (size_t p = 0; YAJL_IS_ARRAY(pages) && p < pages->u.array.len && p < 64; p++) {
        yajl_val qs = x_jget(pages->u.array.values[p], "questions");
        for (size_t j = 0; YAJL_IS_ARRAY(qs) && j < qs->u.array.len && j < 256; j++) {
            yajl_val q = qs->u.array.values[j];
            const char *h = x_jstr(x_jget(q, "heading"));
            yajl_val as = x_jget(q, "answers");
            yajl_val a0 = YAJL_IS_ARRAY(as) && as->u.array.len ? as->u.array.values[0] : NULL;
            yajl_val v = x_jget(a0, "simple_text");
            if (!plain_value(v))
                v = x_jget(a0, "text");
            if (!h || !plain_value(v))
                continue;
            if (k < cap) {
                keys[k] = question_key(h);
                vals[k] = v;
            }
            k++;
        }
    }
    return k;
}

static void unflatten_answers(struct flat_saved *sv, size_t n);
static hugi_rc flatten_answers(yajl_val root, struct flat_saved **out, size_t *nout)
{
    *out = NULL;
    *nout = 0;
    /* the responses: the root's first list whose first item holds answers (`items`,
     * `responses`, `data`; a form's own `items` list its questions) */
    yajl_val items = NULL;
    for (size_t i = 0; YAJL_IS_OBJECT(root) && i < root->u.object.len && !items; i++) {
        yajl_val a = root->u.object.values[i];
        if (YAJL_IS_ARRAY(a) && a->u.array.len &&
            answer_pairs(NULL, a->u.array.values[0], NULL, NULL, 0))
            items = a;
    }
    if (!items || !items->u.array.len || items->u.array.len > 100000)
        return HUGI_OK;
    /* every item (of the first ten) holds answers */
    for (size_t i = 0; i < items->u.array.len && i < 10; i++)
        if (!YAJL_IS_OBJECT(items->u.array.values[i]) ||
            !answer_pairs(NULL, items->u.array.values[i], NULL, NULL, 0))
            return HUGI_OK;
    /* (counting the answers names none of them: the titles are looked up when they are kept) */
    struct form_titles ft;
    if (form_titles_build(root, &ft))
        return HUGI_E_NOMEM;
    struct flat_saved *sv = calloc(items->u.array.len, sizeof *sv);
    if (!sv) {
        free(ft.t);
        return HUGI_E_NOMEM;
    }
    size_t n = 0;
    for (size_t i = 0; i < items->u.array.len; i++) {
        yajl_val o = items->u.array.values[i];
        if (!YAJL_IS_OBJECT(o))
            continue;
        size_t np = answer_pairs(NULL, o, NULL, NULL, 0);
        if (!np)
            continue;
        size_t len = o->u.object.len, m = len + np + 1;
        const char **keys = malloc(m * sizeof *keys);
        yajl_val *vals = malloc(m * sizeof *vals);
        if (!keys || !vals) {
            free(keys);
            free(vals);
            /* the items flattened so far get their own arrays back and their copies freed */
            unflatten_answers(sv, n);
            free(ft.t);
            return HUGI_E_NOMEM;
        }
        memcpy(keys, o->u.object.keys, len * sizeof *keys);
        memcpy(vals, o->u.object.values, len * sizeof *vals);
        size_t k = len + answer_pairs(&ft, o, keys + len, vals + len, np);
        /* the response's own id (`response_id`, `responseId`, else its `token`) is the row's */
        yajl_val rid = x_jget(o, "response_id");
        if (!rid)
            rid = x_jget(o, "responseId");
        if (!rid)
            rid = x_jget(o, "token");
        if (!x_jget(o, "id") && x_jstr(rid)) {
            keys[k] = "id";
            vals[k++] = rid;
        }
        sv[n++] = (struct flat_saved){o, o->u.object.keys, o->u.object.values, len};
        o->u.object.keys = keys;
        o->u.object.values = vals;
        o->u.object.len = k;
    }
    free(ft.t);
    *out = sv;
    *nout = n;
    return HUGI_OK;
}

static void unflatten_answers(struct flat_saved *sv, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free((void *)sv[i].obj->u.object.keys);
        free(sv[i].obj->u.object.values);
        sv[i].obj->u.object.keys = sv[i].keys;
        sv[i].obj->u.object.values = sv[i].vals;
        sv[i].obj->u.object.len = sv[i].len;
    }
    free(sv);
}

/* A table kept by columns, as data frames and warehouse exports write it: pandas'
 * `orient="split"` (`{"columns": ["rating", "text", …], "data": [[5, "…"], …]}`), its
 * `orient="columns"` (`{"rating": {"0": 5, "1": 2}, "text": {"0": "…", "1": "…"}}`) and a
 * column store's arrays (`{"rating": [5, 2], "text": ["…", "…"]}`). Such a node is read, for
 * the call, as the list of rows it stands for when its column names name a review's text and
 * another field: the node's own record is replaced by an array of row objects built in an
 * arena and put back afterwards (the leaves are shared, never copied). */
#define RESHAPE_MAX 8
struct reshapes {
    struct hugi_arena *a;
    yajl_val node[RESHAPE_MAX];
    struct yajl_val_s old[RESHAPE_MAX];
    size_t n;
};

static bool scalar_val(yajl_val v)
{
    return !v || YAJL_IS_STRING(v) || YAJL_IS_NUMBER(v) || YAJL_IS_TRUE(v) || YAJL_IS_FALSE(v) ||
           YAJL_IS_NULL(v);
}

/* column names that name a review's text and one other field of it */
static bool review_columns(const char *const *names, size_t n)
{
    bool text = false, other = false;
    for (size_t i = 0; i < n; i++) {
        const char *f = names[i] ? x_field_for_key(names[i], strlen(names[i]), NULL) : NULL;
        if (f && strcmp(f, "text") == 0)
            text = true;
        else if (f && (!strcmp(f, "rating") || !strcmp(f, "author") || !strcmp(f, "date")))
            other = true;
    }
    return text && other;
}

/* The rows: rows objects of ncol keys, row i's value for column j cell(c, i, j) */
typedef yajl_val (*cell_fn)(yajl_val c, size_t i, size_t j);

static bool reshape_to_rows(struct reshapes *rs, yajl_val node, const char *const *cols,
                            size_t ncol, size_t rows, yajl_val src, cell_fn cell)
{
    if (rs->n >= RESHAPE_MAX || !rows || rows > SIZE_MAX / sizeof(yajl_val) / (ncol + 1))
        return false;
    if (!rs->a && !(rs->a = hugi_arena_new(0)))
        return false;
    yajl_val rowv = hugi_arena_alloc(rs->a, rows * sizeof *rowv);
    yajl_val *items = hugi_arena_alloc(rs->a, rows * sizeof *items);
    if (!rowv || !items)
        return false;
    for (size_t i = 0; i < rows; i++) {
        yajl_val *vals = hugi_arena_alloc(rs->a, ncol * sizeof *vals);
        if (!vals)
            return false;
        for (size_t j = 0; j < ncol; j++)
            vals[j] = cell(src, i, j);
        rowv[i].type = yajl_t_object;
        rowv[i].u.object.keys = (const char **)cols;
        rowv[i].u.object.values = vals;
        rowv[i].u.object.len = ncol;
        items[i] = &rowv[i];
    }
    rs->node[rs->n] = node;
    rs->old[rs->n++] = *node;
    node->type = yajl_t_array;
    node->u.array.values = items;
    node->u.array.len = rows;
    return true;
}

static yajl_val split_cell(yajl_val data, size_t i, size_t j)
{
    return data->u.array.values[i]->u.array.values[j];
}

static yajl_val by_column_cell(yajl_val o, size_t i, size_t j)
{
    yajl_val col = o->u.object.values[j];
    return YAJL_IS_ARRAY(col) ? col->u.array.values[i] : col->u.object.values[i];
}

/* node as its rows when the column names (borrowed from the document, copied into the arena)
 * name a review's fields */
static bool reshape_named(struct reshapes *rs, yajl_val node, const char *const *names, size_t nc,
                          size_t rows, cell_fn cell)
{
    if (!review_columns(names, nc))
        return false;
    const char **keys =
        rs->a || (rs->a = hugi_arena_new(0)) ? hugi_arena_alloc(rs->a, nc * sizeof *keys) : NULL;
    if (!keys)
        return false;
    memcpy(keys, names, nc * sizeof *keys);
    return reshape_to_rows(rs, node, keys, nc, rows, node, cell);
}

/* pandas' split form: the `data` rows, each as long as `columns` (strings) */
static bool reshape_split(struct reshapes *rs, yajl_val o)
{
    yajl_val cols = x_jget(o, "columns"), data = x_jget(o, "data");
    if (!YAJL_IS_ARRAY(cols) || !YAJL_IS_ARRAY(data) || cols->u.array.len < 2 ||
        cols->u.array.len > 256 || !data->u.array.len)
        return false;
    size_t nc = cols->u.array.len;
    const char *names[256];
    for (size_t j = 0; j < nc; j++)
        if (!(names[j] = YAJL_IS_STRING(cols->u.array.values[j]) ? cols->u.array.values[j]->u.string
                                                                 : NULL))
            return false;
    for (size_t i = 0; i < data->u.array.len; i++) {
        yajl_val row = data->u.array.values[i];
        if (!YAJL_IS_ARRAY(row) || row->u.array.len != nc)
            return false;
    }
    return reshape_named(rs, data, names, nc, data->u.array.len, split_cell);
}

/* columns side by side: every member an array of scalars, or an object of scalars keyed by row,
 * all of one length (the objects with the same row keys in the same order) */
static bool reshape_columns(struct reshapes *rs, yajl_val o)
{
    size_t nc = o->u.object.len;
    if (nc < 2 || nc > 256)
        return false;
    yajl_val c0 = o->u.object.values[0];
    bool arrays = YAJL_IS_ARRAY(c0);
    if (!arrays && !YAJL_IS_OBJECT(c0))
        return false;
    size_t rows = arrays ? c0->u.array.len : c0->u.object.len;
    if (!rows)
        return false;
    for (size_t j = 0; j < nc; j++) {
        yajl_val c = o->u.object.values[j];
        if (arrays ? !YAJL_IS_ARRAY(c) || c->u.array.len != rows
                   : !YAJL_IS_OBJECT(c) || c->u.object.len != rows)
            return false;
        for (size_t i = 0; i < rows; i++) {
            if (!scalar_val(arrays ? c->u.array.values[i] : c->u.object.values[i]))
                return false;
            if (!arrays && strcmp(c->u.object.keys[i], c0->u.object.keys[i]) != 0)
                return false;
        }
    }
    if (!review_columns(o->u.object.keys, nc))
        return false;
    return reshape_to_rows(rs, o, o->u.object.keys, nc, rows, o, by_column_cell);
}

static yajl_val row_cell(yajl_val rows, size_t i, size_t j)
{
    return x_jget(x_jget(rows->u.array.values[i], "f")->u.array.values[j], "v");
}

/* a warehouse's query answer (BigQuery's `schema.fields[].name` beside `rows[].f[].v`): row i's
 * cell j is column j's value; every row as long as the schema, every cell a scalar (a nested
 * RECORD is not read) */
static bool reshape_schema_rows(struct reshapes *rs, yajl_val o)
{
    yajl_val fields = x_jget(x_jget(o, "schema"), "fields"), rows = x_jget(o, "rows");
    if (!YAJL_IS_ARRAY(fields) || !YAJL_IS_ARRAY(rows) || fields->u.array.len < 2 ||
        fields->u.array.len > 256 || !rows->u.array.len)
        return false;
    size_t nc = fields->u.array.len;
    const char *names[256];
    for (size_t j = 0; j < nc; j++)
        if (!(names[j] = x_jstr(x_jget(fields->u.array.values[j], "name"))))
            return false;
    for (size_t i = 0; i < rows->u.array.len; i++) {
        yajl_val f = x_jget(rows->u.array.values[i], "f");
        if (!YAJL_IS_ARRAY(f) || f->u.array.len != nc)
            return false;
        for (size_t j = 0; j < nc; j++)
            if (!YAJL_IS_OBJECT(f->u.array.values[j]) ||
                !scalar_val(x_jget(f->u.array.values[j], "v")))
                return false;
    }
    return reshape_named(rs, rows, names, nc, rows->u.array.len, row_cell);
}

static void reshape_walk(struct reshapes *rs, yajl_val v, int depth)
{
    if (depth > 8 || rs->n >= RESHAPE_MAX)
        return;
    if (YAJL_IS_OBJECT(v)) {
        if (reshape_split(rs, v) || reshape_columns(rs, v) || reshape_schema_rows(rs, v))
            return;
        for (size_t i = 0; i < v->u.object.len; i++)
            reshape_walk(rs, v->u.object.values[i], depth + 1);
    } else if (YAJL_IS_ARRAY(v)) {
        for (size_t i = 0; i < v->u.array.len; i++)
            reshape_walk(rs, v->u.array.values[i], depth + 1);
    }
}

static void reshape_undo(struct reshapes *rs)
{
    while (rs->n--)
        *rs->node[rs->n] = rs->old[rs->n];
    hugi_arena_free(rs->a);
}

/* generic_in with x->gen_root set for the call only (the tree is freed after it) */
static hugi_rc generic(struct xctx *x, yajl_val root)
{
    yajl_val saved = x->gen_root;
    struct embedded emb[EMB_MAX];
    size_t nemb = 0;
    embed_json(root, 0, emb, &nemb);
    struct flat_saved *flat = NULL;
    size_t nflat = 0;
    hugi_rc frc = flatten_answers(root, &flat, &nflat);
    if (frc) {
        while (nemb--) {
            *emb[nemb].slot = emb[nemb].orig;
            x_json_free(emb[nemb].tree);
        }
        return frc;
    }
    /* the indexes point into this tree: a nested call gets its own, the caller's come back */
    struct xrefs saved_refs = x->refs;
    memset(&x->refs, 0, sizeof x->refs);
    x->gen_root = root;
    struct reshapes rs = {.n = 0};
    reshape_walk(&rs, root, 0);
    hugi_rc rc = generic_in(x, root);
    reshape_undo(&rs);
    ref_ix_reset(x);
    x->gen_root = saved;
    x->refs = saved_refs;
    unflatten_answers(flat, nflat);
    while (nemb--) {
        *emb[nemb].slot = emb[nemb].orig;
        x_json_free(emb[nemb].tree);
    }
    return rc;
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
    set_likes_j(&r, x_jget(sn, "likeCount"));
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
    return x_emit_or_drop(x, &r, rc);
}

/* One commentThread (the top-level comment, then its embedded replies) or one comment. */
static hugi_rc youtube_item(struct xctx *x, yajl_val it)
{
    yajl_val top = x_jpath(it, "snippet.topLevelComment");
    if (!top)
        return youtube_comment(x, it, NULL, NULL);
    yajl_val video = x_jpath(it, "snippet.videoId");
    hugi_rc rc = youtube_comment(x, top, NULL, video);
    const char *pid = x_jstr(x_jget(top, "id"));
    if (!pid)
        pid = x_jstr(x_jget(it, "id"));
    yajl_val reps = x_jpath(it, "replies.comments");
    for (size_t k = 0; !rc && YAJL_IS_ARRAY(reps) && k < reps->u.array.len; k++)
        rc = youtube_comment(x, reps->u.array.values[k], pid, video);
    return rc;
}

static bool youtube_kind(yajl_val v)
{
    const char *k = x_jstr(x_jget(v, "kind"));
    return k && strncmp(k, "youtube#comment", 15) == 0 && !strstr(k, "ListResponse");
}

static hugi_rc youtube(struct xctx *x, yajl_val root)
{
    /* A bare resource (what commentThreads.insert and comments.insert answer, or one thread
     * saved alone) is a list of one; a JSON array of resources (a scraper's saved `items` of
     * several pages) is the list itself. */
    if (youtube_kind(root) && !x_jget(root, "items"))
        return youtube_item(x, root);
    if (YAJL_IS_ARRAY(root)) {
        for (size_t i = 0; i < root->u.array.len; i++) {
            yajl_val el = root->u.array.values[i];
            /* a page saved whole among others (`[{…ListResponse…}, {…}]`): read as a page; the
             * cursor is the last page's (the earlier ones' lead to pages already here) */
            bool page = YAJL_IS_OBJECT(el) && YAJL_IS_ARRAY(x_jget(el, "items"));
            hugi_rc rc = page ? youtube(x, el) : youtube_item(x, el);
            if (page && i + 1 < root->u.array.len) {
                free(x->res->next_cursor);
                x->res->next_cursor = NULL;
            }
            if (rc)
                return rc;
        }
        return HUGI_OK;
    }
    yajl_val items = x_jget(root, "items");
    if (!YAJL_IS_ARRAY(items))
        return HUGI_E_NOTFOUND;
    for (size_t i = 0; i < items->u.array.len; i++) {
        hugi_rc rc = youtube_item(x, items->u.array.values[i]);
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
    /* an array of resources: every element one (a mixed array is no API output) */
    if (YAJL_IS_ARRAY(root) && root->u.array.len) {
        for (size_t i = 0; i < root->u.array.len; i++) {
            yajl_val el = root->u.array.values[i];
            if (!youtube_kind(el) &&
                !(YAJL_IS_OBJECT(el) && YAJL_IS_ARRAY(x_jget(el, "items")) && is_youtube(el)))
                return false;
        }
        return true;
    }
    yajl_val items = x_jget(root, "items");
    if (!YAJL_IS_ARRAY(items) || !items->u.array.len)
        return false;
    yajl_val it = items->u.array.values[0];
    k = x_jstr(x_jget(it, "kind"));
    return (k && strncmp(k, "youtube#comment", 15) == 0) || x_jpath(it, "snippet.topLevelComment");
}

/* ---- Reddit --------------------------------------------------------------------------------- */

static hugi_rc reddit_walk(struct xctx *x, yajl_val v, int depth);

/* "[deleted]" and "[removed]" are Reddit's placeholders, not what anybody wrote. */
static bool reddit_gone(const char *s)
{
    return s && (strcmp(s, "[deleted]") == 0 || strcmp(s, "[removed]") == 0);
}

/* The API escapes &, < and > in titles and bodies (markdown) as HTML entities: undo that. */
static hugi_rc reddit_set_decoded(char **dst, const char *s)
{
    struct hugi_buf dec;
    hugi_buf_init(&dec, 0);
    hugi_rc rc = x_html_decode(&dec, s, strlen(s));
    if (!rc)
        rc = x_set(dst, dec.data, dec.len);
    hugi_buf_release(&dec);
    return rc;
}

/* What comments and posts share: the date, the score as likes, the permalink as the URL. */
static hugi_rc reddit_set_meta(struct xctx *x, struct hugi_review *r, yajl_val d)
{
    hugi_rc rc = x_set_date_j(x, r, x_jget(d, "created_utc"));
    set_likes_j(r, x_jget(d, "score"));
    const char *pl = x_jstr(x_jget(d, "permalink"));
    if (!rc && pl) {
        struct hugi_buf u;
        hugi_buf_init(&u, 8192);
        rc = hugi_buf_addf(&u, "%s%s", pl[0] == '/' ? "https://www.reddit.com" : "", pl);
        if (!rc)
            rc = x_set(&r->url, u.data, u.len);
        hugi_buf_release(&u);
    }
    return rc;
}

/* Runs fn on each item of an array one level deeper. */
static hugi_rc reddit_each(struct xctx *x, yajl_val arr, int depth,
                           hugi_rc (*fn)(struct xctx *, yajl_val, int))
{
    for (size_t i = 0; i < arr->u.array.len; i++) {
        hugi_rc rc = fn(x, arr->u.array.values[i], depth + 1);
        if (rc)
            return rc;
    }
    return HUGI_OK;
}

/* A Listing's "after" is the next page's cursor; only the top-level listing pages. */
static hugi_rc reddit_after(struct xctx *x, yajl_val d, int depth)
{
    const char *after = x_jstr(x_jget(d, "after"));
    return after && depth <= 1 ? x_set_next_cursor(x, after, strlen(after)) : HUGI_OK;
}

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
    /* A deleted or removed comment is skipped (its replies still come out, with parent_id
     * pointing at it). */
    const char *body = x_jstr(x_jget(d, "body"));
    bool gone = reddit_gone(body);
    if (!rc && body && !gone)
        rc = reddit_set_decoded(&r.text, body);
    if (!rc)
        rc = reddit_set_meta(x, &r, d);
    if (!rc)
        rc = x_set_j(&r.parent_id, x_jget(d, "parent_id"));
    if (!rc && gone) {
        x_warn(x, r.id, "%s comment skipped", body[1] == 'd' ? "deleted" : "removed");
        hugi_review_release(&r);
    } else if (!rc)
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
    if (YAJL_IS_ARRAY(v))
        return reddit_each(x, v, depth, reddit_walk);
    const char *kind = x_jstr(x_jget(v, "kind"));
    yajl_val d = x_jget(v, "data");
    if (!kind || !YAJL_IS_OBJECT(d))
        return HUGI_OK;
    if (strcmp(kind, "Listing") == 0) {
        hugi_rc rc = reddit_walk(x, x_jget(d, "children"), depth + 1);
        return rc ? rc : reddit_after(x, d, depth);
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

/* A t3 post as a review: title, selftext (a link post has none: the title is all it says). */
static hugi_rc reddit_post(struct xctx *x, yajl_val d)
{
    struct hugi_review r;
    hugi_review_init(&r);
    const char *name = x_jstr(x_jget(d, "name"));
    hugi_rc rc = name ? x_set(&r.id, name, strlen(name)) : HUGI_OK;
    const char *a = x_jstr(x_jget(d, "author"));
    if (!rc && a && strcmp(a, "[deleted]") != 0)
        rc = x_set(&r.author, a, strlen(a));
    const char *t = x_jstr(x_jget(d, "title"));
    if (!rc && t)
        rc = reddit_set_decoded(&r.title, t);
    const char *body = x_jstr(x_jget(d, "selftext"));
    bool gone = reddit_gone(body);
    if (!rc && body && !gone)
        rc = reddit_set_decoded(&r.text, body);
    if (!rc)
        rc = reddit_set_meta(x, &r, d);
    if (!rc && gone)
        x_warn(x, r.id, "%s post skipped", body[1] == 'd' ? "deleted" : "removed");
    if (rc || gone || (!r.title && !r.text)) {
        hugi_review_release(&r);
        return rc;
    }
    return x_emit(x, &r, 0);
}

/* Whether the document holds a t1 comment anywhere (depth-bounded). */
static bool reddit_has_comments(yajl_val v, int depth)
{
    if (!v || depth > 64)
        return false;
    if (YAJL_IS_ARRAY(v)) {
        for (size_t i = 0; i < v->u.array.len; i++)
            if (reddit_has_comments(v->u.array.values[i], depth + 1))
                return true;
        return false;
    }
    if (!YAJL_IS_OBJECT(v))
        return false;
    const char *k = x_jstr(x_jget(v, "kind"));
    if (k && strcmp(k, "t1") == 0)
        return true;
    yajl_val d = x_jget(v, "data");
    return reddit_has_comments(x_jget(d, "children"), depth + 1) ||
           reddit_has_comments(x_jget(d, "replies"), depth + 1) ||
           reddit_has_comments(x_jget(v, "json"), depth + 1) ||
           reddit_has_comments(x_jget(d, "things"), depth + 1);
}

/* A listing of posts only (a subreddit's /new, a search): the posts are what people wrote, so
 * they are the reviews. Where comments exist, the post is the thread's head, not a review. */
static hugi_rc reddit_posts(struct xctx *x, yajl_val v, int depth)
{
    if (!v || depth > 64)
        return HUGI_OK;
    if (YAJL_IS_ARRAY(v))
        return reddit_each(x, v, depth, reddit_posts);
    const char *kind = x_jstr(x_jget(v, "kind"));
    yajl_val d = x_jget(v, "data");
    if (!kind || !YAJL_IS_OBJECT(d))
        return HUGI_OK;
    if (strcmp(kind, "t3") == 0)
        return reddit_post(x, d);
    if (strcmp(kind, "Listing") != 0)
        return HUGI_OK;
    hugi_rc rc = reddit_posts(x, x_jget(d, "children"), depth + 1);
    return rc ? rc : reddit_after(x, d, depth);
}

static hugi_rc reddit(struct xctx *x, yajl_val root)
{
    yajl_val things = x_jpath(root, "json.data.things");
    if (things)
        return reddit_walk(x, things, 0);
    if (!reddit_has_comments(root, 0))
        return reddit_posts(x, root, 0);
    return reddit_walk(x, root, 0);
}

/* ---- X / Twitter API v2 -------------------------------------------------------------------- */

/* An API v2 problem list: errors[] of objects whose "type" is a twitter/x problem URL. */
static bool twitter_errors(yajl_val root)
{
    yajl_val e = x_jget(root, "errors");
    if (!YAJL_IS_ARRAY(e) || !e->u.array.len)
        return false;
    const char *t = x_jstr(x_jget(e->u.array.values[0], "type"));
    return t && (strstr(t, "api.twitter.com/2/problems") || strstr(t, "api.x.com/2/problems"));
}

static bool is_twitter(yajl_val root)
{
    if (!x_jget(root, "data") && twitter_errors(root))
        return true;
    /* a search or timeline with no results: only meta, result_count 0 */
    yajl_val meta = x_jget(root, "meta");
    if (!x_jget(root, "data") && YAJL_IS_OBJECT(meta) && x_jget(meta, "result_count") &&
        root->u.object.len <= 2)
        return true;
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
    /* A long post's full text is in note_tweet; "text" then holds the first 280 characters. */
    yajl_val full = x_jpath(t, "note_tweet.text");
    if (!rc)
        rc = x_set_j(&r.text, YAJL_IS_STRING(full) ? full : x_jget(t, "text"));
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
    set_likes_j(&r, x_jpath(t, "public_metrics.like_count"));
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
    return x_emit_or_drop(x, &r, rc);
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
    /* Errors come with or instead of data (a deleted tweet, a suspended author, a bad token):
     * each is a warning; the tweets that did come are still reviews. */
    yajl_val errs = x_jget(root, "errors");
    for (size_t i = 0; !rc && YAJL_IS_ARRAY(errs) && i < errs->u.array.len; i++) {
        yajl_val e = errs->u.array.values[i];
        const char *title = x_jstr(x_jget(e, "title"));
        const char *detail = x_jstr(x_jget(e, "detail"));
        if (!detail)
            detail = x_jstr(x_jget(e, "message"));
        char where[48];
        snprintf(where, sizeof where, "$.errors[%zu]", i);
        x_warn(x, where, "API error: %.60s%s%.120s", title ? title : "error", detail ? ": " : "",
               detail ? detail : "");
    }
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
    if (vc && sscanf(vc, "%lf", &v) == 1)
        set_likes(&r, v);
    yajl_val href = x_jpath(e, "link.attributes.href");
    if (!rc && href)
        rc = x_set_j(&r.url, href);
    return x_emit_or_drop(x, &r, rc);
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

/* The name of a JSON Feed item's author (1.1's `authors[0]`, 1.0's `author`), or NULL. */
static const char *jsonfeed_author(yajl_val it)
{
    yajl_val a = x_jget(it, "authors");
    if (YAJL_IS_ARRAY(a))
        a = a->u.array.len ? a->u.array.values[0] : NULL;
    else
        a = x_jget(it, "author");
    return YAJL_IS_OBJECT(a) ? x_jstr(x_jget(a, "name")) : NULL;
}

/* Whether an object, or an extension object in it (`_review`), has a rating key. */
static bool rated_item(yajl_val it)
{
    for (size_t i = 0; YAJL_IS_OBJECT(it) && i < it->u.object.len; i++) {
        const char *k = it->u.object.keys[i];
        const char *f = x_field_for_key(k, strlen(k), NULL);
        if (f && !strcmp(f, "rating"))
            return true;
        if (k[0] == '_' && YAJL_IS_OBJECT(it->u.object.values[i]) &&
            rated_item(it->u.object.values[i]))
            return true;
    }
    return false;
}

/* A JSON Feed (https://jsonfeed.org/version/1.1) of a publication's own posts, as for RSS and
 * Atom: at least two items, every one tagged, none rated, all by one author or all by nobody (a
 * shop's announcements; comments and reviews are written by many and tagged with nothing). */
static bool jsonfeed_posts(yajl_val root)
{
    const char *v = x_jstr(x_jget(root, "version"));
    yajl_val items = x_jget(root, "items");
    if (!v || !strstr(v, "jsonfeed.org/version") || !YAJL_IS_ARRAY(items) || items->u.array.len < 2)
        return false;
    const char *first = NULL;
    for (size_t i = 0; i < items->u.array.len; i++) {
        yajl_val it = items->u.array.values[i];
        yajl_val tags = x_jget(it, "tags");
        if (!YAJL_IS_OBJECT(it) || !YAJL_IS_ARRAY(tags) || !tags->u.array.len || rated_item(it))
            return false;
        const char *a = jsonfeed_author(it);
        if (i == 0)
            first = a;
        else if ((!a) != (!first) || (a && strcmp(a, first) != 0))
            return false;
    }
    return true;
}

/* An API's error answer saved in place of a page (`{"error": {"code": 403, "message": "…quota…"}}`
 * from Google's APIs, `{"error": {"message", "type", "fbtrace_id"}}` from the Graph API,
 * `{"message": "Forbidden", "error": 403}`): an object whose keys all describe an error, one of
 * them `error`/`errors` with something in it. Its message, else NULL; `where` gets that key's
 * JSON path. A page of data with an `error` beside it (TikTok's `"error": {"code": "ok"}` next
 * to `data`) is no error answer. */
static const char *api_error(yajl_val root, char *where, size_t cap)
{
    static const char *const keys[] = {"error",
                                       "errors",
                                       "message",
                                       "status",
                                       "code",
                                       "statuscode",
                                       "success",
                                       "ok",
                                       "requestid",
                                       "logid",
                                       "traceid",
                                       "fbtraceid",
                                       "details",
                                       "timestamp",
                                       "path",
                                       "type",
                                       "title",
                                       "errordescription",
                                       "errorcode",
                                       "errormessage",
                                       "reason",
                                       "detail",
                                       "documentationurl",
                                       "instance"};
    if (!YAJL_IS_OBJECT(root) || !root->u.object.len)
        return NULL;
    yajl_val e = NULL;
    const char *ek = NULL;
    for (size_t i = 0; i < root->u.object.len; i++) {
        const char *k = root->u.object.keys[i];
        if (!key_listed(k, keys, sizeof keys / sizeof *keys))
            return NULL;
        char nk[16];
        size_t n = hugi_extract_name_norm(k, strlen(k), nk, sizeof nk);
        if ((n == 5 && !memcmp(nk, "error", 5)) || (n == 6 && !memcmp(nk, "errors", 6))) {
            e = root->u.object.values[i];
            ek = k;
        }
    }
    if (!e || YAJL_IS_NULL(e) || YAJL_IS_FALSE(e) || (YAJL_IS_ARRAY(e) && !e->u.array.len) ||
        (YAJL_IS_OBJECT(e) && !e->u.object.len) || (YAJL_IS_STRING(e) && !e->u.string[0]))
        return NULL;
    /* the key as the answer spells it (`errors`, `Error`), and the first of a list */
    snprintf(where, cap, "$.%.60s%s", ek, YAJL_IS_ARRAY(e) ? "[0]" : "");
    if (YAJL_IS_ARRAY(e))
        e = e->u.array.values[0];
    const char *ok = YAJL_IS_OBJECT(e) ? x_jstr(x_jget(e, "code")) : NULL;
    if (ok && (!strcmp(ok, "ok") || !strcmp(ok, "0")))
        return NULL;
    const char *m = YAJL_IS_OBJECT(e) ? x_jstr(x_jget(e, "message")) : x_jstr(e);
    if (!m)
        m = x_jstr(x_jget(root, "message"));
    return m && *m ? m : "no message";
}

hugi_rc x_json_feed(struct xctx *x, yajl_val root, enum hugi_extract_preset want,
                    enum hugi_extract_preset *used)
{
    char errwhere[80];
    const char *apierr = want != HUGI_PRESET_TWITTER && !is_twitter(root)
                             ? api_error(root, errwhere, sizeof errwhere)
                             : NULL;
    if (apierr)
        return x_fail(x, HUGI_E_PARSE, errwhere, "the saved answer is an API error: %.200s",
                      apierr);
    switch (want) {
    case HUGI_PRESET_YOUTUBE:
        return youtube(x, root);
    case HUGI_PRESET_REDDIT:
        return is_reddit(root) ? reddit(x, root) : HUGI_E_NOTFOUND;
    case HUGI_PRESET_TWITTER:
        return x_jget(root, "data") || x_jget(root, "errors") || x_jpath(root, "meta.result_count")
                   ? twitter(x, root)
                   : HUGI_E_NOTFOUND;
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
    if (jsonfeed_posts(root)) {
        x_warn(x, NULL, "every item is one of a publication's own posts, no reviews");
        return HUGI_OK;
    }
    if (is_jsonld(root)) {
        *used = HUGI_PRESET_JSONLD;
        return x_jsonld_value(x, root);
    }
    *used = HUGI_PRESET_JSON;
    return generic(x, root);
}

/* ---- JSONL ----------------------------------------------------------------------------------- */

static hugi_rc jsonl_lines(struct xctx *x, const char *s, size_t len);

/* A JSONL line that is one review: a key of its own names a text, a title or a rating. A line
 * without one that holds objects or arrays is a whole response (read by the JSON detection). */
static bool jsonl_item_like(yajl_val o)
{
    bool nested = false;
    for (size_t i = 0; i < o->u.object.len; i++) {
        yajl_val v = o->u.object.values[i];
        if (YAJL_IS_OBJECT(v) || YAJL_IS_ARRAY(v)) {
            nested = true;
            continue;
        }
        const char *k = o->u.object.keys[i];
        const char *f = x_field_for_key(k, strlen(k), NULL);
        if (f && (!strcmp(f, "text") || !strcmp(f, "title") || !strcmp(f, "rating")))
            return true;
    }
    return !nested;
}

/* The scale of a JSONL file's ratings, from its first 200 objects, as for a JSON list (a dump
 * of comments whose "score" counts votes has none). */
/* The next non-blank line of a JSONL text from *i on, parsed (caller frees), *i moved past it;
 * NULL at the end, or for a line that does not parse (*bad then set). The passes before the
 * main one read lines with it; the main pass names each line in its messages. */
static yajl_val jsonl_next(const char *s, size_t len, size_t *i, bool *bad)
{
    *bad = false;
    while (*i < len) {
        const char *nl = memchr(s + *i, '\n', len - *i);
        size_t e = nl ? (size_t)(nl - s) : len;
        size_t n;
        const char *t = hugi_str_trim(s + *i, e - *i, &n);
        *i = e + 1;
        if (n == 0)
            continue;
        char eb[8];
        yajl_val v = x_json_parse(t, n, eb, sizeof eb);
        *bad = !v;
        return v;
    }
    return NULL;
}

static double jsonl_scale(const char *s, size_t len)
{
    struct scale_acc a = {0, 1e9};
    size_t i = 0;
    bool bad;
    for (size_t seen = 0; seen < 200; seen++) {
        yajl_val v = jsonl_next(s, len, &i, &bad);
        if (!v)
            break; /* the end, or a bad line: the main pass reports it */
        scale_add(&a, v);
        x_json_free(v);
    }
    return scale_result(&a);
}

/* The value of a JSONL line's record-type key (`type`, `kind`, `record_type`, `event`, …), or
 * NULL: exports and event logs put records of several kinds in one file. */
static const char *jsonl_type(yajl_val o)
{
    static const char *const keys[] = {"type",  "kind",      "recordtype", "objecttype", "object",
                                       "event", "eventtype", "entity",     "typename"};
    if (!YAJL_IS_OBJECT(o))
        return NULL;
    for (size_t i = 0; i < o->u.object.len; i++)
        if (YAJL_IS_STRING(o->u.object.values[i]) &&
            key_listed(o->u.object.keys[i], keys, sizeof keys / sizeof *keys))
            return o->u.object.values[i]->u.string;
    return NULL;
}

/* Whether a record type names a review, a comment or the like ("review", "review.created",
 * "ProductReview", "comment"). */
static bool type_reviewish(const char *t)
{
    static const char *const words[] = {"review",      "comment", "rating",     "feedback",
                                        "testimonial", "opinion", "evaluation", "tweet"};
    return names_any(t, words, sizeof words / sizeof *words);
}

/* Whether the first 1000 lines carry a record type, some naming reviews and some not (a shop's
 * dump with `product`, `review` and `stats` records; webhook logs with `order.paid` and
 * `review.created`): then only the review records are read. */
static bool jsonl_mixed_types(const char *s, size_t len)
{
    bool yes = false, no = false, bad;
    size_t seen = 0, i = 0;
    while (seen < 1000 && !(yes && no)) {
        yajl_val v = jsonl_next(s, len, &i, &bad);
        if (!v && bad)
            continue;
        if (!v)
            break;
        const char *ty = jsonl_type(v);
        if (ty && type_reviewish(ty))
            yes = true;
        else if (ty)
            no = true;
        x_json_free(v);
        seen++;
    }
    return yes && no;
}

/* A review record wrapped in an envelope (`{"event": "review.created", "data": {"review": {…}}}`):
 * the object under a key naming one review, or a comment, at most three levels down. */
static yajl_val enveloped_review(yajl_val o, int depth)
{
    static const char *const names[] = {"review", "comment", "feedback", "testimonial"};
    if (!YAJL_IS_OBJECT(o) || depth > 3)
        return NULL;
    for (size_t i = 0; i < o->u.object.len; i++) {
        yajl_val v = o->u.object.values[i];
        if (YAJL_IS_OBJECT(v) && key_listed(o->u.object.keys[i], names, 4) && jsonl_item_like(v))
            return v;
    }
    for (size_t i = 0; i < o->u.object.len; i++) {
        yajl_val r = enveloped_review(o->u.object.values[i], depth + 1);
        if (r)
            return r;
    }
    return NULL;
}

hugi_rc x_jsonl(struct xctx *x, const char *s, size_t len)
{
    double saved = x->scale, sc = x->o->rating_scale > 0 ? 0 : jsonl_scale(s, len);
    bool saved_no = x->no_ratings;
    if (sc > 0)
        x->scale = sc;
    x->no_ratings = sc < 0;
    hugi_rc rc = jsonl_lines(x, s, len);
    x->scale = saved;
    x->no_ratings = saved_no;
    return rc;
}

static hugi_rc jsonl_lines(struct xctx *x, const char *s, size_t len)
{
    size_t line = 0, bad_line = 0, good = 0, other = 0;
    char bad_msg[160] = "";
    bool mixed = jsonl_mixed_types(s, len);
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
        /* one broken line (a scraper killed mid-write, a hand edit) costs that line only, with a
         * warning naming it; a file with no readable line is an error at its first bad one */
        if (!v) {
            if (!bad_line) {
                bad_line = line;
                snprintf(bad_msg, sizeof bad_msg, "%s", eb);
            }
            x_warn(x, where, "%s; line skipped", eb);
            continue;
        }
        good++;
        hugi_rc rc = HUGI_OK;
        const char *saved_at = x->at;
        x->at = where; /* a bad value's warning names its line */
        const char *ty = mixed ? jsonl_type(v) : NULL;
        yajl_val env = NULL;
        if (mixed && (!ty || !type_reviewish(ty))) {
            if (!other++)
                x_warn(x, where, "record of type '%.40s' is no review; such records skipped",
                       ty ? ty : "(none)");
        } else if (ty && YAJL_IS_OBJECT(v) && !jsonl_item_like(v) &&
                   (env = enveloped_review(v, 0)) != NULL) {
            rc = generic_item(x, env, X_ANY_CONTAINER, NULL);
        } else if (YAJL_IS_OBJECT(v) && !jsonl_item_like(v)) {
            /* a whole API response a line (twarc's raw output, a scraper's saved pages) */
            enum hugi_extract_preset used = HUGI_PRESET_AUTO;
            rc = x_json_feed(x, v, HUGI_PRESET_AUTO, &used);
            if (rc == HUGI_E_NOTFOUND) /* one review with nested fields after all */
                rc = generic_item(x, v, X_ANY_CONTAINER, NULL);
        } else if (YAJL_IS_OBJECT(v)) {
            rc = generic_item(x, v, X_ANY_CONTAINER, NULL);
        } else {
            x_warn(x, where, "not a JSON object");
        }
        x->at = saved_at;
        x_json_free(v);
        if (rc)
            return rc;
    }
    if (bad_line && !good) {
        char where[32];
        snprintf(where, sizeof where, "line %zu", bad_line);
        return x_fail(x, HUGI_E_PARSE, where, "%s", bad_msg);
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
typedef int (*jp_walk_fn)(const struct seg *segs, size_t nseg, size_t k, yajl_val v, x_jp_fn fn,
                          void *ctx, int depth);

/* Runs walk at segment k on each child of an array or object, one level deeper; the first
 * non-zero result stops it. */
static int jp_children(const struct seg *segs, size_t nseg, size_t k, yajl_val v, x_jp_fn fn,
                       void *ctx, int depth, jp_walk_fn walk)
{
    size_t n = YAJL_IS_ARRAY(v) ? v->u.array.len : YAJL_IS_OBJECT(v) ? v->u.object.len : 0;
    for (size_t i = 0; i < n; i++) {
        yajl_val c = YAJL_IS_ARRAY(v) ? v->u.array.values[i] : v->u.object.values[i];
        int r = walk(segs, nseg, k, c, fn, ctx, depth + 1);
        if (r)
            return r;
    }
    return 0;
}

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
    return jp_children(segs, nseg, k + 1, v, fn, ctx, depth, jp_eval);
}

static int jp_deep(const struct seg *segs, size_t nseg, size_t k, yajl_val v, x_jp_fn fn, void *ctx,
                   int depth)
{
    if (depth > MAX_DEPTH)
        return 0;
    int r = jp_step(segs, nseg, k, v, fn, ctx, depth);
    return r ? r : jp_children(segs, nseg, k, v, fn, ctx, depth, jp_deep);
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
            ic->rc = generic_item(x, v, 1, NULL);
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
