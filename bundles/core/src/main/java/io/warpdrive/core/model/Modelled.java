package io.warpdrive.core.model;

/** A queue whose device has a performance model (every queue of the engine). */
public interface Modelled {
    DeviceModel model();
}
