package io.warpdrive.driver.hisi_zip.zip;

/**
 * How one kind of job is served with SQEs: what the first SQE is, and after each
 * completion whether another SQE follows or the job is done. A flow keeps nothing itself;
 * the job's state is in its {@link JobContext} (and, for a stream, in the stream's
 * {@link StreamContext}).
 */
interface ZipFlow {

    /** Prepares the first SQE in {@code c.sqe}: true to send it; false when the outcome is already set. */
    boolean start(JobContext c);

    /** Interprets {@code c.result}: true when {@code c.sqe} holds the next SQE to send; false when the outcome is set. */
    boolean completed(JobContext c);
}
