/* SPDX-License-Identifier: MIT
 * `hugi export`: placeholder until the store stage lands. */
#include "cli.h"

int hugi_cmd_export(int argc, char **argv)
{
    return cli_stub(argc, argv, "export",
                    "usage: hugi export [--product ID] [--since DATE] [--format jsonl|csv]\n\nPrint stored reviews.\n\n",
                    "store");
}
