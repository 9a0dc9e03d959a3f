-- qa-import schema for H2 2.2.220 or later (tested on 2.5).
--
-- Every statement is idempotent, so the whole file can run again on an installed schema.
-- SchemaInstaller runs it for you; to manage the schema with Flyway or Liquibase instead, copy
-- this file into a migration unchanged. Tables are created in the connection's current schema.
-- All timestamps are TIMESTAMP WITH TIME ZONE and written by qa-import as UTC instants.

CREATE TABLE IF NOT EXISTS import_jobs (
    id                    UUID                        NOT NULL,
    collection            VARCHAR(64)                 NOT NULL DEFAULT 'default',
    filename              CHARACTER VARYING,
    source_type           VARCHAR(16)                 NOT NULL,
    status                VARCHAR(16)                 NOT NULL,
    options               CHARACTER VARYING           NOT NULL,
    payload_store         VARCHAR(100)                NOT NULL,
    payload_bytes         BIGINT                      NOT NULL DEFAULT 0,
    bytes_read            BIGINT                      NOT NULL DEFAULT 0,
    total_rows            BIGINT,
    processed_rows        BIGINT                      NOT NULL DEFAULT 0,
    success_count         BIGINT                      NOT NULL DEFAULT 0,
    updated_count         BIGINT                      NOT NULL DEFAULT 0,
    error_count           BIGINT                      NOT NULL DEFAULT 0,
    skipped_count         BIGINT                      NOT NULL DEFAULT 0,
    embedded_count        BIGINT                      NOT NULL DEFAULT 0,
    embedding_error_count BIGINT                      NOT NULL DEFAULT 0,
    error_message         CHARACTER VARYING,
    embedding_message     CHARACTER VARYING,
    file_note             CHARACTER VARYING,
    cancel_requested      BOOLEAN                     NOT NULL DEFAULT FALSE,
    attempt               INTEGER                     NOT NULL DEFAULT 0,
    -- Attempts up to this one do not count towards maxAttempts (graceful releases, retries).
    attempt_base          INTEGER                     NOT NULL DEFAULT 0,
    lease_owner           VARCHAR(200),
    lease_expires_at      TIMESTAMP(6) WITH TIME ZONE,
    created_at            TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    started_at            TIMESTAMP(6) WITH TIME ZONE,
    updated_at            TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    completed_at          TIMESTAMP(6) WITH TIME ZONE,
    CONSTRAINT pk_import_jobs PRIMARY KEY (id)
);

-- Installs of earlier snapshots lack attempt_base.
ALTER TABLE import_jobs ADD COLUMN IF NOT EXISTS attempt_base INTEGER NOT NULL DEFAULT 0;

-- Installs of earlier releases have no collections: their jobs and pairs join 'default'.
ALTER TABLE import_jobs ADD COLUMN IF NOT EXISTS collection VARCHAR(64) NOT NULL DEFAULT 'default';

-- Installs of earlier releases have no file note.
ALTER TABLE import_jobs ADD COLUMN IF NOT EXISTS file_note CHARACTER VARYING;

-- claimNext and findStale: claimable jobs by status, oldest first.
CREATE INDEX IF NOT EXISTS ix_import_jobs_status_created ON import_jobs (status, created_at);
-- recent(): newest jobs of a collection first. (It replaces ix_import_jobs_created of earlier releases.)
DROP INDEX IF EXISTS ix_import_jobs_created;
CREATE INDEX IF NOT EXISTS ix_import_jobs_collection_created ON import_jobs (collection, created_at);

CREATE TABLE IF NOT EXISTS qa_pairs (
    id                    UUID                        NOT NULL,
    collection            VARCHAR(64)                 NOT NULL DEFAULT 'default',
    question              CHARACTER VARYING           NOT NULL,
    answer                CHARACTER VARYING           NOT NULL,
    category              VARCHAR(1000),
    tags                  CHARACTER VARYING           NOT NULL,
    status                VARCHAR(16)                 NOT NULL,
    import_job_id         UUID,
    source_row            BIGINT,
    question_key          VARCHAR(128)                NOT NULL,
    embedding_status      VARCHAR(16)                 NOT NULL,
    embedding_key         VARCHAR(255),
    embedding_error       CHARACTER VARYING,
    embedding_claim_owner VARCHAR(200),
    embedding_claim_until TIMESTAMP(6) WITH TIME ZONE,
    created_at            TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    updated_at            TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_qa_pairs PRIMARY KEY (id),
    -- A replayed batch can never store a record of a file twice.
    CONSTRAINT uq_qa_pairs_job_row UNIQUE (import_job_id, source_row)
);

ALTER TABLE qa_pairs ADD COLUMN IF NOT EXISTS collection VARCHAR(64) NOT NULL DEFAULT 'default';

-- The per-batch duplicate lookup, within one collection. (It replaces ix_qa_pairs_question_key
-- of earlier releases, which looked across collections.)
DROP INDEX IF EXISTS ix_qa_pairs_question_key;
CREATE INDEX IF NOT EXISTS ix_qa_pairs_question_key_collection ON qa_pairs (question_key, collection);
-- Claiming pending embeddings in file order, job by job: the claim's ORDER BY is this index's
-- column list, so H2 reads the first pending rows in index order instead of sorting them all.
-- (It replaces ix_qa_pairs_embedding_pending of earlier snapshots.)
DROP INDEX IF EXISTS ix_qa_pairs_embedding_pending;
CREATE INDEX IF NOT EXISTS ix_qa_pairs_embedding_claim ON qa_pairs (embedding_status, import_job_id, source_row);

CREATE TABLE IF NOT EXISTS import_row_errors (
    id                BIGINT GENERATED BY DEFAULT AS IDENTITY,
    job_id            UUID                        NOT NULL,
    source_row        BIGINT                      NOT NULL,
    source_line       BIGINT                      NOT NULL,
    field             VARCHAR(100)                NOT NULL,
    code              VARCHAR(100)                NOT NULL,
    message           CHARACTER VARYING           NOT NULL,
    original_question CHARACTER VARYING,
    original_answer   CHARACTER VARYING,
    created_at        TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_import_row_errors PRIMARY KEY (id),
    CONSTRAINT fk_import_row_errors_job FOREIGN KEY (job_id) REFERENCES import_jobs (id) ON DELETE CASCADE
);

CREATE INDEX IF NOT EXISTS ix_import_row_errors_job_row ON import_row_errors (job_id, source_row);

-- Vectors by cache key (hash of the embedded text, model and dimensions), shared by identical texts.
-- vector: float32 values, little-endian, 4 bytes each.
CREATE TABLE IF NOT EXISTS qa_vectors (
    embedding_key VARCHAR(255)                NOT NULL,
    model         VARCHAR(200)                NOT NULL,
    dimensions    INTEGER                     NOT NULL,
    vector        BINARY VARYING              NOT NULL,
    created_at    TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_qa_vectors PRIMARY KEY (embedding_key)
);

-- Uploaded payloads kept in the database, in chunks so that no single value is large.
CREATE TABLE IF NOT EXISTS import_payload_chunks (
    job_id UUID           NOT NULL,
    seq    INTEGER        NOT NULL,
    data   BINARY VARYING NOT NULL,
    CONSTRAINT pk_import_payload_chunks PRIMARY KEY (job_id, seq)
);

-- Re-embeddings: moving every pair of a collection, or one job's, to the vectors of another model.
-- active is 1 while a re-embedding is unfinished and NULL after: the unique index on (collection,
-- active) allows one unfinished re-embedding per collection (it admits any number of NULLs). lease_expires_at
-- also holds, for one that stopped on a problem, the time before which no process takes it up.
CREATE TABLE IF NOT EXISTS qa_reembeddings (
    id               UUID NOT NULL,
    collection       VARCHAR(64)  NOT NULL DEFAULT 'default',
    job_id           UUID,
    provider         VARCHAR(32)  NOT NULL,
    base_url         CHARACTER VARYING,
    model            VARCHAR(200) NOT NULL,
    dimensions       INTEGER,
    input_template   CHARACTER VARYING,
    status           VARCHAR(16)  NOT NULL,
    active           SMALLINT,
    total_pairs      BIGINT       NOT NULL DEFAULT 0,
    embedded_count   BIGINT       NOT NULL DEFAULT 0,
    reused_count     BIGINT       NOT NULL DEFAULT 0,
    failed_count     BIGINT       NOT NULL DEFAULT 0,
    message          CHARACTER VARYING,
    attempt          INTEGER      NOT NULL DEFAULT 0,
    lease_owner      VARCHAR(200),
    lease_expires_at TIMESTAMP(6) WITH TIME ZONE,
    created_at       TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    updated_at       TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    completed_at     TIMESTAMP(6) WITH TIME ZONE,
    CONSTRAINT pk_qa_reembeddings PRIMARY KEY (id)
);

-- Installs made before collections allowed one unfinished re-embedding in the whole database.
ALTER TABLE qa_reembeddings ADD COLUMN IF NOT EXISTS collection VARCHAR(64) NOT NULL DEFAULT 'default';
ALTER TABLE qa_reembeddings DROP CONSTRAINT IF EXISTS uq_qa_reembeddings_active;
CREATE UNIQUE INDEX IF NOT EXISTS uq_qa_reembeddings_collection_active ON qa_reembeddings (collection, active);

-- What a re-embedding staged, one row per pair: the cache key of the new vector (in qa_vectors)
-- or the reason the provider rejected the input, and the pair's updated_at when it was read, so
-- that the switch gives the staged vector only to pairs that have not changed since.
CREATE TABLE IF NOT EXISTS qa_reembedding_pairs (
    reembedding_id  UUID NOT NULL,
    pair_id         UUID NOT NULL,
    pair_version    TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    embedding_key   VARCHAR(255),
    embedding_error CHARACTER VARYING,
    CONSTRAINT pk_qa_reembedding_pairs PRIMARY KEY (reembedding_id, pair_id)
);
