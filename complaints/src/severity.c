/* SPDX-License-Identifier: MIT
 * Severity of one review: a small additive rule, documented in docs/complaints.md, so staff can
 * predict it and tune it with the [complaints] thresholds. */
#include <math.h>

#include "hugi/complaint.h"

const char *hugi_complaint_severity_name(enum hugi_complaint_severity s)
{
    switch (s) {
    case HUGI_SEV_LOW:
        return "low";
    case HUGI_SEV_MEDIUM:
        return "medium";
    case HUGI_SEV_HIGH:
        return "high";
    case HUGI_SEV_CRITICAL:
        return "critical";
    case HUGI_SEV_NONE:
        break;
    }
    return "none";
}

void hugi_complaint_sev_cfg_init(struct hugi_complaint_sev_cfg *c)
{
    c->neg_score = -0.05;
    c->strong_score = -0.5;
    c->neg_rating = 2;
    c->low_rating = 1;
    c->reach_high = 10;
    c->recent_days = 30;
}

enum hugi_complaint_severity hugi_complaint_severity(const struct hugi_complaint_tax *t,
                                                     const struct hugi_complaint_sev_cfg *c,
                                                     const struct hugi_complaint_sev_in *in)
{
    if (in->cats & hugi_complaint_tax_critical_mask(t))
        return HUGI_SEV_CRITICAL;
    bool has_score = !isnan(in->score);
    bool has_rating = !isnan(in->rating);
    bool negative =
        (has_score && in->score <= c->neg_score) || (has_rating && in->rating <= c->neg_rating);
    /* a rating or score that says "fine" wins over a category hit: "배송은 좀 늦었지만 최고" */
    if (!negative && (has_score || has_rating))
        return HUGI_SEV_NONE;
    if (!negative && in->cats == 0)
        return HUGI_SEV_NONE;
    int steps = 1;
    if ((has_score && in->score <= c->strong_score) || (has_rating && in->rating <= c->low_rating))
        steps++;
    if (in->cats)
        steps++;
    long reach = (in->likes > 0 ? in->likes : 0) + (in->replies > 0 ? in->replies : 0);
    if (c->reach_high > 0 && reach >= c->reach_high)
        steps++;
    if (in->date != HUGI_NO_TIME && in->now != HUGI_NO_TIME && c->recent_days > 0 &&
        in->now - in->date > (int64_t)c->recent_days * 86400)
        steps--;
    if (steps <= 1)
        return HUGI_SEV_LOW;
    if (steps == 2)
        return HUGI_SEV_MEDIUM;
    return HUGI_SEV_HIGH;
}
