-- qa-import schema for MariaDB 10.6 or later (tested on 10.11); also valid on MySQL 8.0.
--
-- Every statement is idempotent, so the whole file can run again on an installed schema.
-- SchemaInstaller runs it under GET_LOCK; to manage the schema with Flyway or Liquibase instead,
-- copy this file into a migration unchanged. Indexes are declared inside CREATE TABLE so that
-- the file needs no CREATE INDEX IF NOT EXISTS (which MySQL lacks). For the same reason the
-- columns later releases added to existing tables are not added here: SchemaInstaller adds them
-- to an earlier install after looking for them; with a migration tool, run the ALTER TABLE
-- statements listed in docs/SCHEMA.md ("Upgrading an installed schema") once.
--
-- Types: UUIDs are CHAR(36) ASCII (readable, portable to MySQL); timestamps are DATETIME(6)
-- holding UTC wall-clock time, written and read by qa-import without any time-zone conversion,
-- so the server's, session's and JVM's time zones do not matter. Text is utf8mb4 with a binary
-- collation: stored byte for byte, compared exactly.

CREATE TABLE IF NOT EXISTS import_jobs (
    id                    CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    collection            VARCHAR(64)  CHARACTER SET ascii COLLATE ascii_bin NOT NULL DEFAULT 'default',
    filename              TEXT,
    source_type           VARCHAR(16)  NOT NULL,
    status                VARCHAR(16)  NOT NULL,
    options               MEDIUMTEXT   NOT NULL,
    payload_store         VARCHAR(100) NOT NULL,
    payload_bytes         BIGINT       NOT NULL DEFAULT 0,
    bytes_read            BIGINT       NOT NULL DEFAULT 0,
    total_rows            BIGINT,
    processed_rows        BIGINT       NOT NULL DEFAULT 0,
    success_count         BIGINT       NOT NULL DEFAULT 0,
    updated_count         BIGINT       NOT NULL DEFAULT 0,
    error_count           BIGINT       NOT NULL DEFAULT 0,
    skipped_count         BIGINT       NOT NULL DEFAULT 0,
    embedded_count        BIGINT       NOT NULL DEFAULT 0,
    embedding_error_count BIGINT       NOT NULL DEFAULT 0,
    error_message         TEXT,
    embedding_message     TEXT,
    file_note             TEXT,
    cancel_requested      BOOLEAN      NOT NULL DEFAULT FALSE,
    attempt               INTEGER      NOT NULL DEFAULT 0,
    -- Attempts up to this one do not count towards maxAttempts (graceful releases, retries).
    attempt_base          INTEGER      NOT NULL DEFAULT 0,
    lease_owner           VARCHAR(200),
    lease_expires_at      DATETIME(6),
    created_at            DATETIME(6)  NOT NULL,
    started_at            DATETIME(6),
    updated_at            DATETIME(6)  NOT NULL,
    completed_at          DATETIME(6),
    CONSTRAINT pk_import_jobs PRIMARY KEY (id),
    -- claimNext and findStale: claimable jobs by status, oldest first.
    KEY ix_import_jobs_status_created (status, created_at),
    -- recent(): newest jobs first.
    KEY ix_import_jobs_collection_created (collection, created_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE IF NOT EXISTS qa_pairs (
    id                    CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    collection            VARCHAR(64)  CHARACTER SET ascii COLLATE ascii_bin NOT NULL DEFAULT 'default',
    question              MEDIUMTEXT    NOT NULL,
    answer                MEDIUMTEXT    NOT NULL,
    category              VARCHAR(1000),
    tags                  MEDIUMTEXT    NOT NULL,
    status                VARCHAR(16)   NOT NULL,
    import_job_id         CHAR(36) CHARACTER SET ascii COLLATE ascii_bin,
    source_row            BIGINT,
    question_key          VARCHAR(128) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    embedding_status      VARCHAR(16)   NOT NULL,
    embedding_key         VARCHAR(255),
    embedding_error       TEXT,
    embedding_claim_owner VARCHAR(200),
    embedding_claim_until DATETIME(6),
    created_at            DATETIME(6)   NOT NULL,
    updated_at            DATETIME(6)   NOT NULL,
    CONSTRAINT pk_qa_pairs PRIMARY KEY (id),
    -- A replayed batch can never store a record of a file twice.
    CONSTRAINT uq_qa_pairs_job_row UNIQUE KEY (import_job_id, source_row),
    -- The per-batch duplicate lookup.
    KEY ix_qa_pairs_question_key_collection (question_key, collection),
    -- Claiming pending embeddings in file order, job by job, without a sort.
    KEY ix_qa_pairs_embedding_claim (embedding_status, import_job_id, source_row)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE IF NOT EXISTS import_row_errors (
    id                BIGINT       NOT NULL AUTO_INCREMENT,
    job_id            CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    source_row        BIGINT       NOT NULL,
    source_line       BIGINT       NOT NULL,
    field             VARCHAR(100) NOT NULL,
    code              VARCHAR(100) NOT NULL,
    message           TEXT         NOT NULL,
    original_question TEXT,
    original_answer   TEXT,
    created_at        DATETIME(6)  NOT NULL,
    CONSTRAINT pk_import_row_errors PRIMARY KEY (id),
    KEY ix_import_row_errors_job_row (job_id, source_row),
    CONSTRAINT fk_import_row_errors_job FOREIGN KEY (job_id) REFERENCES import_jobs (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Vectors by cache key (hash of the embedded text, model and dimensions), shared by identical texts.
-- vector: float32 values, little-endian, 4 bytes each.
CREATE TABLE IF NOT EXISTS qa_vectors (
    embedding_key VARCHAR(255) NOT NULL,
    model         VARCHAR(200) NOT NULL,
    dimensions    INTEGER      NOT NULL,
    vector        MEDIUMBLOB   NOT NULL,
    created_at    DATETIME(6)  NOT NULL,
    CONSTRAINT pk_qa_vectors PRIMARY KEY (embedding_key)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Uploaded payloads kept in the database, in chunks so that no single value is large
-- (each chunk must fit max_allowed_packet, 16 MiB by default).
CREATE TABLE IF NOT EXISTS import_payload_chunks (
    job_id CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    seq    INTEGER    NOT NULL,
    data   MEDIUMBLOB NOT NULL,
    CONSTRAINT pk_import_payload_chunks PRIMARY KEY (job_id, seq)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Re-embeddings: moving every pair of a collection, or one job's, to the vectors of another model.
-- active is 1 while a re-embedding is unfinished and NULL after: the unique constraint on
-- (collection, active) allows one unfinished re-embedding per collection (it admits any number of
-- NULLs). lease_expires_at
-- also holds, for one that stopped on a problem, the time before which no process takes it up.
CREATE TABLE IF NOT EXISTS qa_reembeddings (
    id               CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    collection       VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL DEFAULT 'default',
    job_id           CHAR(36) CHARACTER SET ascii COLLATE ascii_bin,
    provider         VARCHAR(32)  NOT NULL,
    base_url         TEXT,
    model            VARCHAR(200) NOT NULL,
    dimensions       INTEGER,
    input_template   TEXT,
    status           VARCHAR(16)  NOT NULL,
    active           SMALLINT,
    total_pairs      BIGINT       NOT NULL DEFAULT 0,
    embedded_count   BIGINT       NOT NULL DEFAULT 0,
    reused_count     BIGINT       NOT NULL DEFAULT 0,
    failed_count     BIGINT       NOT NULL DEFAULT 0,
    message          TEXT,
    attempt          INTEGER      NOT NULL DEFAULT 0,
    lease_owner      VARCHAR(200),
    lease_expires_at DATETIME(6),
    created_at       DATETIME(6) NOT NULL,
    updated_at       DATETIME(6) NOT NULL,
    completed_at     DATETIME(6),
    CONSTRAINT pk_qa_reembeddings PRIMARY KEY (id),
    CONSTRAINT uq_qa_reembeddings_collection_active UNIQUE (collection, active)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- What a re-embedding staged, one row per pair: the cache key of the new vector (in qa_vectors)
-- or the reason the provider rejected the input, and the pair's updated_at when it was read, so
-- that the switch gives the staged vector only to pairs that have not changed since.
CREATE TABLE IF NOT EXISTS qa_reembedding_pairs (
    reembedding_id  CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    pair_id         CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    pair_version    DATETIME(6) NOT NULL,
    embedding_key   VARCHAR(255),
    embedding_error TEXT,
    CONSTRAINT pk_qa_reembedding_pairs PRIMARY KEY (reembedding_id, pair_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
