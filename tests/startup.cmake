# SPDX-License-Identifier: MIT
# The compiled lexicon image (start-up): round trip against the TSV-built model, refusals.
hugi_unit_test(lexicon_image LIBS hugi_sent Threads::Threads)
add_test(NAME startup/image-cache
         COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/startup_cache.sh $<TARGET_FILE:hugi>)
set_tests_properties(startup/image-cache PROPERTIES TIMEOUT 60
                     ENVIRONMENT "HUGI_DATADIR=${PROJECT_SOURCE_DIR}")
