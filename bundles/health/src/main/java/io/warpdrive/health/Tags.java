package io.warpdrive.health;

/** The {@code hc.tags} the checks carry; one name per concept, as in the docs. */
final class Tags {
    static final String WARPDRIVE = "warpdrive";
    static final String HARDWARE = "hardware";
    static final String SCHEDULING = "scheduling";

    private Tags() {
    }
}
