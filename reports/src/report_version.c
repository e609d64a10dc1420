/* SPDX-License-Identifier: MIT */
#include "hugi/report.h"

const char *hugi_report_version(void)
{
    return HUGI_VERSION;
}
