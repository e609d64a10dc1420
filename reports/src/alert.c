/* SPDX-License-Identifier: MIT
 * Alerts: built from a scored review or a complaint group, serialised as JSONL and CSV, and
 * written per run into a dated folder the helpdesk opens. Ids are content hashes, so a rerun of
 * the same data yields the same ids and the store's put-by-id makes alerts idempotent.
 */
#include "internal.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

void hugi_alert_init(struct hugi_alert *a)
{
    memset(a, 0, sizeof *a);
    hugi_review_init(&a->review);
    a->score = NAN;
    a->created = a->due = a->acked_at = HUGI_NO_TIME;
}

void hugi_report__strv_free(char **v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

void hugi_alert_release(struct hugi_alert *a)
{
    if (!a)
        return;
    free(a->id);
    free(a->product);
    free(a->product_name);
    free(a->source);
    hugi_review_release(&a->review);
    free(a->label);
    free(a->verdict);
    hugi_report__strv_free(a->categories, a->ncategories);
    hugi_report__strv_free(a->evidence, a->nevidence);
    free(a->summary);
    free(a->group_key);
    free(a->reply);
    free(a->note);
    free(a->channel);
    free(a->status);
    free(a->acked_by);
    free(a->ack_note);
    hugi_alert_init(a);
}

void hugi_alert_id(enum hugi_alert_kind kind, const char *source, const char *review_id,
                   int version, const char *group_key, char out[16])
{
    struct hugi_buf b;
    hugi_buf_init(&b, 0);
    char prefix = 'r';
    if (kind == HUGI_ALERT_REVIEW || kind == HUGI_ALERT_EDITED) {
        hugi_buf_addf(&b, "%s\x1f%s\x1f%s\x1fv%d", hugi_alert_kind_name(kind), source ? source : "",
                      review_id ? review_id : "", version);
        prefix = kind == HUGI_ALERT_EDITED ? 'e' : 'r';
    } else {
        hugi_buf_addf(&b, "%s\x1f%s", hugi_alert_kind_name(kind), group_key ? group_key : "");
        prefix = 'g';
    }
    uint64_t h = hugi_hash64(b.data ? b.data : "", b.len, HUGI_HASH_SEED);
    hugi_buf_release(&b);
    snprintf(out, 16, "%c-%012llx", prefix, (unsigned long long)(h & 0xFFFFFFFFFFFFULL));
}

enum hugi_alert_sev hugi_report_severity(const struct hugi_review *r,
                                         const struct hugi_report_score *s)
{
    enum hugi_alert_sev sev;
    if (s->severity && hugi_alert_sev_parse(s->severity, &sev))
        return sev;
    for (size_t i = 0; i < s->ncategories; i++)
        if (hugi_report_category_critical(s->categories[i]))
            return HUGI_ALERT_SEV_CRITICAL;
    const char *verdict = s->verdict ? s->verdict : s->label;
    if ((r && !isnan(r->rating) && r->rating <= 1.0) || (!isnan(s->score) && s->score <= -0.6))
        return HUGI_ALERT_SEV_HIGH;
    if (verdict && !strcmp(verdict, "neg"))
        return HUGI_ALERT_SEV_MEDIUM;
    return HUGI_ALERT_SEV_LOW;
}

static hugi_rc strv_copy(const char *const *src, size_t n, char ***dst, size_t *dn)
{
    *dst = NULL;
    *dn = 0;
    if (!n)
        return HUGI_OK;
    char **v = calloc(n, sizeof *v);
    if (!v)
        return HUGI_E_NOMEM;
    for (size_t i = 0; i < n; i++) {
        v[i] = hugi_strdup(src[i] ? src[i] : "");
        if (!v[i]) {
            hugi_report__strv_free(v, i);
            return HUGI_E_NOMEM;
        }
    }
    *dst = v;
    *dn = n;
    return HUGI_OK;
}

static hugi_rc set_str(char **dst, const char *s)
{
    free(*dst);
    *dst = NULL;
    if (!s)
        return HUGI_OK;
    *dst = hugi_strdup(s);
    return *dst ? HUGI_OK : HUGI_E_NOMEM;
}

/* The most telling category: a critical one first, else the first given. */
static const char *main_category(char *const *cats, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (hugi_report_category_critical(cats[i]))
            return cats[i];
    return n ? cats[0] : NULL;
}

/* The next category after the main one, for a reply that answers both problems. */
static const char *second_category(char *const *cats, size_t n, const char *main)
{
    for (size_t i = 0; main && i < n; i++)
        if (strcmp(cats[i], main))
            return cats[i];
    return NULL;
}

/* Stems of insults and abuse that reviewers put in their display names ("fuck_this_shop",
 * "개새끼"). Matched anywhere in the name, ASCII case-folded: a name refused by mistake
 * ("Dickens") only costs the reply its personal greeting, while a public reply that greets a
 * customer by an insult costs the shop. */
static const char *const abusive_stems[] = {
    "fuck",  "fuk",  "shit", "bitch",  "cunt",   "dick", "asshole", "bastard",
    "whore", "slut", "nigg", "retard", "scam",   "씨발", "시발",    "씨바",
    "ㅅㅂ",  "ㅆㅂ", "새끼", "개새",   "병신",   "ㅂㅅ", "좆",      "지랄",
    "닥쳐",  "꺼져", "썅",   "미친",   "사기꾼", "호구", "등신",    "엿먹"};

static bool abusive_name(const char *s)
{
    char low[128];
    size_t n = strlen(s);
    if (n >= sizeof low)
        return true; /* longer than any name plain_name() lets through */
    for (size_t i = 0; i <= n; i++)
        low[i] = (char)((s[i] >= 'A' && s[i] <= 'Z') ? s[i] - 'A' + 'a' : s[i]);
    for (size_t i = 0; i < sizeof abusive_stems / sizeof abusive_stems[0]; i++)
        if (strstr(low, abusive_stems[i]))
            return true;
    return false;
}

/* Whether a reviewer's name can be used to address them in a public reply: short, no markup or
 * formula start, no insult, and no personal data (an e-mail address or a phone number as a
 * name would be echoed, or come out as "[email]님" once masked). */
static bool plain_name(const char *s)
{
    if (!s || !*s)
        return false;
    size_t len = strlen(s);
    if (hugi_utf8_ncp(s, len) > 30 || strpbrk(s, "<>{}[]\\|\"`") || strchr("=+-@", s[0]))
        return false;
    if (abusive_name(s))
        return false;
    struct hugi_buf m;
    hugi_buf_init(&m, 0);
    size_t nmasked = 0;
    hugi_rc rc = hugi_report_mask_pii(s, len, &m, &nmasked);
    hugi_buf_release(&m);
    return !rc && !nmasked;
}

/* What a complaint group's notice says besides its category: how many reviews since when, and
 * the emerging phrase (NULL for a review's reply). */
struct group_facts {
    long count;
    int64_t since;
    const char *phrase;
};

static hugi_rc draft(const struct hugi_report_opts *o, const struct hugi_templates *t,
                     struct hugi_alert *a, const char *category, const struct group_facts *gf,
                     struct hugi_err *err)
{
    const char *lang = hugi_report__lang(a->review.lang, a->review.text);
    bool ko = !strcmp(lang, "ko");
    const char *critical_ch = ko ? "전화 (책임자 직접 연락)" : "phone call by a manager";
    const char *priv = !ko && o->channel_en && *o->channel_en ? o->channel_en : o->channel;
    if (!priv || !*priv)
        priv = ko ? "1:1 문의" : "direct message";
    struct hugi_buf ch;
    hugi_buf_init(&ch, 0);
    hugi_rc rc;
    if (a->severity == HUGI_ALERT_SEV_CRITICAL)
        rc = hugi_buf_addstr(&ch, critical_ch);
    else if (a->kind == HUGI_ALERT_REVIEW || a->kind == HUGI_ALERT_EDITED)
        rc = hugi_buf_addf(&ch, ko ? "공개 답글 + %s" : "public reply + %s", priv);
    else
        rc = hugi_buf_addstr(&ch, ko ? "상품 담당자 확인 후 공지" : "product owner, then a notice");
    if (rc)
        return hugi_err_set(err, rc, NULL, "out of memory");
    a->channel = hugi_buf_detach(&ch, NULL);
    if (!t)
        return HUGI_OK;
    char rating[16] = "", date[21] = "", due[28] = "", count[24] = "", since[28] = "";
    if (!isnan(a->review.rating))
        snprintf(rating, sizeof rating, "%g", a->review.rating);
    hugi_time_format(a->review.date, date);
    hugi_report_due_text(o, a->due, due);
    if (gf) {
        snprintf(count, sizeof count, "%ld", gf->count);
        /* the day as the helpdesk reads it: in [alerts] timezone when set */
        hugi_report_due_text(o, gf->since, since);
        since[10] = '\0';
    }
    struct hugi_reply_vars v = {
        .lang = lang,
        .author = a->review.author,
        .product = a->product_name ? a->product_name : a->product,
        .category = category,
        .also = second_category(a->categories, a->ncategories, category),
        .rating = rating,
        .date = date,
        .due = due,
        .severity = a->severity,
        .notice = gf ? hugi_alert_kind_name(a->kind) : NULL,
        .count = count,
        .since = since,
        .phrase = gf && gf->phrase ? gf->phrase : "",
    };
    /* A name that is markup, a formula or a phone number is not echoed in a public reply */
    struct hugi_buf au;
    hugi_buf_init(&au, 0);
    if (!plain_name(a->review.author)) {
        v.author = NULL;
    } else if (o->mask_pii) {
        if ((rc = hugi_report_mask_pii(a->review.author, strlen(a->review.author), &au, NULL)))
            return hugi_err_set(err, rc, NULL, "out of memory");
        v.author = au.data;
    }
    rc = hugi_reply_draft(t, o, &v, &a->reply, &a->note, err);
    hugi_buf_release(&au);
    return rc;
}

static hugi_rc review_summary(struct hugi_alert *a)
{
    struct hugi_buf b;
    hugi_buf_init(&b, 0);
    hugi_rc rc = HUGI_OK;
    if (!isnan(a->review.rating))
        rc = hugi_buf_addf(&b, "%g★ ", a->review.rating);
    for (size_t i = 0; !rc && i < a->ncategories; i++)
        rc = hugi_buf_addf(&b, "%s%s", i ? "," : "", a->categories[i]);
    if (!rc && a->ncategories)
        rc = hugi_buf_addstr(&b, ": ");
    const char *text = a->review.text ? a->review.text : "";
    size_t tl = strlen(text);
    size_t cut = hugi_utf8_prefix(text, tl, 60);
    for (size_t i = 0; !rc && i < cut; i++)
        rc = hugi_buf_addc(&b,
                           text[i] == '\n' || text[i] == '\r' || text[i] == '\t' ? ' ' : text[i]);
    if (!rc && cut < tl)
        rc = hugi_buf_addstr(&b, "…");
    if (!rc)
        a->summary = hugi_buf_detach(&b, NULL);
    hugi_buf_release(&b);
    return rc;
}

hugi_rc hugi_report_alert_review(const struct hugi_report_opts *o, const struct hugi_templates *t,
                                 const struct hugi_review *r, const char *product_name, int version,
                                 bool edited, const struct hugi_report_score *s, int64_t now,
                                 struct hugi_alert *out, bool *raised, struct hugi_err *err)
{
    hugi_alert_init(out);
    *raised = false;
    const char *verdict = s->verdict ? s->verdict : s->label;
    enum hugi_alert_sev sev = hugi_report_severity(r, s);
    bool critical = false;
    for (size_t i = 0; i < s->ncategories; i++)
        critical |= hugi_report_category_critical(s->categories[i]);
    bool negative = verdict && (!strcmp(verdict, "neg") || !strcmp(verdict, "mixed"));
    if (critical)
        sev = HUGI_ALERT_SEV_CRITICAL;
    /* a 4-5★ review with a negative clause is worth an answer, never an emergency */
    if (!critical && verdict && !strcmp(verdict, "mixed") && sev > HUGI_ALERT_SEV_MEDIUM)
        sev = HUGI_ALERT_SEV_MEDIUM;
    /* [alerts] thank_positive: a positive review gets a low "alert" holding a thank-you */
    bool thanks = !critical && !negative && o->thank_positive && verdict && !strcmp(verdict, "pos");
    if (thanks)
        sev = HUGI_ALERT_SEV_LOW;
    if (!thanks && !critical && (!negative || sev < o->min_severity))
        return HUGI_OK;
    if (version < 1)
        version = 1;
    out->kind = edited && version > 1 ? HUGI_ALERT_EDITED : HUGI_ALERT_REVIEW;
    out->severity = sev;
    char id[16];
    hugi_alert_id(out->kind, r->source, r->id, version, NULL, id);
    hugi_rc rc = set_str(&out->id, id);
    if (!rc)
        rc = hugi_review_copy(&out->review, r);
    if (!rc)
        rc = set_str(&out->product, r->product);
    if (!rc)
        rc = set_str(&out->product_name, product_name);
    if (!rc)
        rc = set_str(&out->source, r->source);
    if (!rc)
        rc = set_str(&out->label, s->label);
    if (!rc)
        rc = set_str(&out->verdict, verdict);
    if (!rc)
        rc = set_str(&out->status, "open");
    if (!rc)
        rc = strv_copy(s->categories, s->ncategories, &out->categories, &out->ncategories);
    if (!rc)
        rc = strv_copy(s->evidence, s->nevidence, &out->evidence, &out->nevidence);
    if (!rc)
        rc = review_summary(out);
    if (rc) {
        hugi_alert_release(out);
        return hugi_err_set(err, rc, r->id, "out of memory");
    }
    out->review_version = version;
    out->score = s->score;
    out->created = now;
    out->due = now + o->sla[sev];
    rc = draft(o, t, out, thanks ? "thanks" : main_category(out->categories, out->ncategories),
               NULL, err);
    if (rc) {
        hugi_alert_release(out);
        return rc;
    }
    *raised = true;
    return HUGI_OK;
}

hugi_rc hugi_report_alert_group(const struct hugi_report_opts *o, const struct hugi_templates *t,
                                const struct hugi_report_group *g, int64_t now,
                                struct hugi_alert *out, struct hugi_err *err)
{
    hugi_alert_init(out);
    enum hugi_alert_sev sev = HUGI_ALERT_SEV_MEDIUM;
    if (hugi_report_category_critical(g->category))
        sev = HUGI_ALERT_SEV_CRITICAL;
    else if (g->kind == HUGI_ALERT_SPIKE || (g->kind == HUGI_ALERT_RECURRING && g->count >= 5))
        sev = HUGI_ALERT_SEV_HIGH;
    out->kind = g->kind;
    out->severity = sev;
    char id[16];
    hugi_alert_id(g->kind, NULL, NULL, 0, g->key, id);
    hugi_rc rc = set_str(&out->id, id);
    if (!rc)
        rc = set_str(&out->product, g->product);
    if (!rc)
        rc = set_str(&out->product_name, g->product_name);
    if (!rc)
        rc = set_str(&out->group_key, g->key);
    if (!rc)
        rc = set_str(&out->status, "open");
    if (!rc && g->nexamples) {
        rc = hugi_review_copy(&out->review, &g->examples[0]);
        if (!rc)
            rc = set_str(&out->source, g->examples[0].source);
    }
    if (!rc && (g->category || g->phrase)) {
        const char *c = g->category ? g->category : g->phrase;
        rc = strv_copy(&c, 1, &out->categories, &out->ncategories);
    }
    if (!rc && g->phrase)
        rc = strv_copy(&g->phrase, 1, &out->evidence, &out->nevidence);
    struct hugi_buf b;
    hugi_buf_init(&b, 0);
    if (!rc) {
        const char *what = g->category
                               ? g->category
                               : (g->phrase ? g->phrase : "negative reviews (all categories)");
        if (g->kind == HUGI_ALERT_SPIKE && !isnan(g->baseline))
            /* spikes are counted by day (complaints/, bucket): "a baseline of 0.0" said
             * neither the unit nor that the usual count is small but not zero */
            rc = hugi_buf_addf(&b,
                               "spike: %s — %ld reviews in the last day, against %.2g a day before",
                               what, g->count, g->baseline);
        else if (g->kind == HUGI_ALERT_EMERGING)
            rc = hugi_buf_addf(&b, "emerging: \"%s\" in %ld negative reviews", what, g->count);
        else
            rc = hugi_buf_addf(&b, "%s: %s — %ld of %ld reviews", hugi_alert_kind_name(g->kind),
                               what, g->count, g->total);
        if (!rc)
            out->summary = hugi_buf_detach(&b, NULL);
    }
    hugi_buf_release(&b);
    if (rc) {
        hugi_alert_release(out);
        return hugi_err_set(err, rc, g->key, "out of memory");
    }
    out->group_count = g->count;
    out->created = now;
    out->due = now + o->sla[sev];
    /* since: the first review of the group, else the earliest example, else the window */
    struct group_facts gf = {g->count, g->first > 0 ? g->first : HUGI_NO_TIME, g->phrase};
    bool from_examples = gf.since == HUGI_NO_TIME;
    for (size_t i = 0; from_examples && i < g->nexamples; i++)
        if (g->examples[i].date != HUGI_NO_TIME &&
            (gf.since == HUGI_NO_TIME || g->examples[i].date < gf.since))
            gf.since = g->examples[i].date;
    if (gf.since == HUGI_NO_TIME)
        gf.since = g->window_start > 0 && g->window_start != HUGI_NO_TIME ? g->window_start : now;
    /* The example's author is not who the group's notice addresses: draft without a name */
    char *author = out->review.author;
    out->review.author = NULL;
    rc = draft(o, t, out, g->category, &gf, err);
    out->review.author = author;
    if (rc) {
        hugi_alert_release(out);
        return rc;
    }
    return HUGI_OK;
}

/* ---- JSON ---------------------------------------------------------------------------------- */

hugi_rc hugi_report__text(struct hugi_buf *out, const char *s, bool mask)
{
    if (!s)
        return HUGI_OK;
    if (mask)
        return hugi_report_mask_pii(s, strlen(s), out, NULL);
    return hugi_buf_addstr(out, s);
}

static hugi_rc jkey(struct hugi_buf *b, const char *k)
{
    return hugi_buf_addf(b, ",\"%s\":", k);
}

static hugi_rc jstr(struct hugi_buf *b, const char *k, const char *v, bool mask)
{
    hugi_rc rc = jkey(b, k);
    if (rc)
        return rc;
    if (!v)
        return hugi_buf_addstr(b, "null");
    if (!mask)
        return hugi_json_strz(b, v);
    struct hugi_buf m;
    hugi_buf_init(&m, 0);
    rc = hugi_report__text(&m, v, true);
    if (!rc)
        rc = hugi_json_str(b, m.data ? m.data : "", m.len);
    hugi_buf_release(&m);
    return rc;
}

static hugi_rc jtime(struct hugi_buf *b, const char *k, int64_t t)
{
    char s[21];
    hugi_time_format(t, s);
    return jstr(b, k, t == HUGI_NO_TIME ? NULL : s, false);
}

static hugi_rc jnum(struct hugi_buf *b, const char *k, double v)
{
    hugi_rc rc = jkey(b, k);
    return rc ? rc : hugi_json_num(b, v);
}

static hugi_rc jstrv(struct hugi_buf *b, const char *k, char *const *v, size_t n, bool mask)
{
    hugi_rc rc = jkey(b, k);
    if (!rc)
        rc = hugi_buf_addc(b, '[');
    for (size_t i = 0; !rc && i < n; i++) {
        if (i)
            rc = hugi_buf_addc(b, ',');
        if (!rc && mask) {
            struct hugi_buf m;
            hugi_buf_init(&m, 0);
            rc = hugi_report__text(&m, v[i], true);
            if (!rc)
                rc = hugi_json_str(b, m.data ? m.data : "", m.len);
            hugi_buf_release(&m);
        } else if (!rc) {
            rc = hugi_json_strz(b, v[i]);
        }
    }
    return rc ? rc : hugi_buf_addc(b, ']');
}

hugi_rc hugi_alert_to_json(const struct hugi_alert *a, bool mask, struct hugi_buf *out)
{
    hugi_rc rc = hugi_buf_addstr(out, "{\"id\":");
    if (!rc)
        rc = hugi_json_strz(out, a->id);
    if (!rc)
        rc = jstr(out, "kind", hugi_alert_kind_name(a->kind), false);
    if (!rc)
        rc = jstr(out, "severity", hugi_alert_sev_name(a->severity), false);
    if (!rc)
        rc = jstr(out, "status", a->status ? a->status : "open", false);
    if (!rc)
        rc = jstr(out, "product", a->product, false);
    if (!rc)
        rc = jstr(out, "product_name", a->product_name, false);
    if (!rc)
        rc = jstr(out, "source", a->source, false);
    if (!rc)
        rc = jstr(out, "summary", a->summary, mask);
    if (!rc)
        rc = jkey(out, "review");
    const struct hugi_review *r = &a->review;
    if (!rc)
        rc = hugi_buf_addstr(out, "{\"id\":");
    if (!rc)
        rc = hugi_json_strz(out, r->id);
    if (!rc)
        rc = jstr(out, "url", r->url, false);
    if (!rc)
        rc = jstr(out, "author", r->author, mask);
    if (!rc)
        rc = jnum(out, "rating", r->rating);
    if (!rc)
        rc = jtime(out, "date", r->date);
    if (!rc)
        rc = jstr(out, "lang", r->lang, false);
    if (!rc)
        rc = jstr(out, "title", r->title, mask);
    if (!rc)
        rc = jstr(out, "text", r->text, mask);
    if (!rc)
        rc = hugi_buf_addc(out, '}');
    if (!rc)
        rc = jkey(out, "version");
    if (!rc)
        rc = hugi_buf_addf(out, "%d", a->review_version);
    if (!rc)
        rc = jnum(out, "score", a->score);
    if (!rc)
        rc = jstr(out, "label", a->label, false);
    if (!rc)
        rc = jstr(out, "verdict", a->verdict, false);
    if (!rc)
        rc = jstrv(out, "categories", a->categories, a->ncategories, false);
    if (!rc)
        rc = jstrv(out, "evidence", a->evidence, a->nevidence, mask);
    if (!rc)
        rc = jstr(out, "group_key", a->group_key, false);
    if (!rc)
        rc = jkey(out, "group_count");
    if (!rc)
        rc = hugi_buf_addf(out, "%ld", a->group_count);
    if (!rc)
        rc = jstr(out, "reply", a->reply, mask);
    if (!rc)
        rc = jstr(out, "note", a->note, mask);
    if (!rc)
        rc = jstr(out, "channel", a->channel, false);
    if (!rc)
        rc = jtime(out, "created", a->created);
    if (!rc)
        rc = jtime(out, "due", a->due);
    if (!rc)
        rc = jtime(out, "acked_at", a->acked_at);
    if (!rc)
        rc = jstr(out, "acked_by", a->acked_by, false);
    if (!rc)
        rc = jstr(out, "ack_note", a->ack_note, false);
    if (!rc)
        rc = hugi_buf_addstr(out, "}\n");
    return rc;
}

/* ---- JSON in ----------------------------------------------------------------------------- */

static hugi_rc node_str(yajl_val obj, const char *key, char **dst, const char *path,
                        struct hugi_err *err)
{
    const char *p[] = {key, NULL};
    yajl_val v = yajl_tree_get(obj, p, yajl_t_any);
    if (!v || YAJL_IS_NULL(v))
        return HUGI_OK;
    if (!YAJL_IS_STRING(v)) {
        char where[160];
        snprintf(where, sizeof where, "%s.%s", path, key);
        return hugi_err_set(err, HUGI_E_PARSE, where, "expected a string");
    }
    return hugi_review_set(dst, v->u.string, strlen(v->u.string)) ? HUGI_E_NOMEM : HUGI_OK;
}

static hugi_rc node_num(yajl_val obj, const char *key, double *dst, const char *path,
                        struct hugi_err *err)
{
    const char *p[] = {key, NULL};
    yajl_val v = yajl_tree_get(obj, p, yajl_t_any);
    if (!v || YAJL_IS_NULL(v))
        return HUGI_OK;
    if (!YAJL_IS_NUMBER(v)) {
        char where[160];
        snprintf(where, sizeof where, "%s.%s", path, key);
        return hugi_err_set(err, HUGI_E_PARSE, where, "expected a number");
    }
    *dst = YAJL_GET_DOUBLE(v);
    if (YAJL_IS_INTEGER(v))
        *dst = (double)YAJL_GET_INTEGER(v);
    return HUGI_OK;
}

/* A count or version: a whole number from 0 to max (a JSON number like 1e98 would not fit the
 * C integer it goes into); absent or null leaves *dst as it is. */
static hugi_rc node_count(yajl_val obj, const char *key, double max, double *dst, const char *path,
                          struct hugi_err *err)
{
    double d = NAN;
    hugi_rc rc = node_num(obj, key, &d, path, err);
    if (rc || isnan(d))
        return rc;
    if (!(d >= 0 && d <= max) || d != floor(d)) {
        char where[160];
        snprintf(where, sizeof where, "%s.%s", path, key);
        return hugi_err_set(err, HUGI_E_PARSE, where, "expected a whole number from 0 to %.0f",
                            max);
    }
    *dst = d;
    return HUGI_OK;
}

static hugi_rc node_time(yajl_val obj, const char *key, int64_t *dst, const char *path,
                         struct hugi_err *err)
{
    char *s = NULL;
    hugi_rc rc = node_str(obj, key, &s, path, err);
    if (rc || !s)
        return rc;
    if (!hugi_time_parse_iso(s, strlen(s), dst)) {
        char where[160];
        snprintf(where, sizeof where, "%s.%s", path, key);
        rc = hugi_err_set(err, HUGI_E_PARSE, where, "expected an ISO-8601 date");
    }
    free(s);
    return rc;
}

hugi_rc hugi_report__strv_from_node(yajl_val node, char ***v, size_t *n, const char *path,
                                    struct hugi_err *err)
{
    *v = NULL;
    *n = 0;
    if (!node || YAJL_IS_NULL(node))
        return HUGI_OK;
    if (!YAJL_IS_ARRAY(node))
        return hugi_err_set(err, HUGI_E_PARSE, path, "expected an array of strings");
    size_t len = node->u.array.len;
    if (!len)
        return HUGI_OK;
    char **out = calloc(len, sizeof *out);
    if (!out)
        return hugi_err_set(err, HUGI_E_NOMEM, path, "out of memory");
    for (size_t i = 0; i < len; i++) {
        yajl_val e = node->u.array.values[i];
        if (!YAJL_IS_STRING(e)) {
            hugi_report__strv_free(out, i);
            return hugi_err_set(err, HUGI_E_PARSE, path, "expected an array of strings");
        }
        if (hugi_review_set(&out[i], e->u.string, strlen(e->u.string))) {
            hugi_report__strv_free(out, i);
            return hugi_err_set(err, HUGI_E_NOMEM, path, "out of memory");
        }
    }
    *v = out;
    *n = len;
    return HUGI_OK;
}

hugi_rc hugi_report__review_from_node(yajl_val o, struct hugi_review *r, const char *path,
                                      struct hugi_err *err)
{
    if (!YAJL_IS_OBJECT(o))
        return hugi_err_set(err, HUGI_E_PARSE, path, "expected an object");
    hugi_rc rc = node_str(o, "source", &r->source, path, err);
    if (!rc)
        rc = node_str(o, "product", &r->product, path, err);
    if (!rc)
        rc = node_str(o, "id", &r->id, path, err);
    if (!rc)
        rc = node_str(o, "author", &r->author, path, err);
    if (!rc)
        rc = node_num(o, "rating", &r->rating, path, err);
    if (!rc)
        rc = node_time(o, "date", &r->date, path, err);
    if (!rc)
        rc = node_str(o, "lang", &r->lang, path, err);
    if (!rc)
        rc = node_str(o, "title", &r->title, path, err);
    if (!rc)
        rc = node_str(o, "text", &r->text, path, err);
    if (!rc)
        rc = node_str(o, "url", &r->url, path, err);
    if (rc == HUGI_E_NOMEM)
        hugi_err_set(err, rc, path, "out of memory");
    return rc;
}

static yajl_val parse_json(const char *line, size_t len, struct hugi_err *err, hugi_rc *rc)
{
    char *z = hugi_strndup(line, len);
    if (!z) {
        *rc = hugi_err_set(err, HUGI_E_NOMEM, NULL, "out of memory");
        return NULL;
    }
    char ebuf[256];
    ebuf[0] = '\0';
    yajl_val root = yajl_tree_parse(z, ebuf, sizeof ebuf);
    free(z);
    if (!root || !YAJL_IS_OBJECT(root)) {
        char *nl = strchr(ebuf, '\n');
        if (nl)
            *nl = '\0';
        *rc = hugi_err_set(err, HUGI_E_PARSE, "$", "%s", root ? "expected an object" : ebuf);
        yajl_tree_free(root);
        return NULL;
    }
    *rc = HUGI_OK;
    return root;
}

static yajl_val get(yajl_val o, const char *k)
{
    const char *p[] = {k, NULL};
    return yajl_tree_get(o, p, yajl_t_any);
}

hugi_rc hugi_alert_from_json(const char *line, size_t len, struct hugi_alert *a,
                             struct hugi_err *err)
{
    hugi_alert_init(a);
    hugi_rc rc;
    yajl_val root = parse_json(line, len, err, &rc);
    if (!root)
        return rc;
    char *kind = NULL, *sev = NULL;
    rc = node_str(root, "id", &a->id, "$", err);
    if (!rc)
        rc = node_str(root, "kind", &kind, "$", err);
    if (!rc)
        rc = node_str(root, "severity", &sev, "$", err);
    if (!rc && !a->id)
        rc = hugi_err_set(err, HUGI_E_PARSE, "$.id", "missing");
    if (!rc && !hugi_alert_kind_parse(kind, &a->kind))
        rc = hugi_err_set(err, HUGI_E_PARSE, "$.kind", "unknown alert kind");
    if (!rc && !hugi_alert_sev_parse(sev, &a->severity))
        rc = hugi_err_set(err, HUGI_E_PARSE, "$.severity", "unknown severity");
    free(kind);
    free(sev);
    static const struct {
        const char *key;
        size_t off;
    } strs[] = {
        {"status", offsetof(struct hugi_alert, status)},
        {"product", offsetof(struct hugi_alert, product)},
        {"product_name", offsetof(struct hugi_alert, product_name)},
        {"source", offsetof(struct hugi_alert, source)},
        {"summary", offsetof(struct hugi_alert, summary)},
        {"label", offsetof(struct hugi_alert, label)},
        {"verdict", offsetof(struct hugi_alert, verdict)},
        {"group_key", offsetof(struct hugi_alert, group_key)},
        {"reply", offsetof(struct hugi_alert, reply)},
        {"note", offsetof(struct hugi_alert, note)},
        {"channel", offsetof(struct hugi_alert, channel)},
        {"acked_by", offsetof(struct hugi_alert, acked_by)},
        {"ack_note", offsetof(struct hugi_alert, ack_note)},
    };
    for (size_t i = 0; !rc && i < sizeof strs / sizeof strs[0]; i++)
        rc = node_str(root, strs[i].key, (char **)((char *)a + strs[i].off), "$", err);
    yajl_val rv = get(root, "review");
    if (!rc && rv && !YAJL_IS_NULL(rv))
        rc = hugi_report__review_from_node(rv, &a->review, "$.review", err);
    double d = NAN;
    if (!rc)
        rc = node_count(root, "version", INT_MAX, &d, "$", err);
    a->review_version = isnan(d) ? 0 : (int)d;
    if (!rc)
        rc = node_num(root, "score", &a->score, "$", err);
    d = NAN;
    if (!rc)
        rc = node_count(root, "group_count", 1e15, &d, "$", err);
    a->group_count = isnan(d) ? 0 : (long)d;
    if (!rc)
        rc = hugi_report__strv_from_node(get(root, "categories"), &a->categories, &a->ncategories,
                                         "$.categories", err);
    if (!rc)
        rc = hugi_report__strv_from_node(get(root, "evidence"), &a->evidence, &a->nevidence,
                                         "$.evidence", err);
    if (!rc)
        rc = node_time(root, "created", &a->created, "$", err);
    if (!rc)
        rc = node_time(root, "due", &a->due, "$", err);
    if (!rc)
        rc = node_time(root, "acked_at", &a->acked_at, "$", err);
    yajl_tree_free(root);
    if (rc)
        hugi_alert_release(a);
    return rc;
}

/* ---- CSV ----------------------------------------------------------------------------------- */

static const char *const csv_cols[] = {
    "id",           "kind",    "severity", "status",   "due",     "product",
    "product_name", "source",  "rating",   "date",     "author",  "text",
    "categories",   "score",   "evidence", "reply",    "note",    "channel",
    "url",          "created", "acked_at", "acked_by", "summary", "ack_note"};

hugi_rc hugi_alert_csv_header(struct hugi_buf *out)
{
    hugi_rc rc = HUGI_OK;
    for (size_t i = 0; !rc && i < sizeof csv_cols / sizeof csv_cols[0]; i++) {
        if (i)
            rc = hugi_buf_addc(out, ',');
        if (!rc)
            rc = hugi_buf_addstr(out, csv_cols[i]);
    }
    return rc ? rc : hugi_buf_addstr(out, "\r\n");
}

static hugi_rc cf(struct hugi_buf *out, const char *s, bool mask, bool first)
{
    hugi_rc rc = first ? HUGI_OK : hugi_buf_addc(out, ',');
    if (rc || !s)
        return rc;
    if (!mask)
        return hugi_report_csv_field(out, s, strlen(s));
    struct hugi_buf m;
    hugi_buf_init(&m, 0);
    rc = hugi_report__text(&m, s, true);
    if (!rc)
        rc = hugi_report_csv_field(out, m.data ? m.data : "", m.len);
    hugi_buf_release(&m);
    return rc;
}

static hugi_rc join(char *const *v, size_t n, const char *sep, struct hugi_buf *b)
{
    hugi_rc rc = HUGI_OK;
    for (size_t i = 0; !rc && i < n; i++) {
        if (i)
            rc = hugi_buf_addstr(b, sep);
        if (!rc)
            rc = hugi_buf_addstr(b, v[i]);
    }
    return rc;
}

hugi_rc hugi_alert_csv_row(const struct hugi_alert *a, bool mask, struct hugi_buf *out)
{
    char due[21], date[21], created[21], acked[21], rating[24] = "", score[24] = "";
    hugi_time_format(a->due, due);
    hugi_time_format(a->review.date, date);
    hugi_time_format(a->created, created);
    hugi_time_format(a->acked_at, acked);
    if (!isnan(a->review.rating))
        snprintf(rating, sizeof rating, "%g", a->review.rating);
    if (!isnan(a->score))
        snprintf(score, sizeof score, "%.3f", a->score);
    struct hugi_buf cats, ev;
    hugi_buf_init(&cats, 0);
    hugi_buf_init(&ev, 0);
    hugi_rc rc = join(a->categories, a->ncategories, ";", &cats);
    if (!rc)
        rc = join(a->evidence, a->nevidence, " | ", &ev);
    const char *cols[] = {a->id,
                          hugi_alert_kind_name(a->kind),
                          hugi_alert_sev_name(a->severity),
                          a->status ? a->status : "open",
                          due,
                          a->product,
                          a->product_name,
                          a->source,
                          rating,
                          date,
                          a->review.author,
                          a->review.text,
                          cats.data,
                          score,
                          ev.data,
                          a->reply,
                          a->note,
                          a->channel,
                          a->review.url,
                          created,
                          acked,
                          a->acked_by,
                          a->summary,
                          a->ack_note};
    /* masked: free text written by customers (author, text, evidence, reply, note, summary). The
     * staff's ack_note came last (added after the others, so readers that take columns by
     * position keep working). */
    static const bool masked[] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1,
                                  0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 1, 0};
    _Static_assert(sizeof masked / sizeof masked[0] == sizeof csv_cols / sizeof csv_cols[0],
                   "one mask flag per column");
    for (size_t i = 0; !rc && i < sizeof cols / sizeof cols[0]; i++)
        rc = cf(out, cols[i], mask && masked[i], i == 0);
    if (!rc)
        rc = hugi_buf_addstr(out, "\r\n");
    hugi_buf_release(&cats);
    hugi_buf_release(&ev);
    return rc;
}

/* ---- files --------------------------------------------------------------------------------- */

hugi_rc hugi_report_write_run(const char *dir, const char *label, int64_t now,
                              const struct hugi_alert *alerts, size_t n, bool mask, char **run_dir,
                              struct hugi_err *err)
{
    if (run_dir)
        *run_dir = NULL;
    hugi_rc rc = hugi_report_mkdirs(dir, err);
    if (rc)
        return rc;
    char iso[21];
    hugi_time_format(now, iso);
    /* 2026-11-23T09:00:00Z -> 2026-11-23T0900Z: no ':' (Windows shares, Excel paths) */
    char stamp[24];
    snprintf(stamp, sizeof stamp, "%.11s%.2s%.2sZ", iso, iso + 11, iso + 14);
    struct hugi_buf path, jl, csv, file;
    hugi_buf_init(&path, 0);
    hugi_buf_init(&jl, 0);
    hugi_buf_init(&csv, 0);
    hugi_buf_init(&file, 0);
    /* mkdir, not stat-then-mkdir: two runs racing for the same minute get different folders */
    for (int k = 1; !rc; k++) {
        hugi_buf_reset(&path);
        if (k == 1)
            rc = hugi_buf_addf(&path, "%s/%s%s%s", dir, stamp, label && *label ? "-" : "",
                               label ? label : "");
        else
            rc = hugi_buf_addf(&path, "%s/%s%s%s-%d", dir, stamp, label && *label ? "-" : "",
                               label ? label : "", k);
        if (rc)
            break;
        if (mkdir(path.data, 0755) == 0)
            break;
        if (errno != EEXIST || k > 1000) {
            int e = errno;
            rc =
                hugi_err_set(err, HUGI_E_IO, path.data, "cannot create directory: %s", strerror(e));
            goto out;
        }
    }
    if (!rc)
        rc = hugi_buf_addstr(&csv, HUGI_CSV_BOM);
    if (!rc)
        rc = hugi_alert_csv_header(&csv);
    for (size_t i = 0; !rc && i < n; i++) {
        rc = hugi_alert_to_json(&alerts[i], mask, &jl);
        if (!rc)
            rc = hugi_alert_csv_row(&alerts[i], mask, &csv);
    }
    if (rc) {
        rc = hugi_err_set(err, rc, dir, "out of memory");
        goto out;
    }
    if ((rc = hugi_buf_addf(&file, "%s/alerts.jsonl", path.data)))
        goto out;
    if ((rc = hugi_report_write_atomic(file.data, jl.data ? jl.data : "", jl.len, err)))
        goto out;
    hugi_buf_reset(&file);
    if ((rc = hugi_buf_addf(&file, "%s/alerts.csv", path.data)))
        goto out;
    if ((rc = hugi_report_write_atomic(file.data, csv.data, csv.len, err)))
        goto out;
    if (run_dir)
        *run_dir = hugi_buf_detach(&path, NULL);
out:
    hugi_buf_release(&path);
    hugi_buf_release(&jl);
    hugi_buf_release(&csv);
    hugi_buf_release(&file);
    return rc;
}

hugi_rc hugi_report_write_open(const char *dir, const struct hugi_alert *alerts, size_t n,
                               bool mask, struct hugi_err *err)
{
    hugi_rc rc = hugi_report_mkdirs(dir, err);
    if (rc)
        return rc;
    struct hugi_buf csv, file;
    hugi_buf_init(&csv, 0);
    hugi_buf_init(&file, 0);
    rc = hugi_buf_addstr(&csv, HUGI_CSV_BOM);
    if (!rc)
        rc = hugi_alert_csv_header(&csv);
    for (size_t i = 0; !rc && i < n; i++)
        if (!alerts[i].status || !strcmp(alerts[i].status, "open"))
            rc = hugi_alert_csv_row(&alerts[i], mask, &csv);
    if (!rc)
        rc = hugi_buf_addf(&file, "%s/open-alerts.csv", dir);
    if (rc)
        rc = hugi_err_set(err, rc, dir, "out of memory");
    else
        rc = hugi_report_write_atomic(file.data, csv.data, csv.len, err);
    hugi_buf_release(&csv);
    hugi_buf_release(&file);
    return rc;
}

/* ---- input lines --------------------------------------------------------------------------- */

void hugi_report_input_release(struct hugi_report_input *in)
{
    hugi_review_release(&in->review);
    free(in->label);
    free(in->verdict);
    free(in->severity);
    hugi_report__strv_free(in->categories, in->ncategories);
    hugi_report__strv_free(in->evidence, in->nevidence);
    free(in->key);
    free(in->category);
    free(in->phrase);
    for (size_t i = 0; i < in->nexamples; i++)
        hugi_review_release(&in->examples[i]);
    free(in->examples);
    free(in->ack_id);
    free(in->ack_by);
    free(in->ack_note);
    memset(in, 0, sizeof *in);
    hugi_review_init(&in->review);
    in->score = NAN;
    in->baseline = NAN;
    in->ack_at = HUGI_NO_TIME;
}

hugi_rc hugi_report_input_parse(const char *line, size_t len, struct hugi_report_input *in,
                                struct hugi_err *err)
{
    memset(in, 0, sizeof *in);
    hugi_report_input_release(in);
    hugi_rc rc;
    yajl_val root = parse_json(line, len, err, &rc);
    if (!root)
        return rc;
    yajl_val g = get(root, "group");
    yajl_val ack = get(root, "ack");
    if (g && YAJL_IS_OBJECT(g)) {
        in->type = HUGI_INPUT_GROUP;
        char *kind = NULL;
        double d;
        rc = node_str(g, "key", &in->key, "$.group", err);
        if (!rc)
            rc = node_str(g, "kind", &kind, "$.group", err);
        if (!rc && !hugi_alert_kind_parse(kind, &in->kind))
            rc = hugi_err_set(err, HUGI_E_PARSE, "$.group.kind", "unknown group kind");
        if (!rc && in->kind != HUGI_ALERT_RECURRING && in->kind != HUGI_ALERT_SPIKE &&
            in->kind != HUGI_ALERT_EMERGING)
            rc = hugi_err_set(err, HUGI_E_PARSE, "$.group.kind",
                              "expected recurring, spike or emerging");
        free(kind);
        if (!rc && !in->key)
            rc = hugi_err_set(err, HUGI_E_PARSE, "$.group.key", "missing");
        if (!rc)
            rc = node_str(g, "product", &in->review.product, "$.group", err);
        if (!rc)
            rc = node_str(g, "category", &in->category, "$.group", err);
        if (!rc)
            rc = node_str(g, "phrase", &in->phrase, "$.group", err);
        d = NAN;
        if (!rc)
            rc = node_num(g, "count", &d, "$.group", err);
        in->count = isnan(d) || d < 0 || d > 1e12 ? 0 : (long)d;
        d = NAN;
        if (!rc)
            rc = node_num(g, "total", &d, "$.group", err);
        in->total = isnan(d) || d < 0 || d > 1e12 ? 0 : (long)d;
        if (!rc)
            rc = node_num(g, "baseline", &in->baseline, "$.group", err);
        yajl_val ex = get(g, "examples");
        if (!rc && ex && YAJL_IS_ARRAY(ex) && ex->u.array.len) {
            in->examples = calloc(ex->u.array.len, sizeof *in->examples);
            if (!in->examples)
                rc = hugi_err_set(err, HUGI_E_NOMEM, "$.group.examples", "out of memory");
            for (size_t i = 0; !rc && i < ex->u.array.len; i++) {
                hugi_review_init(&in->examples[i]);
                in->nexamples++;
                char path[64];
                snprintf(path, sizeof path, "$.group.examples[%zu]", i);
                rc = hugi_report__review_from_node(ex->u.array.values[i], &in->examples[i], path,
                                                   err);
            }
        }
    } else if (ack && YAJL_IS_OBJECT(ack)) {
        in->type = HUGI_INPUT_ACK;
        rc = node_str(ack, "id", &in->ack_id, "$.ack", err);
        if (!rc)
            rc = node_str(ack, "by", &in->ack_by, "$.ack", err);
        if (!rc)
            rc = node_str(ack, "note", &in->ack_note, "$.ack", err);
        if (!rc)
            rc = node_time(ack, "at", &in->ack_at, "$.ack", err);
        if (!rc && !in->ack_id)
            rc = hugi_err_set(err, HUGI_E_PARSE, "$.ack.id", "missing");
    } else {
        in->type = HUGI_INPUT_REVIEW;
        rc = hugi_report__review_from_node(root, &in->review, "$", err);
        if (!rc && !in->review.text && (rc = hugi_review_set(&in->review.text, "", 0)))
            rc = hugi_err_set(err, rc, "$", "out of memory");
        if (!rc && (!in->review.source || !in->review.id))
            rc = hugi_err_set(err, HUGI_E_PARSE, "$", "a review needs source and id");
        if (!rc)
            rc = node_num(root, "score", &in->score, "$", err);
        if (!rc)
            rc = node_str(root, "label", &in->label, "$", err);
        if (!rc)
            rc = node_str(root, "verdict", &in->verdict, "$", err);
        if (!rc)
            rc = node_str(root, "severity", &in->severity, "$", err);
        enum hugi_alert_sev sv;
        if (!rc && in->severity && !hugi_alert_sev_parse(in->severity, &sv))
            rc = hugi_err_set(err, HUGI_E_PARSE, "$.severity", "unknown severity");
        if (!rc)
            rc = hugi_report__strv_from_node(get(root, "categories"), &in->categories,
                                             &in->ncategories, "$.categories", err);
        if (!rc)
            rc = hugi_report__strv_from_node(get(root, "evidence"), &in->evidence, &in->nevidence,
                                             "$.evidence", err);
        double d = NAN;
        if (!rc)
            rc = node_num(root, "version", &d, "$", err);
        in->version = isnan(d) || d < 1 || d > 1e6 ? 1 : (int)d;
        yajl_val e = get(root, "edited");
        in->edited = e && YAJL_IS_TRUE(e);
    }
    yajl_tree_free(root);
    if (rc)
        hugi_report_input_release(in);
    return rc;
}
