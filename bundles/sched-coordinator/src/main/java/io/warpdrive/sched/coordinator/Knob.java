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

    /**
     * Knobs written together, as one: the first one's setting is the original, and each
     * {@link #set} and {@link #restore} is tried on every knob (one that fails does not keep
     * the others from being written).
     */
    static Knob together(Knob first, Knob... more) {
        return new Knob() {
            @Override
            public long original() {
                return first.original();
            }

            @Override
            public boolean set(long value) {
                boolean all = first.set(value);
                for (Knob k : more) {
                    all &= k.set(value);
                }
                return all;
            }

            @Override
            public boolean restore() {
                boolean all = first.restore();
                for (Knob k : more) {
                    all &= k.restore();
                }
                return all;
            }
        };
    }
}
