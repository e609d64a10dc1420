/* SPDX-License-Identifier: MIT
 * hugi_fetch: public interface of the fetchers stage (placeholder until the stage lands). */
#ifndef HUGI_FETCH_H
#define HUGI_FETCH_H

#include "hugi/core.h"

/* The stage's version string; borrowed. */
const char *hugi_fetch_version(void);

#endif
