package dev.qaimport.batch.internal;

import dev.qaimport.ImportException;
import dev.qaimport.model.ErrorCodes;
import dev.qaimport.model.JobLease;

/** This worker's lease is no longer the current one; it must stop writing. */
public final class LeaseLostException extends ImportException {
    private static final long serialVersionUID = 1L;

    public LeaseLostException(JobLease lease) {
        super(ErrorCodes.LEASE_LOST, "job " + lease.jobId() + ": worker " + lease.owner() + " lost its lease (attempt "
                + lease.attempt() + "); another worker has taken the job over");
    }
}
