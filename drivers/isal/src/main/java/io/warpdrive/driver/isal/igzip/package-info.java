/**
 * The seam over libisal: {@link io.warpdrive.driver.isal.igzip.Igzip} (the igzip calls and
 * native memory the driver uses), its JNA binding, the struct layouts of
 * {@code igzip_lib.h} and the self-test that checks them against the library loaded.
 * Private to the bundle.
 */
package io.warpdrive.driver.isal.igzip;
