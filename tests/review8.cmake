# SPDX-License-Identifier: MIT
# Tests added in review (review8): defects found in the store's failure paths.

# `hugi scan` failed by its store: a complaint group's COMMIT refused (exit 1, the run recorded as
# failed), a review refused mid-page (the page rolled back, and not counted in the run)
add_test(NAME scan/commit-fails COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/scan_commit_fail.sh
                                        $<TARGET_FILE:hugi> ${PROJECT_SOURCE_DIR})
set_tests_properties(scan/commit-fails PROPERTIES TIMEOUT 120 LABELS "scan;store")
