/* SPDX-License-Identifier: MIT
 * `hugi eval`: placeholder until the sentiment stage lands. */
#include "cli.h"

int hugi_cmd_eval(int argc, char **argv)
{
    return cli_stub(argc, argv, "eval",
                    "usage: hugi eval [--scale 5|10] [--errors N] FILE...\n\nMeasure the scorer on LABEL<TAB>TEXT files.\n\n",
                    "sentiment");
}
