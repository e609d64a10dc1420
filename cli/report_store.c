/* SPDX-License-Identifier: MIT
 * The store side of `hugi report`, `alerts`, `ack` and `scan`: configuration into report
 * options, and alerts and scored reviews from the store into a batch. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yajl/yajl_tree.h>

#include "cli.h"
#include "hugi/config.h"
#include "hugi/store.h"
#include "report_cli.h"
#include "source_cfg.h"

int rcli_config(struct hugi_config **out)
{
    int code = HUGI_EXIT_OK;
    *out = cli_config_load(&code);
    return *out ? HUGI_EXIT_OK : (code ? code : HUGI_EXIT_FAIL);
}

int rcli_opts(const struct hugi_config *c, struct hugi_report_opts *o)
{
    hugi_report_opts_init(o);
    static const char *const sla[] = {"sla_low", "sla_medium", "sla_high", "sla_critical"};
    struct hugi_err err;
    hugi_err_clear(&err);
    for (int i = 0; i < 4; i++) {
        double secs;
        if (hugi_config_duration(c, "alerts", NULL, sla[i], &secs, &err)) {
            cli_error_err("configuration", &err);
            return HUGI_EXIT_USAGE;
        }
        o->sla[i] = (int64_t)secs;
    }
    const char *v = hugi_config_value(c, "alerts", NULL, "min_severity");
    if (v)
        hugi_alert_sev_parse(v, &o->min_severity);
    bool b;
    if (!hugi_config_bool(c, "alerts", NULL, "mask_pii", &b, &err))
        o->mask_pii = b;
    if (!hugi_config_bool(c, "alerts", NULL, "thank_positive", &b, &err))
        o->thank_positive = b;
    o->shop = hugi_config_value(c, "alerts", NULL, "shop_name");
    o->channel = hugi_config_value(c, "alerts", NULL, "channel");
    o->shop_en = hugi_config_value(c, "alerts", NULL, "shop_name_en");
    o->channel_en = hugi_config_value(c, "alerts", NULL, "channel_en");
    if (hugi_config_get(c, "alerts", NULL, "timezone", NULL)) {
        if (hugi_config_tz(c, "alerts", NULL, "timezone", &o->tz, &err)) {
            cli_error_err("configuration", &err);
            return HUGI_EXIT_USAGE;
        }
        o->zoned = true;
    }
    return HUGI_EXIT_OK;
}

int rcli_store_open(const struct hugi_config *c, enum rcli_open mode, struct hugi_store **out)
{
    int code = HUGI_EXIT_FAIL;
    *out = cli_store_open(c, mode != RCLI_CREATE, &code);
    return *out ? HUGI_EXIT_OK : code;
}

char *rcli_conf_dir(const struct hugi_config *c, const char *section, const char *key,
                    const char *def)
{
    const char *p = hugi_config_value(c, section, NULL, key);
    if (!p || !*p)
        p = def;
    return cli_conf_path(c, p);
}

hugi_rc rcli_products_from_config(const struct hugi_config *c, struct rbatch *b)
{
    size_t n = hugi_config_subsection_count(c, "product");
    for (size_t i = 0; i < n; i++) {
        const char *id = hugi_config_subsection(c, "product", i);
        hugi_rc rc = rbatch_add_product(b, id, hugi_config_value(c, "product", id, "name"));
        if (rc)
            return rc;
    }
    return HUGI_OK;
}

/* A store row into an alert: the report stage's own JSON when the row has it, the columns
 * otherwise; status and ack always from the columns (ack changes them later). */
hugi_rc rcli_alert_from_store(const struct hugi_store_alert *s, struct hugi_alert *a)
{
    struct hugi_err err;
    hugi_rc rc = HUGI_E_NOTFOUND;
    if (s->data_json)
        rc = hugi_alert_from_json(s->data_json, strlen(s->data_json), a, &err);
    if (rc) {
        hugi_alert_init(a);
        a->id = hugi_strdup(s->id);
        hugi_alert_kind_parse(s->kind, &a->kind);
        hugi_alert_sev_parse(s->severity, &a->severity);
        a->product = hugi_strdup(s->product);
        a->source = hugi_strdup(s->source);
        a->summary = hugi_strdup(s->summary);
        a->reply = hugi_strdup(s->reply);
        a->channel = hugi_strdup(s->channel);
        a->score = s->score;
        a->due = s->due;
        a->review.id = hugi_strdup(s->review_id);
        a->review_version = s->review_version;
        if (!a->id)
            return HUGI_E_NOMEM;
    }
    free(a->status);
    a->status = hugi_strdup(s->status ? s->status : "open");
    a->created = s->created_at;
    a->acked_at = s->acked_at;
    free(a->acked_by);
    a->acked_by = hugi_strdup(s->acked_by);
    free(a->ack_note);
    a->ack_note = hugi_strdup(s->note);
    return a->status ? HUGI_OK : HUGI_E_NOMEM;
}

struct load_ctx {
    struct rbatch *b;
    hugi_rc rc;
};

static int on_alert(const struct hugi_store_alert *s, void *ctx)
{
    struct load_ctx *lc = ctx;
    struct hugi_alert a;
    lc->rc = rcli_alert_from_store(s, &a);
    if (!lc->rc)
        lc->rc = rbatch_add_alert(lc->b, &a, NULL);
    hugi_alert_release(&a);
    return lc->rc != HUGI_OK;
}

hugi_rc rcli_load_alerts(struct hugi_store *st, const char *product, bool only_open,
                         struct rbatch *b, struct hugi_err *err)
{
    struct hugi_store_alert_filter f;
    hugi_store_alert_filter_init(&f);
    f.product = product;
    f.only_open = only_open;
    struct load_ctx lc = {b, HUGI_OK};
    hugi_rc rc = hugi_store_alerts_each(st, &f, on_alert, &lc, err);
    if (!rc && lc.rc)
        rc = hugi_err_set(err, lc.rc, NULL, "cannot read alerts");
    return rc;
}

/* ["delivery","service"] into a vector. */
static void parse_cats(const char *json, char ***v, size_t *n)
{
    *v = NULL;
    *n = 0;
    if (!json)
        return;
    char ebuf[64];
    yajl_val root = yajl_tree_parse(json, ebuf, sizeof ebuf);
    if (root && YAJL_IS_ARRAY(root) && root->u.array.len) {
        *v = calloc(root->u.array.len, sizeof **v);
        for (size_t i = 0; *v && i < root->u.array.len; i++) {
            yajl_val e = root->u.array.values[i];
            const char *s = YAJL_IS_STRING(e) ? e->u.string : NULL;
            if (!s && YAJL_IS_OBJECT(e)) {
                const char *p[] = {"category", NULL};
                yajl_val c = yajl_tree_get(e, p, yajl_t_string);
                s = c ? c->u.string : NULL;
            }
            if (s && ((*v)[*n] = hugi_strdup(s)))
                (*n)++;
        }
    }
    yajl_tree_free(root);
}

static int on_review(const struct hugi_stored_review *r, void *ctx)
{
    struct load_ctx *lc = ctx;
    char **cats;
    size_t n;
    parse_cats(r->categories_json, &cats, &n);
    const char *verdict = r->scored ? (r->verdict ? r->verdict : r->label) : NULL;
    lc->rc = rbatch_add_review(lc->b, &r->review, r->scored ? r->score : NAN, verdict, cats, n);
    for (size_t i = 0; i < n; i++)
        free(cats[i]);
    free(cats);
    if (!lc->rc)
        lc->rc = rbatch_add_product(lc->b, r->review.product, NULL);
    return lc->rc != HUGI_OK;
}

hugi_rc rcli_load_reviews(struct hugi_store *st, const char *product, int64_t since,
                          struct rbatch *b, struct hugi_err *err)
{
    struct hugi_store_review_filter f;
    hugi_store_review_filter_init(&f);
    f.product = product;
    f.since = since;
    struct load_ctx lc = {b, HUGI_OK};
    hugi_rc rc = hugi_store_reviews_each(st, &f, on_review, &lc, err);
    if (!rc && lc.rc)
        rc = hugi_err_set(err, lc.rc, NULL, "cannot read reviews");
    return rc;
}

int rcli_report_from_store(const struct hugi_config *c, const char *product, int64_t since,
                           struct rbatch *b)
{
    struct hugi_store *st = NULL;
    int ret = rcli_store_open(c, RCLI_READONLY, &st);
    if (ret)
        return ret;
    struct hugi_err err;
    hugi_err_clear(&err);
    /* the category trend needs two weeks whatever the period shown */
    int64_t from = hugi_now() - 14 * 86400;
    if (since != HUGI_NO_TIME && since < from)
        from = since;
    if (!product && rcli_products_from_config(c, b))
        ret = HUGI_EXIT_FAIL;
    if (!ret && product &&
        rbatch_add_product(b, product, hugi_config_value(c, "product", product, "name")))
        ret = HUGI_EXIT_FAIL;
    if (!ret && (rcli_load_reviews(st, product, from, b, &err) ||
                 rcli_load_alerts(st, product, false, b, &err))) {
        cli_error_err("cannot read the store", &err);
        ret = HUGI_EXIT_FAIL;
    }
    hugi_store_close(st);
    return ret;
}

struct hugi_templates *rcli_templates_cfg(const struct hugi_config *c, const char *override)
{
    if (override)
        return rcli_templates(override);
    /* [alerts] templates is relative to the config file, as every folder it names */
    const char *v = hugi_config_value(c, "alerts", NULL, "templates");
    if (!v || !*v)
        return rcli_templates(NULL);
    char *dir = cli_conf_path(c, v);
    struct hugi_templates *t = dir ? rcli_templates(dir) : NULL;
    free(dir);
    return t;
}

int rcli_refresh_open(const struct hugi_config *c, struct hugi_store *st,
                      const struct hugi_report_opts *o)
{
    struct rbatch b;
    rbatch_init(&b);
    struct hugi_err err;
    hugi_err_clear(&err);
    char *dir = rcli_conf_dir(c, "alerts", "dir", "alerts");
    int ret = HUGI_EXIT_OK;
    if (!dir || rcli_load_alerts(st, NULL, true, &b, &err) ||
        hugi_report_write_open(dir, b.alerts, b.nalerts, o->mask_pii, &err)) {
        cli_error_err("cannot write open-alerts.csv", &err);
        ret = HUGI_EXIT_FAIL;
    }
    free(dir);
    rbatch_release(&b);
    return ret;
}

int rcli_write_digest(const struct hugi_config *c, const struct hugi_report_opts *o, int64_t now,
                      bool only_if_there)
{
    char *rdir = rcli_conf_dir(c, "report", "dir", "reports");
    if (!rdir) {
        cli_error("out of memory");
        return HUGI_EXIT_FAIL;
    }
    const char *formats = hugi_config_value(c, "report", NULL, "formats");
    static const char *const fmts[] = {"html", "md"};
    struct hugi_buf path;
    hugi_buf_init(&path, 0);
    bool want[2] = {false, false}, any = false;
    for (int k = 0; k < 2; k++) {
        want[k] = !formats || cli_list_has(formats, fmts[k]);
        hugi_buf_reset(&path);
        hugi_buf_addf(&path, "%s/digest.%s", rdir, fmts[k]);
        any |= want[k] && path.data && access(path.data, F_OK) == 0;
    }
    hugi_buf_release(&path);
    if (only_if_there && !any) {
        free(rdir);
        return HUGI_EXIT_OK;
    }
    struct hugi_err err;
    hugi_err_clear(&err);
    struct rbatch b;
    rbatch_init(&b);
    int ret = rcli_report_from_store(c, NULL, HUGI_NO_TIME, &b);
    if (!ret && hugi_report_mkdirs(rdir, &err)) {
        cli_error_err("cannot write the digest", &err);
        ret = HUGI_EXIT_FAIL;
    }
    for (int k = 0; k < 2 && !ret; k++) {
        if (!want[k])
            continue;
        struct hugi_buf out;
        hugi_buf_init(&out, 0);
        hugi_buf_init(&path, 0);
        hugi_rc rc = rcli_digest(&b, o, now, HUGI_NO_TIME, NULL,
                                 k ? HUGI_DIGEST_MD : HUGI_DIGEST_HTML, &out, &err);
        if (!rc && (rc = hugi_buf_addf(&path, "%s/digest.%s", rdir, fmts[k])))
            hugi_err_set(&err, rc, rdir, "out of memory");
        if (!rc)
            rc = hugi_report_write_atomic(path.data, out.data ? out.data : "", out.len, &err);
        if (rc) {
            cli_error_err("cannot write the digest", &err);
            ret = HUGI_EXIT_FAIL;
        }
        hugi_buf_release(&out);
        hugi_buf_release(&path);
    }
    rbatch_release(&b);
    free(rdir);
    return ret;
}
