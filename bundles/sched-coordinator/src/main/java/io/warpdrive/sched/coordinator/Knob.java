package io.warpdrive.sched.coordinator;

/** A setting outside the coordinator that a resource's value in force is written to. */
interface Knob {

    /** The setting as it is without the coordinator (what {@link #restore()} puts back). */
    long original();

    /**
     * Writes a value.
     *
     * @return false when it could not be written now (the reason is logged); it is tried again at
     *         the next change
     */
    boolean set(long value);

    /** Puts back the setting found before the first {@link #set}; nothing if never set. */
    boolean restore();

    /** A knob that writes nowhere (no Configuration Admin, tests). */
    Knob NONE = new Knob() {
        @Override
        public long original() {
            return 0;
        }

        @Override
        public boolean set(long value) {
            return true;
        }

        @Override
        public boolean restore() {
            return true;
        }
    };
}
