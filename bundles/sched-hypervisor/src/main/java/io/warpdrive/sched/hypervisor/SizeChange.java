package io.warpdrive.sched.hypervisor;

/** A resize asked for: to a size, or by a number of queues (per direction). */
record SizeChange(int amount, boolean relative) {

    /** {@code N}, {@code +N} or {@code -N}. */
    static SizeChange parse(String text) {
        String t = text.trim();
        try {
            if (t.startsWith("+") || t.startsWith("-")) {
                return new SizeChange(Integer.parseInt(t), true);
            }
            int n = Integer.parseInt(t);
            if (n < 0) {
                throw new IllegalArgumentException("negative size " + n);
            }
            return new SizeChange(n, false);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a size (N, +N or -N)");
        }
    }

    int applyTo(int current) {
        return Math.max(0, relative ? current + amount : amount);
    }

    @Override
    public String toString() {
        return relative ? (amount >= 0 ? "+" : "") + amount : Integer.toString(amount);
    }
}
