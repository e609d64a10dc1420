/* SPDX-License-Identifier: MIT
 * Measures the complaint categories on the hand-labelled sets (id, categories, text) and prints
 * per-category precision and recall. Every set has floors a little under its measured figures
 * (regression guards) and, except blind9, blind12 to blind15, blind17 and probe15b to probe19b,
 * asserts recall 1 on every critical category present. Round thirteen made every set development
 * data (their rows and misses were read, pooled, to find what fails across sets); the unseen
 * estimate is now a set none of these sessions saw: tests/data/complaints-dev.tsv      the first
 * development set (floors above the issue's targets, macro precision 0.85 and recall 0.75);
 * tests/data/complaints-heldout.tsv labelled blind in round one, development data since;
 * tests/data/complaints-test.tsv     labelled blind in round one, development data since;
 * tests/data/complaints-blind2.tsv   labelled blind before round two, development data since;
 * tests/data/complaints-blind3.tsv   labelled before round three, not tuned on in round three,
 * development data since round four; tests/data/complaints-blind4.tsv   labelled before round four,
 * not tuned on in round four, development data since round five; tests/data/complaints-blind5.tsv
 * labelled before round five, not tuned on in round five, development data since round six;
 *   tests/data/complaints-blind6.tsv   labelled before round six, the unseen-data estimate until
 *                                      round thirteen; its last critical miss (a face captured
 *                                      and used to threaten) found by round fourteen's mechanisms,
 *                                      critical recall asserted since;
 *   tests/data/complaints-shop.tsv     composed Korean and English shopping sentences (round
 *                                      three was shaped by its misses);
 *   tests/data/complaints-shop2.tsv    composed shopping sentences labelled after round three,
 *                                      measured blind once, development data in round four;
 *   tests/data/complaints-shop3.tsv    composed short typical shopping complaints and praise;
 *   tests/data/complaints-food.tsv     composed food-delivery reviews (배달 음식, 식품 택배,
 * 밀키트, English takeout), development data in round seven;
 *   tests/data/complaints-en.tsv       composed English shop and takeout reviews (round nine);
 *   tests/data/complaints-critical.tsv composed safety, legal and privacy complaints told through
 *                                      what happened, and look-alike praise (round ten);
 *   tests/data/complaints-critical2.tsv composed critical complaints with no category word (a
 *                                      child nearly swallowing a part, a socket scorched, a seller
 *                                      texting the buyer's number, 구청 위생과에 전화했습니다) and
 *                                      look-alikes (웃겨 죽겠다, hot soup, a tracking number), in
 * nine batches, each written before the next pass of round fourteen (main found 186/390 critical
 * labels; each later batch about half of its own before the pass that followed it);
 *   tests/data/complaints-domains.tsv  an unlabelled composed pool (round eight): the categories
 *                                      that fire out of a text's domain are counted and capped;
 *   tests/data/complaints-real9.tsv    real reviews (Korean apps from odd lines only, NSMC, UCI)
 *                                      labelled before round twelve, measured once (P 0.850,
 *                                      R 0.661), development data of that round since;
 *   tests/data/complaints-real10.tsv   the same kind, drawn after round twelve's first pass,
 *                                      measured once, development data of its second pass;
 *   tests/data/complaints-real11.tsv   the same kind, drawn after round twelve and never tuned on:
 *                                      an unseen estimate until round thirteen;
 *   tests/data/complaints-blind7.tsv   composed Korean food-delivery and shopping and English shop
 *                                      and restaurant reviews, written and labelled before round
 *                                      seven by a helper who tuned nothing, kept out of every
 *                                      round's worktree and measured by aggregates only: an
 *                                      unseen-data estimate until round thirteen;
 *   tests/data/complaints-blind8.tsv   150 real reviews (Korean apps from even lines only, NSMC,
 *                                      UCI) and 90 composed shop, food and app reviews, labelled
 *                                      in session four by a helper who ran nothing and read no
 *                                      lexicon, before round twelve landed: an unseen estimate
 *                                      like blind6 (measured 0.756 / 0.663 before the round,
 *                                      0.763 / 0.657 after), development data since round
 *                                      thirteen; its last critical miss (신고하겟습니다, 겠 typed
 *                                      as 겟) found in round fourteen, asserted since.
 *   tests/data/complaints-blind9.tsv   150 real reviews (Korean apps 1-3 stars, NSMC, UCI amazon,
 *                                      yelp and imdb) and 93 composed shop, food and app reviews,
 *                                      labelled in session five by a helper who ran nothing and
 *                                      read no lexicon or other set's rows, before rounds thirteen
 *                                      and fourteen landed; kept out of every worktree that tuned
 *                                      categories and measured by aggregates only: the unseen
 *                                      estimate now (0.826 / 0.680 and 11 of 18 critical labels at
 *                                      the session's start, 0.840 / 0.721 and 15 of 18 after both
 *                                      rounds); its rows and misses are not printed, its critical
 *                                      misses not asserted.
 *   tests/data/complaints-blind10.tsv  110 real reviews (70 Korean apps rated 1-3 as @ref rows,
 *                                      NSMC, UCI) and 167 composed shop, food and app reviews
 *                                      with 49 critical labels, written in session six by a helper
 *                                      who ran nothing and read no lexicon or other set's rows,
 *                                      before round fifteen landed; kept out of every tuning
 *                                      worktree: the unseen estimate of session six (0.834 / 0.767
 *                                      and 40 of 49 critical labels at the session's start, 0.841 /
 *                                      0.780 and 40 of 49 after round fifteen); rows and misses not
 *                                      printed, critical misses not asserted; development data
 *                                      since round sixteen (0.876 / 0.809, 49 of 49), critical
 *                                      recall asserted;
 *   tests/data/complaints-blind11.tsv  110 real reviews (70 Korean apps rated 1-3 as @ref rows,
 *                                      NSMC, UCI) and 177 composed shop, food and app reviews
 *                                      with 58 critical rows (59 labels), written in session seven
 *                                      by a helper who ran nothing and read no lexicon or other
 *                                      set's rows, before rounds sixteen and seventeen landed; the
 *                                      unseen estimate of session seven (0.804 / 0.773, 44 of 59 at
 *                                      its start; 0.811 / 0.782, 47 of 59 after both rounds); rows
 *                                      and misses not printed, critical misses not asserted;
 *   tests/data/complaints-blind12.tsv  256 composed Korean and English shop, food and app
 *                                      reviews with 58 critical labels (50 rows with no category),
 *                                      written in session eight by a helper who ran nothing and
 *                                      read no lexicon or other set's rows, before round eighteen
 *                                      landed; kept out of every tuning worktree and measured by
 *                                      aggregates only: the unseen estimate of session eight
 *                                      (0.860 / 0.835, 53 of 58 at its start; 0.860 / 0.853, 54 of
 *                                      58 after round eighteen); rows and misses not printed,
 *                                      critical misses not asserted;
 *   tests/data/complaints-blind13.tsv  256 composed Korean and English shop, food and app
 *                                      reviews with 63 critical labels (50 rows with no category),
 *                                      written in session nine by a helper who ran nothing and read
 *                                      no lexicon or other set's rows, before round nineteen
 *                                      landed; kept out of every tuning worktree and measured by
 *                                      aggregates only: the unseen estimate of session nine
 *                                      (0.843 / 0.760, 57 of 63 at its start; 0.846 / 0.779, 57
 *                                      of 63 after round nineteen); rows and misses not printed,
 *                                      critical misses not asserted;
 *   tests/data/complaints-blind14.tsv  250 composed Korean and English reviews of used goods,
 *                                      travel, courses, games, meal kits, car care, clinics, apps
 *                                      and home services with 29 critical labels (51 rows with no
 *                                      category), written in session ten the same way before round
 *                                      twenty landed; aggregates only: the unseen estimate of
 *                                      session ten (0.838 / 0.764, 23 of 29 at its start; 0.840 /
 *                                      0.770, 23 of 29 after round twenty); rows and misses not
 *                                      printed, critical misses not asserted;
 *   tests/data/complaints-blind15.tsv  250 composed Korean and English reviews of after-sales
 *                                      service, carriers, insurance and banking apps, tickets,
 *                                      car sharing, baby and pet goods, pharmacies, moving and
 *                                      smart homes (54 with no category, 32 critical), written in
 *                                      session twelve before round twenty-two landed; aggregates
 *                                      only: the unseen estimate of session twelve (0.788 / 0.665
 *                                      at its start, 0.789 / 0.668 after the round); rows and
 *                                      misses not printed, critical misses not asserted;
 *   tests/data/complaints-blind17.tsv  260 composed Korean and English complaints, half everyday
 *                                      shop ones in informal phrasings, half new domains (39 with
 *                                      no category, 24 critical rows), written in session thirteen
 *                                      before round twenty-three landed; aggregates only: 0.766 /
 *                                      0.636 at its start, 0.768 / 0.640 after the round; rows and
 *                                      misses not printed, critical misses not asserted;
 *   tests/data/complaints-probe15.tsv  round fifteen's own probe sentences (398 composed Korean and
 *                                      English shop, food and app reviews, traps and critical rows
 *                                      told through what happened), written in nine batches, each
 *                                      measured before the pass that followed it (the BEFORE
 *                                      figures in its header are the round's unseen estimates);
 *                                      development data, critical recall asserted;
 *   tests/data/complaints-probe15b.tsv the tenth and eleventh batches, written after the round's
 *                                      last pass and never tuned on: the round's final unseen
 *                                      estimate (main 0.845 / 0.739, round fifteen 0.869 / 0.739,
 *                                      17 of 19 critical labels); its critical misses reported, not
 *                                      asserted;
 *   tests/data/complaints-probe16.tsv  round sixteen's probe sentences (84), written before the
 *                                      round changed anything; development data, critical recall
 *                                      asserted;
 *   tests/data/complaints-probe16b.tsv round sixteen's second batch (40), written after its last
 *                                      change and never tuned on: the round's unseen estimate;
 *                                      critical misses reported, not asserted;
 *   tests/data/complaints-probe17.tsv  round seventeen's probe sentences (64), written before the
 *                                      round changed anything; development data, critical recall
 *                                      asserted;
 *   tests/data/complaints-probe17b.tsv round seventeen's second batch (40), written after its last
 *                                      change and never tuned on: the round's unseen estimate;
 *                                      critical misses reported, not asserted;
 *   tests/data/complaints-probe18.tsv  round eighteen's probe batch (155), written before the round
 *                                      changed anything; development data, critical recall
 *                                      asserted;
 *   tests/data/complaints-probe18b.tsv round eighteen's second batch (90), written after its last
 *                                      change and never tuned on: the round's unseen estimate;
 *                                      critical misses reported, not asserted;
 *   tests/data/complaints-probe19a.tsv round nineteen's probe batch (237), written before the round
 *                                      changed anything; development data, critical recall
 *                                      asserted;
 *   tests/data/complaints-probe19b.tsv round nineteen's second batch (150), written after its last
 *                                      change and never tuned on: the round's unseen estimate;
 *                                      critical misses reported, not asserted;
 *   tests/data/complaints-probe20a.tsv round twenty's probe batch (199, new domains), written
 *                                      before the round changed anything; development data,
 *                                      critical misses reported, not asserted (3 of 19 left);
 *   tests/data/complaints-probe20b.tsv round twenty's second batch (122), written after its first
 *                                      set of changes and never tuned on; critical misses
 *                                      reported, not asserted;
 *   tests/data/complaints-probe20c.tsv round twenty's third batch (94), written after its last
 *                                      change and never tuned on: the round's unseen estimate;
 *                                      critical misses reported, not asserted;
 *   tests/data/complaints-probe21a.tsv round twenty-one's probe batch (157, new domains), written
 *                                      before the round changed anything; development data,
 *                                      critical recall asserted;
 *   tests/data/complaints-probe21b.tsv round twenty-one's held-back batch (99), written with 21a
 *                                      before any change and never tuned on: the round's unseen
 *                                      estimate; critical misses reported, not asserted.
 *   tests/data/complaints-probe22a.tsv round twenty-two's tune batch (187, domains no round wrote
 *                                      about), written before any change, development data of the
 *                                      round; critical misses reported, not asserted (16 of 22);
 *   tests/data/complaints-probe22b.tsv round twenty-two's held-back batch (105, other domains),
 *                                      written with 22a before any change and never tuned on: the
 *                                      round's unseen estimate; critical misses reported.
 *   tests/data/complaints-probe23a.tsv round twenty-three's tune batch (149: study cafes, driving
 *                                      schools, e-books, flowers, pest control, scooter sharing,
 *                                      trains and buses, parks, subscription boxes, job platforms,
 *                                      shop complaints told as facts), written before any change,
 *                                      development data of the round; critical recall asserted;
 *   tests/data/complaints-probe23b.tsv round twenty-three's held-back batch (135, other domains),
 *                                      written with 23a before any change and never tuned on: the
 *                                      round's unseen estimate; critical misses reported.
 *   tests/data/complaints-probe23c.tsv round twenty-three's third batch (81, other domains again),
 *                                      written after the round's last change and measured once
 *                                      with main and once with the round; critical misses reported.
 * HUGI_EVAL_VERBOSE=1 prints each wrong row of the sets whose critical recall is asserted.
 *
 * Rows with id apps:LINE carry no text: their source, the Korean app reviews of
 * $HUGI_SHARED_DIR/data/ko/apps-dev-rated.tsv, has no licence, so only the id and the labels are
 * shipped. Their text column is "@ref N H": the first N bytes of that file's line LINE (its text
 * column), whose FNV-1a 64-bit hash is H (hex). The text is read from the shared file at run time
 * and checked against H, so a changed shared file fails loudly instead of measuring other texts;
 * without the shared folder a set holding such rows is skipped. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hugi/complaint.h"

/* The shared app reviews, one text (after the rating's tab) per line, loaded once. */
static char *apps_blob;
static char **apps_text;
static long apps_lines;
static bool apps_tried;

static const char *shared_dir(void)
{
    const char *env = getenv("HUGI_SHARED_DIR");
    return env && *env ? env : HUGI_SHARED_DIR;
}

/* Loads apps-dev-rated.tsv; false when the shared folder (or the file) is not there. */
static bool apps_load(void)
{
    if (apps_tried)
        return apps_text != NULL;
    apps_tried = true;
    char path[4096];
    snprintf(path, sizeof path, "%s/data/ko/apps-dev-rated.tsv", shared_dir());
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return false;
    size_t cap = 1 << 20, len = 0;
    apps_blob = malloc(cap + 1);
    assert_non_null(apps_blob);
    size_t got;
    while ((got = fread(apps_blob + len, 1, cap - len, fp)) > 0) {
        len += got;
        if (len == cap) {
            cap *= 2;
            apps_blob = realloc(apps_blob, cap + 1);
            assert_non_null(apps_blob);
        }
    }
    fclose(fp);
    apps_blob[len] = '\0';
    long n = 0;
    for (size_t i = 0; i < len; i++)
        n += apps_blob[i] == '\n';
    apps_text = calloc((size_t)n + 2, sizeof *apps_text);
    assert_non_null(apps_text);
    char *p = apps_blob;
    while (*p) {
        char *nl = strchr(p, '\n');
        if (nl)
            *nl = '\0';
        char *tab = strchr(p, '\t');
        apps_text[apps_lines++] = tab ? tab + 1 : p;
        if (!nl)
            break;
        p = nl + 1;
    }
    return true;
}

static uint64_t fnv1a64(const char *s, size_t n)
{
    uint64_t h = 0xcbf29ce484222325u;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 0x100000001b3u;
    }
    return h;
}

/* Resolves an "@ref N H" text of row id apps:LINE (file:row for messages) to the shared text. */
static void resolve_ref(const char *id, const char *ref, const char *file, long row,
                        const char **text, size_t *tl)
{
    char *end;
    if (strncmp(id, "apps:", 5) != 0)
        fail_msg("%s:%ld: '@ref' text on a row whose id is not apps:LINE", file, row);
    long ln = strtol(id + 5, &end, 10);
    unsigned long n = strtoul(ref + 5, &end, 10);
    uint64_t want = strtoull(end, NULL, 16);
    if (ln < 1 || ln > apps_lines)
        fail_msg("%s:%ld: apps line %ld is not in %s/data/ko/apps-dev-rated.tsv (%ld lines)", file,
                 row, ln, shared_dir(), apps_lines);
    const char *t = apps_text[ln - 1];
    if (strlen(t) < n || fnv1a64(t, n) != want)
        fail_msg("%s:%ld: text of %s/data/ko/apps-dev-rated.tsv:%ld is not the labelled one "
                 "(length or hash differs: the shared file changed)",
                 file, row, shared_dir(), ln);
    *text = t;
    *tl = n;
}

struct floors {
    const char *file;
    double min_p, min_r;
    long min_rows;
    /* false for a set whose critical misses are reported, not asserted, and whose wrong rows are
     * not printed: blind9, the unseen estimate of session five (blind6 and blind8 were such sets
     * until round fourteen, which found their last critical misses by mechanisms written for its
     * own probes; they assert since) */
    bool development;
};

static void measure(const struct floors *fl)
{
    struct hugi_complaint_tax *tax = NULL;
    struct hugi_err err;
    hugi_err_clear(&err);
    assert_int_equal(hugi_complaint_tax_load(&tax, HUGI_SOURCE_DIR "/lexicons/complaints", &err),
                     HUGI_OK);
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", HUGI_TEST_DATA, fl->file);
    FILE *fp = fopen(path, "r");
    assert_non_null(fp);
    long tp[HUGI_COMPLAINT_MAX_CATS] = {0}, fp_[HUGI_COMPLAINT_MAX_CATS] = {0},
         fn[HUGI_COMPLAINT_MAX_CATS] = {0};
    struct hugi_complaint_match m;
    hugi_complaint_match_init(&m);
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    long rows = 0, lineno = 0;
    const char *ve = getenv("HUGI_EVAL_VERBOSE");
    bool verbose = ve && *ve == '1' && fl->development;
    while ((n = getline(&line, &cap, fp)) > 0) {
        lineno++;
        if (line[0] == '#' || line[0] == '\n')
            continue;
        char *t1 = strchr(line, '\t');
        assert_non_null(t1);
        char *t2 = strchr(t1 + 1, '\t');
        assert_non_null(t2);
        *t2 = '\0';
        const char *text = t2 + 1;
        size_t tl = strcspn(text, "\r\n");
        if (strncmp(text, "@ref ", 5) == 0) {
            if (!apps_load()) {
                free(line);
                fclose(fp);
                hugi_complaint_match_release(&m);
                hugi_complaint_tax_free(tax);
                skip(); /* the texts live in the shared data, which is not here */
            }
            *t1 = '\0';
            resolve_ref(line, text, fl->file, lineno, &text, &tl);
        }
        uint64_t gold = 0;
        if (strcmp(t1 + 1, "-") != 0) {
            const char *k = t1 + 1;
            while (*k) {
                size_t kl = strcspn(k, ",");
                int idx = hugi_complaint_tax_find(tax, k, kl);
                if (idx < 0)
                    fail_msg("unknown category '%.*s' in %s", (int)kl, k, fl->file);
                gold |= (uint64_t)1 << idx;
                k += kl;
                if (*k == ',')
                    k++;
            }
        }
        assert_int_equal(hugi_complaint_categorize(tax, text, tl, &m, &err), HUGI_OK);
        if (verbose && gold != m.cats) {
            /* HUGI_EVAL_VERBOSE=1: each wrong row, its misses (-) and false hits (+ with the
             * evidence), for development sets only: blind6's errors are not to be read */
            printf("%s:%ld", fl->file, lineno);
            for (int c = 0; c < hugi_complaint_tax_count(tax); c++) {
                uint64_t b = (uint64_t)1 << c;
                if ((gold & b) && !(m.cats & b))
                    printf(" -%s", hugi_complaint_tax_key(tax, c));
                if (!(gold & b) && (m.cats & b)) {
                    printf(" +%s", hugi_complaint_tax_key(tax, c));
                    for (size_t k = 0; k < m.nspans; k++)
                        if (m.spans[k].cat == c)
                            printf("[%.*s]", (int)(m.spans[k].end - m.spans[k].start),
                                   text + m.spans[k].start);
                }
            }
            printf("\t%.*s\n", (int)tl, text);
        }
        for (int c = 0; c < hugi_complaint_tax_count(tax); c++) {
            uint64_t b = (uint64_t)1 << c;
            if ((gold & b) && (m.cats & b))
                tp[c]++;
            else if (m.cats & b)
                fp_[c]++;
            else if (gold & b)
                fn[c]++;
        }
        rows++;
    }
    free(line);
    fclose(fp);
    assert_true(rows >= fl->min_rows);
    double sp = 0, sr = 0;
    int ncat = 0, npcat = 0;
    bool critical_ok = true;
    printf("%-13s %4s %4s %4s %6s %6s\n", "category", "tp", "fp", "fn", "P", "R");
    for (int c = 0; c < hugi_complaint_tax_count(tax); c++) {
        if (tp[c] + fn[c] == 0 && fp_[c] == 0)
            continue;
        double p = tp[c] + fp_[c] ? (double)tp[c] / (double)(tp[c] + fp_[c]) : 1.0;
        double r = tp[c] + fn[c] ? (double)tp[c] / (double)(tp[c] + fn[c]) : 1.0;
        printf("%-13s %4ld %4ld %4ld %6.2f %6.2f%s\n", hugi_complaint_tax_key(tax, c), tp[c],
               fp_[c], fn[c], p, r, hugi_complaint_tax_critical(tax, c) ? "  critical" : "");
        /* precision over every category present or predicted (a category the set lacks but
         * that fires anyway counts at precision 0), recall over the categories present */
        sp += p;
        npcat++;
        if (tp[c] + fn[c] > 0) {
            sr += r;
            ncat++;
        }
        if (hugi_complaint_tax_critical(tax, c) && fn[c] > 0)
            critical_ok = false;
    }
    printf("%s (%ld texts): macro P=%.3f over %d categories present or predicted, "
           "macro R=%.3f over %d present\n\n",
           fl->file, rows, sp / npcat, npcat, sr / ncat, ncat);
    assert_true(sp / npcat >= fl->min_p);
    assert_true(sr / ncat >= fl->min_r);
    if (fl->development)
        assert_true(critical_ok);
    else if (!critical_ok)
        printf("%s: a critical category is missed (reported, not asserted)\n\n", fl->file);
    hugi_complaint_match_release(&m);
    hugi_complaint_tax_free(tax);
}

static void test_dev_set(void **state)
{
    (void)state;
    static const struct floors f = {"complaints-dev.tsv", 0.94, 0.86, 300, true};
    measure(&f);
}

static void test_heldout_set(void **state)
{
    (void)state;
    static const struct floors f = {"complaints-heldout.tsv", 0.94, 0.78, 100, true};
    measure(&f);
}

static void test_test_set(void **state)
{
    (void)state;
    static const struct floors f = {"complaints-test.tsv", 0.89, 0.76, 100, true};
    measure(&f);
}

static void test_blind2_set(void **state)
{
    (void)state;
    static const struct floors f = {"complaints-blind2.tsv", 0.94, 0.77, 140, true};
    measure(&f);
}

static void test_blind3_set(void **state)
{
    (void)state;
    static const struct floors f = {"complaints-blind3.tsv", 0.88, 0.91, 150, true};
    measure(&f);
}

static void test_blind4_set(void **state)
{
    (void)state;
    static const struct floors f = {"complaints-blind4.tsv", 0.89, 0.83, 150, true};
    measure(&f);
}

static void test_blind5_set(void **state)
{
    (void)state;
    static const struct floors f = {"complaints-blind5.tsv", 0.86, 0.81, 180, true};
    measure(&f);
}

/* Round twelve: real reviews (Korean apps from the odd lines only, NSMC, UCI) sampled and labelled
 * before the round, measured once as its unseen estimate, development data of the round since. */
static void test_real9_set(void **state)
{
    (void)state;
    static const struct floors f = {"complaints-real9.tsv", 0.90, 0.71, 150, true};
    measure(&f);
}

/* Round twelve, second pass: real reviews drawn and labelled after the first pass, measured once
 * (base lexicons P 0.639 / R 0.749, first pass 0.656 / 0.749), development data of the second. */
static void test_real10_set(void **state)
{
    (void)state;
    static const struct floors f = {"complaints-real10.tsv", 0.91, 0.73, 75, true};
    measure(&f);
}

/* Round twelve, at its end: real reviews drawn and labelled after the round, measured once with
 * main's lexicons and the round's (0.764 / 0.675 both): an unseen estimate until round thirteen,
 * which pooled it with every other set (0.785 / 0.752 after it, critical recall 1). */
static void test_real11_set(void **state)
{
    (void)state;
    static const struct floors f = {"complaints-real11.tsv", 0.78, 0.73, 75, true};
    measure(&f);
}

static void test_blind6_set(void **state)
{
    (void)state;
    static const struct floors f = {"complaints-blind6.tsv", 0.78, 0.69, 180, true};
    measure(&f);
}

static void test_shop_set(void **state)
{
    (void)state;
    static const struct floors f = {"complaints-shop.tsv", 0.98, 0.92, 100, true};
    measure(&f);
}

static void test_shop2_set(void **state)
{
    (void)state;
    static const struct floors f = {"complaints-shop2.tsv", 0.98, 0.96, 60, true};
    measure(&f);
}

static void test_shop3_set(void **state)
{
    (void)state;
    static const struct floors f = {"complaints-shop3.tsv", 0.90, 0.97, 70, true};
    measure(&f);
}

static void test_food_set(void **state)
{
    (void)state;
    static const struct floors f = {"complaints-food.tsv", 0.97, 0.96, 160, true};
    measure(&f);
}

static void test_food2_set(void **state)
{
    (void)state;
    static const struct floors f = {"complaints-food2.tsv", 0.97, 0.97, 45, true};
    measure(&f);
}

static void test_food3_set(void **state)
{
    (void)state;
    static const struct floors f = {"complaints-food3.tsv", 0.96, 0.95, 75, true};
    measure(&f);
}

static void test_food4_set(void **state)
{
    (void)state;
    static const struct floors f = {"complaints-food4.tsv", 0.98, 0.95, 75, true};
    measure(&f);
}

static void test_food5_set(void **state)
{
    (void)state;
    static const struct floors f = {"complaints-food5.tsv", 0.95, 0.78, 65, true};
    measure(&f);
}

static void test_blind7_set(void **state)
{
    (void)state;
    static const struct floors f = {"complaints-blind7.tsv", 0.89, 0.85, 180, true};
    measure(&f);
}

static void test_blind8_set(void **state)
{
    (void)state;
    static const struct floors f = {"complaints-blind8.tsv", 0.83, 0.73, 230, true};
    measure(&f);
}

static void test_blind9_set(void **state)
{
    (void)state;
    static const struct floors f = {"complaints-blind9.tsv", 0.84, 0.70, 235, false};
    measure(&f);
}

/* blind10: the unseen estimate of session six until round sixteen, which made it development data
 * (its critical misses and false hits read by class): 0.841 / 0.780 and 40 of 49 critical labels
 * before the round, 0.876 / 0.809 and 49 of 49 after; critical recall asserted since. */
static void test_blind10_set(void **state)
{
    (void)state;
    static const struct floors f = {"complaints-blind10.tsv", 0.87, 0.80, 270, true};
    measure(&f);
}

/* blind11: the unseen estimate of session seven, labelled before rounds sixteen and seventeen by
 * a helper who ran nothing and read no lexicon or other set's rows, kept out of every tuning
 * worktree and measured by aggregates only: 0.804 / 0.773 and 44 of 59 critical labels at the
 * session's start, 0.811 / 0.782 and 47 of 59 after both rounds. Round eighteen made it
 * development data (its misses read by class): 0.850 / 0.842 and 59 of 59 after the round;
 * critical recall asserted since. */
static void test_blind11_set(void **state)
{
    (void)state;
    static const struct floors f = {"complaints-blind11.tsv", 0.83, 0.82, 280, true};
    measure(&f);
}

/* blind12: the unseen estimate of session eight, labelled before round eighteen by a helper who
 * ran nothing and read no lexicon or other set's rows, kept out of every tuning worktree and
 * measured by aggregates only: 0.860 / 0.835 and 53 of 58 critical labels at the session's start,
 * 0.860 / 0.853 and 54 of 58 after the round. */
static void test_blind12_set(void **state)
{
    (void)state;
    static const struct floors f = {"complaints-blind12.tsv", 0.84, 0.83, 250, false};
    measure(&f);
}

/* blind13: the unseen estimate of session nine, labelled before round nineteen by a helper who
 * ran nothing and read no lexicon or other set's rows, kept out of every tuning worktree and
 * measured by aggregates only: 0.843 / 0.760 and 57 of 63 critical labels at the session's start,
 * 0.846 / 0.779 and 57 of 63 after the round. */
static void test_blind13_set(void **state)
{
    (void)state;
    static const struct floors f = {"complaints-blind13.tsv", 0.83, 0.76, 250, false};
    measure(&f);
}

/* blind14: the unseen estimate of session ten, new domains (used goods, travel, courses, games,
 * meal kits, car care, clinics; English apps, SaaS, travel, home services), labelled before
 * round twenty by a helper who ran nothing and read no lexicon or other set's rows, kept out of
 * every tuning worktree and measured by aggregates only: 0.838 / 0.764 and 23 of 29 critical
 * labels at the session's start, 0.840 / 0.770 and 23 of 29 after the round. */
static void test_blind14_set(void **state)
{
    (void)state;
    static const struct floors f = {"complaints-blind14.tsv", 0.83, 0.75, 245, false};
    measure(&f);
}

/* blind15: the unseen estimate of session twelve, domains no round wrote about (furniture and
 * appliances' after-sales service, carriers, insurance and banking apps, tickets, car sharing,
 * baby and pet goods, pharmacies, hospital booking, moving, printing, scooters, smart homes;
 * English SaaS billing, devices, delivery, hotels, telecoms), labelled before round twenty-two
 * landed by a helper who ran nothing and read no lexicon or other set's rows, kept out of every
 * tuning worktree and measured by aggregates only: 0.788 / 0.665 at the session's start, 0.789 /
 * 0.668 after round twenty-two. */
static void test_blind15_set(void **state)
{
    (void)state;
    static const struct floors f = {"complaints-blind15.tsv", 0.77, 0.65, 245, false};
    measure(&f);
}

/* blind17: the unseen estimate of session thirteen, half everyday shop, food and app complaints
 * told in informal phrasings, half domains no round wrote about (telecoms, rental cars, taxis,
 * package forwarding, e-books, installs, study cafes, escape rooms, parks, cinemas, tickets,
 * tours, postnatal care, matchmaking, flowers and cakes, phone repair, rentals), labelled before
 * round twenty-three landed by a helper who ran nothing and read only docs/complaints.md, kept
 * out of every tuning worktree and measured by aggregates only: 0.766 / 0.636 at the session's
 * start, 0.768 / 0.640 after round twenty-three. */
static void test_blind17_set(void **state)
{
    (void)state;
    static const struct floors f = {"complaints-blind17.tsv", 0.75, 0.62, 255, false};
    measure(&f);
}

/* Round ten: composed critical complaints (safety, legal, privacy as customers describe what
 * happened) and look-alike praise, labelled before the round and measured on main first;
 * development data of the round, so its floors guard what the round reached and critical recall is
 * asserted. */
static void test_critical_set(void **state)
{
    (void)state;
    static const struct floors f = {"complaints-critical.tsv", 0.75, 0.82, 105, true};
    measure(&f);
}

/* Session five: the integrator's probe sentences of app interface complaints, feature requests
 * and praise of a new feature; development data. */
static void test_probe5_set(void **state)
{
    (void)state;
    static const struct floors f = {"complaints-probe5.tsv", 0.98, 0.89, 25, true};
    measure(&f);
}

/* Round fourteen: critical complaints told through what happened, composed in ten batches, each
 * labelled before the pass of patterns that followed it (main: P 0.275, R 0.650, critical 198/410;
 * after the round: P 0.312, R 0.784, critical 410/410). Its macro precision is low by design: the
 * set holds few rows of each normal category, so one stray normal category weighs much; the point
 * of the set is critical recall, asserted. */
static void test_critical2_set(void **state)
{
    (void)state;
    static const struct floors f = {"complaints-critical2.tsv", 0.37, 0.80, 630, true};
    measure(&f);
}

/* Round fifteen: the round's own probe sentences in nine batches, each measured before the pass
 * that followed it (main: P 0.820, R 0.822, critical 71/88 on all nine; after the round: P 0.978,
 * R 0.979, 88/88); development data, critical recall asserted. */
static void test_probe15_set(void **state)
{
    (void)state;
    static const struct floors f = {"complaints-probe15.tsv", 0.96, 0.96, 390, true};
    measure(&f);
}

/* Round fifteen's tenth and eleventh batches, written after its last pass and never tuned on: the
 * round's final unseen estimate (main 0.845 / 0.739, 17 of 19 critical labels; round fifteen
 * 0.869 / 0.739, 17 of 19); like blind9 its critical misses are reported, not asserted, and its
 * rows not printed. */
static void test_probe15b_set(void **state)
{
    (void)state;
    static const struct floors f = {"complaints-probe15b.tsv", 0.85, 0.72, 88, false};
    measure(&f);
}

/* Round sixteen: its own probe sentences, written before the round changed anything (main 0.882 /
 * 0.888, 42 of 50 critical labels), development data of the round (0.961 / 0.931, 50 of 50);
 * critical recall asserted. */
static void test_probe16_set(void **state)
{
    (void)state;
    static const struct floors f = {"complaints-probe16.tsv", 0.94, 0.91, 84, true};
    measure(&f);
}

/* Round sixteen's second batch, written after its last change and never tuned on: the round's
 * unseen estimate (main 0.750 / 0.667, 16 of 26 critical labels; round sixteen the same: the
 * round's frames and word classes reached none of its misses); critical misses reported, not
 * asserted, rows not printed. */
static void test_probe16b_set(void **state)
{
    (void)state;
    static const struct floors f = {"complaints-probe16b.tsv", 0.77, 0.72, 40, false};
    measure(&f);
}

/* Round seventeen: its own probe sentences, written before the round changed anything (main 0.731 /
 * 0.821, 30 of 47 critical labels), development data of the round (0.875 / 0.984, 47 of 47);
 * critical recall asserted. */
static void test_probe17_set(void **state)
{
    (void)state;
    static const struct floors f = {"complaints-probe17.tsv", 0.86, 0.97, 64, true};
    measure(&f);
}

/* Round seventeen's second batch, written after its last change and never tuned on: the round's
 * unseen estimate of what broader word classes reach (main 0.639 / 0.639, 11 of 27 critical labels;
 * round seventeen 0.644 / 0.690, 15 of 27); critical misses reported, not asserted, rows not
 * printed. */
static void test_probe17b_set(void **state)
{
    (void)state;
    static const struct floors f = {"complaints-probe17b.tsv", 0.65, 0.73, 40, false};
    measure(&f);
}

/* Round eighteen: its own probe batch (155 rows, 56 critical labels, about fifty traps), written
 * before the round changed anything (main 0.793 / 0.791, 46 of 56 critical labels, with the labels
 * as they stand), development data of the round (0.876 / 0.957, 56 of 56); critical recall
 * asserted. */
static void test_probe18_set(void **state)
{
    (void)state;
    static const struct floors f = {"complaints-probe18.tsv", 0.86, 0.94, 155, true};
    measure(&f);
}

/* Round eighteen's second batch (90 rows, 32 critical labels), written after its last change and
 * never tuned on: the round's unseen estimate (main 0.746 / 0.797, 25 of 32 critical labels; round
 * eighteen 0.760 / 0.804, 25 of 32); critical misses reported, not asserted, rows not printed. */
static void test_probe18b_set(void **state)
{
    (void)state;
    static const struct floors f = {"complaints-probe18b.tsv", 0.74, 0.78, 90, false};
    measure(&f);
}

/* Round nineteen: its first probe batch (237 composed rows, 53 critical labels, 40 rows with no
 * category; complaints told by their consequence), written before the round changed anything
 * (main 0.807 / 0.749, 41 of 53; 0.814 / 0.751 with four labels corrected to the conventions),
 * development data of the round (0.871 / 0.987, 53 of 53); critical recall asserted. */
static void test_probe19a_set(void **state)
{
    (void)state;
    static const struct floors f = {"complaints-probe19a.tsv", 0.85, 0.96, 237, true};
    measure(&f);
}

/* Round nineteen's second batch (150 rows, 40 critical labels, 20 rows with no category), written
 * after its last change and never tuned on: the round's unseen estimate (main 0.758 / 0.668, 32 of
 * 40 critical labels; round nineteen 0.758 / 0.670, 32 of 40); critical misses reported, not
 * asserted, rows not printed. */
static void test_probe19b_set(void **state)
{
    (void)state;
    static const struct floors f = {"complaints-probe19b.tsv", 0.74, 0.65, 150, false};
    measure(&f);
}

/* Round twenty: its first probe batch (199 composed rows from domains new to hugi: used goods,
 * accommodation, online courses, games, meal kits, car care, clinics and salons, pets; topic nouns
 * with a judgement; 19 critical labels, 42 rows with no category), written before the round
 * changed anything (main 0.754 / 0.725, 16 of 19), development data of the round (0.780 / 0.831,
 * 16 of 19); critical misses reported, not asserted. */
static void test_probe20a_set(void **state)
{
    (void)state;
    static const struct floors f = {"complaints-probe20a.tsv", 0.75, 0.80, 199, false};
    measure(&f);
}

/* Round twenty's second batch (122 rows, the same domains in other wording, 14 critical labels,
 * 19 rows with no category), written after the round's first set of changes and never tuned on
 * (main 0.721 / 0.649, 10 of 14; then 0.725 / 0.677; after the round's later changes, made
 * without reading its rows, 0.729 / 0.685, 10 of 14). */
static void test_probe20b_set(void **state)
{
    (void)state;
    static const struct floors f = {"complaints-probe20b.tsv", 0.70, 0.66, 122, false};
    measure(&f);
}

/* Round twenty's third batch (94 rows, 8 critical labels, 17 rows with no category), written after
 * the round's last change, measured once with main (0.736 / 0.692, 7 of 8) and once with the
 * round (0.763 / 0.718, 7 of 8), never tuned on: the round's unseen estimate. */
static void test_probe20c_set(void **state)
{
    (void)state;
    static const struct floors f = {"complaints-probe20c.tsv", 0.74, 0.69, 94, false};
    measure(&f);
}

/* Round twenty-one's probe batch (157 rows: fashion fit and fabric, cosmetics reactions, furniture,
 * electronics warranty, groceries, subscriptions, app payments, banking apps, delivery-app orders,
 * ticketing, rentals and used goods; 14 critical labels, 29 rows with no category), written before
 * the round changed anything (main 0.827 / 0.843, 14 of 14), development data of the round (0.924 /
 * 0.907, 14 of 14): critical recall asserted. */
static void test_probe21a_set(void **state)
{
    (void)state;
    static const struct floors f = {"complaints-probe21a.tsv", 0.92, 0.90, 157, true};
    measure(&f);
}

/* Round twenty-one's held-back batch (99 rows, the same domains in other wording, 9 critical
 * labels, 17 rows with no category), written with probe21a before any change and never tuned on:
 * measured with main (0.750 / 0.685, 6 of 9) and after the round's last change (0.750 / 0.695, 6 of
 * 9), the round's unseen estimate; floors as measured. */
static void test_probe21b_set(void **state)
{
    (void)state;
    static const struct floors f = {"complaints-probe21b.tsv", 0.74, 0.69, 99, false};
    measure(&f);
}

/* Round twenty-two's tune batch (187 rows: academies and tutoring, rental housing, parking and EV
 * charging, laundry and repair, airlines and miles, pharmacies' online orders, moving, internet
 * installs, photo printing; 22 critical labels, 33 rows with no category), written before the round
 * changed anything (main 0.643 / 0.540 with one label corrected to probe18:50's convention, 16 of
 * 22), development data of the round (0.706 / 0.750, 21 of 22); its one critical miss (a charging
 * cable stripped to the copper) is reported, not asserted. */
static void test_probe22a_set(void **state)
{
    (void)state;
    static const struct floors f = {"complaints-probe22a.tsv", 0.70, 0.74, 187, false};
    measure(&f);
}

/* Round twenty-two's held-back batch (105 rows: weddings and studios, government apps, eyewear,
 * kids' classes, gyms, streaming, home services, insurance; 14 critical rows, 20 rows with no
 * category), written with probe22a before any change and never tuned on: main 0.815 / 0.591, 7 of
 * 14; after the round's first changes 0.833 / 0.632, after its last 0.842 / 0.660, 7 of 14: the
 * round's unseen estimate (service recall 2 → 10 of 14 labels; no false label more). */
static void test_probe22b_set(void **state)
{
    (void)state;
    static const struct floors f = {"complaints-probe22b.tsv", 0.84, 0.65, 105, false};
    measure(&f);
}

/* Round twenty-three's tune batch (149 rows: study cafes, driving schools, e-book platforms and
 * bookstores, flower delivery, pest control, scooter sharing, trains and buses, theme parks,
 * subscription boxes, job platforms, and shop complaints told as facts; 17 critical labels, 20 rows
 * with no category), written before the round changed anything (main 0.875 / 0.685, 15 of 17, with
 * one label corrected to the convention of a safety device that gave way), development data of the
 * round (0.975 / 0.924, 17 of 17): critical recall asserted. */
static void test_probe23a_set(void **state)
{
    (void)state;
    static const struct floors f = {"complaints-probe23a.tsv", 0.97, 0.92, 149, true};
    measure(&f);
}

/* Round twenty-three's held-back batch (135 rows: ski resorts and pools, karaoke, PC cafes and
 * escape rooms, printer ink, hearing aids and home medical devices, water and lunch-box
 * subscriptions, real-estate apps, ferries and airport shuttles, translation, phone accessories,
 * locksmiths, shop complaints told as facts; 16 critical labels, 18 rows with no category), written
 * with probe23a before any change and never tuned on: main 0.670 / 0.594, 11 of 16; after the
 * round 0.672 / 0.653, 11 of 16: the round's unseen estimate. */
static void test_probe23b_set(void **state)
{
    (void)state;
    static const struct floors f = {"complaints-probe23b.tsv", 0.67, 0.65, 135, false};
    measure(&f);
}

/* Round twenty-three's third batch (81 rows: cinemas and concert halls, fan merchandise, screen
 * golf and bowling, camera rentals, auction sites, pet hotels and grooming, elderly-care apps, toy
 * rentals, shop complaints told as facts; 9 critical labels, 13 rows with no category), written
 * after the round's last change and measured once with main (0.751 / 0.529, 4 of 9) and once with
 * the round (0.773 / 0.550, 4 of 9); floors as measured. */
static void test_probe23c_set(void **state)
{
    (void)state;
    static const struct floors f = {"complaints-probe23c.tsv", 0.77, 0.55, 81, false};
    measure(&f);
}

/* Round nine: composed English shop and restaurant/takeout reviews, labelled before the round and
 * measured on main first (P 0.741, R 0.796); development data of the round, so its floors guard
 * the round's result (P 0.954, R 1.000), not an unseen estimate. */
static void test_en_set(void **state)
{
    (void)state;
    static const struct floors f = {"complaints-en.tsv", 0.97, 0.98, 120, true};
    measure(&f);
}

/* Whether category key belongs to another domain than the text's (round eight): app categories,
 * moderation, defect, size and authenticity on food text; app categories, moderation and taste on
 * shop text; taste, size, hygiene, packaging, wrong_item and authenticity on app text. */
static bool out_of_domain(const char *domain, const char *key)
{
    static const char *const food[] = {"app_login",  "app_crash", "app_slow",
                                       "app_update", "app_ui",    "moderation",
                                       "defect",     "size",      "authenticity"};
    static const char *const shop[] = {"app_login", "app_crash",  "app_slow", "app_update",
                                       "app_ui",    "moderation", "taste"};
    static const char *const app[] = {"taste",     "size",       "hygiene",
                                      "packaging", "wrong_item", "authenticity"};
    const char *const *list = NULL;
    size_t n = 0;
    if (strcmp(domain, "food") == 0) {
        list = food;
        n = sizeof food / sizeof food[0];
    } else if (strcmp(domain, "shop") == 0) {
        list = shop;
        n = sizeof shop / sizeof shop[0];
    } else if (strcmp(domain, "app") == 0) {
        list = app;
        n = sizeof app / sizeof app[0];
    }
    for (size_t i = 0; i < n; i++)
        if (strcmp(list[i], key) == 0)
            return true;
    return false;
}

/* The unlabelled domain pool: out-of-domain firings per domain, printed and capped. Main (round
 * seven) fired 55 on food, 41 on shop and 1 on app text; round eight 14, 15 and 0 (round twelve
 * 13, 14 and 0: an update word needs an app named), each read (the
 * food ones are mostly an app named in a food review, the shop ones a device without a goods
 * word: "화면이 너무 어두워요"). */
static void test_domain_pool(void **state)
{
    (void)state;
    struct hugi_complaint_tax *tax = NULL;
    struct hugi_err err;
    hugi_err_clear(&err);
    assert_int_equal(hugi_complaint_tax_load(&tax, HUGI_SOURCE_DIR "/lexicons/complaints", &err),
                     HUGI_OK);
    FILE *fp = fopen(HUGI_TEST_DATA "/complaints-domains.tsv", "r");
    assert_non_null(fp);
    struct hugi_complaint_match m;
    hugi_complaint_match_init(&m);
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    long food = 0, shop = 0, app = 0, rows = 0;
    while ((n = getline(&line, &cap, fp)) > 0) {
        if (line[0] == '#' || line[0] == '\n')
            continue;
        char *tab = strchr(line, '\t');
        assert_non_null(tab);
        *tab = '\0';
        const char *text = tab + 1;
        size_t tl = strcspn(text, "\r\n");
        assert_int_equal(hugi_complaint_categorize(tax, text, tl, &m, &err), HUGI_OK);
        for (int c = 0; c < hugi_complaint_tax_count(tax); c++) {
            if (!(m.cats & ((uint64_t)1 << c)) ||
                !out_of_domain(line, hugi_complaint_tax_key(tax, c)))
                continue;
            food += strcmp(line, "food") == 0;
            shop += strcmp(line, "shop") == 0;
            app += strcmp(line, "app") == 0;
        }
        rows++;
    }
    free(line);
    fclose(fp);
    hugi_complaint_match_release(&m);
    hugi_complaint_tax_free(tax);
    printf("complaints-domains.tsv (%ld texts): out-of-domain categories on food %ld, shop %ld, "
           "app %ld\n\n",
           rows, food, shop, app);
    assert_true(rows >= 300);
    assert_true(food <= 14);
    assert_true(shop <= 15);
    assert_true(app <= 2);
}

static int apps_free(void **state)
{
    (void)state;
    free(apps_text);
    free(apps_blob);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dev_set),      cmocka_unit_test(test_heldout_set),
        cmocka_unit_test(test_test_set),     cmocka_unit_test(test_blind2_set),
        cmocka_unit_test(test_blind3_set),   cmocka_unit_test(test_shop_set),
        cmocka_unit_test(test_shop2_set),    cmocka_unit_test(test_shop3_set),
        cmocka_unit_test(test_blind4_set),   cmocka_unit_test(test_blind5_set),
        cmocka_unit_test(test_food_set),     cmocka_unit_test(test_food2_set),
        cmocka_unit_test(test_food3_set),    cmocka_unit_test(test_food4_set),
        cmocka_unit_test(test_food5_set),    cmocka_unit_test(test_blind6_set),
        cmocka_unit_test(test_domain_pool),  cmocka_unit_test(test_en_set),
        cmocka_unit_test(test_critical_set), cmocka_unit_test(test_probe5_set),
        cmocka_unit_test(test_blind7_set),   cmocka_unit_test(test_real9_set),
        cmocka_unit_test(test_real10_set),   cmocka_unit_test(test_real11_set),
        cmocka_unit_test(test_blind8_set),   cmocka_unit_test(test_critical2_set),
        cmocka_unit_test(test_blind9_set),   cmocka_unit_test(test_probe15_set),
        cmocka_unit_test(test_probe15b_set), cmocka_unit_test(test_blind10_set),
        cmocka_unit_test(test_blind11_set),  cmocka_unit_test(test_blind12_set),
        cmocka_unit_test(test_blind13_set),  cmocka_unit_test(test_blind14_set),
        cmocka_unit_test(test_blind15_set),  cmocka_unit_test(test_blind17_set),
        cmocka_unit_test(test_probe16_set),  cmocka_unit_test(test_probe16b_set),
        cmocka_unit_test(test_probe17_set),  cmocka_unit_test(test_probe17b_set),
        cmocka_unit_test(test_probe18_set),  cmocka_unit_test(test_probe18b_set),
        cmocka_unit_test(test_probe19a_set), cmocka_unit_test(test_probe19b_set),
        cmocka_unit_test(test_probe20a_set), cmocka_unit_test(test_probe20b_set),
        cmocka_unit_test(test_probe20c_set), cmocka_unit_test(test_probe21a_set),
        cmocka_unit_test(test_probe21b_set), cmocka_unit_test(test_probe22a_set),
        cmocka_unit_test(test_probe22b_set), cmocka_unit_test(test_probe23a_set),
        cmocka_unit_test(test_probe23b_set), cmocka_unit_test(test_probe23c_set)};
    return cmocka_run_group_tests(tests, NULL, apps_free);
}
