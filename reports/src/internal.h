/* SPDX-License-Identifier: MIT
 * Private to hugi_report: helpers shared between the stage's files. */
#ifndef HUGI_REPORT_INTERNAL_H
#define HUGI_REPORT_INTERNAL_H

#include "hugi/report.h"

#include <yajl/yajl_tree.h>

/* "ko" or "en" for a review: its lang field, else Hangul in the text. Borrowed, static. */
const char *hugi_report__lang(const char *lang, const char *text);
/* Appends text, PII-masked when mask. */
hugi_rc hugi_report__text(struct hugi_buf *out, const char *s, bool mask);
/* Reads the review fields of a JSON object node into r (initialised by the caller). */
hugi_rc hugi_report__review_from_node(yajl_val node, struct hugi_review *r, const char *path,
                                      struct hugi_err *err);
/* A string array node into a malloc'ed vector. */
hugi_rc hugi_report__strv_from_node(yajl_val node, char ***v, size_t *n, const char *path,
                                    struct hugi_err *err);
void hugi_report__strv_free(char **v, size_t n);

#endif
