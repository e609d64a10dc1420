/* SPDX-License-Identifier: MIT */
#include "hugi/sent.h"

const char *hugi_sent_version(void)
{
    return HUGI_VERSION;
}
