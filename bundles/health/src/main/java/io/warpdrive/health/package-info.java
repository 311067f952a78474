/**
 * Felix Health Checks on the platform's administration ({@link io.warpdrive.admin.Platform}),
 * accounting ({@link io.warpdrive.stats.UsageStats}) and driver ({@link io.warpdrive.lib.Driver})
 * services. Private: the checks are found as {@code org.apache.felix.hc.api.HealthCheck} services.
 */
package io.warpdrive.health;
