/* SPDX-License-Identifier: MIT
 * Dates as review sites write them. ISO-8601 goes to hugi_time_parse_iso; everything else is
 * read as tokens (numbers with the separator after them, CJK year/month/day markers, month
 * names in nine languages, a clock time, AM/PM, a zone) and then assembled by the rules below.
 * Relative phrases ("3일 전", "어제", "2 days ago", "3日前") count back from the fetch time.
 * Dates without a zone are taken as UTC: the original string stays in date_raw. */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extract_int.h"

static const struct {
    const char *name;
    int month;
} months[] = {
    /* English */
    {"january", 1},
    {"february", 2},
    {"march", 3},
    {"april", 4},
    {"may", 5},
    {"june", 6},
    {"july", 7},
    {"august", 8},
    {"september", 9},
    {"october", 10},
    {"november", 11},
    {"december", 12},
    {"sept", 9},
    /* German (and Austrian Jänner) */
    {"januar", 1},
    {"j\xc3\xa4nner", 1},
    {"februar", 2},
    {"m\xc3\xa4rz", 3},
    {"maerz", 3},
    {"mai", 5},
    {"juni", 6},
    {"juli", 7},
    {"oktober", 10},
    {"dezember", 12},
    /* French */
    {"janvier", 1},
    {"f\xc3\xa9vrier", 2},
    {"fevrier", 2},
    {"mars", 3},
    {"avril", 4},
    {"juin", 6},
    {"juillet", 7},
    {"ao\xc3\xbbt", 8},
    {"aout", 8},
    {"septembre", 9},
    {"octobre", 10},
    {"novembre", 11},
    {"d\xc3\xa9\x63\x65mbre", 12},
    {"decembre", 12},
    /* Swedish, Danish, Norwegian, Dutch */
    {"januari", 1},
    {"februari", 2},
    {"maj", 5},
    {"augusti", 8},
    {"marts", 3},
    {"maart", 3},
    {"mrt", 3},
    {"mei", 5},
    {"augustus", 8},
    /* Spanish, Italian, Portuguese */
    {"enero", 1},
    {"febrero", 2},
    {"marzo", 3},
    {"abril", 4},
    {"mayo", 5},
    {"junio", 6},
    {"julio", 7},
    {"agosto", 8},
    {"septiembre", 9},
    {"setiembre", 9},
    {"octubre", 10},
    {"noviembre", 11},
    {"diciembre", 12},
    {"gennaio", 1},
    {"febbraio", 2},
    {"aprile", 4},
    {"maggio", 5},
    {"giugno", 6},
    {"luglio", 7},
    {"settembre", 9},
    {"ottobre", 10},
    {"dicembre", 12},
    {"janeiro", 1},
    {"fevereiro", 2},
    {"mar\xc3\xa7o", 3},
    {"maio", 5},
    {"junho", 6},
    {"julho", 7},
    {"setembro", 9},
    {"outubro", 10},
    {"novembro", 11},
    {"dezembro", 12},
    /* Polish (genitive, as dates write them, and nominative) */
    {"stycznia", 1},
    {"stycze\xc5\x84", 1}, /* styczeń */
    {"lutego", 2},
    {"luty", 2},
    {"marca", 3},
    {"marzec", 3},
    {"kwietnia", 4},
    {"kwiecie\xc5\x84", 4}, /* kwiecień */
    {"maja", 5},
    {"czerwca", 6},
    {"czerwiec", 6},
    {"lipca", 7},
    {"lipiec", 7},
    {"sierpnia", 8},
    {"sierpie\xc5\x84", 8}, /* sierpień */
    {"wrze\xc5\x9bnia", 9}, /* września */
    {"wrzesie\xc5\x84", 9}, /* wrzesień */
    {"pa\xc5\xba"
     "dziernika",
     10}, /* października */
    {"pa\xc5\xba"
     "dziernik",
     10}, /* październik */
    {"listopada", 11},
    {"listopad", 11},
    {"grudnia", 12},
    {"grudzie\xc5\x84", 12}, /* grudzień */
    /* Russian (genitive and nominative) */
    {"\xd1\x8f\xd0\xbd\xd0\xb2\xd0\xb0\xd1\x80\xd1\x8f", 1},                 /* января */
    {"\xd1\x8f\xd0\xbd\xd0\xb2\xd0\xb0\xd1\x80\xd1\x8c", 1},                 /* январь */
    {"\xd1\x84\xd0\xb5\xd0\xb2\xd1\x80\xd0\xb0\xd0\xbb\xd1\x8f", 2},         /* февраля */
    {"\xd1\x84\xd0\xb5\xd0\xb2\xd1\x80\xd0\xb0\xd0\xbb\xd1\x8c", 2},         /* февраль */
    {"\xd0\xbc\xd0\xb0\xd1\x80\xd1\x82\xd0\xb0", 3},                         /* марта */
    {"\xd0\xbc\xd0\xb0\xd1\x80\xd1\x82", 3},                                 /* март */
    {"\xd0\xb0\xd0\xbf\xd1\x80\xd0\xb5\xd0\xbb\xd1\x8f", 4},                 /* апреля */
    {"\xd0\xb0\xd0\xbf\xd1\x80\xd0\xb5\xd0\xbb\xd1\x8c", 4},                 /* апрель */
    {"\xd0\xbc\xd0\xb0\xd1\x8f", 5},                                         /* мая */
    {"\xd0\xbc\xd0\xb0\xd0\xb9", 5},                                         /* май */
    {"\xd0\xb8\xd1\x8e\xd0\xbd\xd1\x8f", 6},                                 /* июня */
    {"\xd0\xb8\xd1\x8e\xd0\xbd\xd1\x8c", 6},                                 /* июнь */
    {"\xd0\xb8\xd1\x8e\xd0\xbb\xd1\x8f", 7},                                 /* июля */
    {"\xd0\xb8\xd1\x8e\xd0\xbb\xd1\x8c", 7},                                 /* июль */
    {"\xd0\xb0\xd0\xb2\xd0\xb3\xd1\x83\xd1\x81\xd1\x82\xd0\xb0", 8},         /* августа */
    {"\xd0\xb0\xd0\xb2\xd0\xb3\xd1\x83\xd1\x81\xd1\x82", 8},                 /* август */
    {"\xd1\x81\xd0\xb5\xd0\xbd\xd1\x82\xd1\x8f\xd0\xb1\xd1\x80\xd1\x8f", 9}, /* сентября */
    {"\xd1\x81\xd0\xb5\xd0\xbd\xd1\x82\xd1\x8f\xd0\xb1\xd1\x80\xd1\x8c", 9}, /* сентябрь */
    {"\xd0\xbe\xd0\xba\xd1\x82\xd1\x8f\xd0\xb1\xd1\x80\xd1\x8f", 10},        /* октября */
    {"\xd0\xbe\xd0\xba\xd1\x82\xd1\x8f\xd0\xb1\xd1\x80\xd1\x8c", 10},        /* октябрь */
    {"\xd0\xbd\xd0\xbe\xd1\x8f\xd0\xb1\xd1\x80\xd1\x8f", 11},                /* ноября */
    {"\xd0\xbd\xd0\xbe\xd1\x8f\xd0\xb1\xd1\x80\xd1\x8c", 11},                /* ноябрь */
    {"\xd0\xb4\xd0\xb5\xd0\xba\xd0\xb0\xd0\xb1\xd1\x80\xd1\x8f", 12},        /* декабря */
    {"\xd0\xb4\xd0\xb5\xd0\xba\xd0\xb0\xd0\xb1\xd1\x80\xd1\x8c", 12},        /* декабрь */
};

/* Lower-cases ASCII and the Latin-1 capitals we need (Ä É Û Ç as UTF-8). */
static size_t fold_word(const char *s, size_t n, char *out, size_t cap)
{
    size_t o = 0;
    for (size_t i = 0; i < n && o + 1 < cap; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 'A' && c <= 'Z')
            c = (unsigned char)(c + 32);
        else if (c == 0xD0 && i + 1 < n && o + 2 < cap && (unsigned char)s[i + 1] >= 0x90 &&
                 (unsigned char)s[i + 1] <= 0xAF) {
            /* Cyrillic capitals А-П → а-п (D0 B0-BF), Р-Я → р-я (D1 80-8F) */
            unsigned char d = (unsigned char)s[i + 1];
            out[o++] = (char)(d <= 0x9F ? 0xD0 : 0xD1);
            out[o++] = (char)(d <= 0x9F ? d + 0x20 : d - 0x20);
            i++;
            continue;
        } else if (c == 0xC3 && i + 1 < n && o + 2 < cap) {
            unsigned char d = (unsigned char)s[i + 1];
            if (d >= 0x80 && d <= 0x9E)
                d = (unsigned char)(d + 0x20);
            out[o++] = (char)c;
            out[o++] = (char)d;
            i++;
            continue;
        }
        out[o++] = (char)c;
    }
    out[o] = 0;
    return o;
}

/* A word is a month when it is a month name or an abbreviation of one (3+ bytes: "Nov",
 * "Sept", "janv", "févr", "déc"). */
static int month_of(const char *w, size_t n)
{
    char f[32];
    if (n < 3 || n >= sizeof f)
        return 0;
    size_t fn = fold_word(w, n, f, sizeof f);
    for (size_t i = 0; i < sizeof months / sizeof months[0]; i++) {
        size_t mn = strlen(months[i].name);
        if (fn <= mn && memcmp(months[i].name, f, fn) == 0)
            return months[i].month;
    }
    return 0;
}

/* Lead bytes of the two-byte letters month names use: Latin-1 (C3), Latin Extended-A (C4, C5),
 * Cyrillic (D0, D1). */
static bool word_lead(unsigned char c)
{
    return c == 0xC3 || c == 0xC4 || c == 0xC5 || c == 0xD0 || c == 0xD1;
}

static bool has(const char *s, size_t len, const char *needle)
{
    size_t n = strlen(needle);
    if (n > len)
        return false;
    for (size_t i = 0; i + n <= len; i++)
        if (memcmp(s + i, needle, n) == 0)
            return true;
    return false;
}

/* has() ignoring ASCII case (needle in lower case). */
static bool has_ci(const char *s, size_t len, const char *needle)
{
    size_t n = strlen(needle);
    for (size_t i = 0; n <= len && i + n <= len; i++) {
        size_t k = 0;
        while (k < n && tolower((unsigned char)s[i + k]) == needle[k])
            k++;
        if (k == n)
            return true;
    }
    return false;
}

/* A month of a year that says when someone joined, not when they wrote: "Member since March
 * 2019", "Joined Oct 2020", "2019년 3월 가입". A review card may show it beside (or instead of)
 * the review's own date. */
static bool joined_month(const char *s, size_t len)
{
    return has_ci(s, len, "since") || has_ci(s, len, "joined") || has_ci(s, len, "member") ||
           has(s, len, "\xea\xb0\x80\xec\x9e\x85") /* 가입 */ ||
           has(s, len, "\xed\x9a\x8c\xec\x9b\x90") /* 회원 */;
}

static bool is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static bool valid_ymd(int y, int m, int d)
{
    static const int md[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1)
        return false;
    int lim = md[m - 1] + (m == 2 && is_leap(y));
    return d <= lim;
}

static int year_of(int64_t t)
{
    /* Civil year of t (UTC), by stepping from a known year start. */
    int y = 1970 + (int)(t / 31556952);
    while (hugi_time_from_civil(y, 1, 1, 0, 0, 0) > t)
        y--;
    while (hugi_time_from_civil(y + 1, 1, 1, 0, 0, 0) <= t)
        y++;
    return y;
}

/* An English unit clipped as social sites print it, a whole word ("5h ago", "2 yrs ago",
 * "3 wks ago", "10m"): its seconds, or 0. "m" is minutes (a month is "mo"). */
static int64_t abbrev_unit(const char *w, size_t n)
{
    static const struct {
        const char *unit;
        int64_t secs;
    } ab[] = {{"s", 1},         {"m", 60},         {"mn", 60},      {"h", 3600},
              {"hr", 3600},     {"hrs", 3600},     {"d", 86400},    {"w", 604800},
              {"wk", 604800},   {"wks", 604800},   {"mo", 2592000}, {"mos", 2592000},
              {"mth", 2592000}, {"mths", 2592000}, {"y", 31536000}, {"yr", 31536000},
              {"yrs", 31536000}};
    size_t l = 0;
    while (l < n && w[l] >= 'a' && w[l] <= 'z')
        l++;
    if (l == 0 || (l < n && w[l] != ' ' && w[l] != '.'))
        return 0;
    for (size_t i = 0; i < sizeof ab / sizeof *ab; i++)
        if (strlen(ab[i].unit) == l && !memcmp(ab[i].unit, w, l))
            return ab[i].secs;
    return 0;
}

/* "3일 전", "2 hours ago", "어제", "yesterday", "3日前". */
static bool relative(const char *s, size_t len, int64_t now, int64_t *out)
{
    if (now == HUGI_NO_TIME)
        return false;
    /* a bare count and clipped unit, as X and Instagram print ages: "2d", "3w", "5h" */
    if (len >= 2 && len <= 5 && s[0] >= '0' && s[0] <= '9') {
        size_t d = 0;
        while (d < len && s[d] >= '0' && s[d] <= '9')
            d++;
        char u[4] = {0};
        for (size_t k = d; k < len && k - d < 3; k++)
            u[k - d] = (char)tolower((unsigned char)s[k]);
        int64_t secs = d < len && len - d <= 3 ? abbrev_unit(u, len - d) : 0;
        if (secs && d <= 3 && strcmp(u, "m") != 0 && strcmp(u, "s") != 0) {
            int64_t v = 0;
            for (size_t k = 0; k < d; k++)
                v = v * 10 + (s[k] - '0');
            *out = now - v * secs;
            return true;
        }
    }
    static const struct {
        const char *word;
        int64_t secs;
    } fixed[] = {
        {"\xeb\xb0\xa9\xea\xb8\x88", 0}, /* 방금 */
        {"just now", 0},
        {"\xec\x98\xa4\xeb\x8a\x98", 0}, /* 오늘 */
        {"today", 0},
        {"\xec\x96\xb4\xec\xa0\x9c", 86400}, /* 어제 */
        {"yesterday", 86400},
        {"\xe6\x98\xa8\xe6\x97\xa5", 86400},              /* 昨日 */
        {"\xea\xb7\xb8\xec\xa0\x80\xea\xbb\x98", 172800}, /* 그저께 */
        {"\xea\xb7\xb8\xec\xa0\x9c", 172800},             /* 그제 */
    };
    char low[64];
    if (len < sizeof low) {
        fold_word(s, len, low, sizeof low);
        for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++) {
            size_t n = strlen(fixed[i].word);
            if (len >= n && memcmp(low, fixed[i].word, n) == 0) {
                *out = now - fixed[i].secs;
                /* "어제 14:20", "yesterday 9:05": that day at the clock time given */
                const char *c = low + n;
                while (*c == ' ')
                    c++;
                int hh = -1, mi = -1;
                if (c[0] >= '0' && c[0] <= '9') {
                    hh = c[0] - '0';
                    c++;
                    if (*c >= '0' && *c <= '9')
                        hh = hh * 10 + (*c++ - '0');
                    if (*c == ':' && c[1] >= '0' && c[1] <= '5' && c[2] >= '0' && c[2] <= '9')
                        mi = (c[1] - '0') * 10 + (c[2] - '0');
                }
                if (hh >= 0 && hh < 24 && mi >= 0)
                    *out = *out - ((*out % 86400) + 86400) % 86400 + hh * 3600 + mi * 60;
                return true;
            }
        }
    } else {
        return false;
    }
    bool ago = has(low, len, "\xec\xa0\x84") /* 전 */ || has(low, len, "ago") ||
               has(low, len, "\xe5\x89\x8d") /* 前 */ || has(low, len, "vor ") ||
               has(low, len, "il y a") || has(low, len, "sedan") || has(low, len, "siden") ||
               has(low, len, "hace ") || has(low, len, " fa") || has(low, len, "h\xc3\xa1 ") ||
               has(low, len, "geleden");
    if (!ago)
        return false;
    static const struct {
        const char *unit;
        int64_t secs;
    } units[] = {
        {"\xec\xb4\x88", 1},                   /* 초 */
        {"\xeb\xb6\x84", 60},                  /* 분 */
        {"\xec\x8b\x9c\xea\xb0\x84", 3600},    /* 시간 */
        {"\xec\x9d\xbc", 86400},               /* 일 */
        {"\xec\xa3\xbc", 604800},              /* 주 */
        {"\xea\xb0\x9c\xec\x9b\x94", 2592000}, /* 개월 */
        {"\xeb\x8b\xac", 2592000},             /* 달 */
        {"\xeb\x85\x84", 31536000},            /* 년 */
        {"\xe7\xa7\x92", 1},                   /* 秒 */
        {"\xe5\x88\x86", 60},                  /* 分 */
        {"\xe6\x99\x82\xe9\x96\x93", 3600},    /* 時間 */
        {"\xe6\x97\xa5", 86400},               /* 日 */
        {"\xe9\x80\xb1", 604800},              /* 週 */
        {"\xe3\x83\xb6\xe6\x9c\x88", 2592000}, /* ヶ月 */
        {"\xe3\x81\x8b\xe6\x9c\x88", 2592000}, /* か月 */
        {"\xe5\xb9\xb4", 31536000},            /* 年 */
        {"sec", 1},
        {"min", 60},
        {"hour", 3600},
        {"stund", 3600},
        {"heure", 3600},
        {"timm", 3600},
        {"time", 3600},
        {"day", 86400},
        {"tag", 86400},
        {"jour", 86400},
        {"dag", 86400},
        {"week", 604800},
        {"woche", 604800},
        {"semaine", 604800},
        {"veck", 604800},
        {"uge", 604800},
        {"month", 2592000},
        {"monat", 2592000},
        {"mois", 2592000},
        {"m\xc3\xa5ned", 2592000},
        {"m\xc3\xa5nad", 2592000},
        {"year", 31536000},
        {"jahr", 31536000},
        {"an", 31536000},
        {"\xc3\xa5r", 31536000},
        /* Spanish, Portuguese, Italian, Dutch */
        {"seg", 1},
        {"hora", 3600},
        {"or", 3600}, /* ora, ore */
        {"uur", 3600},
        {"d\xc3\xad"
         "a",
         86400}, /* día */
        {"dia", 86400},
        {"giorn", 86400},
        {"semana", 604800},
        {"settiman", 604800},
        {"mes", 2592000},
        {"maand", 2592000},
        {"a\xc3\xb1o", 31536000}, /* año */
        {"ano", 31536000},
        {"jaar", 31536000},
    };
    /* Korean counts by word: 하루 (a day), 이틀, 사흘, 나흘, 일주일 (a week) "전" */
    static const struct {
        const char *word;
        int64_t secs;
    } ko_spans[] = {
        {"\xed\x95\x98\xeb\xa3\xa8", 86400},              /* 하루 */
        {"\xec\x9d\xb4\xed\x8b\x80", 172800},             /* 이틀 */
        {"\xec\x82\xac\xed\x9d\x98", 259200},             /* 사흘 */
        {"\xeb\x82\x98\xed\x9d\x98", 345600},             /* 나흘 */
        {"\xec\x9d\xbc\xec\xa3\xbc\xec\x9d\xbc", 604800}, /* 일주일 */
    };
    for (size_t k = 0; k < sizeof ko_spans / sizeof ko_spans[0]; k++) {
        size_t n = strlen(ko_spans[k].word);
        if (len >= n && memcmp(low, ko_spans[k].word, n) == 0) {
            *out = now - ko_spans[k].secs;
            return true;
        }
    }
    /* The count, then the unit right after it: "3일 전", "2 hours ago", "a day ago". */
    size_t i = 0;
    while (i < len && !(low[i] >= '0' && low[i] <= '9'))
        i++;
    double n = 1;
    if (i < len) {
        n = strtod(low + i, NULL);
        /* "2016年5月8日 午前10:00" has 前 too: a year-sized count is a date, not an age. */
        if (n >= 1000)
            return false;
        while (i < len && ((low[i] >= '0' && low[i] <= '9') || low[i] == '.'))
            i++;
    } else if (len > 2 && low[0] == 'a' && (low[1] == ' ' || (low[1] == 'n' && low[2] == ' '))) {
        i = low[1] == ' ' ? 2 : 3;
    } else {
        /* "hace un mes", "un mese fa", "vor einem Tag", "il y a une semaine", "há um dia" */
        static const char *const one[] = {"un ",  "una ", "uno ",  "une ",   "um ",
                                          "uma ", "ein ", "eine ", "einem ", "einer ",
                                          "een ", "en ",  "et "};
        bool found = false;
        for (size_t k = 0; k < sizeof one / sizeof one[0] && !found; k++) {
            const char *p = strstr(low, one[k]);
            if (p && (p == low || p[-1] == ' ')) {
                i = (size_t)(p - low) + strlen(one[k]);
                found = true;
            }
        }
        /* Korean native numbers: "한 달 전", "한달 전", "두 시간 전", "세 달 전" */
        static const char *const ko_num[] = {
            "\xed\x95\x9c",             /* 한 1 */
            "\xeb\x91\x90",             /* 두 2 */
            "\xec\x84\xb8",             /* 세 3 */
            "\xeb\x84\xa4",             /* 네 4 */
            "\xeb\x8b\xa4\xec\x84\xaf", /* 다섯 5 */
            "\xec\x97\xac\xec\x84\xaf", /* 여섯 6 */
        };
        for (size_t k = 0; k < sizeof ko_num / sizeof ko_num[0] && !found; k++) {
            size_t kn = strlen(ko_num[k]);
            if (len > kn && memcmp(low, ko_num[k], kn) == 0) {
                n = (double)(k + 1);
                i = kn;
                found = true;
            }
        }
        if (!found)
            return false;
    }
    while (i < len && low[i] == ' ')
        i++;
    for (size_t u = 0; u < sizeof units / sizeof units[0]; u++) {
        size_t un = strlen(units[u].unit);
        if (len - i >= un && memcmp(low + i, units[u].unit, un) == 0) {
            if (!(n >= 0 && n < 100000))
                return false;
            *out = now - (int64_t)(n * (double)units[u].secs);
            return true;
        }
    }
    int64_t secs = abbrev_unit(low + i, len - i);
    if (secs && n >= 0 && n < 100000) {
        *out = now - (int64_t)(n * (double)secs);
        return true;
    }
    return false;
}

static bool all_digits(const char *s, size_t n, bool allow_dot)
{
    if (!n)
        return false;
    int dots = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '.' && allow_dot && i > 0 && dots == 0) {
            dots++;
            continue;
        }
        if (s[i] < '0' || s[i] > '9')
            return false;
    }
    return true;
}

struct num {
    long v;
    int ndig;
    char sep;   /* the character right after the number */
    int marker; /* 1 year, 2 month, 3 day (CJK markers), 0 none */
    bool clock; /* part of hh:mm(:ss) */
};

/* Zone abbreviations printed after a clock time, upper case only (a lower-case "est" is a word):
 * Korea/Japan, central Europe, Britain, North America ("10:00 PST", "Mon Jan 15 10:00:00 EST
 * 2024"), eastern Australia. CST and IST are left out: each names three zones (US central,
 * China, Cuba; India, Ireland, Israel), and guessing wrong moves the review by hours. */
static bool zone_abbrev(const char *s, size_t n, int *hours)
{
    static const struct {
        const char *name;
        int hours;
    } zones[] = {{"KST", 9},   {"JST", 9},   {"CET", 1},   {"CEST", 2},  {"GMT", 0},
                 {"UTC", 0},   {"UT", 0},    {"BST", 1},   {"EST", -5},  {"EDT", -4},
                 {"CDT", -5},  {"MST", -7},  {"MDT", -6},  {"PST", -8},  {"PDT", -7},
                 {"AKST", -9}, {"HST", -10}, {"AEST", 10}, {"AEDT", 11}, {"EET", 2},
                 {"EEST", 3},  {"WET", 0},   {"WEST", 1},  {"HKT", 8},   {"SGT", 8}};
    for (size_t i = 0; i < sizeof zones / sizeof *zones; i++)
        if (strlen(zones[i].name) == n && !memcmp(s, zones[i].name, n)) {
            *hours = zones[i].hours;
            return true;
        }
    return false;
}

bool hugi_extract_date(const char *s0, size_t len0, int64_t now, int64_t *out)
{
    size_t len;
    const char *s = hugi_str_trim(s0, len0, &len);
    if (len == 0 || len > 200)
        return false;
    /* Java's ZonedDateTime prints the zone's name after the offset:
     * "2024-01-15T09:30:00+09:00[Asia/Seoul]"; the offset says it all */
    if (len > 3 && s[len - 1] == ']') {
        const char *b = memchr(s, '[', len);
        if (b && b > s) {
            len = (size_t)(b - s);
            while (len && s[len - 1] == ' ')
                len--;
        }
    }
    if (hugi_time_parse_iso(s, len, out))
        return true;
    /* ASP.NET's JSON date, "/Date(1709601630000)/" or "/Date(1709601630000+0900)/": epoch
     * milliseconds, UTC; the offset (±hhmm) only says where the writer was. Before 1970 the
     * milliseconds are negative ("/Date(-1500)/" is 1.5 s before): the second is the floor, as
     * for a positive time, not the quotient rounded toward zero. */
    if (len >= 9 && memcmp(s, "/Date(", 6) == 0 && memcmp(s + len - 2, ")/", 2) == 0) {
        size_t i = 6, d0;
        bool neg = s[i] == '-';
        i += neg;
        d0 = i;
        while (i < len && isdigit((unsigned char)s[i]))
            i++;
        size_t nd = i - d0;
        bool tail =
            i == len - 2 || ((s[i] == '+' || s[i] == '-') && i + 5 == len - 2 &&
                             all_digits(s + i + 1, 4, false) && s[i + 1] <= '1' && s[i + 3] <= '5');
        if (nd >= 1 && nd <= 15 && tail) {
            int64_t ms = 0;
            for (size_t k = d0; k < d0 + nd; k++)
                ms = ms * 10 + (s[k] - '0');
            *out = neg ? -((ms + 999) / 1000) : ms / 1000;
            return true;
        }
    }
    /* ISO 8601 basic format: "20240115T093000Z", "20240115T0930+0900" */
    if (len >= 13 && len <= 24 && all_digits(s, 8, false) && s[8] == 'T' &&
        all_digits(s + 9, 4, false)) {
        char ext[40];
        int n =
            snprintf(ext, sizeof ext, "%.4s-%.2s-%.2sT%.2s:%.2s", s, s + 4, s + 6, s + 9, s + 11);
        size_t k = 13;
        if (len >= 15 && all_digits(s + 13, 2, false)) {
            n += snprintf(ext + n, sizeof ext - (size_t)n, ":%.2s", s + 13);
            k = 15;
        }
        if (k < len && (s[k] == 'Z' || s[k] == '+' || s[k] == '-') && len - k <= 6 &&
            (size_t)n + (len - k) + 2 < sizeof ext) {
            if (s[k] != 'Z' && len - k == 5) /* +0900 → +09:00 */
                n += snprintf(ext + n, sizeof ext - (size_t)n, "%c%.2s:%.2s", s[k], s + k + 1,
                              s + k + 3);
            else {
                memcpy(ext + n, s + k, len - k);
                n += (int)(len - k);
            }
            k = len;
        }
        if (k == len && n > 0 && (size_t)n < sizeof ext && hugi_time_parse_iso(ext, (size_t)n, out))
            return true;
    }
    /* Epoch seconds in scientific notation, as a data warehouse prints a TIMESTAMP cell
     * ("1.7408736E9"; "E12" milliseconds): one digit, a point, digits, E and the exponent */
    if (len >= 5 && len < 32 && isdigit((unsigned char)s[0]) && s[0] != '0' && s[1] == '.') {
        size_t e = 2;
        while (e < len && isdigit((unsigned char)s[e]))
            e++;
        if (e > 2 && e + 2 <= len && (s[e] == 'E' || s[e] == 'e') &&
            ((e + 2 == len && s[e + 1] == '9') ||
             (e + 3 == len && s[e + 1] == '1' && s[e + 2] == '2'))) {
            char tmp[32];
            memcpy(tmp, s, len);
            tmp[len] = 0;
            double v = strtod(tmp, NULL);
            if (s[e + 1] == '1')
                v /= 1000.0;
            if (v > 0 && v < 7e9) {
                *out = (int64_t)floor(v);
                return true;
            }
        }
    }
    /* Epoch: seconds (10 digits now), millis (13), floats ("1595068319.0"). */
    if (all_digits(s, len, true)) {
        if (len == 8 && s[0] >= '1' && s[0] <= '2' && !memchr(s, '.', len)) {
            int y = atoi((char[]){s[0], s[1], s[2], s[3], 0});
            int m = (s[4] - '0') * 10 + (s[5] - '0');
            int d = (s[6] - '0') * 10 + (s[7] - '0');
            if (valid_ymd(y, m, d)) {
                *out = hugi_time_from_civil(y, m, d, 0, 0, 0);
                return true;
            }
        }
        /* "202401051430", "20240105143000": a compact date and time (Korean APIs' regDt) */
        if ((len == 12 || len == 14) && !memchr(s, '.', len) &&
            (memcmp(s, "19", 2) == 0 || memcmp(s, "20", 2) == 0)) {
            int v[7] = {0};
            for (size_t k = 0; k < (len - 8) / 2; k++)
                v[k] = (s[8 + 2 * k] - '0') * 10 + (s[9 + 2 * k] - '0');
            int y = atoi((char[]){s[0], s[1], s[2], s[3], 0});
            int m = (s[4] - '0') * 10 + (s[5] - '0');
            int d = (s[6] - '0') * 10 + (s[7] - '0');
            if (valid_ymd(y, m, d) && v[0] < 24 && v[1] < 60 && v[2] < 60) {
                *out = hugi_time_from_civil(y, m, d, v[0], v[1], v[2]);
                return true;
            }
        }
        char tmp[64];
        if (len >= sizeof tmp)
            return false;
        memcpy(tmp, s, len);
        tmp[len] = 0;
        double v = strtod(tmp, NULL);
        size_t intdig = strcspn(tmp, ".");
        /* a spreadsheet's date serial (days since 1899-12-30, the fraction the time of day):
         * 45306 is 2024-01-15; five digits between 1954 and 2119 mean nothing else as a date */
        if (intdig == 5 && v >= 20000 && v < 80000) {
            *out = hugi_time_from_civil(1899, 12, 30, 0, 0, 0) + (int64_t)floor(v * 86400.0 + 0.5);
            return true;
        }
        if (intdig >= 12)
            v /= 1000.0; /* millis */
        if (intdig < 9 || !(v > 0 && v < 7e9))
            return false;
        *out = (int64_t)floor(v);
        return true;
    }
    if (relative(s, len, now, out))
        return true;

    struct num nums[8];
    int nn = 0;
    int month_name = 0;
    bool pm = false, am = false, hangul = false;
    int64_t zone = 0;
    for (size_t i = 0; i < len;) {
        unsigned char c = (unsigned char)s[i];
        if (c >= '0' && c <= '9') {
            long v = 0;
            size_t j = i;
            while (j < len && s[j] >= '0' && s[j] <= '9' && j - i < 9)
                v = v * 10 + (s[j++] - '0');
            while (j < len && s[j] >= '0' && s[j] <= '9')
                j++;
            if (nn < 8) {
                struct num *n = &nums[nn++];
                n->v = v;
                n->ndig = (int)(j - i);
                n->sep = j < len ? s[j] : 0;
                n->marker = 0;
                n->clock = n->sep == ':' || (i > 0 && s[i - 1] == ':');
                /* CJK marker after optional spaces: 年/년 year, 月/월 month, 日/일 day. */
                size_t k = j;
                while (k < len && s[k] == ' ')
                    k++;
                if (k + 3 <= len) {
                    const char *m = s + k;
                    if (!memcmp(m, "\xe5\xb9\xb4", 3) || !memcmp(m, "\xeb\x85\x84", 3))
                        n->marker = 1;
                    else if (!memcmp(m, "\xe6\x9c\x88", 3) || !memcmp(m, "\xec\x9b\x94", 3))
                        n->marker = 2;
                    else if (!memcmp(m, "\xe6\x97\xa5", 3) || !memcmp(m, "\xec\x9d\xbc", 3))
                        n->marker = 3;
                    else if (!memcmp(m, "\xec\x8b\x9c", 3) || !memcmp(m, "\xe6\x99\x82", 3))
                        n->clock = true; /* 시 / 時: an hour */
                    else if (!memcmp(m, "\xeb\xb6\x84", 3) || !memcmp(m, "\xe5\x88\x86", 3))
                        n->clock = true;
                }
            }
            i = j;
            continue;
        }
        if (((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || word_lead(c)) {
            size_t j = i;
            /* ASCII letters and the two-byte letters of Latin-1, Latin Extended-A and Cyrillic
             * (März, août, października, мая) */
            for (;;) {
                if (j < len &&
                    (((unsigned char)s[j] | 0x20) >= 'a' && ((unsigned char)s[j] | 0x20) <= 'z'))
                    j++;
                else if (j + 1 < len && word_lead((unsigned char)s[j]) &&
                         ((unsigned char)s[j + 1] & 0xC0) == 0x80)
                    j += 2;
                else
                    break;
            }
            if (j == i) {
                i++;
                continue;
            }
            size_t wn = j - i;
            int m = month_of(s + i, wn);
            if (m && !month_name)
                month_name = m;
            if (wn == 2 && (s[i] | 0x20) == 'p' && (s[i + 1] | 0x20) == 'm')
                pm = true;
            if (wn == 2 && (s[i] | 0x20) == 'a' && (s[i + 1] | 0x20) == 'm')
                am = true;
            int zh;
            if (zone_abbrev(s + i, wn, &zh))
                zone = zh * 3600;
            i = j;
            continue;
        }
        if (c >= 0xC0) {
            size_t n = 1;
            while (i + n < len && ((unsigned char)s[i + n] & 0xC0) == 0x80)
                n++;
            if (n == 3) {
                if (len - i >= 6 && (!memcmp(s + i, "\xec\x98\xa4\xed\x9b\x84", 6) ||
                                     !memcmp(s + i, "\xe5\x8d\x88\xe5\xbe\x8c", 6)))
                    pm = true; /* 오후 / 午後 */
                if (c >= 0xEA && c <= 0xED)
                    hangul = true;
            }
            i += n;
            continue;
        }
        /* "+09:00" / "-0500" after a clock time. */
        if ((c == '+' || c == '-') && nn > 0 && nums[nn - 1].clock && i + 3 <= len &&
            s[i + 1] >= '0' && s[i + 1] <= '9') {
            int oh = (s[i + 1] - '0') * 10 + (i + 2 < len ? s[i + 2] - '0' : 0);
            int om = 0;
            size_t k = i + 3;
            if (k < len && s[k] == ':')
                k++;
            if (k + 1 < len && s[k] >= '0' && s[k] <= '9')
                om = (s[k] - '0') * 10 + (s[k + 1] - '0');
            if (oh <= 14 && om < 60)
                zone = (c == '-' ? -1 : 1) * (oh * 3600 + om * 60);
            i = k + 2 < len ? k + 2 : len;
            continue;
        }
        i++;
    }

    int y = 0, m = 0, d = 0, hh = 0, mi = 0, ss = 0;
    /* Clock: the numbers flagged as part of hh:mm(:ss), in order. */
    long dn[8];
    int dnd[8]; /* digits of each */
    int ndn = 0;
    int nclock = 0;
    for (int i = 0; i < nn; i++) {
        if (nums[i].marker) {
            if (nums[i].marker == 1)
                y = (int)nums[i].v;
            else if (nums[i].marker == 2)
                m = (int)nums[i].v;
            else
                d = (int)nums[i].v;
            continue;
        }
        if (nums[i].clock) {
            if (nclock == 0)
                hh = (int)nums[i].v;
            else if (nclock == 1)
                mi = (int)nums[i].v;
            else if (nclock == 2)
                ss = (int)nums[i].v;
            nclock++;
            continue;
        }
        dnd[ndn] = nums[i].ndig;
        dn[ndn++] = nums[i].v;
    }
    if (y && y < 100)
        y += 2000;
    bool year_guessed = false;
    if (m || d || y) {
        /* CJK markers: 2016年5月8日, 2024년 1월 15일, 5월 3일 (year from the fetch time). */
        if (!y && now != HUGI_NO_TIME) {
            y = year_of(now);
            year_guessed = true;
        }
    } else if (month_name) {
        m = month_name;
        for (int i = 0; i < ndn; i++) {
            if (dn[i] >= 1000 && !y)
                y = (int)dn[i];
            else if (!d && dn[i] >= 1 && dn[i] <= 31)
                d = (int)dn[i];
            else if (!y && dn[i] < 100)
                y = 2000 + (int)dn[i];
        }
        if (!y && now != HUGI_NO_TIME) {
            y = year_of(now);
            year_guessed = true;
        }
    } else if (ndn >= 3) {
        char sep = 0;
        for (int i = 0; i < nn; i++)
            if (!nums[i].clock && !nums[i].marker) {
                sep = nums[i].sep;
                break;
            }
        long a = dn[0], b = dn[1], c = dn[2];
        /* A short year has two digits ("24.1.15", "15.01.24"); "18.4.0" is a version. */
        if (a < 1000 && c < 1000 && dnd[0] != 2 && dnd[2] != 2)
            return false;
        if (a >= 1000) { /* 2024.01.15, 2012/04/28, 2024-1-5 */
            y = (int)a, m = (int)b, d = (int)c;
        } else if (c >= 1000) {
            y = (int)c;
            if (sep == '/' && a <= 12) /* US M/D/Y unless the first cannot be a month */
                m = (int)a, d = (int)b;
            else
                d = (int)a, m = (int)b; /* 15.01.2024, 15-01-2024, 15/01/2024 */
        } else if (a > 31 || hangul || sep == '.') {
            /* Korean short year: 24.1.15.월 */
            if (a > 31 || hangul || b > 12 || c > 31) {
                if (dnd[0] != 2)
                    return false;
                y = 2000 + (int)a, m = (int)b, d = (int)c;
            } else if (dnd[2] == 1) {
                /* a one-digit last part is no year: "25.12.7" is 2025-12-07 (a Korean board's
                 * short date without padding) */
                if (dnd[0] != 2 || !valid_ymd(2000 + (int)a, (int)b, (int)c))
                    return false; /* "18.4.0" is a version */
                y = 2000 + (int)a, m = (int)b, d = (int)c;
            } else {
                if (dnd[2] != 2)
                    return false;
                d = (int)a, m = (int)b, y = 2000 + (int)c;
                /* "24.03.05" is 2024-03-05 on a Korean page and 24 March 2005 on a German one:
                 * of the two readings, the latest one not after the fetch time wins (reviews
                 * are recent; "05.03.24" stays German). */
                if (dnd[0] == 2 && c <= 31 && a <= 99 && now != HUGI_NO_TIME &&
                    valid_ymd(2000 + (int)a, (int)b, (int)c) && valid_ymd(y, m, d)) {
                    int64_t dmy = hugi_time_from_civil(y, m, d, 0, 0, 0);
                    int64_t ymd = hugi_time_from_civil(2000 + (int)a, (int)b, (int)c, 0, 0, 0);
                    bool dmy_ok = dmy <= now + 86400, ymd_ok = ymd <= now + 86400;
                    if (ymd_ok && (!dmy_ok || ymd > dmy))
                        y = 2000 + (int)a, m = (int)b, d = (int)c;
                }
            }
        } else if (sep == '/') { /* 1/15/24 */
            m = (int)a, d = (int)b, y = 2000 + (int)c;
        } else {
            return false;
        }
    } else if (ndn == 2 && now != HUGI_NO_TIME) {
        /* M.D with no year ("1.11.일" on Naver): this year, or last year when that would be in
         * the future. */
        char sep = 0;
        for (int i = 0; i < nn; i++)
            if (!nums[i].clock && !nums[i].marker) {
                sep = nums[i].sep;
                break;
            }
        if (sep != '.' && sep != '/' && sep != '-')
            return false;
        if (dn[0] > 12)
            return false;
        m = (int)dn[0], d = (int)dn[1];
        y = year_of(now);
        if (valid_ymd(y, m, d) && hugi_time_from_civil(y, m, d, 0, 0, 0) > now + 86400)
            y--;
    } else {
        return false;
    }
    if (y >= 0 && y < 100)
        y += 2000;
    /* a month of a stated year ("November 2024", "2024년 10월": stays that print only the
     * month) is its first day; a month alone ("5월") and a month someone joined in stay
     * unread */
    if (!d && m && y >= 1000 && !year_guessed && !joined_month(s, len))
        d = 1;
    if (!valid_ymd(y, m, d))
        return false;
    /* A date without a year ("Mar 5", "3월 5일") is this year's, or last year's when this
     * year's would be after the fetch time: a review cannot come from the future. */
    if (year_guessed && hugi_time_from_civil(y, m, d, 0, 0, 0) > now + 86400 &&
        valid_ymd(y - 1, m, d))
        y--;
    if (pm && hh < 12)
        hh += 12;
    if (am && hh == 12)
        hh = 0;
    if (hh > 23 || mi > 59 || ss > 60)
        hh = mi = ss = 0;
    *out = hugi_time_from_civil(y, m, d, hh, mi, ss) - zone;
    return true;
}
