/* SPDX-License-Identifier: MIT
 * How long a thing took, told as a fact (timed.c): internal to the sentiment library. */
#ifndef HUGI_SENT_TIMED_H
#define HUGI_SENT_TIMED_H

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

#endif
