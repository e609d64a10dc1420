/* SPDX-License-Identifier: MIT
 * Ratings stated in a review's text (stated.c): internal to the sentiment library. */
#ifndef HUGI_SENT_STATED_H
#define HUGI_SENT_STATED_H

#include <stddef.h>
#include <stdint.h>

/* The raw weight of a full or zero stated rating: beyond what the n-grams around it add
 * ("10점 만점에 2점" sums ~+5 of learned praise for 만점). */
#define HUGI_SENT_STATED_W 10.0

struct hugi_sent_stated {
    uint32_t start, end; /* byte span in the normalised text */
    double value, scale; /* 4 of 5, 2 of 10 */
};

/* Finds up to max stated ratings in the normalised text s[0..len), in text order; orig and map
 * (the original text and the normaliser's offsets into it, may be NULL) recount star glyphs. */
size_t hugi_sent_stated_find(const char *s, size_t len, const char *orig, const uint32_t *map,
                             struct hugi_sent_stated *out, size_t max);
/* What a stated rating adds to the raw score: +W at the top of its scale, 0 at 60 %, -W at
 * 20 % and below. */
double hugi_sent_stated_weight(const struct hugi_sent_stated *st);

#endif
