package io.warpdrive.driver.isal.igzip;

/** Opens the native library behind {@link Igzip}; the driver is given one, tests give their own. */
@FunctionalInterface
public interface IgzipLoader {

    /**
     * @param library the library to load, e.g. {@code libisal.so.2}
     * @throws IgzipUnavailableException when it cannot be loaded or lacks a function
     */
    Igzip load(String library) throws IgzipUnavailableException;
}
