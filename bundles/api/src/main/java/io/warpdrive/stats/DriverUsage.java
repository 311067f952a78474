package io.warpdrive.stats;

import io.warpdrive.lib.CalcType;
import org.osgi.annotation.versioning.ProviderType;

/** One driver: the sum of its devices. */
@ProviderType
public interface DriverUsage extends LoadUsage {

    String driver();

    /** Its calc type, or null when the driver is not present now. */
    CalcType calcType();

    /** True if the driver is present now. */
    boolean present();
}
