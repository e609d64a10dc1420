/* SPDX-License-Identifier: MIT
 * `hugi import`: placeholder until the store stage lands. */
#include "cli.h"

int hugi_cmd_import(int argc, char **argv)
{
    return cli_stub(argc, argv, "import",
                    "usage: hugi import FILE [--product ID] [--source NAME] [--map col=field,...] [--strict]\n\nImport a seller-centre export (CSV or JSONL) into the store.\n\n",
                    "store");
}
