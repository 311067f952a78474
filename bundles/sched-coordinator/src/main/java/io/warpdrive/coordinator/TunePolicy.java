package io.warpdrive.coordinator;

/**
 * How the tunes of one level of a resource are ordered; the first one is the level's value
 * (the priority coordinator's resource policies).
 */
public enum TunePolicy {
    /** The latest tune is honoured (the default policy). */
    INSTANT_APPLY,
    /** The highest value wins; lower ones are implicitly honoured (e.g. an upper bound). */
    HIGHER_IS_BETTER,
    /** The lowest value wins. */
    LOWER_IS_BETTER,
    /** First in, first out: a tune takes effect when the ones before it have left. */
    LAZY_APPLY
}
