# SPDX-License-Identifier: MIT
# ux15's user audit (docs/audit-ux15.md): standard input that cannot be read is a failure.
add_test(NAME cli/unreadable-stdin
         COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/cli_inputs.sh $<TARGET_FILE:hugi>)
set_tests_properties(cli/unreadable-stdin PROPERTIES TIMEOUT 60 LABELS "cli"
                     ENVIRONMENT "HUGI_DATADIR=${PROJECT_SOURCE_DIR}")
