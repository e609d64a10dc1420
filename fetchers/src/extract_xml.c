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
static hugi_rc set_node(char **field, const xmlNode *n, bool markup, bool collapse)
{
    if (!n)
        return HUGI_OK;
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
        for (size_t i = 0; i < len && !rc; i++) {
            if (s[i] == '<') {
                const char *gt = memchr(s + i, '>', len - i);
                if (!gt)
                    break;
                if (strncmp(s + i, "<br", 3) == 0 || strncmp(s + i, "</p", 3) == 0)
                    rc = hugi_buf_addc(&b, '\n');
                i = (size_t)(gt - s);
                continue;
            }
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

/* ---- RSS 2.0 / Atom / App Store Atom ----------------------------------------------------- */

static hugi_rc rss_item(struct xctx *x, xmlNode *it)
{
    struct hugi_review r;
    hugi_review_init(&r);
    hugi_rc rc = set_node(&r.id, child(it, "guid", NULL), false, true);
    if (!rc)
        rc = set_node(&r.title, child(it, "title", NULL), true, true);
    xmlNode *body = child(it, "encoded", "content");
    if (!body)
        body = child(it, "description", NULL);
    if (!rc)
        rc = set_node(&r.text, body, true, false);
    xmlNode *au = child(it, "creator", "dc");
    if (!au)
        au = child(it, "author", NULL);
    if (!rc)
        rc = set_node(&r.author, au, false, true);
    xmlNode *d = child(it, "pubDate", NULL);
    if (!d)
        d = child(it, "date", "dc");
    if (!rc)
        rc = set_node_date(x, &r, d);
    if (!rc)
        rc = set_node(&r.url, child(it, "link", NULL), false, true);
    xmlNode *rt = child(it, "rating", NULL);
    if (rt) {
        xmlChar *c = xmlNodeGetContent(rt);
        if (c)
            x_set_rating_text(x, &r, (const char *)c, strlen((const char *)c));
        xmlFree(c);
    }
    if (!rc && !r.id && r.url)
        rc = x_set(&r.id, r.url, strlen(r.url));
    if (rc) {
        hugi_review_release(&r);
        return rc;
    }
    return x_emit(x, &r, 0);
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
    bool html_only = !text;
    if (!text)
        text = any;
    /* The App Store feed's first entry describes the app: no rating, no review text. */
    if (appstore && !rating && !text)
        return HUGI_OK;
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
    for (xmlNode *c = e->children; c && !rc; c = c->next) {
        if (!lname(c, "link"))
            continue;
        xmlChar *rel = xmlGetProp(c, (const xmlChar *)"rel");
        xmlChar *href = xmlGetProp(c, (const xmlChar *)"href");
        if (href && (!rel || strcmp((const char *)rel, "alternate") == 0) && !r.url)
            rc = x_set(&r.url, (const char *)href, strlen((const char *)href));
        xmlFree(rel);
        xmlFree(href);
    }
    if (rating) {
        xmlChar *c = xmlNodeGetContent(rating);
        if (c)
            x_set_rating_text(x, &r, (const char *)c, strlen((const char *)c));
        xmlFree(c);
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
    if (rc) {
        hugi_review_release(&r);
        return rc;
    }
    return x_emit(x, &r, 0);
}

static hugi_rc feed_links(struct xctx *x, xmlNode *parent)
{
    for (xmlNode *c = parent->children; c; c = c->next) {
        if (!lname(c, "link"))
            continue;
        xmlChar *rel = xmlGetProp(c, (const xmlChar *)"rel");
        xmlChar *href = xmlGetProp(c, (const xmlChar *)"href");
        hugi_rc rc = HUGI_OK;
        if (rel && href && strcmp((const char *)rel, "next") == 0)
            rc = x_set_next_url(x, (const char *)href, strlen((const char *)href));
        xmlFree(rel);
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
        for (xmlNode *c = scan ? scan->children : NULL; c && !rc; c = c->next)
            if (lname(c, "item"))
                rc = rss_item(x, c);
        if (!rc && ch)
            rc = feed_links(x, ch);
    } else if (lname(root, "feed")) {
        bool appstore = false;
        for (xmlNs *ns = root->nsDef; ns; ns = ns->next)
            if (ns->href && strstr((const char *)ns->href, "itunes.apple.com"))
                appstore = true;
        *used = appstore ? HUGI_PRESET_APPSTORE : HUGI_PRESET_RSS;
        for (xmlNode *c = root->children; c && !rc; c = c->next)
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

/* ---- xpath engine -------------------------------------------------------------------------- */

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
        xmlChar *c = xmlNodeGetContent(o->nodesetval->nodeTab[i]);
        if (c) {
            if (b.len)
                hugi_buf_addc(&b, ' ');
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
        long n = strtol(v, NULL, 10);
        if (n >= 0)
            r->likes = n;
        return HUGI_OK;
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

static const struct {
    const char *items;
    const struct hugi_extract_field *fields;
    size_t nfields;
} layouts[] = {
    {"//div[" CLASS("single-review") "]", gp2016_fields, 6},
    {"//div[" CLASS("doc-review") "]", gp2012_fields, 6},
};

hugi_rc x_html_layouts(struct xctx *x, const char *s, size_t len)
{
    /* Cheap test first: no layout class name, no parse. */
    if (!x_memmem(s, len, "single-review", 13) && !x_memmem(s, len, "doc-review", 10))
        return HUGI_E_NOTFOUND;
    xmlDoc *doc = read_html(x, s, len);
    if (!doc)
        return HUGI_E_NOTFOUND;
    hugi_rc rc = HUGI_E_NOTFOUND;
    for (size_t i = 0; i < sizeof layouts / sizeof layouts[0]; i++) {
        size_t n = 0;
        rc = run_xpath_items(x, doc, layouts[i].items, layouts[i].fields, layouts[i].nfields, NULL,
                             &n);
        if (rc || n)
            break;
        rc = HUGI_E_NOTFOUND;
    }
    xmlFreeDoc(doc);
    return rc;
}
