/**
 * Limits on what a record may hold, so that a hostile or broken file is
 * refused in one line before anything large is allocated.
 *
 * @module
 */

/**
 * The most signals (leads) a record may have to be drawn: a header or
 * signal table with more is refused with an error naming the file, before
 * any signal is decoded. A page of 64 rows is already 3.5 mm per row on
 * A4.
 */
export const MAX_LEADS = 64;
