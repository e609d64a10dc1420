/* SPDX-License-Identifier: MIT
 * Facts that judge with no polar word: how long a thing took, which way a price went (facts.c): internal to the sentiment library. */
#ifndef HUGI_SENT_FACTS_H
#define HUGI_SENT_FACTS_H

#include <stddef.h>
#include <stdint.h>

/* The raw weight of one statement of time: a little more than the learned "minutes" and
 * "took" (each capped at 1.5) that read every such statement as a wait. */
#define HUGI_SENT_TIMED_W 3.2

struct hugi_sent_timed {
    uint32_t start, end; /* byte span in the normalised text */
    int sign;            /* +1 quick ("took five minutes"), -1 slow ("ten days to deliver") */
};

/* Finds up to max statements of time in the normalised English text s[0..len), in text order. */
size_t hugi_sent_timed_find(const char *s, size_t len, struct hugi_sent_timed *out, size_t max);

/* The raw weight of a price's direction told as a fact ("my bill dropped by a third", "they
 * doubled the price"): as much as a time taken. */
#define HUGI_SENT_COST_W 3.2

struct hugi_sent_cost {
    uint32_t start, end;   /* byte span of the whole statement in the normalised text */
    uint32_t dir_a, dir_b; /* the word that tells the direction (its own weight is left out) */
    int sign;              /* +1 the price went down, -1 up */
};

/* Finds up to max statements of a price going up or down in the normalised English text
 * s[0..len), in text order: a cost noun (price, bill, fee, rent, premium ...) and a word of
 * direction (went up, doubled, hiked / dropped, halved, cut, lower) within four words of it in
 * its clause. */
size_t hugi_sent_cost_find(const char *s, size_t len, struct hugi_sent_cost *out, size_t max);

#endif
