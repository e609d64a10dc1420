/* SPDX-License-Identifier: MIT */
#include "hugi/fetch.h"

const char *hugi_fetch_version(void)
{
    return HUGI_VERSION;
}
