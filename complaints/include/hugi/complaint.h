/* SPDX-License-Identifier: MIT
 * hugi_complaint: public interface of the complaints stage (placeholder until the stage lands). */
#ifndef HUGI_COMPLAINT_H
#define HUGI_COMPLAINT_H

#include "hugi/core.h"

/* The stage's version string; borrowed. */
const char *hugi_complaint_version(void);

#endif
