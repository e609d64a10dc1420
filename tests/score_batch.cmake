# SPDX-License-Identifier: MIT
# `hugi score --categories` in batches (speed8): the same lines as the unbatched paths give.
add_test(NAME score/categories-batch
         COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/score_batch.sh $<TARGET_FILE:hugi>)
set_tests_properties(score/categories-batch PROPERTIES TIMEOUT 120 LABELS "sent"
                     ENVIRONMENT "HUGI_DATADIR=${PROJECT_SOURCE_DIR}")
