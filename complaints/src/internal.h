/* SPDX-License-Identifier: MIT
 * Private to hugi_complaint: the text folding shared by the matcher and the phrase counter. */
#ifndef HUGI_COMPLAINT_INTERNAL_H
#define HUGI_COMPLAINT_INTERNAL_H

#include "hugi/complaint.h"

struct hugi_tm_text;

/* The joined view categories are matched in: s normalised by textmatch (tm is scratch), then
 * the spaces between non-ASCII-alphanumerics dropped, into fold. HUGI_OK or HUGI_E_NOMEM. */
hugi_rc hugi_complaint_fold_(const char *s, size_t len, struct hugi_tm_text *tm,
                             struct hugi_buf *fold);

#endif
