/* SPDX-License-Identifier: MIT
 * `hugi complaints`: complaint categories of texts (--categorize), and per product the recurring,
 * spiking and emerging complaints of a set of reviews. Reviews come from a JSONL file (--input,
 * the review format plus the scorer's optional "score", "label", "categories" and "replies"
 * keys). Reading and writing the store is wired here once the store stage lands on main.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <yajl/yajl_tree.h>

#include "cli.h"
#include "complaints_learn.h"
#include "hugi/complaint.h"
#include "hugi/report.h"
#include "hugi/review.h"
#include "hugi/store.h"
#include "sent_cli.h"

/* The store route needs the store stage (hugi/store.h with its schema version) and the config
 * reader; until both have landed the command reads --input files only. */
struct hugi_store;
#if defined(HUGI_STORE_SCHEMA_VERSION) && defined(__has_include)
#if __has_include("hugi/config.h")
#define HAVE_STORE 1
#include "hugi/config.h"
#endif
#endif

static const char usage[] =
    "usage: hugi complaints [--product ID] [--since DATE] [--format table|jsonl] [--input FILE]\n"
    "       hugi complaints --categorize [--format table|jsonl|tsv] [TEXT...]\n"
    "       hugi complaints learn [options] FILE...   (see hugi complaints learn --help)\n"
    "\n"
    "Show recurring, spiking and emerging complaints per product (from the store, or --input),\n"
    "and record them in the store; or the complaint categories of texts (arguments, or stdin\n"
    "one text a line) with --categorize.\n"
    "\n"
    "Options:\n"
    "      --product ID     only this product\n"
    "      --since DATE     window start (ISO-8601; default: 7 days before now)\n"
    "      --now DATE       end of the window (default: $HUGI_NOW or the current time)\n"
    "      --format FMT     table (default), jsonl, or tsv (categories<TAB>text, --categorize)\n"
    "      --input FILE     reviews as JSONL ('-' for stdin)\n"
    "      --hourly         spike buckets of one hour instead of one day (fast sources)\n"
    "      --categorize     categorise texts instead of aggregating reviews\n"
    "      --lexicons DIR   complaint lexicons (default <datadir>/lexicons/complaints)\n"
    "      --dry-run        do not write the complaint groups back to the store\n"
    "      --no-mask        keep personal data in the example reviews (default: masked,\n"
    "                       [alerts] mask_pii)\n"
    "\n";

enum { FMT_TABLE, FMT_JSONL, FMT_TSV };

/* Severity thresholds: defaults, then the config's [sentiment] neg_threshold and [complaints]
 * strong_negative, reach and recent. */
static struct hugi_complaint_sev_cfg sev_cfg;

enum {
    OPT_PRODUCT = 0x2001,
    OPT_SINCE,
    OPT_NOW,
    OPT_FORMAT,
    OPT_INPUT,
    OPT_HOURLY,
    OPT_CATEGORIZE,
    OPT_LEXICONS,
    OPT_DRY_RUN,
    OPT_NO_MASK,
};

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ---- the critical model's gate (docs/complaints.md, "Gated on sentiment") ----------------- */

/* Whether the critical model may add to this text: what the caller knows of it (the scorer's
 * label "neg", a score < 0, a rating <= 2, any of them) or, knowing none, the text's own score.
 * Only when the taxonomy has a critical model: otherwise nothing is scored or loaded. */
static bool gate_negative(const struct hugi_complaint_tax *tax, const char *label, double score,
                          double rating, const char *text, size_t len)
{
    if (!hugi_complaint_tax_gated(tax))
        return false;
    if (label || !isnan(score) || !isnan(rating))
        return (label && strcmp(label, "neg") == 0) || score < 0 || rating <= 2;
    return sent_cli_text_negative(text, len);
}

/* ---- --categorize --------------------------------------------------------------------------- */

static int categorize_one(const struct hugi_complaint_tax *tax, struct hugi_complaint_match *m,
                          const char *text, size_t len, int fmt, struct hugi_buf *out)
{
    struct hugi_err err;
    hugi_err_clear(&err);
    if (hugi_complaint_categorize_gated(tax, text, len, NULL,
                                        gate_negative(tax, NULL, NAN, NAN, text, len), m,
                                        &err) != HUGI_OK) {
        cli_error_err("cannot categorise", &err);
        return HUGI_EXIT_FAIL;
    }
    hugi_buf_reset(out);
    hugi_rc rc = HUGI_OK;
    if (fmt == FMT_JSONL) {
        rc = hugi_buf_addstr(out, "{\"text\":");
        if (rc == HUGI_OK)
            rc = hugi_json_str(out, text, len);
        if (rc == HUGI_OK)
            rc = hugi_buf_addstr(out, ",\"categories\":");
        if (rc == HUGI_OK)
            rc = hugi_complaint_cats_json(tax, m->cats, out);
        if (rc == HUGI_OK)
            rc =
                hugi_buf_addf(out, ",\"critical\":%s,\"evidence\":",
                              (m->cats & hugi_complaint_tax_critical_mask(tax)) ? "true" : "false");
        if (rc == HUGI_OK)
            rc = hugi_complaint_evidence_json(tax, m, text, len, out);
        if (rc == HUGI_OK)
            rc = hugi_buf_addstr(out, "}\n");
    } else {
        bool first = true;
        for (int i = 0; rc == HUGI_OK && i < hugi_complaint_tax_count(tax); i++) {
            if (!(m->cats & ((uint64_t)1 << i)))
                continue;
            rc = hugi_buf_addf(out, "%s%s", first ? "" : ",", hugi_complaint_tax_key(tax, i));
            first = false;
        }
        if (rc == HUGI_OK && first)
            rc = hugi_buf_addc(out, '-');
        if (rc == HUGI_OK)
            rc = hugi_buf_addc(out, '\t');
        if (rc == HUGI_OK)
            rc = hugi_buf_add(out, text, len);
        if (rc == HUGI_OK)
            rc = hugi_buf_addc(out, '\n');
    }
    if (rc != HUGI_OK) {
        cli_error("out of memory");
        return HUGI_EXIT_FAIL;
    }
    fwrite(out->data, 1, out->len, stdout);
    return HUGI_EXIT_OK;
}

static int run_categorize(const struct hugi_complaint_tax *tax, int fmt, int argc, char **argv)
{
    struct hugi_complaint_match m;
    hugi_complaint_match_init(&m);
    struct hugi_buf out;
    hugi_buf_init(&out, 0);
    int status = HUGI_EXIT_OK;
    if (argc > 0) {
        for (int i = 0; i < argc && status == HUGI_EXIT_OK; i++)
            status = categorize_one(tax, &m, argv[i], strlen(argv[i]), fmt, &out);
    } else {
        char *line = NULL;
        size_t cap = 0;
        ssize_t n;
        while (status == HUGI_EXIT_OK && (n = getline(&line, &cap, stdin)) >= 0) {
            size_t len = (size_t)n;
            while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
                len--;
            status = categorize_one(tax, &m, line, len, fmt, &out);
        }
        free(line);
        if (status == HUGI_EXIT_OK && ferror(stdin)) {
            cli_error("cannot read standard input: %s", strerror(errno));
            status = HUGI_EXIT_FAIL;
        }
    }
    hugi_buf_release(&out);
    hugi_complaint_match_release(&m);
    return status;
}

/* ---- aggregation over a JSONL file ------------------------------------------------------- */

struct item {
    struct hugi_review r;
    double score;
    bool negative;
    uint64_t cats;
    enum hugi_complaint_severity sev;
    int64_t key; /* the store's key, 0 for --input */
};

struct items {
    struct item *v;
    size_t n, cap;
};

static void items_release(struct items *it)
{
    for (size_t i = 0; i < it->n; i++)
        hugi_review_release(&it->v[i].r);
    free(it->v);
}

static double num_key(yajl_val root, const char *key)
{
    const char *path[] = {key, NULL};
    yajl_val v = yajl_tree_get(root, path, yajl_t_number);
    return v ? YAJL_GET_DOUBLE(v) : NAN;
}

static const char *str_key(yajl_val root, const char *key)
{
    const char *path[] = {key, NULL};
    yajl_val v = yajl_tree_get(root, path, yajl_t_string);
    return v ? YAJL_GET_STRING(v) : NULL;
}

/* Negative by the scorer's label, else its score, else the rating (<= 2), else having a
 * category; then the review's severity. item->cats must be set. */
static void classify(struct item *item, const char *label, long replies,
                     const struct hugi_complaint_tax *tax, const struct hugi_complaint_sev_cfg *sc,
                     int64_t now)
{
    if (label)
        item->negative = strcmp(label, "neg") == 0;
    else if (!isnan(item->score))
        item->negative = item->score <= sc->neg_score;
    else if (!isnan(item->r.rating))
        item->negative = item->r.rating <= sc->neg_rating;
    else
        item->negative = item->cats != 0;
    struct hugi_complaint_sev_in si = {item->score, item->r.rating, item->cats, item->r.likes,
                                       replies,     item->r.date,   now};
    item->sev = hugi_complaint_severity(tax, sc, &si);
}

/* Takes item (its review is released on failure). */
static bool items_push(struct items *it, struct item *item)
{
    if (it->n == it->cap) {
        size_t nc = it->cap ? it->cap * 2 : 256;
        struct item *nv = realloc(it->v, nc * sizeof *nv);
        if (!nv) {
            hugi_review_release(&item->r);
            return false;
        }
        it->v = nv;
        it->cap = nc;
    }
    it->v[it->n++] = *item;
    return true;
}

/* Reads the reviews of `path`; the scorer's keys (score, label, categories) are used when present,
 * else categories come from the text and "negative" from the rating (<= 2) or, with no rating,
 * from having a category. */
static int read_input(const char *path, const char *product, const struct hugi_complaint_tax *tax,
                      int64_t now, struct items *it)
{
    FILE *fp = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
    if (!fp) {
        cli_error("cannot open '%s': %s", path, strerror(errno));
        return HUGI_EXIT_FAIL;
    }
    struct hugi_complaint_match m;
    hugi_complaint_match_init(&m);
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    long lineno = 0;
    int status = HUGI_EXIT_OK;
    while ((n = getline(&line, &cap, fp)) >= 0) {
        lineno++;
        size_t len = (size_t)n;
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            len--;
        if (lineno == 1) {
            size_t bom = cli_bom_len(line, len);
            memmove(line, line + bom, len - bom);
            len -= bom;
        }
        if (len == 0)
            continue;
        struct hugi_err err;
        hugi_err_clear(&err);
        struct item item;
        memset(&item, 0, sizeof item);
        if (hugi_review_from_json(line, len, &item.r, &err) != HUGI_OK) {
            char where[300];
            snprintf(where, sizeof where, "%s:%ld", path, lineno);
            cli_warn("skipping review: %s (%s%s%s)", err.msg, where, err.where[0] ? " " : "",
                     err.where);
            status = HUGI_EXIT_PARTIAL;
            continue;
        }
        if (product && !hugi_str_eq(product, item.r.product)) {
            hugi_review_release(&item.r);
            continue;
        }
        line[len] = '\0';
        yajl_val root = yajl_tree_parse(line, NULL, 0);
        item.score = root ? num_key(root, "score") : NAN;
        const char *label = root ? str_key(root, "label") : NULL;
        const char *cpath[] = {"categories", NULL};
        yajl_val cv = root ? yajl_tree_get(root, cpath, yajl_t_array) : NULL;
        if (cv) {
            for (size_t k = 0; k < cv->u.array.len; k++) {
                const char *key = YAJL_GET_STRING(cv->u.array.values[k]);
                int idx = key ? hugi_complaint_tax_find(tax, key, strlen(key)) : -1;
                if (idx >= 0)
                    item.cats |= (uint64_t)1 << idx;
            }
        } else if (item.r.text && hugi_complaint_categorize_gated(
                                      tax, item.r.text, strlen(item.r.text), NULL,
                                      gate_negative(tax, label, item.score, item.r.rating,
                                                    item.r.text, strlen(item.r.text)),
                                      &m, &err) == HUGI_OK) {
            item.cats = m.cats;
        }
        double rp = root ? num_key(root, "replies") : NAN;
        classify(&item, label, rp >= 0 ? (long)rp : -1, tax, &sev_cfg, now);
        if (root)
            yajl_tree_free(root);
        if (!items_push(it, &item)) {
            cli_error("out of memory");
            status = HUGI_EXIT_FAIL;
            break;
        }
    }
    free(line);
    hugi_complaint_match_release(&m);
    /* a directory, or an I/O error, ends getline() as the end of the file would */
    if (status != HUGI_EXIT_FAIL && ferror(fp)) {
        cli_error("cannot read '%s': %s", path, strerror(errno));
        status = HUGI_EXIT_FAIL;
    }
    if (fp != stdin)
        fclose(fp);
    return status;
}

static int cmp_product(const void *a, const void *b)
{
    const struct item *x = a, *y = b;
    const char *px = x->r.product ? x->r.product : "";
    const char *py = y->r.product ? y->r.product : "";
    return strcmp(px, py);
}

static const char *trend(const struct hugi_complaint_group *g)
{
    if (g->count > g->prev_count + g->prev_count / 4)
        return "up";
    if (g->count < g->prev_count - g->prev_count / 4)
        return "down";
    return "flat";
}

/* Whether the examples printed (table and JSONL) have phone numbers, e-mail and street
 * addresses and order numbers masked, as `hugi alerts` has them: [alerts] mask_pii, --no-mask.
 * The store keeps them whole; its readers mask on output. */
static bool mask_examples = true;

/* An example's text as shown: masked when mask_examples, else r's own. *buf holds it. */
static hugi_rc example_text(const struct hugi_complaint_rec *r, bool mask, struct hugi_buf *buf,
                            const char **s, size_t *len)
{
    *s = r->text;
    *len = r->text_len;
    if (!mask)
        return HUGI_OK;
    hugi_buf_reset(buf);
    hugi_rc rc = hugi_report_mask_pii(r->text, r->text_len, buf, NULL);
    if (rc == HUGI_OK && buf->data) {
        *s = buf->data;
        *len = buf->len;
    }
    return rc;
}

/* [{"id":..,"text":..(at most 200 characters),"severity":..}, ...]: what the report shows. */
static hugi_rc examples_json(const struct hugi_complaint_group *g,
                             const struct hugi_complaint_rec *recs, const struct item *items,
                             bool mask, struct hugi_buf *out)
{
    hugi_rc rc = hugi_buf_addc(out, '[');
    struct hugi_buf mb;
    hugi_buf_init(&mb, 0);
    for (int i = 0; rc == HUGI_OK && i < g->nexamples; i++) {
        const struct hugi_complaint_rec *r = &recs[g->examples[i]];
        const char *text;
        size_t tlen;
        rc = example_text(r, mask, &mb, &text, &tlen);
        size_t el = rc ? 0 : hugi_utf8_prefix(text, tlen, 200);
        rc = hugi_buf_addf(out, "%s{\"id\":", i ? "," : "");
        if (rc == HUGI_OK)
            rc = hugi_json_strz(out, r->id);
        if (rc == HUGI_OK)
            rc = hugi_buf_addstr(out, ",\"text\":");
        if (rc == HUGI_OK)
            rc = hugi_json_str(out, text, el);
        if (rc == HUGI_OK)
            rc = hugi_buf_addf(out, ",\"severity\":\"%s\"}",
                               hugi_complaint_severity_name(items[g->examples[i]].sev));
    }
    hugi_buf_release(&mb);
    if (rc == HUGI_OK)
        rc = hugi_buf_addc(out, ']');
    return rc;
}

static hugi_rc group_json(const struct hugi_complaint_tax *tax,
                          const struct hugi_complaint_group *g, const char *product,
                          const struct hugi_complaint_rec *recs, const struct item *items,
                          struct hugi_buf *out)
{
    char ws[21], we[21];
    hugi_time_format(g->window_start, ws);
    hugi_time_format(g->window_end, we);
    hugi_rc rc = hugi_buf_addstr(out, "{\"key\":");
    if (rc == HUGI_OK)
        rc = hugi_json_strz(out, g->key);
    if (rc == HUGI_OK)
        rc = hugi_buf_addf(out, ",\"kind\":\"%s\",\"product\":", hugi_complaint_kind_name(g->kind));
    if (rc == HUGI_OK)
        rc = hugi_json_strz(out, product);
    if (rc == HUGI_OK)
        rc = hugi_buf_addstr(out, ",\"category\":");
    if (rc == HUGI_OK)
        rc = hugi_json_strz(out, g->cat >= 0 ? hugi_complaint_tax_key(tax, g->cat) : NULL);
    if (rc == HUGI_OK)
        rc = hugi_buf_addstr(out, ",\"critical\":");
    if (rc == HUGI_OK)
        rc = hugi_buf_addstr(out, hugi_complaint_tax_critical(tax, g->cat) ? "true" : "false");
    if (rc == HUGI_OK)
        rc = hugi_buf_addstr(out, ",\"phrase\":");
    if (rc == HUGI_OK)
        rc = hugi_json_strz(out, g->phrase);
    if (rc == HUGI_OK)
        rc = hugi_buf_addf(out,
                           ",\"window_start\":\"%s\",\"window_end\":\"%s\",\"count\":%ld,"
                           "\"total\":%ld,\"prev_count\":%ld,\"trend\":\"%s\",\"baseline\":",
                           ws, we, g->count, g->total, g->prev_count, trend(g));
    if (rc == HUGI_OK)
        rc = hugi_json_num(out, g->baseline);
    if (rc == HUGI_OK)
        rc = hugi_buf_addstr(out, ",\"stat\":");
    if (rc == HUGI_OK)
        rc = hugi_json_num(out, g->stat);
    if (rc == HUGI_OK)
        rc = hugi_buf_addf(out, ",\"fresh\":%s,\"members\":[", g->fresh ? "true" : "false");
    for (size_t i = 0; rc == HUGI_OK && i < g->nmembers; i++) {
        if (i)
            rc = hugi_buf_addc(out, ',');
        if (rc == HUGI_OK)
            rc = hugi_json_strz(out, recs[g->members[i]].id);
    }
    if (rc == HUGI_OK)
        rc = hugi_buf_addstr(out, "],\"examples\":");
    if (rc == HUGI_OK)
        rc = examples_json(g, recs, items, mask_examples, out);
    if (rc == HUGI_OK)
        rc = hugi_buf_addstr(out, "}\n");
    return rc;
}

static hugi_rc group_row(const struct hugi_complaint_tax *tax, const struct hugi_complaint_group *g,
                         const char *product, const struct hugi_complaint_rec *recs,
                         struct hugi_buf *out)
{
    const char *what =
        g->phrase ? g->phrase : (g->cat >= 0 ? hugi_complaint_tax_key(tax, g->cat) : "negative");
    hugi_rc rc = hugi_buf_addf(out, "%-9s  %-12s  %5ld  %5ld  %-5s  %-5s  %s",
                               hugi_complaint_kind_name(g->kind), product ? product : "-", g->count,
                               g->total, trend(g), g->fresh ? "new" : "seen", what);
    if (rc == HUGI_OK && g->nexamples > 0) {
        struct hugi_buf mb;
        hugi_buf_init(&mb, 0);
        const char *text;
        size_t tlen;
        rc = example_text(&recs[g->examples[0]], mask_examples, &mb, &text, &tlen);
        size_t el = rc ? 0 : hugi_utf8_prefix(text, tlen, 60);
        if (rc == HUGI_OK)
            rc = hugi_buf_addstr(out, "  \"");
        for (size_t i = 0; rc == HUGI_OK && i < el; i++)
            rc = hugi_buf_addc(out, (text[i] == '\n' || text[i] == '\t') ? ' ' : text[i]);
        if (rc == HUGI_OK)
            rc = hugi_buf_addc(out, '"');
        hugi_buf_release(&mb);
    }
    if (rc == HUGI_OK)
        rc = hugi_buf_addc(out, '\n');
    return rc;
}

#ifdef HAVE_STORE
/* Reads what the store knows of each group (a raise still cooling down is not fresh) and writes
 * the groups back with their members and examples, in one transaction. */
static int sync_groups(struct hugi_store *st, const struct hugi_complaint_tax *tax,
                       const struct hugi_complaint_agg_cfg *cfg, const char *product,
                       struct hugi_complaint_groups *groups, const struct hugi_complaint_rec *recs,
                       const struct item *items, bool write)
{
    struct hugi_err err;
    hugi_err_clear(&err);
    if (write && hugi_store_begin(st, &err) != HUGI_OK) {
        cli_error_err("cannot write complaint groups", &err);
        return HUGI_EXIT_FAIL;
    }
    hugi_rc rc = HUGI_OK;
    struct hugi_buf ex;
    hugi_buf_init(&ex, 0);
    for (size_t i = 0; rc == HUGI_OK && i < groups->n; i++) {
        struct hugi_complaint_group *g = &groups->v[i];
        struct hugi_store_group old;
        hugi_store_group_init(&old);
        int64_t cooldown_until = HUGI_NO_TIME;
        rc = hugi_store_group_get(st, g->key, &old, &err);
        if (rc == HUGI_OK) {
            cooldown_until = old.cooldown_until;
            if (cooldown_until != HUGI_NO_TIME && cooldown_until > cfg->now)
                g->fresh = false;
        } else if (rc == HUGI_E_NOTFOUND) {
            rc = HUGI_OK;
        }
        hugi_store_group_release(&old);
        if (rc != HUGI_OK || !write)
            continue;
        hugi_buf_reset(&ex);
        if (examples_json(g, recs, items, false, &ex) != HUGI_OK) {
            rc = hugi_err_set(&err, HUGI_E_NOMEM, NULL, "out of memory");
            break;
        }
        int64_t *members = malloc((g->nmembers ? g->nmembers : 1) * sizeof *members);
        if (!members) {
            rc = hugi_err_set(&err, HUGI_E_NOMEM, NULL, "out of memory");
            break;
        }
        /* the group's severity is its worst member's, stored so reports need not derive it */
        enum hugi_complaint_severity gsev = HUGI_SEV_NONE;
        for (size_t k = 0; k < g->nmembers; k++) {
            members[k] = recs[g->members[k]].key;
            if (items[g->members[k]].sev > gsev)
                gsev = items[g->members[k]].sev;
        }
        struct hugi_store_group sg;
        hugi_store_group_init(&sg);
        sg.key = g->key;
        sg.product = (char *)product;
        sg.kind = (char *)hugi_complaint_kind_name(g->kind);
        sg.category = (char *)(g->cat >= 0 ? hugi_complaint_tax_key(tax, g->cat) : NULL);
        sg.phrase = g->phrase;
        sg.window_start = g->window_start;
        sg.window_end = g->window_end;
        sg.count = g->count;
        sg.total = g->total;
        sg.baseline = g->baseline;
        sg.stat = g->stat;
        sg.examples_json = ex.data;
        sg.severity = gsev == HUGI_SEV_NONE ? NULL : (char *)hugi_complaint_severity_name(gsev);
        sg.first_raised = HUGI_NO_TIME;
        sg.last_raised = g->fresh ? cfg->now : HUGI_NO_TIME;
        sg.cooldown_until = g->fresh ? cfg->now + cfg->cooldown : cooldown_until;
        rc = hugi_store_group_put(st, &sg, members, g->nmembers, NULL, &err);
        /* borrowed strings only: nothing to release */
        free(members);
    }
    hugi_buf_release(&ex);
    if (write && rc == HUGI_OK)
        rc = hugi_store_commit(st, &err);
    if (rc != HUGI_OK) {
        struct hugi_err e2;
        if (write)
            hugi_store_rollback(st, &e2);
        cli_error_err("cannot write complaint groups", &err);
        return HUGI_EXIT_FAIL;
    }
    return HUGI_EXIT_OK;
}

struct store_read {
    const char *product;
    const struct hugi_complaint_tax *tax;
    struct hugi_complaint_match m;
    int64_t now;
    struct items *it;
    bool oom;
};

static int on_stored(const struct hugi_stored_review *sr, void *vctx)
{
    struct store_read *c = vctx;
    struct item item;
    memset(&item, 0, sizeof item);
    if (hugi_review_copy(&item.r, &sr->review) != HUGI_OK) {
        c->oom = true;
        return 1;
    }
    if (item.r.date == HUGI_NO_TIME)
        item.r.date = sr->first_seen;
    item.key = sr->key;
    item.score = sr->scored ? sr->score : NAN;
    struct hugi_err err;
    int unknown = 0;
    if (!(sr->categories_json &&
          hugi_complaint_cats_parse(c->tax, sr->categories_json, strlen(sr->categories_json),
                                    &item.cats, &unknown, &err) == HUGI_OK) &&
        item.r.text &&
        hugi_complaint_categorize_gated(c->tax, item.r.text, strlen(item.r.text), NULL,
                                        gate_negative(c->tax, sr->scored ? sr->label : NULL,
                                                      item.score, item.r.rating, item.r.text,
                                                      strlen(item.r.text)),
                                        &c->m, &err) == HUGI_OK)
        item.cats = c->m.cats;
    classify(&item, sr->scored ? sr->label : NULL, -1, c->tax, &sev_cfg, c->now);
    if (!items_push(c->it, &item)) {
        c->oom = true;
        return 1;
    }
    return 0;
}

/* The product's reviews (or every product's) from `since` on. */
static int read_store(struct hugi_store *st, const char *product, int64_t since, int64_t now,
                      const struct hugi_complaint_tax *tax, struct items *it)
{
    struct store_read c;
    memset(&c, 0, sizeof c);
    c.product = product;
    c.tax = tax;
    c.now = now;
    c.it = it;
    hugi_complaint_match_init(&c.m);
    struct hugi_store_review_filter f;
    hugi_store_review_filter_init(&f);
    f.product = product;
    f.since = since;
    struct hugi_err err;
    hugi_err_clear(&err);
    hugi_rc rc = hugi_store_reviews_each(st, &f, on_stored, &c, &err);
    hugi_complaint_match_release(&c.m);
    if (c.oom) {
        cli_error("out of memory");
        return HUGI_EXIT_FAIL;
    }
    if (rc != HUGI_OK) {
        cli_error_err("cannot read the store", &err);
        return HUGI_EXIT_FAIL;
    }
    return HUGI_EXIT_OK;
}

/* [complaints] keys of the config (the schema supplies the defaults). */
static int apply_config(const struct hugi_config *conf, struct hugi_complaint_agg_cfg *cfg)
{
    struct hugi_err err;
    hugi_err_clear(&err);
    double window, cooldown, share, neg, strong, recent;
    long min_count, baseline_days, reach;
    if (hugi_config_duration(conf, "complaints", NULL, "window", &window, &err) != HUGI_OK ||
        hugi_config_int(conf, "complaints", NULL, "min_count", &min_count, &err) != HUGI_OK ||
        hugi_config_double(conf, "complaints", NULL, "share", &share, &err) != HUGI_OK ||
        hugi_config_int(conf, "complaints", NULL, "baseline_days", &baseline_days, &err) !=
            HUGI_OK ||
        hugi_config_duration(conf, "complaints", NULL, "cooldown", &cooldown, &err) != HUGI_OK ||
        hugi_config_double(conf, "sentiment", NULL, "neg_threshold", &neg, &err) != HUGI_OK ||
        hugi_config_double(conf, "complaints", NULL, "strong_negative", &strong, &err) != HUGI_OK ||
        hugi_config_int(conf, "complaints", NULL, "reach", &reach, &err) != HUGI_OK ||
        hugi_config_duration(conf, "complaints", NULL, "recent", &recent, &err) != HUGI_OK) {
        cli_error_err("bad [complaints] setting", &err);
        return HUGI_EXIT_USAGE;
    }
    cfg->window_days = window >= 86400 ? (int)(window / 86400) : 1;
    cfg->recur_min = min_count;
    cfg->recur_share = share;
    cfg->baseline_buckets = (int)baseline_days;
    cfg->cooldown = (int64_t)cooldown;
    sev_cfg.neg_score = neg;
    sev_cfg.strong_score = strong;
    sev_cfg.reach_high = reach;
    sev_cfg.recent_days = recent >= 86400 ? (int)(recent / 86400) : 1;
    return HUGI_EXIT_OK;
}
#else
static int sync_groups(struct hugi_store *st, const struct hugi_complaint_tax *tax,
                       const struct hugi_complaint_agg_cfg *cfg, const char *product,
                       struct hugi_complaint_groups *groups, const struct hugi_complaint_rec *recs,
                       const struct item *items, bool write)
{
    (void)st, (void)tax, (void)cfg, (void)product, (void)groups, (void)recs, (void)items,
        (void)write;
    return HUGI_EXIT_OK;
}
#endif

static int run_aggregate(const struct hugi_complaint_tax *tax, const struct items *it, int fmt,
                         const struct hugi_complaint_agg_cfg *cfg, struct hugi_store *st,
                         bool write)
{
    struct hugi_buf out;
    hugi_buf_init(&out, 0);
    int status = HUGI_EXIT_OK;
    size_t ngroups = 0;
    if (fmt == FMT_TABLE)
        hugi_buf_addf(&out, "%-9s  %-12s  %5s  %5s  %-5s  %-5s  %s\n", "KIND", "PRODUCT", "COUNT",
                      "TOTAL", "TREND", "STATE", "WHAT  \"EXAMPLE\"");
    struct hugi_complaint_rec *recs = calloc(it->n ? it->n : 1, sizeof *recs);
    if (!recs) {
        cli_error("out of memory");
        return HUGI_EXIT_FAIL;
    }
    for (size_t i = 0; i < it->n; i++) {
        const struct item *x = &it->v[i];
        recs[i].id = x->r.id;
        recs[i].key = x->key ? x->key : (int64_t)i + 1;
        recs[i].date = x->r.date;
        recs[i].negative = x->negative;
        recs[i].cats = x->cats;
        recs[i].score = x->score;
        recs[i].likes = x->r.likes;
        recs[i].text = x->r.text ? x->r.text : "";
        recs[i].text_len = strlen(recs[i].text);
    }
    double t0 = now_s();
    size_t start = 0;
    while (start < it->n && status == HUGI_EXIT_OK) {
        size_t end = start + 1;
        while (end < it->n && cmp_product(&it->v[start], &it->v[end]) == 0)
            end++;
        const char *product = it->v[start].r.product;
        struct hugi_complaint_groups groups;
        hugi_complaint_groups_init(&groups);
        struct hugi_err err;
        hugi_err_clear(&err);
        if (hugi_complaint_aggregate(tax, cfg, product, recs + start, end - start, NULL, 0, &groups,
                                     &err) != HUGI_OK) {
            cli_error_err("cannot aggregate complaints", &err);
            status = HUGI_EXIT_FAIL;
        }
        if (st && status == HUGI_EXIT_OK)
            status =
                sync_groups(st, tax, cfg, product, &groups, recs + start, it->v + start, write);
        for (size_t g = 0; g < groups.n && status == HUGI_EXIT_OK; g++) {
            hugi_rc rc =
                fmt == FMT_JSONL
                    ? group_json(tax, &groups.v[g], product, recs + start, it->v + start, &out)
                    : group_row(tax, &groups.v[g], product, recs + start, &out);
            if (rc != HUGI_OK) {
                cli_error("out of memory");
                status = HUGI_EXIT_FAIL;
            }
            ngroups++;
        }
        hugi_complaint_groups_release(&groups);
        start = end;
    }
    if (status == HUGI_EXIT_OK && out.len) /* no group in JSONL: out.data is NULL */
        fwrite(out.data, 1, out.len, stdout);
    cli_info("aggregated %zu reviews into %zu complaint groups in %.3f s", it->n, ngroups,
             now_s() - t0);
    free(recs);
    hugi_buf_release(&out);
    return status;
}

static bool parse_date(const char *s, int64_t *t)
{
    return hugi_time_parse_iso(s, strlen(s), t);
}

int hugi_cmd_complaints(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "learn") == 0)
        return hugi_cmd_complaints_learn(argc - 1, argv + 1);
    static const struct option longopts[] = {
        {"product", required_argument, NULL, OPT_PRODUCT},
        {"since", required_argument, NULL, OPT_SINCE},
        {"now", required_argument, NULL, OPT_NOW},
        {"format", required_argument, NULL, OPT_FORMAT},
        {"input", required_argument, NULL, OPT_INPUT},
        {"hourly", no_argument, NULL, OPT_HOURLY},
        {"categorize", no_argument, NULL, OPT_CATEGORIZE},
        {"lexicons", required_argument, NULL, OPT_LEXICONS},
        {"dry-run", no_argument, NULL, OPT_DRY_RUN},
        {"no-mask", no_argument, NULL, OPT_NO_MASK},
        CLI_COMMON_LONGOPTS,
        {NULL, 0, NULL, 0},
    };
    const char *product = NULL, *input = NULL, *lexdir = NULL, *fmtname = NULL;
    bool categorize = false, dry_run = false, no_mask = false;
    struct hugi_complaint_agg_cfg cfg;
    hugi_complaint_agg_cfg_init(&cfg);
    hugi_complaint_sev_cfg_init(&sev_cfg);
    cfg.now = hugi_now();
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, CLI_COMMON_SHORTOPTS, longopts, NULL)) != -1) {
        switch (c) {
        case 'h':
            fputs(usage, stdout);
            fputs(cli_common_help, stdout);
            return HUGI_EXIT_OK;
        case OPT_PRODUCT:
            product = optarg;
            break;
        case OPT_SINCE:
            if (!parse_date(optarg, &cfg.window_start))
                return cli_usage_error("complaints", "cannot parse date '%s'", optarg);
            break;
        case OPT_NOW:
            if (!parse_date(optarg, &cfg.now))
                return cli_usage_error("complaints", "cannot parse date '%s'", optarg);
            break;
        case OPT_FORMAT:
            fmtname = optarg;
            break;
        case OPT_INPUT:
            input = optarg;
            break;
        case OPT_HOURLY:
            cfg.bucket = 3600;
            cfg.baseline_buckets = 14 * 24;
            break;
        case OPT_CATEGORIZE:
            categorize = true;
            break;
        case OPT_LEXICONS:
            lexdir = optarg;
            break;
        case OPT_DRY_RUN:
            dry_run = true;
            break;
        case OPT_NO_MASK:
            no_mask = true;
            break;
        default:
            if (cli_common_opt(c, optarg))
                break;
            return cli_bad_option("complaints", c, argv);
        }
    }
    int fmt = FMT_TABLE;
    if (fmtname) {
        if (strcmp(fmtname, "table") == 0)
            fmt = FMT_TABLE;
        else if (strcmp(fmtname, "jsonl") == 0)
            fmt = FMT_JSONL;
        else if (strcmp(fmtname, "tsv") == 0 && categorize)
            fmt = FMT_TSV;
        else
            return cli_usage_error("complaints", "unknown format '%s'", fmtname);
    }
    if (!categorize && optind < argc)
        return cli_usage_error("complaints", "unexpected argument '%s'", argv[optind]);
    /* --categorize reads TEXT arguments or stdin: a file given with --input would be ignored
     * while the command waited on stdin, and a product filter would filter nothing */
    if (categorize && (input || product))
        return cli_usage_error("complaints",
                               "%s does not go with --categorize (texts come as arguments or "
                               "on standard input: --categorize < FILE)",
                               input ? "--input" : "--product");
    if (cfg.window_start != HUGI_NO_TIME && cfg.window_start >= cfg.now)
        return cli_usage_error("complaints", "--since must be before --now");

    char **extra = NULL;
    size_t nextra = 0;
    struct hugi_store *st = NULL;
#ifdef HAVE_STORE
    int ec = HUGI_EXIT_OK;
    struct hugi_config *conf = cli_config_load(&ec);
    if (!conf)
        return ec;
    if (apply_config(conf, &cfg) != HUGI_EXIT_OK) {
        hugi_config_free(conf);
        return HUGI_EXIT_USAGE;
    }
    bool mask = true;
    struct hugi_err merr;
    if (!hugi_config_bool(conf, "alerts", NULL, "mask_pii", &mask, &merr))
        mask_examples = mask;
    if (cfg.bucket == 3600)
        cfg.baseline_buckets *= 24;
    while (hugi_config_get_nth(conf, "complaints", NULL, "lexicon", nextra, NULL))
        nextra++;
    extra = calloc(nextra ? nextra : 1, sizeof *extra);
    /* relative to the config file, as every path it names */
    for (size_t i = 0; extra && i < nextra; i++)
        if (!(extra[i] = cli_conf_path(
                  conf, hugi_config_get_nth(conf, "complaints", NULL, "lexicon", i, NULL)))) {
            /* a NULL among the paths would reach the loader as a file name */
            for (size_t j = 0; j < i; j++)
                free(extra[j]);
            free(extra);
            extra = NULL;
        }
    if (!extra) {
        cli_error("out of memory");
        hugi_config_free(conf);
        return HUGI_EXIT_FAIL;
    }
#endif
    if (no_mask)
        mask_examples = false;
    struct hugi_buf dir;
    hugi_buf_init(&dir, 8192);
    if (lexdir)
        hugi_buf_addstr(&dir, lexdir);
    else
        hugi_buf_addf(&dir, "%s/lexicons/complaints", cli_data_dir());
    struct hugi_complaint_tax *tax = NULL;
    struct hugi_err err;
    hugi_err_clear(&err);
    int status = HUGI_EXIT_OK;
    if (!dir.data || cli_complaint_tax_load(&tax, dir.data, (const char *const *)extra,
                                            extra ? nextra : 0, &err) != HUGI_OK) {
        cli_error_err("cannot load complaint lexicons", &err);
        status = HUGI_EXIT_USAGE;
    }
    hugi_buf_release(&dir);
    struct items it = {0};
    if (status != HUGI_EXIT_OK) {
        /* reported above */
    } else if (categorize) {
        status = run_categorize(tax, fmt, argc - optind, argv + optind);
    } else if (input) {
        double t0 = now_s();
        status = read_input(input, product, tax, cfg.now, &it);
        cli_info("read %zu reviews in %.3f s", it.n, now_s() - t0);
    } else {
#ifdef HAVE_STORE
        st = cli_store_open(conf, true, &ec);
        if (!st) {
            status = ec;
        } else {
            /* the window, the spike baseline before it, and 90 days of history for phrases */
            int64_t ws = cfg.window_start != HUGI_NO_TIME
                             ? cfg.window_start
                             : cfg.now - (int64_t)cfg.window_days * 86400;
            int64_t back = (int64_t)cfg.baseline_buckets * cfg.bucket;
            if (back < 90 * 86400)
                back = 90 * 86400;
            double t0 = now_s();
            status = read_store(st, product, ws - back, cfg.now, tax, &it);
            cli_info("read %zu reviews from the store in %.3f s", it.n, now_s() - t0);
        }
#else
        cli_error("no reviews to read: give --input FILE (the store stage is not in this build)");
        status = HUGI_EXIT_USAGE;
#endif
    }
    if (!categorize && tax && status != HUGI_EXIT_FAIL && status != HUGI_EXIT_USAGE) {
        if (it.n > 1)
            qsort(it.v, it.n, sizeof *it.v, cmp_product);
        int rs = run_aggregate(tax, &it, fmt, &cfg, st, !dry_run);
        if (rs != HUGI_EXIT_OK)
            status = rs;
    }
    items_release(&it);
#ifdef HAVE_STORE
    hugi_store_close(st);
    hugi_config_free(conf);
#endif
    for (size_t i = 0; extra && i < nextra; i++)
        free(extra[i]);
    free(extra);
    sent_cli_text_negative_done();
    hugi_complaint_tax_free(tax);
    return status;
}
