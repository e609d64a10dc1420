/* SPDX-License-Identifier: MIT
 * The webhook: after a scan with new urgent alerts, one JSON POST that Slack (and most chat
 * tools' "incoming webhooks") display as a message. The alert files are written before this
 * runs, so a failed POST loses nothing; the caller reports it. */
#include "internal.h"

#include <curl/curl.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

hugi_rc hugi_report_webhook_body(const struct hugi_alert *alerts, size_t n,
                                 enum hugi_alert_sev min_severity, bool mask, struct hugi_buf *out,
                                 size_t *n_sent)
{
    size_t count[4] = {0}, total = 0;
    for (size_t i = 0; i < n; i++)
        if (alerts[i].severity >= min_severity) {
            count[alerts[i].severity]++;
            total++;
        }
    *n_sent = total;
    struct hugi_buf text;
    hugi_buf_init(&text, 0);
    hugi_rc rc = hugi_buf_addf(&text, "hugi: %zu new alert%s", total, total == 1 ? "" : "s");
    const char *sep = " (";
    for (int s = HUGI_ALERT_SEV_CRITICAL; !rc && s >= HUGI_ALERT_SEV_LOW; s--) {
        if (!count[s])
            continue;
        rc = hugi_buf_addf(&text, "%s%zu %s", sep, count[s],
                           hugi_alert_sev_name((enum hugi_alert_sev)s));
        sep = ", ";
    }
    if (!rc && strcmp(sep, " ("))
        rc = hugi_buf_addc(&text, ')');
    /* the most urgent few in the message itself, so a phone notification says enough */
    size_t shown = 0;
    for (int s = HUGI_ALERT_SEV_CRITICAL; !rc && s >= (int)min_severity; s--)
        for (size_t i = 0; !rc && i < n && shown < 5; i++) {
            const struct hugi_alert *a = &alerts[i];
            if ((int)a->severity != s)
                continue;
            char due[21];
            hugi_time_format(a->due, due);
            rc = hugi_buf_addf(&text, "\n• [%s] %s %s — ", hugi_alert_sev_name(a->severity), a->id,
                               a->product_name ? a->product_name : (a->product ? a->product : ""));
            if (!rc)
                rc = hugi_report__text(&text, a->summary, mask);
            if (!rc)
                rc = hugi_buf_addf(&text, " (due %s)", due);
            shown++;
        }
    if (!rc)
        rc = hugi_buf_addstr(out, "{\"text\":");
    if (!rc)
        rc = hugi_json_str(out, text.data ? text.data : "", text.len);
    if (!rc)
        rc = hugi_buf_addstr(out, ",\"alerts\":[");
    bool first = true;
    for (size_t i = 0; !rc && i < n; i++) {
        if (alerts[i].severity < min_severity)
            continue;
        if (!first)
            rc = hugi_buf_addc(out, ',');
        first = false;
        if (!rc) {
            size_t at = out->len;
            rc = hugi_alert_to_json(&alerts[i], mask, out);
            /* drop the line's '\n' inside the array */
            if (!rc && out->len > at && out->data[out->len - 1] == '\n')
                out->data[--out->len] = '\0';
        }
    }
    if (!rc)
        rc = hugi_buf_addstr(out, "]}");
    hugi_buf_release(&text);
    return rc;
}

static size_t discard(char *p, size_t size, size_t n, void *ctx)
{
    (void)p;
    (void)ctx;
    return size * n;
}

static void sleep_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts))
        ;
}

hugi_rc hugi_report_webhook_post(const char *url, const char *body, size_t len, int retries,
                                 long backoff_ms, long timeout_ms, struct hugi_err *err)
{
    if (!url || (strncmp(url, "http://", 7) && strncmp(url, "https://", 8)))
        return hugi_err_set(err, HUGI_E_CONFIG, url, "webhook must be an http(s) URL");
    if (backoff_ms <= 0)
        backoff_ms = 500;
    if (timeout_ms <= 0)
        timeout_ms = 10000;
    CURL *c = curl_easy_init();
    if (!c)
        return hugi_err_set(err, HUGI_E_NOMEM, url, "cannot start libcurl");
    struct curl_slist *hdr = curl_slist_append(NULL, "Content-Type: application/json");
    char ua[64];
    snprintf(ua, sizeof ua, "hugi/%s", HUGI_VERSION);
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)len);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, hdr);
    curl_easy_setopt(c, CURLOPT_USERAGENT, ua);
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, timeout_ms);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, discard);
#if LIBCURL_VERSION_NUM >= 0x075500
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
#else
    curl_easy_setopt(c, CURLOPT_PROTOCOLS, (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
    hugi_rc rc = HUGI_OK;
    long wait = backoff_ms;
    for (int attempt = 0;; attempt++) {
        CURLcode cc = curl_easy_perform(c);
        long status = 0;
        curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
        bool retry;
        if (cc != CURLE_OK) {
            rc = hugi_err_set(err, HUGI_E_NET, url, "webhook failed: %s", curl_easy_strerror(cc));
            retry = true;
        } else if (status >= 200 && status < 300) {
            rc = HUGI_OK;
            hugi_err_clear(err);
            break;
        } else {
            rc = hugi_err_set(err, HUGI_E_HTTP, url, "webhook answered HTTP %ld", status);
            if (err)
                err->http_status = status;
            retry = status >= 500 || status == 429;
        }
        if (!retry || attempt >= retries)
            break;
        sleep_ms(wait);
        wait *= 2;
    }
    curl_slist_free_all(hdr);
    curl_easy_cleanup(c);
    return rc;
}
