/* SPDX-License-Identifier: MIT
 * A light HTML tokenizer for the two structured-data syntaxes review pages carry: JSON-LD
 * <script type="application/ld+json"> blocks and schema.org microdata (itemscope / itemprop).
 * It only tracks what those need (tags, a few attributes, text under an itemprop), which is what
 * makes it several times faster than building a libxml2 tree; the generic xpath preset and the
 * layout presets use libxml2 (extract_xml.c). Unclosed and misnested tags are tolerated: a close
 * tag pops to the nearest open element of its name, or is ignored. */
#include <ctype.h>
#include <libxml/HTMLparser.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "extract_int.h"

#define MAX_STACK 512
#define MAX_ATTRS 32
#define MAX_ITEMS 100000

/* ---- entities ------------------------------------------------------------------------------- */

hugi_rc x_html_decode(struct hugi_buf *out, const char *s, size_t len)
{
    hugi_rc rc = HUGI_OK;
    size_t run = 0;
    for (size_t i = 0; i < len && !rc; i++) {
        if (s[i] != '&')
            continue;
        size_t j = i + 1;
        uint32_t cp = 0;
        bool ok = false;
        if (j < len && s[j] == '#') {
            j++;
            bool hex = j < len && (s[j] == 'x' || s[j] == 'X');
            if (hex)
                j++;
            size_t st = j;
            while (j < len && j - st < 8 &&
                   ((s[j] >= '0' && s[j] <= '9') ||
                    (hex && ((s[j] | 0x20) >= 'a' && (s[j] | 0x20) <= 'f')))) {
                char c = s[j] | (s[j] >= 'A' ? 0x20 : 0);
                cp = cp * (hex ? 16 : 10) + (uint32_t)(c <= '9' ? c - '0' : c - 'a' + 10);
                j++;
            }
            ok = j > st;
            if (ok && j < len && s[j] == ';')
                j++;
            /* Windows-1252 quirks for &#128;-&#159; are rare; NUL and surrogates become U+FFFD. */
            if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
                cp = 0xFFFD;
        } else {
            size_t st = j;
            while (j < len && j - st < 32 &&
                   (((s[j] | 0x20) >= 'a' && (s[j] | 0x20) <= 'z') || (s[j] >= '0' && s[j] <= '9')))
                j++;
            if (j > st && j < len && s[j] == ';') {
                char name[40];
                memcpy(name, s + st, j - st);
                name[j - st] = 0;
                const htmlEntityDesc *e = htmlEntityLookup((const xmlChar *)name);
                if (e) {
                    cp = e->value;
                    ok = true;
                    j++;
                } else if (strcmp(name, "apos") == 0) {
                    cp = '\'';
                    ok = true;
                    j++;
                }
            }
        }
        if (!ok)
            continue;
        rc = hugi_buf_add(out, s + run, i - run);
        char u[4];
        size_t n = hugi_utf8_encode(cp, u);
        if (!rc)
            rc = hugi_buf_add(out, u, n);
        run = j;
        i = j - 1;
    }
    if (!rc)
        rc = hugi_buf_add(out, s + run, len - run);
    if (!rc && !out->data)
        rc = hugi_buf_addstr(out, "");
    return rc;
}

/* ---- tokenizer ---------------------------------------------------------------------------------
 */

struct attr {
    const char *name, *val;
    size_t nlen, vlen;
};

struct tag {
    const char *name;
    size_t nlen;
    struct attr a[MAX_ATTRS];
    int na;
    bool selfclose;
};

static bool eqi(const char *s, size_t n, const char *lit)
{
    size_t l = strlen(lit);
    return n == l && strncasecmp(s, lit, l) == 0;
}

static const struct attr *attr(const struct tag *t, const char *name)
{
    for (int i = 0; i < t->na; i++)
        if (eqi(t->a[i].name, t->a[i].nlen, name))
            return &t->a[i];
    return NULL;
}

/* Whether an attribute value holds `word`, ASCII case ignored (type="Application/LD+JSON"). */
static bool val_has(const struct attr *a, const char *word)
{
    size_t wl = strlen(word);
    for (size_t i = 0; i + wl <= a->vlen; i++)
        if (strncasecmp(a->val + i, word, wl) == 0)
            return true;
    return false;
}

static bool is_void(const char *n, size_t l)
{
    static const char *const v[] = {"area",  "base", "br",   "col",   "embed",  "hr",    "img",
                                    "input", "link", "meta", "param", "source", "track", "wbr"};
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
        if (eqi(n, l, v[i]))
            return true;
    return false;
}

/* Parses "<name attrs...>" at s[i] (s[i] == '<'); returns the index after '>' or 0. */
static size_t parse_tag(const char *s, size_t len, size_t i, struct tag *t)
{
    size_t j = i + 1;
    t->name = s + j;
    while (j < len && s[j] != ' ' && s[j] != '>' && s[j] != '/' && s[j] != '\t' && s[j] != '\n' &&
           s[j] != '\r' && s[j] != '\f')
        j++;
    t->nlen = (size_t)(s + j - t->name);
    t->na = 0;
    t->selfclose = false;
    for (;;) {
        while (j < len && (s[j] == ' ' || s[j] == '\t' || s[j] == '\n' || s[j] == '\r' ||
                           s[j] == '\f' || s[j] == '/')) {
            if (s[j] == '/' && j + 1 < len && s[j + 1] == '>')
                t->selfclose = true;
            j++;
        }
        if (j >= len)
            return 0;
        if (s[j] == '>')
            return j + 1;
        size_t ns = j;
        while (j < len && s[j] != '=' && s[j] != '>' && s[j] != ' ' && s[j] != '\t' &&
               s[j] != '\n' && s[j] != '\r' && s[j] != '/')
            j++;
        size_t ne = j;
        while (j < len && (s[j] == ' ' || s[j] == '\t' || s[j] == '\n' || s[j] == '\r'))
            j++;
        const char *v = NULL;
        size_t vl = 0;
        if (j < len && s[j] == '=') {
            j++;
            while (j < len && (s[j] == ' ' || s[j] == '\t' || s[j] == '\n' || s[j] == '\r'))
                j++;
            if (j < len && (s[j] == '"' || s[j] == '\'')) {
                char q = s[j++];
                const char *e = memchr(s + j, q, len - j);
                if (!e)
                    return 0;
                v = s + j;
                vl = (size_t)(e - v);
                j = (size_t)(e - s) + 1;
            } else {
                v = s + j;
                while (j < len && s[j] != ' ' && s[j] != '>' && s[j] != '\t' && s[j] != '\n' &&
                       s[j] != '\r')
                    j++;
                vl = (size_t)(s + j - v);
            }
        }
        if (ne == ns) {
            j++;
            continue;
        }
        if (t->na < MAX_ATTRS) {
            t->a[t->na].name = s + ns;
            t->a[t->na].nlen = ne - ns;
            t->a[t->na].val = v ? v : "";
            t->a[t->na].vlen = vl;
            t->na++;
        }
    }
}

/* ---- microdata model ----------------------------------------------------------------------------
 */

struct mprop {
    char *name;
    char *value; /* decoded text, or NULL when the value is an item */
    int item;
};

struct mitem {
    char *type;
    struct mprop *p;
    size_t n, cap;
    char *via;  /* the itemprop through which this item is a value, or NULL */
    int parent; /* the item this one is a property of, or -1 */
    char *elid; /* the element's id, for an item outside any other (an itemref target) */
    char *gid;  /* the item's global identifier: microdata itemid, RDFa resource/about */
    char *refs; /* its itemref: ids of elements elsewhere that hold more of its properties */
};

struct capture {
    int item;
    char *names; /* itemprop names, space-separated */
    struct hugi_buf text;
    bool datetime_ok;
};

struct frame {
    char name[16];
    int item;    /* item opened here, or -1 */
    int capture; /* capture opened here, or -1 */
};

struct md {
    struct mitem *items;
    size_t nitems, capitems;
    struct capture *caps;
    size_t ncaps, capcaps;
    int active; /* captures open */
    struct frame stack[MAX_STACK];
    int depth;
    bool oom;
};

static char *dup_decoded(const char *s, size_t n, bool collapse)
{
    struct hugi_buf b;
    hugi_buf_init(&b, 0);
    if (x_html_decode(&b, s, n)) {
        hugi_buf_release(&b);
        return NULL;
    }
    if (!collapse)
        return hugi_buf_detach(&b, NULL);
    char *out = NULL;
    if (b.len)
        x_set_ws(&out, b.data, b.len);
    hugi_buf_release(&b);
    return out ? out : hugi_strdup("");
}

static void add_prop(struct md *m, int item, const char *names, size_t nlen, char *value,
                     int valitem)
{
    if (item < 0 || m->oom) {
        free(value);
        return;
    }
    struct mitem *it = &m->items[item];
    size_t i = 0;
    bool first = true;
    while (i < nlen) {
        while (i < nlen && (names[i] == ' ' || names[i] == '\t' || names[i] == '\n'))
            i++;
        size_t s = i;
        while (i < nlen && names[i] != ' ' && names[i] != '\t' && names[i] != '\n')
            i++;
        if (i == s)
            break;
        if (it->n == it->cap) {
            size_t nc = it->cap ? it->cap * 2 : 8;
            struct mprop *np = realloc(it->p, nc * sizeof *np);
            if (!np) {
                m->oom = true;
                break;
            }
            it->p = np;
            it->cap = nc;
        }
        char *nm = hugi_strndup(names + s, i - s);
        char *v = first ? value : (value ? hugi_strdup(value) : NULL);
        if (!nm || (value && !v)) {
            free(nm);
            if (!first)
                free(v);
            m->oom = true;
            break;
        }
        it->p[it->n++] = (struct mprop){.name = nm, .value = v, .item = valitem};
        if (first)
            value = NULL;
        first = false;
    }
    free(value);
}

static int current_item(struct md *m)
{
    for (int d = m->depth - 1; d >= 0; d--)
        if (m->stack[d].item >= 0)
            return m->stack[d].item;
    return -1;
}

static void close_frame(struct md *m, struct frame *f)
{
    if (f->capture >= 0) {
        struct capture *c = &m->caps[f->capture];
        char *v = dup_decoded(c->text.data ? c->text.data : "", c->text.len, true);
        if (!v)
            m->oom = true;
        else
            add_prop(m, c->item, c->names, strlen(c->names), v, -1);
        free(c->names);
        c->names = NULL;
        hugi_buf_release(&c->text);
        m->active--;
        f->capture = -1;
    }
}

static const char *prop_str(struct md *m, int item, const char *name, int *valitem)
{
    struct mitem *it = &m->items[item];
    for (size_t i = 0; i < it->n; i++) {
        if (strcmp(it->p[i].name, name) == 0) {
            if (valitem)
                *valitem = it->p[i].item;
            return it->p[i].value ? it->p[i].value : "";
        }
    }
    if (valitem)
        *valitem = -1;
    return NULL;
}

static bool type_ends(const char *type, const char *want)
{
    if (!type)
        return false;
    /* itemtype may list several URLs */
    const char *p = type;
    size_t wl = strlen(want);
    while (*p) {
        size_t n = strcspn(p, " ");
        if (n >= wl && memcmp(p + n - wl, want, wl) == 0 &&
            (n == wl || p[n - wl - 1] == '/' || p[n - wl - 1] == ':' || p[n - wl - 1] == '#'))
            return true;
        p += n;
        while (*p == ' ')
            p++;
    }
    return false;
}

/* A whole-string number, with a decimal comma accepted ("4,5"); false for "4 stars". */
static bool md_num(const char *s, double *out)
{
    char tmp[64];
    size_t n;
    const char *t = hugi_str_trim(s, strlen(s), &n);
    if (!n || n >= sizeof tmp)
        return false;
    memcpy(tmp, t, n);
    tmp[n] = 0;
    char *comma = strchr(tmp, ',');
    if (comma && !strchr(tmp, '.') && comma > tmp && comma[1] >= '0' && comma[1] <= '9')
        *comma = '.';
    char *end;
    *out = strtod(tmp, &end);
    return end != tmp && !*end && isfinite(*out);
}

/* The product a microdata review is about (its itemReviewed item, else the nearest enclosing
 * Product item), as the JSON-LD reader takes it: identifiers first, the name without any. */
static const char *md_product(struct md *m, int idx)
{
    int item;
    prop_str(m, idx, "itemReviewed", &item); /* -1 when absent or not an item */
    for (int p = item >= 0 ? item : m->items[idx].parent; p >= 0; p = m->items[p].parent) {
        if (p != item && !type_ends(m->items[p].type, "Product"))
            continue;
        for (const char *const *k = x_product_keys; *k; k++) {
            const char *v = prop_str(m, p, *k, NULL);
            if (v && *v)
                return v;
        }
        return NULL;
    }
    return NULL;
}

static hugi_rc md_review(struct xctx *x, struct md *m, int idx, uint64_t base)
{
    struct hugi_review r;
    hugi_review_init(&r);
    hugi_rc rc = HUGI_OK;
    int sub;
    /* A configured product wins (x_emit fills it in). */
    const char *product = x->o->product ? NULL : md_product(m, idx);
    if (product)
        rc = x_set(&r.product, product, strlen(product));
    /* schema.org names first, then data-vocabulary.org's (reviewer, dtreviewed, rating,
     * summary), which older shop templates still print. */
    /* an itemid several items share is the page's, not each review's (it would make them one) */
    const char *gid = m->items[idx].gid;
    for (size_t j = 0; gid && j < m->nitems; j++)
        if ((int)j != idx && m->items[j].gid && !strcmp(m->items[j].gid, gid))
            gid = NULL;
    if (!rc && gid && gid[0])
        rc = x_set(&r.id, gid, strlen(gid));
    const char *a = prop_str(m, idx, "author", &sub);
    if (!a)
        a = prop_str(m, idx, "reviewer", &sub);
    if (a && sub >= 0) {
        a = prop_str(m, sub, "name", NULL);
        if (!a)
            a = prop_str(m, sub, "alternateName", NULL);
    }
    if (a)
        rc = x_set(&r.author, a, strlen(a));
    const char *d = prop_str(m, idx, "datePublished", NULL);
    if (!d)
        d = prop_str(m, idx, "dateCreated", NULL);
    if (!d)
        d = prop_str(m, idx, "dtreviewed", NULL);
    if (!rc && d)
        rc = x_set_date(x, &r, d, strlen(d));
    const char *t = prop_str(m, idx, "reviewBody", NULL);
    if (!t)
        t = prop_str(m, idx, "description", NULL);
    if (!t)
        t = prop_str(m, idx, "text", NULL);
    if (!rc && t)
        rc = x_set(&r.text, t, strlen(t));
    const char *ti = prop_str(m, idx, "name", NULL);
    if (!ti)
        ti = prop_str(m, idx, "headline", NULL);
    if (!ti)
        ti = prop_str(m, idx, "summary", NULL);
    if (!rc && ti)
        rc = x_set(&r.title, ti, strlen(ti));
    const char *rv = prop_str(m, idx, "reviewRating", &sub);
    if (!rv)
        rv = prop_str(m, idx, "rating", &sub);
    double best = x->scale, worst = 0, v, out;
    if (rv && sub >= 0) {
        const char *b = prop_str(m, sub, "bestRating", NULL);
        if (!b)
            b = prop_str(m, sub, "best", NULL);
        const char *w = prop_str(m, sub, "worstRating", NULL);
        if (!w)
            w = prop_str(m, sub, "worst", NULL);
        if (b && md_num(b, &v) && v > 0)
            best = v;
        if (w && md_num(w, &v))
            worst = v;
        rv = prop_str(m, sub, "ratingValue", NULL);
        if (!rv)
            rv = prop_str(m, sub, "value", NULL);
        if (rv && md_num(rv, &v)) {
            if (hugi_extract_rating_scale(v, best, worst, &out))
                r.rating = out;
        } else if (rv) {
            double sc = x->scale;
            x->scale = best;
            x_set_rating_text(x, &r, rv, strlen(rv));
            x->scale = sc;
        }
    } else {
        if (!rv)
            rv = prop_str(m, idx, "ratingValue", NULL);
        if (rv)
            x_set_rating_text(x, &r, rv, strlen(rv));
    }
    const char *u = prop_str(m, idx, "url", NULL);
    if (!rc && u)
        rc = x_set(&r.url, u, strlen(u));
    const char *l = prop_str(m, idx, "inLanguage", NULL);
    if (!rc && l)
        rc = x_set(&r.lang, l, strlen(l));
    if (rc) {
        hugi_review_release(&r);
        return rc;
    }
    if (!r.text && isnan(r.rating) && !r.title) {
        hugi_review_release(&r);
        x_warn(x, NULL, "microdata Review without text, title or rating skipped");
        return HUGI_OK;
    }
    return x_emit_in(x, &r, 0, base + (uint64_t)(m->items[idx].parent + 1));
}

/* itemref (microdata 5.2.5): a Product that names the ids of review items placed elsewhere on
 * the page (itemref="rv1 rv2") owns them as if they sat inside it; only items standing alone
 * are taken (an item inside another already has its owner), and never the item itself. */
static void md_itemrefs(struct md *m)
{
    /* a bound on the comparisons: a page of many items each naming many ids stays linear */
    size_t budget = (size_t)1 << 20;
    for (size_t i = 0; i < m->nitems && budget > m->nitems; i++) {
        const char *r = m->items[i].refs;
        while (r && *r && budget > m->nitems) {
            budget -= m->nitems;
            while (*r == ' ' || *r == '\t' || *r == '\n')
                r++;
            size_t l = strcspn(r, " \t\n");
            for (size_t j = 0; l && j < m->nitems; j++) {
                struct mitem *t = &m->items[j];
                if (j != i && t->parent < 0 && t->elid && strlen(t->elid) == l &&
                    !memcmp(t->elid, r, l)) {
                    /* no cycle: i must not already sit under j */
                    bool loop = false;
                    for (int p = m->items[i].parent, d = 0; p >= 0 && (size_t)d <= m->nitems;
                         p = m->items[p].parent, d++)
                        loop |= (size_t)p == j;
                    if (!loop)
                        t->parent = (int)i;
                    break; /* an id names one element */
                }
            }
            r += l;
        }
    }
}

static hugi_rc md_emit(struct xctx *x, struct md *m)
{
    md_itemrefs(m);
    uint64_t base = x->container_seq + 1;
    x->container_seq += m->nitems + 1;
    for (size_t i = 0; i < m->nitems; i++) {
        struct mitem *it = &m->items[i];
        /* An AggregateRating is a summary even when a page marks it itemprop="reviews". */
        if (type_ends(it->type, "AggregateRating") || type_ends(it->type, "Rating"))
            continue;
        bool review = false;
        const char *t = it->type;
        if (t) {
            size_t n = strcspn(t, " ");
            review = n >= 6 && memcmp(t + n - 6, "Review", 6) == 0;
        }
        if (!review && it->via && !t) {
            char *v = it->via;
            review = (strcmp(v, "review") == 0 || strcmp(v, "reviews") == 0) &&
                     (prop_str(m, (int)i, "reviewBody", NULL) ||
                      prop_str(m, (int)i, "reviewRating", NULL) ||
                      prop_str(m, (int)i, "description", NULL));
        }
        if (!review)
            continue;
        hugi_rc rc = md_review(x, m, (int)i, base);
        if (rc)
            return rc;
    }
    return HUGI_OK;
}

static void md_free(struct md *m)
{
    for (size_t i = 0; i < m->nitems; i++) {
        for (size_t k = 0; k < m->items[i].n; k++) {
            free(m->items[i].p[k].name);
            free(m->items[i].p[k].value);
        }
        free(m->items[i].p);
        free(m->items[i].type);
        free(m->items[i].via);
        free(m->items[i].elid);
        free(m->items[i].gid);
        free(m->items[i].refs);
    }
    free(m->items);
    for (size_t i = 0; i < m->ncaps; i++) {
        free(m->caps[i].names);
        hugi_buf_release(&m->caps[i].text);
    }
    free(m->caps);
}

/* The value an element gives its itemprop without reading its text (microdata spec 5.4). */
static const struct attr *value_attr(const struct tag *t)
{
    const struct attr *a = attr(t, "content");
    if (a)
        return a;
    static const struct {
        const char *tag, *attr;
    } map[] = {{"meta", "content"}, {"img", "src"},      {"audio", "src"},   {"video", "src"},
               {"source", "src"},   {"iframe", "src"},   {"embed", "src"},   {"a", "href"},
               {"link", "href"},    {"area", "href"},    {"object", "data"}, {"data", "value"},
               {"meter", "value"},  {"time", "datetime"}};
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (eqi(t->name, t->nlen, map[i].tag))
            return attr(t, map[i].attr);
    return NULL;
}

static void md_open(struct md *m, const struct tag *t, struct frame *f)
{
    const struct attr *scope = attr(t, "itemscope");
    const struct attr *prop = attr(t, "itemprop");
    const struct attr *ty = attr(t, "itemtype");
    /* RDFa Lite says the same with typeof (scope and type) and property (with a "schema:" or
     * vocabulary URL prefix): read as microdata. */
    struct attr rdfa_prop;
    if (!scope && !prop) {
        const struct attr *tyo = attr(t, "typeof");
        const struct attr *pp = attr(t, "property");
        if (tyo)
            scope = ty = tyo;
        if (pp) {
            rdfa_prop = *pp;
            static const char *const pre[] = {"schema:", "http://schema.org/",
                                              "https://schema.org/"};
            for (size_t i = 0; i < sizeof pre / sizeof pre[0]; i++) {
                size_t pl = strlen(pre[i]);
                if (rdfa_prop.vlen > pl && strncmp(rdfa_prop.val, pre[i], pl) == 0) {
                    rdfa_prop.val += pl;
                    rdfa_prop.vlen -= pl;
                    break;
                }
            }
            prop = &rdfa_prop;
        }
    }
    int parent = current_item(m);
    if (scope) {
        if (m->nitems >= MAX_ITEMS)
            return;
        if (m->nitems == m->capitems) {
            size_t nc = m->capitems ? m->capitems * 2 : 16;
            struct mitem *ni = realloc(m->items, nc * sizeof *ni);
            if (!ni) {
                m->oom = true;
                return;
            }
            m->items = ni;
            m->capitems = nc;
        }
        struct mitem *it = &m->items[m->nitems];
        memset(it, 0, sizeof *it);
        it->parent = prop ? parent : -1;
        if (ty)
            it->type = dup_decoded(ty->val, ty->vlen, true);
        if (prop) {
            it->via = hugi_strndup(prop->val, prop->vlen);
            add_prop(m, parent, prop->val, prop->vlen, NULL, (int)m->nitems);
        }
        const struct attr *ref = attr(t, "itemref"), *eid = attr(t, "id");
        if (ref && ref->vlen)
            it->refs = hugi_strndup(ref->val, ref->vlen);
        if (eid && eid->vlen && it->parent < 0)
            it->elid = hugi_strndup(eid->val, eid->vlen);
        /* the item's IRI, as JSON-LD's @id (which is a review's id there too) */
        const struct attr *gid = attr(t, "itemid");
        if (!gid && attr(t, "typeof"))
            gid = attr(t, "resource") ? attr(t, "resource") : attr(t, "about");
        if (gid && gid->vlen && gid->vlen < 2048)
            it->gid = dup_decoded(gid->val, gid->vlen, true);
        f->item = (int)m->nitems++;
        return;
    }
    if (!prop || parent < 0)
        return;
    const struct attr *va = value_attr(t);
    if (va || t->selfclose || is_void(t->name, t->nlen)) {
        char *v = va ? dup_decoded(va->val, va->vlen, true) : hugi_strdup("");
        if (!v)
            m->oom = true;
        add_prop(m, parent, prop->val, prop->vlen, v, -1);
        return;
    }
    if (m->ncaps == m->capcaps) {
        size_t nc = m->capcaps ? m->capcaps * 2 : 16;
        struct capture *ncs = realloc(m->caps, nc * sizeof *ncs);
        if (!ncs) {
            m->oom = true;
            return;
        }
        m->caps = ncs;
        m->capcaps = nc;
    }
    struct capture *c = &m->caps[m->ncaps];
    c->item = parent;
    c->names = hugi_strndup(prop->val, prop->vlen);
    hugi_buf_init(&c->text, 1 << 24);
    if (!c->names) {
        m->oom = true;
        return;
    }
    f->capture = (int)m->ncaps++;
    m->active++;
}

static void md_text(struct md *m, const char *s, size_t n)
{
    for (int d = 0; d < m->depth; d++) {
        int c = m->stack[d].capture;
        if (c >= 0 && hugi_buf_add(&m->caps[c].text, s, n) == HUGI_E_NOMEM)
            m->oom = true;
    }
}

static bool has_token(const char *v, size_t n, const char *tok)
{
    size_t tl = strlen(tok);
    for (size_t i = 0; i + tl <= n; i++)
        if (strncasecmp(v + i, tok, tl) == 0 && (i == 0 || v[i - 1] == ' ') &&
            (i + tl == n || v[i + tl] == ' '))
            return true;
    return false;
}

/* Case-insensitive search for an ASCII word, anchored on its letter `at` (pick a rare one: "x"
 * of "next"): memchr for each case of it, so a page without the word costs two vectorised
 * passes and few false starts. */
static bool ci_contains(const char *s, size_t len, const char *word, size_t at)
{
    size_t wl = strlen(word);
    if (len < wl)
        return false;
    char anchor[2] = {(char)(word[at] | 0x20), (char)(word[at] & ~0x20)};
    for (int k = 0; k < 2; k++) {
        const char *p = s + at;
        const char *end = s + len - (wl - at - 1); /* the anchor can be no later than this */
        while (p < end) {
            const char *q = memchr(p, anchor[k], (size_t)(end - p));
            if (!q)
                break;
            if (strncasecmp(q - at, word, wl) == 0)
                return true;
            p = q + 1;
        }
    }
    return false;
}

/* The index after the '>' that ends the tag whose attributes start at s[j], or len: the end
 * parse_tag would find (a quote opens a value only right after '='), without storing anything. */
static size_t skip_tag(const char *s, size_t len, size_t j)
{
    size_t k = j;
    for (;;) {
        while (k < len && s[k] != '>' && s[k] != '"' && s[k] != '\'')
            k++;
        if (k >= len)
            return len;
        if (s[k] == '>')
            return k + 1;
        size_t b = k;
        while (b > j &&
               (s[b - 1] == ' ' || s[b - 1] == '\t' || s[b - 1] == '\n' || s[b - 1] == '\r'))
            b--;
        if (b > j && s[b - 1] == '=') {
            const char *e = memchr(s + k + 1, s[k], len - k - 1);
            if (!e)
                return len;
            k = (size_t)(e - s) + 1;
        } else {
            k++;
        }
    }
}

/* First bytes after '<' the fast path must look at: '!' (comments) and the initials of the names
 * tag_matters knows. */
static const bool fast_first[256] = {
    ['!'] = 1, ['s'] = 1, ['S'] = 1, ['t'] = 1, ['T'] = 1, ['n'] = 1,
    ['N'] = 1, ['l'] = 1, ['L'] = 1, ['a'] = 1, ['A'] = 1,
};

/* Whether the fast path must look at a tag of this name at all: raw-text elements (their content
 * is skipped or, for script, may be JSON-LD) and, when the page mentions "next", link and a. */
static bool tag_matters(const char *n, size_t l, bool next)
{
    switch (n[0] | 0x20) {
    case 's':
        return eqi(n, l, "script") || eqi(n, l, "style");
    case 't':
        return eqi(n, l, "textarea") || eqi(n, l, "template");
    case 'n':
        return eqi(n, l, "noscript");
    case 'l':
        return next && eqi(n, l, "link");
    case 'a':
        return next && l == 1;
    default:
        return false;
    }
}

hugi_rc x_html_jsonld_microdata(struct xctx *x, const char *s, size_t len, bool want_jsonld,
                                bool want_microdata, size_t *n_jsonld_blocks, size_t *n_items)
{
    /* Microdata needs an itemscope; rel=next needs the word "next". A page without them only
     * needs its <script> blocks found, and a pass that wants neither needs nothing: this is what
     * keeps the common JSON-LD page at memchr speed instead of parsing every tag's attributes. */
    bool next = x->res->next_url == NULL && ci_contains(s, len, "next", 2);
    if (want_microdata && !ci_contains(s, len, "itemscope", 8) && !ci_contains(s, len, "typeof", 2))
        want_microdata = false;
    if (!want_jsonld && !want_microdata && !next)
        return HUGI_OK;
    bool fast = !want_microdata;
    struct md *m = calloc(1, sizeof *m);
    if (!m)
        return HUGI_E_NOMEM;
    hugi_rc rc = HUGI_OK;
    struct tag t;
    size_t i = 0;
    size_t nblock = 0;
    while (i < len && !rc && !m->oom) {
        const char *lt = memchr(s + i, '<', len - i);
        size_t e = lt ? (size_t)(lt - s) : len;
        if (m->active && e > i)
            md_text(m, s + i, e - i);
        if (!lt)
            break;
        i = e;
        if (i + 1 >= len)
            break;
        char c1 = s[i + 1];
        /* The fast path keeps no element stack: close tags, and tags whose name cannot be one
         * of tag_matters', are passed over at the '<' alone (their attribute values are not
         * skipped, which matters only if one holds a literal "<script" or "<!--"). */
        if (fast && !fast_first[(unsigned char)c1]) {
            i++;
            continue;
        }
        if (c1 == '!') {
            if (i + 3 < len && s[i + 2] == '-' && s[i + 3] == '-') {
                const char *end = x_memmem(s + i + 4, len - i - 4, "-->", 3);
                if (end)
                    end += 3;
                i = end ? (size_t)(end - s) : len;
            } else {
                const char *gt = memchr(s + i, '>', len - i);
                i = gt ? (size_t)(gt - s) + 1 : len;
            }
            continue;
        }
        if (c1 == '?') {
            const char *gt = memchr(s + i, '>', len - i);
            i = gt ? (size_t)(gt - s) + 1 : len;
            continue;
        }
        if (c1 == '/') {
            size_t j = i + 2, ns = j;
            while (j < len && s[j] != '>' && s[j] != ' ' && s[j] != '\n' && s[j] != '\t')
                j++;
            size_t nl = j - ns;
            const char *gt = memchr(s + j, '>', len - j);
            i = gt ? (size_t)(gt - s) + 1 : len;
            for (int d = m->depth - 1; d >= 0; d--) {
                if (strlen(m->stack[d].name) == (nl < 15 ? nl : 15) &&
                    strncasecmp(m->stack[d].name, s + ns, nl < 15 ? nl : 15) == 0) {
                    while (m->depth > d)
                        close_frame(m, &m->stack[--m->depth]);
                    break;
                }
            }
            continue;
        }
        if (!((c1 | 0x20) >= 'a' && (c1 | 0x20) <= 'z')) {
            if (m->active)
                md_text(m, "<", 1);
            i++;
            continue;
        }
        if (fast) {
            size_t j = i + 1;
            while (j < len && s[j] != ' ' && s[j] != '>' && s[j] != '/' && s[j] != '\t' &&
                   s[j] != '\n' && s[j] != '\r' && s[j] != '\f')
                j++;
            if (!tag_matters(s + i + 1, j - i - 1, next)) {
                i = skip_tag(s, len, j);
                continue;
            }
        }
        size_t after = parse_tag(s, len, i, &t);
        if (!after) {
            i = len;
            break;
        }
        i = after;
        /* Raw text elements: their content is not markup. */
        bool script = eqi(t.name, t.nlen, "script");
        if (script || eqi(t.name, t.nlen, "style") || eqi(t.name, t.nlen, "textarea") ||
            eqi(t.name, t.nlen, "noscript") || eqi(t.name, t.nlen, "template")) {
            size_t cs = i, ce = len;
            for (size_t k = i; k + 1 + t.nlen < len; k++) {
                const char *p = memchr(s + k, '<', len - k);
                if (!p)
                    break;
                k = (size_t)(p - s);
                if (k + 2 + t.nlen <= len && s[k + 1] == '/' &&
                    strncasecmp(s + k + 2, t.name, t.nlen) == 0) {
                    ce = k;
                    break;
                }
            }
            const char *gt = ce < len ? memchr(s + ce, '>', len - ce) : NULL;
            i = gt ? (size_t)(gt - s) + 1 : len;
            if (eqi(t.name, t.nlen, "noscript") || eqi(t.name, t.nlen, "template")) {
                /* Their content is markup after all for our purpose: rescan it. */
                i = cs;
                goto push;
            }
            const struct attr *ty = attr(&t, "type");
            if (script && ty && ty->vlen >= 7 && val_has(ty, "ld+json")) {
                nblock++;
                if (want_jsonld) {
                    char eb[160];
                    yajl_val v = x_json_parse_block(s + cs, ce - cs, eb, sizeof eb);
                    if (!v) {
                        char w[64];
                        snprintf(w, sizeof w, "JSON-LD block %zu", nblock);
                        x_warn(x, w, "%s", eb);
                    } else {
                        rc = x_jsonld_value(x, v);
                        x_json_free(v);
                    }
                }
            }
            continue;
        }
    push:;
        const struct attr *rel = attr(&t, "rel");
        if (rel && has_token(rel->val, rel->vlen, "next") &&
            (eqi(t.name, t.nlen, "link") || eqi(t.name, t.nlen, "a"))) {
            const struct attr *href = attr(&t, "href");
            if (href) {
                char *h = dup_decoded(href->val, href->vlen, true);
                if (h)
                    rc = x_set_next_url(x, h, strlen(h));
                free(h);
            }
        }
        if (!want_microdata)
            continue;
        /* A line break or a block boundary inside review text separates words. */
        if (m->active && (eqi(t.name, t.nlen, "br") || eqi(t.name, t.nlen, "p") ||
                          eqi(t.name, t.nlen, "div") || eqi(t.name, t.nlen, "li")))
            md_text(m, "\n", 1);
        if (is_void(t.name, t.nlen) || t.selfclose) {
            struct frame f = {.item = -1, .capture = -1};
            md_open(m, &t, &f);
            /* An itemscope on a void element has no children: nothing to close. */
            continue;
        }
        if (m->depth >= MAX_STACK) {
            continue;
        }
        struct frame *f = &m->stack[m->depth];
        size_t nl = t.nlen < 15 ? t.nlen : 15;
        memcpy(f->name, t.name, nl);
        f->name[nl] = 0;
        f->item = -1;
        f->capture = -1;
        m->depth++;
        md_open(m, &t, f);
    }
    while (m->depth > 0)
        close_frame(m, &m->stack[--m->depth]);
    if (m->oom)
        rc = HUGI_E_NOMEM;
    if (!rc && want_microdata)
        rc = md_emit(x, m);
    if (want_jsonld)
        *n_jsonld_blocks += nblock;
    *n_items += m->nitems;
    md_free(m);
    free(m);
    return rc;
}

/* Page data read as JSON, given to the JSON detection when it is an object or an array (a
 * number or a string holds no list); v is freed. */
static hugi_rc feed_page_json(struct xctx *x, yajl_val v)
{
    if (!v || !(YAJL_IS_OBJECT(v) || YAJL_IS_ARRAY(v))) {
        x_json_free(v);
        return HUGI_OK;
    }
    hugi_rc drc;
    yajl_val plain = x_json_devalue(v, &drc);
    if (drc) {
        x_json_free(v);
        return drc;
    }
    if (plain) { /* Nuxt 3's payload: its values follow from their indices */
        x_json_free(v);
        v = plain;
    }
    enum hugi_extract_preset used = HUGI_PRESET_AUTO;
    /* page data also lists products and articles (names, descriptions, dates): only a list
     * whose items have ratings is taken for reviews here */
    x->strict_generic = true;
    hugi_rc rc = x_json_feed(x, v, HUGI_PRESET_AUTO, &used);
    x->strict_generic = false;
    x_json_free(v);
    return rc == HUGI_E_NOTFOUND ? HUGI_OK : rc;
}

/* Script code that hands the page its state as a literal: `window.__PRELOADED_STATE__ = {…};`,
 * `__APOLLO_STATE__ = {…}`, `var reviews = […]`. Every `= {` / `= [` is tried as the start of
 * one JSON value; script code that is not JSON (unquoted keys, functions) fails at its first
 * token. The scan resumes where each attempt ended, so no byte is read by two attempts. */
static hugi_rc script_state(struct xctx *x, const char *s, size_t len)
{
    hugi_rc rc = HUGI_OK;
    bool fn_ok = true;
    for (size_t i = 0; i < len && !rc;) {
        const char *eq = memchr(s + i, '=', len - i);
        if (!eq)
            break;
        size_t k = (size_t)(eq - s) + 1;
        if ((k >= 2 && strchr("=!<>+-*/%&|^", s[k - 2])) || (k < len && strchr("=>", s[k]))) {
            i = k + 1; /* ==, !=, <=, +=, =>, … are not assignments */
            continue;
        }
        while (k < len && (s[k] == ' ' || s[k] == '\t' || s[k] == '\n' || s[k] == '\r'))
            k++;
        if (fn_ok && k + 9 < len && s[k] == '(' && memcmp(s + k + 1, "function", 8) == 0) {
            /* state returned by a function called on the spot (Nuxt 2). One that fails ends
             * the look for more in this script: its body may have been scanned to the script's
             * end, and many such attempts (nested, or unclosed) would rescan it each time */
            char eb[160];
            size_t end = 0;
            yajl_val v = x_json_read_js_call(s + k, len - k, &end, eb, sizeof eb);
            fn_ok = v != NULL;
            i = k + (end ? end : 1);
            rc = feed_page_json(x, v);
            continue;
        }
        if (k >= len || (s[k] != '{' && s[k] != '[')) {
            i = k;
            continue;
        }
        char eb[160];
        size_t end = 0;
        yajl_val v = x_json_read_prefix(s + k, len - k, &end, eb, sizeof eb);
        i = k + (end ? end : 1);
        rc = feed_page_json(x, v);
    }
    return rc;
}

/* An object literal handed to a call, `ReviewWidget.init("#el", {reviews: […]})`: a widget's
 * reviews rendered by script on the page, no assignment to read them from. Every `({` and `, {`
 * is tried, as script_state tries `= {`; a literal read is skipped whole. At most 32 attempts a
 * script: one that fails may have been read to the script's end, and an attempt at each of many
 * nested calls would read it again each time. Only scripts that say review, rating or 리뷰. */
static hugi_rc script_call_args(struct xctx *x, const char *s, size_t len)
{
    if (!x_memmem(s, len, "review", 6) && !x_memmem(s, len, "Review", 6) &&
        !x_memmem(s, len, "rating", 6) && !x_memmem(s, len, "\xeb\xa6\xac\xeb\xb7\xb0", 6))
        return HUGI_OK;
    hugi_rc rc = HUGI_OK;
    int tries = 0;
    for (size_t i = 0; i < len && !rc && tries < 32;) {
        const char *br = memchr(s + i, '{', len - i);
        if (!br)
            break;
        size_t k = (size_t)(br - s), j = k;
        while (j > 0 &&
               (s[j - 1] == ' ' || s[j - 1] == '\t' || s[j - 1] == '\n' || s[j - 1] == '\r'))
            j--;
        if (j == 0 || (s[j - 1] != '(' && s[j - 1] != ',')) {
            i = k + 1;
            continue;
        }
        tries++;
        char eb[160];
        size_t end = 0;
        yajl_val v = x_json_read_prefix(s + k, len - k, &end, eb, sizeof eb);
        i = k + (v && end ? end : 1);
        rc = feed_page_json(x, v);
    }
    return rc;
}

/* A JavaScript string literal at s[0] (its quote ' " or `) decoded into out: \n \t \" \' \\ \/
 * \xHH \uHHHH (surrogate pairs joined; a lone one is U+FFFD), other escapes as the character.
 * Returns the length read with both quotes, 0 when it does not close or out is full. */
static size_t js_string(const char *s, size_t len, struct hugi_buf *out)
{
    char q = s[0];
    for (size_t i = 1; i < len; i++) {
        char c = s[i];
        if (c == q)
            return i + 1;
        if (c != '\\') {
            if (hugi_buf_add(out, &c, 1))
                return 0;
            continue;
        }
        if (++i >= len)
            return 0;
        c = s[i];
        uint32_t cp = 0;
        char tmp[4];
        size_t n = 1;
        switch (c) {
        case 'n':
            tmp[0] = '\n';
            break;
        case 'r':
            tmp[0] = '\r';
            break;
        case 't':
            tmp[0] = '\t';
            break;
        case 'b':
            tmp[0] = '\b';
            break;
        case 'f':
            tmp[0] = '\f';
            break;
        case 'v':
            tmp[0] = '\v';
            break;
        case '0':
            tmp[0] = ' ';
            break; /* NUL: none in JSON text */
        case '\n':
            n = 0;
            break; /* a line continuation */
        case 'x':
            if (i + 2 >= len || x_hexval(s[i + 1]) < 0 || x_hexval(s[i + 2]) < 0)
                return 0;
            cp = (uint32_t)(x_hexval(s[i + 1]) * 16 + x_hexval(s[i + 2]));
            i += 2;
            n = hugi_utf8_encode(cp, tmp);
            break;
        case 'u': {
            if (!x_hex4(s + i + 1, len - i - 1, &cp))
                return 0;
            i += 4;
            uint32_t lo;
            if (cp >= 0xD800 && cp < 0xDC00 && i + 6 < len && s[i + 1] == '\\' && s[i + 2] == 'u' &&
                x_hex4(s + i + 3, len - i - 3, &lo)) {
                if (lo >= 0xDC00 && lo < 0xE000) {
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                    i += 6;
                }
            }
            if (cp >= 0xD800 && cp < 0xE000)
                cp = 0xFFFD;
            n = hugi_utf8_encode(cp, tmp);
            break;
        }
        default:
            tmp[0] = c;
            break;
        }
        if (n && hugi_buf_add(out, tmp, n))
            return 0;
    }
    return 0;
}

/* `JSON.parse('{…}')`: page state shipped as a string literal (smaller and faster to parse than
 * an object literal). The literal is decoded as JavaScript, then read as JSON. The scan resumes
 * after each literal. */
static hugi_rc script_json_parse(struct xctx *x, const char *s, size_t len)
{
    hugi_rc rc = HUGI_OK;
    static const char call[] = "JSON.parse(";
    for (size_t i = 0; i < len && !rc;) {
        const char *p = x_memmem(s + i, len - i, call, sizeof call - 1);
        if (!p)
            break;
        size_t k = (size_t)(p - s) + sizeof call - 1;
        while (k < len && (s[k] == ' ' || s[k] == '\t' || s[k] == '\n' || s[k] == '\r'))
            k++;
        i = k;
        if (k >= len || (s[k] != '\'' && s[k] != '"' && s[k] != '`'))
            continue;
        struct hugi_buf b;
        hugi_buf_init(&b, len - k + 16); /* decoding never grows the text */
        size_t used = js_string(s + k, len - k, &b);
        i = k + (used ? used : 1);
        size_t f = 0;
        while (f < b.len &&
               (b.data[f] == ' ' || b.data[f] == '\n' || b.data[f] == '\t' || b.data[f] == '\r'))
            f++;
        if (used && f < b.len && (b.data[f] == '{' || b.data[f] == '[')) {
            char eb[160];
            rc = feed_page_json(x, x_json_parse(b.data + f, b.len - f, eb, sizeof eb));
        }
        hugi_buf_release(&b);
    }
    return rc;
}

/* Next.js app-router pages stream their React Server Components payload as script calls
 * `self.__next_f.push([1,"…"])`: the string literals, joined, are rows `id:value`, and a value
 * that starts with { or [ is JSON (component props: `["$","div",null,{"reviews":[…]}]`).
 * next_flight_collect() appends one script's literals to *rsc; next_flight_rows() reads the rows
 * once every script is in (a row may be cut between two pushes). */
static hugi_rc next_flight_collect(const char *s, size_t len, struct hugi_buf *rsc)
{
    static const char call[] = "__next_f.push(";
    for (size_t i = 0; i < len;) {
        const char *p = x_memmem(s + i, len - i, call, sizeof call - 1);
        if (!p)
            break;
        size_t k = (size_t)(p - s) + sizeof call - 1;
        i = k;
        /* [1,"…"]: the kind 1 is a payload chunk (0 starts the stream, 2 and 3 are others) */
        while (k < len && (s[k] == '[' || s[k] == ' '))
            k++;
        if (k + 2 >= len || s[k] != '1' || s[k + 1] != ',')
            continue;
        k += 2;
        while (k < len && s[k] == ' ')
            k++;
        if (k >= len || (s[k] != '"' && s[k] != '\''))
            continue;
        size_t used = js_string(s + k, len - k, rsc);
        if (!used)
            return HUGI_OK; /* unclosed, or the buffer's ceiling: what came before is kept */
        i = k + used;
    }
    return HUGI_OK;
}

static hugi_rc next_flight_rows(struct xctx *x, const char *s, size_t len)
{
    hugi_rc rc = HUGI_OK;
    for (size_t i = 0; i < len && !rc;) {
        const char *nl = memchr(s + i, '\n', len - i);
        size_t e = nl ? (size_t)(nl - s) : len;
        size_t k = i;
        while (k < e && isxdigit((unsigned char)s[k]))
            k++;
        /* a JSON value has no raw line break: it ends with its row (text rows, `T…`, may
         * hold line breaks but are no JSON) */
        if (k > i && k + 1 < e && s[k] == ':' && (s[k + 1] == '{' || s[k + 1] == '[')) {
            char eb[160];
            rc = feed_page_json(x, x_json_parse(s + k + 1, e - k - 1, eb, sizeof eb));
        }
        i = e + 1;
    }
    return rc;
}

/* Astro's island props (`<astro-island props="{&quot;reviews&quot;:[1,[[0,{…}]]]}">`) keep each
 * value as a pair of its kind and itself: [0, value] a plain value (an object's members each a
 * pair again), [1, [pairs]] an array, [3, "…"] a date; the other kinds (maps, sets, URLs, typed
 * arrays) stand for themselves. Replaced in place by what they hold; the tree is ours. */
static bool astro_pair(yajl_val v)
{
    if (!YAJL_IS_ARRAY(v) || v->u.array.len != 2 || !YAJL_IS_NUMBER(v->u.array.values[0]))
        return false;
    const char *k = v->u.array.values[0]->u.number.r;
    return k[0] >= '0' && k[0] <= '9' && (!k[1] || (k[1] >= '0' && k[1] <= '9' && !k[2]));
}

static void astro_unwrap(yajl_val v, int depth)
{
    if (depth > 64)
        return;
    if (astro_pair(v)) {
        int kind = atoi(v->u.array.values[0]->u.number.r);
        yajl_val in = v->u.array.values[1];
        *v = *in; /* both live in the document's arena */
        if (kind == 0 && YAJL_IS_OBJECT(v))
            for (size_t i = 0; i < v->u.object.len; i++)
                astro_unwrap(v->u.object.values[i], depth + 1);
        else if (kind == 1 && YAJL_IS_ARRAY(v))
            for (size_t i = 0; i < v->u.array.len; i++)
                astro_unwrap(v->u.array.values[i], depth + 1);
        return;
    }
    if (YAJL_IS_OBJECT(v))
        for (size_t i = 0; i < v->u.object.len; i++)
            astro_unwrap(v->u.object.values[i], depth + 1);
}

/* Component props in an element's attribute: data-* (React on Rails' data-react-props, widgets'
 * data-props / data-reviews / data-*-value), Astro's `props` and Alpine's `x-data` or
 * petite-vue's `v-scope` (a script object literal: unquoted keys, quotes of either kind; the
 * argument of a component called with it): a value that starts with { or [ is
 * read once its entities are decoded (&quot; → "). *next: where the scan goes on (after the
 * tag). */
static hugi_rc attr_json(struct xctx *x, const char *s, size_t len, size_t i, size_t *next)
{
    struct tag t;
    size_t after = parse_tag(s, len, i, &t);
    if (!after) {
        *next = 0; /* the tag runs to the end of the page */
        return HUGI_OK;
    }
    *next = after;
    hugi_rc rc = HUGI_OK;
    for (int k = 0; k < t.na && !rc; k++) {
        const struct attr *a = &t.a[k];
        bool astro = a->nlen == 5 && strncasecmp(a->name, "props", 5) == 0;
        bool alpine = (a->nlen == 6 && strncasecmp(a->name, "x-data", 6) == 0) ||
                      (a->nlen == 7 && strncasecmp(a->name, "v-scope", 7) == 0);
        if (a->vlen < 20 ||
            (!astro && !alpine && (a->nlen < 6 || strncasecmp(a->name, "data-", 5) != 0)))
            continue;
        size_t f = 0;
        while (f < a->vlen && (a->val[f] == ' ' || a->val[f] == '\n' || a->val[f] == '\t'))
            f++;
        /* a component called with its state (`reviewList({ reviews: […] })`): the argument */
        size_t g = f;
        while (alpine && g < a->vlen &&
               (isalnum((unsigned char)a->val[g]) || a->val[g] == '_' || a->val[g] == '$' ||
                a->val[g] == '.'))
            g++;
        if (alpine && g > f && g + 1 < a->vlen && a->val[g] == '(')
            f = g + 1;
        while (f < a->vlen && (a->val[f] == ' ' || a->val[f] == '\n' || a->val[f] == '\t'))
            f++;
        if (f >= a->vlen || (a->val[f] != '{' && a->val[f] != '['))
            continue;
        struct hugi_buf b;
        hugi_buf_init(&b, 64u << 20);
        if (x_html_decode(&b, a->val + f, a->vlen - f) != HUGI_OK) {
            hugi_buf_release(&b);
            return HUGI_E_NOMEM;
        }
        char eb[160];
        size_t end = 0;
        yajl_val v = !b.len   ? NULL
                     : alpine ? x_json_read_prefix(b.data, b.len, &end, eb, sizeof eb)
                              : x_json_parse(b.data, b.len, eb, sizeof eb);
        hugi_buf_release(&b);
        if (v && astro)
            astro_unwrap(v, 0);
        rc = feed_page_json(x, v);
    }
    return rc;
}

/* Last resort for pages built by JavaScript frameworks: the review data sits in a
 * <script type="application/json"> block (Next.js __NEXT_DATA__, Nuxt, Shopify app blocks) or is
 * assigned to a variable by script code (script_state). Each is read as JSON and given to the
 * JSON detection (API shapes, then the generic review-array finder). HUGI_E_NOTFOUND when no
 * block gave a review. */
static hugi_rc angular_unescape(struct hugi_buf *b, const char *s, size_t len)
{
    hugi_rc rc = HUGI_OK;
    for (size_t i = 0; i < len && !rc; i++) {
        char c = s[i];
        if (c == '&' && i + 2 < len && s[i + 2] == ';') {
            char d = s[i + 1];
            char out = d == 'q'   ? '"'
                       : d == 'a' ? '&'
                       : d == 's' ? '\''
                       : d == 'l' ? '<'
                       : d == 'g' ? '>'
                                  : 0;
            if (out) {
                rc = hugi_buf_addc(b, out);
                i += 2;
                continue;
            }
        }
        rc = hugi_buf_addc(b, c);
    }
    return rc;
}

hugi_rc x_html_json_scripts(struct xctx *x, const char *s, size_t len)
{
    size_t before = x->res->nreviews;
    size_t i = 0;
    hugi_rc rc = HUGI_OK;
    struct hugi_buf rsc; /* Next.js flight rows; decoding never grows the text */
    hugi_buf_init(&rsc, len + 16);
    struct tag t;
    /* a tag that runs to the end of the page (no '>', an unclosed quote) ends the look at
     * attributes: every '<' after it would be read to the end again (quadratic) */
    bool attrs = true;
    while (i < len && !rc) {
        const char *lt = memchr(s + i, '<', len - i);
        if (!lt)
            break;
        i = (size_t)(lt - s);
        if (len - i < 8 || strncasecmp(s + i + 1, "script", 6) != 0) {
            size_t next = i + 1;
            if (attrs && len - i >= 8 && isalpha((unsigned char)s[i + 1])) {
                rc = attr_json(x, s, len, i, &next);
                if (!next) {
                    attrs = false;
                    next = i + 1;
                }
            }
            i = next;
            continue;
        }
        size_t after = parse_tag(s, len, i, &t);
        if (!after)
            break;
        size_t cs = after, ce = len;
        for (size_t k = cs; k + 8 <= len; k++) {
            const char *p = memchr(s + k, '<', len - k);
            if (!p || (size_t)(p - s) + 8 > len)
                break;
            k = (size_t)(p - s);
            if (strncasecmp(s + k, "</script", 8) == 0) {
                ce = k;
                break;
            }
        }
        i = ce < len ? ce + 8 : len;
        const struct attr *ty = attr(&t, "type");
        if (!eqi(t.name, t.nlen, "script") || (ty && val_has(ty, "ld+json")))
            continue;
        if (ty && val_has(ty, "json")) {
            char eb[160];
            yajl_val v = x_json_parse(s + cs, ce - cs, eb, sizeof eb);
            /* Angular's TransferState escapes its JSON for the page: `&q;` for '"', `&a;`
             * '&', `&s;` '\'', `&l;` '<', `&g;` '>' (`{&q;key&q;:…}`) */
            if (!v && x_memmem(s + cs, ce - cs, "&q;", 3)) {
                struct hugi_buf ab;
                hugi_buf_init(&ab, ce - cs + 1);
                rc = angular_unescape(&ab, s + cs, ce - cs);
                if (!rc)
                    v = x_json_parse(ab.data, ab.len, eb, sizeof eb);
                hugi_buf_release(&ab);
            }
            if (!rc)
                rc = feed_page_json(x, v);
            else
                x_json_free(v);
        } else if (!ty || val_has(ty, "javascript") || val_has(ty, "module")) {
            size_t had = x->res->nreviews;
            rc = script_state(x, s + cs, ce - cs);
            if (!rc)
                rc = script_json_parse(x, s + cs, ce - cs);
            if (!rc && x->res->nreviews == had)
                rc = script_call_args(x, s + cs, ce - cs);
            if (!rc)
                rc = next_flight_collect(s + cs, ce - cs, &rsc);
        }
    }
    if (!rc && rsc.len)
        rc = next_flight_rows(x, rsc.data, rsc.len);
    hugi_buf_release(&rsc);
    if (rc)
        return rc;
    return x->res->nreviews > before ? HUGI_OK : HUGI_E_NOTFOUND;
}
