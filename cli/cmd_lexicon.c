/* SPDX-License-Identifier: MIT
 * `hugi lexicon learn`: a lexicon from rated or labelled texts (hugi_sent_learner), and
 * `hugi lexicon check`: load lexicon files and report the first malformed line, and
 * `hugi lexicon compile`: write the compiled image of the lexicons `hugi score` loads. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "sent_cli.h"

static const char usage[] =
    "usage: hugi lexicon learn --rated FILE... [--out FILE] [--min-count N] [--max-terms N]\n"
    "                          [--min-z Z] [--prior A] [--across N] [--neutral FILE]...\n"
    "                          [--hangul-only] [--hangul-punct] [--eojeol] [--scale 5|10]\n"
    "                          [--refine N [--rate R] [--l2 L] [--to-prior] [--average]\n"
    "                          [--select N]\n"
    "                          [--lexicon FILE]...]\n"
    "   or: hugi lexicon check FILE...\n"
    "   or: hugi lexicon compile [--lexicon FILE]... [--no-default-lexicons] [--out FILE]\n"
    "\n"
    "learn: reads LABEL<TAB>TEXT lines (LABEL pos/neg/neu or a star rating) and writes a TSV\n"
    "lexicon of the Hangul n-grams, words and word pairs whose log-odds between negative and\n"
    "positive texts is strong (informative Dirichlet prior). Ratings: on a 5 scale 1-2 are\n"
    "negative and 4-5 positive; on a 10 scale 1-4 negative and 9-10 positive; the rest is\n"
    "skipped. The scale is the file's largest rating (<= 5: 5) unless --scale is given.\n"
    "check: loads each file as the scorer would and reports the first error as file:line, and\n"
    "       each term listed twice (it would count twice); exit 1 for either.\n"
    "compile: loads the lexicons as `hugi score` does (shipped ones, the config's, --lexicon)\n"
    "and writes their compiled image (lexicons/README.md) to the image cache, or to --out;\n"
    "prints the image's path. `hugi score` maps the cached image instead of parsing the TSVs.\n"
    "\n"
    "Options:\n"
    "      --rated FILE     training file (repeatable; '-' is stdin)\n"
    "  -o, --out FILE       write the lexicon here (default stdout)\n"
    "      --min-count N    a term must occur in N texts at least (default 5)\n"
    "      --max-terms N    keep the N strongest terms (default 60000)\n"
    "      --min-z Z        keep terms with |z| >= Z (default 1.5)\n"
    "      --prior A        Dirichlet prior strength (default 500)\n"
    "      --across N       also Hangul n-grams across one space, N syllables at most\n"
    "                       (돈 아까, 안 봐; default 0: within a word only)\n"
    "      --neutral FILE   terms that are no sentiment words (brands, devices): n-grams\n"
    "                       overlapping them are not learned (repeatable)\n"
    "      --hangul-only    learn Hangul n-grams only (no Latin words, digits, symbols: a\n"
    "                       Korean lexicon must not score English texts)\n"
    "      --hangul-punct   also the last 1-2 syllables of a Hangul word with the 1-2 symbols\n"
    "                       right after it (다.., 요!, 까?)\n"
    "      --eojeol         also whole Hangul words (2-8 syllables) as exact terms\n"
    "      --scale 5|10     rating scale of every --rated file (default: guessed per file)\n"
    "      --refine N       then N logistic-regression passes that fit the weights to the\n"
    "                       scorer's rules (default 0: naive-Bayes log-odds only)\n"
    "      --rate R         learning rate of the first pass; pass k: R / (1 + k) (default 0.1)\n"
    "      --l2 L           L2 shrinkage of the passes (default 0.02)\n"
    "      --to-prior       shrink toward the naive-Bayes weight instead of toward 0\n"
    "      --average        write the weights averaged over the last half of the passes\n"
    "      --select N       refine, keep the N terms that add most over the texts (refined\n"
    "                       weight x texts^1.5), then refine those again from their\n"
    "                       naive-Bayes weights\n"
    "      --lexicon FILE   learn: rule lexicons the passes score with; compile: lexicons\n"
    "                       after the shipped ones (repeatable)\n"
    "      --no-default-lexicons  compile: without the shipped lexicons\n"
    "\n";

static bool read_all(const char *path, struct hugi_buf *b)
{
    FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
    if (!f) {
        cli_error("cannot open '%s': %s", path, strerror(errno));
        return false;
    }
    char chunk[65536];
    size_t n;
    bool ok = true;
    while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
        if (hugi_buf_add(b, chunk, n) != HUGI_OK) {
            cli_error("'%s' is too large", path);
            ok = false;
            break;
        }
    }
    if (ok && ferror(f)) {
        cli_error("cannot read '%s': %s", path, strerror(errno));
        ok = false;
    }
    if (f != stdin)
        fclose(f);
    return ok;
}

/* The labelled texts kept for refinement (pointers into the files' buffers). */
struct corpus {
    const char **text;
    size_t *len;
    signed char *pol;
    size_t n, cap;
    char **bufs;
    size_t nbufs;
};

static bool corpus_add(struct corpus *c, const char *t, size_t len, int pol)
{
    if (c->n == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 4096;
        const char **a = realloc(c->text, cap * sizeof(*a));
        if (!a)
            return false;
        c->text = a;
        size_t *b = realloc(c->len, cap * sizeof(*b));
        if (!b)
            return false;
        c->len = b;
        signed char *p = realloc(c->pol, cap);
        if (!p)
            return false;
        c->pol = p;
        c->cap = cap;
    }
    c->text[c->n] = t;
    c->len[c->n] = len;
    c->pol[c->n] = (signed char)pol;
    c->n++;
    return true;
}

static void corpus_release(struct corpus *c)
{
    for (size_t i = 0; i < c->nbufs; i++)
        free(c->bufs[i]);
    free(c->bufs);
    free(c->text);
    free(c->len);
    free(c->pol);
}

/* Feeds one file to the learner; returns false when it cannot go on (reported). A malformed
 * line is named (the first few of a file), counted in *nbad and left out: one stray line in a
 * large rating file should not stop the learning. */
static bool learn_file(struct hugi_sent_learner *l, const char *path, int scale_opt,
                       unsigned long *nused, unsigned long *nbad, struct corpus *corp)
{
    struct hugi_buf b;
    hugi_buf_init(&b, (size_t)4 << 30);
    if (!read_all(path, &b)) {
        hugi_buf_release(&b);
        return false;
    }
    char **nb = realloc(corp->bufs, (corp->nbufs + 1) * sizeof(char *));
    if (!nb) {
        hugi_buf_release(&b);
        cli_error("out of memory");
        return false;
    }
    corp->bufs = nb;
    const char *data = b.data ? b.data : "";
    size_t bom = cli_bom_len(data, b.len);
    data += bom;
    size_t dlen = b.len - bom;
    int scale = scale_opt;
    if (!scale) {
        /* the largest numeric label decides */
        scale = 5;
        for (size_t i = 0; i < dlen;) {
            const char *nl = memchr(data + i, '\n', dlen - i);
            size_t n = nl ? (size_t)(nl - data - i) : dlen - i;
            const char *tab = memchr(data + i, '\t', n);
            if (tab) {
                char num[16];
                size_t k = (size_t)(tab - data - i);
                if (k > 0 && k < sizeof(num)) {
                    memcpy(num, data + i, k);
                    num[k] = '\0';
                    char *end;
                    double v = strtod(num, &end);
                    if (*end == '\0' && v > 5)
                        scale = 10;
                }
            }
            i += n + 1;
        }
    }
    unsigned long line = 0, bad = 0, good = 0;
    bool ok = true;
    for (size_t i = 0; i < dlen;) {
        const char *p = data + i;
        const char *nl = memchr(p, '\n', dlen - i);
        size_t n = nl ? (size_t)(nl - p) : dlen - i;
        i += n + 1;
        line++;
        if (n > 0 && p[n - 1] == '\r')
            n--;
        if (n == 0 || p[0] == '#')
            continue;
        const char *tab = memchr(p, '\t', n);
        int pol;
        if (!tab || !hugi_sent_parse_label(p, (size_t)(tab - p), scale, &pol)) {
            if (bad++ < 10)
                cli_error("expected LABEL<TAB>TEXT with LABEL pos, neg, neu or a rating (%s:%lu)",
                          path, line);
            continue;
        }
        good++;
        struct hugi_err err;
        hugi_err_clear(&err);
        if (hugi_sent_learner_add(l, tab + 1, n - (size_t)(tab + 1 - p), pol, &err) != HUGI_OK) {
            snprintf(err.where, sizeof(err.where), "%.200s:%lu", path, line);
            cli_error_err("cannot learn", &err);
            ok = false;
            break;
        }
        if (pol != 0) {
            (*nused)++;
            if (!corpus_add(corp, tab + 1, n - (size_t)(tab + 1 - p), pol)) {
                cli_error("out of memory");
                ok = false;
                break;
            }
        }
    }
    if (bad > 10)
        cli_error("%lu more malformed lines in %s skipped", bad - 10, path);
    if (ok && !bad && !good)
        cli_warn("'%s' holds no LABEL<TAB>TEXT line", path);
    if (ok && bad && !good) {
        /* the wrong file (or format), not stray lines: writing the lexicon learned from nothing
         * would replace a good one */
        cli_error("no line of '%s' is LABEL<TAB>TEXT: nothing learned", path);
        ok = false;
    }
    *nbad += bad;
    cli_info("%s: scale %d, %lu lines", path, scale, line);
    /* the corpus points into the buffer: it lives until corpus_release() */
    corp->bufs[corp->nbufs++] = hugi_buf_detach(&b, NULL);
    return ok;
}

static bool parse_num(const char *cmd, const char *opt, const char *arg, double lo, double hi,
                      double *out)
{
    char *end = NULL;
    errno = 0;
    double v = strtod(arg, &end);
    if (errno || end == arg || *end || v < lo || v > hi) {
        cli_usage_error(cmd, "invalid %s '%s'", opt, arg);
        return false;
    }
    *out = v;
    return true;
}

/* The learner's naive-Bayes lexicon loaded after the rule lexicons, built and refined; NULL
 * with err set on failure. */
static struct hugi_sent *refined(struct hugi_sent_learner *l, const char **lex, size_t nlex,
                                 const struct corpus *corp, const struct hugi_sent_refine_opts *ro,
                                 struct hugi_err *err)
{
    char *nb = NULL;
    size_t nblen = 0;
    FILE *mf = open_memstream(&nb, &nblen);
    if (!mf) {
        hugi_err_set(err, HUGI_E_NOMEM, NULL, "cannot refine");
        return NULL;
    }
    hugi_rc rc = hugi_sent_learner_write(l, mf, NULL, NULL, err);
    fclose(mf);
    struct hugi_sent *model = rc == HUGI_OK ? hugi_sent_new() : NULL;
    bool ok = model != NULL;
    if (!ok && rc == HUGI_OK)
        hugi_err_set(err, HUGI_E_NOMEM, NULL, "cannot refine");
    for (size_t i = 0; ok && i < nlex; i++)
        ok = hugi_sent_load_file(model, lex[i], err) == HUGI_OK;
    ok = ok && hugi_sent_load_mem(model, nb, nblen, "learned", err) == HUGI_OK &&
         hugi_sent_build(model, err) == HUGI_OK;
    free(nb);
    if (ok) {
        cli_info("refining %zu entries on %zu texts, %d passes", hugi_sent_entries(model), corp->n,
                 ro->epochs);
        ok = hugi_sent_refine(model, corp->text, corp->len, corp->pol, corp->n, ro, err) == HUGI_OK;
    }
    if (!ok) {
        hugi_sent_free(model);
        return NULL;
    }
    return model;
}

static int cmd_learn(int argc, char **argv)
{
    enum {
        O_RATED = 1,
        O_MINC,
        O_MAXT,
        O_MINZ,
        O_PRIOR,
        O_SCALE,
        O_REFINE,
        O_RATE,
        O_LEX,
        O_L2,
        O_TOPRIOR,
        O_AVG,
        O_ACROSS,
        O_NEUTRAL,
        O_HANGUL,
        O_EOJEOL,
        O_SELECT,
        O_HPUNCT
    };
    static const struct option opts[] = {{"rated", required_argument, NULL, O_RATED},
                                         {"out", required_argument, NULL, 'o'},
                                         {"min-count", required_argument, NULL, O_MINC},
                                         {"max-terms", required_argument, NULL, O_MAXT},
                                         {"min-z", required_argument, NULL, O_MINZ},
                                         {"prior", required_argument, NULL, O_PRIOR},
                                         {"scale", required_argument, NULL, O_SCALE},
                                         {"refine", required_argument, NULL, O_REFINE},
                                         {"rate", required_argument, NULL, O_RATE},
                                         {"lexicon", required_argument, NULL, O_LEX},
                                         {"l2", required_argument, NULL, O_L2},
                                         {"to-prior", no_argument, NULL, O_TOPRIOR},
                                         {"average", no_argument, NULL, O_AVG},
                                         {"select", required_argument, NULL, O_SELECT},
                                         {"hangul-punct", no_argument, NULL, O_HPUNCT},
                                         {"across", required_argument, NULL, O_ACROSS},
                                         {"neutral", required_argument, NULL, O_NEUTRAL},
                                         {"hangul-only", no_argument, NULL, O_HANGUL},
                                         {"eojeol", no_argument, NULL, O_EOJEOL},
                                         CLI_COMMON_LONGOPTS,
                                         {NULL, 0, NULL, 0}};
    const char **rated = calloc((size_t)argc + 1, sizeof(char *));
    if (!rated) {
        cli_error("out of memory");
        return HUGI_EXIT_FAIL;
    }
    size_t nrated = 0;
    const char **lex = calloc((size_t)argc + 1, sizeof(char *));
    size_t nlex = 0;
    const char **neu = calloc((size_t)argc + 1, sizeof(char *));
    size_t nneu = 0;
    struct hugi_tm_dict *neutral = NULL;
    struct hugi_sent_refine_opts ro = {.epochs = 0, .rate = 0.1, .l2 = 0.02};
    struct corpus corp;
    memset(&corp, 0, sizeof(corp));
    const char *out = NULL;
    struct hugi_sent_learn_opts lo = {0};
    int scale = 0;
    size_t select_n = 0;
    double v;
    int c;
    int rc = HUGI_EXIT_USAGE;
    optind = 0;
    while ((c = getopt_long(argc, argv, CLI_COMMON_SHORTOPTS "o:", opts, NULL)) != -1) {
        switch (c) {
        case O_RATED:
            rated[nrated++] = optarg;
            break;
        case 'o':
            out = optarg;
            break;
        case O_MINC:
            if (!parse_num("lexicon", "--min-count", optarg, 1, 1e9, &v))
                goto done;
            lo.min_count = (unsigned)v;
            break;
        case O_MAXT:
            if (!parse_num("lexicon", "--max-terms", optarg, 1, 1e8, &v))
                goto done;
            lo.max_terms = (size_t)v;
            break;
        case O_MINZ:
            if (!parse_num("lexicon", "--min-z", optarg, 0.001, 1000, &v))
                goto done;
            lo.min_z = v;
            break;
        case O_PRIOR:
            if (!parse_num("lexicon", "--prior", optarg, 0.001, 1e9, &v))
                goto done;
            lo.prior = v;
            break;
        case O_SCALE:
            if (strcmp(optarg, "5") && strcmp(optarg, "10")) {
                cli_usage_error("lexicon", "--scale must be 5 or 10, not '%s'", optarg);
                goto done;
            }
            scale = atoi(optarg);
            break;
        case O_REFINE:
            if (!parse_num("lexicon", "--refine", optarg, 0, 100, &v))
                goto done;
            ro.epochs = (int)v;
            break;
        case O_RATE:
            if (!parse_num("lexicon", "--rate", optarg, 1e-6, 10, &ro.rate))
                goto done;
            break;
        case O_L2:
            if (!parse_num("lexicon", "--l2", optarg, 0, 100, &ro.l2))
                goto done;
            break;
        case O_TOPRIOR:
            ro.to_prior = true;
            break;
        case O_ACROSS:
            if (!parse_num("lexicon", "--across", optarg, 0, 4, &v))
                goto done;
            lo.across = (unsigned)v;
            break;
        case O_NEUTRAL:
            if (neu)
                neu[nneu++] = optarg;
            break;
        case O_EOJEOL:
            lo.eojeol = true;
            break;
        case O_HANGUL:
            lo.hangul_only = true;
            break;
        case O_HPUNCT:
            lo.hangul_punct = true;
            break;
        case O_AVG:
            ro.average = true;
            break;
        case O_SELECT:
            if (!parse_num("lexicon", "--select", optarg, 1, 1e8, &v))
                goto done;
            select_n = (size_t)v;
            break;
        case O_LEX:
            if (lex)
                lex[nlex++] = optarg;
            break;
        default:
            if (!sent_cli_other_opt("lexicon", c, optarg, argv, usage, &rc))
                goto done;
        }
    }
    for (int i = optind; i < argc; i++)
        rated[nrated++] = argv[i];
    if (!lex || !neu) {
        cli_error("out of memory");
        goto done;
    }
    if (nrated == 0) {
        cli_usage_error("lexicon", "learn needs --rated FILE");
        goto done;
    }
    rc = HUGI_EXIT_FAIL;
    if (nneu > 0) {
        struct hugi_err nerr;
        hugi_err_clear(&nerr);
        neutral = hugi_tm_dict_new();
        bool nok = neutral != NULL;
        for (size_t i = 0; nok && i < nneu; i++)
            nok = hugi_tm_dict_load_file(neutral, neu[i], &nerr) == HUGI_OK;
        if (!nok || hugi_tm_dict_build(neutral, &nerr) != HUGI_OK) {
            cli_error_err("cannot load neutral terms", &nerr);
            goto done;
        }
        lo.neutral = neutral;
    }
    struct hugi_sent_learner *l = hugi_sent_learner_new(&lo);
    if (!l) {
        cli_error("out of memory");
        goto done;
    }
    unsigned long nused = 0, nbad = 0;
    for (size_t i = 0; i < nrated; i++) {
        if (!learn_file(l, rated[i], scale, &nused, &nbad, &corp)) {
            hugi_sent_learner_free(l);
            goto done;
        }
    }
    if (!nused) {
        /* a lexicon learned from nothing is empty: written over a good one it would lose it */
        cli_error("no positive or negative text in the --rated files: nothing learned");
        hugi_sent_learner_free(l);
        goto done;
    }
    struct hugi_err err;
    hugi_err_clear(&err);
    size_t nw = 0;
    struct hugi_sent *model = NULL;
    if (ro.epochs > 0) {
        /* naive Bayes weights first, then logistic passes with the rules in place; with
         * --select, the terms that added most are kept and refined again from the start */
        model = refined(l, lex, nlex, &corp, &ro, &err);
        if (model && select_n > 0) {
            size_t nkept = 0;
            bool ok = hugi_sent_learner_select(l, model, select_n, &nkept, &err) == HUGI_OK;
            hugi_sent_free(model);
            model = NULL;
            if (ok) {
                cli_info("selected %zu terms", nkept);
                model = refined(l, lex, nlex, &corp, &ro, &err);
            }
        }
        if (!model) {
            cli_error_err("cannot refine", &err);
            hugi_sent_learner_free(l);
            goto done;
        }
    }
    FILE *f = out ? fopen(out, "w") : stdout;
    if (!f) {
        cli_error("cannot write '%s': %s", out, strerror(errno));
        hugi_sent_free(model);
        hugi_sent_learner_free(l);
        goto done;
    }
    hugi_rc hr;
    if (model) {
        char hdr[512];
        snprintf(hdr, sizeof(hdr),
                 "# hugi learned lexicon (generated by `hugi lexicon learn`; do not edit by hand)\n"
                 "# %zu texts; naive-Bayes log-odds (informative Dirichlet prior), then %d "
                 "logistic passes with the rule lexicons\n",
                 corp.n, ro.epochs);
        hr = hugi_sent_write_learned(model, f, hdr, &nw, &err);
        hugi_sent_free(model);
    } else {
        hr = hugi_sent_learner_write(l, f, NULL, &nw, &err);
    }
    if ((out && fclose(f) != 0) || (!out && fflush(f) != 0))
        hr = hr == HUGI_OK ? HUGI_E_IO : hr;
    hugi_sent_learner_free(l);
    if (hr != HUGI_OK) {
        cli_error("cannot write lexicon '%s'", out ? out : "-");
        goto done;
    }
    cli_info("%lu texts used, %zu terms written", nused, nw);
    rc = nbad ? HUGI_EXIT_PARTIAL : HUGI_EXIT_OK;
done:
    corpus_release(&corp);
    hugi_tm_dict_free(neutral);
    free(neu);
    free(lex);
    free(rated);
    return rc;
}

static const struct hugi_tm_entry *dup_entries;

static int dup_cmp(const void *a, const void *b)
{
    const struct hugi_tm_entry *x = &dup_entries[*(const uint32_t *)a];
    const struct hugi_tm_entry *y = &dup_entries[*(const uint32_t *)b];
    int c = strcmp(x->term, y->term);
    if (!c)
        c = (int)x->kind - (int)y->kind;
    if (!c)
        c = (int)x->role - (int)y->role;
    if (!c)
        c = x->flags < y->flags ? -1 : x->flags > y->flags;
    if (!c)
        c = x->line < y->line ? -1 : x->line > y->line;
    return c;
}

/* Warns about each entry that repeats an earlier one (same term after normalising, same kind,
 * role and flags: a learned term and its `negated` twin are two entries on purpose): both count,
 * so the word weighs twice what its line says. Returns how many. */
static size_t check_repeats(const char *path, const struct hugi_tm_dict *d)
{
    size_t n = hugi_tm_dict_count(d), found = 0;
    uint32_t *ix = n ? malloc(n * sizeof *ix) : NULL;
    if (!ix)
        return 0;
    for (size_t i = 0; i < n; i++)
        ix[i] = (uint32_t)i;
    dup_entries = hugi_tm_dict_entries(d);
    qsort(ix, n, sizeof *ix, dup_cmp);
    for (size_t i = 1; i < n; i++) {
        const struct hugi_tm_entry *a = &dup_entries[ix[i - 1]], *b = &dup_entries[ix[i]];
        /* a spaceless or fused twin made at load (잘받았 of 잘 받았, 합 of 하) is dropped by the
         * scorer where the term is written out or twinned already: it never weighs twice */
        if (strcmp(a->term, b->term) || a->kind != b->kind || a->role != b->role ||
            a->flags != b->flags || (a->flags & (HUGI_TM_F_SPACELESS | HUGI_TM_F_FUSED)))
            continue;
        cli_warn("%s:%u: '%s' repeats line %u: both count, so it weighs twice", path,
                 (unsigned)b->line, b->term, (unsigned)a->line);
        found++;
    }
    free(ix);
    return found;
}

static int cmd_check(int argc, char **argv)
{
    static const struct option opts[] = {CLI_COMMON_LONGOPTS, {NULL, 0, NULL, 0}};
    int c;
    optind = 0;
    while ((c = getopt_long(argc, argv, CLI_COMMON_SHORTOPTS, opts, NULL)) != -1) {
        int stop = HUGI_EXIT_USAGE;
        if (!sent_cli_other_opt("lexicon", c, optarg, argv, usage, &stop))
            return stop;
    }
    if (optind >= argc)
        return cli_usage_error("lexicon", "check needs FILE");
    int rc = HUGI_EXIT_OK;
    for (int i = optind; i < argc; i++) {
        struct hugi_tm_dict *d = hugi_tm_dict_new();
        struct hugi_err err;
        hugi_err_clear(&err);
        /* built, so the entries' terms are in place for the repeat check */
        if (!d || hugi_tm_dict_load_file(d, argv[i], &err) != HUGI_OK ||
            hugi_tm_dict_build(d, &err) != HUGI_OK) {
            cli_error_err("bad lexicon", &err);
            rc = HUGI_EXIT_FAIL;
        } else {
            /* the file's entries: the spaceless and fused twins made at load are not lines of it */
            size_t nent = hugi_tm_dict_count(d), lines = 0;
            for (size_t k = 0; k < nent; k++)
                lines += !(hugi_tm_dict_entry(d, (uint32_t)k)->flags &
                           (HUGI_TM_F_SPACELESS | HUGI_TM_F_FUSED));
            printf("%s\t%zu entries\n", argv[i], lines);
            if (check_repeats(argv[i], d))
                rc = HUGI_EXIT_FAIL;
        }
        hugi_tm_dict_free(d);
    }
    return rc;
}

static int cmd_compile(int argc, char **argv)
{
    enum { O_OUT = 'o', O_LEX = 0x2001, O_NODEF };
    static const struct option opts[] = {{"out", required_argument, NULL, O_OUT},
                                         {"lexicon", required_argument, NULL, O_LEX},
                                         {"no-default-lexicons", no_argument, NULL, O_NODEF},
                                         CLI_COMMON_LONGOPTS,
                                         {NULL, 0, NULL, 0}};
    const char **lex = calloc((size_t)argc + 1, sizeof(*lex));
    size_t nlex = 0;
    const char *out = NULL;
    bool nodef = false;
    int c;
    optind = 0;
    if (!lex) {
        cli_error("out of memory");
        return HUGI_EXIT_FAIL;
    }
    while ((c = getopt_long(argc, argv, CLI_COMMON_SHORTOPTS "o:", opts, NULL)) != -1) {
        int stop = HUGI_EXIT_USAGE;
        if (c == O_OUT)
            out = optarg;
        else if (c == O_LEX)
            lex[nlex++] = optarg;
        else if (c == O_NODEF)
            nodef = true;
        else if (!sent_cli_other_opt("lexicon", c, optarg, argv, usage, &stop)) {
            free(lex);
            return stop;
        }
    }
    if (optind < argc) {
        free(lex);
        return cli_usage_error("lexicon", "compile takes no FILE (use --lexicon FILE)");
    }
    int rc = HUGI_EXIT_FAIL;
    struct hugi_sent_key key;
    char *img = NULL;
    struct hugi_sent *m = sent_cli_model_key(lex, nlex, nodef, &rc, &key, &img);
    free(lex);
    if (!m)
        return rc;
    rc = HUGI_EXIT_OK;
    const char *path = out ? out : img;
    struct hugi_err err;
    hugi_err_clear(&err);
    if (!path) {
        cli_error("no image cache (HUGI_LEXICON_CACHE=0 or no HOME): give --out FILE");
        rc = HUGI_EXIT_USAGE;
    } else if (out || access(path, R_OK) != 0) {
        /* the cache image was written by loading, unless it was there (and valid) already */
        if (hugi_sent_image_save(m, &key, path, &err) != HUGI_OK) {
            cli_error_err("cannot write lexicon image", &err);
            rc = HUGI_EXIT_FAIL;
        }
    }
    if (rc == HUGI_EXIT_OK)
        printf("%s\t%zu entries\n", path, hugi_sent_entries(m));
    hugi_sent_free(m);
    free(img);
    return rc;
}

int hugi_cmd_lexicon(int argc, char **argv)
{
    if (argc < 2)
        return cli_usage_error("lexicon", "no action given (learn, check or compile)");
    if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")) {
        fputs(usage, stdout);
        fputs(cli_common_help, stdout);
        return HUGI_EXIT_OK;
    }
    if (!strcmp(argv[1], "learn"))
        return cmd_learn(argc - 1, argv + 1);
    if (!strcmp(argv[1], "check"))
        return cmd_check(argc - 1, argv + 1);
    if (!strcmp(argv[1], "compile"))
        return cmd_compile(argc - 1, argv + 1);
    return cli_usage_error("lexicon", "unknown action '%s' (learn, check or compile)", argv[1]);
}
