/**
 * Configuration checking for components: a component hands each configuration Configuration
 * Admin delivers to a {@link io.warpdrive.config.ConfigurationGuard}, which checks every value
 * against the component's Metatype and gives back only values the component can use.
 */
@Export
@Version("1.0.0")
package io.warpdrive.config;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
