/* SPDX-License-Identifier: MIT
 * `hugi complaints learn`: learns the complaint categories' linear model (learned.tsv) from
 * hand-labelled sets (id<TAB>categories<TAB>text, the tests/data/complaints-*.tsv format), and
 * measures it honestly: --crossfit K learns each fold's model without that fold and compares
 * patterns alone with patterns + learned on every row; --eval FILE measures a set that was not
 * learned from. Rows of Korean app reviews ship as "@ref N H" (their source has no licence) and
 * are read from the development data (--shared), as tests/unit/test_complaint_eval.c does.
 */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "complaints_learn.h"
#include "hugi/complaint.h"
#include "hugi/sent.h"
#include "sent_cli.h"

static const char usage[] =
    "usage: hugi complaints learn [options] FILE...\n"
    "\n"
    "Learn the complaint categories' model (lexicons/complaints/learned.tsv) from labelled sets\n"
    "(id<TAB>categories<TAB>text), or measure it (--crossfit, --eval).\n"
    "\n"
    "Options:\n"
    "      --out FILE          write the model to FILE (default: stdout)\n"
    "      --shared DIR        development data holding data/ko/apps-dev-rated.tsv, for the\n"
    "                          '@ref' rows (default: $HUGI_SHARED_DIR, else <datadir>/../shared);\n"
    "                          without it those rows are skipped\n"
    "      --lexicons DIR      complaint lexicons (default <datadir>/lexicons/complaints)\n"
    "      --method M          lr (logistic regression, the default) or logodds\n"
    "      --l2 X              L2 strength per row (default 0.001)\n"
    "      --epochs N          logistic regression passes (default 20)\n"
    "      --min-count N       a feature in at least N rows (default 2)\n"
    "      --max-features N    features kept per category (default 400)\n"
    "      --folds N           cross-validation folds for the thresholds (default 5)\n"
    "      --min-pos N         rows a category needs to be learned (default 5)\n"
    "      --min-gain N        true hits a threshold must add (default 2)\n"
    "      --min-precision X   of the hits a threshold adds (default 0.5)\n"
    "      --veto              also learn thresholds that drop weak pattern hits\n"
    "      --alone             thresholds by the model's own F1 (not patterns + model)\n"
    "      --critical          learn the critical categories only (learned-critical.tsv): each\n"
    "                          adds at the lowest score whose cross-validated precision (the\n"
    "                          model alone, complaint-context rows) is --min-precision; no veto\n"
    "      --seed N            row order and folds (default 1)\n"
    "      --pool N            also learn from N (0: all) 1-2 star app reviews of the\n"
    "                          development data, labelled by the patterns (not those of any\n"
    "                          labelled or --exclude file)\n"
    "      --pool-weight X     weight of a pool row against a labelled one (default 0.3)\n"
    "      --exclude FILE      a labelled set whose app rows stay out of the pool (ids only are\n"
    "                          read; repeatable)\n"
    "      --crossfit K        measure instead: K-fold cross-fitting over the FILEs' rows\n"
    "      --eval FILE         after learning, measure FILE (not learned from; repeatable)\n"
    "\n";

enum {
    O_OUT = 0x2101,
    O_SHARED,
    O_LEXICONS,
    O_METHOD,
    O_L2,
    O_EPOCHS,
    O_MINCOUNT,
    O_MAXFEAT,
    O_FOLDS,
    O_MINPOS,
    O_MINGAIN,
    O_MINPREC,
    O_VETO,
    O_ALONE,
    O_SEED,
    O_CROSSFIT,
    O_EVAL,
    O_POOL,
    O_POOLW,
    O_EXCLUDE,
    O_CRITICAL,
};

struct row {
    char *text;
    size_t len;
    uint64_t gold;
    int set; /* index of the file */
};

struct rows {
    struct row *v;
    size_t n, cap;
    char **sets;
    int nsets;
    long skipped; /* @ref rows without the shared data */
    long *ids;    /* apps:LINE ids of the labelled rows, kept out of the pool */
    size_t nids, capids;
    size_t npool; /* rows [n - npool, n) are pool rows (labelled by the patterns) */
};

static bool ids_add(struct rows *r, long id)
{
    if (r->nids == r->capids) {
        size_t nc = r->capids ? r->capids * 2 : 1024;
        long *ni = realloc(r->ids, nc * sizeof *ni);
        if (!ni)
            return false;
        r->ids = ni;
        r->capids = nc;
    }
    r->ids[r->nids++] = id;
    return true;
}

/* The shared app reviews, one text per line, loaded once. */
struct apps {
    char *blob;
    char **text;
    long lines;
    bool tried, ok;
};

static uint64_t fnv1a64(const char *s, size_t n)
{
    uint64_t h = 0xcbf29ce484222325u;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 0x100000001b3u;
    }
    return h;
}

static char *slurp(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return NULL;
    struct hugi_buf b;
    hugi_buf_init(&b, (size_t)1 << 31);
    char chunk[65536];
    size_t n;
    bool ok = true;
    while (ok && (n = fread(chunk, 1, sizeof chunk, fp)) > 0)
        ok = hugi_buf_add(&b, chunk, n) == HUGI_OK;
    ok = ok && !ferror(fp);
    fclose(fp);
    if (!ok) {
        hugi_buf_release(&b);
        return NULL;
    }
    return hugi_buf_detach(&b, len);
}

static bool apps_load(struct apps *a, const char *shared)
{
    if (a->tried)
        return a->ok;
    a->tried = true;
    struct hugi_buf p;
    hugi_buf_init(&p, 8192);
    if (hugi_buf_addf(&p, "%s/data/ko/apps-dev-rated.tsv", shared) != HUGI_OK) {
        hugi_buf_release(&p);
        return false;
    }
    size_t len;
    a->blob = slurp(p.data, &len);
    hugi_buf_release(&p);
    if (!a->blob)
        return false;
    long n = 1;
    for (size_t i = 0; i < len; i++)
        n += a->blob[i] == '\n';
    a->text = calloc((size_t)n + 1, sizeof *a->text);
    if (!a->text)
        return false;
    char *s = a->blob;
    while (*s) {
        char *nl = strchr(s, '\n');
        if (nl)
            *nl = '\0';
        char *tab = strchr(s, '\t');
        a->text[a->lines++] = tab ? tab + 1 : s;
        if (!nl)
            break;
        s = nl + 1;
    }
    a->ok = true;
    return true;
}

/* Parses "categories" (comma list or "-") into a bit set; false on an unknown key. */
static bool parse_cats(const struct hugi_complaint_tax *tax, const char *s, size_t n, uint64_t *out)
{
    *out = 0;
    if (n == 1 && s[0] == '-')
        return true;
    size_t i = 0;
    while (i < n) {
        size_t kl = 0;
        while (i + kl < n && s[i + kl] != ',')
            kl++;
        int idx = hugi_complaint_tax_find(tax, s + i, kl);
        if (idx < 0)
            return false;
        *out |= (uint64_t)1 << idx;
        i += kl + 1;
    }
    return true;
}

static bool rows_push(struct rows *r, const char *text, size_t len, uint64_t gold, int set)
{
    if (r->n == r->cap) {
        size_t nc = r->cap ? r->cap * 2 : 1024;
        struct row *nv = realloc(r->v, nc * sizeof *nv);
        if (!nv)
            return false;
        r->v = nv;
        r->cap = nc;
    }
    char *t = hugi_strndup(text, len);
    if (!t)
        return false;
    r->v[r->n++] = (struct row){t, len, gold, set};
    return true;
}

/* Reads one labelled file into r; HUGI_EXIT_OK or an exit code (reported). */
static int read_set(const char *path, const struct hugi_complaint_tax *tax, struct apps *apps,
                    const char *shared, struct rows *r)
{
    size_t len;
    char *data = slurp(path, &len);
    if (!data) {
        cli_error("cannot read %s: %s", path, strerror(errno));
        return HUGI_EXIT_FAIL;
    }
    char **ns = realloc(r->sets, (size_t)(r->nsets + 1) * sizeof *ns);
    if (!ns) {
        free(data);
        cli_error("out of memory");
        return HUGI_EXIT_FAIL;
    }
    r->sets = ns;
    const char *base = strrchr(path, '/');
    r->sets[r->nsets] = hugi_strdup(base ? base + 1 : path);
    int set = r->nsets++;
    int status = HUGI_EXIT_OK;
    long lineno = 0;
    char *p = data;
    while (status == HUGI_EXIT_OK && p < data + len) {
        char *nl = memchr(p, '\n', (size_t)(data + len - p));
        char *end = nl ? nl : data + len;
        lineno++;
        char *l = p;
        p = end + 1;
        size_t ll = (size_t)(end - l);
        if (ll > 0 && l[ll - 1] == '\r')
            ll--;
        if (ll == 0 || l[0] == '#')
            continue;
        char *t1 = memchr(l, '\t', ll);
        char *t2 = t1 ? memchr(t1 + 1, '\t', (size_t)(l + ll - t1 - 1)) : NULL;
        if (!t2) {
            cli_error("expected id<TAB>categories<TAB>text (%s:%ld)", path, lineno);
            status = HUGI_EXIT_FAIL;
            break;
        }
        uint64_t gold;
        if (!parse_cats(tax, t1 + 1, (size_t)(t2 - t1 - 1), &gold)) {
            cli_error("unknown category in '%.*s' (%s:%ld)", (int)(t2 - t1 - 1), t1 + 1, path,
                      lineno);
            status = HUGI_EXIT_FAIL;
            break;
        }
        const char *text = t2 + 1;
        size_t tl = (size_t)(l + ll - text);
        if (tl >= 5 && memcmp(text, "@ref ", 5) == 0) {
            if (!apps_load(apps, shared)) {
                r->skipped++;
                continue;
            }
            char ref[64];
            snprintf(ref, sizeof ref, "%.*s", (int)(tl < 63 ? tl : 63), text);
            char *e;
            long ln = strncmp(l, "apps:", 5) == 0 ? strtol(l + 5, &e, 10) : -1;
            unsigned long n = strtoul(ref + 5, &e, 10);
            uint64_t want = strtoull(e, NULL, 16);
            if (ln < 1 || ln > apps->lines) {
                cli_error("'@ref' row whose id is not apps:LINE of %s/data/ko/apps-dev-rated.tsv "
                          "(%s:%ld)",
                          shared, path, lineno);
                status = HUGI_EXIT_FAIL;
                break;
            }
            const char *st = apps->text[ln - 1];
            if (strlen(st) < n || fnv1a64(st, n) != want) {
                cli_error("text of %s/data/ko/apps-dev-rated.tsv:%ld is not the labelled one "
                          "(length or hash differs) (%s:%ld)",
                          shared, ln, path, lineno);
                status = HUGI_EXIT_FAIL;
                break;
            }
            text = st;
            tl = n;
            if (!ids_add(r, ln)) {
                cli_error("out of memory");
                status = HUGI_EXIT_FAIL;
                break;
            }
        }
        if (!rows_push(r, text, tl, gold, set)) {
            cli_error("out of memory");
            status = HUGI_EXIT_FAIL;
        }
    }
    free(data);
    return status;
}

/* Marks the apps:LINE ids of a labelled file as not for the pool (only the id column is
 * read: an --exclude set such as blind6 is never learned from, not even as a pool row). */
static int read_ids(const char *path, struct rows *r)
{
    size_t len;
    char *data = slurp(path, &len);
    if (!data) {
        cli_error("cannot read %s: %s", path, strerror(errno));
        return HUGI_EXIT_FAIL;
    }
    int status = HUGI_EXIT_OK;
    char *p = data;
    while (status == HUGI_EXIT_OK && p < data + len) {
        char *nl = memchr(p, '\n', (size_t)(data + len - p));
        char *end = nl ? nl : data + len;
        if (end - p > 5 && memcmp(p, "apps:", 5) == 0) {
            long ln = strtol(p + 5, NULL, 10);
            if (ln > 0 && !ids_add(r, ln)) {
                cli_error("out of memory");
                status = HUGI_EXIT_FAIL;
            }
        }
        p = end + 1;
    }
    free(data);
    return status;
}

static void rows_release(struct rows *r)
{
    for (size_t i = 0; i < r->n; i++)
        free(r->v[i].text);
    free(r->v);
    for (int i = 0; i < r->nsets; i++)
        free(r->sets[i]);
    free(r->sets);
    free(r->ids);
}

static int long_cmp(const void *a, const void *b)
{
    long x = *(const long *)a, y = *(const long *)b;
    return x < y ? -1 : (x > y ? 1 : 0);
}

/* Appends up to max (0: all) 1-2 star app reviews that no labelled set holds to train, as pool
 * rows (set -1), in file order. */
static int pool_rows(const struct apps *a, struct rows *train, struct rows *test, long max)
{
    for (size_t i = 0; i < test->nids; i++)
        if (!ids_add(train, test->ids[i])) {
            cli_error("out of memory");
            return HUGI_EXIT_FAIL;
        }
    if (train->nids > 1)
        qsort(train->ids, train->nids, sizeof *train->ids, long_cmp);
    long added = 0;
    for (long ln = 1; ln <= a->lines && (max == 0 || added < max); ln++) {
        const char *text = a->text[ln - 1];
        const char *line = text - 2; /* "R\t" before the text */
        if (text - a->blob < 2 || line[1] != '\t' || (line[0] != '1' && line[0] != '2'))
            continue;
        if (line - a->blob > 0 && line[-1] != '\0')
            continue; /* a rating of more than one character */
        if (bsearch(&ln, train->ids, train->nids, sizeof ln, long_cmp))
            continue;
        if (!rows_push(train, text, strlen(text), 0, -1)) {
            cli_error("out of memory");
            return HUGI_EXIT_FAIL;
        }
        added++;
    }
    train->npool = (size_t)added;
    cli_info("pool: %ld 1-2 star app reviews labelled by the patterns", added);
    return HUGI_EXIT_OK;
}

/* Per-category counts of one way of categorising one set. */
struct conf {
    long tp[HUGI_COMPLAINT_MAX_CATS], fp[HUGI_COMPLAINT_MAX_CATS], fn[HUGI_COMPLAINT_MAX_CATS];
};

static void conf_add(struct conf *c, uint64_t gold, uint64_t got)
{
    for (int k = 0; k < HUGI_COMPLAINT_MAX_CATS; k++) {
        uint64_t b = (uint64_t)1 << k;
        if ((gold & b) && (got & b))
            c->tp[k]++;
        else if (got & b)
            c->fp[k]++;
        else if (gold & b)
            c->fn[k]++;
    }
}

/* The eval's macro figures: precision over the categories present or predicted, recall over
 * those present; critical labels found / present. */
static void conf_macro(const struct hugi_complaint_tax *tax, const struct conf *c, double *mp,
                       double *mr, long *crit_tp, long *crit_n)
{
    double sp = 0, sr = 0;
    int np = 0, nr = 0;
    *crit_tp = *crit_n = 0;
    for (int k = 0; k < hugi_complaint_tax_count(tax); k++) {
        if (c->tp[k] + c->fn[k] == 0 && c->fp[k] == 0)
            continue;
        sp += c->tp[k] + c->fp[k] ? (double)c->tp[k] / (double)(c->tp[k] + c->fp[k]) : 1.0;
        np++;
        if (c->tp[k] + c->fn[k] > 0) {
            sr += (double)c->tp[k] / (double)(c->tp[k] + c->fn[k]);
            nr++;
        }
        if (hugi_complaint_tax_critical(tax, k)) {
            *crit_tp += c->tp[k];
            *crit_n += c->tp[k] + c->fn[k];
        }
    }
    *mp = np ? sp / np : 1.0;
    *mr = nr ? sr / nr : 1.0;
}

static void print_line(const struct hugi_complaint_tax *tax, const char *name, long rows,
                       const struct conf *a, const struct conf *b)
{
    double pa, ra, pb, rb;
    long ca, na, cb, nb;
    conf_macro(tax, a, &pa, &ra, &ca, &na);
    conf_macro(tax, b, &pb, &rb, &cb, &nb);
    printf("%-24s %5ld   %.3f %.3f %ld/%ld   %.3f %.3f %ld/%ld   %+.3f %+.3f\n", name, rows, pa, ra,
           ca, na, pb, rb, cb, nb, pb - pa, rb - ra);
}

static void print_head(void)
{
    printf("%-24s %5s   %-17s   %-17s   %s\n", "set", "rows", "patterns P R crit",
           "+learned P R crit", "change P R");
}

static void print_cats(const struct hugi_complaint_tax *tax, const struct conf *a,
                       const struct conf *b)
{
    printf("  %-13s %4s %4s %4s %6s %6s | %4s %4s %4s %6s %6s\n", "category", "tp", "fp", "fn", "P",
           "R", "tp", "fp", "fn", "P", "R");
    for (int k = 0; k < hugi_complaint_tax_count(tax); k++) {
        if (a->tp[k] + a->fn[k] + a->fp[k] + b->fp[k] == 0)
            continue;
        const struct conf *c[2] = {a, b};
        printf("  %-13s", hugi_complaint_tax_key(tax, k));
        for (int j = 0; j < 2; j++) {
            long tp = c[j]->tp[k], fp = c[j]->fp[k], fn = c[j]->fn[k];
            printf(" %4ld %4ld %4ld %6.2f %6.2f%s", tp, fp, fn,
                   tp + fp ? (double)tp / (double)(tp + fp) : 1.0,
                   tp + fn ? (double)tp / (double)(tp + fn) : 1.0, j == 0 ? " |" : "\n");
        }
    }
}

/* Categorises text with the taxonomy as it is (model attached or not). */
static uint64_t last_scored; /* the model alone on the last text (cats_of) */

/* The critical model's gate as `hugi complaints --categorize` opens it: the row's own sentiment
 * score < 0 (scored only when the model holds a critical category). */
static bool row_negative(const struct hugi_complaint_tax *tax, const struct row *r)
{
    return hugi_complaint_tax_gated(tax) && sent_cli_text_negative(r->text, r->len);
}

static int cats_of(const struct hugi_complaint_tax *tax, struct hugi_complaint_match *m,
                   const struct row *r, uint64_t *out)
{
    struct hugi_err err;
    hugi_err_clear(&err);
    if (hugi_complaint_categorize_gated(tax, r->text, r->len, NULL, row_negative(tax, r), m,
                                        &err) != HUGI_OK) {
        cli_error_err("cannot categorise", &err);
        return HUGI_EXIT_FAIL;
    }
    *out = m->cats;
    last_scored = m->scored;
    return HUGI_EXIT_OK;
}

static struct hugi_complaint_learner *learner_of(struct hugi_complaint_tax *tax,
                                                 const struct hugi_complaint_learn_opts *o,
                                                 const struct rows *r)
{
    struct hugi_complaint_learner *l = hugi_complaint_learner_new(tax, o);
    if (!l) {
        cli_error("out of memory");
        return NULL;
    }
    struct hugi_err err;
    hugi_err_clear(&err);
    for (size_t i = 0; i < r->n; i++) {
        if (hugi_complaint_learner_add(l, r->v[i].text, r->v[i].len, r->v[i].gold, r->v[i].set,
                                       &err) != HUGI_OK) {
            cli_error_err("cannot learn", &err);
            hugi_complaint_learner_free(l);
            return NULL;
        }
    }
    return l;
}

/* --crossfit K: each row categorised by patterns + a model learned without its fold. */
static int crossfit(struct hugi_complaint_tax *tax, const struct hugi_complaint_learn_opts *o,
                    const struct rows *r, int k)
{
    struct hugi_complaint_learner *l = learner_of(tax, o, r);
    if (!l)
        return HUGI_EXIT_FAIL;
    size_t n = r->n;
    int *fold = malloc((n ? n : 1) * sizeof *fold);
    size_t *perm = malloc((n ? n : 1) * sizeof *perm);
    bool *use = malloc((n ? n : 1) * sizeof *use);
    uint64_t *pat = malloc((n ? n : 1) * sizeof *pat);
    uint64_t *both = malloc((n ? n : 1) * sizeof *both);
    uint64_t *alone = calloc(n ? n : 1, sizeof *alone);
    struct hugi_complaint_match m;
    hugi_complaint_match_init(&m);
    int status = HUGI_EXIT_OK;
    if (!fold || !perm || !use || !pat || !both || !alone) {
        cli_error("out of memory");
        status = HUGI_EXIT_FAIL;
    }
    /* folds over a fixed shuffle of all rows (an LCG: the folds depend on the seed only) */
    uint64_t s = o->seed * 6364136223846793005ULL + 1442695040888963407ULL;
    for (size_t i = 0; status == HUGI_EXIT_OK && i < n; i++)
        perm[i] = i;
    for (size_t i = n; status == HUGI_EXIT_OK && i > 1; i--) {
        s = s * 6364136223846793005ULL + 1442695040888963407ULL;
        size_t j = (size_t)((s >> 33) % i);
        size_t x = perm[i - 1];
        perm[i - 1] = perm[j];
        perm[j] = x;
    }
    for (size_t i = 0; status == HUGI_EXIT_OK && i < n; i++)
        fold[perm[i]] = (int)(i % (size_t)k);
    for (size_t i = n - r->npool; status == HUGI_EXIT_OK && i < n; i++)
        fold[i] = -1; /* pool rows: learned from in every fold, never measured */
    for (size_t i = 0; status == HUGI_EXIT_OK && i < n - r->npool; i++)
        status = cats_of(tax, &m, &r->v[i], &pat[i]);
    for (int f = 0; status == HUGI_EXIT_OK && f < k; f++) {
        for (size_t i = 0; i < n; i++)
            use[i] = fold[i] != f;
        struct hugi_complaint_model *model = NULL;
        struct hugi_err err;
        hugi_err_clear(&err);
        if (hugi_complaint_learner_train(l, use, &model, &err) != HUGI_OK) {
            cli_error_err("cannot learn", &err);
            status = HUGI_EXIT_FAIL;
            break;
        }
        hugi_complaint_tax_set_model(tax, model);
        for (size_t i = 0; status == HUGI_EXIT_OK && i < n; i++)
            if (fold[i] == f) {
                status = cats_of(tax, &m, &r->v[i], &both[i]);
                alone[i] = last_scored;
            }
        hugi_complaint_tax_set_model(tax, NULL);
        cli_info("fold %d of %d done", f + 1, k);
    }
    if (status == HUGI_EXIT_OK) {
        printf("%d-fold cross-fitting over %zu rows (each fold's model learned without it)%s\n", k,
               n - r->npool, r->npool ? ", pool rows learned from in every fold" : "");
        print_head();
        struct conf *ca = calloc((size_t)r->nsets + 1, sizeof *ca);
        struct conf *cb = calloc((size_t)r->nsets + 1, sizeof *cb);
        struct conf cm = {0};
        long *nr = calloc((size_t)r->nsets + 1, sizeof *nr);
        if (!ca || !cb || !nr) {
            cli_error("out of memory");
            status = HUGI_EXIT_FAIL;
        }
        for (size_t i = 0; status == HUGI_EXIT_OK && i < n - r->npool; i++) {
            int st = r->v[i].set;
            conf_add(&ca[st], r->v[i].gold, pat[i]);
            conf_add(&cb[st], r->v[i].gold, both[i]);
            conf_add(&ca[r->nsets], r->v[i].gold, pat[i]);
            conf_add(&cb[r->nsets], r->v[i].gold, both[i]);
            uint64_t cm_mask = hugi_complaint_tax_critical_mask(tax);
            conf_add(&cm, r->v[i].gold & (o->critical ? cm_mask : ~cm_mask), alone[i]);
            nr[st]++;
            nr[r->nsets]++;
        }
        for (int st = 0; status == HUGI_EXIT_OK && st <= r->nsets; st++)
            print_line(tax, st < r->nsets ? r->sets[st] : "all rows", nr[st], &ca[st], &cb[st]);
        if (status == HUGI_EXIT_OK) {
            /* the model alone (no patterns, no context test; over the categories it learns:
               the critical ones with --critical, the others without): how much it knows */
            double p, rr;
            long x, y;
            conf_macro(tax, &cm, &p, &rr, &x, &y);
            printf("%-24s %5zu   model alone, its own thresholds: P %.3f R %.3f\n", "all rows",
                   n - r->npool, p, rr);
        }
        if (status == HUGI_EXIT_OK && cli_verbosity > 0) {
            print_cats(tax, &ca[r->nsets], &cb[r->nsets]);
            printf("model alone\n");
            print_cats(tax, &cm, &cm);
        }
        free(ca);
        free(cb);
        free(nr);
    }
    hugi_complaint_match_release(&m);
    free(fold);
    free(perm);
    free(use);
    free(pat);
    free(both);
    free(alone);
    hugi_complaint_learner_free(l);
    return status;
}

int hugi_cmd_complaints_learn(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"out", required_argument, NULL, O_OUT},
        {"shared", required_argument, NULL, O_SHARED},
        {"lexicons", required_argument, NULL, O_LEXICONS},
        {"method", required_argument, NULL, O_METHOD},
        {"l2", required_argument, NULL, O_L2},
        {"epochs", required_argument, NULL, O_EPOCHS},
        {"min-count", required_argument, NULL, O_MINCOUNT},
        {"max-features", required_argument, NULL, O_MAXFEAT},
        {"folds", required_argument, NULL, O_FOLDS},
        {"min-pos", required_argument, NULL, O_MINPOS},
        {"min-gain", required_argument, NULL, O_MINGAIN},
        {"min-precision", required_argument, NULL, O_MINPREC},
        {"veto", no_argument, NULL, O_VETO},
        {"alone", no_argument, NULL, O_ALONE},
        {"seed", required_argument, NULL, O_SEED},
        {"crossfit", required_argument, NULL, O_CROSSFIT},
        {"eval", required_argument, NULL, O_EVAL},
        {"pool", required_argument, NULL, O_POOL},
        {"pool-weight", required_argument, NULL, O_POOLW},
        {"exclude", required_argument, NULL, O_EXCLUDE},
        {"critical", no_argument, NULL, O_CRITICAL},
        CLI_COMMON_LONGOPTS,
        {NULL, 0, NULL, 0},
    };
    struct hugi_complaint_learn_opts o;
    hugi_complaint_learn_opts_init(&o);
    const char *out = NULL, *shared = NULL, *lexdir = NULL;
    const char **evals = calloc((size_t)argc + 1, sizeof *evals);
    const char **excludes = calloc((size_t)argc + 1, sizeof *excludes);
    int nevals = 0, nexcl = 0, k = 0;
    long pool = -1;
    if (!evals || !excludes) {
        free(evals);
        free(excludes);
        cli_error("out of memory");
        return HUGI_EXIT_FAIL;
    }
    int c;
    optind = 1;
    char *e;
    while ((c = getopt_long(argc, argv, CLI_COMMON_SHORTOPTS, longopts, NULL)) != -1) {
        long v = 0;
        double d = 0;
        if (c == O_EPOCHS || c == O_MINCOUNT || c == O_MAXFEAT || c == O_FOLDS || c == O_MINPOS ||
            c == O_MINGAIN || c == O_SEED || c == O_CROSSFIT || c == O_POOL) {
            errno = 0;
            v = strtol(optarg, &e, 10);
            if (*e || errno || v < (c == O_MINGAIN || c == O_POOL ? 0 : 1) || v > 10000000) {
                free(evals);
                free(excludes);
                return cli_usage_error("complaints learn", "bad number '%s'", optarg);
            }
        } else if (c == O_L2 || c == O_MINPREC || c == O_POOLW) {
            errno = 0;
            d = strtod(optarg, &e);
            if (*e || errno || !isfinite(d) || d < 0 || (c == O_MINPREC && d > 1)) {
                free(evals);
                free(excludes);
                return cli_usage_error("complaints learn", "bad number '%s'", optarg);
            }
        }
        switch (c) {
        case 'h':
            fputs(usage, stdout);
            fputs(cli_common_help, stdout);
            free(evals);
            free(excludes);
            return HUGI_EXIT_OK;
        case O_OUT:
            out = optarg;
            break;
        case O_SHARED:
            shared = optarg;
            break;
        case O_LEXICONS:
            lexdir = optarg;
            break;
        case O_METHOD:
            if (strcmp(optarg, "lr") == 0) {
                o.method = HUGI_LEARN_LOGREG;
            } else if (strcmp(optarg, "logodds") == 0) {
                o.method = HUGI_LEARN_LOGODDS;
            } else {
                free(evals);
                free(excludes);
                return cli_usage_error("complaints learn", "unknown method '%s'", optarg);
            }
            break;
        case O_L2:
            o.l2 = d;
            break;
        case O_EPOCHS:
            o.epochs = (int)v;
            break;
        case O_MINCOUNT:
            o.min_count = (int)v;
            break;
        case O_MAXFEAT:
            o.max_feats = (int)v;
            break;
        case O_FOLDS:
            if (v < 2) {
                free(evals);
                free(excludes);
                return cli_usage_error("complaints learn", "--folds needs at least 2");
            }
            o.folds = (int)v;
            break;
        case O_MINPOS:
            o.min_pos = (int)v;
            break;
        case O_MINGAIN:
            o.min_gain = (int)v;
            break;
        case O_MINPREC:
            o.min_precision = d;
            break;
        case O_VETO:
            o.veto = true;
            break;
        case O_ALONE:
            o.alone = true;
            break;
        case O_CRITICAL:
            o.critical = true;
            break;
        case O_SEED:
            o.seed = (uint64_t)v;
            break;
        case O_CROSSFIT:
            if (v < 2) {
                free(evals);
                free(excludes);
                return cli_usage_error("complaints learn", "--crossfit needs at least 2 folds");
            }
            k = (int)v;
            break;
        case O_EVAL:
            evals[nevals++] = optarg;
            break;
        case O_POOL:
            pool = v;
            break;
        case O_POOLW:
            o.weak_weight = d;
            break;
        case O_EXCLUDE:
            excludes[nexcl++] = optarg;
            break;
        default:
            if (cli_common_opt(c, optarg))
                break;
            free(evals);
            free(excludes);
            return cli_bad_option("complaints learn", c, argv);
        }
    }
    if (optind >= argc) {
        free(evals);
        free(excludes);
        return cli_usage_error("complaints learn", "no labelled files given");
    }
    struct hugi_buf sh, dir;
    hugi_buf_init(&sh, 8192);
    hugi_buf_init(&dir, 8192);
    const char *env = getenv("HUGI_SHARED_DIR");
    if (shared)
        hugi_buf_addstr(&sh, shared);
    else if (env && *env)
        hugi_buf_addstr(&sh, env);
    else
        hugi_buf_addf(&sh, "%s/../shared", cli_data_dir());
    if (lexdir)
        hugi_buf_addstr(&dir, lexdir);
    else
        hugi_buf_addf(&dir, "%s/lexicons/complaints", cli_data_dir());
    struct hugi_complaint_tax *tax = NULL;
    struct hugi_err err;
    hugi_err_clear(&err);
    int status = HUGI_EXIT_OK;
    if (!dir.data || !sh.data || hugi_complaint_tax_load(&tax, dir.data, &err) != HUGI_OK) {
        cli_error_err("cannot load complaint lexicons", &err);
        status = HUGI_EXIT_USAGE;
    }
    /* learning and measuring start from the patterns alone */
    if (tax)
        hugi_complaint_tax_set_model(tax, NULL);
    struct apps apps = {0};
    struct rows train = {0}, test = {0};
    for (int i = optind; status == HUGI_EXIT_OK && i < argc; i++)
        status = read_set(argv[i], tax, &apps, sh.data, &train);
    for (int i = 0; status == HUGI_EXIT_OK && i < nevals; i++)
        status = read_set(evals[i], tax, &apps, sh.data, &test);
    if (status == HUGI_EXIT_OK && train.skipped + test.skipped > 0)
        cli_warn("%ld '@ref' rows skipped: no %s/data/ko/apps-dev-rated.tsv",
                 train.skipped + test.skipped, sh.data);
    /* the pool: app rows of no labelled set (ids of the given files and of --exclude files) */
    bool *pool_ids = NULL;
    for (int i = 0; status == HUGI_EXIT_OK && pool >= 0 && i < nexcl; i++)
        status = read_ids(excludes[i], &train);
    if (status == HUGI_EXIT_OK && pool >= 0) {
        if (!apps_load(&apps, sh.data)) {
            cli_error("--pool needs %s/data/ko/apps-dev-rated.tsv", sh.data);
            status = HUGI_EXIT_FAIL;
        } else {
            status = pool_rows(&apps, &train, &test, pool);
        }
    }
    if (status == HUGI_EXIT_OK && train.n == 0) {
        cli_error("no labelled rows to learn from");
        status = HUGI_EXIT_FAIL;
    }
    if (status == HUGI_EXIT_OK && k > 0) {
        status = crossfit(tax, &o, &train, k);
    } else if (status == HUGI_EXIT_OK) {
        struct hugi_complaint_learner *l = learner_of(tax, &o, &train);
        struct hugi_complaint_model *model = NULL;
        if (!l) {
            status = HUGI_EXIT_FAIL;
        } else if (hugi_complaint_learner_train(l, NULL, &model, &err) != HUGI_OK) {
            cli_error_err("cannot learn", &err);
            status = HUGI_EXIT_FAIL;
        }
        hugi_complaint_learner_free(l);
        if (status == HUGI_EXIT_OK && nevals == 0) {
            FILE *f = out ? fopen(out, "wb") : stdout;
            char comment[512];
            snprintf(comment, sizeof comment,
                     "%zu labelled rows, %zu pool rows (weight %g); method %s, l2 %g, epochs %d, "
                     "min-count %d, max-features %d, folds %d, min-pos %d, min-gain %d, "
                     "min-precision %g%s%s%s, seed %llu",
                     train.n - train.npool, train.npool, o.weak_weight,
                     o.method == HUGI_LEARN_LOGODDS ? "logodds" : "lr", o.l2, o.epochs, o.min_count,
                     o.max_feats, o.folds, o.min_pos, o.min_gain, o.min_precision,
                     o.veto ? ", veto" : "", o.alone ? ", alone" : "",
                     o.critical ? ", critical" : "", (unsigned long long)o.seed);
            if (!f) {
                cli_error("cannot write %s: %s", out, strerror(errno));
                status = HUGI_EXIT_FAIL;
            } else {
                if (hugi_complaint_model_write(model, tax, f, comment, &err) != HUGI_OK) {
                    cli_error_err("cannot write the model", &err);
                    status = HUGI_EXIT_FAIL;
                }
                if (out && fclose(f) != 0) {
                    cli_error("cannot write %s: %s", out, strerror(errno));
                    status = HUGI_EXIT_FAIL;
                }
            }
            cli_info("%zu rows, %zu weights", train.n, hugi_complaint_model_size(model));
        }
        if (status == HUGI_EXIT_OK && nevals > 0) {
            /* measured on rows not learned from: patterns alone, then with the model */
            struct conf *ca = calloc((size_t)test.nsets, sizeof *ca);
            struct conf *cb = calloc((size_t)test.nsets, sizeof *cb);
            long *nr = calloc((size_t)test.nsets, sizeof *nr);
            struct hugi_complaint_match m;
            hugi_complaint_match_init(&m);
            if (!ca || !cb || !nr) {
                cli_error("out of memory");
                status = HUGI_EXIT_FAIL;
            }
            for (size_t i = 0; status == HUGI_EXIT_OK && i < test.n; i++) {
                uint64_t got = 0;
                status = cats_of(tax, &m, &test.v[i], &got);
                conf_add(&ca[test.v[i].set], test.v[i].gold, got);
                nr[test.v[i].set]++;
            }
            hugi_complaint_tax_set_model(tax, model);
            model = NULL;
            for (size_t i = 0; status == HUGI_EXIT_OK && i < test.n; i++) {
                uint64_t got = 0;
                status = cats_of(tax, &m, &test.v[i], &got);
                conf_add(&cb[test.v[i].set], test.v[i].gold, got);
            }
            if (status == HUGI_EXIT_OK) {
                printf("learned from %zu rows (and %zu pool rows), measured on sets not learned "
                       "from\n",
                       train.n - train.npool, train.npool);
                print_head();
                for (int st = 0; st < test.nsets; st++)
                    print_line(tax, test.sets[st], nr[st], &ca[st], &cb[st]);
                for (int st = 0; st < test.nsets; st++) {
                    printf("%s\n", test.sets[st]);
                    print_cats(tax, &ca[st], &cb[st]);
                }
            }
            hugi_complaint_match_release(&m);
            free(ca);
            free(cb);
            free(nr);
        }
        hugi_complaint_model_free(model);
    }
    rows_release(&train);
    rows_release(&test);
    free(apps.blob);
    free(apps.text);
    hugi_buf_release(&sh);
    hugi_buf_release(&dir);
    hugi_complaint_tax_free(tax);
    free(evals);
    free(excludes);
    free(pool_ids);
    sent_cli_text_negative_done();
    return status;
}
