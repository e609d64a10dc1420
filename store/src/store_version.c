/* SPDX-License-Identifier: MIT */
#include "hugi/store.h"

const char *hugi_store_version(void)
{
    return HUGI_VERSION;
}
