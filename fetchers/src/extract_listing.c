/* SPDX-License-Identifier: MIT
 * The listing preset: reviews out of HTML that carries no structured data and no layout we know,
 * found by the shape review lists have everywhere. A review list is a run of sibling elements of
 * the same kind (tag + review-ish class) under one parent, inside or marked with a review-ish
 * name (review, rvw, comment, testimonial, feedback, opinion, rating, 후기, 리뷰, 상품평, 구매평),
 * each holding a text and at least one of rating, date, author. Fields inside an item are found
 * by class words (author/name/nick/writer, date/time, rating/star/score/point, helpful/like,
 * title/subject, text/content/body/desc), by Korean and English labels in the text ("작성자",
 * "작성일", "별점", "평점5", "도움 3"), by a table's header cells, and by shape (<time>, star
 * glyphs, masked names "김**", date-looking text); the longest text block is the text when no
 * element says it is.
 *
 * It is tried last because it guesses: it refuses what a helpdesk must never see as reviews —
 * navigation, product grids (prices, add-to-cart), Q&A boards (문의/답변), rating histograms and
 * summaries, sidebars — and it answers nothing rather than something doubtful.
 *
 * Cost: one libxml2 parse, one pass over every element grouping children by a hash of their
 * signature (sorted, so no pairwise comparisons), and a field scan of candidate items whose total
 * is capped at a few times the element count, so a 1 MB page stays linear whatever its nesting. */
#include <ctype.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "extract_int.h"

#define MAX_DEPTH   256
#define CTX_LEVELS  6   /* ancestors looked at for a review-ish or refusing name */
#define MIN_ACCEPT  0.6 /* share of a list's items that must read as reviews */
#define LABEL_BYTES 120 /* a label and its value ("작성일 2024.01.02") are short */

enum role {
    R_NONE = 0,
    R_SKIP,   /* seller reply, buttons, product option, photos: never review text */
    R_RATING, /* ordered as tried: a class with several words takes the first that applies */
    R_DATE,
    R_AUTHOR,
    R_LIKES,
    R_TITLE,
    R_TEXT,
    R_SKIPW,   /* buttons, photos, labels: not text, but may hold a field (a helpful count) */
    R_PRODUCT, /* a board's product column (by its header only): the review's product */
    R_COUNT_
};

/* ---- words of class names ------------------------------------------------------------------- */

/* Splits an attribute value into lower-case words: "reviewList__item" → review list item,
 * "rvw_star-40" → rvw star 40, "작성자" stays one word. Calls fn for each; stops when it returns
 * true (and returns true). */
typedef bool (*word_fn)(const char *w, size_t n, void *ctx);

static bool each_word(const char *s, word_fn fn, void *ctx)
{
    char w[48];
    size_t n = 0;
    int kind = 0; /* 1 lower, 2 upper, 3 digit, 4 non-ASCII */
    for (size_t i = 0;; i++) {
        unsigned char c = (unsigned char)s[i];
        int k = c >= 'a' && c <= 'z'   ? 1
                : c >= 'A' && c <= 'Z' ? 2
                : c >= '0' && c <= '9' ? 3
                : c >= 0x80            ? 4
                                       : 0;
        /* a word ends at a separator, at lower→Upper (camelCase), at letter↔digit, at
         * ASCII↔non-ASCII */
        bool brk = k == 0 || (n && ((kind == 1 && k == 2) || ((kind == 3) != (k == 3)) ||
                                    ((kind == 4) != (k == 4))));
        if (brk && n) {
            if (fn(w, n, ctx))
                return true;
            n = 0;
        }
        if (!c)
            return false;
        if (k && n < sizeof w - 1)
            w[n++] = (char)(k == 2 ? c + 32 : c);
        kind = k ? k : 0;
    }
}

static bool word_in(const char *w, size_t n, const char *const *list)
{
    for (; *list; list++)
        if (strlen(*list) == n && memcmp(*list, w, n) == 0)
            return true;
    return false;
}

/* Class words that give an element inside a review its role. */
/* Pictures: "author-image", "user-avatar", "review-photo" are no author or text. */
static const char *const w_image[] = {"photo", "photos",    "image",  "images", "img",
                                      "thumb", "thumbnail", "avatar", "pic",    NULL};
static const char *const w_skipw[] = {
    "btn",       "button", "share",  "photo",     "photos", "image",  "images", "img",  "thumb",
    "thumbnail", "avatar", "toggle", "translate", "badge",  "badges", "tag",    "tags", "keyword",
    "keywords",  "sr",     "label",  "count",     "cnt",    "num",    NULL};
static const char *const w_skip[] = {"reply",
                                     "replies",
                                     "answer",
                                     "response",
                                     "seller",
                                     "admin",
                                     "owner",
                                     "report",
                                     "children",
                                     "option",
                                     "options",
                                     "opt",
                                     "\xeb\x8b\xb5\xeb\xb3\x80" /* 답변 */,
                                     "\xed\x8c\x90\xeb\xa7\xa4\xec\x9e\x90" /* 판매자 */,
                                     "\xec\x98\xb5\xec\x85\x98" /* 옵션 */,
                                     NULL};
static const char *const w_rating[] = {"rating",
                                       "ratings",
                                       "rate",
                                       "rated",
                                       "star",
                                       "stars",
                                       "score",
                                       "grade",
                                       "point",
                                       "points",
                                       "\xeb\xb3\x84\xec\xa0\x90" /* 별점 */,
                                       "\xed\x8f\x89\xec\xa0\x90" /* 평점 */,
                                       NULL};
static const char *const w_date[] = {"date",
                                     "time",
                                     "datetime",
                                     "timestamp",
                                     "posted",
                                     "published",
                                     "created",
                                     "regdate",
                                     "reg",
                                     "ago",
                                     "\xec\x9e\x91\xec\x84\xb1\xec\x9d\xbc" /* 작성일 */,
                                     "\xeb\x93\xb1\xeb\xa1\x9d\xec\x9d\xbc" /* 등록일 */,
                                     NULL};
static const char *const w_author[] = {"author",
                                       "name",
                                       "user",
                                       "username",
                                       "nick",
                                       "nickname",
                                       "writer",
                                       "reviewer",
                                       "fn",
                                       "customer",
                                       "member",
                                       "buyer",
                                       "poster",
                                       "commenter",
                                       "byline",
                                       "profile",
                                       "\xec\x9e\x91\xec\x84\xb1\xec\x9e\x90" /* 작성자 */,
                                       "\xea\xb5\xac\xeb\xa7\xa4\xec\x9e\x90" /* 구매자 */,
                                       NULL};
static const char *const w_likes[] = {"helpful",
                                      "like",
                                      "likes",
                                      "vote",
                                      "votes",
                                      "useful",
                                      "upvote",
                                      "upvotes",
                                      "recomm", /* 추천 clipped: u_cbox_cnt_recomm */
                                      "recommend",
                                      "recom", /* btn_recom, recomCnt */
                                      "\xec\xb6\x94\xec\xb2\x9c" /* 추천 */,
                                      "\xeb\x8f\x84\xec\x9b\x80" /* 도움 */,
                                      NULL};
static const char *const w_title[] = {"title",
                                      "headline",
                                      "subject",
                                      "tit",
                                      "summary",
                                      "heading",
                                      "\xec\xa0\x9c\xeb\xaa\xa9" /* 제목 */,
                                      NULL};
static const char *const w_text[] = {
    "text",        "txt",
    "content",     "contents",
    "cont",        "body",
    "comment",     "desc",
    "description", "message",
    "msg",         "feedback", /* "buyer-feedback": the buyer's words */
    "detail",      "\xeb\x82\xb4\xec\x9a\xa9" /* 내용 */,
    NULL};

/* Style words after "text" in a utility class: the text's look, not the review's text. */
static const char *const w_typo[] = {"bold",      "italic",    "center", "left",     "right",
                                     "muted",     "small",     "large",  "upper",    "uppercase",
                                     "lowercase", "nowrap",    "strong", "semibold", "normal",
                                     "primary",   "secondary", NULL};

struct role_acc {
    bool seen[R_COUNT_];
    bool block;       /* the element is a block (div, p, li…), never itself a button */
    bool tok_control; /* the current token starts with btn/button: `btn_reply_write_all` */
    bool tok_skip;    /* the current token holds a skip word (reply, seller, option) */
    enum role cur;    /* the role of the current token's last role word */
    bool product;     /* a product word ("c_product_review_cont"): skip only without "review" */
    bool tok_product, tok_field; /* in the current token: a product word, a field word after it */
};

static const char *const w_product[] = {"product", "prd", "goods", NULL};

static bool ends(const char *w, size_t n, const char *suf)
{
    size_t l = strlen(suf);
    return n > l && memcmp(w + n - l, suf, l) == 0;
}

/* Run-together class words: "comauth", "comdate", "comcontent", "rvwtxt", "reviewtext",
 * "avgrating", "usernick" take the role of their last part. */
static enum role suffix_role(const char *w, size_t n)
{
    static const struct {
        const char *suf;
        enum role role;
    } sufs[] = {{"rating", R_RATING}, {"ratings", R_RATING}, {"stars", R_RATING},
                {"score", R_RATING},  {"date", R_DATE},      {"time", R_DATE},
                {"author", R_AUTHOR}, {"auth", R_AUTHOR},    {"name", R_AUTHOR},
                {"nick", R_AUTHOR},   {"writer", R_AUTHOR},  {"title", R_TITLE},
                {"subject", R_TITLE}, {"content", R_TEXT},   {"text", R_TEXT},
                {"txt", R_TEXT},      {"body", R_TEXT},      {"desc", R_TEXT}};
    for (size_t i = 0; i < sizeof sufs / sizeof sufs[0]; i++)
        if (ends(w, n, sufs[i].suf))
            return sufs[i].role;
    return R_NONE;
}

/* One word of a class token. Skip words (reply, seller, option) count wherever they stand; of
 * the others the token's LAST one decides, as class names put the part last:
 * "we-customer-review__body" is a body, "user-rating" a rating, "author-image" a picture. */
static bool role_word(const char *w, size_t n, void *ctx)
{
    struct role_acc *a = ctx;
    enum role r = R_NONE;
    if (word_in(w, n, w_product))
        a->tok_product = true;
    else if (word_in(w, n, w_skip))
        a->tok_skip = true;
    else if (word_in(w, n, w_image) || word_in(w, n, w_skipw))
        r = R_SKIPW;
    else if (word_in(w, n, w_rating))
        r = R_RATING;
    else if (word_in(w, n, w_date))
        r = R_DATE;
    else if (word_in(w, n, w_author))
        r = R_AUTHOR;
    else if (word_in(w, n, w_likes))
        r = R_LIKES;
    else if (word_in(w, n, w_title))
        /* "text_summary", "body-summary": the text cut short for the list, still the text */
        r = a->cur == R_TEXT && n == 7 && !memcmp(w, "summary", 7) ? R_TEXT : R_TITLE;
    else if (word_in(w, n, w_text))
        r = R_TEXT;
    else if (a->cur == R_TEXT && word_in(w, n, w_typo))
        /* a typography utility ("a-text-bold", "text-center"): the style, no field */
        a->cur = R_NONE;
    else if (n >= 6)
        r = suffix_role(w, n);
    /* the number a likes word counts ("like-count", "helpful_cnt") is the likes; the badge a
     * score is printed on ("review-score__badge") is the score */
    if (r == R_SKIPW && a->cur == R_LIKES &&
        ((n == 5 && !memcmp(w, "count", 5)) || (n == 3 && !memcmp(w, "cnt", 3)) ||
         (n == 3 && !memcmp(w, "num", 3))))
        r = R_LIKES;
    if (r == R_SKIPW && a->cur == R_RATING && n == 5 && !memcmp(w, "badge", 5))
        r = R_RATING;
    if (a->cur == R_NONE && !a->tok_skip && (r == R_SKIPW) &&
        ((n == 3 && !memcmp(w, "btn", 3)) || (n == 6 && !memcmp(w, "button", 6)) ||
         (n == 6 && !memcmp(w, "toggle", 6))))
        a->tok_control = true;
    if (r != R_NONE)
        a->cur = r;
    /* "c_product_star": a field word after the product word names the review's field (the
     * stars a buyer gave the product), not the product */
    if (a->tok_product && (r == R_RATING || r == R_DATE || r == R_AUTHOR || r == R_LIKES))
        a->tok_field = true;
    return false;
}

/* Each whitespace-separated token of v through role_word; the token's last role is kept. */
static void token_roles(const char *v, struct role_acc *a)
{
    char tok[128];
    for (const char *p = v; *p;) {
        while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f')
            p++;
        size_t l = 0;
        while (p[l] && p[l] != ' ' && p[l] != '\t' && p[l] != '\n' && p[l] != '\r' && p[l] != '\f')
            l++;
        if (!l)
            break;
        size_t c = l < sizeof tok - 1 ? l : sizeof tok - 1;
        memcpy(tok, p, c);
        tok[c] = 0;
        a->cur = R_NONE;
        a->tok_product = a->tok_field = a->tok_control = a->tok_skip = false;
        each_word(tok, role_word, a);
        /* a block whose class or id starts with a control's word (`<div class="cmt_txtbox
         * btn_reply_write_all">`, a board whose comment box opens the reply form when clicked;
         * `<p id="review-preview-toggle-0">`, the text a "more" link unfolds) is no button,
         * and the reply it opens is not in it: the token says nothing */
        if (a->tok_control && a->block) {
            p += l;
            continue;
        }
        if (a->tok_skip)
            a->seen[R_SKIP] = true;
        if (a->tok_product && !a->tok_field)
            a->product = true;
        if (a->cur != R_NONE)
            a->seen[a->cur] = true;
        p += l;
    }
}

static char *attr(const xmlNode *n, const char *name)
{
    return (char *)xmlGetProp(n, (const xmlChar *)name);
}

static bool has_sub_ci(const char *h, const char *const *list);
static const char *const s_review[];

/* The role an element's class and id give it; the strongest word wins. */
static bool tag_is(const xmlNode *n, const char *t);

/* An attribute a test tool or an analytics tag reads, whose value names the element as a class
 * would where class names are generated: data-testid, data-test, data-test-*, data-qa,
 * data-hook, data-automation, data-cy */
static bool hook_attr(const char *nm)
{
    static const char *const hooks[] = {"data-testid", "data-hook",       "data-qa",
                                        "data-test",   "data-automation", "data-cy"};
    for (size_t i = 0; i < sizeof hooks / sizeof *hooks; i++)
        if (!strcasecmp(nm, hooks[i]))
            return true;
    return !strncasecmp(nm, "data-test-", 10);
}

static enum role class_role(const xmlNode *n)
{
    struct role_acc a = {0};
    a.block = tag_is(n, "div") || tag_is(n, "p") || tag_is(n, "li") || tag_is(n, "section") ||
              tag_is(n, "article") || tag_is(n, "dd") || tag_is(n, "td");
    for (xmlAttr *p = n->properties; p; p = p->next) {
        const char *nm = (const char *)p->name;
        /* data-* names too: generated class names leave only data-consumer-name-typography,
         * data-service-review-text-typography to go by */
        /* attributes whose value names the element like a class does */
        bool is_named = !strcasecmp(nm, "class") || !strcasecmp(nm, "id") ||
                        !strcasecmp(nm, "itemprop") || hook_attr(nm);
        if (!is_named && strncasecmp(nm, "data-", 5) == 0 &&
            strncasecmp(nm, "data-review", 11) != 0 && strncasecmp(nm, "data-comment", 12) != 0) {
            /* only flag-style ones (no value, "true"): data-name="x" says nothing of the element */
            char *v = (char *)xmlNodeGetContent((xmlNode *)p);
            if (!v || !v[0] || !strcmp(v, "true"))
                token_roles(nm + 5, &a);
            xmlFree(v);
            continue;
        }
        if (!is_named)
            continue;
        char *v = (char *)xmlNodeGetContent((xmlNode *)p);
        if (v) {
            bool was = a.product;
            token_roles(v, &a);
            if (a.product && !was && has_sub_ci(v, s_review))
                a.product = false; /* "c_product_review_cont" is the review's */
        }
        xmlFree(v);
    }
    /* a product-named wrapper of labelled cells (`<dl class="c_product_id"><dt>아이디</dt>…`)
     * holds the review's labelled fields, never an option line */
    bool labelled = false;
    for (const xmlNode *c = a.product ? n->children : NULL; c && !labelled; c = c->next)
        labelled = c->type == XML_ELEMENT_NODE && (tag_is(c, "dt") || tag_is(c, "th"));
    if (a.product && !labelled)
        a.seen[R_SKIP] = true;
    static const enum role order[] = {R_SKIP,  R_RATING, R_DATE,  R_AUTHOR,
                                      R_LIKES, R_TITLE,  R_SKIPW, R_TEXT};
    for (size_t i = 0; i < sizeof order / sizeof order[0]; i++)
        if (a.seen[order[i]])
            return order[i];
    return R_NONE;
}

static bool has_sub_ci(const char *h, const char *const *list)
{
    for (; *list; list++)
        if (x_strcasestr(h, *list))
            return true;
    return false;
}

/* Names that make a list a review list (substrings: "reviewList", "rvw_item", "commentlist"). */
static const char *const s_review[] = {"review",
                                       "rvw",
                                       "comment",
                                       "cmt", /* boards clip comment so: cmt_list, cmt_item */
                                       "testimonial",

                                       "rating",
                                       "\xed\x9b\x84\xea\xb8\xb0" /* 후기 */,
                                       "\xeb\xa6\xac\xeb\xb7\xb0" /* 리뷰 */,
                                       "\xec\x83\x81\xed\x92\x88\xed\x8f\x89" /* 상품평 */,
                                       "\xea\xb5\xac\xeb\xa7\xa4\xed\x8f\x89" /* 구매평 */,
                                       "\xeb\x8c\x93\xea\xb8\x80" /* 댓글: "comment" */,
                                       NULL};
/* Names that make a list anything but reviews: substrings, then whole words. */
static const char *const s_refuse[] = {"qna",
                                       "question",
                                       "answer",
                                       "inquiry",
                                       "faq",
                                       "breadcrumb",
                                       "paginat",
                                       "histogram",
                                       "\xeb\xac\xb8\xec\x9d\x98" /* 문의 */,
                                       "\xeb\x8b\xb5\xeb\xb3\x80" /* 답변 */,
                                       NULL};
static const char *const w_refuse[] = {
    "nav",     "navbar",    "navigation",   "menu",      "gnb",     "lnb",
    "snb",     "paging",    "pager",        "footer",    "header",  "sidebar",
    "summary", "breakdown", "distribution", "aggregate", "stats",   "statistics",
    "filter",  "filters",   "sort",         "sorting",   "related", "qa",
    "cart",    "price",     "prices",       "recently",  "recent",  NULL};

static bool refuse_word(const char *w, size_t n, void *ctx)
{
    (void)ctx;
    return word_in(w, n, w_refuse);
}

struct names {
    bool review, weak, refuse;
};

/* Names that say review only on the items or their parent: a news site's "section-opinion"
 * or a "feedback" page holds articles and forms, not reviews. */
static const char *const s_weak[] = {"opinion", "feedback", NULL};

/* What an element's class, id, test-hook and aria-label values and its data-* attribute names say
 * about the list it is in. */
static struct names names_of(const xmlNode *n)
{
    struct names o = {false, false, false};
    for (xmlAttr *p = n->properties; p; p = p->next) {
        const char *nm = (const char *)p->name;
        /* test hooks and accessible names survive where class names are generated:
         * data-testid="review-card", aria-label="상품 리뷰" */
        bool cls = !strcasecmp(nm, "class") || !strcasecmp(nm, "id") || hook_attr(nm) ||
                   !strcasecmp(nm, "aria-label") ||
                   !strcasecmp(nm, "aria-labelledby"); /* the id of its tab: "tab-review" */
        if (!cls && strncasecmp(nm, "data-", 5) == 0) {
            o.review |= has_sub_ci(nm, s_review);
            o.weak |= has_sub_ci(nm, s_weak);
            continue;
        }
        if (!cls)
            continue;
        char *v = (char *)xmlNodeGetContent((xmlNode *)p);
        if (v) {
            o.review |= has_sub_ci(v, s_review);
            o.weak |= has_sub_ci(v, s_weak);
            o.refuse |= has_sub_ci(v, s_refuse) || each_word(v, refuse_word, NULL);
        }
        xmlFree(v);
    }
    return o;
}

/* names_of of an element, worked out once: review_context looks at the same ancestors for every
 * small list below them, and a class value can be megabytes long. Kept in _private while the
 * lists are found (roles use it later: x_html_listing clears it in between). */
#define NAMES_DONE ((uintptr_t)1 << 8)
#define PAGER_DONE ((uintptr_t)1 << 9) /* is_next_link's: the element is named like a pager */
#define PAGER_YES  ((uintptr_t)1 << 3)
static struct names names_memo(const xmlNode *n)
{
    uintptr_t v = (uintptr_t)n->_private;
    if (!(v & NAMES_DONE)) {
        struct names o = names_of(n);
        v |= NAMES_DONE | (uintptr_t)o.review | (uintptr_t)o.weak << 1 | (uintptr_t)o.refuse << 2;
        ((xmlNode *)n)->_private = (void *)v;
    }
    return (struct names){(v & 1) != 0, (v & 2) != 0, (v & 4) != 0};
}

/* libxml2's HTML parser lower-cases element names: a plain comparison, first byte first */
static bool tag_is(const xmlNode *n, const char *t)
{
    return n && n->type == XML_ELEMENT_NODE && n->name[0] == (xmlChar)t[0] &&
           strcmp((const char *)n->name, t) == 0;
}

static bool tag_any(const xmlNode *n, const char *const *tags)
{
    for (; *tags; tags++)
        if (tag_is(n, *tags))
            return true;
    return false;
}

static const char *const t_never[] = {"script", "style",  "noscript", "template", "svg",
                                      "select", "option", "textarea", "input",    "head",
                                      "iframe", "object", "math",     "canvas",   NULL};
static const char *const t_inline[] = {
    "a", "b", "i",    "em",   "strong", "u",    "br",   "font", "small", "mark", "sup", "sub",
    "s", "q", "cite", "abbr", "code",   "span", "time", "img",  "label", "bdi",  "wbr", NULL};

/* ---- short texts: labels, dates, prices ----------------------------------------------------- */

/* The text of n when it is short and inline-only (at most `cap` bytes, 16 nodes); false when it is
 * longer or holds a block. */
static bool short_text(const xmlNode *n, char *buf, size_t cap, size_t *len, int *budget, int depth)
{
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (--*budget < 0 || depth > 4)
            return false;
        if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
            size_t l = c->content ? strlen((const char *)c->content) : 0;
            if (*len + l + 1 >= cap)
                return false;
            memcpy(buf + *len, c->content, l);
            *len += l;
            continue;
        }
        if (c->type != XML_ELEMENT_NODE || tag_any(c, t_never))
            continue;
        if (!tag_any(c, t_inline))
            return false;
        if (tag_is(c, "br")) {
            if (*len + 2 >= cap)
                return false;
            buf[(*len)++] = ' ';
            continue;
        }
        if (!short_text(c, buf, cap, len, budget, depth + 1))
            return false;
    }
    buf[*len] = 0;
    return true;
}

/* Collapses white space in place; returns the new length. */
static size_t squeeze(char *s, size_t n)
{
    size_t o = 0;
    bool sp = true;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
            if (!sp)
                s[o++] = ' ';
            sp = true;
            continue;
        }
        /* U+00A0 no-break space */
        if (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0xA0) {
            i++;
            if (!sp)
                s[o++] = ' ';
            sp = true;
            continue;
        }
        s[o++] = (char)c;
        sp = false;
    }
    while (o && s[o - 1] == ' ')
        o--;
    s[o] = 0;
    return o;
}

static const struct {
    const char *label;
    enum role role;
    bool colon; /* an English word is a label only with ':' ("Date: …", not "Date night…") */
} labels[] = {
    {"\xec\x9e\x91\xec\x84\xb1\xec\x9e\x90", R_AUTHOR, false}, /* 작성자 */
    {"\xea\xb8\x80\xec\x93\xb4\xec\x9d\xb4", R_AUTHOR, false}, /* 글쓴이 */
    {"\xea\xb5\xac\xeb\xa7\xa4\xec\x9e\x90", R_AUTHOR, false}, /* 구매자 */
    {"\xeb\x8b\x89\xeb\x84\xa4\xec\x9e\x84", R_AUTHOR, false}, /* 닉네임 */
    {"\xec\x9e\x91\xec\x84\xb1\xec\x9d\xbc", R_DATE, false},   /* 작성일 */
    {"\xeb\x93\xb1\xeb\xa1\x9d\xec\x9d\xbc", R_DATE, false},   /* 등록일 */
    {"\xeb\xb3\x84\xec\xa0\x90", R_RATING, false},             /* 별점 */
    {"\xed\x8f\x89\xec\xa0\x90", R_RATING, false},             /* 평점 */
    {"\xeb\xa7\x8c\xec\xa1\xb1\xeb\x8f\x84", R_RATING, false}, /* 만족도 */
    {"\xeb\x8f\x84\xec\x9b\x80", R_LIKES, false}, /* 도움 (도움돼요, 도움이 돼요) */
    {"\xec\xb6\x94\xec\xb2\x9c", R_LIKES, false}, /* 추천 */
    {"\xea\xb3\xb5\xea\xb0\x90", R_LIKES, false}, /* 공감 */
    {"\xec\xa1\xb0\xed\x9a\x8c", R_SKIP, false},  /* 조회 (views) */
    {"\xea\xb5\xac\xeb\xa7\xa4\xec\x98\xb5\xec\x85\x98", R_SKIP, false}, /* 구매옵션 */
    {"\xec\x98\xb5\xec\x85\x98", R_SKIP, false},                         /* 옵션 */
    {"\xeb\xb2\x88\xed\x98\xb8", R_SKIP, false},                         /* 번호 */
    {"\xec\xa0\x9c\xeb\xaa\xa9", R_TITLE, false},                        /* 제목 */
    {"\xeb\x82\xb4\xec\x9a\xa9", R_TEXT, false},                         /* 내용 */
    {"written by", R_AUTHOR, false},
    {"posted by", R_AUTHOR, false},
    {"review by", R_AUTHOR, false},
    {"reviewed by", R_AUTHOR, false},
    {"author", R_AUTHOR, true},
    {"writer", R_AUTHOR, true},
    {"name", R_AUTHOR, true},
    {"posted on", R_DATE, false},
    {"reviewed on", R_DATE, false},
    {"date", R_DATE, true},
    {"rating", R_RATING, false},
    {"score", R_RATING, false},
    {"helpful", R_LIKES, false},
    {"views", R_SKIP, true},
    {"hits", R_SKIP, true},
    {"subject", R_TITLE, true},
    {"title", R_TITLE, true},
    {"no", R_SKIP, true},
};

/* The label s starts with and where its value begins; R_NONE when none. Values that need a
 * number (rating, likes) must have one, so "도움이 많이 됐어요" stays review text. */
static enum role label_of(const char *s, size_t n, size_t *value)
{
    /* every label starts with a letter or a Hangul syllable: most short texts (names, dates,
     * counts) are out at once */
    unsigned char c0 = n ? (unsigned char)s[0] : 0;
    if (!((c0 >= 'a' && c0 <= 'z') || (c0 >= 'A' && c0 <= 'Z') || (c0 >= 0xEA && c0 <= 0xED)))
        return R_NONE;
    for (size_t k = 0; k < sizeof labels / sizeof labels[0]; k++) {
        size_t l = strlen(labels[k].label);
        if (n < l || strncasecmp(s, labels[k].label, l) != 0)
            continue;
        size_t i = l;
        bool runon = false;
        /* "도움돼요 3", "도움이 돼요 (3)": Korean label words run on up to the value */
        if ((unsigned char)s[0] >= 0x80 &&
            (labels[k].role == R_LIKES || labels[k].role == R_RATING)) {
            while (i < n && ((unsigned char)s[i] >= 0x80 || s[i] == ' ') && i - l < 16)
                i++;
            runon = i > l;
        } else if (i < n && ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
                             (unsigned char)s[i] >= 0x80)) {
            continue; /* "named", "dates", "작성자님": not this label */
        }
        if (labels[k].colon) {
            size_t j = i;
            while (j < n && s[j] == ' ')
                j++;
            if (j < n && s[j] != ':')
                continue;
        }
        while (i < n && (s[i] == ' ' || s[i] == ':' || s[i] == '|' || s[i] == '(' || s[i] == '-'))
            i++;
        if (i - l > 20)
            continue;
        if (runon && i >= n)
            continue; /* "추천해요" is a review, not a label */
        /* rating and likes values start with their number (or the stars) */
        if ((labels[k].role == R_LIKES || labels[k].role == R_RATING) && i < n &&
            !(s[i] >= '0' && s[i] <= '9') && !(n - i >= 3 && memcmp(s + i, "\xe2\x98", 2) == 0))
            continue;
        if (labels[k].role == R_TEXT && i < n)
            continue; /* "내용" followed by text is review text, not a label */
        if (labels[k].role == R_TITLE && i < n)
            continue;
        *value = i;
        return labels[k].role;
    }
    return R_NONE;
}

/* "29,000원", "₩29,000", "$12.99", "€ 9,95", "판매가 19,800원": a whole text that is a price. */
static bool is_price(const char *s, size_t n)
{
    static const char *const pre[] = {"\xed\x8c\x90\xeb\xa7\xa4\xea\xb0\x80", /* 판매가 */
                                      "\xec\xa0\x95\xea\xb0\x80",             /* 정가 */
                                      "\xea\xb0\x80\xea\xb2\xa9",             /* 가격 */
                                      "\xed\x95\xa0\xec\x9d\xb8\xea\xb0\x80", /* 할인가 */
                                      "price",
                                      "sale",
                                      "now",
                                      "from",
                                      NULL};
    size_t i = 0;
    for (const char *const *p = pre; *p; p++) {
        size_t l = strlen(*p);
        if (n >= l && strncasecmp(s, *p, l) == 0) {
            i = l;
            break;
        }
    }
    while (i < n && (s[i] == ' ' || s[i] == ':'))
        i++;
    bool cur = false, digit = false;
    static const char *const sym[] = {"\xe2\x82\xa9", "\xef\xbf\xa6", "$",   "\xe2\x82\xac",
                                      "\xc2\xa3",     "\xc2\xa5",     "US$", "US $",
                                      "KRW",          "USD",          "EUR", NULL};
    for (const char *const *p = sym; *p; p++) {
        size_t l = strlen(*p);
        if (n - i >= l && memcmp(s + i, *p, l) == 0) {
            i += l;
            cur = true;
            break;
        }
    }
    while (i < n && (s[i] == ' ' || (s[i] >= '0' && s[i] <= '9') || s[i] == ',' || s[i] == '.')) {
        digit |= s[i] >= '0' && s[i] <= '9';
        i++;
    }
    if (!digit)
        return false;
    if (i < n && n - i >= 3 && memcmp(s + i, "\xec\x9b\x90", 3) == 0) { /* 원 */
        i += 3;
        cur = true;
    }
    while (i < n && s[i] == ' ')
        i++;
    if (i < n && (!strncasecmp(s + i, "won", 3) || !strncasecmp(s + i, "krw", 3) ||
                  !strncasecmp(s + i, "usd", 3) || !strncasecmp(s + i, "eur", 3))) {
        i += 3;
        cur = true;
    }
    /* "29,000원~", "$9.99/mo", "$99 per year", "월 9,900원" has its period first */
    while (i < n && (s[i] == ' ' || s[i] == '~'))
        i++;
    static const char *const per[] = {"/mo",
                                      "/month",
                                      "/yr",
                                      "/year",
                                      "/wk",
                                      "per month",
                                      "per year",
                                      "a month",
                                      "a year",
                                      "/\xec\x9b\x94",            /* /월 */
                                      "\xeb\xb6\x80\xed\x84\xb0", /* 부터 */
                                      NULL};
    for (const char *const *p = per; *p && i < n; p++) {
        size_t l = strlen(*p);
        if (n - i == l && strncasecmp(s + i, *p, l) == 0)
            i += l;
    }
    return cur && i == n;
}

static bool is_cart(const char *s)
{
    static const char *const cart[] = {
        "add to cart", "add to bag", "add to basket", "buy now",
        "\xec\x9e\xa5\xeb\xb0\x94\xea\xb5\xac\xeb\x8b\x88", /* 장바구니 */
        "\xeb\xb0\x94\xeb\xa1\x9c\xea\xb5\xac\xeb\xa7\xa4", /* 바로구매 */
        "\xea\xb5\xac\xeb\xa7\xa4\xed\x95\x98\xea\xb8\xb0", /* 구매하기 */
        /* a prompt to write one: an order waiting for its review (My Page), not a review */
        "write a review", "write review", "\xeb\xa6\xac\xeb\xb7\xb0\xec\x93\xb0\xea\xb8\xb0",
        "\xeb\xa6\xac\xeb\xb7\xb0 \xec\x93\xb0\xea\xb8\xb0",
        "\xeb\xa6\xac\xeb\xb7\xb0\xec\x9e\x91\xec\x84\xb1",
        "\xeb\xa6\xac\xeb\xb7\xb0 \xec\x9e\x91\xec\x84\xb1",
        "\xed\x9b\x84\xea\xb8\xb0\xec\x93\xb0\xea\xb8\xb0",
        "\xed\x9b\x84\xea\xb8\xb0 \xec\x93\xb0\xea\xb8\xb0",
        "\xed\x9b\x84\xea\xb8\xb0\xec\x9e\x91\xec\x84\xb1",
        "\xed\x9b\x84\xea\xb8\xb0 \xec\x9e\x91\xec\x84\xb1", NULL};
    return has_sub_ci(s, cart);
}

/* A masked name as Korean shops print it: "김**", "kim***", "박*영", "ab****" (short, no space,
 * at least two '*'s or one between letters). */
static bool is_masked_name(const char *s, size_t n)
{
    if (n < 2 || n > 24)
        return false;
    size_t stars = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == ' ' || s[i] == ':' || s[i] == '/')
            return false;
        stars += s[i] == '*';
    }
    return stars >= 2 || (stars == 1 && s[0] != '*' && s[n - 1] != '*');
}

static bool rating_cue(const char *s);

/* A day and a month word without a year, as British and European widgets print this year's
 * dates: "15 Jan", "2 Jan.", "Jan 15", "Mar 3rd". Only the shape is checked here; the date parser
 * then has to know the word as a month ("5 stars" is no date). */
static bool day_month(const char *s, size_t n)
{
    if (n > 14)
        return false;
    size_t i = 0, d = 0, l = 0;
    bool day_first = s[0] >= '0' && s[0] <= '9';
    for (int part = 0; part < 2; part++) {
        if ((part == 0) == day_first) {
            size_t k = i;
            while (i < n && s[i] >= '0' && s[i] <= '9')
                i++;
            d = i - k;
            if (!day_first) /* "Mar 3rd" */
                while (i < n && ((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z') && i - k < 4)
                    i++;
        } else {
            size_t k = i;
            while (i < n && ((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z'))
                i++;
            l = i - k;
            if (i < n && s[i] == '.')
                i++;
        }
        if (part == 0) {
            if (i < n && s[i] == '.' && day_first)
                i++;
            if (i >= n || s[i] != ' ')
                return false;
            i++;
        }
    }
    return i == n && d >= 1 && d <= 2 && l >= 3 && l <= 9;
}

/* Date-looking text for the fallback (no date class, no label): two digit runs at least
 * ("2024.01.15", "24-01-15", "Mar 3, 2024") or a relative phrase ("3일 전", "2 days ago"). */
/* A period, two dates joined by '~' or a spaced dash ("2024.03.01 ~ 2024.03.31", "Mar 1 – Mar
 * 31, 2024"): an event's or a coupon's validity, never when a review was written. */
static bool date_range(const char *s, size_t n)
{
    static const char *const joins[] = {"~", " - ", " \xe2\x80\x93 ", " \xe2\x80\x94 ", NULL};
    for (int k = 0; joins[k]; k++) {
        const char *j = x_memmem(s, n, joins[k], strlen(joins[k]));
        if (!j)
            continue;
        size_t before = 0, after = 0;
        bool clock = false; /* "2024.03.05 - 14:22": a date and its time */
        for (const char *p = s; p < j; p++)
            before += *p >= '0' && *p <= '9';
        for (const char *p = j + strlen(joins[k]); p < s + n; p++) {
            after += *p >= '0' && *p <= '9';
            clock = clock || *p == ':';
        }
        if (k == 0 ? before >= 2 && after >= 2 : before && after && !clock)
            return true;
    }
    return false;
}

static bool looks_date(struct xctx *x, const char *s, size_t n)
{
    /* a dated line with no date class: "Reviewed in the United Kingdom on 5 March 2024",
     * "Posted on …": the part after its last " on " (the date field reads it so too) */
    static const char *const verbs[] = {"reviewed ",  "posted ",    "written ",
                                        "published ", "submitted ", NULL};
    for (int k = 0; verbs[k] && n > 12 && n <= 96; k++) {
        size_t vl = strlen(verbs[k]);
        if (n <= vl || strncasecmp(s, verbs[k], vl) != 0)
            continue;
        const char *on = NULL;
        for (const char *p = s; (p = x_memmem(p, (size_t)(s + n - p), " on ", 4)); p += 4)
            on = p;
        if (on) {
            n = (size_t)(s + n - on - 4);
            s = on + 4;
        }
        break;
    }
    /* a labelled date, "Posted: 5 March", "Date: 2024-03-05": the part after the colon */
    static const char *const date_labels[] = {"posted:", "reviewed:", "date:", "published:", NULL};
    for (int k = 0; date_labels[k]; k++) {
        size_t ll = strlen(date_labels[k]);
        if (n > ll + 1 && strncasecmp(s, date_labels[k], ll) == 0) {
            s += ll;
            n -= ll;
            while (n && *s == ' ')
                s++, n--;
            break;
        }
    }
    if (n < 4 || n > 40 || date_range(s, n))
        return false;
    /* a quantity with one decimal and an English unit ("2.5 hrs on record", "12.4 km") is no
     * "2.5" date */
    {
        size_t i = 0;
        while (i < n && i < 4 && s[i] >= '0' && s[i] <= '9')
            i++;
        if (i && i + 3 < n && s[i] == '.' && s[i + 1] >= '0' && s[i + 1] <= '9' &&
            s[i + 2] == ' ' && ((s[i + 3] | 0x20) >= 'a' && (s[i + 3] | 0x20) <= 'z'))
            return false;
    }
    int runs = 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] >= '0' && s[i] <= '9' && (i == 0 || !(s[i - 1] >= '0' && s[i - 1] <= '9')))
            runs++;
    bool rel = x_memmem(s, n, "\xec\xa0\x84", 3) || x_memmem(s, n, "ago", 3); /* 전 */
    /* a relative phrase in words: "a month ago", "yesterday", "어제", "한 달 전" */
    bool rel_words = runs == 0 && n <= 24 &&
                     (rel || x_strcasestr(s, "yesterday") ||
                      x_memmem(s, n, "\xec\x96\xb4\xec\xa0\x9c", 6) /* 어제 */);
    if (runs < 2 && !(runs == 1 && rel) && !rel_words && !(runs == 1 && day_month(s, n)))
        return false;
    size_t let = 0;
    for (size_t i = 0; i < n; i++)
        let += (s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
               ((unsigned char)s[i] >= 0xC0);
    if (let > 16) /* "Got it 2 days ago, love it" is a review */
        return false;
    if (rating_cue(s)) /* "4.0 out of 5 stars" reads as a date to a lenient parser */
        return false;
    int64_t t;
    return hugi_extract_date(s, n, x->now, &t);
}

/* A rating in an attribute text only when the text says it is one ("5점", "4 stars",
 * "Rated 4 out of 5", "별점 4"): alt texts of product photos hold numbers too. */
static bool rating_cue(const char *s)
{
    static const char *const cue[] = {"star",
                                      "rated",
                                      "rating",
                                      "out of",
                                      "/5",
                                      "/ 5",
                                      "\xec\xa0\x90" /* 점 */,
                                      "\xeb\xb3\x84" /* 별 */,
                                      "\xe2\x98\x85" /* ★ */,
                                      "bubble", /* "4.0 of 5 bubbles": the circles some */
                                      "circle", /* sites draw for stars (bubble_40 classes) */
                                      NULL};
    return has_sub_ci(s, cue);
}

/* A short element text that is a score and nothing else: "5점", "4.5 점", "4/5", "4.5 / 5".
 * Inside a review item a bare score is its rating (a price says 원, a count says 개/명). */
static bool score_text(const char *s, size_t n)
{
    size_t i = 0, d = 0;
    while (i < n && s[i] >= '0' && s[i] <= '9' && d < 3)
        i++, d++;
    if (!d || d > 2)
        return false;
    if (i + 1 < n && s[i] == '.' && s[i + 1] >= '0' && s[i + 1] <= '9')
        i += 2;
    while (i < n && s[i] == ' ')
        i++;
    if (n - i == 3 && memcmp(s + i, "\xec\xa0\x90" /* 점 */, 3) == 0)
        return true;
    if (i < n && s[i] == '/') {
        i++;
        while (i < n && s[i] == ' ')
            i++;
        size_t j = i;
        while (j < n && s[j] >= '0' && s[j] <= '9')
            j++;
        /* a rating's scale (5 or 10): "1 / 3" beside a review's photos counts them */
        return j == n && ((j - i == 1 && s[i] == '5') || (j - i == 2 && !memcmp(s + i, "10", 2)));
    }
    return false;
}

static bool is_heading_tag(const xmlNode *n)
{
    static const char *const h[] = {"h2", "h3", "h4", "h5", "h6", NULL};
    return tag_any(n, h);
}

static bool is_heading(const xmlNode *n)
{
    static const char *const h[] = {"h2", "h3", "h4", "h5", "h6", NULL};
    if (is_heading_tag(n))
        return true;
    char *cls = attr(n, "class");
    bool yes = false;
    for (const char *const *p = h; cls && *p && !yes; p++) {
        const char *f = cls;
        while ((f = strstr(f, *p)) != NULL && !yes) {
            yes = (f == cls || f[-1] == ' ') && (f[2] == 0 || f[2] == ' ');
            f += 2;
        }
    }
    xmlFree(cls);
    return yes;
}

/* "23 people found this review helpful", "12명에게 도움이 됐어요", "Helpful (3)": a count of
 * helpful votes (short, a number, a helpful word). */
/* A recommendation verdict as a whole text: "Recommended", "Not Recommended", 추천, 비추천 */
static bool verdict_text(const char *s)
{
    size_t n;
    s = hugi_str_trim(s, strlen(s), &n);
    if (n >= 4 && strncasecmp(s, "not ", 4) == 0) {
        s += 4;
        n -= 4;
    }
    return (n == 11 && strncasecmp(s, "recommended", 11) == 0) ||
           (n == 6 && memcmp(s, "\xec\xb6\x94\xec\xb2\x9c", 6) == 0) ||           /* 추천 */
           (n == 9 && memcmp(s, "\xeb\xb9\x84\xec\xb6\x94\xec\xb2\x9c", 9) == 0); /* 비추천 */
}

/* "One person found this helpful", "A person …": a count of one in words */
static bool one_person(const char *s)
{
    return s && (strncasecmp(s, "one person", 10) == 0 || strncasecmp(s, "a person", 8) == 0);
}

static bool helpful_count(const char *s, size_t n)
{
    static const char *const words[] = {"helpful", "useful", "\xeb\x8f\x84\xec\x9b\x80" /* 도움 */,
                                        "\xea\xb3\xb5\xea\xb0\x90" /* 공감 */, NULL};
    if (n > 80 || !has_sub_ci(s, words))
        return false;
    for (size_t i = 0; i < n; i++)
        if (s[i] >= '0' && s[i] <= '9')
            return true;
    return one_person(s);
}

/* The marks of a Q&A board row, as a whole element's text: its status (답변완료, 답변대기,
 * 미답변), a private post (비밀글), a "Q"/"A" badge. A review never has these on their own. */
static bool is_qna_mark(const char *s)
{
    static const char *const marks[] = {
        "\xeb\x8b\xb5\xeb\xb3\x80\xec\x99\x84\xeb\xa3\x8c",  /* 답변완료 */
        "\xeb\x8b\xb5\xeb\xb3\x80 \xec\x99\x84\xeb\xa3\x8c", /* 답변 완료 */
        "\xeb\x8b\xb5\xeb\xb3\x80\xeb\x8c\x80\xea\xb8\xb0",  /* 답변대기 */
        "\xeb\x8b\xb5\xeb\xb3\x80 \xeb\x8c\x80\xea\xb8\xb0", /* 답변 대기 */
        "\xeb\xaf\xb8\xeb\x8b\xb5\xeb\xb3\x80",              /* 미답변 */
        "\xeb\xb9\x84\xeb\xb0\x80\xea\xb8\x80",              /* 비밀글 */
        "\xeb\xb9\x84\xeb\xb0\x80\xea\xb8\x80\xec\x9e\x85\xeb\x8b\x88\xeb\x8b\xa4", /* 비밀글입니다
                                                                                     */
        "answered",
        "unanswered",
        "q",
        "q.",
        "q:",
        "a.",
        "a:",
        "question",
        "question:",
        "answer:",
        "\xec\xa7\x88\xeb\xac\xb8", /* 질문 */
        "\xeb\xac\xb8\xec\x9d\x98", /* 문의 */
        NULL};
    for (const char *const *p = marks; *p; p++)
        if (!strcasecmp(s, *p))
            return true;
    return false;
}

/* The list's own heading caught in its first item ("reviews-heading", "comments-title"): named
 * in the plural. */
static bool list_heading(const xmlNode *n)
{
    /* of the review words in the class, the last one decides: `reviews-heading` is the list's,
     * `okeReviews-review-main-content-title` (a widget's plural prefix, then one review's
     * title) a review's */
    static const char *const stems[] = {"review", "comment", "rating", "testimonial", NULL};
    char *cls = attr(n, "class");
    const char *last = NULL;
    size_t last_len = 0;
    for (int k = 0; cls && stems[k]; k++) {
        size_t sl = strlen(stems[k]);
        for (const char *p = x_strcasestr(cls, stems[k]); p; p = x_strcasestr(p + 1, stems[k]))
            if (!last || p > last) {
                last = p;
                last_len = sl;
            }
    }
    bool yes = last && (last[last_len] == 's' || last[last_len] == 'S');
    xmlFree(cls);
    return yes;
}

/* "Read more", "더보기": link texts that are no part of the review. */
static bool is_noise(const char *s)
{
    /* "214 comments", "리뷰 12", "댓글 3개": counts, not text */
    static const char *const counted[] = {"comment",
                                          "review",
                                          "repl",
                                          "answer",
                                          "rating",
                                          "\xeb\x8c\x93\xea\xb8\x80" /* 댓글 */,
                                          "\xeb\xa6\xac\xeb\xb7\xb0" /* 리뷰 */,
                                          "\xed\x9b\x84\xea\xb8\xb0" /* 후기 */,
                                          NULL};
    size_t n = strlen(s), words = 1;
    bool num = false; /* a word that starts with a digit: "214", "(3)", "3개" (not "S8") */
    for (size_t i = 0; i < n; i++) {
        words += s[i] == ' ';
        if ((i == 0 || s[i - 1] == ' ' || s[i - 1] == '(') && s[i] >= '0' && s[i] <= '9')
            num = true;
    }
    /* a score on its scale or a labelled value is a rating, not a count: "Rating: 4/5",
     * "Rating 8 / 10", "Rating: 4" */
    static const char *const stars[] = {
        "star", "out of", "\xec\xa0\x90" /* 점 */, "/5", "/ 5", "/10", "/ 10", "rating:", NULL};
    if (num && n <= 24 && words <= 3 && has_sub_ci(s, counted) && !has_sub_ci(s, stars))
        return true; /* ("4 star rating" is a rating, not a count) */
    static const char *const noise[] = {"read more",
                                        "see more",
                                        "show more",
                                        "more",
                                        "reply",
                                        "report",
                                        "report abuse",
                                        "translate",
                                        "helpful?",
                                        "\xeb\x8d\x94\xeb\xb3\xb4\xea\xb8\xb0", /* 더보기 */
                                        "\xed\x8e\xbc\xec\xb9\x98\xea\xb8\xb0", /* 펼치기 */
                                        "\xec\xa0\x91\xea\xb8\xb0",             /* 접기 */
                                        "\xec\x8b\xa0\xea\xb3\xa0",             /* 신고 */
                                        "\xeb\x8b\xb5\xea\xb8\x80",             /* 답글 */
                                        NULL};
    for (const char *const *p = noise; *p; p++)
        if (!strcasecmp(s, *p))
            return true;
    return false;
}

static bool rating_of(struct xctx *x, const xmlNode *n, bool field, double *out);
static bool class_rating(struct xctx *x, const char *p, size_t l, double *out);

/* ---- one item ------------------------------------------------------------------------------ */

struct ent {
    xmlNode *n;
    enum role role;
    int depth;
    bool mixed;    /* holds an element of another field: not a field itself */
    bool same_kid; /* holds an element of its own field: the inner one is the field */
    size_t value;  /* byte offset of the value after a label */
};

struct scan {
    struct xctx *x;
    xmlNode *item;
    struct ent *e;
    size_t n, cap;
    size_t *budget;
    bool price, cart, over;
    enum role *cols; /* table items: role of each cell from the header row */
    size_t ncols;
    xmlNode *time_el;  /* first <time datetime> */
    xmlNode *masked;   /* first masked name */
    xmlNode *datelike; /* first date-looking short text */
    xmlNode *stars;    /* first star-glyph text */
    double cue_rating; /* first img alt / aria-label that says a rating ("5점"), or NAN */
    double bar_rating; /* first empty bar filled to a width in an otherwise empty box, or NAN */
    bool qna;          /* a Q&A status or marker ("답변완료", "비밀글", "Q.") */
    bool review_count; /* a count of reviews ("리뷰 120개") */
    xmlNode *id_el;    /* first element inside with a data-review-id / data-reviewid */
    bool bare;         /* a bare digit read as the rating (bare_score) */
    bool oom;
};

/* A bare digit 1–5 (or "4.5") as the whole text of the first field of an item, outside links
 * and buttons: the rating a widget with generated class names prints before everything else
 * (`<em class="_15NU42F3kT">5</em>`). Counts (likes, replies, photos) come after the text; a
 * list whose digits run 1, 2, 3 numbers its items (eval_group drops those). */
static bool bare_score(const struct scan *sc, const xmlNode *c, const char *s, size_t n)
{
    if (sc->n != 0 || !(n == 1 || (n == 3 && s[1] == '.' && s[2] >= '0' && s[2] <= '9')) ||
        s[0] < '1' || s[0] > '5')
        return false;
    for (const xmlNode *a = c; a && a != sc->item; a = a->parent)
        if (tag_is(a, "a") || tag_is(a, "button") || tag_is(a, "label"))
            return false;
    return true;
}

static enum role get_role(const xmlNode *n);

static bool only_space(const xmlChar *t)
{
    for (; t && *t; t++)
        if (*t != ' ' && *t != '\t' && *t != '\n' && *t != '\r')
            return false;
    return true;
}

/* A star bar whose class names say nothing (generated: `sc-3m4n5o`): an empty element filled to
 * `width:80%` as the only thing in a box that holds no text either, the empty stars drawn by the
 * box's background. Read last, after every named or labelled rating. */
static bool bar_fill(struct xctx *x, const xmlNode *box, const xmlNode *c, double *out)
{
    /* a picture sized to its box (`<img style="width:100%">`) is no bar */
    if (!tag_is(c, "div") && !tag_is(c, "span") && !tag_is(c, "i") && !tag_is(c, "em"))
        return false;
    if (get_role(box) != R_NONE && get_role(box) != R_RATING)
        return false;
    if (c->children && !(c->children->type == XML_TEXT_NODE && !c->children->next &&
                         only_space(c->children->content)))
        return false;
    for (const xmlNode *k = box->children; k; k = k->next)
        if ((k->type == XML_ELEMENT_NODE && k != c) ||
            (k->type == XML_TEXT_NODE && !only_space(k->content)))
            return false;
    char *st = attr(c, "style");
    bool ok = false;
    const char *w = st ? x_strcasestr(st, "width") : NULL;
    if (w && (w == st || w[-1] == ' ' || w[-1] == ';')) {
        w += 5;
        while (*w == ' ' || *w == ':')
            w++;
        const char *e = w;
        while ((*e >= '0' && *e <= '9') || *e == '.')
            e++;
        ok = e > w && *e == '%' && hugi_extract_rating(w, (size_t)(e - w + 1), x->scale, out);
    }
    xmlFree(st);
    return ok;
}

static void set_role(xmlNode *n, enum role r)
{
    n->_private = (void *)(uintptr_t)r;
}

static enum role get_role(const xmlNode *n)
{
    return (enum role)(uintptr_t)n->_private;
}

static bool only_stars(const char *s, size_t n)
{
    double v;
    bool glyph = x_memmem(s, n, "\xe2\x98\x85", 3) || x_memmem(s, n, "\xe2\xad\x90", 3);
    return glyph && hugi_extract_rating(s, n, 5, &v);
}

static void add_ent(struct scan *sc, xmlNode *n, enum role r, int depth, size_t value, long parent)
{
    if (sc->n == sc->cap) {
        size_t nc = sc->cap ? sc->cap * 2 : 32;
        struct ent *ne = realloc(sc->e, nc * sizeof *ne);
        if (!ne) {
            sc->oom = true;
            return;
        }
        sc->e = ne;
        sc->cap = nc;
    }
    sc->e[sc->n] = (struct ent){n, r, depth, false, false, value};
    if (parent >= 0) {
        if (sc->e[parent].role == r)
            sc->e[parent].same_kid = true;
        else if (r != R_SKIP && r != R_SKIPW)
            sc->e[parent].mixed = true;
    }
    sc->n++;
}

/* The rating an <svg>'s <title> states, when it says one ("4.0 of 5 bubbles", "별점 4점"). */
static bool svg_title_rating(struct xctx *x, const xmlNode *svg, double *out)
{
    for (const xmlNode *c = svg->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE || !tag_is(c, "title"))
            continue;
        char *t = (char *)xmlNodeGetContent(c);
        bool ok = t && strlen(t) < 200 && rating_cue(t) &&
                  hugi_extract_rating(t, strlen(t), x->scale, out);
        xmlFree(t);
        return ok;
    }
    return false;
}

/* Walks the item's subtree once: roles by class, by label, by table column; notes prices, cart
 * buttons, <time>, masked names, date-looking and star texts. `parent` is the nearest field
 * element around (an index in sc->e) or -1. */
/* How many element children n has (up to 8). */
static int element_kids(const xmlNode *n)
{
    int k = 0;
    for (const xmlNode *c = n->children; c && k < 8; c = c->next)
        k += c->type == XML_ELEMENT_NODE;
    return k;
}

static void scan_el(struct scan *sc, xmlNode *n, int depth, long parent)
{
    if (depth > MAX_DEPTH)
        return;
    enum role pending = R_NONE; /* a label element's role, for its next sibling (dt → dd) */
    size_t col = 0;
    for (xmlNode *c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (*sc->budget == 0) {
            sc->over = true;
            return;
        }
        (*sc->budget)--;
        size_t mycol = col++;
        set_role(c, R_NONE);
        if (tag_any(c, t_never)) {
            set_role(c, R_SKIP);
            /* an icon's accessible name in its own <title> ("5.0 of 5 bubbles"), as an
             * aria-label says it */
            double sv;
            if (isnan(sc->cue_rating) && tag_is(c, "svg") && svg_title_rating(sc->x, c, &sv))
                sc->cue_rating = sv;
            continue;
        }
        enum role r = class_role(c);
        size_t value = 0;
        char buf[LABEL_BYTES + 8];
        size_t bl = 0;
        int nb = 16;
        bool shorttxt = short_text(c, buf, LABEL_BYTES, &bl, &nb, 0);
        if (shorttxt)
            bl = squeeze(buf, bl);
        if (r == R_NONE && tag_is(c, "time"))
            r = R_DATE;
        if (r == R_NONE && tag_is(c, "cite")) /* a testimonial's "— Laura, Brighton" */
            r = R_AUTHOR;
        if (r == R_NONE && sc->cols && n == sc->item && mycol < sc->ncols)
            r = sc->cols[mycol];
        if (r == R_NONE && pending != R_NONE)
            r = pending;
        pending = R_NONE;
        if (shorttxt && bl) {
            size_t v;
            enum role lr = label_of(buf, bl, &v);
            /* a button labelled with its count ("도움돼요 8", "Helpful (3)") is the likes */
            if (lr != R_NONE &&
                (r == R_NONE || r == lr || r == R_TEXT || (r == R_SKIPW && lr == R_LIKES))) {
                if (v >= bl && lr != R_SKIP) {
                    /* the label alone: its value is the next element */
                    pending = lr;
                    lr = R_SKIP;
                }
                r = lr;
                value = v;
            }
            if (is_price(buf, bl))
                sc->price = true;
            if (is_cart(buf) && (tag_is(c, "button") || tag_is(c, "a") || tag_is(c, "input")))
                sc->cart = true;
            /* shapes: a masked name, a date, star glyphs (a "text-right" cell holding a date is
             * a date) */
            if (r == R_NONE || r == R_TEXT) {
                if (is_masked_name(buf, bl))
                    r = R_AUTHOR;
                else if (looks_date(sc->x, buf, bl))
                    r = R_DATE;
                else if (only_stars(buf, bl) || score_text(buf, bl))
                    r = R_RATING;
                else if (bare_score(sc, c, buf, bl)) {
                    r = R_RATING;
                    sc->bare = true;
                } else if (helpful_count(buf, bl))
                    r = R_LIKES;
            }
            if (is_noise(buf)) {
                r = R_SKIP;
                static const char *const rv[] = {"review", "rating",
                                                 "\xeb\xa6\xac\xeb\xb7\xb0" /* 리뷰 */,
                                                 "\xed\x9b\x84\xea\xb8\xb0" /* 후기 */, NULL};
                sc->review_count |= has_sub_ci(buf, rv);
            }
            if (is_qna_mark(buf))
                sc->qna = true;
            /* a recommendation's verdict ("Not Recommended") is the rating's stand-in, no
             * words of the review */
            if ((r == R_NONE || r == R_TITLE || r == R_TEXT) && verdict_text(buf))
                r = R_SKIP;
        }
        double cv;
        if (isnan(sc->cue_rating) && r != R_SKIP && rating_of(sc->x, c, false, &cv))
            sc->cue_rating = cv;
        if (isnan(sc->bar_rating) && r == R_NONE && bar_fill(sc->x, n, c, &cv))
            sc->bar_rating = cv;
        if (!sc->id_el && (xmlHasProp(c, (const xmlChar *)"data-review-id") ||
                           xmlHasProp(c, (const xmlChar *)"data-reviewid")))
            sc->id_el = c;
        if (tag_is(c, "time") && !sc->time_el) {
            char *dt = attr(c, "datetime");
            if (dt)
                sc->time_el = c;
            xmlFree(dt);
        }
        /* the microformats value-class pattern: `<span class="value-title" title="2025-04-12">`
         * inside the date's element holds it machine-readable (the text says "12 April") */
        if (!sc->time_el && xmlHasProp(c, (const xmlChar *)"title")) {
            char *cl = attr(c, "class");
            const char *vt = cl ? strstr(cl, "value-title") : NULL;
            bool token = vt && (vt == cl || vt[-1] == ' ') && (vt[11] == 0 || vt[11] == ' ');
            xmlFree(cl);
            char *ti = token ? attr(c, "title") : NULL;
            int64_t d;
            if (ti && strlen(ti) >= 8 && strchr(ti, '-') &&
                hugi_extract_date(ti, strlen(ti), HUGI_NO_TIME, &d))
                sc->time_el = c;
            xmlFree(ti);
        }
        if (tag_is(c, "button") && r != R_LIKES)
            r = R_SKIPW;
        /* a heading inside a review is its title (also Bootstrap's <p class="h4">) */
        if (r == R_NONE && is_heading(c) &&
            /* a heading inside the author's box (`<span class="bv-author"><h3>Name</h3>`) is
             * the name set large, not the review's title */
            !(parent >= 0 && sc->e[parent].role == R_AUTHOR))
            r = R_TITLE;
        /* a plural heading is the list's; a box so named that holds elements of its own
         * (`okeReviews-review-main-heading` around the stars and the date: a widget prefix
         * in the plural) is a wrapper, read through */
        if (r == R_TITLE && list_heading(c))
            r = !is_heading_tag(c) && element_kids(c) >= 2 ? R_NONE : R_SKIP;
        set_role(c, r);
        long me = parent;
        if (r != R_NONE) {
            add_ent(sc, c, r, depth, value, parent);
            me = (long)sc->n - 1;
        }
        if (r != R_SKIP)
            scan_el(sc, c, depth + 1, me);
        if (sc->over || sc->oom)
            return;
    }
}

/* The text of n as a reader sees it, without the parts that are other fields or skipped; counts
 * the bytes that sit inside links. Each node visited costs one unit of *budget (shared by every
 * scan of the page): nested text fields cannot make the walks add up past it. */
static void gather(const xmlNode *n, struct hugi_buf *b, size_t *in_link, bool link, int depth,
                   size_t *budget)
{
    if (depth > MAX_DEPTH)
        return;
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (*budget == 0)
            return;
        (*budget)--;
        if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
            if (c->content) {
                size_t l = strlen((const char *)c->content);
                hugi_buf_add(b, c->content, l);
                if (link)
                    *in_link += l;
            }
            continue;
        }
        if (c->type != XML_ELEMENT_NODE || tag_any(c, t_never))
            continue;
        enum role r = get_role(c);
        if (r != R_NONE && r != R_TEXT)
            continue;
        bool block = !tag_any(c, t_inline) || tag_is(c, "br");
        if (block && b->len && b->data[b->len - 1] != '\n')
            hugi_buf_addc(b, '\n');
        gather(c, b, in_link, link || tag_is(c, "a"), depth + 1, budget);
        if (block && b->len && b->data[b->len - 1] != '\n')
            hugi_buf_addc(b, '\n');
    }
}

/* Letters (not digits, punctuation or space) in s: a text needs some to be a text. */
static size_t letters(const char *s)
{
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p >= 0x80) {
            if ((*p & 0xC0) != 0x80 && !(p[0] == 0xE2 && p[1] == 0x98)) /* not ★☆ */
                n++;
        } else if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')) {
            n++;
        }
    }
    return n;
}

/* The trimmed text length under an inline element (fields inside it left out). */
static size_t inline_len(const xmlNode *n, int depth, size_t *budget)
{
    size_t len = 0;
    for (const xmlNode *c = n->children; c && depth <= MAX_DEPTH; c = c->next) {
        if (*budget == 0)
            return len;
        (*budget)--;
        if (c->type == XML_TEXT_NODE && c->content) {
            size_t l;
            hugi_str_trim((const char *)c->content, strlen((const char *)c->content), &l);
            len += l;
        } else if (c->type == XML_ELEMENT_NODE && get_role(c) == R_NONE && !tag_any(c, t_never)) {
            len += inline_len(c, depth + 1, budget);
        }
    }
    return len;
}

/* The longest run of text that sits in one block (text nodes and inline elements), outside
 * fields: the review text when no element is marked as one. */
static void longest_block(const xmlNode *n, const xmlNode **best, size_t *bestlen, int depth,
                          size_t *budget)
{
    if (depth > MAX_DEPTH)
        return;
    size_t own = 0;
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (*budget == 0)
            return;
        (*budget)--;
        if (c->type == XML_TEXT_NODE && c->content) {
            size_t l;
            hugi_str_trim((const char *)c->content, strlen((const char *)c->content), &l);
            own += l;
        } else if (c->type == XML_ELEMENT_NODE && get_role(c) == R_NONE && !tag_any(c, t_never)) {
            if (tag_any(c, t_inline) && !tag_is(c, "br"))
                own += inline_len(c, depth + 1, budget); /* inline text is this block's */
            else if (!tag_is(c, "br"))
                longest_block(c, best, bestlen, depth + 1, budget);
        }
    }
    if (own > *bestlen) {
        *bestlen = own;
        *best = n;
    }
}

static char *text_of(const xmlNode *n, size_t *in_link, size_t *total, size_t *budget)
{
    struct hugi_buf b;
    hugi_buf_init(&b, 1 << 22);
    size_t il = 0;
    gather(n, &b, &il, false, 0, budget);
    char *s = NULL;
    if (b.len && !hugi_buf_addc(&b, 0)) {
        size_t l = squeeze(b.data, b.len - 1);
        if (total)
            *total = l;
        s = l ? hugi_strdup(b.data) : NULL;
    }
    if (in_link)
        *in_link = il;
    hugi_buf_release(&b);
    return s;
}

/* The first non-empty line of n's text: "Dana W." then a block with "Oakland, CA" is a name. */
static char *first_line(const xmlNode *n, size_t *budget)
{
    struct hugi_buf b;
    hugi_buf_init(&b, 1 << 22);
    size_t il = 0;
    gather(n, &b, &il, false, 0, budget);
    char *s = NULL;
    for (size_t i = 0; i < b.len && !s;) {
        size_t j = i;
        while (j < b.len && b.data[j] != '\n')
            j++;
        size_t tl;
        const char *t = hugi_str_trim(b.data + i, j - i, &tl);
        if (tl) {
            s = malloc(tl + 1);
            if (s) {
                memcpy(s, t, tl);
                s[tl] = 0;
                squeeze(s, tl);
            }
            break;
        }
        i = j + 1;
    }
    hugi_buf_release(&b);
    return s;
}

static char *field_text(const struct ent *e, size_t *budget)
{
    char *s = e->role == R_AUTHOR ? first_line(e->n, budget) : text_of(e->n, NULL, NULL, budget);
    if (!s)
        return NULL;
    size_t v = 0, len = strlen(s);
    if (label_of(s, len, &v) == e->role && v < len)
        memmove(s, s + v, len - v + 1);
    if (e->role == R_AUTHOR) {
        /* "by Kim", "Kim says:" (WordPress), "— Laura" */
        if (!strncasecmp(s, "by ", 3))
            memmove(s, s + 3, strlen(s + 3) + 1);
        if (!strncmp(s, "\xe2\x80\x94", 3) || !strncmp(s, "\xe2\x80\x93", 3))
            memmove(s, s + 3, strlen(s + 3) + 1);
        size_t lead = strspn(s, " -"); /* at once: one memmove per dash was quadratic */
        if (lead)
            memmove(s, s + lead, strlen(s + lead) + 1);
        size_t l = strlen(s);
        if (l > 6 && !strcasecmp(s + l - 5, " says"))
            s[l - 5] = 0;
        else if (l > 7 && !strcasecmp(s + l - 6, " says:"))
            s[l - 6] = 0;
        /* a byline: "Ola N. on Dec 18, 2023" */
        char *on = strstr(s, " on ");
        int64_t d;
        if (on && hugi_extract_date(on + 4, strlen(on + 4), 0, &d))
            *on = 0;
    }
    if (!s[0]) {
        free(s);
        return NULL;
    }
    return s;
}

/* A rating from one element: data-* value, aria-label/title/alt, class words with a number
 * ("star-4", "rating-40", "score_4"), a width on a star bar, or the text. */
static bool rating_of(struct xctx *x, const xmlNode *n, bool field, double *out)
{
    static const char *const dattr[] = {"data-rating",       "data-score", "data-star",
                                        "data-stars",        "data-rate",  "data-value",
                                        "data-rating-value", "data-grade", NULL};
    /* the best rating beside it, when stated: data-best="10", data-max, data-scale */
    double best = x->scale;
    static const char *const battr[] = {"data-best",   "data-max",         "data-scale",
                                        "data-out-of", "data-best-rating", NULL};
    for (const char *const *a = battr; *a; a++) {
        char *b = attr(n, *a);
        double bv = b ? strtod(b, NULL) : 0;
        xmlFree(b);
        if (bv >= 3 && bv <= 100) {
            best = bv;
            break;
        }
    }
    for (const char *const *a = dattr; *a; a++) {
        char *v = attr(n, *a);
        bool ok = v && (field || strcmp(*a, "data-value") != 0) &&
                  hugi_extract_rating(v, strlen(v), best, out);
        xmlFree(v);
        if (ok)
            return true;
    }
    /* a hidden form value among its children, `<input type="hidden" name="rating" value="5">`:
     * the stars drawn by script from the value a form once posted. Only a hidden one: a write
     * form's radio buttons hold every value. */
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE || !tag_is(c, "input"))
            continue;
        char *ty = attr(c, "type"), *nm = attr(c, "name"), *v = attr(c, "value");
        bool ok = ty && !strcasecmp(ty, "hidden") && nm && rating_cue(nm) && v && strlen(v) < 16 &&
                  hugi_extract_rating(v, strlen(v), best, out);
        xmlFree(ty);
        xmlFree(nm);
        xmlFree(v);
        if (ok)
            return true;
    }
    /* an ARIA meter or slider labelled as a rating: aria-valuenow of aria-valuemax (default
     * the scale), `<div role="meter" aria-label="Rating" aria-valuenow="4" aria-valuemax="5">` */
    char *now = attr(n, "aria-valuenow");
    if (now) {
        char *lab = attr(n, "aria-label"), *cls = attr(n, "class"), *max = attr(n, "aria-valuemax");
        bool cue = (lab && rating_cue(lab)) || (cls && rating_cue(cls));
        char t[96];
        int tl = cue && strlen(now) < 16 && (!max || strlen(max) < 16)
                     ? snprintf(t, sizeof t, "%s out of %s", now, max ? max : "5")
                     : -1;
        bool ok =
            tl > 0 && (size_t)tl < sizeof t && hugi_extract_rating(t, (size_t)tl, x->scale, out);
        xmlFree(now);
        xmlFree(lab);
        xmlFree(cls);
        xmlFree(max);
        if (ok)
            return true;
    }
    static const char *const tattr[] = {"aria-label", "title", "alt", NULL};
    for (const char *const *a = tattr; *a; a++) {
        char *v = attr(n, *a);
        bool ok = v && (field ? true : rating_cue(v)) && strlen(v) < 200 &&
                  hugi_extract_rating(v, strlen(v), x->scale, out);
        xmlFree(v);
        if (ok)
            return true;
    }
    if (!field)
        return false;
    char *cls = attr(n, "class");
    bool ok = false;
    if (cls) {
        /* each class token with a rating word and a number */
        for (char *p = cls; *p && !ok;) {
            while (*p == ' ' || *p == '\t' || *p == '\n')
                p++;
            char *q = p;
            while (*q && *q != ' ' && *q != '\t' && *q != '\n')
                q++;
            ok = class_rating(x, p, (size_t)(q - p), out);
            p = q;
        }
    }
    xmlFree(cls);
    /* an image whose file says the score (`/upload/point/point_5.gif`, `rating-45.png`): a
     * board's rating column drawn from one picture per score, with no alt */
    char *src = !ok && tag_is(n, "img") ? attr(n, "src") : NULL;
    if (src) {
        const char *b = strrchr(src, '/');
        b = b ? b + 1 : src;
        const char *dot = strchr(b, '.');
        size_t bl = dot ? (size_t)(dot - b) : strlen(b);
        ok = class_rating(x, b, bl, out);
    }
    xmlFree(src);
    if (ok)
        return true;
    char *st = attr(n, "style");
    if (st) {
        const char *w = x_strcasestr(st, "width");
        if (w) {
            w += 5;
            while (*w == ' ' || *w == ':')
                w++;
            const char *e = w;
            while ((*e >= '0' && *e <= '9') || *e == '.')
                e++;
            if (e > w && *e == '%')
                ok = hugi_extract_rating(w, (size_t)(e - w + 1), x->scale, out);
        }
    }
    xmlFree(st);
    return ok;
}

/* A class token that is a rating: a rating word, '-' or '_', then the number, at the end
 * ("star-4", "rating-40", "score_4", "rvw-star-5"); generated names with a number inside
 * ("starRating__4rrcf") are no rating. */
static bool class_rating(struct xctx *x, const char *p, size_t l, double *out)
{
    if (l < 3 || l > 40 || !(p[l - 1] >= '0' && p[l - 1] <= '9'))
        return false;
    size_t d = l;
    while (d > 0 && p[d - 1] >= '0' && p[d - 1] <= '9')
        d--;
    if (l - d > 3 || d < 2 || (p[d - 1] != '-' && p[d - 1] != '_'))
        return false;
    size_t w = d - 1;
    while (w > 0 && ((p[w - 1] >= 'a' && p[w - 1] <= 'z') || (p[w - 1] >= 'A' && p[w - 1] <= 'Z')))
        w--;
    char word[24];
    size_t wl = d - 1 - w;
    if (!wl || wl >= sizeof word)
        return false;
    for (size_t i = 0; i < wl; i++)
        word[i] = (char)((p[w + i] >= 'A' && p[w + i] <= 'Z') ? p[w + i] + 32 : p[w + i]);
    /* "bubble_40": review sites that draw the score as filled circles (TripAdvisor's
     * ui_bubble_rating) name the rating by the bubbles, tens of the 5 scale */
    static const char *const w_dots[] = {"bubble", "bubbles", "circle", "circles", NULL};
    if (!word_in(word, wl, w_rating) && !word_in(word, wl, w_dots))
        return false;
    return hugi_extract_rating(p + w, l - w, x->scale, out);
}

/* STAR_PLAIN: a star icon with no modifier, full unless others of its run are marked full
 * (LineIcons' lni-star-filled beside an empty lni-star) */
enum star { STAR_NO, STAR_FULL, STAR_EMPTY, STAR_HALF, STAR_PLAIN };

/* What one class token says of a star icon: exact names (fa-star-o, bi-star-fill, far), else
 * the part after the last '-' or '_' ("image__star-on", "spr-icon-star-empty", "star_off"). */
static void star_token(const char *t, size_t n, bool *star, bool *full, bool *empty, bool *half)
{
    static const char *const fulls[] = {"fas",      "bi-star-fill", "on",     "full",
                                        "filled",   "fill",         "active", "checked",
                                        "selected", "yellow",       "gold",   NULL};
    static const char *const empties[] = {"far",  "bi-star",  "o",       "off",  "empty", "gray",
                                          "grey", "inactive", "outline", "line", "blank", NULL};
    char low[48];
    if (!n || n >= sizeof low)
        return;
    for (size_t i = 0; i < n; i++)
        low[i] = (char)((t[i] >= 'A' && t[i] <= 'Z') ? t[i] + 32 : t[i]);
    low[n] = 0;
    /* an icon font's rating glyph ("icon-rating-solid--active") is a star by another name */
    *star |= strstr(low, "star") != NULL || (strstr(low, "icon") && strstr(low, "rating"));
    *half |= strstr(low, "half") != NULL;
    if (word_in(low, n, fulls) && strcmp(low, "on") != 0) {
        *full = true;
        return;
    }
    if (word_in(low, n, empties) && strcmp(low, "o") != 0) {
        *empty = true;
        return;
    }
    const char *last = low;
    for (const char *p = low; *p; p++)
        if (*p == '-' || *p == '_')
            last = p + 1;
    size_t ln = strlen(last);
    *full |= word_in(last, ln, fulls);
    *empty |= word_in(last, ln, empties);
    /* the state run together with the star's name ("starreviewfilled" beside a plain
     * "starreview", "staroutline") */
    if (ln > 4 && strncmp(last, "star", 4) == 0) {
        static const char *const fe[] = {"filled", "full", "active", NULL};
        static const char *const ee[] = {"empty", "outline", "blank", "off", NULL};
        for (int i = 0; fe[i]; i++) {
            size_t el = strlen(fe[i]);
            *full |= ln > el + 4 && strcmp(last + ln - el, fe[i]) == 0;
        }
        for (int i = 0; ee[i]; i++) {
            size_t el = strlen(ee[i]);
            *empty |= ln >= el + 4 && strcmp(last + ln - el, ee[i]) == 0;
        }
    }
    /* a star filled to a percentage after the star word ("percentage-star--100",
     * "star-fill-50", "star--0"): 100 full, 0 empty, 50 (or 25-75) half */
    if (last != low && strstr(low, "star") && ln && ln <= 3 && strspn(last, "0123456789") == ln) {
        int pct = atoi(last);
        if (pct == 100)
            *full = true;
        else if (pct == 0)
            *empty = true;
        else if (pct >= 25 && pct <= 75)
            *half = true;
    }
}

/* A star icon, from its class tokens and image path and those of up to 8 descendants (Font
 * Awesome's fa-stack puts a full and an empty star on top of each other: full wins). */
static enum star star_kind(const xmlNode *c)
{
    bool star = false, full = false, empty = false, half = false, plain = false;
    int seen = 0;
    for (const xmlNode *m = c; m && seen < 9; seen++) {
        if (m->type == XML_ELEMENT_NODE) {
            /* this node's own say: a star token with no modifier is a plain (full) star */
            bool s1 = false, f1 = false, e1 = false, h1 = false;
            char *cls = attr(m, "class");
            for (char *p = cls; p && *p;) {
                while (*p == ' ' || *p == '\t' || *p == '\n')
                    p++;
                char *q = p;
                while (*q && *q != ' ' && *q != '\t' && *q != '\n')
                    q++;
                star_token(p, (size_t)(q - p), &s1, &f1, &e1, &h1);
                p = q;
            }
            xmlFree(cls);
            char *src = attr(m, "src");
            if (src) {
                /* "/img/star_on.png", "ico_star_off.gif" */
                const char *f = strrchr(src, '/');
                f = f ? f + 1 : src;
                s1 |= x_strcasestr(f, "star") != NULL;
                h1 |= x_strcasestr(f, "half") != NULL;
                e1 |= x_strcasestr(f, "off") || x_strcasestr(f, "empty") || x_strcasestr(f, "gray");
                f1 |= !e1 && (x_strcasestr(f, "_on") || x_strcasestr(f, "-on") ||
                              x_strcasestr(f, "full") || x_strcasestr(f, "fill"));
            }
            xmlFree(src);
            /* an SVG sprite's symbol: <use href="#icon-star-filled"> (or xlink:href), its id
             * read as a class token */
            if (m->name && strcmp((const char *)m->name, "use") == 0) {
                char *h = attr(m, "href");
                if (!h)
                    h = attr(m, "xlink:href");
                const char *id = h ? strrchr(h, '#') : NULL;
                if (id && id[1])
                    star_token(id + 1, strlen(id + 1), &s1, &f1, &e1, &h1);
                xmlFree(h);
            }
            star |= s1;
            full |= f1;
            empty |= e1;
            half |= h1;
            plain |= s1 && !f1 && !e1 && !h1;
        }
        /* next: the first child, else the next sibling within c */
        if (m->children && m->type == XML_ELEMENT_NODE)
            m = m->children;
        else {
            while (m != c && !m->next)
                m = m->parent;
            m = m == c ? NULL : m->next;
        }
    }
    if (!star)
        return STAR_NO;
    if (half)
        return STAR_HALF;
    /* a full layer over an empty one (Font Awesome's fa-stack: fa-star over fa-star-o) is full */
    if (full || (plain && empty))
        return STAR_FULL;
    if (empty)
        return STAR_EMPTY;
    return STAR_PLAIN; /* a plain star: Font Awesome's fa-star, an icon with no modifier */
}

/* Star icons counted among n's children (others, like the review's text, ignored): 3 to 10 of
 * them, full ones (halves count half) over all of them. */
static bool count_stars(const xmlNode *n, double *out, size_t *budget)
{
    int full = 0, half = 0, all = 0, plain = 0, first_kind = 0, other_kind = 0;
    char *first_src = NULL;
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (*budget == 0)
            return false;
        (*budget)--;
        if (c->type != XML_ELEMENT_NODE)
            continue;
        enum star k = star_kind(c);
        if (k == STAR_NO)
            continue;
        all++;
        full += k == STAR_FULL;
        half += k == STAR_HALF;
        plain += k == STAR_PLAIN;
        /* plain star pictures of two kinds (`star_y.png` ×4 then `star_g.png`): the run starts
         * with its lit ones, so those like the first are full */
        char *src = k == STAR_PLAIN ? attr(c, "src") : NULL;
        if (src && !first_src)
            first_src = src;
        else if (src) {
            if (strcmp(src, first_src) == 0)
                first_kind++;
            else
                other_kind++;
            xmlFree(src);
        }
        if (all > 10) {
            xmlFree(first_src);
            return false;
        }
    }
    xmlFree(first_src);
    /* plain icons are the full ones unless the run marks its full ones (then they are empty) */
    if (!full && plain == all && other_kind && first_kind + other_kind + 1 == all)
        full = first_kind + 1;
    else if (!full)
        full = plain;
    if (all < 3 || (!full && !half))
        return false;
    return hugi_extract_rating_scale(full + half * 0.5, all, 0, out);
}

static bool digits_only(const char *s)
{
    if (!*s)
        return false;
    for (; *s; s++)
        if (!(*s >= '0' && *s <= '9') && *s != ',' && *s != '.' && *s != ' ')
            return false;
    return true;
}

struct item {
    struct hugi_review r;
    bool ok;
    bool review_count; /* shows a count of reviews ("리뷰 120개", "78 reviews") */
    bool own_text;     /* has a text of its own, not only its title */
    bool title_link;   /* the title is (in) a link: an article list has that on every item */
    bool aspect;       /* a rating beside a short phrase and nothing else ("Value for money") */
    bool bare;         /* its rating is a bare digit (bare_score) */
    double score;
};

/* The first field element of role r that is itself the field (not a wrapper of other fields,
 * not a wrapper of an inner element of the same field). */
static const struct ent *field_ent(const struct scan *sc, enum role r, size_t from)
{
    for (size_t i = from; i < sc->n; i++)
        if (sc->e[i].role == r && !sc->e[i].mixed && !sc->e[i].same_kid)
            return &sc->e[i];
    return NULL;
}

/* A link's or a button's own words, never a name: "View profile", "See all", "프로필 보기" */
static bool ui_phrase(const char *t)
{
    static const char *const ui[] = {"profile",
                                     "view",
                                     "visit",
                                     "see",
                                     "more",
                                     "all",
                                     "follow",
                                     "\xed\x94\x84\xeb\xa1\x9c\xed\x95\x84", /* 프로필 */
                                     "\xeb\xb3\xb4\xea\xb8\xb0",             /* 보기 */
                                     NULL};
    /* whole words only: "Jessee" is a name */
    for (const char *p = t; *p;) {
        while (*p == ' ')
            p++;
        size_t l = strcspn(p, " ");
        for (const char *const *u = ui; *u && l; u++)
            if (strlen(*u) == l && !strncasecmp(p, *u, l))
                return true;
        p += l;
    }
    return false;
}

/* A name printed beside the date ("<strong>김철수</strong> <span>2024.01.05</span>", "Kim ·
 * 3 days ago"): a sibling of the date element with no field of its own and a short text of
 * one to four words, no digits, that is no label or count. */
static hugi_rc author_beside(struct scan *sc, const xmlNode *date_el, char **author)
{
    const xmlNode *p = date_el->parent;
    if (!p || p == sc->item->parent)
        return HUGI_OK;
    for (const xmlNode *c = p->children; c; c = c->next) {
        if (c == date_el || c->type != XML_ELEMENT_NODE || get_role(c) != R_NONE ||
            tag_any(c, t_never))
            continue;
        char buf[LABEL_BYTES + 8];
        size_t bl = 0;
        int nb = 16;
        if (!short_text(c, buf, LABEL_BYTES, &bl, &nb, 0))
            continue;
        bl = squeeze(buf, bl);
        size_t words = 1, v;
        bool digit = false;
        for (size_t i = 0; i < bl; i++) {
            words += buf[i] == ' ';
            digit |= buf[i] >= '0' && buf[i] <= '9';
        }
        if (bl < 2 || bl > 40 || words > 4 || digit || letters(buf) < 2 || is_noise(buf) ||
            ui_phrase(buf) || label_of(buf, bl, &v) != R_NONE)
            continue;
        const char *t = buf;
        /* "— Laura" */
        if (!strncmp(t, "\xe2\x80\x94", 3) || !strncmp(t, "\xe2\x80\x93", 3))
            t += 3;
        else if (*t == '-')
            t++;
        return x_set_ws(author, t, strlen(t));
    }
    return HUGI_OK;
}

/* A text holding a four-digit year (19xx, 20xx): a day, not an age */
static bool has_year(const char *s)
{
    for (size_t i = 0; s[i]; i++)
        if ((s[i] == '1' || s[i] == '2') && (s[i + 1] == '9' || s[i + 1] == '0') &&
            isdigit((unsigned char)s[i + 2]) && isdigit((unsigned char)s[i + 3]) &&
            (!i || !isdigit((unsigned char)s[i - 1])) && !isdigit((unsigned char)s[i + 4]))
            return true;
    return false;
}

/* The node after n's subtree in document order, staying inside item; NULL at item's end. */
static const xmlNode *next_after_subtree(const xmlNode *item, const xmlNode *n)
{
    while (n && !n->next && n->parent != item)
        n = n->parent;
    return n ? n->next : NULL;
}

/* The node after n in document order (its first child first), staying inside item. */
static const xmlNode *next_in_item(const xmlNode *item, const xmlNode *n)
{
    if (n->children && n->type == XML_ELEMENT_NODE)
        return n->children;
    return next_after_subtree(item, n);
}

/* The text of an element whose only child is one text node; NULL otherwise. */
static const xmlChar *leaf_text(const xmlNode *n)
{
    if (n->type == XML_ELEMENT_NODE && n->children && n->children->type == XML_TEXT_NODE &&
        !n->children->next)
        return n->children->content;
    return NULL;
}

/* A link to the reviewer's profile page (`<a href="/people/abc">Sophie</a>`: a shop whose
 * utility class names say nothing of the field) names the author: an `a` whose href has a path
 * segment people/user/users/member/members/profile/u and whose text is a short name. Looks at
 * the item's first 256 nodes. */
static bool short_name(const char *s);
static bool is_noise(const char *s);
static hugi_rc profile_link_name(const xmlNode *item, char **author)
{
    static const char *const segs[] = {"/people/",  "/user/",    "/users/", "/member/",
                                       "/members/", "/profile/", "/u/",     NULL};
    const xmlNode *n = item->children;
    for (int seen = 0; n && seen < 256; seen++) {
        if (n->type == XML_ELEMENT_NODE && tag_is(n, "a")) {
            char *href = attr(n, "href");
            bool prof = false;
            for (const char *const *sg = segs; href && *sg && !prof; sg++)
                prof = x_strcasestr(href, *sg) != NULL;
            xmlFree(href);
            if (prof) {
                char *t = (char *)xmlNodeGetContent(n);
                size_t tl = t ? squeeze(t, strlen(t)) : 0;
                hugi_rc rc = HUGI_OK;
                bool ok = tl && short_name(t) && !is_noise(t) && !ui_phrase(t);
                if (ok)
                    rc = x_set_ws(author, t, tl);
                xmlFree(t);
                if (ok || rc)
                    return rc;
            }
        }
        /* next in document order, not leaving the item */
        if (n->children && n->type == XML_ELEMENT_NODE && !tag_is(n, "a")) {
            n = n->children;
            continue;
        }
        n = next_after_subtree(item, n);
    }
    return HUGI_OK;
}

/* The line that says when the reviewer joined ("Member since March 2019", "Customer since 2021",
 * "Joined Oct 2020", "2019년 3월 가입"): a profile's line, so a short name beside it is the
 * reviewer's (a card under generated class names prints the name in a bare span next to it).
 * Looks at the item's first 256 nodes, leaf elements only. */
static const xmlNode *member_line(const xmlNode *item)
{
    static const char *const starts[] = {"member since", "customer since", "joined ", "buyer since",
                                         NULL};
    const xmlNode *n = item->children;
    for (int seen = 0; n && seen < 256; seen++) {
        const xmlChar *leaf = leaf_text(n);
        if (leaf) {
            const char *t = (const char *)leaf;
            while (*t == ' ' || *t == '\n' || *t == '\t')
                t++;
            size_t tl = strlen(t);
            bool hit = false;
            for (const char *const *st = starts; *st && !hit && tl <= 48; st++)
                hit = strncasecmp(t, *st, strlen(*st)) == 0;
            /* 가입 (joined) at the end: "2019년 3월 가입" */
            while (tl && (t[tl - 1] == ' ' || t[tl - 1] == '\n' || t[tl - 1] == '\t'))
                tl--;
            hit =
                hit || (tl >= 6 && tl <= 48 && !memcmp(t + tl - 6, "\xea\xb0\x80\xec\x9e\x85", 6));
            if (hit)
                return n;
        }
        n = next_in_item(item, n);
    }
    return NULL;
}

/* A buyer's badge, not a name: "Verified Customer", "Verified Buyer", "구매인증", "인증 구매자". */
static bool verified_badge(const char *t)
{
    return x_strcasestr(t, "verified") || strstr(t, "\xec\x9d\xb8\xec\xa6\x9d"); /* 인증 */
}

/* The item's first leaf element (among its first 256 nodes) whose whole text is t. */
static const xmlNode *leaf_with_text(const xmlNode *item, const char *t)
{
    const xmlNode *n = item->children;
    for (int seen = 0; n && seen < 256; seen++) {
        const xmlChar *leaf = leaf_text(n);
        if (leaf) {
            char *c = (char *)xmlStrdup(leaf);
            bool same = c && squeeze(c, strlen(c)) && strcmp(c, t) == 0;
            xmlFree(c);
            if (same)
                return n;
        }
        n = next_in_item(item, n);
    }
    return NULL;
}

/* The first short name among the element children of an author box whose first line was a
 * badge; nothing when there is none. */
static hugi_rc name_beside_badge(const xmlNode *box, char **author)
{
    /* the badge's box, or the badge itself among its siblings */
    bool inner = false;
    for (const xmlNode *c = box->children; c && !inner; c = c->next)
        inner = c->type == XML_ELEMENT_NODE;
    if (!inner && box->parent)
        box = box->parent;
    for (const xmlNode *c = box->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        char *t = (char *)xmlNodeGetContent(c);
        size_t tl = t ? squeeze(t, strlen(t)) : 0;
        hugi_rc rc = HUGI_OK;
        /* a short name, initials allowed ("Bea T.") */
        size_t words = 1;
        for (const char *p = t; p && *p; p++)
            words += *p == ' ';
        bool ok = tl && tl <= 40 && words <= 4 && letters(t) >= 2 &&
                  !strpbrk(t, "!?,:;()[]/|@#0123456789") && !verified_badge(t) && !is_noise(t);
        if (ok)
            rc = x_set_ws(author, t, tl);
        xmlFree(t);
        if (ok || rc)
            return rc;
    }
    return HUGI_OK;
}

/* The date in a date field's text: the part after its last " on " / " vom " / " le " when there
 * is one ("Reviewed in the United States on March 5, 2024", "Rezension aus Deutschland vom 5.
 * März 2024"), else the whole text; NULL when neither parses. Points into t. */
static const char *date_tail(struct xctx *x, const char *t)
{
    static const char *const marks[] = {" on ", " vom ", " le ", " el ", " il ", " am ", NULL};
    int64_t d;
    if (date_range(t, strlen(t)))
        return NULL;
    for (const char *const *m = marks; *m; m++) {
        const char *last = NULL;
        for (const char *f = strstr(t, *m); f; f = strstr(f + 1, *m))
            last = f;
        if (last && hugi_extract_date(last + strlen(*m), strlen(last + strlen(*m)), x->now, &d))
            return last + strlen(*m);
    }
    return hugi_extract_date(t, strlen(t), x->now, &d) ? t : NULL;
}

/* A news site's article page without NewsArticle data: Open Graph says `og:type` article and
 * the page shows a newsroom's marks — a `news_keywords` meta, a reporter's byline ("Staff
 * Reporter", "Correspondent", "홍길동 기자"), or a site name or title naming news (뉴스, 일보,
 * 신문, News, Times, Herald, Gazette, Tribune, Ledger, Chronicle). A blog's post is an article
 * too, and its comments are wanted: it shows none of these. Looks at the first 64 KiB. */
static bool news_page(const char *s, size_t len)
{
    size_t n = len < 65536 ? len : 65536;
    const char *og = x_memmem(s, n, "og:type", 7);
    if (!og || !x_memmem(og, (size_t)(s + n - og) < 80 ? (size_t)(s + n - og) : 80, "article", 7))
        return false;
    static const char *const marks[] = {"news_keywords",
                                        "Staff Reporter",
                                        "Correspondent",
                                        "\xea\xb8\xb0\xec\x9e\x90<", /* 기자< */
                                        "\xea\xb8\xb0\xec\x9e\x90 =",
                                        NULL};
    for (const char *const *m = marks; *m; m++)
        if (x_memmem(s, n, *m, strlen(*m)))
            return true;
    /* the site's name (og:site_name) and the page's <title> */
    static const char *const names[] = {"\xeb\x89\xb4\xec\x8a\xa4", /* 뉴스 */
                                        "\xec\x9d\xbc\xeb\xb3\xb4", /* 일보 */
                                        "\xec\x8b\xa0\xeb\xac\xb8", /* 신문 */
                                        "News",
                                        "Times",
                                        "Herald",
                                        "Gazette",
                                        "Tribune",
                                        "Ledger",
                                        "Chronicle",
                                        NULL};
    const char *where[2] = {x_memmem(s, n, "og:site_name", 12), x_memmem(s, n, "<title", 6)};
    for (int w = 0; w < 2; w++) {
        if (!where[w])
            continue;
        size_t wl = (size_t)(s + n - where[w]);
        if (wl > 200)
            wl = 200;
        for (const char *const *m = names; *m; m++)
            if (x_memmem(where[w], wl, *m, strlen(*m)))
                return true;
    }
    return false;
}

/* A meta line set with separators, "Rating: 2/5 · by Lou · Nov 3, 2025" (a theme that prints
 * its review's facts in one paragraph): a part "by NAME" (1-4 words, no digit) is the author, a
 * part that reads as a date the date, when the item has none. Only an element's own text
 * (its text children) with " · ", " | " or " • " between parts, at most 200 bytes; the first 64
 * elements of the item are looked at. */
static hugi_rc meta_line(const xmlNode *item, struct hugi_review *r, int64_t now)
{
    static const char *const seps[] = {" \xc2\xb7 ", " | ", " \xe2\x80\xa2 "};
    const xmlNode *m = item;
    hugi_rc rc = HUGI_OK;
    for (int seen = 0; m && seen < 64 && !rc && (!r->author || r->date == HUGI_NO_TIME); seen++) {
        if (m->type == XML_ELEMENT_NODE && m != item) {
            char buf[208];
            size_t bl = 0;
            bool over = false;
            for (const xmlNode *t = m->children; t && !over; t = t->next) {
                if (t->type != XML_TEXT_NODE || !t->content)
                    continue;
                size_t tl = strlen((const char *)t->content);
                over = bl + tl >= 200;
                if (!over) {
                    memcpy(buf + bl, t->content, tl);
                    bl += tl;
                }
            }
            buf[bl] = 0;
            const char *sep = NULL;
            for (size_t i = 0; !over && i < sizeof seps / sizeof *seps && !sep; i++)
                if (strstr(buf, seps[i]))
                    sep = seps[i];
            for (char *p = sep ? buf : NULL; p && !rc;) {
                char *e = strstr(p, sep);
                size_t pl = e ? (size_t)(e - p) : strlen(p);
                char part[208];
                size_t tl;
                const char *t = hugi_str_trim(p, pl, &tl);
                memcpy(part, t, tl);
                part[tl] = 0;
                int64_t d;
                size_t lv;
                if (!r->author && tl > 3 && !strncasecmp(part, "by ", 3)) {
                    size_t words = 0;
                    bool digit = false;
                    for (const char *q = part + 3; *q; q++) {
                        digit = digit || (*q >= '0' && *q <= '9');
                        words += *q != ' ' && (q == part + 3 || q[-1] == ' ');
                    }
                    if (words >= 1 && words <= 4 && !digit)
                        rc = x_set_ws(&r->author, part + 3, tl - 3);
                } else if (r->date == HUGI_NO_TIME && strpbrk(part, "0123456789") &&
                           label_of(part, tl, &lv) == R_NONE &&
                           hugi_extract_date(part, tl, now, &d)) {
                    free(r->date_raw);
                    r->date_raw = NULL;
                    rc = x_set(&r->date_raw, part, tl);
                    r->date = d;
                }
                p = e ? e + strlen(sep) : NULL;
            }
        }
        if (m->children && (m == item || m->type == XML_ELEMENT_NODE))
            m = m->children;
        else {
            while (m != item && !m->next)
                m = m->parent;
            m = m == item ? NULL : m->next;
        }
    }
    return rc;
}

/* The head a definition list gives an entry: the <dt> just before a <dd> item (Magento 1's
 * review list: `<dt><a href=…>Title</a> Review by <span>Name</span></dt><dd>stars, text,
 * date</dd>`). Its link (else its first words) is the title, a short name set apart in a
 * span, strong, b or cite the author; a field already read stays. */
static hugi_rc dt_head(const xmlNode *item, struct hugi_review *r, size_t *budget)
{
    if (!tag_is(item, "dd"))
        return HUGI_OK;
    const xmlNode *dt = item->prev;
    while (dt && dt->type != XML_ELEMENT_NODE)
        dt = dt->prev;
    if (!dt || !tag_is(dt, "dt"))
        return HUGI_OK;
    hugi_rc rc = HUGI_OK;
    const xmlNode *link = NULL, *name = NULL;
    for (const xmlNode *c = dt->children; c; c = c->next) {
        if (tag_is(c, "a") && !link)
            link = c;
        else if ((tag_is(c, "span") || tag_is(c, "strong") || tag_is(c, "b") ||
                  tag_is(c, "cite")) &&
                 !name)
            name = c;
    }
    size_t il = 0, tot = 0;
    char *t = link && !r->title ? text_of(link, &il, &tot, budget) : NULL;
    if (t && letters(t) >= 2)
        rc = x_set_ws(&r->title, t, strlen(t));
    free(t);
    il = tot = 0;
    char *a = name && !r->author && !rc ? text_of(name, &il, &tot, budget) : NULL;
    size_t words = 0;
    bool digit = false;
    for (const char *p = a; p && *p; p++) {
        digit = digit || (*p >= '0' && *p <= '9');
        words += *p != ' ' && (p == a || p[-1] == ' ');
    }
    if (a && words >= 1 && words <= 4 && !digit && letters(a) >= 2)
        rc = x_set_ws(&r->author, a, strlen(a));
    free(a);
    return rc;
}

/* Reads one item into it->r; it->ok when it reads as a review. */
/* The row after a table row when it is one cell wide (colspan) and the row itself is not:
 * the body of a two-row board entry. */
static const xmlNode *body_row_of(const xmlNode *row)
{
    if (!tag_is(row, "tr"))
        return NULL;
    const xmlNode *nx = row->next;
    while (nx && nx->type != XML_ELEMENT_NODE)
        nx = nx->next;
    if (!nx || !tag_is(nx, "tr"))
        return NULL;
    size_t mine = 0, cells = 0;
    const xmlNode *cell = NULL;
    for (const xmlNode *c = row->children; c && mine < 2; c = c->next)
        mine += tag_is(c, "td") || tag_is(c, "th");
    for (const xmlNode *c = nx->children; c && cells < 2; c = c->next)
        if (tag_is(c, "td") || tag_is(c, "th")) {
            cells++;
            cell = c;
        }
    return mine >= 2 && cells == 1 ? cell : NULL;
}

/* A text block that shows a cut version ("카드 등록이 …", "…more") beside a hidden element
 * (style display:none) holding the whole text that starts the same: the hidden one is the
 * review; both joined would say it twice. */
/* An element inside the item (the first 64 looked at) whose class names a label and whose text
 * is a short phrase (1-4 words): the criterion a rating row rates. */
static bool criterion_label(const xmlNode *item, size_t *budget)
{
    int seen = 0;
    for (const xmlNode *m = item->children; m && seen < 64;) {
        if (m->type == XML_ELEMENT_NODE) {
            seen++;
            char *cls = attr(m, "class");
            bool lab = cls && x_strcasestr(cls, "label") != NULL;
            xmlFree(cls);
            if (lab) {
                char *t = text_of(m, NULL, NULL, budget);
                size_t words = 1;
                for (const char *p = t; p && *p; p++)
                    words += *p == ' ';
                bool ok = t && letters(t) >= 2 && words <= 4 && strlen(t) <= 40;
                free(t);
                if (ok)
                    return true;
            }
        }
        if (m->children && m->type == XML_ELEMENT_NODE)
            m = m->children;
        else {
            while (m != item && !m->next)
                m = m->parent;
            m = m == item ? NULL : m->next;
        }
    }
    return false;
}

static bool under(const xmlNode *n, const xmlNode *a)
{
    for (; n; n = n->parent)
        if (n == a)
            return true;
    return false;
}

/* A review whose body is printed in parts of one kind side by side (a stay's "Liked …" and
 * "Disliked …", pros and cons): every text field with the class of the chosen one, neither
 * inside the other, is the text, joined by line breaks in page order (at most 6 parts). */
static hugi_rc join_text_parts(struct scan *sc, const xmlNode *tn, struct hugi_review *r)
{
    char *cls = attr(tn, "class");
    if (!cls || !cls[0]) {
        xmlFree(cls);
        return HUGI_OK;
    }
    const xmlNode *parts[6];
    size_t np = 0;
    bool tn_in = false;
    for (size_t i = 0; i < sc->n; i++) {
        const xmlNode *n = sc->e[i].n;
        if (sc->e[i].role != R_TEXT || get_role(n) != R_TEXT || sc->e[i].mixed)
            continue;
        if (n != tn && (under(n, tn) || under(tn, n)))
            continue;
        char *c = attr(n, "class");
        bool same = c && strcmp(c, cls) == 0;
        xmlFree(c);
        if (!same)
            continue;
        if (np == sizeof parts / sizeof *parts) {
            xmlFree(cls);
            return HUGI_OK; /* a list of its own, not the parts of one body */
        }
        tn_in |= n == tn;
        parts[np++] = n;
    }
    xmlFree(cls);
    if (np < 2 || !tn_in)
        return HUGI_OK;
    struct hugi_buf b;
    hugi_buf_init(&b, 1 << 20);
    hugi_rc rc = HUGI_OK;
    for (size_t i = 0; i < np && !rc; i++) {
        size_t tot = 0;
        char *t = text_of(parts[i], NULL, &tot, sc->budget);
        char *norm = NULL;
        if (t && letters(t) >= 2)
            rc = x_set_ws(&norm, t, strlen(t));
        free(t);
        bool full = false;
        if (!rc && norm) {
            size_t had = b.len;
            if (b.len)
                rc = hugi_buf_addc(&b, '\n');
            if (!rc)
                rc = hugi_buf_add(&b, norm, strlen(norm));
            /* the parts that fit, as text_of() keeps what fits of one long text: a long
             * review is no reason to fail the page */
            if (rc == HUGI_E_LIMIT) {
                b.len = had;
                rc = HUGI_OK;
                full = true;
            }
        }
        free(norm);
        if (full)
            break;
    }
    if (!rc && b.len)
        rc = hugi_review_set(&r->text, b.data, b.len);
    hugi_buf_release(&b);
    return rc;
}

static const xmlNode *full_text_of(const xmlNode *tn, size_t *budget)
{
    if (!tn)
        return NULL;
    const xmlNode *shown = NULL, *hidden = NULL;
    for (const xmlNode *c = tn->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        char *st = attr(c, "style");
        bool h = st && x_strcasestr(st, "display") && x_strcasestr(st, "none");
        xmlFree(st);
        if (h && !hidden)
            hidden = c;
        else if (!h && !shown)
            shown = c;
    }
    if (!shown || !hidden)
        return tn;
    char *a = text_of(shown, NULL, NULL, budget), *b = text_of(hidden, NULL, NULL, budget);
    size_t al = a ? strlen(a) : 0;
    /* the shown part without its ellipsis and button text: its first 12 bytes at least */
    size_t cmp = al < 12 ? al : 12;
    bool same = a && b && al >= 6 && strlen(b) > cmp && memcmp(a, b, cmp) == 0;
    free(a);
    free(b);
    return same ? hidden : tn;
}

/* A text that is a rating and nothing else ("Rated 2 out of 5 stars", "별점 4점"): a hidden
 * accessibility label, never the review's words. */
static bool rating_phrase(struct xctx *x, const char *t)
{
    double v;
    size_t n = strlen(t);
    return n <= 48 && rating_cue(t) && hugi_extract_rating(t, n, x->scale, &v);
}

/* A person's name as widgets print it: one to three words, each capitalised or an initial
 * ("Jenna M.", "Greg", "Ana de Souza" fails: "de"), no digits. */
static bool person_like(const char *s)
{
    size_t n = strlen(s), words = 0;
    if (!n || n > 30 || strpbrk(s, "0123456789!?,:;()[]/|@#*"))
        return false;
    for (const char *p = s; *p;) {
        while (*p == ' ')
            p++;
        if (!*p)
            break;
        const char *w = p;
        while (*p && *p != ' ')
            p++;
        size_t wl = (size_t)(p - w);
        words++;
        if (!(w[0] >= 'A' && w[0] <= 'Z'))
            return false;
        /* an initial "M." or a capitalised word with lower-case letters after ("Greg", not
         * "WOW") */
        bool initial = wl == 2 && w[1] == '.';
        bool cap = wl >= 2 && w[1] >= 'a' && w[1] <= 'z';
        if (!initial && !cap)
            return false;
        if (!initial && memchr(w, '.', wl))
            return false;
    }
    return words >= 1 && words <= 3;
}

/* One to four words of letters, no digits, no sentence punctuation: a person's name. */
static bool short_name(const char *s)
{
    size_t n = strlen(s), words = 1;
    if (!n || n > 40 || letters(s) < 2 || strpbrk(s, ".!?,:;()[]/|@#0123456789"))
        return false;
    for (const char *p = s; *p; p++)
        words += *p == ' ';
    return words <= 4;
}

/* n's text with a space between its text nodes ("Helpful? <button>3</button><button>0
 * </button>" is "Helpful?  3  0", not 30), into buf; *len reaches cap - 1 when it did not fit. */
static void spaced_text(const xmlNode *n, char *buf, size_t cap, size_t *len, int depth)
{
    for (const xmlNode *c = n->children; c && *len + 1 < cap && depth < 8; c = c->next) {
        if (c->type == XML_TEXT_NODE && c->content) {
            size_t l = strlen((const char *)c->content);
            if (*len + l + 2 > cap) {
                *len = cap - 1;
                break;
            }
            memcpy(buf + *len, c->content, l);
            *len += l;
            buf[(*len)++] = ' ';
        } else if (c->type == XML_ELEMENT_NODE) {
            spaced_text(c, buf, cap, len, depth + 1);
        }
    }
    buf[*len < cap ? *len : cap - 1] = 0;
}

/* Whether n is set in bold: a <b> or <strong>, or a class with the word "bold" (a utility
 * class, `a-text-bold`, `font-bold`). */
static bool bold_el(const xmlNode *n)
{
    if (tag_is(n, "b") || tag_is(n, "strong"))
        return true;
    char *cls = attr(n, "class");
    bool yes = false;
    for (const char *p = cls ? x_strcasestr(cls, "bold") : NULL; p && !yes;
         p = x_strcasestr(p + 1, "bold")) {
        bool start = p == cls || !isalpha((unsigned char)p[-1]);
        yes = start && !isalpha((unsigned char)p[4]);
    }
    xmlFree(cls);
    return yes;
}

/* A link to the review's own page (`<a href="/ShowUserReviews-r1001">`, `/reviews/88`): where
 * class names say nothing, the line it sets is the review's title as a bold line is */
static bool review_link(const xmlNode *n)
{
    if (!tag_is(n, "a"))
        return false;
    char *href = attr(n, "href");
    bool yes = href && x_strcasestr(href, "review") && !x_strcasestr(href, "write") &&
               !x_strcasestr(href, "/profile/") && !x_strcasestr(href, "/user/");
    xmlFree(href);
    return yes;
}

/* A rated review with an author but no title named as one: a line set in bold before its
 * text, with no field of its own (`<b><span>Best pan I have owned</span></b>` beside the stars)
 * is its title. Never a badge ("Verified Purchase"), the author, a date, a rating or a count. */
static hugi_rc bold_title(struct scan *sc, const xmlNode *tn, struct hugi_review *r)
{
    if (r->title || !r->author || !r->text || isnan(r->rating) || !tn)
        return HUGI_OK;
    int steps = 0;
    for (const xmlNode *n = sc->item->children; n && n != tn && steps < 256;
         n = next_in_item(sc->item, n), steps++) {
        if (n->type != XML_ELEMENT_NODE || under(tn, n) || get_role(n) != R_NONE ||
            !(bold_el(n) || review_link(n)))
            continue;
        /* in the author's box (a country flag's code beside the name) it is the byline's */
        bool byline = false;
        for (const xmlNode *a = n->parent; a && a != sc->item && a != sc->item->parent && !byline;
             a = a->parent) {
            xmlChar *ac = xmlNodeGetContent(a);
            byline = ac && strstr((const char *)ac, r->author);
            xmlFree(ac);
            if (a->parent == sc->item)
                break;
        }
        /* a label set in bold ("<b>Color:</b> Black"): words follow it on its line */
        bool label = false;
        for (const xmlNode *f = n->next; f && !label; f = f->next) {
            if (f->type == XML_ELEMENT_NODE && !tag_any(f, t_inline))
                break; /* the line ends at the next block */
            xmlChar *fc = xmlNodeGetContent(f);
            for (const xmlChar *q = fc; q && *q && !label; q++)
                label = !isspace(*q);
            xmlFree(fc);
        }
        if (byline || label)
            continue;
        xmlChar *c = xmlNodeGetContent(n);
        size_t cl;
        const char *t = c ? hugi_str_trim((const char *)c, strlen((const char *)c), &cl) : NULL;
        bool ok = t && cl >= 3 && cl <= 150 && !memchr(t, '\n', cl);
        char buf[160];
        if (ok) {
            memcpy(buf, t, cl);
            buf[cl] = 0;
            ok = letters(buf) >= 2 && buf[cl - 1] != ':' && !verified_badge(buf) &&
                 !is_noise(buf) && strcmp(buf, r->author) != 0 && strcmp(buf, r->text) != 0 &&
                 !rating_cue(buf) && !only_stars(buf, cl) && !looks_date(sc->x, buf, cl) &&
                 !helpful_count(buf, cl);
        }
        hugi_rc rc = ok ? x_set_ws(&r->title, buf, cl) : HUGI_OK;
        xmlFree(c);
        if (rc || ok)
            return rc;
    }
    return HUGI_OK;
}

static hugi_rc read_item(struct scan *sc, struct item *it)
{
    struct xctx *x = sc->x;
    struct hugi_review *r = &it->r;
    hugi_review_init(r);
    it->ok = false;
    it->score = 0;
    sc->n = 0;
    sc->price = sc->cart = sc->over = false;
    sc->time_el = NULL;
    sc->cue_rating = NAN;
    sc->bar_rating = NAN;
    sc->qna = false;
    sc->review_count = false;
    sc->id_el = NULL;
    sc->bare = false;
    scan_el(sc, sc->item, 0, -1);
    it->bare = sc->bare;
    if (sc->oom)
        return HUGI_E_NOMEM;
    if (sc->over || sc->price || sc->cart || sc->qna)
        return HUGI_OK;
    /* mixed wrappers ("user-info" holding name and date) are no field: clear their role so
     * their text counts where it belongs */
    for (size_t i = 0; i < sc->n; i++)
        if (sc->e[i].mixed && sc->e[i].role != R_TEXT && sc->e[i].role != R_SKIP &&
            sc->e[i].role != R_SKIPW)
            set_role(sc->e[i].n, R_NONE);
    hugi_rc rc = HUGI_OK;
    /* rating: every rating element in order, attributes before text */
    bool rated = false;
    for (size_t i = 0; i < sc->n && !rated; i++) {
        const struct ent *e = &sc->e[i];
        if (e->role != R_RATING)
            continue;
        double v;
        rated = rating_of(x, e->n, true, &v) || count_stars(e->n, &v, sc->budget);
        /* an unmarked image or span inside the rating (<img alt="5점">) */
        for (const xmlNode *c = e->n->children; c && !rated; c = c->next)
            if (c->type == XML_ELEMENT_NODE && get_role(c) == R_NONE)
                rated = rating_of(x, c, true, &v);
        if (rated)
            r->rating = v;
    }
    for (size_t i = 0; i < sc->n && !rated; i++) {
        const struct ent *e = &sc->e[i];
        if (e->role != R_RATING)
            continue;
        /* the whole text, screen-reader spans included ("Rated 4 out of 5"); a wrapper of
         * other rating elements only when its text is star glyphs (five "★" spans) */
        xmlChar *t = xmlNodeGetContent(e->n);
        double v;
        size_t tl = t ? squeeze((char *)t, strlen((const char *)t)) : 0;
        /* or a score over its scale, the scale in a rating element of its own (`<span>8</span>
         * <span class="point-scale">/10</span>`) */
        if (t && tl < 200 &&
            (!e->same_kid || only_stars((const char *)t, tl) || rating_cue((const char *)t) ||
             score_text((const char *)t, tl)) &&
            hugi_extract_rating((const char *)t, tl, x->scale, &v)) {
            r->rating = v;
            rated = true;
        }
        xmlFree(t);
    }
    if (!rated && !isnan(sc->cue_rating)) {
        r->rating = sc->cue_rating;
        rated = true;
    }
    /* a run of star icons whose parent says nothing: <i class="fa fa-star"></i>×4 <i
     * class="fa fa-star-o"></i>, or OpenCart's fa-stack pairs inside the text's cell */
    const xmlNode *tried = NULL;
    for (size_t i = 0; i < sc->n && !rated; i++) {
        const struct ent *e = &sc->e[i];
        if (e->role != R_RATING)
            continue;
        const xmlNode *p = e->n->parent;
        for (int up = 0; up < 2 && p && p != sc->item->parent && !rated; up++, p = p->parent) {
            if (p == tried)
                continue;
            double v;
            if (count_stars(p, &v, sc->budget)) {
                r->rating = v;
                rated = true;
            }
            if (up == 0)
                tried = p;
        }
    }
    if (!rated) {
        /* on the item itself: data-rating="4", class="review rating-5" */
        double v;
        rated = rating_of(x, sc->item, false, &v);
        char *cls = rated ? NULL : attr(sc->item, "class");
        for (char *p = cls; p && *p && !rated;) {
            while (*p == ' ' || *p == '\t' || *p == '\n')
                p++;
            char *q = p;
            while (*q && *q != ' ' && *q != '\t' && *q != '\n')
                q++;
            rated = q > p && class_rating(x, p, (size_t)(q - p), &v);
            p = q;
        }
        xmlFree(cls);
        if (rated)
            r->rating = v;
    }
    if (!rated && !isnan(sc->bar_rating)) {
        r->rating = sc->bar_rating;
        rated = true;
    }
    /* date: a <time datetime>, a date field, a date-looking text */
    const xmlNode *date_el = NULL;
    if (sc->time_el) {
        char *dt = attr(sc->time_el, "datetime");
        if (!dt)
            dt = attr(sc->time_el, "title"); /* a value-title */
        if (dt)
            rc = x_set_date(x, r, dt, strlen(dt));
        xmlFree(dt);
        date_el = sc->time_el;
    }
    for (const struct ent *de = field_ent(sc, R_DATE, 0); !rc && r->date == HUGI_NO_TIME && de;
         de = field_ent(sc, R_DATE, (size_t)(de - sc->e) + 1)) {
        char *t = field_text(de, sc->budget);
        const char *v = t ? date_tail(x, t) : NULL;
        /* a date shown as an age ("10 months ago") over the day itself in a tooltip
         * (`title="Mar 05, 2025 10:20 AM"`): the day */
        char *full = v && !has_year(v) ? attr(de->n, "title") : NULL;
        int64_t fd;
        if (full && has_year(full) && hugi_extract_date(full, strlen(full), x->now, &fd)) {
            rc = x_set_date(x, r, full, strlen(full));
            date_el = de->n;
            v = NULL;
        } else if (v) {
            rc = x_set_date(x, r, v, strlen(v));
            date_el = de->n;
        }
        xmlFree(full);
        /* the date in an attribute (Judge.me's data-content, a title) */
        static const char *const dattr[] = {"datetime",  "data-content", "content", "title",
                                            "data-date", "data-time",    NULL};
        for (const char *const *a = dattr; !rc && !v && *a && r->date == HUGI_NO_TIME; a++) {
            char *av = attr(de->n, *a);
            int64_t d;
            if (av && hugi_extract_date(av, strlen(av), x->now, &d)) {
                rc = x_set_date(x, r, av, strlen(av));
                date_el = de->n;
            }
            xmlFree(av);
        }
        free(t);
    }
    /* the item's own attributes, as it states its rating (`data-rating`): a widget that renders
     * from them (`<div class="rv" data-author="Lena K." data-date="2024-11-03">`) */
    static const char *const item_dates[] = {"data-date",
                                             "data-created",
                                             "data-created-at",
                                             "data-published",
                                             "data-time",
                                             "data-datetime",
                                             NULL};
    for (const char *const *a = item_dates; !rc && *a && r->date == HUGI_NO_TIME; a++) {
        char *av = attr(sc->item, *a);
        int64_t d;
        if (av && strlen(av) < 64 && hugi_extract_date(av, strlen(av), x->now, &d))
            rc = x_set_date(x, r, av, strlen(av));
        xmlFree(av);
    }
    static const char *const item_authors[] = {"data-author",   "data-author-name", "data-reviewer",
                                               "data-nickname", "data-user-name",   NULL};
    for (const char *const *a = item_authors; !rc && *a && !r->author; a++) {
        char *av = attr(sc->item, *a);
        if (av && strlen(av) <= 80 && letters(av) + (strchr(av, '*') != NULL) > 0)
            rc = x_set_ws(&r->author, av, strlen(av));
        xmlFree(av);
    }
    /* the product column of a board of every product's reviews, unless one is configured */
    const struct ent *pe = sc->x->o->product ? NULL : field_ent(sc, R_PRODUCT, 0);
    if (!rc && pe && !r->product) {
        char *pt = field_text(pe, sc->budget);
        if (pt && letters(pt) >= 1)
            rc = x_set_ws(&r->product, pt, strlen(pt));
        free(pt);
    }
    /* author, title, likes */
    for (const struct ent *ae = field_ent(sc, R_AUTHOR, 0); !rc && ae && !r->author;
         ae = field_ent(sc, R_AUTHOR, (size_t)(ae - sc->e) + 1)) {
        char *t = field_text(ae, sc->budget);
        /* a badge in the author's box ("Verified Customer", 구매인증) is nobody's name: the
         * short name beside it in the same box is */
        if (t && verified_badge(t)) {
            free(t);
            t = NULL;
            rc = name_beside_badge(ae->n, &r->author);
            continue;
        }
        if (t && strlen(t) <= 80 && letters(t) + (strchr(t, '*') != NULL) > 0)
            rc = x_set_ws(&r->author, t, strlen(t));
        free(t);
    }
    for (size_t i = 0; !rc && !r->author && i < sc->n; i++) {
        /* a byline holding the date too ("Ola N. on <strong>Dec 18, 2023</strong>"): what is
         * left once the date is out */
        if (sc->e[i].role != R_AUTHOR || !sc->e[i].mixed)
            continue;
        char *t = text_of(sc->e[i].n, NULL, NULL, sc->budget);
        size_t l = t ? strlen(t) : 0;
        static const char *const tails[] = {" on", " -", " |", " \xc2\xb7", ",", NULL};
        for (bool cut = true; cut && l;) {
            cut = false;
            for (const char *const *p = tails; *p && l; p++) {
                size_t pl = strlen(*p);
                if (l > pl && !strcmp(t + l - pl, *p)) {
                    l -= pl;
                    t[l] = 0;
                    cut = true;
                }
            }
        }
        if (t && l && l <= 80 && letters(t) > 0)
            rc = x_set_ws(&r->author, t, l);
        free(t);
        break;
    }
    /* a link to the reviewer's profile page names the author before a short text beside the date
     * (an unlabelled title link, "Lovely view, slow breakfast", is such a text too) */
    if (!rc && !r->author)
        rc = profile_link_name(sc->item, &r->author);
    if (!rc && !r->author && date_el)
        rc = author_beside(sc, date_el, &r->author);
    /* an item labelled for screen readers by its reviewer's name alone (Google Maps:
     * aria-label="Min Park" on each review) */
    char *label = !rc && !r->author ? attr(sc->item, "aria-label") : NULL;
    if (label && short_name(label) && !has_sub_ci(label, s_review) && !rating_cue(label))
        rc = x_set_ws(&r->author, label, strlen(label));
    xmlFree(label);
    const xmlNode *ml = !rc && !r->author ? member_line(sc->item) : NULL;
    if (ml)
        rc = author_beside(sc, ml, &r->author);
    /* however it was found, a badge is no author: the name in the author's box beside it */
    if (!rc && r->author && verified_badge(r->author)) {
        const xmlNode *bn = leaf_with_text(sc->item, r->author);
        free(r->author);
        r->author = NULL;
        if (bn)
            rc = name_beside_badge(bn, &r->author);
    }
    /* of several titles a heading element (h2-h6) is the title: a design system's typography
     * class ("typography_heading-xxs") names how a text looks, and a short one of those before
     * the heading is then the reviewer's name */
    const struct ent *te = field_ent(sc, R_TITLE, 0), *styled = NULL;
    for (const struct ent *he = te; he; he = field_ent(sc, R_TITLE, (size_t)(he - sc->e) + 1))
        if (he != te && is_heading_tag(he->n) && !is_heading_tag(te->n)) {
            styled = te;
            te = he;
            break;
        }
    if (!rc && styled && !r->author) {
        char *t = field_text(styled, sc->budget);
        size_t words = 1;
        for (const char *p = t; p && *p; p++)
            words += *p == ' ';
        if (t && strlen(t) <= 40 && words <= 4 && letters(t) > 0)
            rc = x_set_ws(&r->author, t, strlen(t));
        free(t);
    }
    /* a verdict in a title's place ("Recommended", "Not Recommended": a game store's thumbs) is
     * no title, nor a linked one that would make the list read as articles */
    if (te) {
        char *t = field_text(te, sc->budget);
        if (t && verdict_text(t)) {
            sc->e[te - sc->e].role = R_NONE;
            set_role(te->n, R_NONE);
            te = NULL;
        }
        free(t);
    }
    it->title_link = false;
    if (te) {
        for (const xmlNode *a = te->n; a && a != sc->item && !it->title_link; a = a->parent)
            it->title_link = tag_is(a, "a");
        for (const xmlNode *c = te->n->children; c && !it->title_link; c = c->next)
            it->title_link = tag_is(c, "a");
    }
    /* a heading that ends in a short name set apart ("Awesome quality <span>Jacob
     * Hammond</span>", shop themes): the name is the author, the rest the title */
    const xmlNode *by = NULL;
    if (!rc && te && !r->author && is_heading_tag(te->n)) {
        const xmlNode *last = NULL;
        for (const xmlNode *c = te->n->children; c; c = c->next)
            if (c->type == XML_ELEMENT_NODE)
                last = c;
            else if (c->type == XML_TEXT_NODE && last && letters((const char *)c->content))
                last = NULL; /* text after it: the span is inside the title */
        /* never <em>: a title's last word stressed ("Simply <em>amazing</em>") is no name */
        if (last && (tag_is(last, "span") || tag_is(last, "small") || tag_is(last, "cite"))) {
            char *a = text_of(last, NULL, NULL, sc->budget);
            size_t words = 1;
            bool digits = false;
            for (const char *q = a; q && *q; q++) {
                words += *q == ' ';
                digits |= *q >= '0' && *q <= '9';
            }
            /* not a badge ("Verified Purchase", "구매인증", "BEST") nor any field of its own */
            char *cls = attr(last, "class");
            bool badge = cls && (x_strcasestr(cls, "badge") || x_strcasestr(cls, "label") ||
                                 x_strcasestr(cls, "tag") || x_strcasestr(cls, "verif") ||
                                 x_strcasestr(cls, "icon") || x_strcasestr(cls, "date") ||
                                 x_strcasestr(cls, "rating") || x_strcasestr(cls, "star") ||
                                 x_strcasestr(cls, "sr-only") || x_strcasestr(cls, "count"));
            xmlFree(cls);
            badge |= a && (x_strcasestr(a, "verified") || x_strcasestr(a, "best") ||
                           strstr(a, "\xea\xb5\xac\xeb\xa7\xa4") /* 구매 */ ||
                           strstr(a, "\xec\x9d\xb8\xec\xa6\x9d") /* 인증 */ ||
                           strstr(a, "\xeb\xb2\xa0\xec\x8a\xa4\xed\x8a\xb8") /* 베스트 */);
            if (a && !badge && strlen(a) <= 40 && words <= 4 && !digits && letters(a) >= 2 &&
                !strpbrk(a, ".!?,:")) {
                rc = x_set_ws(&r->author, a, strlen(a));
                by = last;
            }
            free(a);
        }
    }
    if (!rc && te) {
        char *t = field_text(te, sc->budget);
        if (t && by) {
            char *a = text_of(by, NULL, NULL, sc->budget);
            size_t tl = strlen(t), al = a ? strlen(a) : 0;
            while (tl && (t[tl - 1] == ' ' || t[tl - 1] == '\n'))
                t[--tl] = 0;
            if (al && tl >= al && memcmp(t + tl - al, a, al) == 0)
                t[tl - al] = 0;
            free(a);
        }
        /* a "title" that comes before the stars and the date, is no heading and reads as a
         * person's name ("Jenna M.", "Greg") where nothing else named the author: widgets that
         * style the reviewer's name as the card's title (Loox) */
        const struct ent *re = field_ent(sc, R_RATING, 0), *de = field_ent(sc, R_DATE, 0);
        bool first = (!re || re > te) && (!de || de > te) && (re || de);
        if (!rc && t && !r->author && !by && first && !is_heading_tag(te->n) && person_like(t))
            rc = x_set_ws(&r->author, t, strlen(t));
        else if (t && strlen(t) <= 300 && letters(t) >= 2)
            rc = x_set_ws(&r->title, t, strlen(t));
        free(t);
    }
    /* of several, the one saying what it counts ("21 people found this helpful") before a
     * box merely named for votes (`vote_header` around a verdict and the hours played) */
    const struct ent *le = field_ent(sc, R_LIKES, 0);
    for (const struct ent *e2 = le; e2; e2 = field_ent(sc, R_LIKES, (size_t)(e2 - sc->e) + 1)) {
        char *t2 = text_of(e2->n, NULL, NULL, sc->budget);
        bool said = t2 && helpful_count(t2, strlen(t2));
        free(t2);
        if (said) {
            le = e2;
            break;
        }
    }
    if (!rc && le) {
        char *t = text_of(le->n, NULL, NULL, sc->budget);
        const char *p = t;
        while (p && *p && !(*p >= '0' && *p <= '9'))
            p++;
        /* the count in a child the walk skips (`도움돼요 <span class="num">8</span>`: a
         * "num" is no field of its own): the whole text */
        if (t && !*p && strlen(t) < 80) {
            char all[96];
            size_t al = 0;
            spaced_text(le->n, all, sizeof all, &al, 0);
            if (al < sizeof all - 1) {
                free(t);
                t = hugi_strdup(all);
                p = t;
                while (p && *p && !(*p >= '0' && *p <= '9'))
                    p++;
            }
        }
        if (p && *p && strlen(t) < 80) {
            long v = 0;
            for (; (*p >= '0' && *p <= '9') || (*p == ',' && p[1] >= '0' && p[1] <= '9'); p++)
                if (*p != ',' && v < 1000000000L)
                    v = v * 10 + (*p - '0');
            r->likes = v;
        } else if (t && one_person(t)) {
            r->likes = 1;
        }
        free(t);
    }
    /* a name printed in the date's line ("M***a | 12 Mar 2024", "Jin · 2024.03.05"): the part
     * before the separator, when it is a masked name or 1-3 words without digits */
    if (!rc && !r->author && r->date_raw) {
        static const char *const seps[] = {" | ", " \xc2\xb7 ", " \xe2\x80\xa2 ", NULL}; /* · • */
        for (int k = 0; seps[k] && !r->author && !rc; k++) {
            const char *sp = strstr(r->date_raw, seps[k]);
            if (!sp || sp == r->date_raw)
                continue;
            size_t pl;
            const char *pre = hugi_str_trim(r->date_raw, (size_t)(sp - r->date_raw), &pl);
            if (pl > 3 && !strncasecmp(pre, "by ", 3)) { /* "by Jana · March 5, 2025" */
                pre += 3;
                pl -= 3;
            }
            size_t words = 1;
            bool digit = false;
            for (size_t i = 0; i < pl; i++) {
                words += pre[i] == ' ';
                digit |= pre[i] >= '0' && pre[i] <= '9';
            }
            char tmp[48];
            if (!pl || pl >= sizeof tmp)
                continue;
            memcpy(tmp, pre, pl);
            tmp[pl] = 0;
            static const char *const not_name[] = {"edit",     "updat",    "post",    "review",
                                                   "verified", "purchase", "written", NULL};
            if (is_masked_name(tmp, pl) ||
                (!digit && words <= 3 && letters(tmp) >= 2 && !has_sub_ci(tmp, not_name)))
                rc = x_set_ws(&r->author, tmp, pl);
        }
    }
    /* a member level printed before the name ("LV.5 무신사러버", "Lv 12 jjun") is no part of it */
    if (!rc && r->author && (r->author[0] | 0x20) == 'l' && (r->author[1] | 0x20) == 'v') {
        const char *p = r->author + 2;
        while (*p == '.' || *p == ' ')
            p++;
        const char *d = p;
        while (*p >= '0' && *p <= '9')
            p++;
        if (p > d && p - d <= 3 && *p == ' ' && p[1]) {
            while (*p == ' ')
                p++;
            memmove(r->author, p, strlen(p) + 1);
        }
    }
    /* text: the longest text field, preferring an inner one that holds most of it; else the
     * longest block outside fields */
    size_t maxlen = 0;
    for (size_t i = 0; i < sc->n; i++)
        if (sc->e[i].role == R_TEXT) {
            size_t tot = 0;
            char *t = text_of(sc->e[i].n, NULL, &tot, sc->budget);
            if (t && rating_phrase(x, t))
                set_role(sc->e[i].n, R_NONE); /* a screen-reader "Rated 4 out of 5 stars" */
            else if (t && letters(t) >= 2 && tot > maxlen)
                maxlen = tot;
            free(t);
        }
    const xmlNode *tn = NULL;
    int tdepth = -1;
    for (size_t i = 0; maxlen && i < sc->n; i++)
        if (sc->e[i].role == R_TEXT && get_role(sc->e[i].n) == R_TEXT && sc->e[i].depth > tdepth) {
            size_t tot = 0;
            char *t = text_of(sc->e[i].n, NULL, &tot, sc->budget);
            if (t && letters(t) >= 2 && tot * 10 >= maxlen * 6) {
                tn = sc->e[i].n;
                tdepth = sc->e[i].depth;
            }
            free(t);
        }
    if (!tn) {
        size_t bl = 0;
        longest_block(sc->item, &tn, &bl, 0, sc->budget);
        /* one paragraph of several: the review is all of them, when their parent holds
         * nothing but paragraphs (no field, no other block) */
        if (tn && tag_is(tn, "p") && tn->parent && tn->parent != sc->item->parent) {
            size_t paras = 0;
            bool only = true;
            for (const xmlNode *c = tn->parent->children; c && only; c = c->next) {
                if (c->type != XML_ELEMENT_NODE)
                    continue;
                if (tag_is(c, "p") && get_role(c) == R_NONE)
                    paras++;
                else if (!tag_is(c, "br"))
                    only = false;
            }
            if (only && paras >= 2)
                tn = tn->parent;
        }
    }
    size_t in_link = 0, total = 0;
    /* a title set inside the text's own block (Google Play's review-body starts with its
     * review-title span) is the text's first words: it stays in the text too */
    xmlNode *inner_title = NULL;
    if (tn && te && te->n != tn && !te->mixed) {
        for (const xmlNode *a = te->n->parent; a && a != sc->item && !inner_title; a = a->parent)
            if (a == tn)
                inner_title = te->n;
        if (inner_title && !tag_any(inner_title, t_inline))
            inner_title = NULL; /* a heading block above the paragraphs is a title only */
        if (inner_title)
            set_role(inner_title, R_NONE);
    }
    tn = full_text_of(tn, sc->budget);
    char *text = tn ? text_of(tn, &in_link, &total, sc->budget) : NULL;
    if (inner_title)
        set_role(inner_title, R_TITLE);
    if (!rc && text && letters(text) >= 2 && !digits_only(text))
        rc = x_set_ws(&r->text, text, strlen(text));
    if (!rc && r->text && tn && get_role(tn) == R_TEXT)
        rc = join_text_parts(sc, tn, r);
    if (!rc)
        rc = meta_line(sc->item, r, sc->x->now);
    if (!rc)
        rc = bold_title(sc, tn, r);
    /* a two-row board: the row with the subject, author, date and rating, then a row of one
     * wide cell with the review's body (opened in place) */
    const xmlNode *body_row = !rc && !r->text && r->title ? body_row_of(sc->item) : NULL;
    if (body_row) {
        size_t bl_link = 0, bl_total = 0;
        char *body = text_of(body_row, &bl_link, &bl_total, sc->budget);
        if (body && letters(body) >= 2 && bl_link * 10 < bl_total * 7)
            rc = x_set_ws(&r->text, body, strlen(body));
        free(body);
    }
    if (!rc)
        rc = dt_head(sc->item, r, sc->budget);
    /* a board list shows only the subject: it is all the review text there is, and later
     * stages read the text */
    bool own_text = r->text != NULL;
    if (!rc && !r->text && r->title)
        rc = x_set(&r->text, r->title, strlen(r->title));
    /* id: the item's own */
    static const char *const idattr[] = {"data-review-id",
                                         "data-reviewid",
                                         "data-review-no",
                                         "data-comment-id",
                                         "data-id",
                                         "data-no",
                                         "id",
                                         NULL};
    /* data-product-comment-id, data-review-uid: a data-*id attribute that names a review */
    for (xmlAttr *p = sc->item->properties; !rc && p && !r->id; p = p->next) {
        const char *nm = (const char *)p->name;
        size_t nl = strlen(nm);
        /* a buyer's feedback or opinion (`data-feedback-id` on a feedback table's row) is
         * the review there */
        if (nl < 8 || strncasecmp(nm, "data-", 5) != 0 || strcasecmp(nm + nl - 2, "id") != 0 ||
            !(has_sub_ci(nm, s_review) || has_sub_ci(nm, s_weak)))
            continue;
        char *v = (char *)xmlNodeGetContent((xmlNode *)p);
        if (v && v[0])
            rc = x_set_ws(&r->id, v, strlen(v));
        xmlFree(v);
    }
    for (int k = 0; !rc && sc->id_el && !r->id && k < 2; k++) {
        /* the id on an inner element (Google Play's review-header) */
        char *v = attr(sc->id_el, k ? "data-reviewid" : "data-review-id");
        if (v && v[0])
            rc = x_set_ws(&r->id, v, strlen(v));
        xmlFree(v);
    }
    for (const char *const *a = idattr; !rc && *a && !r->id; a++) {
        char *v = attr(sc->item, *a);
        if (v && v[0])
            rc = x_set_ws(&r->id, v, strlen(v));
        xmlFree(v);
    }
    if (rc) {
        free(text);
        return rc;
    }
    /* a review: a text (or title) with a rating, date or author beside it; a text that is all
     * link (a headline, a menu entry) needs a rating to count */
    /* a title alone (a board's subject) counts only beside a rating: a headline with a byline
     * and a date is an article */
    bool has_text = own_text || (r->title && !isnan(r->rating));
    int aux = !isnan(r->rating) + (r->date != HUGI_NO_TIME) + (r->author != NULL);
    bool linky = text && total && in_link * 10 >= total * 7;
    it->ok = has_text && aux > 0 && !(linky && isnan(r->rating));
    /* a rating beside a word or two and nothing else ("Quality ★★★★☆", "사이즈 ★★★") is an
     * aspect of a rating summary, not a review: such an item needs a date, an author or a
     * longer text */
    if (it->ok && aux == 1 && !isnan(r->rating) && r->text) {
        size_t words = 1;
        for (const char *p = r->text; *p; p++)
            words += *p == ' ';
        if (words < 3 && letters(r->text) < 12)
            it->ok = false;
    }
    /* a rating beside a phrase of a few words without a sentence's punctuation, and no date or
     * author: a criterion of a score table ("Battery life and charging 8/10") when the whole
     * list is such (eval_group) */
    it->aspect = false;
    if (it->ok && aux == 1 && !isnan(r->rating) && r->text && strlen(r->text) <= 48 &&
        !strpbrk(r->text, ".!?,~")) {
        size_t words = 1;
        for (const char *p = r->text; *p; p++)
            words += *p == ' ';
        it->aspect = words <= 5;
    }
    /* or a rating under a criterion's label ("<span class=fit-label>Chest fit</span> ★★★☆☆
     * Regular cut"): a size guide's or a spec sheet's scale, whatever the note beside it */
    if (it->ok && aux == 1 && !isnan(r->rating) && !it->aspect)
        it->aspect = criterion_label(sc->item, sc->budget);
    /* text equal to the author or date is a misread */
    if (it->ok && r->text && r->author && strcmp(r->text, r->author) == 0)
        it->ok = false;
    if (*sc->budget == 0) { /* the walks ran out: what was read may be cut short */
        sc->over = true;
        it->ok = false;
    }
    it->review_count = sc->review_count;
    it->own_text = own_text;
    it->score = it->ok ? 2 + aux + (r->text && strlen(r->text) > 20) : 0;
    free(text);
    return HUGI_OK;
}

/* ---- lists ------------------------------------------------------------------------------------
 */

struct kid {
    uint64_t sig;
    size_t idx; /* order among the parent's children */
    xmlNode *n;
};

static int kid_cmp(const void *a, const void *b)
{
    const struct kid *x = a, *y = b;
    if (x->sig != y->sig)
        return x->sig < y->sig ? -1 : 1;
    return x->idx < y->idx ? -1 : x->idx > y->idx;
}

struct sig_acc {
    uint64_t h;
    bool got;
};

/* The signature of a list item: its tag and its first class token that names a review (digits
 * dropped: "review-5" and "review-4" are one kind), else its first class token. WordPress gives
 * every comment different extra classes (even/odd, depth-N), so the whole class string would
 * split one list into many. */
static uint64_t signature(const xmlNode *n)
{
    uint64_t h = hugi_hash64(n->name, strlen((const char *)n->name), 0x5eed);
    char *cls = attr(n, "class");
    if (!cls)
        return h;
    char tok[64], first[64] = "";
    size_t tl = 0;
    bool found = false;
    for (char *p = cls;; p++) {
        if (*p && *p != ' ' && *p != '\t' && *p != '\n') {
            if (!(*p >= '0' && *p <= '9') && tl < sizeof tok - 1)
                tok[tl++] = *p;
            continue;
        }
        if (tl) {
            tok[tl] = 0;
            if (!first[0])
                memcpy(first, tok, tl + 1);
            if (has_sub_ci(tok, s_review)) {
                found = true;
                break;
            }
            tl = 0;
        }
        if (!*p)
            break;
    }
    xmlFree(cls);
    const char *use = found ? tok : first;
    return hugi_hash64(use, strlen(use), h);
}

struct group {
    xmlNode *parent;
    size_t n;
    xmlNode **nodes; /* the items, in document order */
    uint64_t sig;
    int depth;
    double score;
    size_t accepted, rated;
};

struct listing {
    struct xctx *x;
    struct group *g;
    size_t ng, capg;
    size_t budget;
    bool over;
    const xmlNode *next; /* the pager's "next page" link, if any */
};

static bool current_word(const char *w, size_t n, void *ctx)
{
    static const char *const current[] = {"on", "this", "active", "current", "selected", NULL};
    (void)ctx;
    return word_in(w, n, current);
}

/* A pager's "next page" link: an <a href> within four levels of an element named pagination,
 * paging, pager or paginate, marked rel=next, or with a class saying next (not last/end), or a
 * text that says so (다음, 다음 페이지, Next, ›, », >). The fetcher follows it. */
static bool is_next_link(const xmlNode *a)
{
    static const char *const pagers[] = {"paginat", "paging", "pager", "page-nav", "pagenav", NULL};
    static const char *const texts[] = {"\xeb\x8b\xa4\xec\x9d\x8c", /* 다음 */
                                        "\xeb\x8b\xa4\xec\x9d\x8c \xed\x8e\x98\xec\x9d\xb4"
                                        "\xec\xa7\x80", /* 다음 페이지 */
                                        "\xeb\x8b\xa4\xec\x9d\x8c\xed\x8e\x98\xec\x9d\xb4"
                                        "\xec\xa7\x80", /* 다음페이지 */
                                        "next",
                                        "next page",
                                        "next \xc2\xbb",
                                        "next \xe2\x80\xba",
                                        "\xe2\x80\xba",
                                        "\xc2\xbb",
                                        ">",
                                        "next >",
                                        NULL};
    char *href = attr(a, "href");
    bool ok = href && href[0] && href[0] != '#' && strncasecmp(href, "javascript:", 11) != 0;
    xmlFree(href);
    if (!ok)
        return false;
    bool pager = false;
    int up = 0;
    for (const xmlNode *p = a->parent; p && p->type == XML_ELEMENT_NODE && up < 4 && !pager;
         p = p->parent, up++) {
        /* worked out once per ancestor (kept in _private beside names_memo's bits): every link
         * under a long class value would read it again */
        uintptr_t v = (uintptr_t)p->_private;
        if (!(v & PAGER_DONE)) {
            char *cls = attr(p, "class");
            char *id = attr(p, "id");
            bool yes = (cls && has_sub_ci(cls, pagers)) || (id && has_sub_ci(id, pagers));
            xmlFree(cls);
            xmlFree(id);
            v |= PAGER_DONE | (yes ? PAGER_YES : 0);
            ((xmlNode *)p)->_private = (void *)v;
        }
        pager = (v & PAGER_YES) != 0;
    }
    if (!pager)
        return false;
    char *rel = attr(a, "rel");
    bool yes = rel && x_strcasestr(rel, "next");
    xmlFree(rel);
    char *cls = yes ? NULL : attr(a, "class");
    if (cls && x_strcasestr(cls, "next") && !x_strcasestr(cls, "last") && !x_strcasestr(cls, "end"))
        yes = true;
    xmlFree(cls);
    char buf[LABEL_BYTES + 8];
    size_t bl = 0;
    int nb = 16;
    if (yes || !short_text(a, buf, LABEL_BYTES, &bl, &nb, 0))
        return yes;
    bl = squeeze(buf, bl);
    for (const char *const *t = texts; *t && !yes; t++)
        yes = !strcasecmp(buf, *t);
    if (yes || !bl || bl > 4 || strspn(buf, "0123456789") != bl)
        return yes;
    /* a numbered pager: page k+1's link right after page k shown as current (not a link, or
     * marked on/this/active/current/selected) */
    long k = strtol(buf, NULL, 10);
    const xmlNode *box = a;
    if (a->parent && tag_is(a->parent, "li"))
        box = a->parent;
    const xmlNode *prev = box->prev;
    while (prev && prev->type != XML_ELEMENT_NODE)
        prev = prev->prev;
    if (!prev)
        return false;
    bl = 0;
    nb = 16;
    if (!short_text(prev, buf, LABEL_BYTES, &bl, &nb, 0))
        return false;
    bl = squeeze(buf, bl);
    if (!bl || strspn(buf, "0123456789") != bl || strtol(buf, NULL, 10) != k - 1)
        return false;
    bool linked = tag_is(prev, "a"), cur = false;
    for (const xmlNode *c = prev->children; c && !linked; c = c->next)
        linked = tag_is(c, "a");
    for (const xmlNode *m = prev; m && !cur; m = m == prev ? m->children : m->next) {
        if (m->type != XML_ELEMENT_NODE)
            continue;
        char *mc = attr(m, "class");
        cur = mc && each_word(mc, current_word, NULL);
        xmlFree(mc);
    }
    return !linked || cur;
}

/* Sites whose class names are generated ("css-1q2w3e", "sc-a1b2c3 hXyZq") say what a list is
 * only in the words a reader sees: a short heading just before it ("리뷰 4", "상품 리뷰 (128)",
 * "Customer reviews"). Looked for among the nearest element siblings before the list's parent and
 * its nearest ancestors, as the element's own short text or that of its first element child or
 * grandchild (a heading wrapped in a header bar). 1: names reviews; -1: names a Q&A board or
 * anything refused ("상품 문의", "Questions"); 0: no heading there. */
#define HEAD_LEVELS   4
#define HEAD_SIBLINGS 2
#define HEAD_BYTES    48
#define HEAD_NODES    16 /* nodes looked at per level, of any kind */
static int heading_cue(const xmlNode *s)
{
    const xmlNode *e = s;
    for (int level = 0; e && level < 3; level++) {
        char buf[HEAD_BYTES];
        size_t bl = 0;
        int nb = 16;
        if (short_text(e, buf, sizeof buf, &bl, &nb, 0)) {
            bl = squeeze(buf, bl);
            if (!bl)
                return 0;
            if (!has_sub_ci(buf, s_refuse) && !each_word(buf, refuse_word, NULL))
                return has_sub_ci(buf, s_review) ? 1 : 0;
            /* reviews and Q&A side by side: a tab bar ("구매 후기 3 상품 문의 2") that says
             * nothing of which panel the list below it is */
            static const char *const qna[] = {
                "qna", "q&a", "question", "inquiry", "\xeb\xac\xb8\xec\x9d\x98" /* 문의 */, NULL};
            return has_sub_ci(buf, s_review) && has_sub_ci(buf, qna) ? 0 : -1;
        }
        /* a few nodes only: every small list below looks here (comments can be 100 000s) */
        const xmlNode *c = e->children;
        for (int skip = HEAD_NODES; c && c->type != XML_ELEMENT_NODE && skip > 0; skip--)
            c = c->next;
        e = c && c->type == XML_ELEMENT_NODE ? c : NULL;
    }
    return 0;
}

/* What an item's own labels say (a fragment a review board sends by AJAX has no heading and
 * plain class names, but each entry reads "작성자 kim*** 2024.01.05 평점 5"): bit 1 a rating
 * label (평점, 별점, "Rating"), bit 2 an author label (작성자, 구매자, 글쓴이, "Posted by",
 * "Reviewed by", "Written by"), from text nodes that start with one; 48 nodes at most. */
/* A thumb icon, up or down, by its class or picture (`icon_thumbsUp.png`, `fa-thumbs-down`,
 * `thumb_up`). */
static bool thumb_icon(const xmlNode *n)
{
    static const char *const thumbs[] = {"thumbsup",    "thumbs-up", "thumbs_up",  "thumbup",
                                         "thumb-up",    "thumb_up",  "thumbsdown", "thumbs-down",
                                         "thumbs_down", "thumbdown", "thumb-down", "thumb_down",
                                         NULL};
    static const char *const attrs[] = {"class", "src", NULL};
    bool yes = false;
    for (int k = 0; attrs[k] && !yes; k++) {
        char *v = attr(n, attrs[k]);
        yes = v && strlen(v) < 300 && has_sub_ci(v, thumbs);
        xmlFree(v);
    }
    return yes;
}

static int label_cue(struct xctx *x, const xmlNode *item)
{
    static const char *const rating_l[] = {"\xed\x8f\x89\xec\xa0\x90", /* 평점 */
                                           "\xeb\xb3\x84\xec\xa0\x90", /* 별점 */
                                           "rating", "rated ", NULL};
    static const char *const author_l[] = {"\xec\x9e\x91\xec\x84\xb1\xec\x9e\x90", /* 작성자 */
                                           "\xea\xb5\xac\xeb\xa7\xa4\xec\x9e\x90", /* 구매자 */
                                           "\xea\xb8\x80\xec\x93\xb4\xec\x9d\xb4", /* 글쓴이 */
                                           "posted by",
                                           "reviewed by",
                                           "written by",
                                           NULL};
    int bits = 0, seen = 0;
    for (const xmlNode *m = item; m && seen < 48; seen++) {
        /* bit 4: stars labelled for screen readers ("5 stars", "Rated 4 out of 5") */
        if (x && m->type == XML_ELEMENT_NODE && !(bits & 4)) {
            double v;
            bits |= rating_of(x, m, false, &v) ? 4 : 0;
        }
        /* bit 32: a recommendation's thumb (`icon_thumbsUp.png`, `thumbs-down`): the verdict
         * a store's reviews give instead of stars */
        if (m->type == XML_ELEMENT_NODE && !(bits & 32) && thumb_icon(m))
            bits |= 32;
        if (m->type == XML_TEXT_NODE && m->content) {
            const char *t = (const char *)m->content;
            while (*t == ' ' || *t == '\n' || *t == '\t' || *t == '\r')
                t++;
            /* bit 8: a date of its own ("12/28/2024", "2 weeks ago") */
            size_t tl = strlen(t);
            while (tl && (t[tl - 1] == ' ' || t[tl - 1] == '\n' || t[tl - 1] == '\t'))
                tl--;
            if (x && !(bits & 8) && looks_date(x, t, tl))
                bits |= 8;
            /* bit 4 too: stars whose text, not an attribute, states the score on its scale
             * ("5점만점에 4점", "4 out of 5 stars": a screen-reader text inside the bar) */
            double sv;
            if (x && !(bits & 4) && tl <= 40 &&
                (x_memmem(t, tl, "\xeb\xa7\x8c\xec\xa0\x90", 6) /* 만점 */ ||
                 x_memmem(t, tl, "out of", 6)) &&
                hugi_extract_rating(t, tl, x->scale, &sv))
                bits |= 4;
            /* and a whole text of star glyphs ("★★★☆☆": a board's score cell) */
            if (x && !(bits & 4) && tl >= 9 && tl <= 30 && !memcmp(t, "\xe2\x98", 2) &&
                (t[2] == '\x85' || t[2] == '\x86') && hugi_extract_rating(t, tl, x->scale, &sv))
                bits |= 4;
            /* bit 16: words of a sentence outside any link (three words or more): a product
             * tile's name is a link, its "리뷰 128" a count */
            size_t words = 0;
            for (size_t k = 0; k < tl; k++)
                words += (k == 0 || t[k - 1] == ' ') && t[k] != ' ';
            bool linked = false;
            for (const xmlNode *a = m->parent; a && a != item->parent && !linked; a = a->parent)
                linked = tag_is(a, "a");
            if (words >= 3 && letters(t) >= 6 && !linked)
                bits |= 16;
            for (int k = 0; rating_l[k]; k++)
                if (strncasecmp(t, rating_l[k], strlen(rating_l[k])) == 0)
                    bits |= 1;
            if (!(bits & 32) && tl <= 20 && verdict_text(t)) /* "Recommended" */
                bits |= 32;
            for (int k = 0; author_l[k]; k++)
                if (strncasecmp(t, author_l[k], strlen(author_l[k])) == 0)
                    bits |= 2;
            /* bit 64: a masked name as a whole text ("김**": a shop board's writer cell) */
            if (!(bits & 64) && is_masked_name(t, tl))
                bits |= 64;
        }
        if (m->children && m->type == XML_ELEMENT_NODE && !tag_any(m, t_never))
            m = m->children;
        else {
            while (m != item && !m->next)
                m = m->parent;
            m = m == item ? NULL : m->next;
        }
    }
    return bits;
}

/* Is this a list of reviews by its names: the items or a near ancestor say review, nothing near
 * says navigation, Q&A, summary or product grid. */
static bool review_context(struct xctx *x, const xmlNode *parent, xmlNode **items, size_t n,
                           int *depth)
{
    bool review = false;
    for (size_t i = 0; i < n; i++) {
        struct names nm = names_memo(items[i]);
        if (nm.refuse)
            return false;
        review |= nm.review || nm.weak;
        /* generated class names everywhere, but a child carries data-review-id (Google Play) */
        for (const xmlNode *c = items[i]->children; c && !review; c = c->next)
            for (const xmlAttr *p = c->type == XML_ELEMENT_NODE ? c->properties : NULL;
                 p && !review; p = p->next)
                review = strncasecmp((const char *)p->name, "data-", 5) == 0 &&
                         has_sub_ci((const char *)p->name, s_review);
    }
    /* bare items (`<ul id="gdasList"><li>`) each holding a box named for the review
     * (`review_cont`): every one of the first five must, so a product tile's one review-count
     * badge does not make a grid a review list */
    bool kids = !review && n >= 2;
    for (size_t i = 0; kids && i < n && i < 5; i++) {
        bool has = false;
        for (const xmlNode *c = items[i]->children; c && !has; c = c->next)
            if (c->type == XML_ELEMENT_NODE) {
                struct names cn = names_memo(c);
                has = cn.review && !cn.refuse;
            }
        kids = has;
    }
    review |= kids;
    int up = 0;
    const xmlNode *a = parent;
    for (; a && a->type == XML_ELEMENT_NODE; a = a->parent, up++) {
        static const char *const refuse_tags[] = {"nav",  "header", "footer", "aside",
                                                  "menu", "select", NULL};
        if (tag_is(a, "body") || tag_is(a, "html"))
            break;
        if (tag_any(a, refuse_tags))
            return false;
        if (up < CTX_LEVELS) {
            struct names nm = names_memo(a);
            if (nm.refuse)
                return false;
            review |= nm.review || (up == 0 && nm.weak);
        }
    }
    for (a = parent, up = 0; !review && up < HEAD_LEVELS && a && a->type == XML_ELEMENT_NODE;
         a = a->parent, up++) {
        if (tag_is(a, "body"))
            break;
        int tri = HEAD_SIBLINGS, nodes = HEAD_NODES;
        /* nodes bounds the walk: every list below a looks at the same siblings, and a run of
         * comments or scripts before it made pages of many small lists quadratic */
        for (const xmlNode *s = a->prev; s && tri > 0 && nodes-- > 0 && !review; s = s->prev) {
            if (s->type != XML_ELEMENT_NODE || tag_any(s, t_never))
                continue;
            tri--;
            int h = heading_cue(s);
            if (h < 0)
                return false;
            review = h > 0;
        }
    }
    /* no name says it: every item (of the first five) labelled with a rating and an author,
     * or showing stars labelled as a rating and a date of its own (a widget whose class names
     * say nothing: "grid-item", "block stars", "block time"; a product tile has stars but no
     * date, a blog teaser a date but no stars) */
    /* ... or each giving a verdict ("Recommended", a thumb up or down) beside a date and
     * sentences of its own (a game store's review cards, no class naming a review) */
    /* ... or each a board row of a rating, a date and a masked writer (a shop board's AJAX
     * answer of bare rows whose subject is a link: a product tile has no date, a Q&A row no
     * rating) */
    bool labelled = !review, shaped = !review, voted = !review, boarded = !review && n >= 2;
    for (size_t i = 0; (labelled || shaped || voted || boarded) && i < n && i < 5; i++) {
        int cue = label_cue(x, items[i]);
        labelled = labelled && (cue & 3) == 3;
        shaped = shaped && (cue & 28) == 28;
        voted = voted && (cue & 56) == 56;
        boarded = boarded && (cue & 76) == 76;
    }
    review |= labelled || shaped || voted || boarded;
    int d = 0;
    for (const xmlNode *p = parent; p; p = p->parent)
        d++;
    *depth = d;
    return review;
}

static const char *const h_product[] = {
    "\xec\x83\x81\xed\x92\x88",                         /* 상품 */
    "\xec\x83\x81\xed\x92\x88\xec\xa0\x95\xeb\xb3\xb4", /* 상품정보 */
    "\xec\x83\x81\xed\x92\x88\xeb\xaa\x85",             /* 상품명 */
    "\xec\xa0\x9c\xed\x92\x88",                         /* 제품 */
    "\xec\xa0\x9c\xed\x92\x88\xeb\xaa\x85",             /* 제품명 */
    "\xea\xb5\xac\xeb\xa7\xa4\xec\x83\x81\xed\x92\x88", /* 구매상품 */
    "\xec\xa3\xbc\xeb\xac\xb8\xec\x83\x81\xed\x92\x88", /* 주문상품 */
    "product",
    "item",
    NULL};

/* The header cells of the table a row sits in, as roles (번호 제목 작성자 작성일 평점). */
static enum role *table_cols(const xmlNode *row, size_t *ncols)
{
    *ncols = 0;
    const xmlNode *t = row->parent;
    if (t && (tag_is(t, "tbody") || tag_is(t, "thead")))
        t = t->parent;
    if (!tag_is(t, "table"))
        return NULL;
    /* the header row is at the top: the search looks at the first 512 nodes only, as it runs
     * for every row of the list (a whole-table search per row was cubic: 2,000 rows, 40 s) */
    const xmlNode *hr = NULL;
    int seen = 0;
    for (const xmlNode *c = t->children; c && !hr && seen < 512; c = c->next, seen++) {
        bool sect = tag_is(c, "thead") || tag_is(c, "tbody");
        for (const xmlNode *r = sect ? c->children : c; r && !hr && seen < 512;
             r = sect ? r->next : NULL) {
            seen++;
            if (tag_is(r, "tr"))
                for (const xmlNode *cell = r->children; cell && !hr && seen < 512;
                     cell = cell->next, seen++)
                    if (tag_is(cell, "th"))
                        hr = r;
        }
    }
    if (!hr || hr == row)
        return NULL;
    size_t n = 0;
    for (const xmlNode *c = hr->children; c && n <= 64; c = c->next)
        n += tag_is(c, "th") || tag_is(c, "td");
    if (!n || n > 64)
        return NULL;
    enum role *cols = calloc(n, sizeof *cols);
    if (!cols)
        return NULL;
    size_t i = 0;
    for (const xmlNode *c = hr->children; c && i < n; c = c->next) {
        if (!tag_is(c, "th") && !tag_is(c, "td"))
            continue;
        char buf[LABEL_BYTES + 8];
        size_t bl = 0;
        int nb = 16;
        if (short_text(c, buf, LABEL_BYTES, &bl, &nb, 0)) {
            bl = squeeze(buf, bl);
            size_t v;
            enum role r = bl ? label_of(buf, bl, &v) : R_NONE;
            if (r == R_NONE && bl && label_of(buf, bl, &v) == R_NONE) {
                /* a header cell is the label alone: compare it whole */
                for (size_t k = 0; k < sizeof labels / sizeof labels[0] && r == R_NONE; k++)
                    if (!strcasecmp(buf, labels[k].label))
                        r = labels[k].role;
                /* a board of every product's reviews has a product column: the same name on
                 * many rows, never review text but the review's product (only as a whole
                 * header cell: "상품 좋아요" in an item is a review) */
                for (const char *const *h = h_product; *h && r == R_NONE; h++)
                    if (!strcasecmp(buf, *h))
                        r = R_PRODUCT;
            }
            cols[i] = r;
        }
        i++;
    }
    *ncols = n;
    return cols;
}

/* "12/03/2024" reads as December 3rd; when another date of the same list is "15/01/2024", the
 * list writes day first (a French or British shop) and every such date is read again that way. */
static void fix_day_first(struct item *items, size_t n)
{
    bool day_first = false, month_first = false;
    for (size_t i = 0; i < n; i++) {
        const char *d = items[i].r.date_raw;
        int a, b, y;
        char s1, s2;
        if (!items[i].ok || !d || sscanf(d, "%2d%c%2d%c%4d", &a, &s1, &b, &s2, &y) != 5 ||
            s1 != '/' || s2 != '/' || y < 1000)
            continue;
        day_first |= a > 12;
        month_first |= b > 12;
    }
    if (!day_first || month_first)
        return;
    for (size_t i = 0; i < n; i++) {
        const char *d = items[i].r.date_raw;
        int a, b, y;
        char s1, s2;
        if (!items[i].ok || !d || sscanf(d, "%2d%c%2d%c%4d", &a, &s1, &b, &s2, &y) != 5 ||
            s1 != '/' || s2 != '/' || y < 1000 || a > 12 || b > 12 || a < 1 || b < 1)
            continue;
        int64_t old = items[i].r.date;
        if (old == HUGI_NO_TIME)
            continue;
        /* keep the clock time the parser read, swap month and day */
        int64_t tod = ((old % 86400) + 86400) % 86400;
        items[i].r.date = hugi_time_from_civil(y, a == 0 ? 1 : b, a, 0, 0, 0) + tod;
    }
}

/* Replies nested in a review of the list, as items of the same kind (WordPress's `<ol
 * class="children">` of `li.comment` under a comment, a board's reply under its post): each comes
 * out right after the one it answers, with its id as parent_id. A lone reply makes no list of
 * its own (lists need two items), so without this it was lost; replies that do form a list come
 * out here first and are dropped as duplicates there. Only under items with an id of their own
 * (a hashed id is made at output), 8 levels deep, the first 4096 nodes under each item. */
static hugi_rc nested_replies(struct listing *L, const xmlNode *item, uint64_t sig, const char *pid,
                              uint64_t cont, int depth, size_t *emitted, bool rated)
{
    if (depth >= 8)
        return HUGI_OK;
    hugi_rc rc = HUGI_OK;
    const xmlNode *n = item->children;
    for (int seen = 0; n && seen < 4096 && !rc && !L->over; seen++) {
        bool descend = n->type == XML_ELEMENT_NODE && n->children;
        /* same tag first: signature() reads the class of every element it is asked about */
        if (n->type == XML_ELEMENT_NODE && xmlStrEqual(n->name, item->name) &&
            signature(n) == sig) {
            struct scan sc = {.x = L->x, .budget = &L->budget, .item = (xmlNode *)n};
            struct item it;
            memset(&it, 0, sizeof it);
            rc = read_item(&sc, &it);
            free(sc.e);
            if (sc.over)
                L->over = true;
            /* the post's or the shop's own answer (WordPress marks it `bypostauthor`), or an
             * unrated reply under rated reviews: the shop's reply, as for lists */
            char *cls = attr(n, "class");
            bool owner = false;
            for (const char *f = cls ? strstr(cls, "bypostauthor") : NULL; f && !owner;
                 f = strstr(f + 1, "bypostauthor"))
                owner = (f == cls || f[-1] == ' ' || f[-1] == '\t' || f[-1] == '\n') &&
                        (!f[12] || f[12] == ' ' || f[12] == '\t' || f[12] == '\n');
            xmlFree(cls);
            if (!rc && it.ok && (owner || (rated && isnan(it.r.rating)))) {
                hugi_review_release(&it.r);
            } else if (!rc && it.ok) {
                /* keyed as it was read, before the parent is set: a reply without an id that
                 * also forms a list of its own (read there without a parent) is one review */
                uint64_t key = x_review_key(&it.r);
                if (!it.r.parent_id)
                    rc = x_set(&it.r.parent_id, pid, strlen(pid));
                char *id = it.r.id ? hugi_strdup(it.r.id) : NULL;
                if (!rc) {
                    (*emitted)++;
                    rc = x_emit_in(L->x, &it.r, key, cont);
                } else {
                    hugi_review_release(&it.r);
                }
                if (!rc && id)
                    rc = nested_replies(L, n, sig, id, cont, depth + 1, emitted, rated);
                free(id);
                descend = false; /* its own replies were read under it */
            } else {
                hugi_review_release(&it.r);
            }
        }
        if (descend) {
            n = n->children;
            continue;
        }
        while (n && !n->next && n->parent != item)
            n = n->parent;
        n = n && n->parent != item->parent ? n->next : NULL;
    }
    return rc;
}

/* A list on a scale of 10 with nothing saying so (a stay's score badge "8.0", "4.0"): read on the
 * default 5, its scores above 5 are dropped and the others read as of 5. When some of the
 * list's reviews are rated and others, read alike, are not, the list is read again on 10; the
 * second reading is kept when it rates every review the first one found, so a list on 5 (whose
 * unrated reviews stay unrated on 10 too) is left as it was. A scale the user stated (--scale,
 * the source's rating_scale) is never second-guessed. */
static hugi_rc rescale_group(struct listing *L, struct group *g, struct scan *sc,
                             struct item *items, size_t ok)
{
    size_t rated = 0;
    for (size_t i = 0; i < g->n; i++)
        rated += items[i].ok && !isnan(items[i].r.rating);
    if (L->x->o->rating_scale > 0 || !rated || rated == ok || g->n > 256)
        return HUGI_OK;
    struct item *b = calloc(g->n, sizeof *b);
    if (!b)
        return HUGI_E_NOMEM;
    hugi_rc rc = HUGI_OK;
    double saved = L->x->scale; /* the caller's, which need not be the default 5 */
    L->x->scale = 10;
    bool all = true;
    for (size_t i = 0; i < g->n && !rc && all; i++) {
        sc->item = g->nodes[i];
        sc->cols = tag_is(sc->item, "tr") ? table_cols(sc->item, &sc->ncols) : NULL;
        rc = read_item(sc, &b[i]);
        free(sc->cols);
        sc->cols = NULL;
        sc->ncols = 0;
        if (sc->over)
            L->over = true;
        all = !rc && b[i].ok == items[i].ok && (!b[i].ok || !isnan(b[i].r.rating));
    }
    L->x->scale = saved;
    for (size_t i = 0; i < g->n; i++) {
        struct item *drop = all && !rc ? &items[i] : &b[i];
        hugi_review_release(&drop->r);
        if (all && !rc)
            items[i] = b[i];
    }
    if (all && !rc) {
        g->score = 0;
        g->rated = 0;
        for (size_t i = 0; i < g->n; i++)
            if (items[i].ok) {
                g->score += items[i].score;
                g->rated++;
            }
    }
    free(b);
    return rc;
}

static hugi_rc eval_group(struct listing *L, struct group *g, struct item **out)
{
    *out = NULL;
    struct item *items = calloc(g->n, sizeof *items);
    if (!items)
        return HUGI_E_NOMEM;
    struct scan sc = {.x = L->x, .budget = &L->budget};
    hugi_rc rc = HUGI_OK;
    size_t ok = 0, distinct = 0, title_links = 0, counted = 0, aspects = 0, tiles = 0;
    for (size_t i = 0; i < g->n && !rc; i++) {
        sc.item = g->nodes[i];
        sc.cols = tag_is(sc.item, "tr") ? table_cols(sc.item, &sc.ncols) : NULL;
        rc = read_item(&sc, &items[i]);
        free(sc.cols);
        sc.cols = NULL;
        sc.ncols = 0;
        if (sc.over)
            L->over = true;
        if (!rc && items[i].ok) {
            ok++;
            g->score += items[i].score;
            g->rated += !isnan(items[i].r.rating);
            counted += items[i].review_count;
            tiles += items[i].review_count && items[i].title_link && !items[i].own_text;
            title_links += items[i].title_link;
            aspects += items[i].aspect;
            /* the texts must differ: a list of "Reply" links is no list of reviews */
            const char *t = items[i].r.text ? items[i].r.text : items[i].r.title;
            bool dup = false;
            for (size_t j = 0; j < i && !dup && distinct < 3; j++) {
                const char *u =
                    items[j].ok ? (items[j].r.text ? items[j].r.text : items[j].r.title) : NULL;
                dup = u && t && strcmp(u, t) == 0;
            }
            distinct += !dup;
        }
    }
    if (!rc)
        rc = rescale_group(L, g, &sc, items, ok);
    free(sc.e);
    g->accepted = ok;
    if (!rc)
        fix_day_first(items, g->n);
    /* bare digits that count up or down by one from item to item number the items */
    double prev = NAN;
    int up = 0, down = 0, bare = 0;
    for (size_t i = 0; !rc && i < g->n; i++) {
        if (!items[i].ok || !items[i].bare || isnan(items[i].r.rating))
            continue;
        bare++;
        up += !isnan(prev) && items[i].r.rating == prev + 1;
        down += !isnan(prev) && items[i].r.rating == prev - 1;
        prev = items[i].r.rating;
    }
    if (bare >= 2 && (up == bare - 1 || down == bare - 1))
        for (size_t i = 0; i < g->n; i++)
            if (items[i].ok && items[i].bare && !isnan(items[i].r.rating)) {
                items[i].r.rating = NAN;
                g->rated--;
            }
    /* (nearly) every title a link and not one rating: a list of articles (a magazine's
     * review section, a blog index), not of reviews */
    bool articles = ok && title_links * 5 >= ok * 4 && g->rated == 0;
    /* without a single rating, items that each show a count of reviews are people or products
     * ranked by their reviews ("kim*** 리뷰 120개 · 이달의 리뷰어"), not reviews */
    bool ranking = ok && g->rated == 0 && counted * 2 >= ok;
    /* items whose only words are a linked name beside a count of reviews are product tiles
     * (a shop's grid with each product's stars and "리뷰 128"), rated or not */
    ranking |= ok && tiles * 2 >= ok;
    /* every item a rating beside a short phrase: the criteria of a score table or a rating
     * summary ("Sound quality ★★★★", "Value for money 4/5"), not reviews */
    bool score_table = ok && aspects == ok;
    /* every item rated with an average (4.6, 4.2: no whole or half star a person gives) and
     * none dated: stores or products each with its mean rating (a store locator), not reviews */
    size_t averages = 0, dated = 0;
    for (size_t i = 0; !rc && i < g->n; i++) {
        if (!items[i].ok)
            continue;
        double r2 = items[i].r.rating * 2;
        averages += !isnan(r2) && fabs(r2 - round(r2)) > 0.01;
        dated += items[i].r.date_raw != NULL;
    }
    bool means = ok && averages == ok && dated == 0;
    bool good = !rc && !L->over && ok >= 2 && distinct >= 2 && !articles && !ranking &&
                !score_table && !means && (double)ok >= MIN_ACCEPT * (double)g->n;
    if (!good) {
        for (size_t i = 0; i < g->n; i++)
            hugi_review_release(&items[i].r);
        free(items);
        g->score = 0;
        return rc;
    }
    *out = items;
    return HUGI_OK;
}

static hugi_rc add_group(struct listing *L, xmlNode *parent, struct kid *k, size_t n)
{
    if (L->ng == L->capg) {
        size_t nc = L->capg ? L->capg * 2 : 16;
        struct group *ng = realloc(L->g, nc * sizeof *ng);
        if (!ng)
            return HUGI_E_NOMEM;
        L->g = ng;
        L->capg = nc;
    }
    xmlNode **nodes = malloc(n * sizeof *nodes);
    if (!nodes)
        return HUGI_E_NOMEM;
    /* back into document order */
    struct kid tmp;
    for (size_t i = 1; i < n; i++)
        for (size_t j = i; j > 0 && k[j - 1].idx > k[j].idx; j--) {
            tmp = k[j];
            k[j] = k[j - 1];
            k[j - 1] = tmp;
        }
    for (size_t i = 0; i < n; i++)
        nodes[i] = k[i].n;
    int depth = 0;
    if (!review_context(L->x, parent, nodes, n, &depth)) {
        free(nodes);
        return HUGI_OK;
    }
    L->g[L->ng++] = (struct group){parent, n, nodes, k[0].sig, depth, 0, 0, 0};
    return HUGI_OK;
}

/* Never text, except that the walk for lists enters <noscript> and <template>: a page rendered
 * by script keeps its server-rendered reviews there (the no-script fallback, the inert template
 * the script clones), and they are the same reviews a browser shows. */
static bool walk_skips(const xmlNode *n)
{
    return tag_any(n, t_never) && !tag_is(n, "noscript") && !tag_is(n, "template");
}

/* Every parent's element children, grouped by signature: candidate lists. */
static hugi_rc find_groups(struct listing *L, xmlNode *root)
{
    struct kid *k = NULL;
    size_t capk = 0;
    hugi_rc rc = HUGI_OK;
    for (xmlNode *n = root; n && !rc;) {
        if (!L->next && tag_is(n, "a") && is_next_link(n))
            L->next = n;
        if (n->type == XML_ELEMENT_NODE && !walk_skips(n)) {
            size_t nk = 0;
            for (xmlNode *c = n->children; c; c = c->next) {
                if (c->type != XML_ELEMENT_NODE || walk_skips(c) || tag_is(c, "br"))
                    continue;
                if (nk == capk) {
                    size_t nc = capk ? capk * 2 : 64;
                    struct kid *nkp = realloc(k, nc * sizeof *nkp);
                    if (!nkp) {
                        rc = HUGI_E_NOMEM;
                        break;
                    }
                    k = nkp;
                    capk = nc;
                }
                k[nk] = (struct kid){signature(c), nk, c};
                nk++;
            }
            if (!rc && nk >= 2) {
                qsort(k, nk, sizeof *k, kid_cmp);
                for (size_t i = 0; i < nk && !rc;) {
                    size_t j = i + 1;
                    while (j < nk && k[j].sig == k[i].sig)
                        j++;
                    if (j - i >= 2)
                        rc = add_group(L, n, k + i, j - i);
                    i = j;
                }
            }
        }
        /* next in document order; the children of never-text elements are not looked at */
        if (n->children && n->type == XML_ELEMENT_NODE && !walk_skips(n)) {
            n = n->children;
            continue;
        }
        while (n && n != root && !n->next)
            n = n->parent;
        n = n && n != root ? n->next : NULL;
    }
    free(k);
    return rc;
}

hugi_rc x_html_listing(struct xctx *x, const char *s, size_t len)
{
    if (len > INT32_MAX)
        return HUGI_E_NOTFOUND;
    xmlDoc *doc = htmlReadMemory(s, (int)len, x->o->url, "UTF-8",
                                 HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                                     HTML_PARSE_NONET | HTML_PARSE_COMPACT);
    xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
    if (!root) {
        xmlFreeDoc(doc);
        return HUGI_E_NOTFOUND;
    }
    struct listing L = {.x = x};
    size_t nel = 0;
    for (xmlNode *n = root; n;) {
        nel += n->type == XML_ELEMENT_NODE;
        if (n->children) {
            n = n->children;
            continue;
        }
        while (n && n != root && !n->next)
            n = n->parent;
        n = n && n != root ? n->next : NULL;
    }
    /* the field scans and text walks of all candidate lists together make at most 16 node
     * visits per element of the page (a page past that gives nothing): linear whatever the
     * nesting */
    L.budget = 16 * nel + 65536;
    hugi_rc rc = find_groups(&L, root);
    /* the names cached by names_memo are no roles */
    for (xmlNode *n = root; n;) {
        n->_private = NULL;
        if (n->children) {
            n = n->children;
            continue;
        }
        while (n && n != root && !n->next)
            n = n->parent;
        n = n && n != root ? n->next : NULL;
    }
    struct item **res = rc ? NULL : calloc(L.ng ? L.ng : 1, sizeof *res);
    if (!rc && !res)
        rc = HUGI_E_NOMEM;
    long best = -1;
    bool news = false;
    for (size_t i = 0; !rc && i < L.ng && !L.over; i++) {
        rc = eval_group(&L, &L.g[i], &res[i]);
        if (!rc && res[i] &&
            (best < 0 || L.g[i].score > L.g[best].score ||
             (L.g[i].score == L.g[best].score && L.g[i].depth > L.g[best].depth)))
            best = (long)i;
    }
    if (L.over)
        x_warn(x, NULL, "page too deeply nested for the listing heuristic");
    /* A news article's comments are about the news, not a product: on a page whose structured
     * data says it is a NewsArticle (ReportageNewsArticle, …), a list without a single rating is
     * its comment section. A rated list there is a product's (a review roundup's shop widget). */
    if (best >= 0 && L.g[best].rated == 0 &&
        (x_memmem(s, len, "NewsArticle\"", 12) || news_page(s, len))) {
        x_warn(x, NULL, "unrated comments under a news article are no reviews");
        best = -1;
        news = true;
    }
    /* the best list, and the lists of the same kind elsewhere on the page (a second page of the
     * list, replies under a comment); never a list inside another kind of list's items */
    size_t emitted = 0;
    for (size_t i = 0; !rc && best >= 0 && !L.over && i < L.ng; i++) {
        if (!res[i] || L.g[i].sig != L.g[best].sig)
            continue;
        /* each list its own container: a review shown twice in one list stays (two customers,
         * same words), the same review in a second list (a "best reviews" strip) goes */
        uint64_t cont = ++x->container_seq;
        /* a list of the same kind without a single rating where the best one has ratings:
         * the shop's replies (WooCommerce nests them as reviews) */
        if ((long)i != best && L.g[i].rated == 0 && L.g[best].rated * 2 >= L.g[best].accepted)
            continue;
        for (size_t k = 0; k < L.g[i].n && !rc; k++) {
            struct item *it = &res[i][k];
            if (!it->ok) {
                char w[48];
                snprintf(w, sizeof w, "listing item %zu", k + 1);
                x_warn(x, w, "no text with a rating, date or author");
                continue;
            }
            emitted++;
            char *pid = it->r.id ? hugi_strdup(it->r.id) : NULL;
            rc = x_emit_in(x, &it->r, 0, cont);
            if (!rc && pid)
                rc = nested_replies(&L, L.g[i].nodes[k], L.g[best].sig, pid, cont, 0, &emitted,
                                    L.g[best].rated * 2 >= L.g[best].accepted);
            free(pid);
        }
    }
    if (!rc && emitted && L.next) {
        char *href = attr(L.next, "href");
        if (href)
            rc = x_set_next_url(x, href, strlen(href));
        xmlFree(href);
    }
    for (size_t i = 0; i < L.ng; i++) {
        if (res && res[i]) {
            for (size_t k = 0; k < L.g[i].n; k++)
                hugi_review_release(&res[i][k].r);
            free(res[i]);
        }
        free(L.g[i].nodes);
    }
    free(res);
    free(L.g);
    xmlFreeDoc(doc);
    if (rc)
        return rc;
    /* a news page's comments were found and refused: the page was read, it holds no review
     * (exit 0 with the warning, not "use --preset xpath") */
    return emitted || news ? HUGI_OK : HUGI_E_NOTFOUND;
}
