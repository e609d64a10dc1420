/* SPDX-License-Identifier: MIT
 * hugi_store: public interface of the store stage (placeholder until the stage lands). */
#ifndef HUGI_STORE_H
#define HUGI_STORE_H

#include "hugi/core.h"

/* The stage's version string; borrowed. */
const char *hugi_store_version(void);

#endif
