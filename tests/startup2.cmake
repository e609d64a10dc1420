# SPDX-License-Identifier: MIT
# The lean `hugi` and hugi-full (cli/main.c, bench/README.md "Session nine"): the lean one loads
# none of libcurl, libxml2 and libpq; every subcommand dispatches and says the same as hugi-full
# would; a missing hugi-full is one clear error.
add_test(NAME startup2/lean-libs
         COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/startup2_libs.sh $<TARGET_FILE:hugi>
                 $<TARGET_FILE:hugi-full>)
add_test(NAME startup2/dispatch
         COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/startup2_dispatch.sh $<TARGET_FILE:hugi>
                 $<TARGET_FILE:hugi-full>)
add_test(NAME startup2/exec-path
         COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/startup2_exec.sh $<TARGET_FILE:hugi>
                 $<TARGET_FILE:hugi-full>)
set_tests_properties(startup2/lean-libs startup2/dispatch startup2/exec-path PROPERTIES
                     TIMEOUT 120 LABELS "startup2" ENVIRONMENT "HUGI_DATADIR=${PROJECT_SOURCE_DIR}")
