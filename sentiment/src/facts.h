/* SPDX-License-Identifier: MIT
 * Facts that judge with no polar word: how long a thing took, which way a price went (facts.c):
 * internal to the sentiment library. */
#ifndef HUGI_SENT_FACTS_H
#define HUGI_SENT_FACTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The raw weight of one statement of time: a little more than the learned "minutes" and
 * "took" (each capped at 1.5) that read every such statement as a wait. */
#define HUGI_SENT_TIMED_W 3.2

struct hugi_sent_timed {
    uint32_t start, end; /* byte span in the normalised text */
    int sign;            /* +1 quick ("took five minutes"), -1 slow ("ten days to deliver") */
};

/* The raw weight of a price's direction told as a fact ("my bill dropped by a third", "they
 * doubled the price"): as much as a time taken. */
#define HUGI_SENT_COST_W 3.2

struct hugi_sent_cost {
    uint32_t start, end;   /* byte span of the whole statement in the normalised text */
    uint32_t dir_a, dir_b; /* the word that tells the direction (its hand-written weight is left
                              out; a learned weight of it still counts) */
    int sign;              /* +1 the price went down, -1 up */
};

/* The raw weight of a term of a service kept or broken told as a fact ("charged exactly what he
 * quoted", "ahead of schedule", "at no extra charge", "while he was up there"; "not as agreed",
 * "over budget"): as much as a time taken. */
#define HUGI_SENT_TERMS_W 3.2

struct hugi_sent_terms {
    uint32_t start, end;     /* byte span of the statement in the normalised text */
    uint32_t negated;        /* where the statement is a denial ("didn't charge for the callout"):
                                the start of the word denied, whose negator the statement has read;
                                UINT32_MAX when none */
    int sign;                /* +1 kept or an extra given, -1 broken */
    bool trouble;            /* a trouble denied ("no more drips", "haven't had a leak since"): the
                                scorer turns it where what is denied is praise (en14) */
    bool ended;              /* a trouble ended or not needed ("stopped snoring", "never had to go
                                back for the same fault"): the complaint words inside are the
                                statement's, the scorer leaves them out (en14) */
    uint32_t sent_a, sent_b; /* a thing lasting in use ("two years on and it still holds a
                                charge"): its sentence, where a complaint word leaves the
                                statement out ("had it for a year and it broke"); else 0, 0 */
};

#define HUGI_SENT_FACTS_MAX 4

/* What the text tells as facts, in text order, at most HUGI_SENT_FACTS_MAX of each kind. */
struct hugi_sent_facts {
    size_t ntimed, ncost, nterms;
    struct hugi_sent_timed timed[HUGI_SENT_FACTS_MAX];
    struct hugi_sent_cost cost[HUGI_SENT_FACTS_MAX];
    struct hugi_sent_terms terms[HUGI_SENT_FACTS_MAX];
};

/* Finds, in one pass over the normalised English text s[0..len), the statements of time taken,
 * those of a price going up or down: a cost noun (price, bill, fee, rent, premium ...) and
 * a word of direction (went up, doubled, hiked / dropped, halved, cut, lower) within four words
 * of it in its clause, and the terms of a service kept or broken (session twelve). */
void hugi_sent_facts_find(const char *s, size_t len, struct hugi_sent_facts *f);

/* Could the word p[0..n) be one a fact turns on (a unit of time, "long", a cost noun)? By its
 * first three letters and its length (a few other words pass): a text without one has no fact
 * to look for (the scorer asks in its per-text word scan, en10_cues). */
bool hugi_sent_facts_word(const char *p, size_t n);

#endif
