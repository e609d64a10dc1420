/* SPDX-License-Identifier: MIT
 * hugi_report: public interface of the reports stage (placeholder until the stage lands). */
#ifndef HUGI_REPORT_H
#define HUGI_REPORT_H

#include "hugi/core.h"

/* The stage's version string; borrowed. */
const char *hugi_report_version(void);

#endif
