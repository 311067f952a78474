/**
 * Device health (bundle-private): compress-and-verify of hardware output before it is delivered,
 * and the quarantine of a device whose output was wrong: it gets no traffic
 * ({@code DeviceModel.refuse}) and says why in {@code wd:devices}, JMX and the web console.
 */
package io.warpdrive.core.engine.health;
