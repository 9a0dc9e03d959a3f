/**
 * The life of an import job: taking in the upload, claiming and running jobs under leases with
 * a heartbeat, the job's state machine and the wording of its endings, cancel and retry,
 * workers and the recovery of jobs whose worker died. {@link dev.qaimport.jobs.internal.Engine}
 * wires it all together behind {@link dev.qaimport.QaImport}. Not API.
 */
package dev.qaimport.jobs.internal;
