/* SPDX-License-Identifier: MIT
 * Everything that goes through libxml2: RSS 2.0 and Atom feeds (the App Store customer-reviews
 * Atom feed among them: im: namespace, two <content> elements of which the text one is the
 * review), the legacy iTunes ITMS review XML, the generic xpath preset over the HTML parser, and
 * the built-in HTML layouts (Google Play web pages), which are xpath presets written down here.
 * Parsing never loads external entities or the network (XML_PARSE_NONET, no NOENT). */
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "extract_int.h"

static bool lname(const xmlNode *n, const char *want)
{
    return n && n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, want) == 0;
}

static bool in_ns(const xmlNode *n, const char *prefix_or_uri_part)
{
    return n->ns &&
           ((n->ns->prefix && strcmp((const char *)n->ns->prefix, prefix_or_uri_part) == 0) ||
            (n->ns->href && strstr((const char *)n->ns->href, prefix_or_uri_part)));
}

static xmlNode *child(const xmlNode *n, const char *name, const char *ns)
{
    for (xmlNode *c = n ? n->children : NULL; c; c = c->next)
        if (lname(c, name) && (!ns || in_ns(c, ns)) && (ns || !c->ns || !c->ns->prefix))
            return c;
    return NULL;
}

/* Sets a field from a node's text; `markup` strips tags from escaped HTML content. */
/* The text of inline XHTML (Atom's `<content type="xhtml"><div xmlns=…><p>…</p>`): its text
 * nodes, a line break after each block element and at each <br>, never two in a row. */
static hugi_rc xhtml_text(const xmlNode *n, struct hugi_buf *b, int depth)
{
    static const char *const blocks[] = {"p",  "div", "br", "li",         "h1",  "h2", "h3", "h4",
                                         "h5", "h6",  "tr", "blockquote", "pre", "ul", "ol"};
    hugi_rc rc = HUGI_OK;
    for (const xmlNode *c = n->children; c && !rc && depth < 64; c = c->next) {
        if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
            const char *t = c->content ? (const char *)c->content : "";
            size_t tl;
            hugi_str_trim(t, strlen(t), &tl);
            bool at_break = !b->len || b->data[b->len - 1] == '\n';
            if (tl || !at_break)
                rc = hugi_buf_add(b, t, strlen(t));
        } else if (c->type == XML_ELEMENT_NODE) {
            rc = xhtml_text(c, b, depth + 1);
            bool block = false;
            for (size_t i = 0; i < sizeof blocks / sizeof *blocks; i++)
                block |= strcmp((const char *)c->name, blocks[i]) == 0;
            if (!rc && block &&
                (strcmp((const char *)c->name, "br") == 0 ||
                 (b->len && b->data[b->len - 1] != '\n')))
                rc = hugi_buf_addc(b, '\n');
        }
    }
    return rc;
}

static bool has_element_child(const xmlNode *n)
{
    for (const xmlNode *c = n->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE)
            return true;
    return false;
}

static hugi_rc set_node(char **field, const xmlNode *n, bool markup, bool collapse)
{
    if (!n)
        return HUGI_OK;
    if (!collapse && has_element_child(n)) {
        struct hugi_buf b;
        hugi_buf_init(&b, 0);
        hugi_rc rc = xhtml_text(n, &b, 0);
        if (!rc)
            rc = x_set(field, b.data ? b.data : "", b.len);
        hugi_buf_release(&b);
        return rc;
    }
    xmlChar *c = xmlNodeGetContent(n);
    if (!c)
        return HUGI_OK;
    hugi_rc rc;
    const char *s = (const char *)c;
    size_t len = strlen(s);
    if (markup && (memchr(s, '<', len) || memchr(s, '&', len))) {
        struct hugi_buf b, d;
        hugi_buf_init(&b, 0);
        hugi_buf_init(&d, 0);
        rc = HUGI_OK;
        /* the source's own line break after a paragraph's end ("</p>\n<p>") is no second
         * break: white space after a break is dropped up to the next text */
        bool brk = false;
        for (size_t i = 0; i < len && !rc; i++) {
            if (s[i] == '<') {
                const char *gt = memchr(s + i, '>', len - i);
                if (!gt)
                    break;
                if (strncmp(s + i, "<br", 3) == 0 || strncmp(s + i, "</p", 3) == 0) {
                    rc = hugi_buf_addc(&b, '\n');
                    brk = true;
                }
                i = (size_t)(gt - s);
                continue;
            }
            if (brk && (s[i] == ' ' || s[i] == '\n' || s[i] == '\r' || s[i] == '\t'))
                continue;
            brk = false;
            rc = hugi_buf_addc(&b, s[i]);
        }
        if (!rc)
            rc = x_html_decode(&d, b.data ? b.data : "", b.len);
        if (!rc)
            rc = collapse ? x_set_ws(field, d.data, d.len) : x_set(field, d.data, d.len);
        hugi_buf_release(&b);
        hugi_buf_release(&d);
    } else {
        rc = collapse ? x_set_ws(field, s, len) : x_set(field, s, len);
    }
    xmlFree(c);
    return rc;
}

static hugi_rc set_node_date(struct xctx *x, struct hugi_review *r, const xmlNode *n)
{
    if (!n)
        return HUGI_OK;
    xmlChar *c = xmlNodeGetContent(n);
    hugi_rc rc = c ? x_set_date(x, r, (const char *)c, strlen((const char *)c)) : HUGI_OK;
    xmlFree(c);
    return rc;
}

/* A rating given as text ("4", "4 out of 5", "4/5") in a node's content. */
static void set_node_rating(struct xctx *x, struct hugi_review *r, const xmlNode *n)
{
    xmlChar *c = n ? xmlNodeGetContent(n) : NULL;
    if (c)
        x_set_rating_text(x, r, (const char *)c, strlen((const char *)c));
    xmlFree(c);
    /* an empty element with the value in attributes: GData's <gd:rating value="4" min="1"
     * max="5"/> */
    if (n && isnan(r->rating)) {
        xmlChar *v = xmlGetProp(n, (const xmlChar *)"value");
        xmlChar *mx = xmlGetProp(n, (const xmlChar *)"max");
        xmlChar *mn = xmlGetProp(n, (const xmlChar *)"min");
        double val, best = mx ? strtod((const char *)mx, NULL) : 0;
        double worst = mn ? strtod((const char *)mn, NULL) : 0;
        char *end;
        if (v && (val = strtod((const char *)v, &end), end != (char *)v)) {
            double out;
            if (best > 0 ? hugi_extract_rating_scale(val, best, worst > 0 ? worst : 1, &out)
                         : hugi_extract_rating_scale(val, x->scale, 1, &out))
                r->rating = out;
        }
        xmlFree(v);
        xmlFree(mx);
        xmlFree(mn);
    }
}

/* A rating element in any namespace (the RSS review module's <review:rating>, <gd:rating>), the
 * unprefixed one first; never Media RSS's <media:rating>, an audience rating ("nonadult",
 * "tv-14"). */
static xmlNode *rating_child(const xmlNode *n)
{
    xmlNode *c = child(n, "rating", NULL);
    for (xmlNode *k = n ? n->children : NULL; k && !c; k = k->next)
        if (lname(k, "rating") && !in_ns(k, "media") && !in_ns(k, "search.yahoo.com/mrss"))
            c = k;
    return c;
}

/* The child named `name`, else the one named `alt` (feeds disagree on which they use). */
static xmlNode *child_or(const xmlNode *n, const char *name, const char *ns, const char *alt,
                         const char *alt_ns)
{
    xmlNode *c = child(n, name, ns);
    return c ? c : child(n, alt, alt_ns);
}

/* The href of a <link> whose rel is `rel` (or, with bare_ok, that has no rel); NULL for any
 * other node. The caller xmlFree()s it. */
static xmlChar *link_href(const xmlNode *c, const char *rel, bool bare_ok)
{
    if (!lname(c, "link"))
        return NULL;
    xmlChar *r = xmlGetProp(c, (const xmlChar *)"rel");
    xmlChar *href = NULL;
    if (r ? strcmp((const char *)r, rel) == 0 : bare_ok)
        href = xmlGetProp(c, (const xmlChar *)"href");
    xmlFree(r);
    return href;
}

/* ---- Google Merchant Center product review feed ------------------------------------------ */

/* <feed><reviews><review>: review_id, reviewer/name (is_anonymous="true" gives no author),
 * review_timestamp, title, content, review_url, ratings/overall with min/max attributes — the
 * XML shops export for Google's product reviews, and a common review export elsewhere. */
static hugi_rc gmc_review(struct xctx *x, xmlNode *rv)
{
    struct hugi_review r;
    hugi_review_init(&r);
    hugi_rc rc = set_node(&r.id, child(rv, "review_id", NULL), false, true);
    xmlNode *name = child(child(rv, "reviewer", NULL), "name", NULL);
    xmlChar *anon = name ? xmlGetProp(name, (const xmlChar *)"is_anonymous") : NULL;
    if (!rc && name && !(anon && strcmp((const char *)anon, "true") == 0))
        rc = set_node(&r.author, name, false, true);
    xmlFree(anon);
    if (!rc)
        rc = set_node_date(x, &r, child(rv, "review_timestamp", NULL));
    if (!rc)
        rc = set_node(&r.title, child(rv, "title", NULL), true, true);
    if (!rc)
        rc = set_node(&r.text, child(rv, "content", NULL), true, false);
    if (!rc)
        rc = set_node(&r.url, child(rv, "review_url", NULL), false, true);
    /* the product's own id: its first SKU, else GTIN, MPN */
    xmlNode *ids = child(child(child(rv, "products", NULL), "product", NULL), "product_ids", NULL);
    static const char *const idk[][2] = {{"skus", "sku"}, {"gtins", "gtin"}, {"mpns", "mpn"}};
    for (size_t k = 0; !rc && ids && !r.product && k < 3; k++)
        rc = set_node(&r.product, child(child(ids, idk[k][0], NULL), idk[k][1], NULL), false, true);
    xmlNode *ov = child(child(rv, "ratings", NULL), "overall", NULL);
    if (!rc && ov) {
        xmlChar *v = xmlNodeGetContent(ov);
        xmlChar *mx = xmlGetProp(ov, (const xmlChar *)"max");
        xmlChar *mn = xmlGetProp(ov, (const xmlChar *)"min");
        char *end;
        double val = v ? strtod((const char *)v, &end) : NAN, best = 0, worst = 0, out;
        if (mx)
            best = strtod((const char *)mx, NULL);
        if (mn)
            worst = strtod((const char *)mn, NULL);
        if (v && end != (char *)v &&
            hugi_extract_rating_scale(val, best > 0 ? best : x->scale, worst, &out))
            r.rating = out;
        xmlFree(v);
        xmlFree(mx);
        xmlFree(mn);
    }
    if (rc) {
        hugi_review_release(&r);
        return rc;
    }
    if (!r.text && !r.title && isnan(r.rating)) {
        hugi_review_release(&r);
        x_warn(x, NULL, "review without content, title or rating skipped");
        return HUGI_OK;
    }
    return x_emit(x, &r, 0);
}

/* ---- RSS 2.0 / Atom / App Store Atom ----------------------------------------------------- */

/* RSS 2.0's <author> is an e-mail address with the name in parentheses ("jo@x.com (Jo K.)"):
 * the name is the author; a bare address is kept as it is (it is all there is). */
static hugi_rc rss_author_name(char **author)
{
    const char *a = *author;
    const char *at = strchr(a, '@');
    const char *open = strchr(a, '(');
    size_t n = strlen(a);
    if (!at || !open || at > open || n < 3 || a[n - 1] != ')')
        return HUGI_OK;
    char *name = NULL;
    hugi_rc rc = x_set(&name, open + 1, (size_t)(a + n - 1 - open - 1));
    if (rc || !name)
        return rc;
    free(*author);
    *author = name;
    return HUGI_OK;
}

/* Every entry (name `item` or `entry`) under scan is a notice (x_notice_post): a shop's notice
 * feed, no reviews. At least one entry. */
static bool all_notices(const xmlNode *scan, const char *entry)
{
    size_t n = 0, notices = 0;
    for (const xmlNode *c = scan ? scan->children : NULL; c; c = c->next) {
        if (!lname(c, entry))
            continue;
        n++;
        const xmlNode *t = child(c, "title", NULL);
        const xmlNode *a = child_or(c, "creator", "dc", "author", NULL);
        if (a && child(a, "name", NULL))
            a = child(a, "name", NULL);
        xmlChar *tt = t ? xmlNodeGetContent(t) : NULL;
        xmlChar *at = a ? xmlNodeGetContent(a) : NULL;
        notices += x_notice_post((const char *)tt, (const char *)at);
        xmlFree(tt);
        xmlFree(at);
        if (notices < n)
            return false;
    }
    return n > 0;
}

/* Every entry under scan has a price (`<g:price>`, `<price>`, in any namespace): a shopping
 * feed of products, whose descriptions praise them in the shop's words; no reviews. */
static bool all_have(const xmlNode *scan, const char *entry, const char *a, const char *b)
{
    size_t n = 0;
    for (const xmlNode *c = scan ? scan->children : NULL; c; c = c->next) {
        if (!lname(c, entry))
            continue;
        n++;
        bool has = false;
        for (const xmlNode *g = c->children; g && !has; g = g->next)
            has = lname(g, a) || (b && lname(g, b));
        if (!has)
            return false;
    }
    return n > 0;
}

static bool all_priced(const xmlNode *scan, const char *entry)
{
    return all_have(scan, entry, "price", "sale_price");
}

/* Every item links its own comments (`<comments>`, `wfw:commentRss`): a blog's feed of posts,
 * whose comments are the reviews (a comment feed's items link none); every entry a video
 * (`yt:videoId`): a channel's uploads. Neither holds anybody's review. */
/* The author an item or entry names (RSS `dc:creator`/`author`, Atom `author/name`), as a
 * string the caller frees; NULL when none. */
static xmlChar *entry_author(const xmlNode *e)
{
    const xmlNode *a = child_or(e, "creator", "dc", "author", NULL);
    if (a && child(a, "name", NULL))
        a = child(a, "name", NULL);
    return a ? xmlNodeGetContent(a) : NULL;
}

/* Every item filed under a category, none rated, and all by one author or all by nobody: a
 * publication's own posts (a shop's announcements, a news feed), where comments and reviews
 * are written by many and filed under nothing. */
static bool publisher_posts(const xmlNode *scan, const char *entry)
{
    if (!all_have(scan, entry, "category", NULL))
        return false;
    size_t n = 0;
    xmlChar *first = NULL;
    bool same = true;
    for (const xmlNode *c = scan ? scan->children : NULL; c && same; c = c->next) {
        if (!lname(c, entry))
            continue;
        if (rating_child(c))
            same = false;
        xmlChar *a = entry_author(c);
        if (n++ == 0)
            first = a;
        else {
            same = same && ((!a && !first) ||
                            (a && first && strcmp((const char *)a, (const char *)first) == 0));
            xmlFree(a);
        }
    }
    xmlFree(first);
    return same && n >= 2;
}

/* Every item carries a recording (an `<enclosure>` of audio or video, or `itunes:duration`):
 * a podcast's or a video show's episodes, the publisher's own (a photo review may enclose an
 * image, never a recording). */
static bool all_recordings(const xmlNode *scan, const char *entry)
{
    size_t n = 0;
    for (const xmlNode *c = scan ? scan->children : NULL; c; c = c->next) {
        if (!lname(c, entry))
            continue;
        n++;
        bool has = false;
        for (const xmlNode *g = c->children; g && !has; g = g->next) {
            if (lname(g, "duration")) {
                has = true;
            } else if (lname(g, "enclosure")) {
                xmlChar *t = xmlGetProp(g, (const xmlChar *)"type");
                has = t && (!strncasecmp((const char *)t, "audio/", 6) ||
                            !strncasecmp((const char *)t, "video/", 6));
                xmlFree(t);
            }
        }
        if (!has)
            return false;
    }
    return n > 0;
}

static const char *other_feed(const xmlNode *scan, const char *entry)
{
    if (all_recordings(scan, entry))
        return "a podcast's or a show's episodes";
    if (all_have(scan, entry, "commentRss", "comments"))
        return "a blog's posts";
    if (publisher_posts(scan, entry))
        return "a publication's own posts";
    if (all_have(scan, entry, "videoId", NULL))
        return "a channel's videos";
    return NULL;
}

static hugi_rc rss_item(struct xctx *x, xmlNode *it)
{
    struct hugi_review r;
    hugi_review_init(&r);
    hugi_rc rc = set_node(&r.id, child(it, "guid", NULL), false, true);
    if (!rc)
        rc = set_node(&r.title, child(it, "title", NULL), true, true);
    if (!rc)
        rc =
            set_node(&r.text, child_or(it, "encoded", "content", "description", NULL), true, false);
    if (!rc)
        rc = set_node(&r.author, child_or(it, "creator", "dc", "author", NULL), false, true);
    if (!rc && r.author)
        rc = rss_author_name(&r.author);
    if (!rc)
        rc = set_node_date(x, &r, child_or(it, "pubDate", NULL, "date", "dc"));
    if (!rc)
        rc = set_node(&r.url, child(it, "link", NULL), false, true);
    set_node_rating(x, &r, rating_child(it));
    if (!rc && !r.id && r.url)
        rc = x_set(&r.id, r.url, strlen(r.url));
    return x_emit_or_drop(x, &r, rc);
}

static hugi_rc atom_entry(struct xctx *x, xmlNode *e, bool appstore)
{
    xmlNode *rating = NULL, *text = NULL, *any = NULL;
    for (xmlNode *c = e->children; c; c = c->next) {
        if (lname(c, "rating") && in_ns(c, "itunes"))
            rating = c;
        if (lname(c, "rating") && in_ns(c, "im"))
            rating = c;
        if (lname(c, "content") || lname(c, "summary")) {
            xmlChar *ty = xmlGetProp(c, (const xmlChar *)"type");
            /* App Store entries carry the review twice: type="text" and type="html". */
            if (!ty || strcmp((const char *)ty, "text") == 0) {
                if (!text || lname(text, "summary"))
                    text = c;
            } else if (!any)
                any = c;
            xmlFree(ty);
        }
    }
    if (!rating)
        rating = rating_child(e);
    bool html_only = !text;
    if (!text)
        text = any;
    /* The App Store feed's first entry describes the app: no rating, no review text. */
    if (appstore && !rating && !text)
        return HUGI_OK;
    /* ... or names it, prices it and sums it up (an entry with `im:name`, `im:price`,
     * `im:artist` and a `<summary>`, where a review has a rating) */
    if (appstore && !rating) {
        for (xmlNode *c = e->children; c; c = c->next)
            if (in_ns(c, "im") && (lname(c, "name") || lname(c, "price") || lname(c, "artist")))
                return HUGI_OK;
    }
    struct hugi_review r;
    hugi_review_init(&r);
    hugi_rc rc = set_node(&r.id, child(e, "id", NULL), false, true);
    if (!rc)
        rc = set_node(&r.title, child(e, "title", NULL), true, true);
    if (!rc)
        rc = set_node(&r.text, text, html_only, false);
    if (!rc)
        rc = set_node(&r.author, child(child(e, "author", NULL), "name", NULL), false, true);
    xmlNode *d = child(e, "updated", NULL);
    if (!d || !appstore) {
        xmlNode *p = child(e, "published", NULL);
        if (p)
            d = p;
    }
    if (!rc)
        rc = set_node_date(x, &r, d);
    /* the first alternate link is the entry's page */
    for (xmlNode *c = e->children; c && !rc && !r.url; c = c->next) {
        xmlChar *href = link_href(c, "alternate", true);
        if (href)
            rc = x_set(&r.url, (const char *)href, strlen((const char *)href));
        xmlFree(href);
    }
    set_node_rating(x, &r, rating);
    /* the threading extension's <thr:in-reply-to ref="…"/>: the entry (or post) answered */
    for (xmlNode *c = e->children; c && !rc && !r.parent_id; c = c->next) {
        if (c->type != XML_ELEMENT_NODE || !lname(c, "in-reply-to"))
            continue;
        xmlChar *ref = xmlGetProp(c, (const xmlChar *)"ref");
        if (ref && *ref)
            rc = x_set(&r.parent_id, (const char *)ref, strlen((const char *)ref));
        xmlFree(ref);
    }
    xmlNode *votes = NULL;
    for (xmlNode *c = e->children; c; c = c->next)
        if (lname(c, "voteSum") && in_ns(c, "im"))
            votes = c;
    if (votes) {
        xmlChar *c = xmlNodeGetContent(votes);
        if (c && c[0] >= '0' && c[0] <= '9')
            r.likes = strtol((const char *)c, NULL, 10);
        xmlFree(c);
    }
    return x_emit_or_drop(x, &r, rc);
}

static hugi_rc feed_links(struct xctx *x, xmlNode *parent)
{
    for (xmlNode *c = parent->children; c; c = c->next) {
        xmlChar *href = link_href(c, "next", false);
        hugi_rc rc =
            href ? x_set_next_url(x, (const char *)href, strlen((const char *)href)) : HUGI_OK;
        xmlFree(href);
        if (rc)
            return rc;
    }
    return HUGI_OK;
}

/* ---- legacy iTunes ITMS XML (viewContentsUserReviews) -------------------------------------- */

static hugi_rc run_xpath_items(struct xctx *x, xmlDoc *doc, const char *items,
                               const struct hugi_extract_field *fields, size_t nfields,
                               const char *next, size_t *nfound);

static const struct hugi_extract_field itms_fields[] = {
    {"title", "*[local-name()='HBoxView']/*[local-name()='TextView']//*[local-name()='b']"},
    {"rating", ".//*[local-name()='HBoxView'][@topInset='1']/@alt"},
    {"author", ".//*[local-name()='GotoURL'][contains(@url,'viewUsersUserReviews')]"},
    /* "by NAME - Version 1.2 - Nov 03, 2015": the date is the last " - " part. */
    {"date", "normalize-space(substring-after(substring-after(normalize-space(*[local-name()="
             "'HBoxView']/*[local-name()='TextView'][contains(.,' - ')]),' - '),' - '))"},
    {"text", "*[local-name()='TextView'][@styleSet='normal11']"},
    {"url", ".//*[local-name()='GotoURL'][contains(@url,'userReviewId=')]/@url"},
};
static const char itms_items[] =
    "//*[local-name()='VBoxView'][*[local-name()='TextView'][@styleSet='normal11']]"
    "[.//*[local-name()='HBoxView'][@alt]]";

/* ---- dispatch ------------------------------------------------------------------------------ */

hugi_rc x_xml_feed(struct xctx *x, const char *s, size_t len, enum hugi_extract_preset want,
                   enum hugi_extract_preset *used)
{
    if (len > INT32_MAX)
        return x_fail(x, HUGI_E_LIMIT, NULL, "XML too large");
    xmlDoc *doc = xmlReadMemory(s, (int)len, x->o->url, "UTF-8",
                                XML_PARSE_RECOVER | XML_PARSE_NONET | XML_PARSE_NOERROR |
                                    XML_PARSE_NOWARNING | XML_PARSE_NOCDATA);
    xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
    if (!root) {
        xmlFreeDoc(doc);
        if (want == HUGI_PRESET_AUTO)
            return HUGI_E_NOTFOUND;
        const xmlError *e = xmlGetLastError();
        char where[32];
        snprintf(where, sizeof where, "line %d", e ? e->line : 0);
        return x_fail(x, HUGI_E_PARSE, where, "not an XML feed");
    }
    hugi_rc rc = HUGI_OK;
    if (lname(root, "rss") || lname(root, "RDF")) {
        *used = HUGI_PRESET_RSS;
        xmlNode *ch = child(root, "channel", NULL);
        xmlNode *scan = lname(root, "RDF") ? root : ch;
        if (all_notices(scan, "item")) {
            x_warn(x, NULL, "every item is the shop's notice, none a review");
            scan = NULL;
        } else if (all_priced(scan, "item")) {
            x_warn(x, NULL, "every item has a price: a product feed, no reviews");
            scan = NULL;
        } else if (other_feed(scan, "item")) {
            x_warn(x, NULL, "every item is one of %s, no reviews", other_feed(scan, "item"));
            scan = NULL;
        }
        for (xmlNode *c = scan ? scan->children : NULL; c && !rc; c = c->next)
            if (lname(c, "item"))
                rc = rss_item(x, c);
        if (!rc && ch)
            rc = feed_links(x, ch);
    } else if (lname(root, "feed") && child(root, "reviews", NULL)) {
        *used = HUGI_PRESET_RSS;
        xmlNode *rs = child(root, "reviews", NULL);
        for (xmlNode *c = rs->children; c && !rc; c = c->next)
            if (lname(c, "review"))
                rc = gmc_review(x, c);
    } else if (lname(root, "feed")) {
        bool appstore = false;
        for (xmlNs *ns = root->nsDef; ns; ns = ns->next)
            if (ns->href && strstr((const char *)ns->href, "itunes.apple.com"))
                appstore = true;
        *used = appstore ? HUGI_PRESET_APPSTORE : HUGI_PRESET_RSS;
        bool notices = all_notices(root, "entry"), priced = !notices && all_priced(root, "entry");
        const char *other = notices || priced ? NULL : other_feed(root, "entry");
        if (notices)
            x_warn(x, NULL, "every entry is the shop's notice, none a review");
        if (priced)
            x_warn(x, NULL, "every entry has a price: a product feed, no reviews");
        if (other)
            x_warn(x, NULL, "every entry is one of %s, no reviews", other);
        for (xmlNode *c = notices || priced || other ? NULL : root->children; c && !rc; c = c->next)
            if (lname(c, "entry"))
                rc = atom_entry(x, c, appstore);
        if (!rc)
            rc = feed_links(x, root);
    } else if (lname(root, "Document") && root->ns && root->ns->href &&
               strstr((const char *)root->ns->href, "apple.com/itms")) {
        *used = HUGI_PRESET_APPSTORE;
        size_t n = 0;
        rc = run_xpath_items(x, doc, itms_items, itms_fields,
                             sizeof itms_fields / sizeof itms_fields[0], NULL, &n);
    } else {
        rc = want == HUGI_PRESET_AUTO
                 ? HUGI_E_NOTFOUND
                 : x_fail(x, HUGI_E_PARSE, (const char *)root->name,
                          "root element is not rss, feed or an iTunes review document");
    }
    xmlFreeDoc(doc);
    return rc;
}

/* ---- any other XML: read as JSON ------------------------------------------------------------- */

static bool has_element_kids(const xmlNode *n)
{
    for (const xmlNode *c = n->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE)
            return true;
    return false;
}

static hugi_rc xml_json(const xmlNode *n, struct hugi_buf *b, int depth);

/* An object member's name: the comma before all but the first, the quoted name, the colon. */
static hugi_rc json_key(struct hugi_buf *b, bool *first, const char *name)
{
    hugi_rc rc = *first ? HUGI_OK : hugi_buf_addstr(b, ",");
    *first = false;
    if (!rc)
        rc = hugi_json_strz(b, name);
    if (!rc)
        rc = hugi_buf_addstr(b, ":");
    return rc;
}

static hugi_rc xml_json_leaf_text(const xmlNode *n, struct hugi_buf *b)
{
    xmlChar *c = xmlNodeGetContent(n);
    size_t l;
    const char *t = hugi_str_trim(c ? (const char *)c : "", c ? strlen((const char *)c) : 0, &l);
    hugi_rc rc = hugi_json_str(b, t, l);
    xmlFree(c);
    return rc;
}

/* An element as JSON: with element children an object (its attributes, then its children by
 * name, a run of siblings of one name an array, as is the lone kind of child of a list:
 * <reviews><review>…</review></reviews>), without them its text, or its attributes when it
 * has no text (<rating value="4"/>). */
static hugi_rc xml_json(const xmlNode *n, struct hugi_buf *b, int depth)
{
    if (depth > 64)
        return hugi_buf_addstr(b, "null");
    bool kids = has_element_kids(n);
    if (!kids) {
        xmlChar *c = xmlNodeGetContent(n);
        size_t l = 0;
        if (c)
            hugi_str_trim((const char *)c, strlen((const char *)c), &l);
        xmlFree(c);
        if (l || !n->properties)
            return xml_json_leaf_text(n, b);
    }
    hugi_rc rc = hugi_buf_addstr(b, "{");
    bool first = true;
    for (const xmlAttr *a = n->properties; a && !rc; a = a->next) {
        xmlChar *v = xmlNodeListGetString(n->doc, a->children, 1);
        rc = json_key(b, &first, (const char *)a->name);
        if (!rc)
            rc = hugi_json_strz(b, v ? (const char *)v : "");
        xmlFree(v);
    }
    /* one kind of child, each with children of its own: a list even of one */
    const char *only = NULL;
    bool one_kind = kids, objects = true;
    for (const xmlNode *c = n->children; c && one_kind; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (!only)
            only = (const char *)c->name;
        one_kind = strcmp(only, (const char *)c->name) == 0;
        objects = objects && has_element_kids(c);
    }
    for (const xmlNode *c = n->children; c && !rc;) {
        if (c->type != XML_ELEMENT_NODE) {
            c = c->next;
            continue;
        }
        /* the run of element siblings with c's name */
        size_t run = 0;
        const xmlNode *e = c;
        for (const xmlNode *d = c; d; d = d->next) {
            if (d->type != XML_ELEMENT_NODE)
                continue;
            if (strcmp((const char *)d->name, (const char *)c->name) != 0)
                break;
            run++;
            e = d;
        }
        rc = json_key(b, &first, (const char *)c->name);
        bool arr = run > 1 || (one_kind && objects);
        if (!rc && arr)
            rc = hugi_buf_addstr(b, "[");
        size_t k = 0;
        for (const xmlNode *d = c; !rc && d; d = d->next) {
            if (d->type != XML_ELEMENT_NODE)
                continue;
            if (k++)
                rc = hugi_buf_addstr(b, ",");
            if (!rc)
                rc = xml_json(d, b, depth + 1);
            if (d == e)
                break;
        }
        if (!rc && arr)
            rc = hugi_buf_addstr(b, "]");
        c = e->next;
    }
    if (!rc)
        rc = hugi_buf_addstr(b, "}");
    return rc;
}

/* XML that is no feed (an API's XML answer, an export: <reviews><review>…): the document as
 * JSON (xml_json) through the JSON detection. HUGI_E_NOTFOUND when it holds no review list or
 * its root is an HTML page's. */
/* One cell of a CSV row: quoted, quotes doubled. */
static hugi_rc csv_cell(struct hugi_buf *b, const char *s)
{
    hugi_rc rc = hugi_buf_addc(b, '"');
    for (; *s && !rc; s++)
        rc = *s == '"' ? hugi_buf_add(b, "\"\"", 2) : hugi_buf_addc(b, *s);
    return rc ? rc : hugi_buf_addc(b, '"');
}

/* Excel's XML Spreadsheet 2003 (`<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">`,
 * what review tools export as ".xls" that is XML): one worksheet's table as CSV text, a line a
 * `<Row>`, a field a `<Cell>` (its `ss:Index` skipping empty cells), for the CSV reader to map
 * by its header. */
static hugi_rc spreadsheet_csv(const xmlNode *table, struct hugi_buf *b)
{
    hugi_rc rc = HUGI_OK;
    for (const xmlNode *row = table->children; row && !rc; row = row->next) {
        if (!lname(row, "Row"))
            continue;
        long col = 0;
        for (const xmlNode *c = row->children; c && !rc; c = c->next) {
            if (!lname(c, "Cell"))
                continue;
            xmlChar *ix = xmlGetProp(c, (const xmlChar *)"Index");
            long at = ix ? strtol((const char *)ix, NULL, 10) : col + 1;
            xmlFree(ix);
            /* ss:Index counts from 1; one going back or past any sheet's width (compared before
             * the subtraction: the least long has no predecessor) is no layout to follow */
            long want = at > col && at <= 16385 ? at - 1 : col;
            for (; col < want && !rc; col++)
                rc = hugi_buf_add(b, col ? ",\"\"" : "\"\"", col ? 3 : 2);
            xmlNode *d = child(c, "Data", NULL);
            xmlChar *t = d ? xmlNodeGetContent(d) : NULL;
            if (!rc && col)
                rc = hugi_buf_addc(b, ',');
            if (!rc)
                rc = csv_cell(b, t ? (const char *)t : "");
            xmlFree(t);
            col++;
        }
        if (!rc)
            rc = hugi_buf_add(b, "\r\n", 2);
    }
    return rc;
}

/* Every worksheet of a workbook through the CSV reader, each with its own header (a sheet a
 * month, a summary sheet before the reviews), its messages naming it ("reviews.xml: worksheet
 * 'June': line 3"): a sheet whose header names no review field is passed over, and its error
 * stands only when no sheet is read. HUGI_E_NOTFOUND without a table. */
static hugi_rc spreadsheet_sheets(struct xctx *x, const xmlNode *root, struct hugi_buf *b)
{
    hugi_rc first = HUGI_OK;
    struct hugi_err first_err;
    hugi_err_clear(&first_err);
    bool any = false, read = false;
    const char *name = x->name;
    int nth = 0;
    for (const xmlNode *w = root->children; w; w = w->next) {
        const xmlNode *table = lname(w, "Worksheet") ? child(w, "Table", NULL) : NULL;
        nth += lname(w, "Worksheet");
        if (!table)
            continue;
        any = true;
        hugi_buf_reset(b);
        hugi_rc rc = spreadsheet_csv(table, b);
        if (rc)
            return rc;
        char place[256];
        xmlChar *wn = xmlGetProp(w, (const xmlChar *)"Name");
        if (wn)
            snprintf(place, sizeof place, "%s: worksheet '%.80s'", name, (const char *)wn);
        else
            snprintf(place, sizeof place, "%s: worksheet %d", name, nth);
        xmlFree(wn);
        x->res->used = HUGI_PRESET_CSV;
        x->name = place;
        rc = x_csv(x, b->data ? b->data : "", b->len);
        x->name = name;
        if (rc != HUGI_E_PARSE) {
            if (rc)
                return rc;
            read = true;
            continue;
        }
        if (!first) {
            first = rc;
            if (x->err)
                first_err = *x->err;
        }
        if (x->err)
            hugi_err_clear(x->err);
    }
    if (!any)
        return HUGI_E_NOTFOUND;
    if (read || !first)
        return HUGI_OK;
    if (x->err)
        *x->err = first_err;
    return first;
}

hugi_rc x_xml_generic(struct xctx *x, const char *s, size_t len)
{
    if (len > INT32_MAX)
        return HUGI_E_NOTFOUND;
    xmlDoc *doc = xmlReadMemory(s, (int)len, x->o->url, "UTF-8",
                                XML_PARSE_RECOVER | XML_PARSE_NONET | XML_PARSE_NOERROR |
                                    XML_PARSE_NOWARNING | XML_PARSE_NOCDATA);
    xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
    if (!root || strcasecmp((const char *)root->name, "html") == 0) {
        xmlFreeDoc(doc);
        return HUGI_E_NOTFOUND;
    }
    struct hugi_buf b;
    hugi_buf_init(&b, len * 8 + 4096);
    if (lname(root, "Workbook")) {
        hugi_rc rc = spreadsheet_sheets(x, root, &b);
        xmlFreeDoc(doc);
        hugi_buf_release(&b);
        return rc == HUGI_E_LIMIT ? x_fail(x, rc, NULL, "spreadsheet too large") : rc;
    }
    hugi_rc rc = hugi_buf_addstr(&b, "{");
    if (!rc)
        rc = hugi_json_strz(&b, (const char *)root->name);
    if (!rc)
        rc = hugi_buf_addstr(&b, ":");
    if (!rc)
        rc = xml_json(root, &b, 0);
    if (!rc)
        rc = hugi_buf_addstr(&b, "}");
    xmlFreeDoc(doc);
    if (rc) {
        hugi_buf_release(&b);
        return rc == HUGI_E_LIMIT ? HUGI_E_NOTFOUND : rc;
    }
    char eb[160];
    yajl_val v = x_json_parse(b.data, b.len, eb, sizeof eb);
    hugi_buf_release(&b);
    if (!v)
        return HUGI_E_NOTFOUND;
    enum hugi_extract_preset used = HUGI_PRESET_AUTO;
    rc = x_json_feed(x, v, HUGI_PRESET_AUTO, &used);
    x_json_free(v);
    if (!rc)
        x->res->used = HUGI_PRESET_JSON;
    return rc;
}

/* ---- xpath engine -------------------------------------------------------------------------- */

/* The text of an element as a reader sees it: a line break for <br> and at the edges of block
 * elements (xmlNodeGetContent glues "good.<br>Battery" into "good.Battery"), nothing from
 * script, style or comments. Depth-bounded: libxml2's HTML parser already caps nesting. */
static void node_text(xmlNode *n, struct hugi_buf *b, int depth)
{
    for (; n && depth < 256; n = n->next) {
        if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
            if (n->content)
                hugi_buf_addstr(b, (const char *)n->content);
            continue;
        }
        if (n->type != XML_ELEMENT_NODE)
            continue;
        const char *nm = (const char *)n->name;
        if (!strcasecmp(nm, "script") || !strcasecmp(nm, "style") || !strcasecmp(nm, "template"))
            continue;
        bool block = !strcasecmp(nm, "br") || !strcasecmp(nm, "p") || !strcasecmp(nm, "div") ||
                     !strcasecmp(nm, "li") || !strcasecmp(nm, "tr");
        if (block && b->len && b->data[b->len - 1] != '\n')
            hugi_buf_addc(b, '\n');
        node_text(n->children, b, depth + 1);
        if (block && b->len && b->data[b->len - 1] != '\n')
            hugi_buf_addc(b, '\n');
    }
}

/* The string value of an XPath result: a string/number/boolean as is; a node set as the text of
 * its nodes in document order joined with spaces. */
static char *xpath_string(xmlXPathObject *o, bool join)
{
    if (!o)
        return NULL;
    if (o->type == XPATH_STRING)
        return o->stringval && o->stringval[0] ? hugi_strdup((const char *)o->stringval) : NULL;
    if (o->type == XPATH_NUMBER) {
        if (isnan(o->floatval))
            return NULL;
        char b[64];
        snprintf(b, sizeof b, "%.15g", o->floatval);
        return hugi_strdup(b);
    }
    if (o->type != XPATH_NODESET || !o->nodesetval || !o->nodesetval->nodeNr)
        return NULL;
    struct hugi_buf b;
    hugi_buf_init(&b, 1 << 24);
    for (int i = 0; i < (join ? o->nodesetval->nodeNr : 1); i++) {
        xmlNode *nd = o->nodesetval->nodeTab[i];
        if (b.len)
            hugi_buf_addc(&b, ' ');
        if (nd->type == XML_ELEMENT_NODE) {
            node_text(nd->children, &b, 0);
            continue;
        }
        xmlChar *c = xmlNodeGetContent(nd);
        if (c) {
            hugi_buf_addstr(&b, (const char *)c);
            xmlFree(c);
        }
    }
    char *s = b.len ? hugi_buf_detach(&b, NULL) : NULL;
    hugi_buf_release(&b);
    return s;
}

static hugi_rc set_named(struct xctx *x, struct hugi_review *r, const char *name, const char *v)
{
    size_t len = strlen(v);
    if (strcmp(name, "rating") == 0) {
        x_set_rating_text(x, r, v, len);
        return HUGI_OK;
    }
    if (strcmp(name, "date") == 0)
        return x_set_date(x, r, v, len);
    if (strcmp(name, "likes") == 0) {
        /* "12", "1,024 people found this helpful", "One person found this helpful"; text
         * without a count gives nothing (never 0). */
        const char *p = v;
        while (*p && !(*p >= '0' && *p <= '9'))
            p++;
        if (*p) {
            long n = 0;
            for (; (*p >= '0' && *p <= '9') || (*p == ',' && p[1] >= '0' && p[1] <= '9'); p++)
                if (*p != ',' && n < 1000000000L)
                    n = n * 10 + (*p - '0');
            r->likes = n;
        } else if (strncasecmp(v, "one ", 4) == 0 || strncasecmp(v, "a ", 2) == 0) {
            r->likes = 1;
        }
        return HUGI_OK;
    }
    if (strcmp(name, "url") == 0) {
        /* a link relative to the page ("/reviews/r1") is made absolute */
        char *abs = x_resolve_url(x, v, len);
        if (!abs)
            return HUGI_E_NOMEM;
        hugi_rc rc = x_set_ws(&r->url, abs, strlen(abs));
        free(abs);
        return rc;
    }
    char **dst = strcmp(name, "text") == 0        ? &r->text
                 : strcmp(name, "title") == 0     ? &r->title
                 : strcmp(name, "author") == 0    ? &r->author
                 : strcmp(name, "id") == 0        ? &r->id
                 : strcmp(name, "url") == 0       ? &r->url
                 : strcmp(name, "lang") == 0      ? &r->lang
                 : strcmp(name, "parent_id") == 0 ? &r->parent_id
                 : strcmp(name, "product") == 0   ? &r->product
                                                  : NULL;
    if (!dst)
        return HUGI_OK;
    return x_set_ws(dst, v, len);
}

static hugi_rc run_xpath_items(struct xctx *x, xmlDoc *doc, const char *items,
                               const struct hugi_extract_field *fields, size_t nfields,
                               const char *next, size_t *nfound)
{
    xmlXPathContext *ctx = xmlXPathNewContext(doc);
    if (!ctx)
        return HUGI_E_NOMEM;
    hugi_rc rc = HUGI_OK;
    xmlXPathObject *set = xmlXPathEvalExpression((const xmlChar *)items, ctx);
    if (!set) {
        xmlXPathFreeContext(ctx);
        return x_fail(x, HUGI_E_USAGE, items, "invalid XPath for the items");
    }
    int n = set->type == XPATH_NODESET && set->nodesetval ? set->nodesetval->nodeNr : 0;
    uint64_t list = ++x->container_seq;
    *nfound = (size_t)n;
    for (int i = 0; i < n && !rc; i++) {
        xmlNode *item = set->nodesetval->nodeTab[i];
        struct hugi_review r;
        hugi_review_init(&r);
        for (size_t f = 0; f < nfields && !rc; f++) {
            ctx->node = item;
            xmlXPathObject *o = xmlXPathEvalExpression((const xmlChar *)fields[f].selector, ctx);
            if (!o) {
                rc = x_fail(x, HUGI_E_USAGE, fields[f].selector, "invalid XPath for field '%s'",
                            fields[f].name);
                break;
            }
            /* text and title gather every matched node; other fields take the first */
            bool join = !strcmp(fields[f].name, "text") || !strcmp(fields[f].name, "title");
            char *v = xpath_string(o, join);
            xmlXPathFreeObject(o);
            if (v)
                rc = set_named(x, &r, fields[f].name, v);
            free(v);
        }
        if (!rc)
            rc = x_id_from_url(&r);
        if (rc) {
            hugi_review_release(&r);
            break;
        }
        if (!r.text && isnan(r.rating) && !r.title) {
            char w[32];
            snprintf(w, sizeof w, "item %d", i + 1);
            x_warn(x, w, "no text, title or rating");
            hugi_review_release(&r);
            continue;
        }
        rc = x_emit_in(x, &r, 0, list);
    }
    xmlXPathFreeObject(set);
    if (!rc && next && next[0]) {
        ctx->node = xmlDocGetRootElement(doc);
        xmlXPathObject *o = xmlXPathEvalExpression((const xmlChar *)next, ctx);
        if (!o)
            rc = x_fail(x, HUGI_E_USAGE, next, "invalid XPath for the next link");
        char *v = xpath_string(o, false);
        xmlXPathFreeObject(o);
        if (!rc && v)
            rc = x_set_next_url(x, v, strlen(v));
        free(v);
    }
    xmlXPathFreeContext(ctx);
    return rc;
}

static xmlDoc *read_html(struct xctx *x, const char *s, size_t len)
{
    if (len > INT32_MAX)
        return NULL;
    return htmlReadMemory(s, (int)len, x->o->url, "UTF-8",
                          HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                              HTML_PARSE_NONET | HTML_PARSE_COMPACT);
}

hugi_rc x_xpath_html(struct xctx *x, const char *s, size_t len)
{
    if (!x->o->items || !x->o->items[0])
        return x_fail(x, HUGI_E_USAGE, NULL, "the xpath preset needs an items XPath (--items)");
    xmlDoc *doc = read_html(x, s, len);
    if (!doc)
        return x_fail(x, HUGI_E_PARSE, NULL, "cannot parse as HTML");
    size_t n = 0;
    hugi_rc rc = run_xpath_items(x, doc, x->o->items, x->o->fields, x->o->nfields, x->o->next, &n);
    xmlFreeDoc(doc);
    return rc;
}

/* ---- built-in layouts: Google Play web pages ------------------------------------------------ */

#define CLASS(c) "contains(concat(' ',normalize-space(@class),' '),' " c " ')"

static const struct hugi_extract_field gp2016_fields[] = {
    {"id", ".//*[@data-reviewid]/@data-reviewid"},
    {"author", ".//*[" CLASS("author-name") "]"},
    {"date", ".//*[" CLASS("review-date") "]"},
    /* "5つ星のうち1つ星で評価しました": the scale first, then the rating. */
    {"rating", ".//*[" CLASS("star-rating-non-editable-container") "]/@aria-label"},
    {"title", ".//*[" CLASS("review-title") "]"},
    /* The body holds the title span, the text, and a hidden "full review" link. */
    {"text", ".//*[" CLASS("review-body") "]/node()[not(self::*[" CLASS("review-link") "])]"},
};

static const struct hugi_extract_field gp2012_fields[] = {
    {"id", "substring-before(concat(substring-after(.//a[contains(@href,'reviewId=')]/@href,"
           "'reviewId='),'&'),'&')"},
    {"author", ".//*[" CLASS("doc-review-author") "]"},
    {"date", ".//*[" CLASS("doc-review-date") "]"},
    {"rating", ".//*[" CLASS("ratings") "]/@title"},
    {"title", ".//*[" CLASS("review-title") "]"},
    {"text", ".//*[" CLASS("review-text") "]"},
};

/* Google Play web pages since 2022 (generated class names, stable for years): RHo1pe items. */
static const struct hugi_extract_field gp2022_fields[] = {
    {"id", ".//*[@data-review-id]/@data-review-id"},
    {"author", ".//*[" CLASS("X5PpBb") "]"},
    {"rating", ".//*[" CLASS("iXRFPc") "]/@aria-label"},
    {"date", ".//*[" CLASS("bp9Aid") "]"},
    {"text", ".//*[" CLASS("h3YV2d") "]"},
    {"likes", ".//*[" CLASS("AJTPZc") "]"},
};

/* Google Play web pages of 2018-2021: d15Mdf items; the full text sits in a hidden span when
 * the visible one is cut ("Full Review" button). */
static const struct hugi_extract_field gp2018_fields[] = {
    {"author", ".//*[" CLASS("X43Kjb") "]"},
    {"rating", ".//*[" CLASS("pf5lIe") "]//*[@aria-label]/@aria-label"},
    {"date", ".//*[" CLASS("p2TkOb") "]"},
    {"text", "(.//span[@jsname='fbQN7e'][normalize-space()] | .//span[@jsname='bN97Pc']"
             "[not(../span[@jsname='fbQN7e'][normalize-space()])]/text())"},
    {"likes", ".//*[" CLASS("jUL89d") "]"},
};

/* apps.apple.com app pages: we-customer-review items (rating "4 out of 5" in an aria-label,
 * the date in a time element's datetime). */
#define WE(c) CLASS("we-customer-review__" c)
static const struct hugi_extract_field appstore_web_fields[] = {
    {"author", ".//*[" WE("user") "]"},
    {"rating", ".//*[" CLASS("we-star-rating") "]/@aria-label"},
    {"date", "(.//time[" WE("date") "]/@datetime | .//*[" WE("date") "][not(@datetime)])"},
    {"title", ".//*[" WE("title") "]"},
    {"text", ".//*[" WE("body") "]"},
};

/* Amazon product and review pages: items marked data-hook="review" (the id is the item's);
 * the title link holds the star text too, so the title is its last span. */
#define HOOK(h) "@data-hook='" h "'"
static const struct hugi_extract_field amazon_fields[] = {
    {"id", "@id"},
    {"author", ".//*[" CLASS("a-profile-name") "]"},
    {"rating", ".//*[" HOOK("review-star-rating") " or " HOOK("cmps-review-star-rating") "]"},
    {"title", "(.//*[" HOOK("review-title") "]/span[normalize-space()])[last()]"},
    {"date", ".//*[" HOOK("review-date") "]"},
    {"text", ".//*[" HOOK("review-body") "]//text()[not(ancestor::script)]"},
    {"likes", ".//*[" HOOK("helpful-vote-statement") "]"},
};

/* Coupang product pages: sdp-review__article__list articles, the rating in data-rating. */
#define SDP(c) CLASS("sdp-review__article__list" c)
static const struct hugi_extract_field coupang_fields[] = {
    {"author", ".//*[" SDP("__info__user__name") "]"},
    {"rating", ".//*[" SDP("__info__product-info__star-orange") "]/@data-rating"},
    {"date", ".//*[" SDP("__info__product-info__reg-date") "]"},
    {"title", ".//*[" SDP("__headline") "]"},
    {"text", ".//*[" SDP("__review__content") "]"},
};

/* Shopify review apps as rendered into the page: Judge.me (jdgm-rev, rating in data-score, date
 * in data-content) and Yotpo's classic widget (yotpo-review, "5 star rating" in an sr-only). */
#define JDGM(c) CLASS("jdgm-rev__" c)
static const struct hugi_extract_field judgeme_fields[] = {
    {"id", "@data-review-id"},
    {"author", ".//*[" JDGM("author") "]"},
    {"rating", ".//*[" JDGM("rating") "]/@data-score"},
    {"date", ".//*[" JDGM("timestamp") "]/@data-content"},
    {"title", ".//*[" JDGM("title") "]"},
    {"text", ".//*[" JDGM("body") "]"},
};

static const struct hugi_extract_field yotpo_fields[] = {
    {"id", "@data-review-id"},
    {"author", ".//*[" CLASS("yotpo-user-name") "]"},
    {"rating", ".//*[" CLASS("yotpo-review-stars") "]//*[" CLASS("sr-only") "]"},
    {"date", ".//*[" CLASS("yotpo-review-date") "]"},
    {"title", ".//*[" CLASS("content-title") "]"},
    {"text", ".//*[" CLASS("content-review") "]"},
};

/* The hReview microformat (class="hreview", and microformats2's "h-review"): reviewer's fn,
 * dtreviewed's title/datetime, rating (an abbr title or "4/5" text), summary, description. An
 * "hreview-aggregate" is a summary and never matches (class tokens are compared whole). */
#define HRCLS(a, b) "[" CLASS(a) " or " CLASS(b) "]"
#define HR_DATE     ".//*" HRCLS("dtreviewed", "dt-published")
#define HR_RATING   ".//*" HRCLS("rating", "p-rating")
#define HR_RVAL                                                                                    \
    "(" HR_RATING "/@value | " HR_RATING "/@title | " HR_RATING "[not(@title) and not(@value)])"
#define HR_BEST "(.//*[" CLASS("p-best") "]/@value | .//*[" CLASS("p-best") "][not(@value)])"
static const struct hugi_extract_field hreview_fields[] = {
    {"author", "(.//*[" CLASS("reviewer") "]//*[" CLASS("fn") "] | .//*[" CLASS(
                   "reviewer") "][not(.//*[" CLASS("fn") "])] | .//*[" CLASS("p-author") "])"},
    {"date",
     "(" HR_DATE "/@title | " HR_DATE "/@datetime | " HR_DATE "[not(@title) and not(@datetime)])"},
    /* microformats2 puts the value in <data value> and the scale in p-best ("9" of "10"):
     * read as "9/10" */
    {"rating", "concat(string(" HR_RVAL "), substring(concat('/', string(" HR_BEST
               ")), 1, (string-length(string(" HR_BEST ")) > 0) * 1000))"},
    {"title", "(.//*" HRCLS("summary", "p-summary") " | .//*[" CLASS(
                  "p-name") "][not(ancestor::*" HRCLS("p-item", "p-author") ")])"},
    {"text", ".//*[" CLASS("description") " or " CLASS("e-content") " or " CLASS("p-content") "]"},
    {"url", "(.//a" HRCLS("permalink", "u-url") "/@href)"},
};

static const struct {
    const char *marker; /* a byte string every page of the layout has */
    const char *items;
    const struct hugi_extract_field *fields;
    size_t nfields;
    const char *next; /* XPath of the next-page link, or NULL */
} layouts[] = {
    {"single-review", "//div[" CLASS("single-review") "]", gp2016_fields, 6, NULL},
    {"doc-review", "//div[" CLASS("doc-review") "]", gp2012_fields, 6, NULL},
    {"RHo1pe", "//div[" CLASS("RHo1pe") "]", gp2022_fields, 6, NULL},
    {"d15Mdf", "//div[" CLASS("d15Mdf") "]", gp2018_fields, 5, NULL},
    {"we-customer-review", "//*[" CLASS("we-customer-review") "]", appstore_web_fields, 5, NULL},
    /* the reviews from other countries carry another data-hook on some pages, but the same
     * review class and the same review-body hook inside */
    {"data-hook",
     "//*[" HOOK("review") " or (" CLASS("review") " and .//*[" HOOK(
         "review-body") "] and not(ancestor::*[" HOOK("review") "]))]",
     amazon_fields, 7, "//ul[" CLASS("a-pagination") "]/li[" CLASS("a-last") "]/a/@href"},
    {"sdp-review__article__list", "//*[" SDP("") "]", coupang_fields, 5, NULL},
    {"jdgm-rev", "//*[" CLASS("jdgm-rev") "]", judgeme_fields, 6, NULL},
    {"yotpo-review", "//*[" CLASS("yotpo-review") "]", yotpo_fields, 6, NULL},
    {"review", "//*" HRCLS("hreview", "h-review"), hreview_fields, 6, NULL},
};

hugi_rc x_html_layouts(struct xctx *x, const char *s, size_t len)
{
    /* Cheap test first: no layout's marker, no parse. */
    bool any = false;
    for (size_t i = 0; i < sizeof layouts / sizeof layouts[0] && !any; i++)
        any = x_memmem(s, len, layouts[i].marker, strlen(layouts[i].marker)) != NULL;
    if (!any)
        return HUGI_E_NOTFOUND;
    xmlDoc *doc = read_html(x, s, len);
    if (!doc)
        return HUGI_E_NOTFOUND;
    hugi_rc rc = HUGI_E_NOTFOUND;
    for (size_t i = 0; i < sizeof layouts / sizeof layouts[0]; i++) {
        if (!x_memmem(s, len, layouts[i].marker, strlen(layouts[i].marker)))
            continue;
        size_t n = 0;
        rc = run_xpath_items(x, doc, layouts[i].items, layouts[i].fields, layouts[i].nfields,
                             layouts[i].next, &n);
        if (rc || n)
            break;
        rc = HUGI_E_NOTFOUND;
    }
    xmlFreeDoc(doc);
    return rc;
}
