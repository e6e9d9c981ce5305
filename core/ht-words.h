/* ht-words.h — numbers and dates written in Vietnamese words, as papers
 * write a date of birth ("ghi bằng chữ").
 *
 * Copyright 2026 The hotich developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Follows the written usage of civil-status papers: "mốt" for a final one
 * after twenty ("hai mươi mốt"), "tư" for a final four after twenty ("hai
 * mươi tư"), "lăm" for a final five after ten ("mười lăm"), "linh" for an
 * empty tens place inside a group ("một trăm linh năm"), and "không trăm"
 * for an empty hundreds place after thousands ("hai nghìn không trăm hai
 * mươi sáu").  April is "tháng tư".
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* "n" in words, lower case: 0 "không", 2026 "hai nghìn không trăm hai mươi
 * sáu", 1000000 "một triệu".  Good up to G_MAXUINT64. */
char *ht_words_number (guint64 n);

/* A date in words as the birth certificate writes it, with a capital first
 * letter: "Ngày hai mươi, tháng hai, năm hai nghìn không trăm hai mươi sáu".
 * NULL for an invalid date. */
char *ht_words_date   (const GDate *date);

/* "s" with its first letter in upper case (a new string). */
char *ht_words_capitalize (const char *s);

G_END_DECLS
