/* SPDX-License-Identifier: MIT
 * PII masking for everything the helpdesk files carry: phone numbers, e-mail addresses, Korean
 * street addresses and order numbers are replaced by a marker before review text leaves hugi
 * (alert files, digests, webhook). The store keeps the original; masking is a view.
 *
 * Detectors find byte spans; a later detector never masks inside an earlier one's span, so the
 * order below is the priority: an order number is not re-read as a phone number.
 */
#include "hugi/report.h"

#include <stdlib.h>
#include <string.h>

enum pii { PII_ORDER, PII_EMAIL, PII_ADDRESS, PII_PHONE };

struct span {
    size_t start, end;
    enum pii kind;
};

struct spans {
    struct span *v;
    size_t n, cap;
};

static bool covered(const struct spans *sp, size_t a, size_t b)
{
    for (size_t i = 0; i < sp->n; i++)
        if (a < sp->v[i].end && sp->v[i].start < b)
            return true;
    return false;
}

static hugi_rc add_span(struct spans *sp, size_t a, size_t b, enum pii kind)
{
    if (covered(sp, a, b))
        return HUGI_OK;
    if (sp->n == sp->cap) {
        size_t cap = sp->cap ? sp->cap * 2 : 8;
        struct span *v = realloc(sp->v, cap * sizeof *v);
        if (!v)
            return HUGI_E_NOMEM;
        sp->v = v;
        sp->cap = cap;
    }
    sp->v[sp->n].start = a;
    sp->v[sp->n].end = b;
    sp->v[sp->n].kind = kind;
    sp->n++;
    return HUGI_OK;
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static bool is_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_alnum(char c)
{
    return is_digit(c) || is_alpha(c);
}

/* The code point ending just before byte `end`, and where it starts. */
static uint32_t cp_before(const char *s, size_t end, size_t *start)
{
    size_t i = end;
    while (i > 0 && end - i < 4) {
        i--;
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            break;
    }
    uint32_t cp = 0;
    if (i < end && hugi_utf8_decode(s + i, end - i, &cp) == end - i) {
        *start = i;
        return cp;
    }
    *start = end - 1;
    return (unsigned char)s[end - 1];
}

static uint32_t cp_at(const char *s, size_t len, size_t i, size_t *n)
{
    uint32_t cp = 0;
    *n = hugi_utf8_decode(s + i, len - i, &cp);
    if (!*n) {
        *n = 1;
        return 0xFFFD;
    }
    return cp;
}

static bool is_hangul(uint32_t cp)
{
    return cp >= 0xAC00 && cp <= 0xD7A3;
}

static bool starts_with_ci(const char *s, size_t len, const char *lit)
{
    size_t n = strlen(lit);
    if (len < n)
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (c != lit[i])
            return false;
    }
    return true;
}

/* "주문번호: 2024112300123", "order no. A-12345": the value after the keyword. */
static hugi_rc find_orders(const char *s, size_t len, struct spans *sp)
{
    static const char *const keys[] = {"주문번호", "주문 번호", "order number",
                                       "order no", "order id",  "order #",
                                       "order#",   "송장번호",  "운송장"};
    for (size_t i = 0; i < len; i++) {
        for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++) {
            if (!starts_with_ci(s + i, len - i, keys[k]))
                continue;
            size_t j = i + strlen(keys[k]);
            while (j < len &&
                   (s[j] == ' ' || s[j] == ':' || s[j] == '#' || s[j] == '.' || s[j] == '='))
                j++;
            size_t v = j, ndig = 0;
            while (j < len && (is_alnum(s[j]) || s[j] == '-')) {
                ndig += is_digit(s[j]);
                j++;
            }
            while (j > v && s[j - 1] == '-')
                j--;
            if (ndig >= 4) {
                hugi_rc rc = add_span(sp, v, j, PII_ORDER);
                if (rc)
                    return rc;
            }
            break;
        }
    }
    return HUGI_OK;
}

static bool local_char(char c)
{
    return is_alnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
}

static bool domain_char(char c)
{
    return is_alnum(c) || c == '.' || c == '-';
}

static hugi_rc find_emails(const char *s, size_t len, struct spans *sp)
{
    for (size_t k = 0; k < len; k++) {
        if (s[k] != '@')
            continue;
        size_t a = k;
        while (a > 0 && local_char(s[a - 1]))
            a--;
        size_t b = k + 1;
        while (b < len && domain_char(s[b]))
            b++;
        while (b > k + 1 && (s[b - 1] == '.' || s[b - 1] == '-'))
            b--;
        if (a == k)
            continue;
        const char *dot = NULL;
        for (size_t i = k + 1; i < b; i++)
            if (s[i] == '.')
                dot = s + i;
        if (!dot || dot == s + k + 1 || dot + 1 >= s + b)
            continue;
        hugi_rc rc = add_span(sp, a, b, PII_EMAIL);
        if (rc)
            return rc;
        k = b - 1;
    }
    return HUGI_OK;
}

/* Korean addresses: a word ending in 로/길/동 (road, lane, neighbourhood) followed by a
 * building or lot number ("테헤란로 123", "선릉로86길 5-3", "역삼동 123-45"), with the
 * 시/도/구/군 words before it; and apartment units "101동 1203호". A number followed by another
 * syllable ("택배로 3일") is a quantity, not an address. */
static bool admin_word_end(uint32_t cp)
{
    return cp == 0xC2DC /* 시 */ || cp == 0xB3C4 /* 도 */ || cp == 0xAD6C /* 구 */ ||
           cp == 0xAD70 /* 군 */ || cp == 0xC74D /* 읍 */ || cp == 0xBA74 /* 면 */;
}

static size_t word_start(const char *s, size_t end)
{
    size_t i = end;
    while (i > 0) {
        size_t st;
        uint32_t cp = cp_before(s, i, &st);
        if (!(is_hangul(cp) || is_digit((char)cp) || (cp < 0x80 && is_alpha((char)cp))) ||
            cp == ' ')
            break;
        i = st;
    }
    return i;
}

static hugi_rc find_addresses(const char *s, size_t len, struct spans *sp)
{
    size_t i = 0;
    while (i < len) {
        size_t n;
        uint32_t cp = cp_at(s, len, i, &n);
        bool road = cp == 0xB85C /* 로 */ || cp == 0xAE38 /* 길 */ || cp == 0xB3D9 /* 동 */;
        size_t wend = i + n;
        if (!road || i == 0) {
            i += n;
            continue;
        }
        size_t ws = word_start(s, i);
        size_t prev_st;
        uint32_t prev = cp_before(s, i, &prev_st);
        /* "…으로" is the particle, and a word must have something before the marker */
        if (ws == i || prev == 0xC73C /* 으 */) {
            i += n;
            continue;
        }
        size_t j = wend;
        if (j < len && s[j] == ' ')
            j++;
        size_t d = j;
        while (j < len && is_digit(s[j]) && j - d < 6)
            j++;
        if (j == d) {
            i += n;
            continue;
        }
        if (j + 1 < len && s[j] == '-' && is_digit(s[j + 1])) {
            j++;
            while (j < len && is_digit(s[j]))
                j++;
        }
        size_t after_n = 0;
        uint32_t after = j < len ? cp_at(s, len, j, &after_n) : 0;
        bool unit = false;
        if (after == 0xD638 /* 호 */ || after == 0xCE35 /* 층 */) {
            unit = true;
        } else if (after == 0xBC88 /* 번 */ && j + after_n < len) {
            size_t n2;
            if (cp_at(s, len, j + after_n, &n2) != 0xC9C0 /* 지 */) {
                i += n;
                continue;
            }
            j += after_n + n2;
        } else if (after == 0xB3D9 /* 동 */) {
            /* "101동 1203호": the unit after the building */
            size_t k = j + after_n;
            if (k < len && s[k] == ' ')
                k++;
            size_t d2 = k;
            while (k < len && is_digit(s[k]))
                k++;
            size_t hn;
            if (k > d2 && k < len && cp_at(s, len, k, &hn) == 0xD638) {
                j = k + hn;
            } else {
                j += after_n;
            }
        } else if (is_hangul(after)) {
            i += n;
            continue;
        }
        if (unit)
            j += after_n;
        /* take the 시/도/구 words before */
        size_t a = ws;
        for (int w = 0; w < 4 && a > 0; w++) {
            size_t b = a;
            while (b > 0 && s[b - 1] == ' ')
                b--;
            if (b == a || b == 0)
                break;
            size_t st;
            uint32_t last = cp_before(s, b, &st);
            if (!admin_word_end(last))
                break;
            a = word_start(s, b);
        }
        hugi_rc rc = add_span(sp, a, j, PII_ADDRESS);
        if (rc)
            return rc;
        i = j > i + n ? j : i + n;
    }
    /* bare apartment units "101동 1203호" / "1203호" after a word */
    for (size_t k = 0; k < len; k++) {
        if (!is_digit(s[k]) || (k > 0 && is_digit(s[k - 1])))
            continue;
        size_t j = k;
        while (j < len && is_digit(s[j]))
            j++;
        size_t hn;
        if (j < len && cp_at(s, len, j, &hn) == 0xB3D9) {
            size_t m = j + hn;
            if (m < len && s[m] == ' ')
                m++;
            size_t d2 = m;
            while (m < len && is_digit(s[m]))
                m++;
            size_t h2;
            if (m > d2 && m < len && cp_at(s, len, m, &h2) == 0xD638) {
                hugi_rc rc = add_span(sp, k, m + h2, PII_ADDRESS);
                if (rc)
                    return rc;
                k = m;
            }
        }
    }
    return HUGI_OK;
}

/* Digit runs with separators: phones (Korean mobile and landline, +CC international, NANP
 * 3-3-4) and long order numbers; dates stay. */
static hugi_rc find_numbers(const char *s, size_t len, struct spans *sp)
{
    size_t i = 0;
    while (i < len) {
        bool plus = s[i] == '+' && i + 1 < len && is_digit(s[i + 1]);
        if (!(is_digit(s[i]) || plus) || (i > 0 && (is_alnum(s[i - 1]) || s[i - 1] == '.'))) {
            i++;
            continue;
        }
        size_t j = i + (plus ? 1 : 0);
        size_t ndig = 0, ngroups = 0, last = j;
        size_t glen[8] = {0};
        char first = 0;
        for (;;) {
            if (j < len && s[j] == '(') {
                j++;
                continue;
            }
            size_t g = j;
            while (j < len && is_digit(s[j]))
                j++;
            if (j == g)
                break;
            if (!first)
                first = s[g];
            if (ngroups < 8)
                glen[ngroups] = j - g;
            ngroups++;
            ndig += j - g;
            last = j;
            if (j < len && s[j] == ')')
                j++;
            if (j + 1 < len && (s[j] == '-' || s[j] == '.' || s[j] == ' ') &&
                (is_digit(s[j + 1]) || s[j + 1] == '('))
                j++;
            else
                break;
        }
        const char *tok = s + i + (plus ? 1 : 0);
        bool date_like =
            ngroups >= 3 && glen[0] == 4 && (tok[0] == '1' || tok[0] == '2') && glen[1] <= 2;
        bool phone = false, order = false;
        if (plus && ndig >= 8 && ndig <= 15)
            phone = true;
        else if (!plus && !date_like && ndig >= 10 && ndig <= 11 && tok[0] == '0' && tok[1] == '1')
            phone = true;
        else if (!plus && !date_like && ngroups >= 2 && first == '0' && ndig >= 9 && ndig <= 11)
            phone = true;
        else if (!plus && ngroups == 3 && glen[0] == 3 && glen[1] == 3 && glen[2] == 4)
            phone = true;
        else if (!plus && ngroups == 1 && ndig >= 10)
            order = true;
        else if (!plus && !date_like && ndig >= 12)
            order = true;
        if (phone || order) {
            /* a trailing letter joins the token ("1234567890abc"): not a number we know */
            if (!(last < len && is_alpha(s[last]))) {
                hugi_rc rc = add_span(sp, i, last, phone ? PII_PHONE : PII_ORDER);
                if (rc)
                    return rc;
            }
        }
        i = last > i ? last : i + 1;
    }
    return HUGI_OK;
}

static int span_cmp(const void *a, const void *b)
{
    const struct span *x = a, *y = b;
    return x->start < y->start ? -1 : x->start > y->start;
}

static bool has_hangul(const char *s, size_t len)
{
    for (size_t i = 0; i + 2 < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0xEA && c <= 0xED) {
            uint32_t cp;
            if (hugi_utf8_decode(s + i, len - i, &cp) == 3 && is_hangul(cp))
                return true;
        }
    }
    return false;
}

hugi_rc hugi_report_mask_pii(const char *s, size_t len, struct hugi_buf *out, size_t *nmasked)
{
    static const char *const ko[] = {"[주문번호]", "[이메일]", "[주소]", "[전화번호]"};
    static const char *const en[] = {"[order no.]", "[email]", "[address]", "[phone]"};
    struct spans sp = {0};
    hugi_rc rc = HUGI_OK;
    if (nmasked)
        *nmasked = 0;
    if (!s || !len)
        return hugi_buf_add(out, "", 0);
    if ((rc = find_orders(s, len, &sp)) || (rc = find_emails(s, len, &sp)) ||
        (rc = find_addresses(s, len, &sp)) || (rc = find_numbers(s, len, &sp)))
        goto done;
    if (sp.n)
        qsort(sp.v, sp.n, sizeof *sp.v, span_cmp);
    const char *const *marks = has_hangul(s, len) ? ko : en;
    size_t at = 0;
    for (size_t i = 0; i < sp.n; i++) {
        if ((rc = hugi_buf_add(out, s + at, sp.v[i].start - at)) ||
            (rc = hugi_buf_addstr(out, marks[sp.v[i].kind])))
            goto done;
        at = sp.v[i].end;
    }
    rc = hugi_buf_add(out, s + at, len - at);
    if (nmasked)
        *nmasked = sp.n;
done:
    free(sp.v);
    return rc;
}
