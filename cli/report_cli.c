/* SPDX-License-Identifier: MIT
 * Shared by cmd_report.c, cmd_alerts.c, cmd_ack.c and cmd_scan.c: the in-memory batch of alerts
 * and scored reviews, and the input-file reader behind `hugi report --input` (the data-driven
 * tests feed the report stage through it without a store). */
#include "report_cli.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

void rbatch_init(struct rbatch *b)
{
    memset(b, 0, sizeof *b);
}

void rbatch_release(struct rbatch *b)
{
    for (size_t i = 0; i < b->nalerts; i++)
        hugi_alert_release(&b->alerts[i]);
    free(b->alerts);
    for (size_t i = 0; i < b->nreviews; i++) {
        hugi_review_release(&b->reviews[i]);
        free(b->verdicts[i]);
        for (size_t k = 0; k < b->ncats[i]; k++)
            free(b->cats[i][k]);
        free(b->cats[i]);
    }
    free(b->reviews);
    free(b->verdicts);
    free(b->cats);
    free(b->ncats);
    free(b->scores);
    for (size_t i = 0; i < b->nproducts; i++) {
        free((char *)b->products[i].id);
        free((char *)b->products[i].name);
    }
    free(b->products);
    rbatch_init(b);
}

struct hugi_alert *rbatch_find_alert(struct rbatch *b, const char *id)
{
    for (size_t i = 0; i < b->nalerts; i++)
        if (hugi_str_eq(b->alerts[i].id, id))
            return &b->alerts[i];
    return NULL;
}

hugi_rc rbatch_add_alert(struct rbatch *b, struct hugi_alert *a, bool *added)
{
    if (added)
        *added = false;
    if (rbatch_find_alert(b, a->id)) {
        hugi_alert_release(a);
        return HUGI_OK;
    }
    if (b->nalerts == b->capalerts) {
        size_t cap = b->capalerts ? b->capalerts * 2 : 32;
        struct hugi_alert *v = realloc(b->alerts, cap * sizeof *v);
        if (!v)
            return HUGI_E_NOMEM;
        b->alerts = v;
        b->capalerts = cap;
    }
    b->alerts[b->nalerts++] = *a;
    hugi_alert_init(a);
    if (added)
        *added = true;
    return HUGI_OK;
}

static bool grow(void **p, size_t size, size_t cap)
{
    void *v = realloc(*p, size * cap);
    if (!v)
        return false;
    *p = v;
    return true;
}

hugi_rc rbatch_add_review(struct rbatch *b, const struct hugi_review *r, double score,
                          const char *verdict, char *const *cats, size_t ncats)
{
    if (b->nreviews == b->capreviews) {
        size_t cap = b->capreviews ? b->capreviews * 2 : 64;
        if (!grow((void **)&b->reviews, sizeof *b->reviews, cap) ||
            !grow((void **)&b->verdicts, sizeof *b->verdicts, cap) ||
            !grow((void **)&b->cats, sizeof *b->cats, cap) ||
            !grow((void **)&b->ncats, sizeof *b->ncats, cap) ||
            !grow((void **)&b->scores, sizeof *b->scores, cap))
            return HUGI_E_NOMEM;
        b->capreviews = cap;
    }
    size_t i = b->nreviews;
    hugi_rc rc = hugi_review_copy(&b->reviews[i], r);
    if (rc)
        return rc;
    b->verdicts[i] = hugi_strdup(verdict);
    b->scores[i] = score;
    b->ncats[i] = 0;
    b->cats[i] = ncats ? calloc(ncats, sizeof(char *)) : NULL;
    b->nreviews++;
    if ((verdict && !b->verdicts[i]) || (ncats && !b->cats[i]))
        return HUGI_E_NOMEM;
    for (size_t k = 0; k < ncats; k++) {
        if (!(b->cats[i][k] = hugi_strdup(cats[k])))
            return HUGI_E_NOMEM;
        b->ncats[i]++;
    }
    return HUGI_OK;
}

hugi_rc rbatch_add_product(struct rbatch *b, const char *id, const char *name)
{
    for (size_t i = 0; i < b->nproducts; i++)
        if (hugi_str_eq(b->products[i].id, id))
            return HUGI_OK;
    if (!grow((void **)&b->products, sizeof *b->products, b->nproducts + 1))
        return HUGI_E_NOMEM;
    struct hugi_digest_product *p = &b->products[b->nproducts];
    p->id = hugi_strdup(id);
    p->name = hugi_strdup(name);
    b->nproducts++;
    return HUGI_OK;
}

struct hugi_templates *rcli_templates(const char *dir)
{
    struct hugi_buf path;
    hugi_buf_init(&path, 0);
    if (!dir || !*dir) {
        hugi_buf_addf(&path, "%s/templates", cli_data_dir());
        dir = path.data;
    }
    struct hugi_templates *t = NULL;
    struct hugi_err err;
    hugi_err_clear(&err);
    if (hugi_templates_load(dir, &t, &err))
        cli_error_err("cannot load reply templates", &err);
    hugi_buf_release(&path);
    return t;
}

static const char *product_name_of(const struct rbatch *b, const char *id)
{
    for (size_t i = 0; i < b->nproducts; i++)
        if (hugi_str_eq(b->products[i].id, id))
            return b->products[i].name;
    return NULL;
}

static hugi_rc input_line(struct hugi_report_input *in, const struct hugi_report_opts *o,
                          const struct hugi_templates *t, int64_t now, struct rbatch *b,
                          struct hugi_err *err)
{
    struct hugi_alert a;
    hugi_alert_init(&a);
    hugi_rc rc = HUGI_OK;
    if (in->type == HUGI_INPUT_REVIEW) {
        const char *verdict = in->verdict ? in->verdict : in->label;
        /* a later version of the same review replaces the earlier one in the charts */
        for (size_t i = 0; i < b->nreviews; i++)
            if (hugi_str_eq(b->reviews[i].source, in->review.source) &&
                hugi_str_eq(b->reviews[i].id, in->review.id)) {
                hugi_review_release(&b->reviews[i]);
                free(b->verdicts[i]);
                for (size_t k = 0; k < b->ncats[i]; k++)
                    free(b->cats[i][k]);
                free(b->cats[i]);
                b->nreviews--;
                memmove(&b->reviews[i], &b->reviews[i + 1], (b->nreviews - i) * sizeof *b->reviews);
                memmove(&b->verdicts[i], &b->verdicts[i + 1],
                        (b->nreviews - i) * sizeof *b->verdicts);
                memmove(&b->cats[i], &b->cats[i + 1], (b->nreviews - i) * sizeof *b->cats);
                memmove(&b->ncats[i], &b->ncats[i + 1], (b->nreviews - i) * sizeof *b->ncats);
                memmove(&b->scores[i], &b->scores[i + 1], (b->nreviews - i) * sizeof *b->scores);
                break;
            }
        rc = rbatch_add_review(b, &in->review, in->score, verdict, in->categories, in->ncategories);
        if (!rc)
            rc = rbatch_add_product(b, in->review.product, NULL);
        if (rc)
            return hugi_err_set(err, rc, NULL, "out of memory");
        struct hugi_report_score s = {
            .score = in->score,
            .label = in->label,
            .verdict = in->verdict,
            .severity = in->severity,
            .categories = (const char *const *)in->categories,
            .ncategories = in->ncategories,
            .evidence = (const char *const *)in->evidence,
            .nevidence = in->nevidence,
        };
        bool raised = false;
        rc = hugi_report_alert_review(o, t, &in->review, product_name_of(b, in->review.product),
                                      in->version, in->edited, &s, now, &a, &raised, err);
        if (!rc && raised)
            rc = rbatch_add_alert(b, &a, NULL);
    } else if (in->type == HUGI_INPUT_GROUP) {
        struct hugi_report_group g = {
            .key = in->key,
            .kind = in->kind,
            .product = in->review.product,
            .product_name = product_name_of(b, in->review.product),
            .category = in->category,
            .phrase = in->phrase,
            .count = in->count,
            .total = in->total,
            .baseline = in->baseline,
            .examples = in->examples,
            .nexamples = in->nexamples,
        };
        rc = hugi_report_alert_group(o, t, &g, now, &a, err);
        if (!rc)
            rc = rbatch_add_alert(b, &a, NULL);
    } else {
        struct hugi_alert *x = rbatch_find_alert(b, in->ack_id);
        if (!x)
            return hugi_err_set(err, HUGI_E_NOTFOUND, "$.ack.id", "no alert '%s'", in->ack_id);
        free(x->status);
        x->status = hugi_strdup("acked");
        x->acked_at = in->ack_at != HUGI_NO_TIME ? in->ack_at : now;
        free(x->acked_by);
        x->acked_by = hugi_strdup(in->ack_by);
        free(x->ack_note);
        x->ack_note = hugi_strdup(in->ack_note);
    }
    hugi_alert_release(&a);
    return rc;
}

int rcli_read_input(const char *path, const char *product, const struct hugi_report_opts *o,
                    const struct hugi_templates *t, int64_t now, struct rbatch *b)
{
    FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
    if (!f) {
        cli_error("cannot open '%s': %s", path, strerror(errno));
        return HUGI_EXIT_FAIL;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    long lineno = 0;
    int ret = HUGI_EXIT_OK;
    while ((n = getline(&line, &cap, f)) >= 0) {
        lineno++;
        size_t len = (size_t)n;
        while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            len--;
        if (lineno == 1) {
            size_t bom = cli_bom_len(line, len);
            memmove(line, line + bom, len - bom);
            len -= bom;
        }
        size_t tl;
        hugi_str_trim(line, len, &tl);
        if (!tl || line[0] == '#')
            continue;
        struct hugi_report_input in;
        struct hugi_err err;
        hugi_err_clear(&err);
        hugi_rc rc = hugi_report_input_parse(line, len, &in, &err);
        if (!rc) {
            /* --product: reviews, groups and acks of other products are skipped */
            bool keep = !product || hugi_str_eq(in.review.product, product);
            if (in.type == HUGI_INPUT_ACK)
                keep = !product || rbatch_find_alert(b, in.ack_id);
            if (keep)
                rc = input_line(&in, o, t, now, b, &err);
            hugi_report_input_release(&in);
        }
        if (rc) {
            char msg[600];
            hugi_err_format(&err, msg, sizeof msg);
            cli_error("%s:%ld: %s", strcmp(path, "-") ? path : "<stdin>", lineno, msg);
            ret = HUGI_EXIT_FAIL;
            break;
        }
    }
    free(line);
    /* a directory, or an I/O error, ends getline() as the end of the file would */
    if (!ret && ferror(f)) {
        cli_error("cannot read '%s': %s", path, strerror(errno));
        ret = HUGI_EXIT_FAIL;
    }
    if (f != stdin)
        fclose(f);
    return ret;
}

hugi_rc rcli_digest(const struct rbatch *b, const struct hugi_report_opts *o, int64_t now,
                    int64_t since, const char *title, enum hugi_digest_format f,
                    struct hugi_buf *out, struct hugi_err *err)
{
    struct hugi_digest_item *items = calloc(b->nreviews + 1, sizeof *items);
    if (!items)
        return hugi_err_set(err, HUGI_E_NOMEM, NULL, "out of memory");
    for (size_t i = 0; i < b->nreviews; i++) {
        items[i].review = &b->reviews[i];
        items[i].score = b->scores[i];
        items[i].verdict = b->verdicts[i];
        items[i].categories = (const char *const *)b->cats[i];
        items[i].ncategories = b->ncats[i];
    }
    struct hugi_digest_input in = {
        .title = title,
        .now = now,
        .since = since,
        .products = b->products,
        .nproducts = b->nproducts,
        .items = items,
        .nitems = b->nreviews,
        .alerts = b->alerts,
        .nalerts = b->nalerts,
        .opts = o,
    };
    hugi_rc rc = hugi_report_digest(&in, f, out, err);
    free(items);
    return rc;
}

hugi_rc rcli_alerts_out(const struct rbatch *b, bool csv, bool mask, struct hugi_buf *out)
{
    hugi_rc rc = HUGI_OK;
    if (csv) {
        rc = hugi_buf_addstr(out, HUGI_CSV_BOM);
        if (!rc)
            rc = hugi_alert_csv_header(out);
    }
    for (size_t i = 0; !rc && i < b->nalerts; i++)
        rc = csv ? hugi_alert_csv_row(&b->alerts[i], mask, out)
                 : hugi_alert_to_json(&b->alerts[i], mask, out);
    return rc;
}

bool rcli_parse_since(const char *s, int64_t now, int64_t *out)
{
    size_t len = strlen(s);
    if (hugi_time_parse_iso(s, len, out))
        return true;
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (errno || end == s || v < 0 || v > 1e6)
        return false;
    double mul = 0;
    if (!strcmp(end, "h"))
        mul = 3600;
    else if (!strcmp(end, "d"))
        mul = 86400;
    else if (!strcmp(end, "w"))
        mul = 7 * 86400;
    if (!mul)
        return false;
    *out = now - (int64_t)(v * mul);
    return true;
}

bool rcli_write_stdout(const struct hugi_buf *buf)
{
    if (buf->len && fwrite(buf->data, 1, buf->len, stdout) != buf->len) {
        cli_error("cannot write to standard output: %s", strerror(errno));
        return false;
    }
    if (fflush(stdout)) {
        cli_error("cannot write to standard output: %s", strerror(errno));
        return false;
    }
    return true;
}
