# SPDX-License-Identifier: MIT
# Tests added in review (review8): defects found in the store's failure paths.

# `hugi scan` failed by its store: a complaint group's COMMIT refused (exit 1, the run recorded as
# failed), a review refused mid-page (the page rolled back, and not counted in the run)
add_test(NAME scan/commit-fails COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/scan_commit_fail.sh
                                        $<TARGET_FILE:hugi> ${PROJECT_SOURCE_DIR})
set_tests_properties(scan/commit-fails PROPERTIES TIMEOUT 120 LABELS "scan;store")

# `hugi import` whose PostgreSQL session is ended mid-batch: committed batches kept, the run
# counting only them, a rerun finishing the rest once
add_test(NAME pg/import-killed
         COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/pg_server.sh run ${CMAKE_BINARY_DIR}/pg-test bash
                 ${CMAKE_CURRENT_SOURCE_DIR}/pg_import_kill.sh $<TARGET_FILE:hugi>)
set_tests_properties(pg/import-killed PROPERTIES FIXTURES_REQUIRED pg TIMEOUT 120
                     LABELS "pg;import" SKIP_RETURN_CODE 77)
