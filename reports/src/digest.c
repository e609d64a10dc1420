/* SPDX-License-Identifier: MIT
 * The digest: what the helpdesk reads in the morning. One self-contained HTML page (inline CSS
 * and SVG, no scripts, no external assets, fonts that render Korean on every desktop) and the
 * same content as Markdown. Review text is customer input: every byte of it goes through the
 * escaper of the output format (and the PII mask) — a review reading "<script>" shows as text.
 */
#include "internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DAY      86400
#define MAX_DAYS 92

struct catstat {
    const char *name;
    long cur, prev;
};

struct pstat {
    const char *id, *name;
    long n, nneg, nmixed, rated;
    long stars[6];
    double rating_sum;
    long day_total[MAX_DAYS], day_neg[MAX_DAYS];
    struct catstat *cats;
    size_t ncats;
    long open[4], overdue, acked;
    double resp_sum;
};

struct ctx {
    const struct hugi_digest_input *in;
    bool mask;
    int64_t day0; /* midnight of the first day, in the display zone */
    int64_t tz;   /* the display zone's offset: [alerts] timezone, else 0 (UTC days) */
    int ndays;
    struct pstat *p;
    size_t np;
    struct pstat all;
};

/* The start of t's day in a zone tz seconds east of UTC: a helpdesk in Seoul counts a review of
 * 08:00 KST on that day, not on the UTC day before. */
static int64_t midnight(int64_t t, int64_t tz)
{
    int64_t l = t + tz;
    int64_t d = l / DAY;
    if (l < 0 && l % DAY)
        d--;
    return d * DAY - tz;
}

static struct pstat *product(struct ctx *c, const char *id, const char *name)
{
    for (size_t i = 0; i < c->np; i++)
        if (hugi_str_eq(c->p[i].id, id))
            return &c->p[i];
    struct pstat *v = realloc(c->p, (c->np + 1) * sizeof *v);
    if (!v)
        return NULL;
    c->p = v;
    memset(&v[c->np], 0, sizeof v[0]);
    v[c->np].id = id;
    v[c->np].name = name;
    return &v[c->np++];
}

static hugi_rc count_cat(struct pstat *p, const char *name, bool cur)
{
    for (size_t i = 0; i < p->ncats; i++)
        if (!strcmp(p->cats[i].name, name)) {
            if (cur)
                p->cats[i].cur++;
            else
                p->cats[i].prev++;
            return HUGI_OK;
        }
    struct catstat *v = realloc(p->cats, (p->ncats + 1) * sizeof *v);
    if (!v)
        return HUGI_E_NOMEM;
    p->cats = v;
    v[p->ncats].name = name;
    v[p->ncats].cur = cur;
    v[p->ncats].prev = !cur;
    p->ncats++;
    return HUGI_OK;
}

static hugi_rc add_item(struct ctx *c, struct pstat *p, const struct hugi_digest_item *it)
{
    const struct hugi_review *r = it->review;
    int64_t now = c->in->now;
    /* unscored (imported, not scanned yet): the stars decide, as the rating fusion would */
    bool neg = it->verdict ? !strcmp(it->verdict, "neg") : (!isnan(r->rating) && r->rating <= 2);
    bool mixed = it->verdict && !strcmp(it->verdict, "mixed");
    int64_t t = r->date != HUGI_NO_TIME ? r->date : r->fetched_at;
    /* categories: this week against the week before, whatever the period shown */
    if ((neg || mixed) && t != HUGI_NO_TIME && t <= now && t > now - 14 * DAY) {
        bool cur = t > now - 7 * DAY;
        for (size_t k = 0; k < it->ncategories; k++) {
            hugi_rc rc = count_cat(p, it->categories[k], cur);
            if (rc)
                return rc;
        }
    }
    if (t != HUGI_NO_TIME && (t < c->day0 || t >= c->day0 + (int64_t)c->ndays * DAY))
        return HUGI_OK;
    p->n++;
    p->nneg += neg;
    p->nmixed += mixed;
    if (!isnan(r->rating)) {
        p->rated++;
        p->rating_sum += r->rating;
        int s = (int)lround(r->rating);
        if (s < 1)
            s = 1;
        if (s > 5)
            s = 5;
        p->stars[s]++;
    }
    if (t != HUGI_NO_TIME) {
        int d = (int)((t - c->day0) / DAY);
        p->day_total[d]++;
        p->day_neg[d] += neg;
    }
    return HUGI_OK;
}

static void add_alert(struct ctx *c, struct pstat *p, const struct hugi_alert *a)
{
    bool open = !a->status || !strcmp(a->status, "open");
    if (open) {
        p->open[a->severity]++;
        if (a->due != HUGI_NO_TIME && a->due < c->in->now)
            p->overdue++;
    } else if (a->acked_at != HUGI_NO_TIME && a->created != HUGI_NO_TIME) {
        p->acked++;
        p->resp_sum += (double)(a->acked_at - a->created);
    }
}

static void merge_all(struct ctx *c)
{
    struct pstat *g = &c->all;
    for (size_t i = 0; i < c->np; i++) {
        struct pstat *p = &c->p[i];
        g->n += p->n;
        g->nneg += p->nneg;
        g->nmixed += p->nmixed;
        g->rated += p->rated;
        g->rating_sum += p->rating_sum;
        for (int s = 0; s < 6; s++)
            g->stars[s] += p->stars[s];
        for (int d = 0; d < c->ndays; d++) {
            g->day_total[d] += p->day_total[d];
            g->day_neg[d] += p->day_neg[d];
        }
        for (int s = 0; s < 4; s++)
            g->open[s] += p->open[s];
        g->overdue += p->overdue;
        g->acked += p->acked;
        g->resp_sum += p->resp_sum;
    }
}

static int64_t first_day(int64_t now, int64_t since, int64_t tz)
{
    int64_t end = midnight(now, tz) + DAY;
    int64_t start = since != HUGI_NO_TIME ? midnight(since, tz) : end - 14 * DAY;
    if (start >= end)
        start = end - DAY;
    if ((end - start) / DAY > MAX_DAYS)
        start = end - MAX_DAYS * DAY;
    return start;
}

int64_t hugi_report_digest_first_day(int64_t now, int64_t since)
{
    return first_day(now, since, 0);
}

static hugi_rc collect(struct ctx *c)
{
    const struct hugi_digest_input *in = c->in;
    c->tz = in->opts && in->opts->zoned ? in->opts->tz : 0;
    int64_t end = midnight(in->now, c->tz) + DAY;
    int64_t start = first_day(in->now, in->since, c->tz);
    c->day0 = start;
    c->ndays = (int)((end - start) / DAY);
    for (size_t i = 0; i < in->nproducts; i++)
        if (!product(c, in->products[i].id, in->products[i].name))
            return HUGI_E_NOMEM;
    for (size_t i = 0; i < in->nitems; i++) {
        struct pstat *p = product(c, in->items[i].review->product, NULL);
        if (!p)
            return HUGI_E_NOMEM;
        hugi_rc rc = add_item(c, p, &in->items[i]);
        if (rc)
            return rc;
    }
    for (size_t i = 0; i < in->nalerts; i++) {
        struct pstat *p = product(c, in->alerts[i].product, in->alerts[i].product_name);
        if (!p)
            return HUGI_E_NOMEM;
        if (!p->name)
            p->name = in->alerts[i].product_name;
        add_alert(c, p, &in->alerts[i]);
    }
    merge_all(c);
    return HUGI_OK;
}

/* ---- numbers people read ------------------------------------------------------------------- */

static double neg_rate(const struct pstat *p)
{
    return p->n ? 100.0 * (double)p->nneg / (double)p->n : 0.0;
}

/* NPS-style proxy from stars: 5★ promoters, 1–3★ detractors, 4★ passive. */
static double nps(const struct pstat *p)
{
    if (!p->rated)
        return NAN;
    return 100.0 * (double)(p->stars[5] - p->stars[1] - p->stars[2] - p->stars[3]) /
           (double)p->rated;
}

static void fmt_duration(double s, char out[32])
{
    if (s < 3600)
        snprintf(out, 32, "%.0f min", s / 60);
    else if (s < 2 * DAY)
        snprintf(out, 32, "%.1f h", s / 3600);
    else
        snprintf(out, 32, "%.1f d", s / DAY);
}

static long total_open(const struct pstat *p)
{
    return p->open[0] + p->open[1] + p->open[2] + p->open[3];
}

/* ---- escaping ------------------------------------------------------------------------------ */

static hugi_rc html_text(struct ctx *c, struct hugi_buf *out, const char *s)
{
    if (!s)
        return HUGI_OK;
    struct hugi_buf m;
    hugi_buf_init(&m, 0);
    hugi_rc rc = hugi_report__text(&m, s, c->mask);
    if (!rc)
        rc = hugi_report_html_escape(out, m.data ? m.data : "", m.len);
    hugi_buf_release(&m);
    return rc;
}

/* Markdown: one line, specials backslash-escaped, raw HTML turned into entities. */
static hugi_rc md_text(struct ctx *c, struct hugi_buf *out, const char *s)
{
    if (!s)
        return HUGI_OK;
    struct hugi_buf m, fixed;
    hugi_buf_init(&m, 0);
    hugi_buf_init(&fixed, 0);
    hugi_rc rc = hugi_report__text(&m, s, c->mask);
    if (!rc)
        rc = hugi_utf8_repair(m.data ? m.data : "", m.len, &fixed, NULL);
    for (size_t i = 0; !rc && i < fixed.len; i++) {
        char ch = fixed.data[i];
        switch (ch) {
        case '\n':
        case '\r':
        case '\t':
            rc = hugi_buf_addc(out, ' ');
            break;
        case '<':
            rc = hugi_buf_addstr(out, "&lt;");
            break;
        case '>':
            rc = hugi_buf_addstr(out, "&gt;");
            break;
        case '&':
            rc = hugi_buf_addstr(out, "&amp;");
            break;
        case '\\':
        case '`':
        case '*':
        case '_':
        case '[':
        case ']':
        case '|':
        case '#':
        case '!':
        case '~':
            if (!(rc = hugi_buf_addc(out, '\\')))
                rc = hugi_buf_addc(out, ch);
            break;
        default:
            rc = hugi_buf_addc(out, ch);
        }
    }
    hugi_buf_release(&m);
    hugi_buf_release(&fixed);
    return rc;
}

static const char *pname(const struct pstat *p)
{
    return p->name ? p->name : (p->id ? p->id : "(no product)");
}

/* Alerts in the order a person should work through them: severity, then due time. */
static int alert_order(const void *a, const void *b)
{
    const struct hugi_alert *x = *(const struct hugi_alert *const *)a;
    const struct hugi_alert *y = *(const struct hugi_alert *const *)b;
    if (x->severity != y->severity)
        return x->severity > y->severity ? -1 : 1;
    if (x->due != y->due)
        return x->due < y->due ? -1 : 1;
    return strcmp(x->id ? x->id : "", y->id ? y->id : "");
}

/* The open alerts of one product (NULL = all), sorted; caller frees. */
enum which { ONLY_REVIEWS, ONLY_GROUPS, ALL };
static const struct hugi_alert **open_alerts(struct ctx *c, const struct pstat *p, enum which w,
                                             size_t *n)
{
    const struct hugi_digest_input *in = c->in;
    const struct hugi_alert **v = calloc(in->nalerts + 1, sizeof *v);
    *n = 0;
    if (!v)
        return NULL;
    for (size_t i = 0; i < in->nalerts; i++) {
        const struct hugi_alert *a = &in->alerts[i];
        bool open = !a->status || !strcmp(a->status, "open");
        bool is_group = a->kind == HUGI_ALERT_RECURRING || a->kind == HUGI_ALERT_SPIKE ||
                        a->kind == HUGI_ALERT_EMERGING;
        if (!open || (w == ONLY_GROUPS && !is_group) || (w == ONLY_REVIEWS && is_group) ||
            (p && !hugi_str_eq(a->product, p->id)))
            continue;
        v[(*n)++] = a;
    }
    qsort(v, *n, sizeof *v, alert_order);
    return v;
}

static int cat_order(const void *a, const void *b)
{
    const struct catstat *x = a, *y = b;
    if (x->cur != y->cur)
        return x->cur > y->cur ? -1 : 1;
    if (x->prev != y->prev)
        return x->prev > y->prev ? -1 : 1;
    return strcmp(x->name, y->name);
}

/* ---- Markdown ------------------------------------------------------------------------------ */

static bool is_review(const struct hugi_alert *a)
{
    return a->kind == HUGI_ALERT_REVIEW || a->kind == HUGI_ALERT_EDITED;
}

static hugi_rc md_alert(struct ctx *c, struct hugi_buf *o, const struct hugi_alert *a)
{
    char due[28] = "";
    hugi_report_due_text(c->in->opts, a->due, due);
    hugi_rc rc = hugi_buf_addf(o, "- **%s** `%s` %s, due %s — ", hugi_alert_sev_name(a->severity),
                               a->id, hugi_alert_kind_name(a->kind), due);
    if (!rc && is_review(a)) {
        for (size_t k = 0; !rc && k < a->ncategories; k++) {
            if (k)
                rc = hugi_buf_addstr(o, ", ");
            if (!rc)
                rc = md_text(c, o, a->categories[k]);
        }
        if (!rc && !a->ncategories)
            rc = hugi_buf_addstr(o, "no category");
        if (!rc && !isnan(a->review.rating))
            rc = hugi_buf_addf(o, " · %.0f★", a->review.rating);
    } else if (!rc) {
        rc = md_text(c, o, a->summary);
    }
    if (!rc && a->review.text && *a->review.text) {
        rc = hugi_buf_addstr(o, "\n  > ");
        if (!rc && a->review.author) {
            rc = md_text(c, o, a->review.author);
            if (!rc)
                rc = hugi_buf_addstr(o, ": ");
        }
        if (!rc)
            rc = md_text(c, o, a->review.text);
    }
    if (!rc && a->reply) {
        rc = hugi_buf_addstr(o, !is_review(a) ? "\n  - drafted notice: " : "\n  - drafted reply: ");
        if (!rc)
            rc = md_text(c, o, a->reply);
    }
    if (!rc && a->note) {
        rc = hugi_buf_addstr(o, "\n  - internal note: ");
        if (!rc)
            rc = md_text(c, o, a->note);
    }
    if (!rc && a->channel) {
        rc = hugi_buf_addstr(o, "\n  - channel: ");
        if (!rc)
            rc = md_text(c, o, a->channel);
    }
    return rc ? rc : hugi_buf_addc(o, '\n');
}

static hugi_rc md_summary(struct hugi_buf *o, const struct pstat *p)
{
    char resp[32] = "-";
    if (p->acked)
        fmt_duration(p->resp_sum / (double)p->acked, resp);
    double np = nps(p);
    char npss[16] = "-";
    if (!isnan(np))
        snprintf(npss, sizeof npss, "%+.0f", np);
    char avg[16] = "-";
    if (p->rated)
        snprintf(avg, sizeof avg, "%.2f", p->rating_sum / (double)p->rated);
    return hugi_buf_addf(
        o,
        "| reviews | negative | mixed | avg ★ | NPS proxy | open alerts "
        "(crit/high/med/low) | overdue | avg response |\n"
        "|---:|---:|---:|---:|---:|---|---:|---:|\n"
        "| %ld | %ld (%.1f%%) | %ld | %s | %s | %ld (%ld/%ld/%ld/%ld) | %ld | %s |\n",
        p->n, p->nneg, neg_rate(p), p->nmixed, avg, npss, total_open(p), p->open[3], p->open[2],
        p->open[1], p->open[0], p->overdue, resp);
}

static hugi_rc render_md(struct ctx *c, struct hugi_buf *o)
{
    const struct hugi_digest_input *in = c->in;
    char now[21], from[21], to[21];
    hugi_time_format(in->now, now);
    hugi_time_format(c->day0 + c->tz, from);
    hugi_time_format(c->day0 + (int64_t)(c->ndays - 1) * DAY + c->tz, to);
    hugi_rc rc = hugi_buf_addstr(o, "# ");
    if (!rc)
        rc = md_text(c, o, in->title ? in->title : "hugi digest");
    /* in [alerts] timezone when set, as the due times below are */
    char gen[28];
    if (in->opts && in->opts->zoned)
        hugi_report_due_text(in->opts, in->now, gen);
    else
        snprintf(gen, sizeof gen, "%s", now);
    if (!rc)
        rc = hugi_buf_addf(o, "\n\nGenerated %s · period %.10s – %.10s\n\n## Summary\n\n", gen,
                           from, to);
    if (!rc)
        rc = md_summary(o, &c->all);
    size_t n;
    const struct hugi_alert **v = open_alerts(c, NULL, ALL, &n);
    if (!v)
        rc = HUGI_E_NOMEM;
    if (!rc)
        rc = hugi_buf_addf(o, "\n## Needs an answer (%zu open, most urgent first)\n\n", n);
    for (size_t i = 0; !rc && i < n && i < 20; i++)
        rc = md_alert(c, o, v[i]);
    if (!rc && n > 20)
        rc = hugi_buf_addf(o, "- … and %zu more in open-alerts.csv\n", n - 20);
    if (!rc && n == 0)
        rc = hugi_buf_addstr(o, "Nothing open.\n");
    free(v);
    for (size_t i = 0; !rc && i < c->np; i++) {
        struct pstat *p = &c->p[i];
        rc = hugi_buf_addstr(o, "\n## ");
        if (!rc)
            rc = md_text(c, o, pname(p));
        if (!rc && p->name && p->id) {
            rc = hugi_buf_addstr(o, " (");
            if (!rc)
                rc = md_text(c, o, p->id);
            if (!rc)
                rc = hugi_buf_addc(o, ')');
        }
        if (!rc)
            rc = hugi_buf_addstr(o, "\n\n");
        if (!rc)
            rc = md_summary(o, p);
        if (!rc)
            rc = hugi_buf_addstr(o, "\n### Negative reviews by day\n\n| day | reviews | negative "
                                    "| rate |\n|---|---:|---:|---:|\n");
        for (int d = 0; !rc && d < c->ndays; d++) {
            if (!p->day_total[d])
                continue;
            char day[21];
            hugi_time_format(c->day0 + (int64_t)d * DAY + c->tz, day);
            rc = hugi_buf_addf(o, "| %.10s | %ld | %ld | %.0f%% |\n", day, p->day_total[d],
                               p->day_neg[d],
                               100.0 * (double)p->day_neg[d] / (double)p->day_total[d]);
        }
        if (!rc)
            rc = hugi_buf_addstr(o, "\n### Ratings\n\n| stars | reviews |\n|---|---:|\n");
        for (int s = 5; !rc && s >= 1; s--)
            rc = hugi_buf_addf(o, "| %d★ | %ld |\n", s, p->stars[s]);
        if (!rc && p->ncats) {
            qsort(p->cats, p->ncats, sizeof *p->cats, cat_order);
            rc = hugi_buf_addstr(o,
                                 "\n### Complaint categories (negative reviews)\n\n| category "
                                 "| last 7 days | 7 days before | trend |\n|---|---:|---:|---|\n");
            for (size_t k = 0; !rc && k < p->ncats; k++) {
                const struct catstat *cs = &p->cats[k];
                rc = hugi_buf_addstr(o, "| ");
                if (!rc)
                    rc = md_text(c, o, cs->name);
                if (!rc)
                    rc = hugi_buf_addf(o, " | %ld | %ld | %s |\n", cs->cur, cs->prev,
                                       cs->cur > cs->prev   ? "rising"
                                       : cs->cur < cs->prev ? "falling"
                                                            : "steady");
            }
        }
        size_t pg;
        const struct hugi_alert **gg = open_alerts(c, p, ONLY_GROUPS, &pg);
        if (!gg)
            rc = HUGI_E_NOMEM;
        if (!rc && pg)
            rc = hugi_buf_addstr(o, "\n### Recurring, spiking and emerging complaints\n\n");
        for (size_t k = 0; !rc && k < pg; k++)
            rc = md_alert(c, o, gg[k]);
        free(gg);
    }
    return rc;
}

/* ---- HTML ---------------------------------------------------------------------------------- */

static const char css[] =
    ":root{--ink:#1d2433;--muted:#5f6b7a;--line:#e3e7ee;--bg:#f5f7fa;--card:#fff;"
    "--crit:#b42318;--high:#d9480f;--med:#b7791f;--low:#4a6fa5;--neg:#d64545;--bar:#c9d3e1;"
    "--accent:#2f6fdf}"
    "*{box-sizing:border-box}"
    "body{margin:0;background:var(--bg);color:var(--ink);font:14px/1.55 system-ui,"
    "-apple-system,\"Segoe UI\",\"Noto Sans CJK KR\",\"Noto Sans KR\",\"Malgun Gothic\","
    "\"Apple SD Gothic Neo\",\"Nanum Gothic\",sans-serif;word-break:keep-all;"
    "overflow-wrap:anywhere}"
    "header{background:#1f2a44;color:#fff;padding:22px 32px}"
    "header h1{margin:0;font-size:22px;font-weight:650}"
    "header p{margin:4px 0 0;color:#c8d1e3;font-size:13px}"
    "main{max-width:1080px;margin:0 auto;padding:20px 32px 48px}"
    "h2{font-size:18px;margin:28px 0 12px}h3{font-size:15px;margin:20px 0 8px;color:#33405a}"
    ".cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:12px}"
    ".card{background:var(--card);border:1px solid var(--line);border-radius:10px;"
    "padding:12px 14px}"
    ".card .k{font-size:12px;color:var(--muted)}.card .v{font-size:22px;font-weight:650}"
    ".card .s{font-size:12px;color:var(--muted)}"
    "section.product{background:var(--card);border:1px solid var(--line);border-radius:12px;"
    "padding:18px 22px;margin-top:22px}"
    ".grid2{display:grid;grid-template-columns:3fr 2fr;gap:18px}"
    "@media(max-width:800px){.grid2{grid-template-columns:1fr}}"
    "table{border-collapse:collapse;width:100%;font-size:13px}"
    "th,td{text-align:left;padding:6px 8px;border-bottom:1px solid var(--line);"
    "vertical-align:top}th{color:var(--muted);font-weight:600;font-size:12px}"
    "td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}"
    ".sev{display:inline-block;padding:1px 8px;border-radius:999px;color:#fff;font-size:11px;"
    "font-weight:650;text-transform:uppercase;letter-spacing:.03em}"
    ".sev.critical{background:var(--crit)}.sev.high{background:var(--high)}"
    ".sev.medium{background:var(--med)}.sev.low{background:var(--low)}"
    ".alert{border:1px solid var(--line);border-left:4px solid var(--low);border-radius:8px;"
    "padding:10px 14px;margin:10px 0;background:#fff}"
    ".alert.critical{border-left-color:var(--crit)}.alert.high{border-left-color:var(--high)}"
    ".alert.medium{border-left-color:var(--med)}"
    ".alert .meta{font-size:12px;color:var(--muted)}"
    ".alert .id{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px}"
    "blockquote{margin:8px 0;padding:6px 12px;background:#f7f8fb;border-left:3px solid #ccd3df;"
    "white-space:pre-wrap}"
    ".reply{margin:6px 0 0;padding:8px 12px;background:#eef5ee;border-radius:6px;"
    "white-space:pre-wrap}"
    ".note{margin:6px 0 0;padding:8px 12px;background:#fff4e5;border-radius:6px;"
    "white-space:pre-wrap}"
    ".lbl{font-size:11px;font-weight:650;color:var(--muted);text-transform:uppercase}"
    ".trend.up{color:var(--neg)}.trend.down{color:#2e7d32}"
    ".minibar{height:8px;background:var(--neg);border-radius:4px;opacity:.75}"
    "footer{color:var(--muted);font-size:12px;margin-top:30px}"
    "svg text{font-family:inherit}";

static hugi_rc sev_badge(struct hugi_buf *o, enum hugi_alert_sev s)
{
    return hugi_buf_addf(o, "<span class=\"sev %s\">%s</span>", hugi_alert_sev_name(s),
                         hugi_alert_sev_name(s));
}

static hugi_rc html_alert(struct ctx *c, struct hugi_buf *o, const struct hugi_alert *a)
{
    char due[28] = "";
    hugi_report_due_text(c->in->opts, a->due, due);
    /* the UTC form is cut to minutes; the zoned one already reads "2026-01-15 19:00 KST" */
    bool zoned = c->in->opts && c->in->opts->zoned;
    bool overdue = a->due != HUGI_NO_TIME && a->due < c->in->now;
    hugi_rc rc = hugi_buf_addf(o, "<div class=\"alert %s\">", hugi_alert_sev_name(a->severity));
    if (!rc)
        rc = sev_badge(o, a->severity);
    if (!rc)
        rc = hugi_buf_addf(o, " <b>%s</b> <span class=\"id\">%s</span> <span class=\"meta\">",
                           hugi_alert_kind_name(a->kind), a->id ? a->id : "");
    if (!rc)
        rc = html_text(c, o, a->product_name ? a->product_name : a->product);
    if (!rc && a->source) {
        rc = hugi_buf_addstr(o, " · ");
        if (!rc)
            rc = html_text(c, o, a->source);
    }
    if (!rc)
        rc = hugi_buf_addf(o, " · due %.10s %.*s%s</span><div>", due, zoned ? 27 : 5, due + 11,
                           overdue ? " <b style=\"color:var(--crit)\">overdue</b>" : "");
    if (!rc && is_review(a)) {
        /* the text follows in full: the headline only says what it is about */
        for (size_t k = 0; !rc && k < a->ncategories; k++) {
            if (k)
                rc = hugi_buf_addstr(o, ", ");
            if (!rc)
                rc = html_text(c, o, a->categories[k]);
        }
        if (!rc && !a->ncategories)
            rc = hugi_buf_addstr(o, "no category");
        if (!rc && !isnan(a->score))
            rc = hugi_buf_addf(o, " · score %.2f", a->score);
        if (!rc && a->verdict)
            rc = hugi_buf_addf(o, " · %s", strcmp(a->verdict, "mixed") ? "negative" : "mixed");
    } else if (!rc) {
        rc = html_text(c, o, a->summary);
    }
    if (!rc)
        rc = hugi_buf_addstr(o, "</div>");
    if (!rc && a->review.text && *a->review.text) {
        rc = hugi_buf_addstr(o, "<blockquote>");
        if (!rc && a->review.author) {
            rc = hugi_buf_addstr(o, "<b>");
            if (!rc)
                rc = html_text(c, o, a->review.author);
            if (!rc)
                rc = hugi_buf_addstr(o, "</b>");
            if (!rc && !isnan(a->review.rating))
                rc = hugi_buf_addf(o, " %.0f★", a->review.rating);
            if (!rc)
                rc = hugi_buf_addstr(o, " — ");
        }
        if (!rc)
            rc = html_text(c, o, a->review.text);
        if (!rc)
            rc = hugi_buf_addstr(o, "</blockquote>");
    }
    if (!rc && a->reply) {
        rc = hugi_buf_addstr(o, !is_review(a) ? "<div class=\"lbl\">drafted notice"
                                              : "<div class=\"lbl\">drafted reply");
        if (!rc && a->channel) {
            rc = hugi_buf_addstr(o, " · ");
            if (!rc)
                rc = html_text(c, o, a->channel);
        }
        if (!rc)
            rc = hugi_buf_addstr(o, "</div><div class=\"reply\">");
        if (!rc)
            rc = html_text(c, o, a->reply);
        if (!rc)
            rc = hugi_buf_addstr(o, "</div>");
    }
    if (!rc && a->note) {
        rc = hugi_buf_addstr(o, "<div class=\"lbl\">internal note</div><div class=\"note\">");
        if (!rc)
            rc = html_text(c, o, a->note);
        if (!rc)
            rc = hugi_buf_addstr(o, "</div>");
    }
    return rc ? rc : hugi_buf_addstr(o, "</div>\n");
}

static hugi_rc card(struct hugi_buf *o, const char *k, const char *v, const char *s)
{
    return hugi_buf_addf(o,
                         "<div class=\"card\"><div class=\"k\">%s</div><div class=\"v\">%s</div>"
                         "<div class=\"s\">%s</div></div>",
                         k, v, s);
}

static hugi_rc cards(struct hugi_buf *o, const struct pstat *p)
{
    char v[64], s[96];
    snprintf(v, sizeof v, "%ld", p->n);
    snprintf(s, sizeof s, "%ld rated", p->rated);
    hugi_rc rc = card(o, "Reviews", v, s);
    snprintf(v, sizeof v, "%.1f%%", neg_rate(p));
    snprintf(s, sizeof s, "%ld negative · %ld mixed", p->nneg, p->nmixed);
    if (!rc)
        rc = card(o, "Negative rate", v, s);
    double np = nps(p);
    if (p->rated)
        snprintf(v, sizeof v, "%.2f★", p->rating_sum / (double)p->rated);
    else
        snprintf(v, sizeof v, "–");
    if (isnan(np))
        snprintf(s, sizeof s, "NPS proxy –");
    else
        snprintf(s, sizeof s, "NPS proxy %+.0f", np);
    if (!rc)
        rc = card(o, "Average rating", v, s);
    snprintf(v, sizeof v, "%ld", total_open(p));
    snprintf(s, sizeof s, "%ld critical · %ld high · %ld overdue", p->open[3], p->open[2],
             p->overdue);
    if (!rc)
        rc = card(o, "Open alerts", v, s);
    if (p->acked)
        fmt_duration(p->resp_sum / (double)p->acked, v);
    else
        snprintf(v, sizeof v, "–");
    snprintf(s, sizeof s, "%ld answered", p->acked);
    if (!rc)
        rc = card(o, "Avg response", v, s);
    return rc;
}

/* Bars: reviews per day (grey) with the negative ones (red); line: negative rate (right axis). */
static hugi_rc svg_days(struct ctx *c, struct hugi_buf *o, const struct pstat *p)
{
    const double W = 600, H = 210, L = 34, R = 40, T = 14, B = 30;
    double pw = W - L - R, ph = H - T - B;
    long max = 1;
    for (int d = 0; d < c->ndays; d++)
        if (p->day_total[d] > max)
            max = p->day_total[d];
    /* an even top keeps the middle grid line on a whole number */
    if (max % 2)
        max++;
    hugi_rc rc = hugi_buf_addf(o,
                               "<svg viewBox=\"0 0 %.0f %.0f\" width=\"100%%\" role=\"img\" "
                               "aria-label=\"negative reviews by day\" "
                               ">",
                               W, H);
    for (int k = 0; !rc && k <= 2; k++) {
        double y = T + ph - ph * k / 2.0;
        rc = hugi_buf_addf(
            o,
            "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" "
            "stroke=\"#e3e7ee\"/><text x=\"%.1f\" y=\"%.1f\" font-size=\"10\" "
            "text-anchor=\"end\" fill=\"#5f6b7a\">%ld</text>"
            "<text x=\"%.1f\" y=\"%.1f\" font-size=\"10\" fill=\"#2f6fdf\">%d%%</text>",
            L, L + pw, y, y, L - 4, y + 3, max * k / 2, L + pw + 4, y + 3, k * 50);
    }
    double bw = pw / c->ndays;
    struct hugi_buf line;
    hugi_buf_init(&line, 0);
    int every = c->ndays > 21 ? 7 : (c->ndays > 10 ? 2 : 1);
    for (int d = 0; !rc && d < c->ndays; d++) {
        double x = L + d * bw;
        double ht = ph * (double)p->day_total[d] / (double)max;
        double hn = ph * (double)p->day_neg[d] / (double)max;
        char day[21];
        hugi_time_format(c->day0 + (int64_t)d * DAY + c->tz, day);
        rc = hugi_buf_addf(
            o,
            "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" rx=\"2\" "
            "fill=\"#c9d3e1\"><title>%.10s: %ld reviews, %ld negative</title></rect>",
            x + bw * 0.15, T + ph - ht, bw * 0.7, ht, day, p->day_total[d], p->day_neg[d]);
        if (!rc && hn > 0)
            rc = hugi_buf_addf(o,
                               "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
                               "rx=\"2\" fill=\"#d64545\"/>",
                               x + bw * 0.15, T + ph - hn, bw * 0.7, hn);
        if (!rc && (d % every == 0 || d == c->ndays - 1) &&
            (d == c->ndays - 1 || c->ndays - 1 - d >= every / 2 + 1 || every == 1))
            rc =
                hugi_buf_addf(o,
                              "<text x=\"%.1f\" y=\"%.1f\" font-size=\"10\" text-anchor=\"middle\" "
                              "fill=\"#5f6b7a\">%.5s</text>",
                              x + bw / 2, H - B + 14, day + 5);
        if (!rc && p->day_total[d]) {
            double rate = (double)p->day_neg[d] / (double)p->day_total[d];
            rc = hugi_buf_addf(&line, "%s%.1f,%.1f", line.len ? " " : "", x + bw / 2,
                               T + ph - ph * rate);
        }
    }
    if (!rc && line.len) {
        rc = hugi_buf_addf(o,
                           "<polyline points=\"%s\" fill=\"none\" stroke=\"#2f6fdf\" "
                           "stroke-width=\"2\" stroke-linejoin=\"round\"/>",
                           line.data);
        /* dots on the line */
        const char *q = line.data;
        while (!rc && q && *q) {
            double x, y;
            if (sscanf(q, "%lf,%lf", &x, &y) != 2)
                break;
            rc = hugi_buf_addf(o, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\" fill=\"#2f6fdf\"/>", x,
                               y);
            q = strchr(q, ' ');
            if (q)
                q++;
        }
    }
    if (!rc)
        rc = hugi_buf_addf(o,
                           "<g font-size=\"11\" fill=\"#33405a\"><rect x=\"%.0f\" y=\"%.0f\" "
                           "width=\"10\" height=\"10\" fill=\"#c9d3e1\"/><text x=\"%.0f\" "
                           "y=\"%.0f\">reviews</text><rect x=\"%.0f\" y=\"%.0f\" width=\"10\" "
                           "height=\"10\" fill=\"#d64545\"/><text x=\"%.0f\" y=\"%.0f\">negative"
                           "</text><line x1=\"%.0f\" x2=\"%.0f\" y1=\"%.0f\" y2=\"%.0f\" "
                           "stroke=\"#2f6fdf\" stroke-width=\"2\"/><text x=\"%.0f\" y=\"%.0f\">"
                           "negative rate</text></g></svg>",
                           L, H - 12, L + 14, H - 3, L + 80, H - 12, L + 94, H - 3, L + 170,
                           L + 184, H - 7, H - 7, L + 188, H - 3);
    hugi_buf_release(&line);
    return rc;
}

static hugi_rc svg_stars(struct hugi_buf *o, const struct pstat *p)
{
    const double W = 360, row = 28, L = 34, R = 70;
    long max = 1;
    for (int s = 1; s <= 5; s++)
        if (p->stars[s] > max)
            max = p->stars[s];
    static const char *const colour[] = {"", "#d64545", "#e8793a", "#e0b43c", "#8fbf5a", "#3c9a5f"};
    hugi_rc rc = hugi_buf_addf(o,
                               "<svg viewBox=\"0 0 %.0f %.0f\" width=\"100%%\" role=\"img\" "
                               "aria-label=\"rating distribution\" "
                               ">",
                               W, row * 5 + 6);
    for (int s = 5; !rc && s >= 1; s--) {
        double y = 4 + (5 - s) * row;
        double w = (W - L - R) * (double)p->stars[s] / (double)max;
        double pct = p->rated ? 100.0 * (double)p->stars[s] / (double)p->rated : 0;
        rc = hugi_buf_addf(o,
                           "<text x=\"0\" y=\"%.1f\" font-size=\"12\" fill=\"#33405a\">%d★</text>"
                           "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
                           "fill=\"#eef1f6\" rx=\"3\"/>"
                           "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
                           "fill=\"%s\" rx=\"3\"/>"
                           "<text x=\"%.1f\" y=\"%.1f\" font-size=\"12\" fill=\"#33405a\">%ld "
                           "(%.0f%%)</text>",
                           y + 15, s, L, y + 3, W - L - R, row - 10, L, y + 3, w, row - 10,
                           colour[s], W - R + 6, y + 15, p->stars[s], pct);
    }
    return rc ? rc : hugi_buf_addstr(o, "</svg>");
}

static hugi_rc html_categories(struct ctx *c, struct hugi_buf *o, struct pstat *p)
{
    if (!p->ncats)
        return hugi_buf_addstr(o, "<p class=\"meta\">No complaint categories in the last two "
                                  "weeks.</p>");
    qsort(p->cats, p->ncats, sizeof *p->cats, cat_order);
    long max = 1;
    for (size_t k = 0; k < p->ncats; k++)
        if (p->cats[k].cur > max)
            max = p->cats[k].cur;
    hugi_rc rc = hugi_buf_addstr(o, "<table><tr><th>category</th><th class=\"n\">last 7 days</th>"
                                    "<th></th><th class=\"n\">7 days before</th><th>trend</th>"
                                    "</tr>");
    for (size_t k = 0; !rc && k < p->ncats; k++) {
        const struct catstat *cs = &p->cats[k];
        rc = hugi_buf_addstr(o, "<tr><td>");
        if (!rc)
            rc = html_text(c, o, cs->name);
        if (!rc)
            rc = hugi_buf_addf(o,
                               "</td><td class=\"n\">%ld</td><td style=\"width:35%%\"><div "
                               "class=\"minibar\" style=\"width:%.0f%%\"></div></td><td "
                               "class=\"n\">%ld</td><td>%s</td></tr>",
                               cs->cur, 100.0 * (double)cs->cur / (double)max, cs->prev,
                               cs->cur > cs->prev   ? "<span class=\"trend up\">▲ rising</span>"
                               : cs->cur < cs->prev ? "<span class=\"trend down\">▼ falling</span>"
                                                    : "– steady");
    }
    return rc ? rc : hugi_buf_addstr(o, "</table>");
}

static hugi_rc render_html(struct ctx *c, struct hugi_buf *o)
{
    const struct hugi_digest_input *in = c->in;
    char now[21], from[21], to[21];
    hugi_time_format(in->now, now);
    hugi_time_format(c->day0 + c->tz, from);
    hugi_time_format(c->day0 + (int64_t)(c->ndays - 1) * DAY + c->tz, to);
    const char *title = in->title ? in->title : "hugi digest";
    hugi_rc rc = hugi_buf_addstr(o, "<!DOCTYPE html>\n<html lang=\"ko\"><head><meta "
                                    "charset=\"utf-8\"><meta name=\"viewport\" "
                                    "content=\"width=device-width,initial-scale=1\">"
                                    "<meta http-equiv=\"Content-Security-Policy\" "
                                    "content=\"default-src 'none'; style-src 'unsafe-inline'; "
                                    "img-src data:\"><title>");
    if (!rc)
        rc = html_text(c, o, title);
    if (!rc)
        rc = hugi_buf_addf(o, "</title><style>%s</style></head><body><header><h1>", css);
    if (!rc)
        rc = html_text(c, o, title);
    char gen[28];
    if (c->in->opts && c->in->opts->zoned)
        hugi_report_due_text(c->in->opts, c->in->now, gen);
    else
        snprintf(gen, sizeof gen, "%.10s %.5s UTC", now, now + 11);
    if (!rc)
        rc = hugi_buf_addf(o,
                           "</h1><p>Generated %s · period %.10s – %.10s · "
                           "%zu product%s</p></header><main><h2>Summary</h2><div class=\"cards\">",
                           gen, from, to, c->np, c->np == 1 ? "" : "s");
    if (!rc)
        rc = cards(o, &c->all);
    if (!rc)
        rc = hugi_buf_addstr(o, "</div>");
    size_t n;
    const struct hugi_alert **v = open_alerts(c, NULL, ALL, &n);
    if (!v)
        rc = HUGI_E_NOMEM;
    if (!rc)
        rc = hugi_buf_addf(o,
                           "<h2>Needs an answer <span class=\"meta\">(%zu open, most urgent "
                           "first)</span></h2>",
                           n);
    if (!rc && n == 0)
        rc = hugi_buf_addstr(o, "<p>Nothing open.</p>");
    for (size_t i = 0; !rc && i < n && i < 30; i++)
        rc = html_alert(c, o, v[i]);
    if (!rc && n > 30)
        rc = hugi_buf_addf(o, "<p>… and %zu more in open-alerts.csv</p>", n - 30);
    free(v);
    for (size_t i = 0; !rc && i < c->np; i++) {
        struct pstat *p = &c->p[i];
        rc = hugi_buf_addstr(o, "<section class=\"product\"><h2>");
        if (!rc)
            rc = html_text(c, o, pname(p));
        if (!rc && p->name && p->id) {
            rc = hugi_buf_addstr(o, " <span class=\"meta\">");
            if (!rc)
                rc = html_text(c, o, p->id);
            if (!rc)
                rc = hugi_buf_addstr(o, "</span>");
        }
        if (!rc)
            rc = hugi_buf_addstr(o, "</h2><div class=\"cards\">");
        if (!rc)
            rc = cards(o, p);
        if (!rc)
            rc = hugi_buf_addstr(o, "</div><div class=\"grid2\"><div><h3>Negative reviews by "
                                    "day</h3>");
        if (!rc)
            rc = svg_days(c, o, p);
        if (!rc)
            rc = hugi_buf_addstr(o, "</div><div><h3>Rating distribution</h3>");
        if (!rc)
            rc = svg_stars(o, p);
        if (!rc)
            rc = hugi_buf_addstr(o, "</div></div><h3>Complaint categories <span "
                                    "class=\"meta\">(negative and mixed reviews)</span></h3>");
        if (!rc)
            rc = html_categories(c, o, p);
        size_t pg;
        const struct hugi_alert **gg = open_alerts(c, p, ONLY_GROUPS, &pg);
        if (!gg)
            rc = HUGI_E_NOMEM;
        if (!rc && pg)
            rc = hugi_buf_addstr(o, "<h3>Recurring, spiking and emerging complaints</h3>");
        for (size_t k = 0; !rc && k < pg; k++)
            rc = html_alert(c, o, gg[k]);
        free(gg);
        if (!rc)
            rc = hugi_buf_addstr(o, "</section>");
    }
    if (!rc)
        rc = hugi_buf_addf(o,
                           "<footer>hugi %s · personal data in reviews is %s · NPS proxy: "
                           "5★ promoters minus 1–3★ detractors</footer></main></body></html>\n",
                           HUGI_VERSION, c->mask ? "masked" : "NOT masked");
    return rc;
}

hugi_rc hugi_report_digest(const struct hugi_digest_input *in, enum hugi_digest_format f,
                           struct hugi_buf *out, struct hugi_err *err)
{
    struct ctx c;
    memset(&c, 0, sizeof c);
    c.in = in;
    c.mask = !in->opts || in->opts->mask_pii;
    hugi_rc rc = collect(&c);
    if (!rc)
        rc = f == HUGI_DIGEST_HTML ? render_html(&c, out) : render_md(&c, out);
    for (size_t i = 0; i < c.np; i++)
        free(c.p[i].cats);
    free(c.p);
    if (rc)
        return hugi_err_set(err, rc, NULL, "cannot render the digest");
    return HUGI_OK;
}
