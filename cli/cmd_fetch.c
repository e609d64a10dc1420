/* SPDX-License-Identifier: MIT
 * `hugi fetch`: placeholder until the fetchers stage lands. */
#include "cli.h"

int hugi_cmd_fetch(int argc, char **argv)
{
    return cli_stub(argc, argv, "fetch",
                    "usage: hugi fetch URL [--preset P | --source NAME] [--pages N]\n\nFetch one page or feed and print the reviews it holds as JSONL.\n\n",
                    "fetchers");
}
