/* SPDX-License-Identifier: MIT
 * `hugi score`: scores texts given as arguments, or stdin one text a line, with exactly one
 * output line per input line whatever the bytes (empty, broken UTF-8, NULs, huge lines). */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "sent_cli.h"

static const char usage[] =
    "usage: hugi score [--format tsv|jsonl|score] [--explain] [--evidence N]\n"
    "                  [--lexicon FILE]... [--no-default-lexicons] [--categories] [TEXT...]\n"
    "\n"
    "Scores the TEXT arguments, or stdin one text a line, and prints one line per text:\n"
    "  tsv    score<TAB>label<TAB>lang<TAB>evidence   (the default)\n"
    "  jsonl  "
    "{\"score\":..,\"label\":..,\"lang\":..,\"evidence\":[{\"start\":..,\"end\":..,...}]}\n"
    "  score  the score alone\n"
    "score is in [-1, 1], label neg/neu/pos, lang ko/en/other; evidence lists the spans of the\n"
    "text that counted most, as text=weight with the rules that changed them.\n"
    "\n"
    "Options:\n"
    "      --format F           tsv (default), jsonl or score\n"
    "      --explain            after each line, the evidence one item a line (indented)\n"
    "      --evidence N         evidence items shown per text (default 5; 0 = all)\n"
    "      --lexicon FILE       also load this lexicon (TSV; repeatable)\n"
    "      --no-default-lexicons  load only the --lexicon files\n"
    "      --categories         also the complaint categories (tsv: a last column, jsonl:\n"
    "                           \"categories\" and \"complaint_evidence\"; see hugi complaints)\n"
    "\n";

enum fmt { F_TSV, F_JSONL, F_SCORE };

static void rules_text(struct hugi_buf *o, uint32_t rules, const char *sep)
{
    static const struct {
        uint32_t bit;
        const char *name;
    } names[] = {
        {HUGI_SENT_R_NEGATED, "negated"},          {HUGI_SENT_R_BOOSTED, "boosted"},
        {HUGI_SENT_R_DAMPENED, "dampened"},        {HUGI_SENT_R_BEFORE_BUT, "before-contrast"},
        {HUGI_SENT_R_AFTER_BUT, "after-contrast"}, {HUGI_SENT_R_CAPS, "caps"},
        {HUGI_SENT_R_LEARNED, "learned"},          {HUGI_SENT_R_RULE, "rule"}};
    bool first = true;
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        if (!(rules & names[i].bit))
            continue;
        if (!first)
            hugi_buf_addstr(o, sep);
        hugi_buf_addstr(o, names[i].name);
        first = false;
    }
}

/* The original span, with tabs and control bytes shown as spaces so TSV stays one line. */
static void span_text(struct hugi_buf *o, const char *s, uint32_t a, uint32_t b)
{
    /* valid UTF-8 without NUL (almost every span) is what hugi_utf8_repair() would copy as it
     * is: written straight, without the copy in a buffer of its own */
    size_t n = b - a;
    if (hugi_utf8_valid(s + a, n) && !memchr(s + a, '\0', n)) {
        if (hugi_buf_grow(o, n) != HUGI_OK)
            return;
        char *d = o->data + o->len;
        for (size_t i = 0; i < n; i++) {
            unsigned char c = (unsigned char)s[a + i];
            d[i] = c < 0x20 || c == 0x7F ? ' ' : (char)c;
        }
        o->len += n;
        o->data[o->len] = '\0';
        return;
    }
    struct hugi_buf tmp;
    hugi_buf_init(&tmp, 0);
    hugi_utf8_repair(s + a, b - a, &tmp, NULL);
    for (size_t i = 0; i < tmp.len; i++) {
        unsigned char c = (unsigned char)tmp.data[i];
        hugi_buf_addc(o, c < 0x20 || c == 0x7F ? ' ' : (char)c);
    }
    hugi_buf_release(&tmp);
}

/* An evidence item's text: its span, or for a text-level item without one (the film offset,
 * "film review") its name. */
static void evidence_text(struct hugi_buf *o, const char *text, const struct hugi_sent_evidence *e)
{
    if (e->end > e->start)
        span_text(o, text, e->start, e->end);
    else
        hugi_buf_addstr(o, e->term);
}

static void print_result(struct hugi_buf *o, enum fmt fmt, const struct hugi_sent_result *r,
                         const char *text, size_t nshow, bool explain, size_t len, bool cats)
{
    size_t n = nshow && nshow < r->nev ? nshow : r->nev;
    if (fmt == F_SCORE) {
        hugi_sent_fmt_fixed(o, r->score, 4, false);
        hugi_buf_addc(o, '\n');
    } else if (fmt == F_TSV) {
        hugi_sent_fmt_fixed(o, r->score, 4, false);
        hugi_buf_addc(o, '\t');
        hugi_buf_addstr(o, hugi_sent_label_name(r->label));
        hugi_buf_addc(o, '\t');
        hugi_buf_addstr(o, hugi_sent_lang_name(r->lang));
        hugi_buf_addc(o, '\t');
        for (size_t i = 0; i < n; i++) {
            const struct hugi_sent_evidence *e = &r->ev[i];
            if (i)
                hugi_buf_addstr(o, ", ");
            evidence_text(o, text, e);
            hugi_buf_addc(o, '=');
            hugi_sent_fmt_fixed(o, e->weight, 2, true);
            uint32_t shown = e->rules & ~HUGI_SENT_R_LEARNED;
            if (shown) {
                hugi_buf_addc(o, '(');
                rules_text(o, shown, ",");
                hugi_buf_addc(o, ')');
            }
        }
        if (cats)
            cli_complaint_annotate(text, len, &r->text, r->score < 0, false, o);
        hugi_buf_addc(o, '\n');
    } else {
        hugi_buf_addf(o, "{\"score\":%.4f,\"label\":\"%s\",\"lang\":\"%s\",\"raw\":", r->score,
                      hugi_sent_label_name(r->label), hugi_sent_lang_name(r->lang));
        hugi_json_num(o, r->raw);
        hugi_buf_addstr(o, ",\"evidence\":[");
        for (size_t i = 0; i < n; i++) {
            const struct hugi_sent_evidence *e = &r->ev[i];
            hugi_buf_addf(o, "%s{\"start\":%u,\"end\":%u,\"text\":", i ? "," : "", e->start,
                          e->end);
            hugi_json_str(o, text + e->start, e->end - e->start);
            hugi_buf_addstr(o, ",\"term\":");
            hugi_json_strz(o, e->term);
            hugi_buf_addstr(o, ",\"base\":");
            hugi_json_num(o, (double)(float)e->base);
            hugi_buf_addstr(o, ",\"weight\":");
            hugi_json_num(o, (double)(float)e->weight);
            hugi_buf_addstr(o, ",\"rules\":[");
            struct hugi_buf tmp;
            hugi_buf_init(&tmp, 0);
            rules_text(&tmp, e->rules, "\",\"");
            if (tmp.len)
                hugi_buf_addf(o, "\"%s\"", tmp.data);
            hugi_buf_release(&tmp);
            hugi_buf_addstr(o, "]}");
        }
        hugi_buf_addc(o, ']');
        if (cats)
            cli_complaint_annotate(text, len, &r->text, r->score < 0, true, o);
        hugi_buf_addstr(o, "}\n");
    }
    if (explain) {
        if (r->nev == 0)
            hugi_buf_addstr(o, "    (no evidence)\n");
        for (size_t i = 0; i < n; i++) {
            const struct hugi_sent_evidence *e = &r->ev[i];
            hugi_buf_addf(o, "    %+6.2f  ", e->weight);
            evidence_text(o, text, e);
            hugi_buf_addf(o, "  [%u,%u) lexicon %+.2f", e->start, e->end, e->base);
            if (e->rules) {
                hugi_buf_addstr(o, " ");
                rules_text(o, e->rules, " ");
            }
            hugi_buf_addc(o, '\n');
        }
    }
}

/* Texts scored together before any is categorised (--categories): the scorer's walk over the
 * 17 MB image and the taxonomy's evict each other from the first two cache levels when they
 * alternate text by text; over a run of texts each finds more of its own states still there
 * (bench/README.md, "Session seven: categories' share by CPU time": 16 to 256 measured
 * alike, 1 is today's order). */
#define SCORE_BATCH       64
#define SCORE_BATCH_BYTES ((size_t)1 << 20)

struct batch {
    struct hugi_sent_result work; /* the one whose scratch scores every text (cap > 1) */
    struct hugi_sent_result *r;   /* cap outcomes, reused batch after batch */
    size_t *off, *len;            /* each text's bytes in `text` */
    unsigned long *lineno;        /* 0: an argument, not a line of stdin */
    size_t n, cap;
    struct hugi_buf text; /* the batch's texts, copied */
    /* cleared at init and again after a text that failed (the only one whose err is read),
     * not its 528 bytes every line */
    struct hugi_err err;
};

static bool batch_init(struct batch *b, size_t cap, bool no_evidence)
{
    memset(b, 0, sizeof(*b)); /* err cleared too */
    hugi_buf_init(&b->text, 0);
    hugi_sent_result_init(&b->work);
    b->work.no_evidence = no_evidence;
    b->r = calloc(cap, sizeof(*b->r));
    b->off = calloc(cap, sizeof(*b->off));
    b->len = calloc(cap, sizeof(*b->len));
    b->lineno = calloc(cap, sizeof(*b->lineno));
    if (!b->r || !b->off || !b->len || !b->lineno) {
        free(b->r);
        free(b->off);
        free(b->len);
        free(b->lineno);
        return false;
    }
    b->cap = cap;
    for (size_t i = 0; i < cap; i++) {
        hugi_sent_result_init(&b->r[i]);
        b->r[i].no_evidence = no_evidence;
    }
    return true;
}

static void batch_release(struct batch *b)
{
    hugi_sent_result_release(&b->work);
    for (size_t i = 0; i < b->cap; i++)
        hugi_sent_result_release(&b->r[i]);
    free(b->r);
    free(b->off);
    free(b->len);
    free(b->lineno);
    hugi_buf_release(&b->text);
}

static bool batch_add(struct batch *b, const char *s, size_t len, unsigned long lineno)
{
    b->off[b->n] = b->text.len;
    b->len[b->n] = len;
    b->lineno[b->n] = lineno;
    if (hugi_buf_add(&b->text, s, len) != HUGI_OK)
        return false;
    b->n++;
    return true;
}

/* Scores the batch's texts, then prints each (categorising it): returns the texts that could
 * not be scored. Empties the batch. */
static unsigned long batch_run(struct batch *b, struct hugi_sent *m, struct hugi_buf *o,
                               enum fmt fmt, size_t nshow, bool explain, bool cats)
{
    unsigned long nfail = 0;
    const char *t = b->text.data ? b->text.data : ""; /* NULL while only empty texts came */
    for (size_t i = 0; i < b->n; i++) {
        /* a batch of one scores in place; a longer one with the work result's scratch, the
         * outcome then swapped into its slot (whose old buffers come back to be reused): one
         * scratch, sized to the scorer's automaton, for the whole batch */
        struct hugi_sent_result *dst = b->cap == 1 ? &b->r[0] : &b->work;
        if (hugi_sent_score(m, t + b->off[i], b->len[i], dst, &b->err) != HUGI_OK) {
            nfail++;
            if (b->lineno[i])
                cli_warn("cannot score line %lu: %s", b->lineno[i], b->err.msg);
            hugi_err_clear(&b->err);
        }
        if (dst == &b->work)
            hugi_sent_result_swap(&b->work, &b->r[i]);
    }
    for (size_t i = 0; i < b->n; i++)
        print_result(o, fmt, &b->r[i], t + b->off[i], nshow, explain, b->len[i], cats);
    b->n = 0;
    hugi_buf_reset(&b->text);
    return nfail;
}

int hugi_cmd_score(int argc, char **argv)
{
    enum { O_FORMAT = 1, O_EXPLAIN, O_EVID, O_LEX, O_NODEF, O_CATS };
    static const struct option opts[] = {{"format", required_argument, NULL, O_FORMAT},
                                         {"explain", no_argument, NULL, O_EXPLAIN},
                                         {"evidence", required_argument, NULL, O_EVID},
                                         {"lexicon", required_argument, NULL, O_LEX},
                                         {"no-default-lexicons", no_argument, NULL, O_NODEF},
                                         {"categories", no_argument, NULL, O_CATS},
                                         CLI_COMMON_LONGOPTS,
                                         {NULL, 0, NULL, 0}};
    enum fmt fmt = F_TSV;
    bool explain = false, nodef = false, cats = false;
    size_t nshow = 5;
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
        case O_FORMAT:
            if (!strcmp(optarg, "tsv"))
                fmt = F_TSV;
            else if (!strcmp(optarg, "jsonl"))
                fmt = F_JSONL;
            else if (!strcmp(optarg, "score"))
                fmt = F_SCORE;
            else {
                cli_usage_error("score", "unknown format '%s' (tsv, jsonl or score)", optarg);
                goto done;
            }
            break;
        case O_EXPLAIN:
            explain = true;
            break;
        case O_EVID:
            if (!sent_cli_count("score", "--evidence", optarg, 1000000, &nshow))
                goto done;
            break;
        case O_LEX:
            lex[nlex++] = optarg;
            break;
        case O_NODEF:
            nodef = true;
            break;
        case O_CATS:
            cats = true;
            break;
        default:
            if (!sent_cli_other_opt("score", c, optarg, argv, usage, &rc))
                goto done;
        }
    }
    if (cats) {
        /* load the complaint lexicons now: a missing file is one error, not one a line */
        struct hugi_buf probe;
        hugi_buf_init(&probe, 0);
        bool ok = cli_complaint_annotate("", 0, NULL, false, false, &probe);
        hugi_buf_release(&probe);
        if (!ok) {
            rc = HUGI_EXIT_USAGE;
            goto done;
        }
    }
    struct hugi_sent *m = sent_cli_model(lex, nlex, nodef, &rc);
    if (!m)
        goto done;
    rc = HUGI_EXIT_FAIL;
    /* with --categories, a batch of texts is scored, then the same texts categorised, then
     * printed in order: the scorer's and the taxonomy's automata each stay in the caches over a
     * run of texts instead of evicting each other every text (bench/README.md, "Session
     * eight"); without, a batch is one text */
    struct batch b;
    if (!batch_init(&b, cats ? SCORE_BATCH : 1, fmt == F_SCORE && !explain)) {
        cli_error("out of memory");
        goto model;
    }
    struct hugi_buf o;
    hugi_buf_init(&o, 0);
    unsigned long nfail = 0;
    bool unread = false; /* stdin could not be read */
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    if (optind < argc) {
        for (int i = optind; i < argc; i++) {
            if (!batch_add(&b, argv[i], strlen(argv[i]), 0)) {
                cli_error("out of memory");
                nfail++;
                break;
            }
            if (b.n == b.cap)
                nfail += batch_run(&b, m, &o, fmt, nshow, explain, cats);
        }
        if (b.n)
            nfail += batch_run(&b, m, &o, fmt, nshow, explain, cats);
        fwrite(o.data, 1, o.len, stdout);
    } else {
        struct line_reader lr;
        line_reader_init(&lr, stdin);
        const char *s;
        size_t len;
        /* a batch ends at SCORE_BATCH lines or SCORE_BATCH_BYTES of text (a long line ends
         * one), and at the end of input; the lines are copied, the reader's are borrowed only
         * until its next call. Output still goes out in 64 KB writes (the reader takes stdin
         * 1 MB at a time), so batching delays nothing a reader of the output could see. */
        while (line_reader_next(&lr, &s, &len)) {
            if (len > 0 && s[len - 1] == '\r')
                len--;
            if (!batch_add(&b, s, len, lr.lineno)) {
                cli_error("out of memory");
                nfail++;
                break;
            }
            if (b.n == b.cap || b.text.len >= SCORE_BATCH_BYTES) {
                nfail += batch_run(&b, m, &o, fmt, nshow, explain, cats);
                if (o.len > (1u << 16)) {
                    fwrite(o.data, 1, o.len, stdout);
                    hugi_buf_reset(&o);
                }
            }
        }
        if (b.n)
            nfail += batch_run(&b, m, &o, fmt, nshow, explain, cats);
        if (o.len) /* empty input leaves o.data NULL, which fwrite must not get */
            fwrite(o.data, 1, o.len, stdout);
        if (ferror(stdin)) {
            /* input that could not be read is a failure, not lines that could not be scored */
            cli_error("cannot read stdin: %s", strerror(errno));
            unread = true;
        }
        if (lr.truncated)
            cli_warn("%lu lines longer than %zu bytes were scored on their first %zu bytes",
                     lr.truncated, SENT_CLI_MAX_LINE, SENT_CLI_MAX_LINE);
        line_reader_release(&lr);
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    if (getenv("HUGI_LOOP_SECONDS"))
        fprintf(stderr, "LOOP_SECONDS %.6f\n",
                (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
    hugi_buf_release(&o);
    batch_release(&b);
    if (fflush(stdout) != 0) {
        cli_error("cannot write output: %s", strerror(errno));
        rc = HUGI_EXIT_FAIL;
    } else {
        rc = unread ? HUGI_EXIT_FAIL : nfail ? HUGI_EXIT_PARTIAL : HUGI_EXIT_OK;
    }
model:
    hugi_sent_free(m);
done:
    cli_complaint_annotate_done();
    free(lex);
    return rc;
}
