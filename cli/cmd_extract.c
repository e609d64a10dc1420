/* SPDX-License-Identifier: MIT
 * `hugi extract`: placeholder until the fetchers stage lands. */
#include "cli.h"

int hugi_cmd_extract(int argc, char **argv)
{
    return cli_stub(argc, argv, "extract",
                    "usage: hugi extract FILE [--preset P | --source NAME] [--url URL]\n\nExtract reviews from a saved page or feed (- for stdin) as JSONL.\n\n",
                    "fetchers");
}
