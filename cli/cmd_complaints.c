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
#include "hugi/complaint.h"
#include "hugi/review.h"

static const char usage[] =
    "usage: hugi complaints [--product ID] [--since DATE] [--format table|jsonl] [--input FILE]\n"
    "       hugi complaints --categorize [--format table|jsonl|tsv] [TEXT...]\n"
    "\n"
    "Show recurring, spiking and emerging complaints per product, or the complaint categories\n"
    "of texts (arguments, or stdin one text a line) with --categorize.\n"
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
    "\n";

enum { FMT_TABLE, FMT_JSONL, FMT_TSV };

enum {
    OPT_PRODUCT = 0x2001,
    OPT_SINCE,
    OPT_NOW,
    OPT_FORMAT,
    OPT_INPUT,
    OPT_HOURLY,
    OPT_CATEGORIZE,
    OPT_LEXICONS,
};

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ---- --categorize --------------------------------------------------------------------------- */

static int categorize_one(const struct hugi_complaint_tax *tax, struct hugi_complaint_match *m,
                          const char *text, size_t len, int fmt, struct hugi_buf *out)
{
    struct hugi_err err;
    hugi_err_clear(&err);
    if (hugi_complaint_categorize(tax, text, len, m, &err) != HUGI_OK) {
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
    struct hugi_complaint_sev_cfg sc;
    hugi_complaint_sev_cfg_init(&sc);
    while ((n = getline(&line, &cap, fp)) >= 0) {
        lineno++;
        size_t len = (size_t)n;
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            len--;
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
        } else if (item.r.text && hugi_complaint_categorize(tax, item.r.text, strlen(item.r.text),
                                                            &m, &err) == HUGI_OK) {
            item.cats = m.cats;
        }
        if (label)
            item.negative = strcmp(label, "neg") == 0;
        else if (!isnan(item.score))
            item.negative = item.score <= sc.neg_score;
        else if (!isnan(item.r.rating))
            item.negative = item.r.rating <= sc.neg_rating;
        else
            item.negative = item.cats != 0;
        struct hugi_complaint_sev_in si = {item.score, item.r.rating, item.cats, item.r.likes,
                                           -1,         item.r.date,   now};
        if (root) {
            double rp = num_key(root, "replies");
            si.replies = rp >= 0 ? (long)rp : -1;
        }
        item.sev = hugi_complaint_severity(tax, &sc, &si);
        if (root)
            yajl_tree_free(root);
        if (it->n == it->cap) {
            size_t nc = it->cap ? it->cap * 2 : 256;
            struct item *nv = realloc(it->v, nc * sizeof *nv);
            if (!nv) {
                hugi_review_release(&item.r);
                cli_error("out of memory");
                status = HUGI_EXIT_FAIL;
                break;
            }
            it->v = nv;
            it->cap = nc;
        }
        it->v[it->n++] = item;
    }
    free(line);
    hugi_complaint_match_release(&m);
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
        rc = hugi_buf_addstr(out, "],\"examples\":[");
    for (int i = 0; rc == HUGI_OK && i < g->nexamples; i++) {
        const struct hugi_complaint_rec *r = &recs[g->examples[i]];
        size_t el = hugi_utf8_prefix(r->text, r->text_len, 200);
        rc = hugi_buf_addf(out, "%s{\"id\":", i ? "," : "");
        if (rc == HUGI_OK)
            rc = hugi_json_strz(out, r->id);
        if (rc == HUGI_OK)
            rc = hugi_buf_addstr(out, ",\"text\":");
        if (rc == HUGI_OK)
            rc = hugi_json_str(out, r->text, el);
        if (rc == HUGI_OK)
            rc = hugi_buf_addf(out, ",\"severity\":\"%s\"}",
                               hugi_complaint_severity_name(items[g->examples[i]].sev));
    }
    if (rc == HUGI_OK)
        rc = hugi_buf_addstr(out, "]}\n");
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
        const struct hugi_complaint_rec *r = &recs[g->examples[0]];
        size_t el = hugi_utf8_prefix(r->text, r->text_len, 60);
        rc = hugi_buf_addstr(out, "  \"");
        for (size_t i = 0; rc == HUGI_OK && i < el; i++)
            rc = hugi_buf_addc(out, (r->text[i] == '\n' || r->text[i] == '\t') ? ' ' : r->text[i]);
        if (rc == HUGI_OK)
            rc = hugi_buf_addc(out, '"');
    }
    if (rc == HUGI_OK)
        rc = hugi_buf_addc(out, '\n');
    return rc;
}

static int run_aggregate(const struct hugi_complaint_tax *tax, const struct items *it, int fmt,
                         const struct hugi_complaint_agg_cfg *cfg)
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
        recs[i].key = (int64_t)i + 1;
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
    if (status == HUGI_EXIT_OK)
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
    static const struct option longopts[] = {
        {"product", required_argument, NULL, OPT_PRODUCT},
        {"since", required_argument, NULL, OPT_SINCE},
        {"now", required_argument, NULL, OPT_NOW},
        {"format", required_argument, NULL, OPT_FORMAT},
        {"input", required_argument, NULL, OPT_INPUT},
        {"hourly", no_argument, NULL, OPT_HOURLY},
        {"categorize", no_argument, NULL, OPT_CATEGORIZE},
        {"lexicons", required_argument, NULL, OPT_LEXICONS},
        CLI_COMMON_LONGOPTS,
        {NULL, 0, NULL, 0},
    };
    const char *product = NULL, *input = NULL, *lexdir = NULL, *fmtname = NULL;
    bool categorize = false;
    struct hugi_complaint_agg_cfg cfg;
    hugi_complaint_agg_cfg_init(&cfg);
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
        default:
            if (cli_common_opt(c, optarg))
                break;
            return cli_usage_error("complaints", "unknown option");
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
    if (cfg.window_start != HUGI_NO_TIME && cfg.window_start >= cfg.now)
        return cli_usage_error("complaints", "--since must be before --now");

    struct hugi_buf dir;
    hugi_buf_init(&dir, 8192);
    if (lexdir)
        hugi_buf_addstr(&dir, lexdir);
    else
        hugi_buf_addf(&dir, "%s/lexicons/complaints", cli_data_dir());
    struct hugi_complaint_tax *tax = NULL;
    struct hugi_err err;
    hugi_err_clear(&err);
    if (!dir.data || hugi_complaint_tax_load(&tax, dir.data, &err) != HUGI_OK) {
        cli_error_err("cannot load complaint lexicons", &err);
        hugi_buf_release(&dir);
        return HUGI_EXIT_USAGE;
    }
    hugi_buf_release(&dir);
    int status;
    if (categorize) {
        status = run_categorize(tax, fmt, argc - optind, argv + optind);
    } else if (!input) {
        cli_error("no reviews to read: give --input FILE (reading the store comes with the store "
                  "stage)");
        status = HUGI_EXIT_USAGE;
    } else {
        struct items it = {0};
        double t0 = now_s();
        status = read_input(input, product, tax, cfg.now, &it);
        cli_info("read %zu reviews in %.3f s", it.n, now_s() - t0);
        if (status != HUGI_EXIT_FAIL) {
            if (it.n > 1)
                qsort(it.v, it.n, sizeof *it.v, cmp_product);
            int st = run_aggregate(tax, &it, fmt, &cfg);
            if (st != HUGI_EXIT_OK)
                status = st;
        }
        items_release(&it);
    }
    hugi_complaint_tax_free(tax);
    return status;
}
