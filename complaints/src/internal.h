/* SPDX-License-Identifier: MIT
 * Private to hugi_complaint: the text folding shared by the matcher and the phrase counter. */
#ifndef HUGI_COMPLAINT_INTERNAL_H
#define HUGI_COMPLAINT_INTERNAL_H

#include "hugi/complaint.h"

/* Folds s (lower case, full-width to ASCII, white space kept only between ASCII letters/digits)
 * into fold; when ms is not NULL, (*ms)[i] / (*me)[i] get the original byte range of folded byte
 * i (arrays grown as needed, *mcap their capacity). HUGI_E_NOMEM or HUGI_OK. */
hugi_rc hugi_complaint_fold_(const char *s, size_t len, struct hugi_buf *fold, uint32_t **ms,
                             uint32_t **me, size_t *mcap);

#endif
