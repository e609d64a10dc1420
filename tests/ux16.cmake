# SPDX-License-Identifier: MIT
# ux16's user audit (docs/audit-ux16.md): ack's partial exit, the digest following acks, the
# message of a lock held by another program (saved pages as file:// sources, no network).
add_test(NAME cli/ux16-morning
         COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/ux16.sh $<TARGET_FILE:hugi> ${PROJECT_SOURCE_DIR})
set_tests_properties(cli/ux16-morning PROPERTIES TIMEOUT 120 LABELS "cli")
