/* SPDX-License-Identifier: MIT
 * `hugi eval`: runs the scorer over labelled files and reports accuracy, macro-F1, per-class
 * precision and recall, the confusion matrix and throughput; --errors N lists the most confident
 * mistakes with their evidence, which is how the lexicons get better. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "sent_cli.h"

static const char usage[] =
    "usage: hugi eval [--scale 5|10] [--errors N] [--lexicon FILE]... [--no-default-lexicons]\n"
    "                 [--no-speed] FILE...\n"
    "\n"
    "Scores files of LABEL<TAB>TEXT lines (LABEL pos, neg or neu, or a star rating) and prints,\n"
    "per file and in total: accuracy (a neutral answer to a pos/neg item is wrong), macro-F1\n"
    "over the gold classes present, precision and recall per class, the confusion matrix,\n"
    "the share of exact-zero scores and items per second. Ratings: --scale 5 makes 1-2\n"
    "negative and 4-5 positive, --scale 10 makes 1-4 negative and 9-10 positive; the rest is\n"
    "skipped. Lines starting with '#' and empty lines are skipped. A malformed line is\n"
    "reported with its file:line and skipped (the figures say how many); the exit code is\n"
    "then 3 (1 when not one line of a file is well-formed).\n"
    "\n"
    "Options:\n"
    "      --scale 5|10         rating scale of numeric labels (default 5)\n"
    "      --errors N           list the N most confident mistakes per file, with evidence\n"
    "      --lexicon FILE       also load this lexicon (TSV; repeatable)\n"
    "      --no-default-lexicons  load only the --lexicon files\n"
    "      --no-speed           leave out items/s (for reproducible output)\n"
    "\n";

struct err_item {
    double score;
    int gold;
    char *text;
    char *evid;
};

static bool no_speed;

struct tally {
    unsigned long conf[3][3]; /* [gold+1][pred+1] */
    unsigned long n, zeros, bad;
    double seconds;
};

static void evidence_str(struct hugi_buf *o, const struct hugi_sent_result *r, const char *text)
{
    size_t n = r->nev < 6 ? r->nev : 6;
    for (size_t i = 0; i < n; i++) {
        /* a text-level item without a span (the film offset) shows its name */
        const char *s = r->ev[i].end > r->ev[i].start ? text + r->ev[i].start : r->ev[i].term;
        int len = r->ev[i].end > r->ev[i].start ? (int)(r->ev[i].end - r->ev[i].start)
                                                : (int)strlen(r->ev[i].term);
        hugi_buf_addf(o, "%s%.*s=%+.2f", i ? ", " : "", len, s, r->ev[i].weight);
        if (r->ev[i].rules & HUGI_SENT_R_NEGATED)
            hugi_buf_addstr(o, "(neg)");
    }
}

static void print_tally(const char *name, const struct tally *t)
{
    static const char *const cls[] = {"neg", "neu", "pos"};
    unsigned long correct = 0;
    for (int g = 0; g < 3; g++)
        correct += t->conf[g][g];
    double acc = t->n ? (double)correct / (double)t->n : 0;
    double f1sum = 0;
    int nclass = 0;
    char per[3][128];
    for (int c = 0; c < 3; c++) {
        unsigned long gold = 0, pred = 0;
        for (int k = 0; k < 3; k++) {
            gold += t->conf[c][k];
            pred += t->conf[k][c];
        }
        per[c][0] = '\0';
        if (!gold)
            continue;
        double p = pred ? (double)t->conf[c][c] / (double)pred : 0;
        double rc = (double)t->conf[c][c] / (double)gold;
        double f1 = p + rc > 0 ? 2 * p * rc / (p + rc) : 0;
        f1sum += f1;
        nclass++;
        snprintf(per[c], sizeof(per[c]), "  %s: precision %.4f recall %.4f F1 %.4f (n=%lu)\n",
                 cls[c], p, rc, f1, gold);
    }
    printf("%s: n=%lu accuracy=%.4f macroF1=%.4f zero-scores=%.1f%%", name, t->n, acc,
           nclass ? f1sum / nclass : 0, t->n ? 100.0 * (double)t->zeros / (double)t->n : 0);
    if (t->bad)
        printf(" malformed-skipped=%lu", t->bad);
    if (!no_speed)
        printf(" items/s=%.0f", t->seconds > 0 ? (double)t->n / t->seconds : 0);
    putchar('\n');
    for (int c = 0; c < 3; c++)
        fputs(per[c], stdout);
    printf("  confusion (rows gold, columns predicted neg/neu/pos):\n");
    for (int g = 0; g < 3; g++) {
        unsigned long row = t->conf[g][0] + t->conf[g][1] + t->conf[g][2];
        if (row)
            printf("    %s %8lu %8lu %8lu\n", cls[g], t->conf[g][0], t->conf[g][1], t->conf[g][2]);
    }
}

static int by_conf(const void *a, const void *b)
{
    double x = fabs(((const struct err_item *)a)->score);
    double y = fabs(((const struct err_item *)b)->score);
    return x < y ? 1 : (x > y ? -1 : 0);
}

/* At most this many malformed lines are named per file; the rest are counted. A file that is
 * not LABEL<TAB>TEXT at all would otherwise print one error per line. */
enum { MAX_NAMED_BAD = 10 };

/* Returns 0 ok, 1 read error or no well-formed line, 3 malformed lines skipped (all reported). The
 * measurement goes on past a bad line: one stray line in a large labelled file should not cost the
 * figures. */
static int eval_file(const struct hugi_sent *m, const char *path, int scale, size_t nerr,
                     struct tally *total)
{
    FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
    if (!f) {
        cli_error("cannot open '%s': %s", path, strerror(errno));
        return 1;
    }
    struct line_reader lr;
    line_reader_init(&lr, f);
    struct hugi_sent_result r;
    hugi_sent_result_init(&r);
    struct tally t;
    memset(&t, 0, sizeof(t));
    struct err_item *errs = NULL;
    size_t nerrs = 0, caperrs = 0;
    int status = 0;
    unsigned long good = 0; /* well-formed lines */
    const char *s;
    size_t len;
    struct timespec t0, t1;
    struct hugi_err err;
    while (line_reader_next(&lr, &s, &len)) {
        if (lr.lineno == 1) {
            size_t bom = cli_bom_len(s, len);
            s += bom;
            len -= bom;
        }
        if (len > 0 && s[len - 1] == '\r')
            len--;
        if (len == 0 || s[0] == '#')
            continue;
        const char *tab = memchr(s, '\t', len);
        int gold;
        if (!tab || !hugi_sent_parse_label(s, (size_t)(tab - s), scale, &gold)) {
            if (t.bad < MAX_NAMED_BAD)
                cli_error("expected LABEL<TAB>TEXT with LABEL pos, neg, neu or a rating (%s:%lu)",
                          path, lr.lineno);
            t.bad++;
            continue;
        }
        good++;
        /* A rating in the middle band (3 of 5, 5-8 of 10) is skipped, as eval_labels.py does. */
        if (gold == 0 && ((tab - s) > 3 || (tab[-1] >= '0' && tab[-1] <= '9')))
            continue;
        const char *text = tab + 1;
        size_t tlen = len - (size_t)(text - s);
        clock_gettime(CLOCK_MONOTONIC, &t0);
        hugi_rc rc = hugi_sent_score(m, text, tlen, &r, &err);
        clock_gettime(CLOCK_MONOTONIC, &t1);
        t.seconds += (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
        if (rc != HUGI_OK)
            cli_warn("cannot score (%s:%lu): %s", path, lr.lineno, err.msg);
        t.n++;
        t.zeros += r.score == 0;
        t.conf[gold + 1][r.label + 1]++;
        if (nerr && r.label != gold) {
            if (nerrs == caperrs) {
                size_t cap = caperrs ? caperrs * 2 : 256;
                struct err_item *p = realloc(errs, cap * sizeof(*p));
                if (!p) {
                    cli_error("out of memory");
                    status = 1;
                    break;
                }
                errs = p;
                caperrs = cap;
            }
            struct hugi_buf ev;
            hugi_buf_init(&ev, 0);
            evidence_str(&ev, &r, text);
            errs[nerrs].score = r.score;
            errs[nerrs].gold = gold;
            errs[nerrs].text =
                hugi_strndup(text, tlen > 200 ? hugi_utf8_prefix(text, tlen, 100) : tlen);
            errs[nerrs].evid = hugi_buf_detach(&ev, NULL);
            nerrs++;
        }
    }
    bool unread = ferror(f);
    if (unread) {
        cli_error("cannot read '%s': %s", path, strerror(errno));
        status = 1;
    }
    if (t.bad > MAX_NAMED_BAD)
        cli_error("%lu more malformed lines in %s skipped", t.bad - MAX_NAMED_BAD, path);
    /* not one well-formed line: the wrong file (or format), not a few stray lines to skip */
    bool none = t.bad && !good && !status;
    if (none) {
        cli_error("no line of '%s' is LABEL<TAB>TEXT: nothing measured", path);
        status = 1;
    }
    /* an empty file (or only comments) has no figures either: n=0 accuracy=0 read as a result */
    if (!t.bad && !good && !status) {
        cli_error("'%s' holds no LABEL<TAB>TEXT line: nothing measured", path);
        none = true;
        status = 1;
    }
    if (t.bad && !status)
        status = 3;
    if (f != stdin)
        fclose(f);
    line_reader_release(&lr);
    hugi_sent_result_release(&r);
    if (!none && !unread)
        print_tally(path, &t);
    if (nerrs) {
        qsort(errs, nerrs, sizeof(*errs), by_conf);
        printf("  most confident mistakes:\n");
        for (size_t i = 0; i < nerrs && i < nerr; i++)
            printf("    gold=%s score=%+.3f %s\n      evidence: %s\n",
                   hugi_sent_label_name(errs[i].gold), errs[i].score,
                   errs[i].text ? errs[i].text : "", errs[i].evid ? errs[i].evid : "");
    }
    for (size_t i = 0; i < nerrs; i++) {
        free(errs[i].text);
        free(errs[i].evid);
    }
    free(errs);
    for (int g = 0; g < 3; g++)
        for (int p = 0; p < 3; p++)
            total->conf[g][p] += t.conf[g][p];
    total->n += t.n;
    total->zeros += t.zeros;
    total->bad += t.bad;
    total->seconds += t.seconds;
    return status;
}

int hugi_cmd_eval(int argc, char **argv)
{
    enum { O_SCALE = 1, O_ERRORS, O_LEX, O_NODEF, O_NOSPEED };
    static const struct option opts[] = {{"scale", required_argument, NULL, O_SCALE},
                                         {"errors", required_argument, NULL, O_ERRORS},
                                         {"lexicon", required_argument, NULL, O_LEX},
                                         {"no-default-lexicons", no_argument, NULL, O_NODEF},
                                         {"no-speed", no_argument, NULL, O_NOSPEED},
                                         CLI_COMMON_LONGOPTS,
                                         {NULL, 0, NULL, 0}};
    int scale = 5;
    size_t nerr = 0;
    bool nodef = false;
    const char **lex = calloc((size_t)argc + 1, sizeof(char *));
    size_t nlex = 0;
    if (!lex) {
        cli_error("out of memory");
        return HUGI_EXIT_FAIL;
    }
    int c;
    int rc = HUGI_EXIT_USAGE;
    optind = 0;
    while ((c = getopt_long(argc, argv, CLI_COMMON_SHORTOPTS, opts, NULL)) != -1) {
        switch (c) {
        case O_SCALE:
            if (strcmp(optarg, "5") && strcmp(optarg, "10")) {
                cli_usage_error("eval", "--scale must be 5 or 10, not '%s'", optarg);
                goto done;
            }
            scale = atoi(optarg);
            break;
        case O_ERRORS:
            if (!sent_cli_count("eval", "--errors", optarg, 100000, &nerr))
                goto done;
            break;
        case O_LEX:
            lex[nlex++] = optarg;
            break;
        case O_NODEF:
            nodef = true;
            break;
        case O_NOSPEED:
            no_speed = true;
            break;
        default:
            if (!sent_cli_other_opt("eval", c, optarg, argv, usage, &rc))
                goto done;
        }
    }
    if (optind >= argc) {
        cli_usage_error("eval", "no FILE given");
        goto done;
    }
    struct hugi_sent *m = sent_cli_model(lex, nlex, nodef, &rc);
    if (!m)
        goto done;
    rc = HUGI_EXIT_FAIL;
    struct tally total;
    memset(&total, 0, sizeof(total));
    bool failed = false, partial = false;
    int nfiles = argc - optind;
    for (int i = optind; i < argc; i++) {
        int st = eval_file(m, argv[i], scale, nerr, &total);
        failed |= st == 1;
        partial |= st == 3;
    }
    if (nfiles > 1 && !failed)
        print_tally("total", &total);
    hugi_sent_free(m);
    rc = failed ? HUGI_EXIT_FAIL : (partial ? HUGI_EXIT_PARTIAL : HUGI_EXIT_OK);
done:
    free(lex);
    return rc;
}
