/**
 * The platform's own pick by expected finish time and the exploration that keeps the
 * performance models current (bundle-private).
 */
package io.warpdrive.core.pick;
