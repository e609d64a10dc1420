/* SPDX-License-Identifier: MIT
 * This machine's name, as runs and work leases record it. */
#include "hugi/core.h"

#include <stdio.h>
#include <unistd.h>

void hugi_hostname(char *out, size_t cap)
{
    if (!cap)
        return;
    if (gethostname(out, cap) != 0)
        snprintf(out, cap, "?");
    out[cap - 1] = '\0'; /* a name cut to fit is not terminated by gethostname */
}
