/* SPDX-License-Identifier: MIT */
#include "hugi/complaint.h"

const char *hugi_complaint_version(void)
{
    return HUGI_VERSION;
}
