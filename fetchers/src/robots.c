/* SPDX-License-Identifier: MIT
 * robots.txt after RFC 9309: the groups whose user-agent lines match our product token (or the
 * `*` group when none does), their Allow/Disallow rules, and longest-match evaluation with `*`
 * and `$`. The parser never fails on content: what it does not understand it skips, as the RFC
 * asks (§2.2). Fetching robots.txt and the status-code policy live in http_session.c.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "hugi/fetch.h"

/* RFC 9309 §2.5: crawlers must parse at least 500 KiB; we stop there. */
#define ROBOTS_MAX_LEN (500u * 1024u)

struct rule {
    char *pat; /* percent-encoding normalised, see norm_pattern() */
    size_t len;
    bool allow;
};

struct ruleset {
    struct rule *v;
    size_t n, cap;
    double delay;
};

struct hugi_robots {
    struct ruleset rules;
    bool fixed; /* allow-all / disallow-all, no rules */
    bool fixed_allow;
};

static void ruleset_release(struct ruleset *s)
{
    for (size_t i = 0; i < s->n; i++)
        free(s->v[i].pat);
    free(s->v);
    s->v = NULL;
    s->n = s->cap = 0;
}

static bool ruleset_add(struct ruleset *s, char *pat, size_t len, bool allow)
{
    if (s->n == s->cap) {
        size_t ncap = s->cap ? s->cap * 2 : 16;
        struct rule *nv = realloc(s->v, ncap * sizeof *nv);
        if (!nv)
            return false;
        s->v = nv;
        s->cap = ncap;
    }
    s->v[s->n].pat = pat;
    s->v[s->n].len = len;
    s->v[s->n].allow = allow;
    s->n++;
    return true;
}

static int hexval(unsigned char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* §2.2.2: octets outside US-ASCII are compared percent-encoded. We encode them in patterns and
 * upper-case the hex digits of existing escapes in both patterns and paths, so "/%e4" and
 * "/%E4" and a raw 0xE4 byte all compare equal. */
static char *norm_pattern(const char *s, size_t len, size_t *out_len)
{
    char *out = malloc(len * 3 + 1);
    if (!out)
        return NULL;
    static const char hex[] = "0123456789ABCDEF";
    size_t o = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80 || c <= 0x20) {
            out[o++] = '%';
            out[o++] = hex[c >> 4];
            out[o++] = hex[c & 15];
        } else if (c == '%' && i + 2 < len && hexval((unsigned char)s[i + 1]) >= 0 &&
                   hexval((unsigned char)s[i + 2]) >= 0) {
            out[o++] = '%';
            out[o++] = (char)toupper((unsigned char)s[i + 1]);
            out[o++] = (char)toupper((unsigned char)s[i + 2]);
            i += 2;
        } else {
            out[o++] = (char)c;
        }
    }
    out[o] = '\0';
    *out_len = o;
    return out;
}

static bool ieq_prefix(const char *s, size_t len, const char *word)
{
    size_t wl = strlen(word);
    if (len != wl)
        return false;
    for (size_t i = 0; i < wl; i++)
        if (tolower((unsigned char)s[i]) != word[i])
            return false;
    return true;
}

/* A user-agent line names a product token: letters, '_' and '-' (§2.2.1). We compare that leading
 * token of the value ("hugi/1.0" names "hugi"). */
static bool agent_matches(const char *v, size_t vlen, const char *agent)
{
    size_t tl = 0;
    while (tl < vlen && (isalpha((unsigned char)v[tl]) || v[tl] == '_' || v[tl] == '-'))
        tl++;
    if (tl == 0)
        return false;
    size_t al = strlen(agent);
    if (tl != al)
        return false;
    for (size_t i = 0; i < tl; i++)
        if (tolower((unsigned char)v[i]) != tolower((unsigned char)agent[i]))
            return false;
    return true;
}

static double parse_delay(const char *v, size_t len)
{
    double d = 0;
    size_t i = 0;
    bool any = false;
    while (i < len && v[i] >= '0' && v[i] <= '9') {
        d = d * 10 + (v[i] - '0');
        i++;
        any = true;
        if (d > 86400)
            return 86400;
    }
    if (i < len && v[i] == '.') {
        double f = 0.1;
        for (i++; i < len && v[i] >= '0' && v[i] <= '9'; i++) {
            d += f * (v[i] - '0');
            f /= 10;
            any = true;
        }
    }
    return any ? d : -1;
}

struct hugi_robots *hugi_robots_new_all(bool allow)
{
    struct hugi_robots *r = calloc(1, sizeof *r);
    if (!r)
        return NULL;
    r->fixed = true;
    r->fixed_allow = allow;
    r->rules.delay = -1;
    return r;
}

struct hugi_robots *hugi_robots_parse(const char *txt, size_t len, const char *agent)
{
    struct hugi_robots *r = calloc(1, sizeof *r);
    if (!r)
        return NULL;
    struct ruleset star = {.delay = -1};
    r->rules.delay = -1;
    bool found_specific = false;
    bool in_agents = false; /* the previous record was a user-agent line */
    bool grp_specific = false, grp_star = false, grp_open = false;
    if (len > ROBOTS_MAX_LEN)
        len = ROBOTS_MAX_LEN;
    if (!txt)
        len = 0;
    size_t pos = 0;
    /* A UTF-8 BOM at the start is not part of the first key. */
    if (len >= 3 && !memcmp(txt, "\xEF\xBB\xBF", 3))
        pos = 3;
    while (pos < len) {
        size_t end = pos;
        while (end < len && txt[end] != '\n' && txt[end] != '\r')
            end++;
        const char *line = txt + pos;
        size_t ll = end - pos;
        pos = end + 1;
        const char *hash = memchr(line, '#', ll);
        if (hash)
            ll = (size_t)(hash - line);
        const char *colon = memchr(line, ':', ll);
        if (!colon)
            continue;
        size_t kl;
        const char *key = hugi_str_trim(line, (size_t)(colon - line), &kl);
        size_t vl;
        const char *val = hugi_str_trim(colon + 1, ll - (size_t)(colon + 1 - line), &vl);
        if (ieq_prefix(key, kl, "user-agent")) {
            if (!in_agents) {
                grp_specific = grp_star = false;
                grp_open = true;
            }
            in_agents = true;
            if (vl == 1 && val[0] == '*')
                grp_star = true;
            else if (agent && agent_matches(val, vl, agent)) {
                grp_specific = true;
                found_specific = true;
            }
            continue;
        }
        bool allow = ieq_prefix(key, kl, "allow");
        bool disallow = ieq_prefix(key, kl, "disallow");
        bool delay = ieq_prefix(key, kl, "crawl-delay");
        if (!allow && !disallow && !delay)
            continue; /* sitemap and unknown records neither end nor join a group */
        in_agents = false;
        if (!grp_open || (!grp_specific && !grp_star))
            continue;
        struct ruleset *dst = grp_specific ? &r->rules : &star;
        if (delay) {
            double d = parse_delay(val, vl);
            if (d >= 0)
                dst->delay = d;
            continue;
        }
        if (vl == 0)
            continue; /* "Disallow:" with no path is no rule at all */
        size_t pl;
        char *pat = norm_pattern(val, vl, &pl);
        if (!pat || !ruleset_add(dst, pat, pl, allow)) {
            free(pat);
            ruleset_release(&star);
            hugi_robots_free(r);
            return NULL;
        }
    }
    if (!found_specific) {
        ruleset_release(&r->rules);
        r->rules = star;
    } else {
        ruleset_release(&star);
    }
    return r;
}

void hugi_robots_free(struct hugi_robots *r)
{
    if (!r)
        return;
    ruleset_release(&r->rules);
    free(r);
}

/* One path byte as compared: escapes upper-cased like patterns. Returns bytes consumed. */
static size_t path_octet(const char *p, size_t len, size_t i, char out[3], size_t *olen)
{
    unsigned char c = (unsigned char)p[i];
    if (c == '%' && i + 2 < len && hexval((unsigned char)p[i + 1]) >= 0 &&
        hexval((unsigned char)p[i + 2]) >= 0) {
        out[0] = '%';
        out[1] = (char)toupper((unsigned char)p[i + 1]);
        out[2] = (char)toupper((unsigned char)p[i + 2]);
        *olen = 3;
        return 3;
    }
    if (c >= 0x80 || c <= 0x20) {
        static const char hex[] = "0123456789ABCDEF";
        out[0] = '%';
        out[1] = hex[c >> 4];
        out[2] = hex[c & 15];
        *olen = 3;
        return 1;
    }
    out[0] = (char)c;
    *olen = 1;
    return 1;
}

/* Does pattern (with `*` and a final `$`) match a prefix of s (normalised path)? Iterative
 * wildcard matching with one backtrack point: O(len(s) * len(pat)) at worst, no recursion, so
 * a hostile robots.txt cannot blow the stack. */
static bool pattern_match(const char *pat, size_t pl, const char *s, size_t sl)
{
    bool anchored = pl > 0 && pat[pl - 1] == '$';
    if (anchored)
        pl--;
    size_t pi = 0, si = 0;
    size_t star_pi = (size_t)-1, star_si = 0;
    for (;;) {
        if (pi == pl) {
            if (!anchored || si == sl)
                return true;
        } else if (pat[pi] == '*') {
            star_pi = pi++;
            star_si = si;
            continue;
        } else if (si < sl && pat[pi] == s[si]) {
            pi++;
            si++;
            continue;
        }
        if (star_pi == (size_t)-1 || star_si >= sl)
            return false;
        pi = star_pi + 1;
        si = ++star_si;
    }
}

bool hugi_robots_allowed(const struct hugi_robots *r, const char *path, size_t len)
{
    if (!r)
        return true;
    if (len == 11 && !memcmp(path, "/robots.txt", 11))
        return true;
    if (r->fixed)
        return r->fixed_allow;
    if (r->rules.n == 0)
        return true;
    /* Normalise the path once, like the patterns. */
    char *norm = malloc(len * 3 + 2);
    if (!norm)
        return false; /* OOM: err on the side of not fetching */
    size_t nl = 0;
    for (size_t i = 0; i < len;) {
        size_t ol;
        i += path_octet(path, len, i, norm + nl, &ol);
        nl += ol;
    }
    if (nl == 0)
        norm[nl++] = '/';
    norm[nl] = '\0';
    long best = -1;
    bool best_allow = true;
    for (size_t i = 0; i < r->rules.n; i++) {
        const struct rule *ru = &r->rules.v[i];
        if ((long)ru->len < best || ((long)ru->len == best && best_allow))
            continue;
        if (!pattern_match(ru->pat, ru->len, norm, nl))
            continue;
        if ((long)ru->len > best || ru->allow) {
            best = (long)ru->len;
            best_allow = ru->allow;
        }
    }
    free(norm);
    return best_allow;
}

double hugi_robots_crawl_delay(const struct hugi_robots *r)
{
    return r ? r->rules.delay : -1;
}
