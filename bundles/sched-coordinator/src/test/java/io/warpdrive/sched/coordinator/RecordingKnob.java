package io.warpdrive.sched.coordinator;

import java.util.ArrayList;
import java.util.List;

/** A knob that remembers what it was given: values, and "restore". */
final class RecordingKnob implements Knob {
    final List<String> writes = new ArrayList<>();
    long original = 2;

    @Override
    public long original() {
        return original;
    }

    @Override
    public boolean set(long value) {
        writes.add(Long.toString(value));
        return true;
    }

    @Override
    public boolean restore() {
        writes.add("restore");
        return true;
    }
}
