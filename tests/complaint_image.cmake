# SPDX-License-Identifier: MIT
# The complaint taxonomy's compiled image (lexicons/README.md "Compiled image"): the image
# categorises as the parsed lexicons do, bad images are refused, the CLI's cache round trip.
hugi_unit_test(complaint_image LIBS hugi_complaint hugi_sent)
add_test(NAME complaints/image-cache
         COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/complaint_image.sh $<TARGET_FILE:hugi>
                 ${CMAKE_CURRENT_SOURCE_DIR}/data/complaint_image)
set_tests_properties(complaints/image-cache PROPERTIES TIMEOUT 120 LABELS "complaints")
# The joined view's 16-byte runs against the byte-by-byte loop (tests/fuzz/join_ref.h).
hugi_unit_test(complaint_join LIBS hugi_complaint hugi_sent)
