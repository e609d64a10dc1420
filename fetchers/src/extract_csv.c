/* SPDX-License-Identifier: MIT
 * CSV and TSV exports (seller centres, app-store scrapers, Play Console) through the shared
 * reader (hugi/csv.h: RFC 4180 with "" escapes and line breaks inside quotes, the delimiter
 * detected, Excel's leniencies), columns mapped to review fields by their names
 * (x_field_for_key) or by the source's `map` ("후기=text,점수=rating"). Exact duplicate rows
 * (scrapers re-fetching a page) come out once: the dedupe key is the whole row. The input is
 * already UTF-8 here (hugi_extract decoded it), so the reader is told so. */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "extract_int.h"
#include "hugi/csv.h"

/* A header phrased as a survey's question (an NPS or CSAT export: "How likely are you to
 * recommend us to a friend?", "What is the main reason for your score?") names its answer by
 * what it asks, not by the field words it holds ("score" in the second is no rating): the
 * likelihood to recommend is the rating, a reason or a comment asked for is the text, any other
 * question names nothing. A form's question may end in the scale it offers ("어떠셨나요? (1~5)") or
 * be a Korean request ("… 적어주세요"); a name asked for is the author, a rating asked for
 * ("How would you rate …?", 만족도) the rating, after the text words ("Why did you rate us so?").
 * A survey row's "Response ID" is the row's id (a JSON `response` is somebody's answer, so only
 * here), a form tool's "#" column too (its response token). Else the name rules. */
static bool header_question(const char *t, size_t tl)
{
    static const char please[] = "\xec\xa3\xbc\xec\x84\xb8\xec\x9a\x94"; /* 주세요 */
    if (tl > 2 && t[tl - 1] == ')') {
        const char *open = NULL;
        for (size_t i = tl - 1; i-- > 0;)
            if (t[i] == '(') {
                open = t + i;
                break;
            }
        if (open && tl - (size_t)(open - t) <= 24) /* "(1~5)", "(1 = poor, 5 = great)" */
            tl = (size_t)(open - t);
        while (tl && t[tl - 1] == ' ')
            tl--;
    }
    return tl > 8 && (t[tl - 1] == '?' || (tl > 9 && memcmp(t + tl - 9, please, 9) == 0));
}

static const char *header_field(const char *h, size_t hl, int *rank)
{
    size_t tl;
    const char *t = hugi_str_trim(h, hl, &tl);
    if (tl == 1 && t[0] == '#') {
        if (rank)
            *rank = 900;
        return "id";
    }
    if (header_question(t, tl)) {
        static const char *const text_w[] = {"reason",
                                             "why",
                                             "comment",
                                             "feedback",
                                             "tell us",
                                             "improve",
                                             "describe",
                                             "anything else",
                                             "better", /* "What could we do better?" */
                                             "suggest",
                                             "like most",
                                             "like least",
                                             "\xec\x9d\xb4\xec\x9c\xa0",  /* 이유 */
                                             "\xec\x9d\x98\xea\xb2\xac",  /* 의견 */
                                             "\xeb\xa7\x90\xec\x94\x80",  /* 말씀 */
                                             "\xea\xb0\x9c\xec\x84\xa0",  /* 개선 */
                                             "\xed\x9b\x84\xea\xb8\xb0"}; /* 후기 */
        static const char *const name_w[] = {"your name", "full name",
                                             "\xec\x9d\xb4\xeb\xa6\x84",              /* 이름 */
                                             "\xec\x84\xb1\xed\x95\xa8",              /* 성함 */
                                             "\xeb\x8b\x89\xeb\x84\xa4\xec\x9e\x84"}; /* 닉네임 */
        static const char *const rate_w[] = {" rate ",
                                             " rating",
                                             "satisf",
                                             "stars",
                                             "\xeb\xa7\x8c\xec\xa1\xb1",  /* 만족 */
                                             "\xed\x8f\x89\xec\xa0\x90",  /* 평점 */
                                             "\xeb\xb3\x84\xec\xa0\x90"}; /* 별점 */
        const char *f = NULL;
        char low[256];
        size_t n = tl < sizeof low - 1 ? tl : sizeof low - 1;
        for (size_t i = 0; i < n; i++)
            low[i] = (char)((t[i] >= 'A' && t[i] <= 'Z') ? t[i] + 32 : t[i]);
        low[n] = 0;
        if (strstr(low, "recommend") && strstr(low, "likely"))
            f = "rating";
        for (size_t i = 0; !f && i < sizeof name_w / sizeof *name_w; i++)
            if (strstr(low, name_w[i]))
                f = "author";
        for (size_t i = 0; !f && i < sizeof text_w / sizeof *text_w; i++)
            if (strstr(low, text_w[i]))
                f = "text";
        for (size_t i = 0; !f && i < sizeof rate_w / sizeof *rate_w; i++)
            if (strstr(low, rate_w[i]))
                f = "rating";
        if (f && rank)
            *rank = 5;
        return f;
    }
    char k[24];
    size_t n = hugi_extract_name_norm(t, tl, k, sizeof k);
    /* a helpdesk's satisfaction export rates a ticket or a conversation: its id is the row's */
    if ((n == 10 && memcmp(k, "responseid", 10) == 0) ||
        (n == 8 && memcmp(k, "ticketid", 8) == 0) ||
        (n == 14 && memcmp(k, "conversationid", 14) == 0)) {
        if (rank)
            *rank = 900;
        return "id";
    }
    return x_field_for_key(h, hl, rank);
}

/* The first word of a header of two words or more, lower-cased (ASCII letters, at least 3):
 * the group the column belongs to */
static bool first_word(const char *h, size_t hl, char *out, size_t cap)
{
    size_t n;
    const char *t = hugi_str_trim(h, hl, &n);
    size_t i = 0;
    while (i < n && i + 1 < cap && isalpha((unsigned char)t[i])) {
        out[i] = (char)tolower((unsigned char)t[i]);
        i++;
    }
    out[i] = 0;
    return i >= 3 && i < n && (t[i] == ' ' || t[i] == '_' || t[i] == '-');
}

/* header_field for a question kept elsewhere (a form tool's JSON answers) */
const char *x_csv_header_field(const char *h, size_t hl)
{
    return header_field(h, hl, NULL);
}

static const char *const field_names[] = {"text", "title", "author", "rating",    "date",   "id",
                                          "url",  "lang",  "likes",  "parent_id", "product"};
#define NFIELDS (sizeof field_names / sizeof field_names[0])

/* The field a `map` entry gives this column ("후기=text,점수=rating": header text = field), or
 * NULL. Header and entry are compared trimmed and exactly. */
static const char *mapped_field(const char *map, const char *h, size_t hl)
{
    size_t n;
    h = hugi_str_trim(h, hl, &n);
    for (const char *p = map; p && *p;) {
        size_t el = strcspn(p, ",");
        const char *eq = memchr(p, '=', el);
        if (eq) {
            size_t kl;
            const char *k = hugi_str_trim(p, (size_t)(eq - p), &kl);
            size_t vl;
            const char *v = hugi_str_trim(eq + 1, el - (size_t)(eq + 1 - p), &vl);
            if (kl == n && memcmp(k, h, n) == 0)
                for (size_t f = 0; f < NFIELDS; f++)
                    if (strlen(field_names[f]) == vl && memcmp(field_names[f], v, vl) == 0)
                        return field_names[f];
        }
        p += el;
        if (*p == ',')
            p++;
    }
    return NULL;
}

/* The rating column's scale by the list rule (x_values_scale) over its plain numbers in the
 * first 200 rows: a 1-10 column (Naver movie ratings) is on 10, a "score" column of votes
 * (42, 7, 3) holds no ratings. A second reader over the same bytes; 0 when it cannot tell. */
static double column_scale(struct xctx *x, const char *s, size_t len,
                           const struct hugi_csv_opts *co, size_t col)
{
    struct hugi_csv *c = NULL;
    struct hugi_err e;
    hugi_err_clear(&e);
    if (hugi_csv_open_mem(&c, x->name, s, len, co, &e))
        return 0;
    double top = 0, low = 1e9;
    bool got = false;
    if (hugi_csv_next(c, &got, &e) || !got) { /* the header */
        hugi_csv_free(c);
        return 0;
    }
    for (int row = 0; row < 200; row++) {
        hugi_rc rc = hugi_csv_next(c, &got, &e);
        if (rc == HUGI_E_LIMIT)
            continue;
        if (rc || !got)
            break;
        size_t vl;
        const char *v = col < hugi_csv_nfields(c) ? hugi_csv_field(c, col, &vl) : NULL;
        char tmp[32];
        if (!v || vl == 0 || vl >= sizeof tmp)
            continue;
        memcpy(tmp, v, vl);
        tmp[vl] = 0;
        char *end;
        double d = strtod(tmp, &end);
        if (end == tmp || *end || !isfinite(d) || d < 0)
            continue; /* "4,5", "4점", "★★★★": text forms state their own scale or none */
        if (d > top)
            top = d;
        if (d < low)
            low = d;
    }
    hugi_csv_free(c);
    return x_values_scale(top, low);
}

/* The scale a rating column's header states: "Overall rating (1-10)", "Score 0~10",
 * "Rating / 10", "Stars out of 5", "평점(10점 만점)". 0 when it states none (or no scale a rating
 * is given on: 5, 7, 10, 100). */
static double header_scale(const char *h, size_t hl)
{
    for (size_t i = hl; i-- > 0;) {
        if (h[i] < '0' || h[i] > '9')
            continue;
        size_t e = i + 1, b = i;
        while (b > 0 && h[b - 1] >= '0' && h[b - 1] <= '9')
            b--;
        if (e - b > 3)
            return 0;
        int v = atoi(h + b);
        if (v != 5 && v != 7 && v != 10 && v != 100)
            return 0;
        size_t p = b;
        while (p > 0 && h[p - 1] == ' ')
            p--;
        bool range = p > 0 && (h[p - 1] == '-' || h[p - 1] == '~' || h[p - 1] == '/');
        range = range || (p >= 3 && (unsigned char)h[p - 3] == 0xE2 &&
                          (unsigned char)h[p - 2] == 0x80 && (unsigned char)h[p - 1] == 0x93);
        range = range || (p >= 2 && (h[p - 2] == 'o' || h[p - 2] == 'O') && h[p - 1] == 'f');
        /* 점 만점 / 점만점 after the number */
        static const char jeom[] = "\xec\xa0\x90";                /* 점 */
        static const char manjeom[] = "\xeb\xa7\x8c\xec\xa0\x90"; /* 만점 */
        size_t q = e;
        if (q + 3 <= hl && memcmp(h + q, jeom, 3) == 0)
            q += 3;
        while (q < hl && h[q] == ' ')
            q++;
        range = range || (q + 6 <= hl && memcmp(h + q, manjeom, 6) == 0);
        return range ? v : 0;
    }
    return 0;
}

/* A product list saved as a spreadsheet: a column of prices or of review counts (상품명;
 * 판매가;평균별점;리뷰수). Its descriptions and average ratings read as reviews would. */
static bool product_header(const char *h, size_t hl)
{
    static const char *const names[] = {
        "price",
        "saleprice",
        "listprice",
        "unitprice",
        "reviewcount",
        "reviewscount",
        "ratingcount",
        "numreviews",
        "totalreviews",
        "\xea\xb0\x80\xea\xb2\xa9",                         /* 가격 */
        "\xed\x8c\x90\xeb\xa7\xa4\xea\xb0\x80",             /* 판매가 */
        "\xeb\xa6\xac\xeb\xb7\xb0\xec\x88\x98",             /* 리뷰수 */
        "\xed\x8f\x89\xea\xb7\xa0\xeb\xb3\x84\xec\xa0\x90", /* 평균별점 */
        "\xed\x8f\x89\xea\xb7\xa0\xed\x8f\x89\xec\xa0\x90", /* 평균평점 */
        "averagerating",
        "avgrating"};
    char k[32];
    size_t n = hugi_extract_name_norm(h, hl, k, sizeof k);
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (n == strlen(names[i]) && memcmp(k, names[i], n) == 0)
            return true;
    return false;
}

/* A header row holding a column named for questions and one named for answers, or one naming a
 * ticket's priority (a helpdesk's ticket list: subjects and descriptions, nobody's review) */
static bool qa_columns(const struct hugi_csv *c, size_t ncols)
{
    bool q = false, a = false, prio = false;
    for (size_t col = 0; col < ncols; col++) {
        size_t hl;
        const char *h = hugi_csv_field(c, col, &hl);
        char k[48];
        hugi_extract_name_norm(h, hl, k, sizeof k);
        q = q || strstr(k, "question") || strstr(k, "\xec\xa7\x88\xeb\xac\xb8") || /* 질문 */
            strstr(k, "\xeb\xac\xb8\xec\x9d\x98");                                 /* 문의 */
        a = a || strstr(k, "answer") || strstr(k, "\xeb\x8b\xb5\xeb\xb3\x80");     /* 답변 */
        prio = prio || !strcmp(k, "priority") ||
               !strcmp(k, "\xec\x9a\xb0\xec\x84\xa0\xec\x88\x9c\xec\x9c\x84"); /* 우선순위 */
    }
    return (q && a) || prio;
}

/* How many distinct review fields one physical line names as a header, cut at its most frequent
 * delimiter (returned in *delim). */
static int header_score(const char *map, const char *l, size_t n, char *delim)
{
    static const char cand[] = {',', '\t', ';', '|'};
    size_t counts[4] = {0};
    for (size_t i = 0; i < n; i++)
        for (int k = 0; k < 4; k++)
            counts[k] += l[i] == cand[k];
    int best = 0;
    for (int k = 1; k < 4; k++)
        if (counts[k] > counts[best])
            best = k;
    *delim = cand[best];
    unsigned seen = 0;
    int score = 0;
    for (size_t i = 0; i <= n;) {
        /* a quoted cell is one, delimiters and all: a review's "Rating: 5, date: late" in a data
         * row names no columns */
        size_t e = i;
        bool quoted = false;
        while (e < n && (quoted || l[e] != *delim))
            quoted ^= l[e++] == '"';
        size_t cl;
        const char *c = hugi_str_trim(l + i, e - i, &cl);
        if (cl >= 2 && c[0] == '"' && c[cl - 1] == '"') {
            c++;
            cl -= 2;
        }
        /* the source's `map` names a header as much as the name rules do */
        const char *f = cl && map ? mapped_field(map, c, cl) : NULL;
        if (!f && cl)
            f = header_field(c, cl, NULL);
        for (size_t k = 0; f && k < NFIELDS; k++)
            if (strcmp(field_names[k], f) == 0 && !(seen & (1u << k))) {
                seen |= 1u << k;
                score++;
            }
        i = e + 1;
    }
    return score;
}

/* Where the header starts. Spreadsheets put `sep=;` first (its delimiter is then the file's), and
 * seller-centre exports put a title, a period or a blank line above the header ("리뷰 관리
 * 내보내기", "조회기간: …"): of the first 20 lines the first that names the most review fields
 * is the header, when it names at least two and more than the first line does. */
static size_t header_start(const char *map, const char *s, size_t len, char *delim)
{
    size_t off = 0;
    if (len >= 5 && (strncasecmp(s, "sep=", 4) == 0 || strncasecmp(s, "\"sep=", 5) == 0)) {
        const char *v = s + (s[0] == '"' ? 5 : 4);
        if (v < s + len && (*v == ',' || *v == ';' || *v == '\t' || *v == '|'))
            *delim = *v;
        const char *nl = memchr(s, '\n', len);
        off = nl ? (size_t)(nl - s) + 1 : len;
    }
    size_t best_off = off;
    int best = -1, first = -1;
    char best_delim = 0;
    size_t i = off;
    for (int line = 0; line < 20 && i < len; line++) {
        const char *nl = memchr(s + i, '\n', len - i);
        size_t e = nl ? (size_t)(nl - s) : len;
        char d;
        int sc = header_score(map, s + i, e - i, &d);
        if (line == 0)
            first = sc;
        if (sc > best) {
            best = sc;
            best_off = i;
            best_delim = d;
        }
        i = e + 1;
    }
    if (best_off != off && best >= 2 && best > first) {
        if (!*delim)
            *delim = best_delim;
        return best_off;
    }
    return off;
}

/* Excel's text guard: a cell written as the formula ="00123" keeps its leading zeros or its
 * date text as typed; review tools export ids, order numbers and dates that way. The value is
 * what the quotes hold. */
static void unguard(const char **v, size_t *vl)
{
    if (*vl >= 3 && (*v)[0] == '=' && (*v)[1] == '"' && (*v)[*vl - 1] == '"' &&
        !memchr(*v + 2, '"', *vl - 3)) {
        *v += 2;
        *vl -= 3;
    }
}

hugi_rc x_csv(struct xctx *x, const char *s, size_t len)
{
    struct hugi_csv_opts co = {.delim = 0, .encoding = "utf-8", .check_width = false};
    size_t skip = header_start(x->o->csv_map, s, len, &co.delim);
    s += skip;
    len -= skip;
    struct hugi_csv *c = NULL;
    struct hugi_err cerr;
    hugi_err_clear(&cerr);
    const char **colfield = NULL;
    hugi_rc rc = hugi_csv_open_mem(&c, x->name, s, len, &co, &cerr);
    if (rc) {
        rc = x_fail(x, rc, NULL, "%s", cerr.msg);
        goto out;
    }
    bool got = false;
    rc = hugi_csv_next(c, &got, &cerr);
    if (rc || !got) {
        rc = x_fail(x, HUGI_E_PARSE, "line 1", "%s", rc ? cerr.msg : "empty CSV");
        goto out;
    }
    /* Column → field: a `map` entry first, else the best-ranked column for each field. */
    size_t ncols = hugi_csv_nfields(c);
    colfield = calloc(ncols ? ncols : 1, sizeof *colfield);
    if (!colfield) {
        rc = HUGI_E_NOMEM;
        goto out;
    }
    int best[NFIELDS];
    size_t bestcol[NFIELDS];
    for (size_t k = 0; k < NFIELDS; k++) {
        best[k] = 1 << 20;
        bestcol[k] = SIZE_MAX;
    }
    double stated_scale = 0;
    for (size_t col = 0; col < ncols; col++) {
        size_t hl;
        const char *h = hugi_csv_field(c, col, &hl);
        unguard(&h, &hl);
        if (!x->o->csv_map && product_header(h, hl)) {
            x_warn(x, "line 1", "a column of prices or review counts: a product list, no reviews");
            rc = HUGI_OK;
            goto out;
        }
        int rank;
        const char *f = x->o->csv_map ? mapped_field(x->o->csv_map, h, hl) : NULL;
        if (f)
            rank = -1;
        else
            f = header_field(h, hl, &rank);
        if (!f)
            continue;
        for (size_t k = 0; k < NFIELDS; k++) {
            if (strcmp(field_names[k], f) == 0 && rank < best[k]) {
                best[k] = rank;
                bestcol[k] = col;
                if (strcmp(f, "rating") == 0)
                    stated_scale = header_scale(h, hl);
            }
        }
    }
    /* A FAQ or a Q&A board saved as a sheet: a column naming the questions beside one naming
     * the answers, and none rating anything ("Question Text", "Answer Text"; 질문, 답변): the
     * shop's own words, no review */
    size_t frt = 0;
    while (strcmp(field_names[frt], "rating") != 0)
        frt++;
    size_t ftx = 0;
    while (strcmp(field_names[ftx], "text") != 0)
        ftx++;
    if (!x->o->csv_map && bestcol[frt] == SIZE_MAX && bestcol[ftx] != SIZE_MAX &&
        qa_columns(c, ncols)) {
        x_warn(x, "line 1",
               "questions beside answers, or tickets by priority, and no rating: no reviews");
        rc = HUGI_OK;
        goto out;
    }
    /* Columns in groups by their first word ("Review Content", "Review Creation Date" beside
     * "Comment Content", "Comment Created At": a review app's export with the shop's reply):
     * when another group also names a text, a field is read from the text's own group where
     * that group has a column for it. */
    size_t ft = 0;
    while (strcmp(field_names[ft], "text") != 0)
        ft++;
    if (!x->o->csv_map && bestcol[ft] != SIZE_MAX) {
        char tw[24], w[24];
        size_t hl;
        const char *h = hugi_csv_field(c, bestcol[ft], &hl);
        unguard(&h, &hl);
        bool grouped = first_word(h, hl, tw, sizeof tw);
        bool other_text = false; /* another group's text column */
        for (size_t col = 0; grouped && col < ncols && !other_text; col++) {
            h = hugi_csv_field(c, col, &hl);
            unguard(&h, &hl);
            const char *f = header_field(h, hl, NULL);
            other_text = col != bestcol[ft] && f && strcmp(f, "text") == 0 &&
                         first_word(h, hl, w, sizeof w) && strcmp(w, tw) != 0;
        }
        for (size_t k = 0; other_text && k < NFIELDS; k++) {
            if (k == ft || bestcol[k] == SIZE_MAX)
                continue;
            h = hugi_csv_field(c, bestcol[k], &hl);
            unguard(&h, &hl);
            if (first_word(h, hl, w, sizeof w) && strcmp(w, tw) == 0)
                continue;
            int own = 1 << 20;
            size_t own_col = SIZE_MAX;
            for (size_t col = 0; col < ncols; col++) {
                h = hugi_csv_field(c, col, &hl);
                unguard(&h, &hl);
                int rank;
                const char *f = header_field(h, hl, &rank);
                if (f && strcmp(f, field_names[k]) == 0 && rank < own &&
                    first_word(h, hl, w, sizeof w) && strcmp(w, tw) == 0) {
                    own = rank;
                    own_col = col;
                }
            }
            if (own_col != SIZE_MAX) {
                best[k] = own;
                bestcol[k] = own_col;
            }
        }
    }
    /* The next date column by rank, read where the chosen one is empty: a Play Console export
     * leaves "Review Last Update Date and Time" blank on a review never edited, and its submit
     * time is then the date. */
    size_t fd = 0;
    while (strcmp(field_names[fd], "date") != 0)
        fd++;
    size_t date_col = bestcol[fd], date_alt = SIZE_MAX;
    int alt_rank = 1 << 20;
    for (size_t col = 0; col < ncols && date_col != SIZE_MAX && best[fd] >= 0; col++) {
        size_t hl;
        const char *h = hugi_csv_field(c, col, &hl);
        unguard(&h, &hl);
        int rank;
        const char *f = header_field(h, hl, &rank);
        if (col != date_col && f && strcmp(f, "date") == 0 && rank < alt_rank) {
            alt_rank = rank;
            date_alt = col;
        }
    }
    int mapped = 0;
    for (size_t k = 0; k < NFIELDS; k++)
        if (bestcol[k] != SIZE_MAX) {
            colfield[bestcol[k]] = field_names[k];
            mapped++;
        }
    if (!mapped) {
        rc = x_fail(x, HUGI_E_PARSE, "line 1",
                    "no column of the header names a review field (text, content, review, ...)");
        goto out;
    }
    /* a subject, a date and a name make a ticket list, a notice board or a mail log as well:
     * without a configured map a review export names its text or its rating */
    bool says = false;
    for (size_t col = 0; col < ncols; col++)
        says |=
            colfield[col] && (!strcmp(colfield[col], "text") || !strcmp(colfield[col], "rating"));
    if (!says && !x->o->csv_map) {
        rc = x_fail(x, HUGI_E_PARSE, "line 1",
                    "no column of the header names a review's text or rating (text, content, "
                    "review, rating, ...)");
        goto out;
    }
    double saved_scale = x->scale;
    bool saved_no = x->no_ratings;
    for (size_t col = 0; col < ncols && x->o->rating_scale <= 0; col++) {
        if (colfield[col] && strcmp(colfield[col], "rating") == 0) {
            double sc = stated_scale > 0 ? stated_scale : column_scale(x, s, len, &co, col);
            if (sc > 0)
                x->scale = sc;
            x->no_ratings = sc < 0;
        }
    }
    for (;;) {
        rc = hugi_csv_next(c, &got, &cerr);
        long row_line = hugi_csv_line(c);
        if (rc == HUGI_E_LIMIT || (rc == HUGI_E_PARSE && !got)) {
            /* an over-long record is skipped; an unterminated quote ends the file */
            char w[32];
            snprintf(w, sizeof w, "line %ld", row_line);
            x_warn(x, w, "%s", cerr.msg);
            char msg[sizeof cerr.msg];
            snprintf(msg, sizeof msg, "%s", cerr.msg);
            hugi_err_clear(&cerr);
            if (rc == HUGI_E_PARSE) {
                /* a quote opened and never closed that swallowed every row: no review came
                 * out, so the file cannot be read, and the line where the quote opened says
                 * why (rows read before it stand, with the warning) */
                rc = x->res->nreviews ? HUGI_OK : x_fail(x, HUGI_E_PARSE, w, "%s", msg);
                break;
            }
            rc = HUGI_OK;
            continue;
        }
        if (rc) {
            char w[32];
            snprintf(w, sizeof w, "line %ld", row_line);
            rc = x_fail(x, rc, w, "%s", cerr.msg);
            break;
        }
        if (!got)
            break;
        size_t nf = hugi_csv_nfields(c);
        uint64_t key = HUGI_HASH_SEED;
        for (size_t col = 0; col < nf; col++) {
            size_t fl;
            const char *fv = hugi_csv_field(c, col, &fl);
            key = hugi_hash64(fv, fl, key);
            key = hugi_hash64("\x1f", 1, key);
        }
        struct hugi_review rv;
        hugi_review_init(&rv);
        bool wordy_rating = false; /* the rating cell holds letters only ("A", "good") */
        for (size_t col = 0; col < nf && col < ncols && !rc; col++) {
            const char *f = colfield[col];
            size_t vl;
            const char *v = hugi_csv_field(c, col, &vl);
            unguard(&v, &vl);
            if (f && vl == 0 && col == date_col && date_alt < nf) {
                v = hugi_csv_field(c, date_alt, &vl);
                unguard(&v, &vl);
            }
            if (!f || vl == 0)
                continue;
            if (strcmp(f, "rating") == 0) {
                if (!x->no_ratings)
                    x_set_rating_text(x, &rv, v, vl);
                bool digit = false;
                for (size_t k = 0; k < vl && !digit; k++)
                    digit = (v[k] >= '0' && v[k] <= '9') || (unsigned char)v[k] >= 0x80;
                wordy_rating = !digit;
            } else if (strcmp(f, "date") == 0) {
                rc = x_set_date(x, &rv, v, vl);
            } else if (strcmp(f, "likes") == 0) {
                char tmp[32];
                size_t n = vl < 31 ? vl : 31;
                memcpy(tmp, v, n);
                tmp[n] = 0;
                long l = strtol(tmp, NULL, 10);
                if (l >= 0 && tmp[0] >= '0' && tmp[0] <= '9')
                    rv.likes = l;
            } else {
                char **dst = strcmp(f, "text") == 0      ? &rv.text
                             : strcmp(f, "title") == 0   ? &rv.title
                             : strcmp(f, "author") == 0  ? &rv.author
                             : strcmp(f, "id") == 0      ? &rv.id
                             : strcmp(f, "url") == 0     ? &rv.url
                             : strcmp(f, "lang") == 0    ? &rv.lang
                             : strcmp(f, "product") == 0 ? &rv.product
                                                         : &rv.parent_id;
                rc = x_set(dst, v, vl);
            }
        }
        if (!rc)
            rc = x_id_from_url(&rv);
        if (rc) {
            hugi_review_release(&rv);
            break;
        }
        /* nothing of a review; or no words and, in the rating column, a word that is no score
         * at all (a stock sheet's "Grade" A/B: the row is an item's, not a review; a 0 there is
         * a review left unrated) */
        if ((!rv.text && isnan(rv.rating) && !rv.title && !rv.author && !rv.date_raw) ||
            (!rv.text && !rv.title && isnan(rv.rating) && wordy_rating)) {
            char w[32];
            snprintf(w, sizeof w, "line %ld", row_line);
            x_warn(x, w, "row without any review field skipped");
            hugi_review_release(&rv);
            continue;
        }
        /* Exact duplicate rows are a scraper's re-fetch; but a row with only a text says
         * nothing about who wrote it, and two customers may write the same words. */
        bool anonymous = !rv.id && !rv.author && !rv.date_raw;
        rc = x_emit_in(x, &rv, key, anonymous ? X_NO_DEDUPE : X_ANY_CONTAINER);
        if (rc)
            break;
    }
    x->scale = saved_scale;
    x->no_ratings = saved_no;
out:
    free(colfield);
    hugi_csv_free(c);
    return rc;
}
