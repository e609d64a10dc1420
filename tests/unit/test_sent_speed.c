/* SPDX-License-Identifier: MIT
 * The scorer's fast paths against the plain ones: summed matching (hugi_tm_match_split) lists
 * the same matches as hugi_tm_match_append() and sums the rest exactly; the summed scoring path
 * (no evidence asked for) gives the score of the one-by-one path on hand-written, shipped-data
 * and generated texts (negators, contrast words, rule words over learned n-grams, repeats). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hugi/sent.h"

static struct hugi_sent *full_model;

static int setup(void **state)
{
    (void)state;
    struct hugi_err err;
    full_model = hugi_sent_new();
    if (hugi_sent_load_defaults(full_model, HUGI_SOURCE_DIR, &err) != HUGI_OK ||
        hugi_sent_build(full_model, &err) != HUGI_OK)
        return -1;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    hugi_sent_free(full_model);
    return 0;
}

/* ---- normaliser fast path ---------------------------------------------------------------- */

/* The normaliser's rules (textmatch.h) applied by hand to texts made of tokens whose folded form
 * is known: the fast path (ASCII, spaces, Hangul syllables) and the general one (utf8proc,
 * repairs) must give the same bytes, offsets and counts whichever way the tokens mix. */
struct tok {
    const char *in;
    uint32_t out; /* folded code point; 0 = dropped */
    int upper;    /* an upper-case ASCII letter */
    int bad;      /* an invalid byte */
};

static const struct tok toks[] = {
    {"a", 'a', 0, 0},
    {"b", 'b', 0, 0},
    {"A", 'a', 1, 0},
    {"Z", 'z', 1, 0},
    {"1", '1', 0, 0},
    {"!", '!', 0, 0},
    {".", '.', 0, 0},
    {" ", ' ', 0, 0},
    {"\t", ' ', 0, 0},
    {"\x01", ' ', 0, 0},
    {"\xe3\x80\x80", ' ', 0, 0},
    {"가", 0xAC00, 0, 0},
    {"힣", 0xD7A3, 0, 0},
    {"좋", 0xC88B, 0, 0},
    {"아", 0xC544, 0, 0},
    {"ㅋ", 0x314B, 0, 0},
    {"ㅠ", 0x3160, 0, 0},
    {"Ａ", 'a', 0, 0},
    {"é", 'e', 0, 0},
    {"\xef\xb8\x8f", 0, 0, 0},
    {"😀", 0x1F600, 0, 0},
    {"\xff", 0xFFFD, 0, 1},
    {"\xea\xb0", 0xFFFD, 0, 1} /* a cut syllable: two bad bytes, each one U+FFFD */,
    {"’", '\'', 0, 0},
};

struct ref {
    char s[4096];
    uint32_t orig[4096];
    size_t len, nhangul, nlatin, nelong;
    uint32_t last;
    int run;
};

static void ref_emit(struct ref *r, uint32_t cp, uint32_t from)
{
    if (cp == ' ') {
        if (r->len == 0 || r->last == ' ')
            return;
    } else if (cp == r->last) {
        if (++r->run > 2) {
            r->nelong += r->run == 3;
            return;
        }
    } else {
        r->run = 1;
    }
    r->last = cp;
    char b[4];
    size_t n = hugi_utf8_encode(cp, b);
    for (size_t k = 0; k < n; k++) {
        r->s[r->len] = b[k];
        r->orig[r->len++] = from;
    }
    if ((cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0x3131 && cp <= 0x318E))
        r->nhangul++;
    else if (cp >= 'a' && cp <= 'z')
        r->nlatin++;
}

static void test_normalize_fast_path(void **state)
{
    (void)state;
    unsigned seed = 777;
    struct hugi_tm_text t;
    hugi_tm_text_init(&t);
    struct hugi_err err;
    for (int k = 0; k < 20000; k++) {
        char in[1024];
        size_t len = 0, nupper = 0, nbad = 0;
        struct ref r = {.last = UINT32_MAX};
        seed = seed * 1103515245u + 12345u;
        int n = (int)((seed >> 16) % 60);
        for (int q = 0; q < n; q++) {
            seed = seed * 1103515245u + 12345u;
            /* mostly fast-path tokens, with runs (the same token again) */
            size_t ti = (seed >> 16) % (sizeof(toks) / sizeof(toks[0]));
            int reps = 1 + (int)((seed >> 8) % 4 == 0 ? (seed >> 12) % 4 : 0);
            for (int rep = 0; rep < reps; rep++) {
                const struct tok *tk = &toks[ti];
                size_t tl = strlen(tk->in);
                if (len + tl >= sizeof(in))
                    break;
                memcpy(in + len, tk->in, tl);
                nupper += (size_t)tk->upper;
                if (tk->bad) {
                    for (size_t b = 0; b < tl; b++) {
                        ref_emit(&r, 0xFFFD, (uint32_t)(len + b));
                        nbad++;
                    }
                } else if (tk->out) {
                    ref_emit(&r, tk->out, (uint32_t)len);
                }
                len += tl;
            }
        }
        if (r.len > 0 && r.s[r.len - 1] == ' ')
            r.len--;
        assert_int_equal(hugi_tm_normalize(&t, in, len, &err), HUGI_OK);
        if (t.len != r.len || memcmp(t.s, r.s, r.len))
            fail_msg("normalised '%.*s', want '%.*s' (input '%.*s')", (int)t.len, t.s, (int)r.len,
                     r.s, (int)len, in);
        for (size_t b = 0; b < r.len; b++)
            assert_int_equal(t.orig[b], r.orig[b]);
        assert_int_equal(t.orig[t.len], len);
        assert_int_equal(t.nhangul, r.nhangul);
        assert_int_equal(t.nlatin, r.nlatin);
        assert_int_equal(t.nupper, nupper);
        assert_int_equal(t.nelong, r.nelong);
        assert_int_equal(t.nbad, nbad);
    }
    hugi_tm_text_release(&t);
}

/* ---- summed matching ---------------------------------------------------------------------- */

struct all_ctx {
    struct hugi_tm_match m[4096];
    size_t n;
};

/* Every match of d in text: the listed ones must be the not-summed ones of match_append() at
 * the same index among all, and each position's summed entries (walked up the tree from
 * `first`) the summed ones ending there, in the same order, with the precomputed sum. */
static void check_split(const struct hugi_tm_dict *d, const float *val, const char *text)
{
    struct hugi_err err;
    struct hugi_tm_text t;
    hugi_tm_text_init(&t);
    assert_int_equal(hugi_tm_normalize(&t, text, strlen(text), &err), HUGI_OK);
    struct hugi_tm_match *all = NULL, *arr = NULL;
    uint32_t *gidx = NULL;
    struct hugi_tm_pos *pos = NULL;
    size_t nall = 0, capall = 0, n = 0, cap = 0, npos = 0, cappos = 0, total = 0;
    assert_int_equal(hugi_tm_match_append(d, &t, &all, &nall, &capall, &err), HUGI_OK);
    assert_int_equal(
        hugi_tm_match_split(d, &t, &arr, &gidx, &n, &cap, &pos, &npos, &cappos, &total, &err),
        HUGI_OK);
    assert_int_equal(total, nall);
    const struct hugi_tm_sum *sums = hugi_tm_dict_sums(d);
    assert_non_null(sums);
    size_t k = 0, p = 0;
    for (size_t i = 0; i < nall;) {
        uint32_t end = all[i].end;
        size_t j = i;
        while (j < nall && all[j].end == end)
            j++;
        /* the matches of one end: listed ones by index, summed ones through the position */
        bool any_summed = false;
        for (size_t q = i; q < j; q++) {
            if (hugi_tm_dict_summed(d, all[q].entry)) {
                any_summed = true;
                continue;
            }
            assert_true(k < n);
            assert_int_equal(arr[k].start, all[q].start);
            assert_int_equal(arr[k].end, all[q].end);
            assert_int_equal(arr[k].entry, all[q].entry);
            assert_int_equal(gidx[k], q);
            k++;
        }
        if (any_summed) {
            assert_true(p < npos);
            assert_int_equal(pos[p].end, end);
            const struct hugi_tm_sum *su = &sums[pos[p].state];
            double sum = 0, want = 0;
            size_t q = i, cnt = 0;
            for (uint32_t x = su->first; x != UINT32_MAX; x = sums[x].up) {
                size_t ne;
                const struct hugi_tm_sum_entry *se = hugi_tm_sum_entries(d, x, &ne);
                assert_true(ne > 0);
                for (size_t e = 0; e < ne; e++) {
                    while (q < j && !hugi_tm_dict_summed(d, all[q].entry))
                        q++;
                    assert_true(q < j);
                    assert_int_equal(se[e].id, all[q].entry);
                    assert_int_equal(end - all[q].start, sums[x].maxlen);
                    sum += val[se[e].id];
                    q++;
                    cnt++;
                }
            }
            for (size_t r = i; r < j; r++)
                if (hugi_tm_dict_summed(d, all[r].entry))
                    want += val[all[r].entry];
            assert_int_equal(cnt, su->cnt);
            assert_true(fabs(sum - su->sum) < 1e-9 && fabs(want - su->sum) < 1e-9);
            p++;
        }
        i = j;
    }
    assert_int_equal(k, n);
    assert_int_equal(p, npos);
    free(all);
    free(arr);
    free(gidx);
    free(pos);
    hugi_tm_text_release(&t);
}

static void test_split_matches(void **state)
{
    (void)state;
    static const char lex[] = "좋\t1\n"
                              "좋아\t0.5\n"
                              "좋아요\t0.25\n"
                              "아요\t-0.125\n"
                              "요\t0.0625\n"
                              "좋아\t0.75\tany,learned\n" /* a second entry of one term */
                              "안\t0\tnegator\n"
                              "별로\t-1\n"
                              "로\t0.5\n"
                              "good\t2\n"
                              "goo\t1\tprefix\n"
                              "od\t0.5\tany\n"
                              "not good\t-1\n"
                              /* two- and four-byte code points in terms (the summed matcher
                               * decodes by the lead byte alone) */
                              "café\t1\n"
                              "é좋\t0.5\tany\n"
                              "😀좋아\t0.25\tany\n"
                              "😀\t-0.5\n";
    struct hugi_err err;
    struct hugi_tm_dict *d = hugi_tm_dict_new();
    assert_int_equal(hugi_tm_dict_load_mem(d, lex, sizeof(lex) - 1, "t", &err), HUGI_OK);
    assert_int_equal(hugi_tm_dict_build(d, &err), HUGI_OK);
    size_t ne = hugi_tm_dict_count(d);
    float *val = malloc(ne * sizeof(*val));
    static const char *const texts[] = {"좋아요 좋아요",
                                        "안좋아요 별로",
                                        "별로좋아요요요",
                                        "good goods not good",
                                        "goodod",
                                        "",
                                        "요",
                                        "좋아 별로 good 좋아요",
                                        "café 좋아요 é좋아 cafécafé",
                                        "😀좋아 😀😀좋 ÿ😀é좋아요 😀"};
    /* every other entry summed (only kind any can be), then all, then none */
    for (int mode = 0; mode < 3; mode++) {
        for (size_t i = 0; i < ne; i++)
            val[i] = mode == 2 || (mode == 0 && i % 2) ? NAN : (float)(i + 1) * 0.5f;
        assert_int_equal(hugi_tm_dict_sum_prepare(d, val, NULL, NULL, &err), HUGI_OK);
        for (size_t i = 0; i < ne; i++)
            if (hugi_tm_dict_summed(d, (uint32_t)i))
                assert_int_equal(hugi_tm_dict_entry(d, (uint32_t)i)->kind, HUGI_TM_ANY);
        for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
            check_split(d, val, texts[i]);
    }
    /* find still works after the states' fields were reused */
    assert_true(hugi_tm_dict_find(d, "좋아", strlen("좋아"), HUGI_TM_POL) != UINT32_MAX);
    assert_true(hugi_tm_dict_find(d, "좋아요요", strlen("좋아요요"), HUGI_TM_POL) == UINT32_MAX);
    free(val);
    hugi_tm_dict_free(d);
}

/* ---- summed scoring ----------------------------------------------------------------------- */

static int nchecked;

static void same_score(const struct hugi_sent *m, const char *text, size_t len)
{
    struct hugi_err err;
    struct hugi_sent_result a, b;
    hugi_sent_result_init(&a);
    hugi_sent_result_init(&b);
    a.no_evidence = true; /* the summed path */
    assert_int_equal(hugi_sent_score(m, text, len, &a, &err), HUGI_OK);
    assert_int_equal(hugi_sent_score(m, text, len, &b, &err), HUGI_OK);
    if (fabs(a.raw - b.raw) > 1e-9 || a.label != b.label || a.lang != b.lang ||
        fabs(a.neg_clause - b.neg_clause) > 1e-9 || fabs(a.score - b.score) > 1e-9)
        fail_msg("summed %.12f (%d) vs listed %.12f (%d), neg_clause %.12f vs %.12f: %.*s", a.raw,
                 a.label, b.raw, b.label, a.neg_clause, b.neg_clause, (int)len, text);
    assert_int_equal(a.nev, 0);
    nchecked++;
    hugi_sent_result_release(&a);
    hugi_sent_result_release(&b);
}

static void same_file(const struct hugi_sent *m, const char *path)
{
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    char line[8192];
    while (fgets(line, sizeof(line), f)) {
        size_t n = strcspn(line, "\n");
        const char *tab = memchr(line, '\t', n);
        const char *s = tab ? tab + 1 : line;
        same_score(m, s, n - (size_t)(s - line));
    }
    fclose(f);
}

static void test_summed_equals_listed(void **state)
{
    (void)state;
    assert_non_null(hugi_tm_dict_sums(hugi_sent_dict(full_model)));
    static const char *const texts[] = {"",
                                        " ",
                                        "좋아요",
                                        "안 좋아요",
                                        "안좋아요 좋지 않아요 별로 안 좋",
                                        "좋지는 않아요",
                                        "재미가 없어요 재미없어요 재미 없다",
                                        "좋은데 배송이 느려요 ㅠㅠ",
                                        "좋지만 비싸요",
                                        "너무 좋아요 진짜 좋아요 좋아요 좋아요",
                                        "문제없이 잘 받았어요 문제 없음",
                                        "최악 최악 최악이에요",
                                        "왜 이렇게 느려요??",
                                        "배송 빠르고 포장도 꼼꼼해요 강추",
                                        "not good, but not bad either",
                                        "I don't like it at all!!!",
                                        "GREAT phone but BAD case",
                                        "no problems so far",
                                        "좋아요 good 안 좋아 not bad 별로",
                                        "ㅋㅋㅋㅋ 개꿀 존맛 ㅎㅎ",
                                        "못 먹겠어요 못먹어요 먹지 못했어요",
                                        "아니 이건 좋은 게 아니다",
                                        "맛있어요... 근데 비싸요."};
    for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
        same_score(full_model, texts[i], strlen(texts[i]));
    static const char *const files[] = {"score-shop/ko.tsv", "score-shop/en.tsv",
                                        "score-expect/ko.tsv", "score-expect/en.tsv"};
    for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
        char path[1024];
        snprintf(path, sizeof(path), "%s/%s", HUGI_TEST_DATA, files[i]);
        same_file(full_model, path);
    }
    /* generated: words from the rule lexicons and common review syllables, glued or spaced,
     * so negators, contrast words and repeats fall everywhere */
    static const char *const parts[] = {
        "좋",     "아요", "안",   "못",   "않",   "없",   "아니", "지",     "지만", "는데", "근데",
        "하지만", "너무", "별로", "최악", "문제", "없이", "ㅋㅋ", "ㅠㅠ",   " ",    " ",    " ",
        ".",      "!",    "?",    ",",    "배송", "빨라", "요",   "다",     "맛",   "있",   "재미",
        "가",     "not",  "good", "but",  "very", "bad",  "no",   "problem"};
    unsigned seed = 12345;
    char buf[512];
    for (int k = 0; k < 3000; k++) {
        size_t len = 0;
        seed = seed * 1103515245u + 12345u;
        int nparts = 1 + (int)((seed >> 16) % 40);
        for (int q = 0; q < nparts; q++) {
            seed = seed * 1103515245u + 12345u;
            const char *p = parts[(seed >> 16) % (sizeof(parts) / sizeof(parts[0]))];
            size_t pl = strlen(p);
            if (len + pl >= sizeof(buf))
                break;
            memcpy(buf + len, p, pl);
            len += pl;
        }
        same_score(full_model, buf, len);
    }
    print_message("%d texts: summed path = listed path\n", nchecked);
    assert_true(nchecked > 3000);
}

/* A model whose learned lexicon repeats rule words and has negated twins, on texts that
 * repeat n-grams: the per-text bookkeeping of what was counted (summed states, seen entries). */
static void test_summed_repeats(void **state)
{
    (void)state;
    static const char lex[] = "좋\t0.5\tany,learned\n"
                              "좋아\t0.8\tany,learned\n"
                              "좋아\t-0.6\tany,learned,negated\n"
                              "아요\t0.1\tany,learned\n"
                              "요\t0.05\tany,learned\n"
                              "별로\t-1.2\tany,learned\n"
                              "로\t-0.3\tany,learned\n"
                              "배송\t0.2\tany,learned\n"
                              "송이\t-0.4\tany,learned\n"
                              "느려\t-2.5\tany,learned\n"
                              "빠르\t3.0\tany,learned\n"
                              "최악\t-3\n"
                              "좋아요\t1.5\n"
                              "안\t0\tnegator\n"
                              "근데\t0\tcontrast\n"
                              "너무\t0.3\tbooster\n";
    struct hugi_err err;
    struct hugi_sent *m = hugi_sent_new();
    assert_int_equal(hugi_sent_load_mem(m, lex, sizeof(lex) - 1, "t", &err), HUGI_OK);
    assert_int_equal(hugi_sent_build(m, &err), HUGI_OK);
    static const char *const texts[] = {"좋아 좋아 좋아요",
                                        "안 좋아 좋아",
                                        "좋아 안 좋아",
                                        "별로 별로 배송이 느려",
                                        "좋아요 근데 배송이 별로",
                                        "배송이 빠르고 좋아요 근데 좋아 안 좋아요",
                                        "최악 좋아 최악좋아 최악",
                                        "너무 좋아요 너무 별로",
                                        "좋좋좋좋 아요아요 요요요"};
    for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
        same_score(m, texts[i], strlen(texts[i]));
    /* a long line: many repeats and many negators in one text */
    char *big = malloc(64 * 1024);
    size_t len = 0;
    for (int k = 0; len + 64 < 64 * 1024; k++) {
        const char *p = texts[k % (sizeof(texts) / sizeof(texts[0]))];
        memcpy(big + len, p, strlen(p));
        len += strlen(p);
        big[len++] = ' ';
    }
    same_score(m, big, len);
    same_score(full_model, big, len);
    free(big);
    hugi_sent_free(m);
}

/* Learned n-grams over, inside and across the edges of hand-written Korean words (rule words of
 * two syllables or more): the summed path values each state by where its term lies (inside: not
 * counted, straddling: sum2, clear: sum) and marks the states cut short by a word (NODE_CUT);
 * later positions and repeats must count what the one-by-one path counts. */
static void test_summed_rule_words(void **state)
{
    (void)state;
    static const char lex[] = "흠집\t-2\n"
                              "불친절\t-3\n"
                              "최고\t3\n"
                              "문제없\t2\n"
                              "집이\t0.7\tany,learned\n"
                              "집\t0.2\tany,learned\n"
                              "이\t0.05\tany,learned\n"
                              "흠\t-0.3\tany,learned\n"
                              "절했\t1.1\tany,learned\n"
                              "친절\t1.4\tany,learned\n"
                              "절\t0.3\tany,learned\n"
                              "고예\t0.9\tany,learned\n"
                              "최고예\t1.2\tany,learned\n"
                              "고\t0.1\tany,learned\n"
                              "예\t-0.1\tany,learned\n"
                              "요\t0.05\tany,learned\n"
                              "문제\t-1.3\tany,learned\n"
                              "제없\t0.6\tany,learned\n"
                              "없이\t0.4\tany,learned\n"
                              "안\t0\tnegator\n"
                              "근데\t0\tcontrast\n";
    struct hugi_err err;
    struct hugi_sent *m = hugi_sent_new();
    assert_int_equal(hugi_sent_load_mem(m, lex, sizeof(lex) - 1, "t", &err), HUGI_OK);
    assert_int_equal(hugi_sent_build(m, &err), HUGI_OK);
    static const char *const texts[] = {"흠집이 있어요",
                                        "흠집이 흠집 집이 좋아요",
                                        "집이 흠집이",
                                        "불친절했어요 친절했어요 절했",
                                        "친절했어요 불친절했어요",
                                        "최고예요 최고 고예 최고예요",
                                        "문제없이 잘 왔어요 문제 없이",
                                        "문제없이 흠집 최고예요 불친절했어요 근데 집이 최고",
                                        "안 최고예요 흠집이 안 문제없이"};
    for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
        same_score(m, texts[i], strlen(texts[i]));
        same_score(full_model, texts[i], strlen(texts[i]));
    }
    static const char *const parts[] = {"흠집", "집이", "불친절", "친절", "했",     "최고",
                                        "예요", "고예", "문제",   "없이", "문제없", "이",
                                        " ",    " ",    "근데",   "안",   ".",      "요"};
    unsigned seed = 777;
    char buf[512];
    for (int k = 0; k < 2000; k++) {
        size_t len = 0;
        seed = seed * 1103515245u + 12345u;
        int nparts = 1 + (int)((seed >> 16) % 30);
        for (int q = 0; q < nparts; q++) {
            seed = seed * 1103515245u + 12345u;
            const char *p = parts[(seed >> 16) % (sizeof(parts) / sizeof(parts[0]))];
            size_t pl = strlen(p);
            if (len + pl >= sizeof(buf))
                break;
            memcpy(buf + len, p, pl);
            len += pl;
        }
        same_score(m, buf, len);
    }
    hugi_sent_free(m);
}

/* A post-negator of the lexicon is the longest prefix of the next word that is one (looked up
 * in one walk down the trie). */
static void test_lexicon_post_negator(void **state)
{
    (void)state;
    static const char lex[] = "좋\t2\n"
                              "글렀\t0\tnegator-post\n"
                              "글렀다니\t0\tnegator-post\n"
                              "nary\t0\tnegator\n";
    struct hugi_err err;
    struct hugi_tm_dict *d = hugi_tm_dict_new();
    assert_int_equal(hugi_tm_dict_load_mem(d, lex, sizeof(lex) - 1, "t", &err), HUGI_OK);
    assert_int_equal(hugi_tm_dict_build(d, &err), HUGI_OK);
    struct hugi_tm_text t;
    hugi_tm_text_init(&t);
    struct hugi_tm_match sp;
    const char *s1 = "좋 글렀다니요";
    assert_int_equal(hugi_tm_normalize(&t, s1, strlen(s1), &err), HUGI_OK);
    assert_int_equal(hugi_tm_negated(&t, 0, 3, d, &sp), HUGI_TM_NEG_AFTER);
    assert_int_equal(sp.start, 4);
    assert_int_equal(sp.end, 4 + 12); /* 글렀다니, not 글렀 */
    const char *s2 = "좋 글렀어";
    assert_int_equal(hugi_tm_normalize(&t, s2, strlen(s2), &err), HUGI_OK);
    assert_int_equal(hugi_tm_negated(&t, 0, 3, d, &sp), HUGI_TM_NEG_AFTER);
    assert_int_equal(sp.end, 4 + 6);
    const char *s3 = "좋 글어";
    assert_int_equal(hugi_tm_normalize(&t, s3, strlen(s3), &err), HUGI_OK);
    assert_int_equal(hugi_tm_negated(&t, 0, 3, d, NULL), HUGI_TM_NEG_NONE);
    /* a lexicon negator before, found through its (first byte, length) filter */
    const char *s4 = "nary good";
    assert_int_equal(hugi_tm_normalize(&t, s4, strlen(s4), &err), HUGI_OK);
    assert_int_equal(hugi_tm_negated_before(&t, 5, d, &sp), HUGI_TM_NEG_BEFORE);
    const char *s5 = "navy good";
    assert_int_equal(hugi_tm_normalize(&t, s5, strlen(s5), &err), HUGI_OK);
    assert_int_equal(hugi_tm_negated_before(&t, 5, d, NULL), HUGI_TM_NEG_NONE);
    hugi_tm_text_release(&t);
    hugi_tm_dict_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_normalize_fast_path),  cmocka_unit_test(test_split_matches),
        cmocka_unit_test(test_summed_equals_listed), cmocka_unit_test(test_summed_repeats),
        cmocka_unit_test(test_summed_rule_words),    cmocka_unit_test(test_lexicon_post_negator),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
