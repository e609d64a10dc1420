/* SPDX-License-Identifier: MIT
 * Stable hashing and UTC time without the C library's time zone machinery: review dates are
 * stored in UTC and must not depend on the TZ of the machine that ran the scan. */
#include "hugi/core.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

uint64_t hugi_hash64(const void *p, size_t len, uint64_t seed)
{
    const unsigned char *u = p;
    uint64_t h = 0xcbf29ce484222325ULL ^ seed;
    for (size_t i = 0; i < len; i++) {
        h ^= u[i];
        h *= 0x100000001b3ULL;
    }
    /* FNV's low bits mix poorly; finish with the splitmix64 avalanche */
    h ^= h >> 30;
    h *= 0xbf58476d1ce4e5b9ULL;
    h ^= h >> 27;
    h *= 0x94d049bb133111ebULL;
    h ^= h >> 31;
    return h;
}

int64_t hugi_now(void)
{
    const char *fake = getenv("HUGI_NOW");
    if (fake && *fake) {
        int64_t t;
        if (hugi_time_parse_iso(fake, strlen(fake), &t))
            return t;
        char *end;
        long long v = strtoll(fake, &end, 10);
        if (!*end)
            return v;
    }
    return (int64_t)time(NULL);
}

/* Howard Hinnant's days_from_civil / civil_from_days algorithms (public domain facts). */
static int64_t days_from_civil(int64_t y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(int64_t z, int *y, int *m, int *d)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t yy = yoe + era * 400;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yy + (*m <= 2));
}

int64_t hugi_time_from_civil(int y, int mon, int d, int h, int mi, int s)
{
    return days_from_civil(y, mon, d) * 86400 + (int64_t)h * 3600 + mi * 60 + s;
}

void hugi_time_format(int64_t t, char out[21])
{
    if (t == HUGI_NO_TIME) {
        out[0] = '\0';
        return;
    }
    int64_t days = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
    int64_t secs = t - days * 86400;
    int y, m, d;
    civil_from_days(days, &y, &m, &d);
    if (y < 0 || y > 9999) {
        out[0] = '\0';
        return;
    }
    char tmp[64]; /* roomy: the compiler cannot see that every field is two digits */
    snprintf(tmp, sizeof tmp, "%04d-%02d-%02dT%02d:%02d:%02dZ", y, m, d, (int)(secs / 3600),
             (int)(secs / 60 % 60), (int)(secs % 60));
    memcpy(out, tmp, 21);
}

void hugi_tz_label(int64_t tz, char out[8])
{
    if (tz == 0) {
        memcpy(out, "UTC", 4);
        return;
    }
    if (tz == 9 * 3600) {
        memcpy(out, "KST", 4);
        return;
    }
    int64_t a = tz < 0 ? -tz : tz;
    char tmp[64]; /* roomy: offsets are at most 14 h, but the compiler cannot see it */
    snprintf(tmp, sizeof tmp, "%c%02d:%02d", tz < 0 ? '-' : '+', (int)(a / 3600 % 100),
             (int)(a / 60 % 60));
    memcpy(out, tmp, 7);
    out[7] = '\0';
}

void hugi_time_format_zone(int64_t t, int64_t tz, char out[28])
{
    char iso[21], zone[8];
    out[0] = '\0';
    if (t == HUGI_NO_TIME || t > INT64_MAX - 86400 || t < INT64_MIN + 86400 * 2)
        return;
    hugi_time_format(t + tz, iso);
    if (!iso[0])
        return;
    hugi_tz_label(tz, zone);
    snprintf(out, 28, "%.10s %.5s %s", iso, iso + 11, zone);
}

static bool digits(const char *s, size_t len, size_t at, size_t n, int *v)
{
    if (at + n > len)
        return false;
    int x = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[at + i];
        if (c < '0' || c > '9')
            return false;
        x = x * 10 + (c - '0');
    }
    *v = x;
    return true;
}

static bool month_days_ok(int y, int m, int d)
{
    static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
        return false;
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return !(m == 2 && d == 29 && !leap);
}

bool hugi_time_parse_iso(const char *s, size_t len, int64_t *t)
{
    int y, mo, d, h = 0, mi = 0, se = 0;
    size_t i;
    if (!digits(s, len, 0, 4, &y) || len < 10 || s[4] != '-' || !digits(s, len, 5, 2, &mo) ||
        s[7] != '-' || !digits(s, len, 8, 2, &d) || !month_days_ok(y, mo, d))
        return false;
    i = 10;
    int64_t off = 0;
    if (i < len && (s[i] == 'T' || s[i] == 't' || s[i] == ' ')) {
        i++;
        if (!digits(s, len, i, 2, &h) || i + 2 >= len || s[i + 2] != ':' ||
            !digits(s, len, i + 3, 2, &mi))
            return false;
        i += 5;
        if (i < len && s[i] == ':') {
            if (!digits(s, len, i + 1, 2, &se))
                return false;
            i += 3;
            if (i < len && (s[i] == '.' || s[i] == ',')) {
                i++;
                while (i < len && s[i] >= '0' && s[i] <= '9')
                    i++;
            }
        }
        if (h > 24 || mi > 59 || se > 60)
            return false;
        if (i < len && (s[i] == 'Z' || s[i] == 'z')) {
            i++;
        } else if (i < len && (s[i] == '+' || s[i] == '-')) {
            int oh, om = 0;
            int sign = s[i] == '-' ? -1 : 1;
            if (!digits(s, len, i + 1, 2, &oh))
                return false;
            i += 3;
            if (i < len && s[i] == ':')
                i++;
            if (i < len && !digits(s, len, i, 2, &om))
                return false;
            if (i < len)
                i += 2;
            if (oh > 14 || om > 59)
                return false;
            off = sign * (oh * 3600 + om * 60);
        }
    }
    if (i != len)
        return false;
    *t = hugi_time_from_civil(y, mo, d, h, mi, se) - off;
    return true;
}
