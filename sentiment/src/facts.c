/* SPDX-License-Identifier: MIT
 * How long a thing took, told as a bare fact (session eleven, en11): "Setup took five minutes",
 * "opened an account in ten minutes", "the engineer came the same afternoon" are praise of a
 * service with no polar word; "took me an entire afternoon", "ten days to deliver a letter" are
 * complaints. The learned lexicon reads every such statement as a wait ("minutes" and "took"
 * are learned from restaurant reviews of waits: -2.0 and -2.2), so a text that praises speed
 * scored negative. What is told is the time and the frame around it:
 *   - quick: in / within / inside + seconds (any number) or up to 30 minutes ("in under ten
 *     minutes": before seconds and minutes "under" is a filler after the preposition, not a
 *     frame of its own); took / takes + up to 60 seconds or 10 minutes; within / under / less
 *     than an hour; the same day, afternoon, morning or evening; in or within seconds or
 *     minutes;
 *   - slow: took + an entire / a whole day (afternoon, week ...); took + 3 or more days, a week
 *     or more, 2 or more hours, 30 or more minutes; N days or weeks to + a verb of service
 *     (deliver, arrive, reply, refund ...).
 * A negator before the verb leaves the statement out ("didn't take five minutes"), and "used to
 * take" turns it: the time it used to take is the old trouble. Durability ("broke within a
 * week") is told in days and weeks after a complaint word the lexicon already reads, so the
 * quick frame is kept to seconds, minutes and an hour. Read on the normalised (case-folded)
 * text; words are runs of ASCII letters and digits, a clause break (. , ! ? ; newline) ends a
 * frame. "Didn't take long" is quick too.
 * The same pass finds which way a price went (cost_step, en11) and the terms of a service kept
 * or broken, its extras and the trouble it took away (terms_step, session twelve, en13). */
#include "facts.h"

#include <stdbool.h>
#include <string.h>

#define RING 8

struct word {
    uint32_t a, b;
};

static bool word_char(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80;
}

static bool is(const char *s, struct word w, const char *lit)
{
    /* the first letter first: most words are compared with lists they are not in */
    if (s[w.a] != lit[0])
        return false;
    size_t n = strlen(lit);
    return w.b - w.a == n && memcmp(s + w.a, lit, n) == 0;
}

static bool any(const char *s, struct word w, const char *const *list)
{
    for (size_t i = 0; list[i]; i++)
        if (is(s, w, list[i]))
            return true;
    return false;
}

/* A quantity word or number: its value, or -1. "the" is one (within the hour); "few" three. */
static double quantity(const char *s, struct word w)
{
    static const char *const num[] = {
        "zero",    "one",       "two",      "three",    "four",   "five",     "six",      "seven",
        "eight",   "nine",      "ten",      "eleven",   "twelve", "thirteen", "fourteen", "fifteen",
        "sixteen", "seventeen", "eighteen", "nineteen", "twenty", NULL};
    static const struct {
        const char *w;
        double v;
    } other[] = {{"a", 1},       {"an", 1},      {"the", 1},    {"few", 3},    {"couple", 2},
                 {"half", 0.5},  {"thirty", 30}, {"forty", 40}, {"fifty", 50}, {"sixty", 60},
                 {"several", 4}, {"entire", 1},  {"whole", 1},  {"all", 1}};
    size_t n = w.b - w.a;
    if (n > 0 && n <= 4 && s[w.a] >= '0' && s[w.a] <= '9') {
        double v = 0;
        for (uint32_t i = w.a; i < w.b; i++) {
            if (s[i] < '0' || s[i] > '9')
                return -1;
            v = v * 10 + (s[i] - '0');
        }
        return v;
    }
    for (size_t i = 0; num[i]; i++)
        if (is(s, w, num[i]))
            return (double)i;
    for (size_t i = 0; i < sizeof other / sizeof other[0]; i++)
        if (is(s, w, other[i].w))
            return other[i].v;
    return -1;
}

enum unit { U_NONE, U_SEC, U_MIN, U_HOUR, U_PART, U_DAY, U_WEEK };

static enum unit unit_of(const char *s, struct word w)
{
    static const char *const sec[] = {"second", "seconds", "sec", "secs", NULL};
    static const char *const min[] = {"minute", "minutes", "min", "mins", NULL};
    static const char *const hour[] = {"hour", "hours", "hr", "hrs", NULL};
    static const char *const part[] = {"afternoon", "morning", "evening", "weekend", NULL};
    static const char *const day[] = {"day", "days", NULL};
    static const char *const week[] = {"week", "weeks", "month", "months", "fortnight", NULL};
    unsigned char c = (unsigned char)s[w.a];
    if (c != 's' && c != 'm' && c != 'h' && c != 'a' && c != 'e' && c != 'w' && c != 'd' &&
        c != 'f')
        return U_NONE;
    if (any(s, w, sec))
        return U_SEC;
    if (any(s, w, min))
        return U_MIN;
    if (any(s, w, hour))
        return U_HOUR;
    if (any(s, w, part))
        return U_PART;
    if (any(s, w, day))
        return U_DAY;
    if (any(s, w, week))
        return U_WEEK;
    return U_NONE;
}

/* Words allowed between the verb or preposition and the quantity: "took me just about five",
 * "in less than ten", "took us over a". */
static bool filler(const char *s, struct word w)
{
    static const char *const f[] = {"just",      "only", "about", "around",    "under",   "barely",
                                    "literally", "less", "than",  "maybe",     "roughly", "me",
                                    "us",        "them", "him",   "her",       "over",    "nearly",
                                    "almost",    "more", "like",  "of",        "a",       "an",
                                    "the",       "all",  "under", "precisely", "exactly", NULL};
    return any(s, w, f);
}

static bool negator(const char *s, struct word w)
{
    static const char *const neg[] = {"not",  "never", "t",       "didnt", "doesnt", "dont",
                                      "wont", "cant",  "wouldnt", "no",    "nt",     NULL};
    return any(s, w, neg);
}

/* The verbs of service whose delay "N days to VERB" tells. */
static bool service_verb(const char *s, struct word w)
{
    static const char *const v[] = {
        "deliver", "arrive", "respond", "reply", "refund",  "get",    "hear",    "process", "fix",
        "answer",  "ship",   "come",    "show",  "sort",    "repair", "resolve", "receive", "turn",
        "send",    "return", "reach",   "call",  "install", "load",   NULL};
    return any(s, w, v);
}

/* A service done: "came the same afternoon", "sorted out the same day"; "replaced within two
 * days" (session twelve: the jobs of a trade too, fitted, finished, collected ...). */
static bool service_done(const char *s, struct word w)
{
    static const char *const v[] = {
        "came",      "arrived",  "delivered", "fixed",    "sorted",     "repaired",  "replied",
        "responded", "answered", "installed", "shipped",  "dispatched", "processed", "refunded",
        "resolved",  "up",       "out",       "back",     "done",       "ready",     "posted",
        "sent",      "approved", "credited",  "replaced", "fitted",     "finished",  "completed",
        "collected", "mended",   "serviced",  "cleared",  NULL};
    return any(s, w, v);
}

/* "same day delivery", "same-day service" */
static bool service_noun(const char *s, struct word w)
{
    static const char *const v[] = {"delivery",    "dispatch", "service",    "shipping", "response",
                                    "appointment", "repair",   "turnaround", NULL};
    return any(s, w, v);
}

static bool take_verb(const char *s, struct word w)
{
    static const char *const v[] = {"take", "takes", "took", "taking", NULL};
    return any(s, w, v);
}

/* The next word at or after i before a clause break; false at a break or the end. */
static bool next_word(const char *s, size_t len, size_t i, struct word *w)
{
    while (i < len && !word_char((unsigned char)s[i])) {
        char c = s[i];
        if (c == '.' || c == ',' || c == '!' || c == '?' || c == ';' || c == '\n')
            return false;
        i++;
    }
    if (i >= len)
        return false;
    size_t b = i;
    while (b < len && word_char((unsigned char)s[b]))
        b++;
    *w = (struct word){(uint32_t)i, (uint32_t)b};
    return true;
}

/* "... seconds to load": software the writer waits on */
static bool waits_on(const char *s, size_t len, struct word u)
{
    static const char *const v[] = {"load",     "open",    "start",   "boot", "launch",
                                    "connect",  "respond", "refresh", "sync", "appear",
                                    "register", "save",    "switch",  NULL};
    struct word a, b;
    return next_word(s, len, u.b, &a) && is(s, a, "to") && next_word(s, len, a.b, &b) &&
           any(s, b, v);
}

/* The frame before a unit word: r[0..n) are the clause's words before it, newest last. Sign of
 * the statement, its first word in *from; 0 when none. */
static int frame(const char *s, size_t len, const struct word *r, size_t n, struct word u,
                 enum unit un, uint32_t *from)
{
    if (n == 0)
        return 0;
    size_t k = n - 1; /* index of the quantity, or of the unit's own position when none */
    if (n >= 2 && is(s, r[n - 1], "of") && is(s, r[n - 2], "couple"))
        k = n - 2; /* "a couple of minutes" */
    struct word q = r[k];
    double v = quantity(s, q);
    if (un != U_HOUR && is(s, q, "the"))
        v = -1; /* "in the second half", "the whole day" (whole is the quantity there) */
    bool bare = false;
    if (v < 0 && k == n - 1 && (un == U_SEC || un == U_MIN) && s[u.b - 1] == 's' &&
        (is(s, q, "in") || is(s, q, "within"))) {
        bare = true; /* "in seconds", "within minutes" */
        v = 1;
        k = n;
    } else if (v < 0) {
        /* "the same afternoon", "on the same day": quick; "arrived the next day" too */
        if (is(s, q, "next") && (un == U_DAY || un == U_PART) && n >= 3 && is(s, r[n - 2], "the") &&
            service_done(s, r[n - 3])) {
            *from = r[n - 3].a;
            return +1;
        }
        if (!is(s, q, "same") || (un != U_DAY && un != U_PART))
            return 0;
        /* "came the same afternoon", "same day delivery": not "returned it the same day" */
        struct word nx;
        if ((n >= 3 && is(s, r[n - 2], "the") && service_done(s, r[n - 3])) ||
            (next_word(s, len, u.b, &nx) && service_noun(s, nx))) {
            *from = n >= 3 && is(s, r[n - 2], "the") ? r[n - 3].a : q.a;
            return +1;
        }
        return 0;
    }
    /* "a couple of", "a few", "an entire", "a whole": the quantity's own first word */
    bool whole = is(s, q, "entire") || is(s, q, "whole") || is(s, q, "all");
    if (!bare && (whole || is(s, q, "few") || is(s, q, "couple")) && k > 0 &&
        (is(s, r[k - 1], "a") || is(s, r[k - 1], "an") || is(s, r[k - 1], "the")))
        k--;
    /* the verb or preposition, past up to three filler words */
    size_t t = k;
    bool less_than = false;
    for (size_t f = 0; f < 4 && t > 0; f++) {
        struct word w = r[t - 1];
        if (take_verb(s, w) || is(s, w, "in") || is(s, w, "within") || is(s, w, "inside"))
            break;
        if (!filler(s, w))
            break;
        if (is(s, w, "than") || is(s, w, "under"))
            less_than = true;
        t--;
    }
    int sign = 0;
    bool has_verb = t > 0;
    struct word vb = has_verb ? r[t - 1] : u;
    bool take = has_verb && take_verb(s, vb);
    bool within = has_verb && (is(s, vb, "in") || is(s, vb, "within") || is(s, vb, "inside"));
    bool under = has_verb && (is(s, vb, "within") || less_than);
    switch (un) {
    case U_SEC:
        /* "setup took thirty seconds"; but "takes forty seconds to load" is a wait */
        if (whole)
            break;
        if (take && v >= 10 && waits_on(s, len, u))
            sign = -1;
        else if (within || (take && v <= 60))
            sign = +1;
        break;
    case U_MIN:
        if (whole)
            break;
        if ((within && (v <= 30 || bare)) || (take && (v <= 10 || less_than)))
            sign = +1;
        else if (take && v >= 30 && !less_than)
            sign = -1;
        break;
    case U_HOUR:
        if ((under || (within && less_than)) && v <= 1 && !whole)
            sign = +1;
        else if (take && (whole || (v >= 2 && !less_than)))
            sign = -1;
        break;
    case U_PART:
        if (take && whole)
            sign = -1;
        break;
    case U_DAY:
    case U_WEEK:
        if (take && !less_than && (whole || (un == U_WEEK ? v >= 1 : v >= 3)))
            sign = -1;
        break;
    default:
        break;
    }
    /* a service done within a day or two: "refunded within a day", "arrived in two days",
     * "replied within 24 hours" (a thing that broke within a day is a complaint word's) */
    if (sign == 0 && within && !whole && t >= 2 && service_done(s, r[t - 2]) &&
        !(t >= 3 && (is(s, r[t - 3], "be") || is(s, r[t - 3], "been"))) &&
        ((un == U_DAY && v <= 2) || (un == U_HOUR && v <= 48))) {
        *from = r[t - 2].a; /* the service is part of the statement: "refunded" is no blame */
        return +1;
    }
    if (sign == 0 && (un == U_DAY || un == U_WEEK) && !whole && v >= (un == U_WEEK ? 1 : 3)) {
        /* "ten days to deliver", "three weeks to get a reply" */
        struct word a, b;
        if (next_word(s, len, u.b, &a) && is(s, a, "to") && next_word(s, len, a.b, &b) &&
            service_verb(s, b)) {
            *from = r[k].a;
            return -1;
        }
    }
    if (sign == 0 || !has_verb)
        return 0;
    size_t at = t - 1;
    if (at > 0 && negator(s, r[at - 1]))
        return 0;
    /* "used to take a whole day": the old trouble */
    if (take && at >= 2 && is(s, r[at - 1], "to") && is(s, r[at - 2], "used"))
        sign = -sign;
    *from = vb.a;
    return sign;
}

/* The text's next word from *i: its span in *w, *i past it; a clause break on the way empties
 * the ring of the clause's words (*n = 0). False at the end. */
static bool text_word(const char *s, size_t len, size_t *i, struct word *w, size_t *n)
{
    size_t k = *i;
    while (k < len && !word_char((unsigned char)s[k])) {
        char c = s[k++];
        if (c == '.' || c == ',' || c == '!' || c == '?' || c == ';' || c == '\n')
            *n = 0;
    }
    if (k >= len)
        return false;
    size_t b = k;
    while (b < len && word_char((unsigned char)s[b]))
        b++;
    *w = (struct word){(uint32_t)k, (uint32_t)b};
    *i = b;
    return true;
}

/* Which way a price went (session eleven, en11): "my bill dropped by a third", "they cut my
 * monthly bill in half", "fees were lower than my old bank" are praise; "the price went up
 * again", "they doubled the price", "rent went up" complaints. The words of direction read
 * otherwise alone ("dropped" the phone, "lower" quality, "increased" comfort), and the cost noun
 * learned from UCI praise ("price" +1.5), so such texts scored the wrong way round. A cost noun
 * and a word of direction within four words in one clause, no negator between them. */
static bool cost_noun(const char *s, struct word w)
{
    static const char *const v[] = {
        "price",  "prices",  "pricing", "bill",         "bills",    "fee",      "fees",
        "cost",   "costs",   "rent",    "premium",      "premiums", "fare",     "fares",
        "tariff", "tariffs", "charges", "subscription", "payment",  "payments", NULL};
    return any(s, w, v);
}

/* "a rate", "our interest rate", "the hourly rate" (en14): a price, where a determiner or a
 * money word is before it; not "frame rate", "heart rate" nor the verb ("I'd rate it higher") */
static bool rate_noun(const char *s, const struct word *r, size_t n)
{
    static const char *const before[] = {
        "a",       "the",       "our",    "my",    "their",   "his",      "her",
        "your",    "interest",  "hourly", "daily", "tax",     "loan",     "mortgage",
        "savings", "insurance", "fixed",  "day",   "nightly", "exchange", NULL};
    return n >= 2 && (is(s, r[n - 1], "rate") || is(s, r[n - 1], "rates")) &&
           any(s, r[n - 2], before);
}

/* +1 down, -1 up, 0 none; two-word forms ("went up") by the word before (prev, may be none) */
static int direction(const char *s, struct word w, const struct word *prev)
{
    static const char *const down[] = {"dropped",   "drops",   "fell",    "halved",
                                       "lowered",   "lower",   "reduced", "reduces",
                                       "decreased", "slashed", "cheaper", NULL};
    static const char *const up[] = {"increased", "increases",   "doubled", "tripled", "hiked",
                                     "rose",      "risen",       "raised",  "raises",  "higher",
                                     "jumped",    "skyrocketed", "soared",  "spiked",  NULL};
    static const char *const move[] = {"went", "gone",   "goes",  "going", "come",
                                       "came", "coming", "crept", "shot",  NULL};
    if (any(s, w, down))
        return +1;
    if (any(s, w, up))
        return -1;
    if (prev && any(s, *prev, move)) {
        if (is(s, w, "down"))
            return +1;
        if (is(s, w, "up"))
            return -1;
    }
    return 0;
}

/* The terms of a service kept or broken, told as facts (session twelve, en13): "charged
 * exactly what he quoted", "finished two weeks ahead of schedule and under budget", "at no
 * extra charge", "didn't charge for the callout", "cleared the gutters while he was up there",
 * "reheeled both pairs while I waited", "gave us spare keys without asking" are praise of a
 * service with no polar word; "didn't take the old one away as agreed", "over budget", "behind
 * schedule", "double what he quoted" complaints. The learned lexicon reads the words of such a
 * statement as the complaints it met them in (charged, took, waited), so a text that praises a
 * job done as it was agreed scored negative. A negator earlier in the clause turns a term kept
 * into one broken ("wasn't done as quoted"). */
static bool clause_negated(const char *s, const struct word *r, size_t n)
{
    /* "hardly as quoted", "barely on schedule": the term denied as by "not" (en14) */
    static const char *const scarce[] = {"hardly", "barely", "scarcely", NULL};
    for (size_t k = 0; k < n; k++)
        if (negator(s, r[k]) || any(s, r[k], scarce))
            return true;
    return false;
}

/* A term told as what the business said ("they claimed it was under budget", "supposedly as
 * quoted", "allegedly on schedule") is its word, not the reviewer's finding: no statement
 * (session thirteen, en14). */
static bool hearsay(const char *s, const struct word *r, size_t n)
{
    static const char *const said[] = {"claimed",    "claim",     "claims",   "claiming",
                                       "supposedly", "allegedly", "supposed", "apparently",
                                       "assured",    "insisted",  "swore",    NULL};
    for (size_t k = 0; k < n; k++)
        if (any(s, r[k], said))
            return true;
    return false;
}

static bool pronoun(const char *s, struct word w)
{
    static const char *const v[] = {"he", "she", "they", "we", "i", "you", "was", "were", NULL};
    return any(s, w, v);
}

/* "without asking" is praise of an extra, unless what was done unasked is taking money or
 * changing the order ("charged my card without asking") */
static bool taking_verb(const char *s, const struct word *r, size_t n)
{
    static const char *const v[] = {"charged",  "billed",   "cancelled", "canceled", "changed",
                                    "renewed",  "switched", "sold",      "shared",   "debited",
                                    "deducted", "signed",   "upgraded",  "added",    NULL};
    for (size_t k = 0; k < n; k++)
        if (any(s, r[k], v))
            return true;
    return false;
}

static void terms_add_denial(struct hugi_sent_facts *f, uint32_t a, uint32_t b, int sign,
                             uint32_t negated)
{
    if (f->nterms < HUGI_SENT_FACTS_MAX)
        f->terms[f->nterms++] = (struct hugi_sent_terms){a, b, negated, sign, false, false, 0, 0};
}

/* A denial of a trouble: "no more drips", "haven't seen a mouse since" */
static void terms_add_gone(struct hugi_sent_facts *f, uint32_t a, uint32_t b, uint32_t negated)
{
    if (f->nterms < HUGI_SENT_FACTS_MAX)
        f->terms[f->nterms++] = (struct hugi_sent_terms){a, b, negated, +1, true, false, 0, 0};
}

static void terms_add(struct hugi_sent_facts *f, uint32_t a, uint32_t b, int sign)
{
    terms_add_denial(f, a, b, sign, UINT32_MAX);
}

/* "while he was up there", "while she was at it", "while I waited": [a word after "while"] */
static bool while_extra(const char *s, size_t len, struct word w, uint32_t *end)
{
    static const char *const part[] = {"up", "down", "in", "out", "under", "over", "on", NULL};
    struct word a, b, c, d;
    if (!next_word(s, len, w.b, &a))
        return false;
    if (is(s, a, "i") || is(s, a, "we") || is(s, a, "you")) {
        if (!next_word(s, len, a.b, &b) || !(is(s, b, "waited") || is(s, b, "wait")))
            return false;
        /* "while I waited forty minutes" is a wait: only the clause's end or "and" after */
        if (next_word(s, len, b.b, &c) && !is(s, c, "and"))
            return false;
        *end = b.b;
        return true;
    }
    if (!(is(s, a, "he") || is(s, a, "she") || is(s, a, "they")) || !next_word(s, len, a.b, &b) ||
        !(is(s, b, "was") || is(s, b, "were")) || !next_word(s, len, b.b, &c))
        return false;
    if (any(s, c, part) && !is(s, c, "on") && next_word(s, len, c.b, &d) &&
        (is(s, d, "there") || is(s, d, "here"))) {
        *end = d.b;
        return true;
    }
    if (is(s, c, "there") || is(s, c, "here")) {
        *end = c.b;
        return true;
    }
    if (is(s, c, "at") && next_word(s, len, c.b, &d) && is(s, d, "it")) {
        *end = d.b;
        return true;
    }
    return false;
}

/* A verb of a thing done right, before "first time" ("worked first time"): not "the first time
 * I used it" */
static bool right_first(const char *s, struct word w)
{
    static const char *const v[] = {"worked",    "works",     "started",   "starts",   "fixed",
                                    "right",     "correctly", "perfectly", "properly", "fired",
                                    "connected", "paired",    "sorted",    "solved",   "repaired",
                                    "diagnosed", NULL};
    return any(s, w, v);
}

/* A trouble absent since the service, told with a negator ("we haven't seen a single mouse
 * since", "there's been no smell in the yard since", "hasn't had a drip since"): the clause
 * ends in "since" (or "since then"). Not contact or use that stopped ("haven't heard from them
 * since", "haven't been back since", "hasn't been the same since", "haven't seen my money
 * since"), which are complaints: the verb after the negator is one of seeing or having, the
 * words up to "since" name no person, no money and no return. r[n - 1] is "since"; what
 * follows it may tell the job ("haven't had a damp patch since they redid the gutters", en14:
 * en13 read only a clause ending there). Praise denied ("haven't had hot water since") is
 * turned by the scorer (the statement's `trouble`). */
static void since_step(const char *s, size_t len, const struct word *r, size_t n,
                       struct hugi_sent_facts *f)
{
    static const char *const see[] = {"seen",    "had",  "noticed", "found", "spotted", "smelt",
                                      "smelled", "been", "felt",    "got",   NULL};
    static const char *const stopped[] = {
        "him",   "her",    "them",     "it",     "anyone",   "anybody", "penny",
        "money", "refund", "back",     "same",   "reply",    "word",    "response",
        "sign",  "one",    "anything", "from",   "call",     "email",   "contact",
        "news",  "update", "callback", "answer", "apology",  "chance",  "hair",
        "hide",  "trace",  "he",       "she",    "they",     "you",     "me",
        "us",    "parcel", "package",  "order",  "delivery", NULL};
    (void)len;
    size_t j = n - 1;
    while (j > 0 && !negator(s, r[j - 1]))
        j--;
    if (j == 0 || j >= n - 1)
        return;
    /* j: the word after the negator; "no" names the trouble at once, other negators a verb */
    for (size_t k = j; k < n - 1; k++)
        if (any(s, r[k], stopped))
            return;
    if (!is(s, r[j - 1], "no")) {
        size_t v = j;
        if (v < n - 1 && (is(s, r[v], "even") || is(s, r[v], "once")))
            v++;
        if (v >= n - 1 || !any(s, r[v], see) || v + 1 >= n - 1)
            return;
        /* a particular one not seen again is a no-show ("haven't seen the engineer since",
         * "our deposit"), unless it is the trouble itself ("haven't had the problem since")
         * (review15) */
        static const char *const definite[] = {"the",   "my",   "our",   "your", "his", "her",
                                               "their", "that", "those", "this", NULL};
        static const char *const trouble[] = {"problem", "problems", "issue",  "issues",
                                              "trouble", "fault",    "faults", NULL};
        if (any(s, r[v + 1], definite) && !(v + 2 < n - 1 && any(s, r[v + 2], trouble)))
            return;
    }
    terms_add_gone(f, r[j - 1].a, r[n - 1].b, r[j].a);
}

/* A trouble ended or not needed: its complaint words are the statement's */
static void terms_add_ended(struct hugi_sent_facts *f, uint32_t a, uint32_t b, int sign)
{
    if (f->nterms < HUGI_SENT_FACTS_MAX)
        f->terms[f->nterms++] =
            (struct hugi_sent_terms){a, b, UINT32_MAX, sign, false, sign > 0, 0, 0};
}

/* A trouble a thing does or has (session thirteen, en14): what "stopped" ends ("my husband
 * has stopped snoring", "the rattle stopped") is praise of what ended it. Noises, symptoms and
 * faults only: "stopped working", "stopped charging" are a function's end, a complaint. */
static bool symptom(const char *s, struct word w)
{
    static const char *const v[] = {
        "snoring",   "clicking",  "squeaking",    "squealing", "rattling",  "creaking",
        "grinding",  "humming",   "buzzing",      "beeping",   "barking",   "scratching",
        "coughing",  "sneezing",  "wheezing",     "itching",   "aching",    "hurting",
        "leaking",   "dripping",  "flickering",   "tripping",  "crashing",  "freezing",
        "jamming",   "shedding",  "peeling",      "chafing",   "slipping",  "wobbling",
        "shaking",   "bleeding",  "throbbing",    "smoking",   "skipping",  "overheating",
        "rattle",    "squeak",    "noise",        "noises",    "leak",      "leaks",
        "drip",      "pain",      "itch",         "itchiness", "smell",     "clicks",
        "click",     "hum",       "buzz",         "beeps",     "draught",   "draft",
        "flicker",   "vibration", "crashes",      "headaches", "migraines", "cough",
        "dizziness", "nausea",    "ache",         "aches",     "itches",    "swelling",
        "stiffness", "damp",      "condensation", "mould",     "mold",      NULL};
    return any(s, w, v);
}

/* "never had to go back", "haven't needed to call them since", "didn't have to wait": the
 * remedy a trouble would have needed, not needed (session thirteen, en14). Not "never had to
 * deal with this before" (the trouble is new). w is "had", "have", "needed" or "need"; r[n - 1]
 * is w, the negator just before it. */
static void not_needed(const char *s, size_t len, const struct word *r, size_t n,
                       struct hugi_sent_facts *f)
{
    struct word to, v, x;
    struct word w = r[n - 1];
    if (n < 2 || !negator(s, r[n - 2]) || !next_word(s, len, w.b, &to) || !is(s, to, "to") ||
        !next_word(s, len, to.b, &v))
        return;
    static const char *const first[] = {"be",      "say",      "admit", "deal",   "put",
                                        "live",    "give",     "pay",   "cancel", "leave",
                                        "explain", "complain", NULL};
    if (any(s, v, first))
        return;
    /* told of a past (never had to, didn't have to), not a feature's present ("you don't have
     * to recharge it often" is a claim about the thing, read by its words) */
    static const char *const present[] = {"don",  "doesn", "dont", "doesnt", "do",
                                          "does", "won",   "wont", "will",   NULL};
    if (any(s, r[n - 2], present) || (n >= 3 && any(s, r[n - 3], present)))
        return;
    /* the statement runs to the clause's end: what follows names the trouble not had ("go
     * back for the same fault"), up to six words */
    uint32_t e = v.b;
    int k = 0;
    /* at most eight words: a clause without a break in a hostile line stays linear */
    for (x = v; k < 8 && next_word(s, len, x.b, &x); k++) {
        if (is(s, x, "before") || is(s, x, "until") || is(s, x, "till") || is(s, x, "ever"))
            return;
        if (k < 6)
            e = x.b;
    }
    if (f->nterms < HUGI_SENT_FACTS_MAX)
        f->terms[f->nterms++] = (struct hugi_sent_terms){r[n - 2].a, e, w.a, +1, false, true, 0, 0};
}

static bool sentence_break(char c)
{
    return c == '.' || c == '!' || c == '?' || c == '\n';
}

/* A statement told as an outcome, [from, to), with its sentence (up to 256 bytes either way),
 * where the scorer looks for a complaint word that leaves it out */
static void terms_add_told(struct hugi_sent_facts *f, const char *s, size_t len, uint32_t from,
                           uint32_t to)
{
    if (f->nterms >= HUGI_SENT_FACTS_MAX)
        return;
    uint32_t a = from, b = to;
    for (int k = 0; k < 256 && a > 0 && !sentence_break(s[a - 1]); k++)
        a--;
    for (int k = 0; k < 256 && b < len && !sentence_break(s[b]); k++)
        b++;
    f->terms[f->nterms++] = (struct hugi_sent_terms){from, to, UINT32_MAX, +1, false, false, a, b};
}

/* A span of use long enough to tell durability: years, months, seasons */
static bool long_unit(const char *s, struct word w)
{
    static const char *const v[] = {"year",    "years",   "month",   "months", "winter",
                                    "winters", "summer",  "summers", "season", "seasons",
                                    "decade",  "decades", NULL};
    return any(s, w, v);
}

/* A thing lasting in use, told as a fact (session thirteen, en14): "two years on and it still
 * holds a charge", "the soles still look new after a winter", "we've used the same cleaner for
 * six years now", "have stayed here every August since 2019". A span of use (years, months,
 * seasons) with "still" near it, or after a present perfect of use and "for" or "since"; or
 * "N years on" opening its clause. Never under a negator ("still doesn't work after a month");
 * the scorer leaves it out where its sentence holds a complaint word ("I've had it for a year
 * and it broke"). r[n - 1] is the unit word (or the year after "since"). */
static void lasting(const char *s, size_t len, const struct word *r, size_t n,
                    struct hugi_sent_facts *f)
{
    static const char *const perfect[] = {"have", "has", "ve", "been", NULL};
    static const char *const use[] = {"used",   "using",   "worn",    "wearing", "had",    "owned",
                                      "driven", "run",     "running", "stayed",  "gone",   "going",
                                      "bought", "ordered", "eaten",   "visited", "booked", NULL};
    /* a wait, not a use: "still waiting three months on", "still being held three months
     * after we moved out" */
    static const char *const wait[] = {"waiting", "wait",        "waited",  "being",
                                       "chasing", "trying",      "pending", "owed",
                                       "hold",    "outstanding", NULL};
    struct word w = r[n - 1], x;
    bool still = false, perf = false, used = false;
    for (size_t k = 0; k + 1 < n; k++) {
        if (negator(s, r[k]) || any(s, r[k], wait))
            return;
        still |= is(s, r[k], "still");
        perf |= any(s, r[k], perfect);
        used |= any(s, r[k], use);
    }
    /* the words after it in the clause: "two years on and it still ..." (not "still
     * doesn't") */
    x = w;
    bool on = false;
    for (int k = 0; k < 6 && next_word(s, len, x.b, &x); k++) {
        if (negator(s, x) || any(s, x, wait) || (k == 0 && (is(s, x, "after") || is(s, x, "ago"))))
            return; /* "three months after we moved out": a time since, not of use */
        on |= k == 0 && is(s, x, "on") && n <= 3;
        still |= is(s, x, "still");
    }
    bool since = n >= 2 && is(s, r[n - 2], "since");
    bool span = n >= 3 && is(s, r[n - 3], "for") && quantity(s, r[n - 2]) > 0;
    if (!(still || on || (perf && used && (since || span))))
        return;
    terms_add_told(f, s, len, n >= 3 ? r[n - 3].a : r[0].a, w.b);
}

/* The term of service a word at the end of r[0..n) closes, if any. */
static void terms_step(const char *s, size_t len, const struct word *r, size_t n,
                       struct hugi_sent_facts *f)
{
    struct word w = r[n - 1], p = n >= 2 ? r[n - 2] : w, nx;
    if (f->nterms >= HUGI_SENT_FACTS_MAX || hearsay(s, r, n - 1))
        return;
    bool neg = clause_negated(s, r, n - 1);
    int sign = neg ? -1 : +1;
    if (is(s, w, "charge") || is(s, w, "cost")) {
        /* "at no extra charge", "no charge", "at no additional cost" */
        size_t k = n - 1;
        if (k > 0 && (is(s, r[k - 1], "extra") || is(s, r[k - 1], "additional")))
            k--;
        if (k > 0 && is(s, r[k - 1], "no")) {
            terms_add_denial(f, r[k - 1].a, w.b, +1, r[k].a);
            return;
        }
        /* "didn't charge for the callout", "wouldn't charge us": not a device that "doesn't
         * charge" (the person charged, then who or what for) */
        static const char *const whom[] = {"me", "us", "you", "extra", "anything", "for", NULL};
        if (is(s, w, "charge") && n >= 2 && next_word(s, len, w.b, &nx) && any(s, nx, whom) &&
            (is(s, p, "never") || is(s, p, "didnt") || is(s, p, "wouldnt") || is(s, p, "dont") ||
             ((is(s, p, "t") || is(s, p, "not")) && n >= 3 &&
              (is(s, r[n - 3], "didn") || is(s, r[n - 3], "wouldn") || is(s, r[n - 3], "don") ||
               is(s, r[n - 3], "did") || is(s, r[n - 3], "would"))))) {
            bool two = is(s, p, "t") || is(s, p, "not");
            /* "it didn't charge for me", "the battery won't charge": a device, not a bill */
            static const char *const device[] = {"it",      "this",    "that",    "which", "phone",
                                                 "battery", "device",  "charger", "cable", "unit",
                                                 "one",     "laptop",  "tablet",  "watch", "car",
                                                 "pad",     "station", "case",    NULL};
            size_t subj = two ? n - 3 : n - 2;
            struct word y;
            if ((subj > 0 && any(s, r[subj - 1], device)) ||
                (is(s, nx, "for") && next_word(s, len, nx.b, &y) &&
                 (is(s, y, "me") || is(s, y, "us") || is(s, y, "long"))))
                return;
            /* the negator reaches three words past the verb: the statement holds them */
            uint32_t e = nx.b;
            struct word x = nx;
            for (int j = 0; j < 2 && next_word(s, len, x.b, &x); j++)
                e = x.b;
            terms_add_denial(f, two ? r[n - 3].a : p.a, e, +1, w.a);
        }
        return;
    }
    if (is(s, w, "charging")) {
        static const char *const whom[] = {"me", "us", "you", "extra", "anything", "for", NULL};
        if (is(s, p, "without") && next_word(s, len, w.b, &nx) && any(s, nx, whom))
            terms_add(f, p.a, nx.b, +1);
        return;
    }
    if (is(s, w, "quoted")) {
        if (is(s, p, "as")) {
            terms_add(f, p.a, w.b, sign);
            return;
        }
        /* "exactly what he quoted", "the price they quoted", "less than quoted", "double what
         * we were quoted" */
        size_t k = n - 1;
        while (k > 0 && n - k <= 3 && pronoun(s, r[k - 1]))
            k--;
        if (k == 0)
            return;
        struct word q = r[k - 1];
        static const char *const more[] = {"double", "twice", "triple", "more",   "over",
                                           "above",  "extra", "higher", "treble", NULL};
        static const char *const less[] = {"less", "lower", "cheaper", "under", "below", NULL};
        if (is(s, q, "than") && k >= 2) {
            terms_add(f, r[k - 2].a, w.b, any(s, r[k - 2], less) ? sign : -sign);
        } else if (is(s, q, "what") || is(s, q, "price") || is(s, q, "amount") ||
                   is(s, q, "figure") || is(s, q, "quoted")) {
            bool up = k >= 2 && any(s, r[k - 2], more);
            terms_add(f, q.a, w.b, up ? -sign : sign);
        }
        return;
    }
    if (is(s, w, "schedule") || is(s, w, "budget")) {
        bool sched = is(s, w, "schedule");
        if (is(s, p, "on") || is(s, p, "within") || (!sched && is(s, p, "under")) ||
            (sched && is(s, p, "of") && n >= 3 && is(s, r[n - 3], "ahead")))
            terms_add(f, p.a, w.b, sign);
        else if (is(s, p, "behind") || (!sched && is(s, p, "over")))
            terms_add(f, p.a, w.b, -1);
        return;
    }
    static const char *const agreed[] = {"agreed",   "promised",  "booked",
                                         "arranged", "requested", "discussed",
                                         "planned",  "specified", NULL};
    if (any(s, w, agreed)) {
        if (is(s, p, "as"))
            terms_add(f, p.a, w.b, sign);
        return;
    }
    if (is(s, w, "asked") || is(s, w, "asking")) {
        /* "without asking", "without me asking", "without being asked" */
        size_t k = n - 1;
        if (k > 0 && (is(s, r[k - 1], "me") || is(s, r[k - 1], "us") || is(s, r[k - 1], "being")))
            k--;
        if (k > 0 && is(s, r[k - 1], "without")) {
            if (!taking_verb(s, r, k - 1))
                terms_add(f, r[k - 1].a, w.b, +1);
            return;
        }
        /* "exactly what I asked for", "just as we asked", "the length I asked for" */
        if (is(s, w, "asked") && n >= 3 && (is(s, p, "i") || is(s, p, "we"))) {
            bool exact = is(s, r[n - 3], "what") || is(s, r[n - 3], "as");
            for (size_t j = 0; j + 2 < n && !exact; j++)
                exact = is(s, r[j], "exactly") || is(s, r[j], "precisely");
            if (exact)
                terms_add(f, r[n - 3].a, w.b, sign);
        }
        return;
    }
    /* "closed my ticket without fixing anything", "left without finishing the job" */
    static const char *const undone[] = {"fixing",     "repairing", "resolving", "solving",
                                         "sorting",    "finishing", "checking",  "replacing",
                                         "completing", "cleaning",  NULL};
    if (is(s, p, "without") && any(s, w, undone)) {
        terms_add(f, p.a, w.b, -1);
        return;
    }
    if (is(s, w, "more") && is(s, p, "no")) {
        /* "no more drips", "no more mould in the corners": the trouble gone; not a shortage
         * ("no more stock", "no more free refills") nor a measure ("no more than") */
        static const char *const shortage[] = {
            "than",       "of",       "to",     "for",       "free",    "and",    "or",
            "stock",      "room",     "space",  "support",   "updates", "update", "help",
            "money",      "options",  "left",   "available", "time",    "please", "excuses",
            "parts",      "service",  "stars",  "discounts", "refills", "choice", "sales",
            "deliveries", "delivery", "orders", "business",  "from",    "with",   NULL};
        /* nor the reviewer done with the company: "no more dealing with them", "no more
         * buying from this shop" (an -ing word, then with / from / at) (review15) */
        struct word y;
        if (next_word(s, len, w.b, &nx) && !any(s, nx, shortage) &&
            !(nx.b - nx.a > 4 && !memcmp(s + nx.b - 3, "ing", 3) && next_word(s, len, nx.b, &y) &&
              (is(s, y, "with") || is(s, y, "from") || is(s, y, "at"))))
            terms_add_gone(f, p.a, nx.b, w.a);
        return;
    }
    if (is(s, w, "since")) {
        since_step(s, len, r, n, f);
        return;
    }
    if (long_unit(s, w)) {
        lasting(s, len, r, n, f);
        return;
    }
    /* "since 2019": a year after "since" */
    if (n >= 2 && is(s, p, "since") && w.b - w.a == 4 && (s[w.a] == '1' || s[w.a] == '2') &&
        (s[w.a + 1] == '9' || s[w.a + 1] == '0')) {
        lasting(s, len, r, n, f);
        return;
    }
    if (is(s, w, "had") || is(s, w, "have") || is(s, w, "needed") || is(s, w, "need")) {
        not_needed(s, len, r, n, f);
        return;
    }
    /* a trouble ended: "has stopped snoring", "the rattle stopped", "the itching has stopped
     * since"; still going where denied ("hasn't stopped leaking") */
    if (is(s, w, "stopped") || is(s, w, "stops")) {
        if (next_word(s, len, w.b, &nx) && symptom(s, nx)) {
            terms_add_ended(f, w.a, nx.b, sign);
            return;
        }
        for (size_t k = n - 1; k-- > 0 && n - 1 - k <= 3;)
            if (symptom(s, r[k])) {
                terms_add_ended(f, r[k].a, w.b, sign);
                return;
            }
        return;
    }
    /* care beyond the job: "took the time to show me how", "called that evening to check on
     * her", "hoovered up after themselves", "took the old one away", "took all the rubbish
     * away with them" (not "took their time", "had to call to check on my order") */
    if (is(s, w, "time")) {
        if (n >= 3 && is(s, p, "the") && take_verb(s, r[n - 3]) && next_word(s, len, w.b, &nx) &&
            is(s, nx, "to"))
            terms_add(f, r[n - 3].a, nx.b, +1);
        else if (is(s, p, "first") && n >= 3 && right_first(s, r[n - 3]))
            terms_add(f, r[n - 3].a, w.b,
                      sign); /* "worked first time", "got it right first time" */
        return;
    }
    /* done at the first go: "worked on the first try", "started on the first pull", "fixed in
     * one visit", "sorted in a single call" (negated: "didn't work on the first try") */
    static const char *const go[] = {"try", "attempt", "pull", "visit", "call", "trip", NULL};
    if (any(s, w, go)) {
        if (n >= 3 && (is(s, p, "one") || is(s, p, "single") || is(s, p, "first")) &&
            (is(s, r[n - 3], "in") || is(s, r[n - 3], "on") || is(s, r[n - 3], "the") ||
             is(s, r[n - 3], "a")) &&
            !(is(s, p, "first") && !is(s, r[n - 3], "the")) &&
            !(is(s, p, "one") && !is(s, r[n - 3], "in")))
            terms_add(f, r[n - 3].a, w.b, sign);
        return;
    }
    /* on time told as a fact: "two weeks early", "sooner than promised", "before the deadline";
     * late: "later than they said", "missed the deadline" */
    if (is(s, w, "early")) {
        if (n >= 3 && unit_of(s, p) >= U_HOUR && quantity(s, r[n - 3]) > 0)
            terms_add(f, r[n - 3].a, w.b, sign);
        return;
    }
    if (is(s, w, "sooner") || is(s, w, "earlier") || is(s, w, "later")) {
        static const char *const said[] = {
            "promised",  "expected", "quoted", "planned", "agreed", "booked", "scheduled",  "said",
            "estimated", "they",     "we",     "he",      "she",    "i",      "advertised", NULL};
        struct word y;
        if (next_word(s, len, w.b, &nx) && is(s, nx, "than") && next_word(s, len, nx.b, &y) &&
            any(s, y, said))
            terms_add(f, w.a, y.b, is(s, w, "later") ? -sign : sign);
        return;
    }
    if (is(s, w, "deadline") || is(s, w, "deadlines")) {
        struct word q = n >= 3 && (is(s, p, "the") || is(s, p, "every") || is(s, p, "our") ||
                                   is(s, p, "my") || is(s, p, "a"))
                            ? r[n - 3]
                            : p;
        if (n < 2)
            return;
        if (is(s, q, "before") || is(s, q, "met") || is(s, q, "meet") || is(s, q, "beat"))
            terms_add(f, q.a, w.b, sign);
        else if (is(s, q, "missed") || is(s, q, "after") || is(s, q, "past") || is(s, q, "blew") ||
                 is(s, q, "miss"))
            terms_add(f, q.a, w.b, -1);
        return;
    }
    /* a thing working again after the job: "it drains again", "I can reach the top shelf
     * again" (not "stopped working again", "can't use it again") */
    if (is(s, w, "again")) {
        static const char *const works[] = {
            "works",  "working", "runs",  "running", "starts", "drains", "flushes", "heats",
            "closes", "opens",   "locks", "shuts",   "flows",  "cools",  "fits",    NULL};
        static const char *const broke[] = {"stopped", "quit", "broke", "broken", "keeps",
                                            "kept",    "stop", "if",    "when",   NULL};
        if (neg)
            return;
        bool can = false;
        for (size_t k = 0; k + 1 < n; k++) {
            if (any(s, r[k], broke))
                return;
            can |= is(s, r[k], "can") || is(s, r[k], "could");
        }
        if (can || any(s, p, works))
            terms_add(f, (can ? r[0] : p).a, w.b, +1);
        return;
    }
    /* "threw in a new strap": a thing given free; not "threw in the towel" */
    if (is(s, w, "threw") || is(s, w, "thrown")) {
        struct word y;
        if (next_word(s, len, w.b, &nx) && is(s, nx, "in") &&
            !(next_word(s, len, nx.b, &y) && next_word(s, len, y.b, &y) && is(s, y, "towel")))
            terms_add(f, w.a, nx.b, +1);
        return;
    }
    if (is(s, w, "overnight")) {
        /* "turned my files around overnight", "fixed it overnight": not "charged overnight" */
        for (size_t k = n - 1; k-- > 0 && n - 1 - k <= 3;)
            if (service_done(s, r[k]) || is(s, r[k], "around")) {
                if (!neg)
                    terms_add(f, r[k].a, w.b, +1);
                return;
            }
        return;
    }
    /* the trouble left where it was: "the stains are all still there", "the stump is still
     * there" */
    if (is(s, w, "still")) {
        if (next_word(s, len, w.b, &nx) && is(s, nx, "there") && !next_word(s, len, nx.b, &nx) &&
            !neg)
            terms_add(f, w.a, nx.b, -1);
        return;
    }
    if (is(s, w, "check")) {
        static const char *const whom[] = {"on", "in", "up", "how", "back", NULL};
        bool mine = false;
        for (size_t k = 0; k + 1 < n; k++)
            mine |= is(s, r[k], "i") || is(s, r[k], "we") || is(s, r[k], "had");
        if (!mine && !neg && is(s, p, "to") && next_word(s, len, w.b, &nx) && any(s, nx, whom))
            terms_add(f, w.a, nx.b, +1);
        return;
    }
    if (is(s, w, "themselves") || is(s, w, "himself") || is(s, w, "herself")) {
        if (is(s, p, "after") && !neg)
            terms_add(f, p.a, w.b, +1);
        return;
    }
    if (is(s, w, "away") && !neg) {
        /* the verb of taking, then what was taken: the old one, the waste of the job */
        static const char *const waste[] = {
            "old",          "rubbish",   "waste",    "cardboard", "packaging", "clippings",
            "debris",       "mess",      "boxes",    "offcuts",   "leftovers", "everything",
            "junk",         "trimmings", "cuttings", "branches",  "bags",      "tiles",
            "plasterboard", "carpet",    NULL};
        bool taken = false;
        for (size_t k = n - 1; k-- > 0;) {
            if (is(s, r[k], "took") || is(s, r[k], "taken") || is(s, r[k], "carted") ||
                is(s, r[k], "hauled") || is(s, r[k], "cleared")) {
                if (taken)
                    terms_add(f, r[k].a, w.b, +1);
                return;
            }
            taken |= any(s, r[k], waste);
        }
        return;
    }
    if (is(s, w, "unasked")) {
        terms_add(f, w.a, w.b, +1);
        return;
    }
    uint32_t end;
    if (is(s, w, "while") && while_extra(s, len, w, &end))
        terms_add(f, w.a, end, +1);
}

/* The time statement a unit word (or "long") at the end of r[0..n) closes, if any. */
static void timed_step(const char *s, size_t len, const struct word *r, size_t n,
                       struct hugi_sent_facts *f)
{
    struct word w = r[n - 1];
    if (f->ntimed >= HUGI_SENT_FACTS_MAX)
        return;
    enum unit un = unit_of(s, w);
    if (is(s, w, "long") && n >= 3 && take_verb(s, r[n - 2]) && negator(s, r[n - 3])) {
        f->timed[f->ntimed++] =
            (struct hugi_sent_timed){r[n - 3].a, w.b, +1}; /* didn't take long */
    } else if (un != U_NONE) {
        uint32_t from = w.a;
        int sign = frame(s, len, r, n - 1, w, un, &from);
        if (sign)
            f->timed[f->ntimed++] = (struct hugi_sent_timed){from, w.b, sign};
    }
}

/* The price statement a cost noun at the end of r[0..n) is part of, if any. */
static void cost_step(const char *s, size_t len, const struct word *r, size_t n,
                      struct hugi_sent_facts *f)
{
    struct word w = r[n - 1];
    if (f->ncost >= HUGI_SENT_FACTS_MAX || !(cost_noun(s, w) || rate_noun(s, r, n)))
        return;
    int sign = 0;
    struct word d = w;
    /* before: "they doubled the price", "lower fees", "cut my monthly bill" */
    for (size_t k = n - 1; k > 0 && n - 1 - k < 4 && !sign; k--) {
        struct word p = r[k - 1];
        if (negator(s, p))
            break;
        sign = direction(s, p, k >= 2 ? &r[k - 2] : NULL);
        if (!sign && is(s, p, "cut") && !is(s, w, "cost") && !is(s, w, "costs"))
            sign = +1;
        d = p;
    }
    /* after: "my bill dropped", "prices have gone up", "fees were lower" */
    struct word prev = w, nx;
    size_t at = w.b;
    for (int k = 0; k < 4 && !sign && next_word(s, len, at, &nx); k++) {
        if (negator(s, nx))
            break;
        sign = direction(s, nx, &prev);
        d = nx;
        prev = nx;
        at = nx.b;
    }
    /* "the subscription price increased": one statement, told by its one direction */
    if (!sign || (f->ncost > 0 && f->cost[f->ncost - 1].dir_a == d.a))
        return;
    uint32_t a = d.a < w.a ? d.a : w.a, e = d.b > w.b ? d.b : w.b;
    f->cost[f->ncost++] = (struct hugi_sent_cost){a, e, d.a, d.b, sign};
}

bool hugi_sent_facts_word(const char *p, size_t n)
{
    if (n == 2)
        return p[0] == 'h' && p[1] == 'r'; /* hr */
    if (n < 3 || n > 12)
        return false;
    switch (p[0]) {
    case 's':
        return (p[1] == 'e' && p[2] == 'c') || (p[1] == 'u' && n == 12) ||
               (p[1] == 'c' && p[2] == 'h' && n == 8) || (p[1] == 'p' && p[2] == 'e' && n == 9) ||
               (p[1] == 'o' && (p[2] == 'l' || p[2] == 'r') && n == 7) ||
               (n == 5 && p[1] == 'i' && p[2] == 'n') || (n == 5 && p[1] == 't' && p[2] == 'i') ||
               (n == 6 && p[1] == 'o' && p[2] == 'o') ||
               (p[1] == 't' && p[2] == 'o' && (n == 5 || n == 7)) ||
               ((n == 6 || n == 7) &&
                ((p[1] == 'u' && p[2] == 'm') || (p[1] == 'e' && p[2] == 'a'))); /* second;
    subscription; schedule; specified; solving, sorting; since; still; sooner; stops, stopped */
    case 'm':
        return (p[1] == 'i' && p[2] == 'n') ||
               (p[1] == 'o' && (p[2] == 'n' || p[2] == 'r')); /* minute; month, morning */
    case 'h':
        return (p[1] == 'o' && p[2] == 'u') || p[1] == 'r' ||
               (p[1] == 'a' && ((n == 3 && p[2] == 'd') || (n == 4 && p[2] == 'v'))) || /* had,
                                                                                      have */
               (n == 7 && (p[1] == 'i' || p[1] == 'e') && p[2] == (p[1] == 'i' ? 'm' : 'r'));
        /* hour; hrs; himself, herself */
    case 'a':
        return (n == 9 && p[1] == 'f') || (p[1] == 'g' && p[2] == 'r' && n == 6) ||
               (p[1] == 'r' && p[2] == 'r' && n == 8) || (p[1] == 's' && p[2] == 'k' && n >= 5) ||
               (n == 4 && p[1] == 'w' && p[2] == 'a') || (n == 7 && p[1] == 't' && p[2] == 't') ||
               (n == 5 && p[1] == 'g' && p[2] == 'a'); /* afternoon; agreed; arranged; asked;
                                                          away; attempt; again */
    case 'e':
        return (n == 7 && p[1] == 'v') ||
               (p[1] == 'a' && p[2] == 'r' && (n == 5 || n == 7)); /* evening; early, earlier */

    case 'w':
        return (p[1] == 'e' && p[2] == 'e') || ((n == 6 || n == 7) && p[1] == 'i' && p[2] == 'n') ||
               (n == 5 && p[1] == 'h' && p[2] == 'i'); /* week,
weekend; while */
    case 'd':
        return (p[1] == 'a' && p[2] == 'y') || ((n == 6 || n == 7) && p[1] == 'e' && p[2] == 'c') ||
               (n == 9 && p[1] == 'i' && p[2] == 's') ||
               ((n == 8 || n == 9) && p[1] == 'e' && p[2] == 'a'); /* day; discussed;
                                                                      deadline(s) */
    case 'f':
        return (p[1] == 'o' && p[2] == 'r' && n == 9) || (p[1] == 'e' && p[2] == 'e') ||
               (p[1] == 'a' && p[2] == 'r') || (n == 6 && p[1] == 'i' && p[2] == 'x') ||
               (n == 9 && p[1] == 'i' && p[2] == 'n'); /* fortnight; fee; fare; fixing;
                                                          finishing */
    case 'l':
        return (n == 4 && p[1] == 'o' && p[2] == 'n') ||
               (n == 5 && p[1] == 'a' && p[2] == 't'); /* long; later */
    case 'p':
        return (p[1] == 'r' && (p[2] == 'i' || p[2] == 'e' || (p[2] == 'o' && n == 8))) ||
               (p[1] == 'a' && p[2] == 'y') || (n == 7 && p[1] == 'l' && p[2] == 'a') ||
               (n == 4 && p[1] == 'u' && p[2] == 'l'); /* price, premium, promised; payment;
                                                          planned; pull */
    case 'b':
        return (p[1] == 'i' && p[2] == 'l') || (n == 6 && p[1] == 'u' && p[2] == 'd') ||
               (n == 6 && p[1] == 'o' && p[2] == 'o'); /* bill; budget; booked */
    case 'c':
        return (p[1] == 'o' && p[2] == 's') || (p[1] == 'h' && p[2] == 'a' && n >= 6 && n <= 8) ||
               (n == 8 && ((p[1] == 'h' && p[2] == 'e') || (p[1] == 'l' && p[2] == 'e'))) ||
               (n == 5 && p[1] == 'h' && p[2] == 'e') || /* check */
               (n == 4 && p[1] == 'a' && p[2] == 'l') || /* call */
               (n == 10 && p[1] == 'o' && p[2] == 'm');  /* cost; charge(s), charging; checking,
                                                            cleaning; completing */
    case 'q':
        return n == 6 && p[1] == 'u' && p[2] == 'o'; /* quoted */
    case 'r':
        return (p[1] == 'e' && (p[2] == 'n' || p[2] == 'q')) ||
               ((n == 4 || n == 5) && p[1] == 'a' && p[2] == 't') ||    /* rate(s) */
               (n == 9 && p[1] == 'e' && (p[2] == 'p' || p[2] == 's')); /* rent; requested;
                                                     repairing, replacing; resolving */
    case 't':
        return (p[1] == 'a' && p[2] == 'r') || (n == 4 && p[1] == 'i' && p[2] == 'm') ||
               (n == 10 && p[1] == 'h' && p[2] == 'e') ||
               (p[1] == 'r' && ((n == 3 && p[2] == 'y') || (n == 4 && p[2] == 'i'))) ||
               ((n == 5 || n == 6) && p[1] == 'h' && p[2] == 'r'); /* tariff; time; themselves;
                                                                     try, trip; threw(n) */
    case 'u':
        return n == 7 && p[1] == 'n' && p[2] == 'a'; /* unasked */
    case 'n':
        return (n == 4 || n == 6) && p[1] == 'e' && p[2] == 'e'; /* need, needed */
    case 'y':
        return (n == 4 || n == 5) && p[1] == 'e' && p[2] == 'a'; /* year(s) */
    case '1':
    case '2':
        return n == 4 && (p[1] == '9' || p[1] == '0'); /* a year: since 2019 */
    case 'v':
        return n == 5 && p[1] == 'i' && p[2] == 's'; /* visit */
    case 'o':
        return n == 9 && p[1] == 'v' && p[2] == 'e'; /* overnight */
    default:
        return false;
    }
}

void hugi_sent_facts_find(const char *s, size_t len, struct hugi_sent_facts *f)
{
    /* the clause's last RING words, a circular buffer (head: the next slot); copied in order
     * only where a word may close a fact */
    struct word ring[RING], r[RING];
    size_t n = 0, head = 0, i = 0;
    struct word w;
    f->ntimed = f->ncost = f->nterms = 0;
    while (text_word(s, len, &i, &w, &n)) {
        ring[head] = w;
        head = (head + 1) % RING;
        if (n < RING)
            n++;
        if (!hugi_sent_facts_word(s + w.a, w.b - w.a))
            continue;
        for (size_t k = 0; k < n; k++)
            r[k] = ring[(head + RING - n + k) % RING];
        timed_step(s, len, r, n, f);
        cost_step(s, len, r, n, f);
        terms_step(s, len, r, n, f);
    }
}
