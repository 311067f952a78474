/**
 * An example of a bundle that uses WarpDrive: the pattern the README points consumers to.
 * Private to the bundle.
 *
 * <p>{@link io.warpdrive.example.consumer.LogCompressor} gzips rotated logs in the
 * background and shows how to live with a platform that comes and goes (a dynamic
 * reference); {@link io.warpdrive.example.consumer.GzipCommand} is the simplest use (a
 * static reference). Both compress through
 * {@link io.warpdrive.example.consumer.FileGzipper}, which is where the one line that
 * differs from {@code java.util.zip} is.
 */
package io.warpdrive.example.consumer;
