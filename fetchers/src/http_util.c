/* SPDX-License-Identifier: MIT
 * Small pure helpers of the fetcher, kept apart so unit tests and fuzzers reach them without a
 * network: Retry-After parsing, backoff with jitter, setting a query parameter in a URL.
 */
#include <curl/curl.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "hugi/fetch.h"

bool hugi_fetch_retry_after_parse(const char *s, size_t len, int64_t now, double *secs)
{
    size_t l;
    s = hugi_str_trim(s, len, &l);
    if (l == 0)
        return false;
    bool digits = true;
    for (size_t i = 0; i < l; i++)
        if (s[i] < '0' || s[i] > '9')
            digits = false;
    if (digits) {
        /* delay-seconds (RFC 9110 §10.2.3); a huge value saturates rather than wraps */
        double v = 0;
        for (size_t i = 0; i < l && v < 1e12; i++)
            v = v * 10 + (s[i] - '0');
        *secs = v;
        return true;
    }
    /* An HTTP-date is at most 29 characters (IMF-fixdate) or 30 (RFC 850); anything much longer
     * is not one, and curl_getdate wants a NUL-terminated string. */
    char buf[64];
    if (l >= sizeof buf)
        return false;
    /* Only the three HTTP-date forms: they all start with a day name of letters. curl_getdate is
     * more liberal than RFC 9110, which is fine for dates but not for "1.5" or "-3". */
    if (!((s[0] >= 'A' && s[0] <= 'Z') || (s[0] >= 'a' && s[0] <= 'z')))
        return false;
    memcpy(buf, s, l);
    buf[l] = '\0';
    time_t t = curl_getdate(buf, NULL);
    if (t == (time_t)-1)
        return false;
    double d = (double)((int64_t)t - now);
    *secs = d > 0 ? d : 0;
    return true;
}

static uint64_t xorshift64(uint64_t *s)
{
    uint64_t x = *s ? *s : 0x9E3779B97F4A7C15ULL;
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    *s = x;
    return x;
}

double hugi_fetch_backoff(int attempt, double base, double cap, uint64_t *rng)
{
    if (attempt < 1)
        attempt = 1;
    if (base <= 0)
        base = 0.001;
    double d = base * ldexp(1.0, attempt > 60 ? 60 : attempt - 1);
    if (cap > 0 && d > cap)
        d = cap;
    /* "equal jitter": keep half, randomise half, so clients that failed together spread out
     * without any of them retrying immediately. */
    double u = (double)(xorshift64(rng) >> 11) / (double)(1ULL << 53);
    return d / 2 + u * (d / 2);
}

/* Is the query pair [p, p+len) for `key` (compared in its percent-encoded form)? */
static bool pair_has_key(const char *p, size_t len, const char *ekey, size_t eklen)
{
    const char *eq = memchr(p, '=', len);
    size_t kl = eq ? (size_t)(eq - p) : len;
    return kl == eklen && !memcmp(p, ekey, kl);
}

hugi_rc hugi_fetch_url_set_param(const char *url, const char *key, const char *value, char **out,
                                 struct hugi_err *err)
{
    *out = NULL;
    hugi_rc rc = HUGI_OK;
    CURLU *u = curl_url();
    char *query = NULL, *ekey = NULL, *full = NULL;
    struct hugi_buf nq, pair;
    hugi_buf_init(&nq, 0);
    hugi_buf_init(&pair, 0);
    if (!u)
        return hugi_err_set(err, HUGI_E_NOMEM, url, "out of memory");
    if (curl_url_set(u, CURLUPART_URL, url, CURLU_NON_SUPPORT_SCHEME) != CURLUE_OK) {
        rc = hugi_err_set(err, HUGI_E_PARSE, url, "not a valid URL");
        goto out;
    }
    ekey = curl_easy_escape(NULL, key, 0);
    if (!ekey) {
        rc = hugi_err_set(err, HUGI_E_NOMEM, url, "out of memory");
        goto out;
    }
    size_t eklen = strlen(ekey);
    if (curl_url_get(u, CURLUPART_QUERY, &query, 0) == CURLUE_OK && query) {
        const char *p = query;
        while (*p) {
            const char *amp = strchr(p, '&');
            size_t pl = amp ? (size_t)(amp - p) : strlen(p);
            if (pl && !pair_has_key(p, pl, ekey, eklen)) {
                if ((nq.len && hugi_buf_addc(&nq, '&')) || hugi_buf_add(&nq, p, pl)) {
                    rc = hugi_err_set(err, HUGI_E_NOMEM, url, "out of memory");
                    goto out;
                }
            }
            p += pl;
            if (*p == '&')
                p++;
        }
    }
    if (curl_url_set(u, CURLUPART_QUERY, nq.len ? nq.data : NULL, 0) != CURLUE_OK) {
        rc = hugi_err_set(err, HUGI_E_PARSE, url, "cannot rebuild the query");
        goto out;
    }
    /* CURLU_URLENCODE with APPENDQUERY encodes the pair but keeps its first '='. */
    if (hugi_buf_addstr(&pair, key) || hugi_buf_addc(&pair, '=') ||
        hugi_buf_addstr(&pair, value ? value : "")) {
        rc = hugi_err_set(err, HUGI_E_NOMEM, url, "out of memory");
        goto out;
    }
    if (curl_url_set(u, CURLUPART_QUERY, pair.data, CURLU_APPENDQUERY | CURLU_URLENCODE) !=
        CURLUE_OK) {
        rc = hugi_err_set(err, HUGI_E_PARSE, url, "cannot set query parameter '%s'", key);
        goto out;
    }
    if (curl_url_get(u, CURLUPART_URL, &full, CURLU_NON_SUPPORT_SCHEME) != CURLUE_OK) {
        rc = hugi_err_set(err, HUGI_E_PARSE, url, "cannot rebuild the URL");
        goto out;
    }
    *out = hugi_strdup(full);
    if (!*out)
        rc = hugi_err_set(err, HUGI_E_NOMEM, url, "out of memory");
out:
    curl_free(full);
    curl_free(query);
    curl_free(ekey);
    curl_url_cleanup(u);
    hugi_buf_release(&nq);
    hugi_buf_release(&pair);
    return rc;
}
