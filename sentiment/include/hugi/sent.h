/* SPDX-License-Identifier: MIT
 * hugi_sent: public interface of the sentiment stage (placeholder until the stage lands). */
#ifndef HUGI_SENT_H
#define HUGI_SENT_H

#include "hugi/core.h"

/* The stage's version string; borrowed. */
const char *hugi_sent_version(void);

#endif
